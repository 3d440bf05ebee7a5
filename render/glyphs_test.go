package render

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/testtool"
)

const unicodeCycle = `title: Emoji test 🙂
customer: Señora mayor 注文
moments:
  - id: a
    name: Smiles 🙂 at the café
    owner: Recepción
  - id: b
    name: Crème brûlée e` + "\u0301" + `
    improvements:
      - action: Ofrecer té 🍵 y agua
  - id: c
    name: Pays ☕` + "\ufe0f" + `
`

// TestRenderUnicodeBeyondTheFonts is the reported crash: a character
// above U+FFFF in any text made the PDF painter panic. PDF and PNG now
// draw, the PDF keeps its accented text, and MissingGlyphs names exactly
// what the fonts lack.
func TestRenderUnicodeBeyondTheFonts(t *testing.T) {
	a := analyse(t, "unicode.yaml", []byte(unicodeCycle))
	for _, f := range []Format{FormatPDF, FormatPNG} {
		b, err := Render(context.Background(), a, Options{Format: f})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if f == FormatPDF {
			text := testtool.PDFText(t, b)
			for _, w := range []string{"Emoji", "Crème", "brûlée", "Señora", "Recepción", "café", "Ofrecer"} {
				if !strings.Contains(text, w) {
					t.Errorf("PDF text lacks %q; text is:\n%s", w, text)
				}
			}
			if strings.ContainsRune(text, '🙂') {
				t.Error("PDF text has the emoji its fonts cannot draw")
			}
		}
	}
	got := MissingGlyphs(a, Options{})
	want := []rune{'☕', '文', '注', '🍵', '🙂'}
	if !slices.Equal(got, want) {
		t.Errorf("MissingGlyphs = %q, want %q", got, want)
	}
	if got := MissingGlyphs(load(t, "testdata/garantia_es.yaml"), Options{Format: FormatPDF}); len(got) != 0 {
		t.Errorf("MissingGlyphs of a Spanish cycle = %q, want none", got)
	}
	if got := MissingGlyphs(a, Options{Theme: "no such theme"}); got != nil {
		t.Errorf("MissingGlyphs with invalid options = %q, want nil", got)
	}
	// Draw tells the same from the one layout it paints, and nothing for
	// formats that do not paint with the embedded fonts.
	for _, f := range []Format{FormatPNG, FormatPDF, FormatSVG, FormatDOT} {
		dr, err := Draw(context.Background(), a, Options{Format: f, Scale: 1})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		wantDraw := want
		if f == FormatSVG || f == FormatDOT {
			wantDraw = nil
		}
		if !slices.Equal(dr.Missing, wantDraw) || len(dr.Data) == 0 {
			t.Errorf("Draw %s: Missing = %q, %d bytes; want %q and a drawing", f, dr.Missing, len(dr.Data), wantDraw)
		}
	}
}

func ExampleMissingGlyphs() {
	c, err := cycle.Parse("cafe.yaml", []byte("title: Coffee ☕\nmoments:\n  - id: order\n    name: Orders 🙂\n  - id: pay\n    name: Pays\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range MissingGlyphs(cycle.Analyze(c), Options{Format: FormatPNG}) {
		fmt.Printf("png/pdf fonts have no glyph for %c (%U)\n", r, r)
	}
	// Output:
	// png/pdf fonts have no glyph for ☕ (U+2615)
	// png/pdf fonts have no glyph for 🙂 (U+1F642)
}
