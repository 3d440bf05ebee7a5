package render

import (
	"math"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// TestBranchesEndOnTheOutline: a branch starts and ends on the drawn
// outline of its moments, rounded corners included (Graphviz rounds a
// box's corners with a radius of 12 points), not short of it.
func TestBranchesEndOnTheOutline(t *testing.T) {
	checked := 0
	for _, file := range []string{"../examples/restaurante.yaml", "testdata/branches.yaml", "../examples/hotel.yaml", "../examples/banco.yaml"} {
		a := load(t, file)
		o, err := Options{}.normalize(a.Cycle.Language)
		if err != nil {
			t.Fatal(err)
		}
		d := newDiagram(a, o)
		for _, e := range a.Edges {
			if e.Kind != cycle.Branch {
				continue
			}
			pts, tip := d.edgeRoute(e)
			for _, end := range []struct {
				m *mnode
				p pt
			}{{d.moments[e.From.Index], pts[0]}, {d.moments[e.To.Index], tip}} {
				r := draw.CornerRadius
				if end.m.ma.Critical {
					r = 0 // square corners
				}
				if dist := draw.RoundedDist(end.m.box, r, end.p); math.Abs(dist) > 0.5 {
					t.Errorf("%s: branch %s -> %s: end %v is %.1f pt from the outline of %s", file, e.From.ID, e.To.ID, end.p, dist, end.m.ma.ID)
				}
				checked++
			}
		}
	}
	if checked < 4 {
		t.Fatalf("only %d branch ends checked", checked)
	}
}
