package xdot_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/internal/testtool"
	"github.com/ciclo-dev/ciclo/render/xdot"
)

// TestUnicodeBeyondTheFonts paints labels with emoji (above U+FFFF, with
// a variation selector and a zero-width joiner), CJK and combining marks:
// PDF and PNG must not fail, the PDF must read back, accented Latin text
// must be untouched, and what the fonts lack must become Replacement.
func TestUnicodeBeyondTheFonts(t *testing.T) {
	names := []string{
		"Emoji test 🙂", "Café ☕️ pronto", "Familia 👨‍👩‍👧", "注文する", "Crème brûlée", "Ñandú",
		"combining e\u0301 a\u0300", "Diagnóstico", "join\u200ded mark\u200eed soft\u00adhyphen",
	}
	out := layout(t, circleDOT(names, "Ciclo 🙂"), "xdot")
	d, err := xdot.FromXDOT(out["xdot"])
	if err != nil {
		t.Fatal(err)
	}
	var pdfBuf bytes.Buffer
	if err := xdot.PDF(d, &pdfBuf); err != nil {
		t.Fatalf("PDF: %v", err)
	}
	if !bytes.HasPrefix(pdfBuf.Bytes(), []byte("%PDF-")) || !bytes.Contains(pdfBuf.Bytes(), []byte("%%EOF")) {
		t.Fatal("not a complete PDF")
	}
	text := testtool.PDFText(t, pdfBuf.Bytes())
	for _, w := range []string{"Crème", "brûlée", "Ñandú", "Diagnóstico", "e\u0301", "Emoji", "test", "Familia", "Café"} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text lacks %q; text is:\n%s", w, text)
		}
	}
	if !strings.Contains(text, "joined marked softhyphen") {
		t.Errorf("invisible characters were not dropped (the fonts draw some of them as marks); text is:\n%s", text)
	}
	for _, r := range []rune{'🙂', '注', '👨', '\ufe0f', '\u200d', '\u200e', '\u00ad'} {
		if strings.ContainsRune(text, r) {
			t.Errorf("PDF text has %q (%U), which the fonts cannot draw", r, r)
		}
	}
	if !strings.Contains(text, "test "+string(xdot.Replacement)) || !strings.Contains(text, strings.Repeat(string(xdot.Replacement), 4)) {
		t.Errorf("PDF text does not show the replacement for the emoji and the CJK; text is:\n%s", text)
	}
	if strings.Contains(text, "☕"+string(xdot.Replacement)) || strings.Contains(text, string(xdot.Replacement)+string(xdot.Replacement)+" pronto") {
		t.Error("the variation selector of an emoji was painted as a replacement")
	}
	var pngBuf bytes.Buffer
	if err := xdot.PNG(d, &pngBuf, xdot.PNGOptions{Scale: 1}); err != nil {
		t.Fatalf("PNG: %v", err)
	}
	if *lookDir != "" {
		write(t, "unicode", pngBuf.Bytes(), pdfBuf.Bytes(), out)
	}
}

func TestMissingGlyphs(t *testing.T) {
	got := xdot.MissingGlyphs("Crème 🙂 Ñandú 注文 ☕\ufe0f 👨\u200d👩 e\u0301 🙂 ●○ «» ·")
	want := []rune{'🙂', '注', '文', '☕', '👨', '👩'}
	if !slices.Equal(got, want) {
		t.Errorf("MissingGlyphs = %q, want %q", got, want)
	}
	if got := xdot.MissingGlyphs("plain ASCII, acentos: áéíóú ñ ü ¿¡"); len(got) != 0 {
		t.Errorf("MissingGlyphs of Latin text = %q, want none", got)
	}
	if xdot.MissingGlyphs(string(xdot.Replacement)) != nil {
		t.Error("the replacement itself is missing from the fonts")
	}
}

// TestPaintFaultIsError paints a drawing whose Bézier has no points: the
// painter fails, and PNG and PDF return an error instead of panicking.
func TestPaintFaultIsError(t *testing.T) {
	d := &xdot.Drawing{
		BB:    xdot.Rect{Max: xdot.Point{X: 100, Y: 100}},
		Pad:   xdot.Point{X: 4, Y: 4},
		Items: []xdot.Item{{Kind: "edge", Name: "a->b", Attr: "_draw_", Ops: []xdot.Op{xdot.Bezier{}}}},
	}
	var buf bytes.Buffer
	if err := xdot.PDF(d, &buf); err == nil || !strings.Contains(err.Error(), "pdf") {
		t.Errorf("PDF of a faulty drawing: err = %v, want an error", err)
	}
	if buf.Len() != 0 {
		t.Errorf("PDF wrote %d bytes after failing", buf.Len())
	}
	if err := xdot.PNG(d, &buf, xdot.PNGOptions{Scale: 1}); err == nil {
		t.Error("PNG of a faulty drawing: no error")
	}
	if buf.Len() != 0 {
		t.Errorf("PNG wrote %d bytes after failing", buf.Len())
	}
}
