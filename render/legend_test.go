package render

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
)

// branchHandoff has one branch, which is also a handoff (same channel,
// another owner), and no plain branch.
const branchHandoff = `title: Glasses
moments:
  - id: call
    name: Calls the shop
    owner: Reception
    channel: phone
    next: [visit, fit]
  - id: visit
    name: Visits the shop
    owner: Reception
    channel: in person
  - id: exam
    name: Has the eye exam
    owner: Optometry
    channel: in person
  - id: fit
    name: Gets the frames fitted
    owner: Sales
    channel: phone
  - id: pay
    name: Pays
    owner: Cashier
    channel: in person
`

var (
	dotEdgeRE = regexp.MustCompile(`(?m)^\t"[^"]*" -> "[^"]*" \[(.*)\];$`)
	dotAttrRE = regexp.MustCompile(`(\w+)=("[^"]*"|[^,\]]+)`)
)

// edgeLook is how an edge is drawn: colour, dash style, pen width and
// whether it bends (branches do; the legend bends its branch samples).
type edgeLook struct {
	color, style, width string
	bent                bool
}

// edgeLooks returns the looks of the edges of the diagram and those of
// the legend's samples.
func edgeLooks(t *testing.T, dot string, th *theme) (drawn, legend []edgeLook) {
	t.Helper()
	for _, m := range dotEdgeRE.FindAllStringSubmatch(dot, -1) {
		at := map[string]string{}
		for _, kv := range dotAttrRE.FindAllStringSubmatch(m[1], -1) {
			at[kv[1]] = strings.Trim(kv[2], `"`)
		}
		l := edgeLook{color: at["color"], style: at["style"], width: at["penwidth"]}
		if l.color == "" {
			l.color = th.Flow
		}
		if l.width == "" {
			l.width = "1.6"
		}
		class := at["class"]
		switch {
		case strings.HasPrefix(class, "legend"):
			ys := map[string]bool{}
			for _, p := range strings.Fields(strings.TrimPrefix(at["pos"], "e,")) {
				ys[p[strings.Index(p, ",")+1:]] = true
			}
			l.bent = len(ys) > 1
			legend = append(legend, l)
		case slices.Contains([]string{"sequence", "return", "branch", "end"}, strings.SplitN(class, " ", 2)[0]):
			l.bent = strings.Contains(class, "branch")
			drawn = append(drawn, l)
		}
	}
	return drawn, legend
}

// TestLegendMatchesDrawnEdges: every edge sample in the legend looks like
// an edge of the diagram (colour, dash, width, bend), and every look of
// edge the diagram draws has its sample: in every fixture, example and
// theme, and for a branch that is also a handoff.
func TestLegendMatchesDrawnEdges(t *testing.T) {
	type cas struct {
		name string
		data []byte
	}
	var cases []cas
	for _, c := range goldenCases(t) {
		if c.opts == (Options{}) {
			cases = append(cases, cas{c.file, nil})
		}
	}
	cases = append(cases, cas{"branch-handoff", []byte(branchHandoff)})
	for _, c := range cases {
		for _, th := range Themes {
			t.Run(c.name+"/"+th, func(t *testing.T) {
				var a *cycle.Analysis
				if c.data == nil {
					a = load(t, c.name)
				} else {
					a = analyse(t, c.name, c.data)
				}
				dot, err := DOT(a, Options{Theme: th})
				if err != nil {
					t.Fatal(err)
				}
				drawn, legend := edgeLooks(t, string(dot), themes[th])
				for _, l := range legend {
					if !slices.Contains(drawn, l) {
						t.Errorf("the legend shows an edge %+v that the diagram does not draw; it draws %+v", l, drawn)
					}
				}
				if th == "print" {
					// no hue: a plain branch must differ from the
					// customer's next step and from a handoff by its dash
					for _, l := range drawn {
						if l.bent && l.color != themes[th].Handoff && (l.style == "" || l.style == "dashed") {
							t.Errorf("print: a branch is drawn %+v, told from the other edges by grey and bend only", l)
						}
					}
				}
				for _, l := range drawn {
					if !slices.Contains(legend, l) {
						t.Errorf("the diagram draws an edge %+v that the legend does not show; it shows %+v", l, legend)
					}
				}
			})
		}
	}
}

// TestLegendPerformanceScale: the performance sample has as many dots as
// the cycle's scale.
func TestLegendPerformanceScale(t *testing.T) {
	for file, scale := range map[string]int{"../examples/airline.yaml": 10, "testdata/repair12.yaml": 5} {
		a := load(t, file)
		if a.Cycle.Scale != scale {
			t.Fatalf("%s: scale %d, the test expects %d", file, a.Cycle.Scale, scale)
		}
		dot, err := DOT(a, Options{})
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`class="legend legend-performance", shape=plaintext[^\n]*>([●○]+)<`).FindSubmatch(dot)
		if m == nil {
			t.Fatalf("%s: no performance sample in the legend", file)
		}
		if n := len([]rune(string(m[1]))); n != scale {
			t.Errorf("%s: the performance sample %s has %d dots; the scale is %d", file, m[1], n, scale)
		}
	}
}
