package draw

import (
	"strings"
	"testing"
)

// TestLabelBase: spans in a label's base size and colour are written
// without a FONT of their own, the node carrying that font instead; the
// others keep theirs; a label without a base is written as before, and
// scaling keeps the base and its spans alike.
func TestLabelBase(t *testing.T) {
	const ink, muted = "#111111", "#777777"
	box := func(size float64, color string) *Box {
		b := &Box{Meta: Meta{ID: "cell"}, Shape: Rectangle, Rect: Rect{0, 0, 100, 40}}
		b.Label.Add("Owner", 90, Font{Size: 9, Bold: true}, ink)
		b.Label.Add("Channel", 90, Font{Size: 9, Italic: true}, muted)
		b.Label.Add("Plain", 90, Font{Size: 9}, "") // the drawing's ink
		b.Label.BaseSize, b.Label.BaseColor = size, color
		return b
	}
	dot := func(b *Box) string { // the box's statement
		d := &Drawing{Ink: ink, Page: Rect{0, 0, 200, 100}}
		d.Add(b)
		for _, l := range strings.Split(string(d.DOT()), "\n") {
			if strings.HasPrefix(l, "\t\"cell\"") {
				return l
			}
		}
		t.Fatalf("no cell in\n%s", d.DOT())
		return ""
	}
	got := dot(box(9, ink))
	for _, want := range []string{
		`fontsize=9, label=<<B>Owner</B><BR/><FONT POINT-SIZE="9" COLOR="#777777"><I>Channel</I></FONT><BR/>Plain>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("base 9 pt ink: want %s in\n%s", want, got)
		}
	}
	if strings.Contains(got, "fontcolor=") {
		t.Errorf("a base in the ink sets the node's colour:\n%s", got)
	}
	if got := dot(box(9, muted)); !strings.Contains(got, `fontcolor="#777777"`) || !strings.Contains(got, `<I>Channel</I><BR/>`) || strings.Contains(got, `<B>Owner</B><BR/>`) {
		t.Errorf("base 9 pt muted: only the channel in the node's font, the node muted:\n%s", got)
	}
	if got := dot(box(0, "")); strings.Contains(got, "fontsize=9") || strings.Count(got, "<FONT") != 3 {
		t.Errorf("no base: every span its own FONT:\n%s", got)
	}
	b := box(9, ink)
	d := &Drawing{Ink: ink, Page: Rect{0, 0, 200, 100}}
	d.Add(b)
	d.Scale(0.75, Pt{})
	if s := b.Label.Lines[0].Spans[0].Font.Size; b.Label.BaseSize != s {
		t.Errorf("scaled base %g, its spans %g", b.Label.BaseSize, s)
	}
}
