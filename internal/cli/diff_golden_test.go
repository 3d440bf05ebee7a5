package cli

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/internal/testtool"
)

var updateDiff = flag.Bool("update", false, "rewrite the golden files under testdata")

// diffPairs are the examples' as-is and to-be versions (examples/README.md).
var diffPairs = []string{"garantia", "airline"}

// TestDiffGoldens pins md, html and svg of both examples' as-is/to-be
// pairs in both languages: testdata/diff/PAIR.LANG.FORMAT. Regenerate
// with go test ./internal/cli -run TestDiffGoldens -update, and read the
// changes (the md rendered, the svg as a picture) before committing.
func TestDiffGoldens(t *testing.T) {
	for _, pair := range diffPairs {
		old := filepath.Join("..", "..", "examples", pair+".yaml")
		new := filepath.Join("..", "..", "examples", "to-be", pair+".yaml")
		for _, lang := range []string{"en", "es"} {
			for _, format := range []string{"md", "html", "svg"} {
				name := fmt.Sprintf("%s.%s.%s", pair, lang, format)
				t.Run(name, func(t *testing.T) {
					code, out, errOut := run(t, "", "diff", old, new, "-f", format, "--lang", lang)
					if code != 1 || errOut != "" {
						t.Fatalf("exit %d, err %q", code, errOut)
					}
					golden := filepath.Join("testdata", "diff", name)
					if *updateDiff {
						os.MkdirAll(filepath.Dir(golden), 0o755)
						if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
							t.Fatal(err)
						}
					}
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatalf("%v (run with -update)", err)
					}
					if out != string(want) {
						t.Errorf("differs from %s (run with -update and read the change)", golden)
					}
				})
			}
		}
	}
}

// TestDiffPictureFormats checks what the goldens cannot pin byte for
// byte: the PNG and the PDF of a visual diff, and that the PDF's text
// carries the marks in the file's language.
func TestDiffPictureFormats(t *testing.T) {
	old := filepath.Join("..", "..", "examples", "garantia.yaml")
	new := filepath.Join("..", "..", "examples", "to-be", "garantia.yaml")
	code, png, errOut := run(t, "", "diff", old, new, "-f", "png")
	if code != 1 || !strings.HasPrefix(png, "\x89PNG") || errOut != "" {
		t.Errorf("png: exit %d, err %q, %d bytes", code, errOut, len(png))
	}
	code, pdf, _ := run(t, "", "diff", old, new, "-f", "pdf")
	if code != 1 || !strings.HasPrefix(pdf, "%PDF") {
		t.Fatalf("pdf: exit %d", code)
	}
	text := testtool.PDFText(t, []byte(pdf))
	for _, s := range []string{"NUEVO", "desempeño 3 → 4 ▲", "desempeño 4 → 3 ▼", "ahora crítico (antes no)", "ya no es crítico", "Momentos eliminados", "3 · compra — Busca su compra sin nota de", "Qué cambió respecto de la versión anterior"} {
		if !strings.Contains(text, s) {
			t.Errorf("pdf text lacks %q:\n%s", s, text)
		}
	}
	// svg, png and pdf draw one file: with --git and several changed
	// files they are misuse.
	if !bytes.Contains([]byte(text), []byte("Identifica su compra")) {
		t.Errorf("pdf lacks the new moment")
	}
}
