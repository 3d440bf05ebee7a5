package render

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// TestBlueprintArrowsAsLegs: the blueprint draws the arrows of a kind as
// legs of a few routes (one Graphviz edge per maxLegs arrows), and loses
// none: every step to the next moment is a leg, and the SVG has an
// arrowhead for every leg, on the auto page and on a4's rows.
func TestBlueprintArrowsAsLegs(t *testing.T) {
	for _, page := range []string{"auto", "a4"} {
		t.Run(page, func(t *testing.T) {
			a := analyse(t, "gen.yaml", genCycle(130, 7))
			o, err := checkInput(a, Options{View: "blueprint", Page: page})
			if err != nil {
				t.Fatal(err)
			}
			d := blueprintView(a, o)
			steps := 0
			for _, e := range a.Edges {
				if e.Kind == cycle.Sequence {
					steps++
				}
			}
			legs, seq, routes, heads := 0, 0, 0, 0
			for _, p := range allPages(d) {
				for _, it := range p.Items {
					r, ok := it.(*draw.Route)
					if !ok || !strings.HasPrefix(r.ID, "arrows-") {
						continue
					}
					routes++
					n := 1 + len(r.Legs)
					if n > maxLegs {
						t.Errorf("%s has %d legs, more than %d", r.ID, n, maxLegs)
					}
					legs += n
					if r.Class == "sequence" {
						seq += n
					}
				}
				svg, err := Write(context.Background(), p, Options{})
				if err != nil {
					t.Fatal(err)
				}
				for id, g := range groups(parseSVG(t, svg.Data), "edge") {
					if !strings.HasPrefix(id, "arrows-") {
						continue
					}
					g.walk(func(n *svgNode) {
						if n.XMLName.Local == "polygon" {
							heads++
						}
					})
				}
			}
			// a step across rows is drawn at both rows' edges
			if seq < steps {
				t.Errorf("%d steps to the next moment drawn, want %d or more", seq, steps)
			}
			if heads != legs {
				t.Errorf("%d arrowheads in the SVG for %d arrows", heads, legs)
			}
			// one row: a route per kind of arrow and maxLegs arrows
			if page == "auto" && routes*4 > legs {
				t.Errorf("%d routes for %d arrows: the arrows are not gathered", routes, legs)
			}
			t.Logf("%d arrows in %d routes", legs, routes)
		})
	}
}

// TestBlueprintContinuationMarks: where a step runs to or from a moment in
// another row, the mark at the row's edge has its arrow next to the edge,
// pointing the way the step runs, and the other moment's number at the
// far end. airline on A4 has steps to later rows, from earlier ones and
// the return from the last moment, which arrives from a later row.
func TestBlueprintContinuationMarks(t *testing.T) {
	for _, c := range []struct {
		leaves, left bool
		want         string
	}{{true, false, "→ 7"}, {true, true, "7 ←"}, {false, true, "3 →"}, {false, false, "← 3"}} {
		if got := continuationMark(c.leaves, c.left, 3, 7); got != c.want {
			t.Errorf("continuationMark(leaves %v, left %v, 3, 7) = %q, want %q", c.leaves, c.left, got, c.want)
		}
	}
	data, err := os.ReadFile("../examples/airline.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a := analyse(t, "airline.yaml", data)
	o, err := checkInput(a, Options{View: "blueprint", Page: "a4"})
	if err != nil {
		t.Fatal(err)
	}
	d := blueprintView(a, o)
	seen := map[string]bool{}
	for _, p := range allPages(d) {
		for _, it := range p.Items {
			b, ok := it.(*draw.Box)
			if !ok || b.Class != "continuation" {
				continue
			}
			var s string
			b.Label.Texts(func(x string) { s += x })
			right := b.Rect.X > 0
			arrowFirst := strings.HasPrefix(s, "→") || strings.HasPrefix(s, "←")
			if right != arrowFirst {
				t.Errorf("%s: %q on the %s edge: the arrow stands away from the edge", p.Name, s, map[bool]string{true: "right", false: "left"}[right])
			}
			for _, arrow := range []string{"→", "←"} {
				if strings.Contains(s, arrow) {
					seen[arrow] = true
				}
			}
		}
	}
	if !seen["←"] || !seen["→"] {
		t.Errorf("airline on A4 shows marks %v; want steps running both ways (the return 11 → 1 arrives from a later row)", seen)
	}
}
