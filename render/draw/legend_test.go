package draw

import "testing"

// TestLegendShapes: SetTextWidth wraps every row again (narrower and
// taller, and back), keeping a reworded row's new words; SetColumns sets
// the rows side by side (shorter).
func TestLegendShapes(t *testing.T) {
	l := NewLegend("Legend", DefaultLegend)
	l.AddRow("step", "The customer's next step, from one moment of truth to the next one")
	l.AddRow("branch", "Branch: the customer may skip ahead or go back to an earlier moment")
	l.AddRow("end", "The cycle ends here")
	w0, h0 := l.Size()
	l.SetTextWidth(140)
	w1, h1 := l.Size()
	if w1 >= w0 || h1 <= h0 {
		t.Errorf("wrapped at 140 pt: %.1f × %.1f, one line each %.1f × %.1f; want narrower and taller", w1, h1, w0, h0)
	}
	for _, r := range l.Rows {
		if tw, _ := r.Text.Label.Size(); tw > 140+0.5 {
			t.Errorf("row %s is %.1f pt wide, wrapped at 140 (half a point of rounding allowed)", r.Kind, tw)
		}
	}
	l.SetTextWidth(0)
	if w, h := l.Size(); w != w0 || h != h0 {
		t.Errorf("back to one line each: %.1f × %.1f, want %.1f × %.1f", w, h, w0, h0)
	}
	if !l.Reword("end", "The customer leaves") {
		t.Fatal("Reword refused a shorter text")
	}
	l.SetTextWidth(140)
	if got := l.Rows[2].Text.Label.Lines[0].Spans[0].Text; got != "The customer leaves" {
		t.Errorf("after SetTextWidth the reworded row reads %q", got)
	}
	l.SetTextWidth(0)
	_, h2 := l.Size()
	l.SetColumns(3)
	if w, h := l.Size(); h >= h2 || w <= w0 {
		t.Errorf("three columns: %.1f × %.1f; want shorter than %.1f and wider than %.1f", w, h, h2, w0)
	}
}
