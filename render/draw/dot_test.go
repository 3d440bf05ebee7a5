package draw

import (
	"strings"
	"testing"
)

// TestDOTTextColours: text in the drawing's ink names no colour in a node
// whose text is the ink, and names it in a node whose label sets another
// colour; text in any other colour always names it.
func TestDOTTextColours(t *testing.T) {
	const ink, red, grey = "#1F2933", "#B42318", "#52606D"
	d := &Drawing{Name: "colours", Ink: ink, Page: Rect{W: 400, H: 200}}
	plain := &Box{Meta: Meta{ID: "plain"}, Shape: Rectangle, Rect: Rect{X: 100, Y: 100, W: 150, H: 60}}
	plain.Label.AddLine(Span{Text: "in ink", Font: Font{Size: 11}, Color: ink})
	plain.Label.AddLine(Span{Text: "in grey", Font: Font{Size: 9}, Color: grey})
	based := &Box{Meta: Meta{ID: "based"}, Shape: Rectangle, Rect: Rect{X: 300, Y: 100, W: 150, H: 60}}
	based.Label.BaseSize, based.Label.BaseColor = 9, red
	based.Label.AddLine(Span{Text: "in red", Font: Font{Size: 9}, Color: red})
	based.Label.AddLine(Span{Text: "ink again", Font: Font{Size: 11}, Color: ink})
	d.Add(plain, based)
	dot := string(d.DOT())
	line := func(id string) string {
		for _, l := range strings.Split(dot, "\n") {
			if strings.HasPrefix(l, "\t\""+id+"\"") {
				return l
			}
		}
		t.Fatalf("no node %s in\n%s", id, dot)
		return ""
	}
	p, b := line("plain"), line("based")
	for _, c := range []struct {
		line, want string
		in         bool
	}{
		{p, `<FONT POINT-SIZE="11"><B>`, false}, // not bold: only the text
		{p, `<FONT POINT-SIZE="11">in ink</FONT>`, true},
		{p, `<FONT POINT-SIZE="9" COLOR="` + grey + `">in grey</FONT>`, true},
		{b, `fontcolor="` + red + `"`, true},
		{b, `fontsize=9`, true},
		{b, `in red<BR/>`, true}, // in the node's own font: no FONT
		{b, `<FONT POINT-SIZE="11" COLOR="` + ink + `">ink again</FONT>`, true},
	} {
		if strings.Contains(c.line, c.want) != c.in {
			t.Errorf("%q in %s: %v, want %v", c.want, c.line, !c.in, c.in)
		}
	}
}
