package render

import (
	"context"
	"strings"
	"testing"
)

// TestPaperWord: warnings name the paper in the reader's language ("on a
// slide", "en una diapositiva", "on A4"), not by the --page value ("en
// slide" mixed English into a Spanish sentence).
func TestPaperWord(t *testing.T) {
	for _, c := range []struct{ lang, paper, want string }{
		{"en", "a4", "A4"}, {"en", "slide", "a slide"}, {"en", "letter", "Letter"},
		{"es", "slide", "una diapositiva"}, {"es", "letter", "carta"}, {"es", "a3", "A3"},
		{"xx", "slide", "a slide"}, {"en", "tabloid", "tabloid"},
	} {
		if got := PaperWord(c.lang, c.paper); got != c.want {
			t.Errorf("PaperWord(%q, %q) = %q, want %q", c.lang, c.paper, got, c.want)
		}
	}
	a := load(t, "../examples/banco.yaml") // in Spanish
	d, err := Draw(context.Background(), a, Options{View: "journey", Page: "slide"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Warnings) == 0 || !strings.HasPrefix(d.Warnings[0], "en una diapositiva, ") {
		t.Errorf("banco's journey on a slide warns %q; want it to begin \"en una diapositiva, \"", d.Warnings)
	}
}
