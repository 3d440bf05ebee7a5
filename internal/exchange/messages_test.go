package exchange

import (
	"github.com/ciclo-dev/ciclo/internal/msg"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestMessagesSpanish reads this package's source: every format given to
// tr, note or problem is a literal with a Spanish entry taking the same
// verbs, so every word the import shows exists in both languages.
func TestMessagesSpanish(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			if (name != "tr" && name != "note" && name != "problem") || len(call.Args) < 2 {
				return true
			}
			if id, ok := call.Args[1].(*ast.Ident); ok && id.Name == "format" {
				return true // the helpers that pass a format on
			}
			lit, ok := call.Args[1].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: %s is given a format that is not a literal", fset.Position(call.Pos()), name)
				return true
			}
			format, _ := strconv.Unquote(lit.Value)
			seen++
			es, ok := msg.Lookup("es", format)
			if !ok {
				t.Errorf("%s: no Spanish for %q", fset.Position(lit.Pos()), format)
				return true
			}
			if verbs(es) != verbs(format) {
				t.Errorf("Spanish of %q takes other verbs: %q", format, es)
			}
			return true
		})
	}
	if seen < 30 {
		t.Errorf("found only %d messages; the test reads the wrong files", seen)
	}
}

// verbs lists a format's verbs in order: "%s %d" gives "sd".
func verbs(f string) string {
	var b strings.Builder
	for i := 0; i < len(f)-1; i++ {
		if f[i] == '%' {
			i++
			if f[i] != '%' {
				b.WriteByte(f[i])
			}
		}
	}
	return b.String()
}
