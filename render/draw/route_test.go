package draw

import (
	"strings"
	"testing"
)

// TestRouteLegs: a route with legs is one DOT edge whose pos is a
// Graphviz spline list, a spline with its own head per leg; its bounds,
// moves and scaling take in every leg.
func TestRouteLegs(t *testing.T) {
	r := &Route{Meta: Meta{ID: "arrows"}, Path: Line(Pt{0, 0}, Pt{10, 0}), Head: ArrowNormal, Tip: Pt{19, 0},
		Legs: []Leg{
			{Path: Line(Pt{40, 0}, Pt{50, 0}), Tip: Pt{59, 0}},
			{Path: Line(Pt{80, 20}, Pt{90, 20}), Tip: Pt{99, 20}},
		}}
	d := &Drawing{Name: "legs", Page: Rect{50, 10, 120, 60}}
	d.Add(r)
	dot := string(d.DOT())
	if n := strings.Count(dot, "->"); n != 1 {
		t.Fatalf("%d edges, want 1:\n%s", n, dot)
	}
	want := `pos="e,19.00,0.00 0.00,0.00 3.33,0.00 6.67,0.00 10.00,0.00;e,59.00,0.00 40.00,0.00 43.33,0.00 46.67,0.00 50.00,0.00;e,99.00,20.00 80.00,20.00 83.33,20.00 86.67,20.00 90.00,20.00"`
	if !strings.Contains(dot, want) {
		t.Errorf("the edge's pos is not the three splines %s:\n%s", want, dot)
	}
	if b := r.Bounds(); b.Min().X > 0 || b.Max().X < 99+ArrowLen-0.01 || b.Max().Y < 20 {
		t.Errorf("bounds %v miss a leg", b)
	}
	r.Move(Pt{1, 1})
	if got := r.Legs[1].Tip; got != (Pt{100, 21}) {
		t.Errorf("moved tip %v, want (100, 21)", got)
	}
	d.Scale(2, Pt{})
	if got := r.Legs[1].Path[0]; got != (Pt{162, 42}) {
		t.Errorf("scaled leg starts at %v, want (162, 42)", got)
	}
	if got := r.Legs[0].Tip; got != (Pt{120, 2}) {
		t.Errorf("scaled tip %v, want (120, 2)", got)
	}
}
