package draw

import (
	"math"
	"strings"
	"testing"
)

// catmullRom joins the points with cubic segments as the clock face's
// branches are made: closely spaced samples of a smooth curve.
func catmullRom(pts []Pt) []Pt {
	out := []Pt{pts[0]}
	at := func(i int) Pt { return pts[min(max(i, 0), len(pts)-1)] }
	for i := 0; i+1 < len(pts); i++ {
		p0, p1, p2, p3 := at(i-1), at(i), at(i+1), at(i+2)
		out = append(out, p1.Add(p2.Sub(p0).Mul(1.0/6)), p2.Sub(p3.Sub(p1).Mul(1.0/6)), p2)
	}
	return out
}

// farthest is the largest distance from a point of a's samples to the
// polyline through b's dense samples.
func farthest(a, b []Pt) float64 {
	dense := Samples(b, 64)
	worst := 0.0
	for _, x := range Samples(a, 64) {
		best := math.Inf(1)
		for i := 1; i < len(dense); i++ {
			best = min(best, segDist(x, dense[i-1], dense[i]))
		}
		worst = max(worst, best)
	}
	return worst
}

func segDist(x, a, b Pt) float64 {
	d := b.Sub(a)
	t := 0.0
	if l := dot(d, d); l > 0 {
		t = min(max(dot(x.Sub(a), d)/l, 0), 1)
	}
	return x.Sub(a.Add(d.Mul(t))).Len()
}

// turn is the largest angle, in degrees, between the tangents on either
// side of a joint of a Bézier path.
func turn(path []Pt) float64 {
	worst := 0.0
	for i := 3; i+1 < len(path); i += 3 {
		in, _ := direction(path[i], path[i-1], path[i-2])
		out, _ := direction(path[i], path[i+1], path[i+2])
		worst = max(worst, math.Acos(min(max(-dot(in, out), -1), 1))*180/math.Pi)
	}
	return worst
}

func TestSimplify(t *testing.T) {
	spiral := func(n int, r0, r1, a0, a1 float64) []Pt {
		var pts []Pt
		for k := 0; k <= n; k++ {
			u := float64(k) / float64(n)
			pts = append(pts, Polar(r0+(r1-r0)*u*u, a0+(a1-a0)*u))
		}
		return pts
	}
	cases := []struct {
		name string
		path []Pt
		tol  float64
	}{
		{"a bend into a lane", catmullRom(spiral(21, 200, 150, 0, 0.6)), 0.2},
		{"a long lane on a large ring", catmullRom(spiral(60, 30000, 29900, 1, 1.05)), 0.2},
		{"a tight hook", catmullRom(spiral(12, 40, 10, 0, 3)), 0.1},
		{"a straight line", Polyline(Pt{0, 0}, Pt{50, 0}, Pt{100, 0}, Pt{150, 0}), 0.2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Simplify(c.path, c.tol)
			if len(got)%3 != 1 || len(got) > len(c.path) {
				t.Fatalf("%d points from %d: not a shorter Bézier path", len(got), len(c.path))
			}
			if got[0] != c.path[0] || got[len(got)-1] != c.path[len(c.path)-1] {
				t.Errorf("ends moved: %v %v, want %v %v", got[0], got[len(got)-1], c.path[0], c.path[len(c.path)-1])
			}
			// both ways: the simplified curve near the original, and the
			// original near it (the samples are 64 a segment)
			const slack = 0.02
			if d := farthest(got, c.path); d > c.tol+slack {
				t.Errorf("strays %.3f pt from the path, tolerance %.1f", d, c.tol)
			}
			if d := farthest(c.path, got); d > c.tol+slack {
				t.Errorf("the path strays %.3f pt from it, tolerance %.1f", d, c.tol)
			}
			if a, b := turn(got), turn(c.path); a > b+1e-6 {
				t.Errorf("turns %.3f° at a joint; the path turned %.3f°", a, b)
			}
			t.Logf("%d points from %d", len(got), len(c.path))
		})
	}
	// the smooth curves need far fewer points
	bend := catmullRom(spiral(21, 200, 150, 0, 0.6))
	if got := Simplify(bend, 0.2); len(got) > len(bend)/2 {
		t.Errorf("a 21-segment bend keeps %d of %d points", len(got), len(bend))
	}
	if got := Simplify(Polyline(Pt{0, 0}, Pt{50, 0}, Pt{100, 0}, Pt{150, 0}), 0.2); len(got) != 4 {
		t.Errorf("a straight line in three pieces: %d points, want one segment", len(got))
	}
	// a path with a corner keeps it
	corner := Polyline(Pt{0, 0}, Pt{100, 0}, Pt{100, 100})
	if got := Simplify(corner, 0.2); len(got) != len(corner) || farthest(corner, got) > 1e-9 {
		t.Errorf("a right angle became %v", got)
	}
	for _, short := range [][]Pt{nil, {{1, 2}}, Line(Pt{0, 0}, Pt{1, 1})} {
		if got := Simplify(short, 0.2); len(got) != len(short) {
			t.Errorf("Simplify(%v) = %v", short, got)
		}
	}
}

func TestEachSampleIsSamples(t *testing.T) {
	path := Arc(100, 0, 2)
	var got []Pt
	EachSample(path, 16, func(p Pt) { got = append(got, p) })
	want := Samples(path, 16)
	if len(got) != len(want) || len(want) != 1+16*(len(path)/3) {
		t.Fatalf("%d samples, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("sample %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// TestLegendReword rewords a placed legend's row: a text on as many lines
// replaces the old in place (its left edge and middle kept, the legend's
// size unchanged); a text on more lines is refused and changes nothing.
func TestLegendReword(t *testing.T) {
	st := DefaultLegend
	st.TextW = 170
	l := NewLegend("Legend", st)
	l.AddRow("moment", "Moment of truth: number, name, owner")
	l.AddRow("callout", "Improvements for the moment of that number, listed in the panel")
	l.Place(100, 50)
	w0, h0 := l.Size()
	row := l.Rows[1].Text
	left, mid := row.Rect.Min().X, row.Rect.Y
	if !l.Reword("callout", "Improvements for the moment of that number, listed on page 2") {
		t.Fatal("a text on as many lines was refused")
	}
	var got string
	row.Label.Texts(func(s string) { got += s })
	if !strings.Contains(got, "page 2") {
		t.Errorf("the row says %q", got)
	}
	if w, h := l.Size(); w != w0 || h != h0 {
		t.Errorf("the legend went from %g × %g to %g × %g", w0, h0, w, h)
	}
	if math.Abs(row.Rect.Min().X-left) > 1e-9 || math.Abs(row.Rect.Y-mid) > 1e-9 {
		t.Errorf("the row moved from (%g, %g) to (%g, %g)", left, mid, row.Rect.Min().X, row.Rect.Y)
	}
	long := strings.Repeat("and on and on ", 12)
	if l.Reword("callout", long) {
		t.Error("a text on more lines was taken")
	}
	got = ""
	row.Label.Texts(func(s string) { got += s })
	if strings.Contains(got, "and on") {
		t.Error("a refused text changed the row")
	}
	if l.Reword("branch", "Branch") {
		t.Error("a kind the legend does not have was reworded")
	}
}

// TestSplitRows: a row taller than maxH is cut at line breaks into rows
// no taller than maxH, its lines kept in order and none lost; the first
// keeps the key, the others have none and ids of their own; a row that
// fits is left alone.
func TestSplitRows(t *testing.T) {
	mk := func(id string, lines int) PanelRow {
		b := &Box{Meta: Meta{ID: id}, Name: "_" + id}
		for i := range lines {
			b.Label.AddLine(Span{Text: strings.Repeat("x", i%7+1), Font: Font{Size: 9}})
		}
		return PanelRow{Ref: id, Key: &Marker{Text: id}, Body: b}
	}
	rows := []PanelRow{mk("a", 3), mk("b", 40)}
	_, lineH := rows[1].Body.Label.Size()
	lineH /= 40
	maxH := 12 + 10.5*lineH // ten lines a row
	out := SplitRows(rows, maxH)
	if len(out) != 1+4 || out[0].Body != rows[0].Body {
		t.Fatalf("%d rows, the first changed %v; want the short row whole and the long one in 4", len(out), out[0].Body != rows[0].Body)
	}
	var got []string
	ids := map[string]bool{}
	for i, r := range out[1:] {
		if _, h := r.Body.Label.Size(); h+12 > maxH {
			t.Errorf("piece %d is %.1f tall, more than %.1f", i+1, h+12, maxH)
		}
		if (r.Key != nil) != (i == 0) || r.Ref != "b" || ids[r.Body.ID] {
			t.Errorf("piece %d: key %v, ref %q, id %q (seen %v)", i+1, r.Key != nil, r.Ref, r.Body.ID, ids[r.Body.ID])
		}
		ids[r.Body.ID] = true
		for _, l := range r.Body.Label.Lines {
			got = append(got, l.Spans[0].Text)
		}
	}
	for i, s := range got {
		if want := strings.Repeat("x", i%7+1); s != want || len(got) != 40 {
			t.Fatalf("line %d is %q, want %q (%d lines)", i, s, want, len(got))
		}
	}
	if len(rows[1].Body.Label.Lines) != 40 {
		t.Error("the original row was changed")
	}
}

// TestGrow: Grow scales items about the origin as Scale does, but keeps
// font sizes as they come (Scale rounds them down to whole points), so
// that a part set larger at the design stage is rounded once, when the
// drawing is scaled onto its page; and a legend made at unrounded sizes
// keeps them when a row is reworded.
func TestGrow(t *testing.T) {
	b := &Box{Rect: Rect{X: 10, Y: -4, W: 40, H: 20}}
	b.Label.AddLine(Span{Text: "1", Font: Font{Size: 9}})
	m := &Marker{At: Pt{X: 2, Y: 3}, Size: 10, Font: Font{Size: 10}}
	Grow([]Item{b, m}, 1.1)
	if want := (Rect{X: 11, Y: -4.4, W: 44, H: 22}); math.Abs(b.Rect.X-want.X)+math.Abs(b.Rect.Y-want.Y)+math.Abs(b.Rect.W-want.W)+math.Abs(b.Rect.H-want.H) > 1e-9 {
		t.Errorf("box %+v, want %+v", b.Rect, want)
	}
	if got := b.Label.Lines[0].Spans[0].Font.Size; math.Abs(got-9.9) > 1e-9 {
		t.Errorf("box text at %g pt, want 9.9 (not rounded)", got)
	}
	if math.Abs(m.Size-11) > 1e-9 || math.Abs(m.Font.Size-11) > 1e-9 || math.Abs(m.At.X-2.2) > 1e-9 {
		t.Errorf("marker %+v", m)
	}
	d := &Drawing{Items: []Item{b}}
	d.Scale(1, Pt{})
	if got := b.Label.Lines[0].Spans[0].Font.Size; got != 9 {
		t.Errorf("scaled, the box text is at %g pt, want 9 (whole points)", got)
	}

	st := DefaultLegend.Scaled(1.1)
	st.TextW = 200
	l := NewLegend("Legend", st)
	l.AddRow("callout", "Improvements for the moment of that number")
	if !l.Reword("callout", "Improvements for that moment") {
		t.Fatal("a shorter text was refused")
	}
	if got := l.Rows[0].Text.Label.Lines[0].Spans[0].Font.Size; math.Abs(got-9.9) > 1e-9 {
		t.Errorf("the reworded row is at %g pt, want the legend's 9.9", got)
	}
}

// TestWrapHyphenAndNoBreakSpace: a word broken between two letters takes
// a hyphen, within the width (the journey's cards read "equivoc / ado");
// one broken elsewhere does not; a no-break space keeps what it joins on
// one line (a due date and its word), and shows as a space.
func TestWrapHyphenAndNoBreakSpace(t *testing.T) {
	lines := Wrap("agradecimiento", 50, 10, true)
	if len(lines) < 2 || !strings.HasSuffix(lines[0], "-") || strings.HasSuffix(lines[len(lines)-1], "-") {
		t.Errorf("broken word %q: want a hyphen at the end of every line but the last", lines)
	}
	for _, l := range lines {
		if w := TextWidth(l, 10, true); w > 50 {
			t.Errorf("line %q is %.1f pt wide, more than 50", l, w)
		}
	}
	if got := strings.Join(lines, ""); strings.ReplaceAll(got, "-", "") != "agradecimiento" {
		t.Errorf("broken word %q lost text", lines)
	}
	for _, l := range Wrap("0123456789012345678901234567890123456789", 50, 10, false) {
		if strings.HasSuffix(l, "-") {
			t.Errorf("figures broken with a hyphen: %q", l)
		}
	}
	lines = Wrap("Customer service director\u00a0· due\u00a02026-12-15", 110, 9, false)
	for _, l := range lines {
		if strings.HasSuffix(l, "due") || strings.HasPrefix(l, "·") || strings.HasPrefix(l, "2026") {
			t.Errorf("%q: the date left its word, or the dot began a line", lines)
		}
	}
	if len(lines) < 2 {
		t.Errorf("%q: want the line broken (at a plain space)", lines)
	}
	for _, l := range lines {
		if strings.Contains(l, "\u00a0") {
			t.Errorf("%q: a no-break space left in a line", l)
		}
	}
	if a, b := TextWidth("due\u00a02026", 9, false), TextWidth("due 2026", 9, false); a != b {
		t.Errorf("a no-break space measures %g against a space's %g", a, b)
	}
}
