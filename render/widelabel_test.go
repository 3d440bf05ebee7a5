package render

import (
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/render/draw"
)

// TestWideLabel checks the shorter setting of the boxes in the ring's
// columns on a named page: the number stands before the name on its first
// line, the score beside the owner, so a box whose name and meta each fit
// on a line is a line shorter than the stacked setting; every word of the
// stacked box is in it; and with decimal scores the dots are drawn over
// the score's spacer on the meta line.
func TestWideLabel(t *testing.T) {
	for _, file := range []string{"testdata/decimals.yaml", "../examples/airline.yaml"} {
		a := load(t, file)
		o, err := Options{Page: "a4"}.normalize(a.Cycle.Language)
		if err != nil {
			t.Fatal(err)
		}
		d := newShaped(a, o, shape{ey: 1, cw: 84, cwCol: 180, legendCols: 1, wideCol: true})
		for _, m := range d.moments {
			d.setLabel(m, 180, false)
			tall, tallH := m.label, m.h
			d.setLabel(m, 180, true)
			wide := m.label
			words := func(lines []string) string { return strings.Join(strings.Fields(strings.Join(lines, " ")), " ") }
			var tw, ww []string
			tall.Texts(func(s string) { tw = append(tw, strings.Fields(s)...) })
			wide.Texts(func(s string) { ww = append(ww, strings.Fields(s)...) })
			if len(tw) != len(ww) {
				t.Errorf("%s %s: wide box has %q, stacked %q", file, m.ma.ID, words(ww), words(tw))
			}
			first := wide.Lines[0]
			if len(first.Spans) < 3 || first.Spans[0].Text != tall.Lines[0].Spans[0].Text || !strings.HasPrefix(m.ma.Name, strings.TrimSpace(first.Spans[2].Text)) {
				t.Errorf("%s %s: first line %+v does not start with the number and the name", file, m.ma.ID, first.Spans)
			}
			nameLines := func(l []draw.TextLine) (n int) {
				for _, x := range l {
					for _, s := range x.Spans {
						if s.Font.Size == 11 && s.Font.Bold {
							n++
							break
						}
					}
				}
				return n
			}
			same := nameLines(tall.Lines) == nameLines(wide.Lines)
			if same && !m.ma.Critical && m.ma.Owner != "" && !m.ma.Performance.IsZero() && len(wide.Lines) != len(tall.Lines)-1 {
				t.Errorf("%s %s: wide box %d lines, stacked %d", file, m.ma.ID, len(wide.Lines), len(tall.Lines))
			}
			if len(wide.Lines) < len(tall.Lines) && m.h >= tallH {
				t.Errorf("%s %s: wide box %.1f pt tall, stacked %.1f", file, m.ma.ID, m.h, tallH)
			}
			if d.markers && !m.ma.Performance.IsZero() {
				if m.dots.line < 1 || m.dots.line >= len(wide.Lines) || strings.Trim(wide.Lines[m.dots.line].Spans[m.dots.span].Text, " ") != "" {
					t.Errorf("%s %s: dots at %+v, not over the score's spacer", file, m.ma.ID, m.dots)
				}
			}
		}
	}
}
