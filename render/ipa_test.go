package render

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// TestIPATruePositions: in the matrix every scored moment reads at its
// true scores. Read back from the drawing: a lone disc's centre, or the
// centre of the cluster of the moments with the same scores, lies on its
// scores (within half a point), unless they sit on a divider (or within
// two discs of one, too near for the discs to keep to their quadrant),
// where a dot does and a line runs from it to each disc leaning into the
// quadrant;
// a cluster's label holds the number of every moment in it; every label
// lies inside the plot's frame, its middle in its point's quadrant; and on a paper a point drawn without a
// label beside it has its number and name in the key. Over the examples and generated
// cycles of 3 to 60 moments, on an auto page and on a4.
func TestIPATruePositions(t *testing.T) {
	type input struct {
		name string
		a    *cycle.Analysis
	}
	var in []input
	for _, f := range []string{"../examples/airline.yaml", "testdata/repair12.yaml", "testdata/garantia_es.yaml", "testdata/long60.yaml"} {
		in = append(in, input{f, load(t, f)})
	}
	for _, n := range []int{3, 4, 7, 12, 20, 31, 45, 60} {
		for seed := int64(1); seed <= 3; seed++ {
			in = append(in, input{fmt.Sprintf("gen%d-%d", n, seed), analyse(t, "gen.yaml", genCycle(n, seed*7919+int64(n)))})
		}
	}
	ties := 0
	for _, c := range in {
		for _, page := range []string{"auto", "a4"} {
			t.Run(c.name+"/"+page, func(t *testing.T) {
				o, err := checkInput(c.a, Options{View: "ipa", Page: page})
				if err != nil {
					t.Fatal(err)
				}
				d := ipaView(c.a, o)
				ties += checkIPAPositions(t, c.a, d)
				// on the paper too, every mark on the page and none over another
				marksApart(t, d.Page, marks(d, viewMarks["ipa"]))
				if page != "auto" && d.MinTextSize() < draw.MinNoteSize-0.01 && len(d.Warnings) == 0 {
					t.Errorf("text at %.1f pt and no warning", d.MinTextSize())
				}
			})
		}
	}
	if ties == 0 {
		t.Error("no moments with the same scores in any input: the test shows nothing about ties")
	}
}

// checkIPAPositions checks one drawn matrix and returns how many moments
// share their scores with another.
func checkIPAPositions(t *testing.T, a *cycle.Analysis, d *draw.Drawing) int {
	t.Helper()
	boxes := map[string]*draw.Box{}
	routes := map[string]*draw.Route{}
	d.Each(func(it Item) {
		switch x := it.(type) {
		case *draw.Box:
			if x.ID != "" {
				boxes[x.ID] = x
			}
		case *draw.Route:
			if x.ID != "" {
				routes[x.ID] = x
			}
		}
	})
	frame := boxes["frame"]
	if frame == nil {
		t.Fatal("no frame")
	}
	scale := float64(a.Cycle.Scale)
	at := func(m *cycle.MomentAnalysis) pt {
		f := frame.Rect
		return pt{X: f.Min().X + (scoreValue(m.Performance)-0.5)*f.W/scale, Y: f.Min().Y + (scoreValue(m.Importance)-0.5)*f.H/scale}
	}
	near := func(p, q pt) bool { return math.Abs(p.X-q.X) < 0.5 && math.Abs(p.Y-q.Y) < 0.5 }
	si, sp := ipaSplit(a)
	var divX, divY float64
	if r := routes["divider-performance"]; r != nil {
		divX = r.Path[0].X
	}
	if r := routes["divider-importance"]; r != nil {
		divY = r.Path[0].Y
	}
	// the moments by their scores, in file order
	type key [2]float64
	var keys []key
	same := map[key][]*cycle.MomentAnalysis{}
	for _, m := range a.Moments {
		if !scored(m.Importance) || !scored(m.Performance) {
			continue
		}
		k := key{scoreValue(m.Importance), scoreValue(m.Performance)}
		if same[k] == nil {
			keys = append(keys, k)
		}
		same[k] = append(same[k], m)
	}
	tied := 0
	for _, k := range keys {
		ms := same[k]
		want := at(ms[0])
		var cluster rect
		for j, m := range ms {
			b := boxes["moment-"+m.ID]
			if b == nil {
				t.Fatalf("no disc for %s", m.ID)
			}
			if j == 0 {
				cluster = b.Rect
			} else {
				cluster = cluster.Union(b.Rect)
			}
		}
		_, leaned := routes["stack-"+ms[0].ID]
		if k[0] == si || k[1] == sp || leaned {
			// on a divider (or near enough that the discs lean off it):
			// the exact dot, and a line from it to each disc
			if dx, dy := math.Abs(want.X-divX), math.Abs(want.Y-divY); min(dx, dy) > 2*ipaPitch {
				t.Errorf("%s leans off its scores %v, %.0f and %.0f points from the dividers", ms[0].ID, want, dx, dy)
			}
			dot := boxes["exact-"+ms[0].ID]
			if dot == nil || !near(dot.Rect.Centre(), want) {
				t.Errorf("%s on a divider: the dot %v, want it at %v", ms[0].ID, dot, want)
			}
			for _, m := range ms {
				r := routes["stack-"+m.ID]
				if r == nil || !near(r.Path[0], want) || !near(r.Path[len(r.Path)-1], boxes["moment-"+m.ID].Rect.Centre()) {
					t.Errorf("%s on a divider: no line from its scores %v to its disc", m.ID, want)
				}
			}
		} else if !near(cluster.Centre(), want) {
			t.Errorf("%s (%d with these scores) centred at %v, its scores are at %v", ms[0].ID, len(ms), cluster.Centre(), want)
		}
		// the label beside the point, or on a paper the key's line
		label := boxes["label-"+ms[0].ID]
		if label == nil {
			label = boxes["point-key"]
		} else {
			if !contains(frame.Rect, label.Rect) {
				t.Errorf("label of %s %v leaves the frame %v", ms[0].ID, label.Rect, frame.Rect)
			}
			// its middle in the quadrant of its discs, or it reads as a
			// point of the next quadrant
			lc, dc := label.Rect.Centre(), cluster.Centre()
			// a label across a divider stands on the page's colour, so
			// that the divider does not strike its text through
			if r := label.Rect; (math.Abs(r.X-divX) < r.W/2 || math.Abs(r.Y-divY) < r.H/2) && label.Fill == "" {
				t.Errorf("label of %s %v lies across a divider with no ground under its text", ms[0].ID, r)
			}
			if (lc.X-divX)*(dc.X-divX) < 0 || (lc.Y-divY)*(dc.Y-divY) < 0 {
				t.Errorf("label of %s at %v, across a divider from its point at %v", ms[0].ID, lc, dc)
			}
		}
		if label == nil {
			t.Errorf("no label for %s", ms[0].ID)
			continue
		}
		var words []string
		label.Label.Texts(func(s string) {
			words = append(words, strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })...)
		})
		if label.ID == "point-key" {
			for _, m := range ms {
				if !slices.Contains(words, fmt.Sprint(m.Number())) || !slices.Contains(words, strings.Fields(shortName(m.Name, ipaKeyLen))[0]) {
					t.Errorf("%s has no label beside it and is not in the key %q", m.ID, words)
				}
			}
		}
		if len(ms) < 2 {
			continue
		}
		tied += len(ms)
		for _, m := range ms {
			if !slices.Contains(words, fmt.Sprint(m.Number())) {
				t.Errorf("the label %q of the moments at %v lacks %d", words, k, m.Number())
			}
		}
	}
	return tied
}

// TestIPAWholeNames: on airline's matrix on A4 a lone point's name longer
// than the short name is written whole where it finds room (moment 1,
// "Books the flight online"), on at most two lines; every other label is
// the whole name or one of the short forms.
func TestIPAWholeNames(t *testing.T) {
	a := load(t, "../examples/airline.yaml")
	o, err := checkInput(a, Options{View: "ipa", Page: "a4"})
	if err != nil {
		t.Fatal(err)
	}
	d := ipaView(a, o)
	labels := map[string]string{}
	d.Each(func(it draw.Item) {
		b, ok := it.(*draw.Box)
		if !ok || b.Class != "point-label" {
			return
		}
		if len(b.Label.Lines) > 2 {
			t.Errorf("%s: %d lines", b.ID, len(b.Label.Lines))
		}
		var s []string
		b.Label.Texts(func(x string) { s = append(s, x) })
		labels[strings.TrimPrefix(b.ID, "label-")] = strings.Join(s, " ")
	})
	if got := labels["booking"]; got != "Books the flight online" {
		t.Errorf("moment 1's label %q, want its whole name", got)
	}
	whole := 0
	for _, m := range a.Moments {
		got, ok := labels[m.ID]
		switch {
		case !ok || slices.ContainsFunc(a.Moments, func(o *cycle.MomentAnalysis) bool {
			return o != m && o.Importance == m.Importance && o.Performance == m.Performance
		}):
			continue // keyed, or in a cluster's label
		case got == oneLine(m.Name):
			whole++
		case got != shortName(m.Name, ipaNameLen) && got != shortName(m.Name, ipaNameShort):
			t.Errorf("moment %d labelled %q: neither its whole name nor its short name", m.Number(), got)
		}
	}
	if whole < 3 {
		t.Errorf("%d whole names, want at least 3 (%v)", whole, labels)
	}
}

// TestIPAKeyAndUnscored: the list of moments without scores under the
// matrix names them whole (hotel's moment 9 was cut to "Asks the
// concierge…" with the width free), and the key of points drawn without
// their names lists them in number order.
// TestIPANamesWhole: on a paper the moments are named whole on the
// page, beside their points or, where a name is shortened there ("Waits
// at…") or a cluster shows numbers alone, in the key after its number,
// when the key has room: it may not take the names below 9 pt nor draw
// the page more than a tenth smaller (ipaKeyShrink). Airline's matrix on
// A4 had six names cut short and named nowhere. On A4 banco's and
// garantia's have no such room (the key would set names at 8.7 pt), and
// keep some names short, and say on stderr how many: the test says so,
// so that it asks to be updated when they find room.
func TestIPANamesWhole(t *testing.T) {
	flat := func(b *draw.Box) string {
		var sb strings.Builder
		if b != nil {
			b.Label.Texts(func(s string) { sb.WriteString(s + " ") })
		}
		return strings.Join(strings.Fields(sb.String()), " ")
	}
	short := map[string]bool{"banco a4": true, "garantia a4": true} // no room for the key
	files, _ := filepath.Glob("../examples/*.yaml")
	for _, file := range files {
		a := load(t, file)
		for _, page := range []string{"a4", "slide"} {
			o, err := checkInput(a, Options{View: "ipa", Page: page})
			if err != nil {
				t.Fatal(err)
			}
			boxes := map[string]*draw.Box{}
			d := ipaView(a, o)
			d.Each(func(it draw.Item) {
				if b, ok := it.(*draw.Box); ok {
					boxes[b.ID] = b
				}
			})
			key := flat(boxes["point-key"])
			var labels []string
			for id, b := range boxes {
				if strings.HasPrefix(id, "label-") {
					labels = append(labels, flat(b))
				}
			}
			beside := strings.Join(labels, " | ")
			var missing []string
			for _, m := range a.Moments {
				if !scored(m.Importance) || !scored(m.Performance) {
					continue // named under the matrix (TestIPAKeyAndUnscored)
				}
				name := strings.Join(strings.Fields(m.Name), " ")
				if !strings.Contains(beside, name) && !strings.Contains(key, fmt.Sprintf("%d %s", m.Number(), name)) {
					missing = append(missing, name)
				}
			}
			c := strings.TrimSuffix(filepath.Base(file), ".yaml") + " " + page
			switch {
			case !short[c] && len(missing) > 0:
				t.Errorf("%s: names neither whole beside a point nor in the key %q: %q", c, key, missing)
			case short[c] && len(missing) == 0:
				t.Errorf("%s: every name is whole now; take it off the list of matrices with no room for the key", c)
			}
			// the names left short are said on stderr, with their count
			var want []string
			if len(missing) > 0 {
				paper, _ := draw.LookupPaper(page)
				want = []string{fmt.Sprintf(viewVocabulary[o.Lang].WarnKeyShort, paperWord(vocabulary[o.Lang], paper.Name), len(missing))}
			}
			if !slices.Equal(d.Warnings, want) {
				t.Errorf("%s: warnings %q, want %q", c, d.Warnings, want)
			}
		}
	}
}

func TestIPAKeyAndUnscored(t *testing.T) {
	text := func(d *draw.Drawing, id string) (lines []string) {
		d.Each(func(it draw.Item) {
			if b, ok := it.(*draw.Box); ok && b.ID == id {
				for _, l := range b.Label.Lines {
					var s string
					for _, sp := range l.Spans {
						s += sp.Text
					}
					lines = append(lines, s)
				}
			}
		})
		return lines
	}
	a := load(t, "../examples/hotel.yaml")
	o, err := checkInput(a, Options{View: "ipa", Page: "a4"})
	if err != nil {
		t.Fatal(err)
	}
	unscored := strings.Join(text(ipaView(a, o), "unscored"), " ")
	for _, m := range a.Moments {
		if !scored(m.Importance) || !scored(m.Performance) {
			if !strings.Contains(unscored, strings.Join(strings.Fields(m.Name), " ")) && !strings.Contains(strings.ReplaceAll(unscored, " ", ""), strings.ReplaceAll(m.Name, " ", "")) {
				t.Errorf("moment %d not named whole under the matrix: %q", m.Number(), unscored)
			}
		}
	}
	keyed := 0
	for seed := int64(1); seed <= 3; seed++ {
		a := analyse(t, "gen.yaml", genCycle(60, seed*7919+60))
		o, _ := checkInput(a, Options{View: "ipa", Page: "a4"})
		lines := text(ipaView(a, o), "point-key")
		last := 0
		for i, l := range lines[min(1, len(lines)):] { // after the heading
			var n int
			if _, err := fmt.Sscanf(l, "%d", &n); err != nil {
				if i == 0 {
					t.Fatalf("key line %q has no number", l)
				}
				continue // a long name's next line
			}
			if n <= last {
				t.Errorf("seed %d: the key lists %d after %d", seed, n, last)
			}
			last = n
			keyed++
		}
	}
	if keyed == 0 {
		t.Error("no point was keyed: the test shows nothing about the key's order")
	}
}
