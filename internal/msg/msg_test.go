package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// textArgs gives, for each function that takes a text for the catalog,
// the positions of its arguments that make the key: one literal, or a
// context and a literal joined by "|". Functions of this package are
// called as msg.X; the others are a package's own helpers that pass a
// format on to the catalog (cycle's messages and phrases).
var textArgs = map[string][]int{
	"msg.T": {1}, "msg.Tc": {1, 2}, "msg.Sprintf": {1}, "msg.N": {0}, "msg.Nc": {0, 1},
	"cycle.errorf": {1}, "cycle.phrasef": {0}, "cycle.newError": {2},
	"exchange.tr": {1}, "exchange.note": {1}, "exchange.problem": {1},
	// The command line's misuse errors (exit 2) and the errors it marks so.
	"cli.misusef": {1}, "cli.errorf": {1},
}

// eachArg gives, for a function that takes several texts for the catalog,
// the positions of the arguments that are each a key of their own.
var eachArg = map[string][]int{"msg.Plural": {2, 3}}

// dynamic lists the functions whose text may be a variable: they translate
// words marked elsewhere with N or Nc.
var dynamic = map[string]bool{"msg.T": true, "msg.Tc": true, "msg.Sprintf": true, "msg.Plural": true,
	"cycle.errorf": true, "cycle.phrasef": true, "cycle.newError": true,
	"exchange.tr": true, "exchange.note": true, "exchange.problem": true}

// usedKeys reads every Go file of ciclo but tests and returns each catalog
// key the code uses, with the position of one use.
func usedKeys(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	fset := token.NewFileSet()
	root := filepath.Join("..", "..")
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		files++
		pkg := f.Name.Name
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fun := call.Fun.(type) {
			case *ast.SelectorExpr:
				if x, ok := fun.X.(*ast.Ident); ok && x.Name == "msg" {
					name = "msg." + fun.Sel.Name
				} else {
					name = pkg + "." + fun.Sel.Name // p.errorf, rd.note
				}
			case *ast.Ident:
				if pkg == "msg" {
					name = "msg." + fun.Name
				} else {
					name = pkg + "." + fun.Name
				}
			}
			if pkg == "msg" {
				return true
			}
			pos := fset.Position(call.Pos()).String()
			for _, i := range eachArg[name] {
				if i >= len(call.Args) {
					t.Errorf("%s: %s without its texts", pos, name)
					return true
				}
				if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Errorf("%s: %v", pos, err)
						return true
					}
					keys[s] = pos
				} else if !dynamic[name] {
					t.Errorf("%s: %s takes a text that is not a literal: the catalog test cannot see it", pos, name)
				}
			}
			idx, ok := textArgs[name]
			if !ok {
				return true
			}
			var parts []string
			for _, i := range idx {
				if i >= len(call.Args) {
					t.Errorf("%s: %s without its text", pos, name)
					return true
				}
				lit, ok := call.Args[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					if !dynamic[name] {
						t.Errorf("%s: %s takes a text that is not a literal: the catalog test cannot see it", pos, name)
					}
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Errorf("%s: %v", pos, err)
					return true
				}
				parts = append(parts, s)
			}
			keys[strings.Join(parts, "|")] = pos
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("read only %d Go files", files)
	}
	return keys
}

// verb matches one fmt verb: an optional argument index, flags, width,
// precision and the verb letter. %% is removed before matching.
var verb = regexp.MustCompile(`%(?:\[(\d+)\])?([-+# 0]*\d*(?:\.\d+)?)(?:\[(\d+)\])?([a-zA-Z])`)

// verbs lists the verbs of format as "ARG:VERB", sorted by argument.
func verbs(format string) []string {
	var out []string
	next := 1
	for _, m := range verb.FindAllStringSubmatch(strings.ReplaceAll(format, "%%", ""), -1) {
		arg := next
		for _, idx := range []string{m[1], m[3]} {
			if idx != "" {
				arg, _ = strconv.Atoi(idx)
			}
		}
		out = append(out, strconv.Itoa(arg)+":%"+m[2]+m[4])
		next = arg + 1
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, _ := strconv.Atoi(out[i][:strings.IndexByte(out[i], ':')])
		b, _ := strconv.Atoi(out[j][:strings.IndexByte(out[j], ':')])
		return a < b
	})
	return out
}

// TestEveryKeyInEveryLanguage: every text the code gives the catalog has a
// translation in every language, taking the same arguments with the same
// verbs; and no catalog holds a key that no code uses.
func TestEveryKeyInEveryLanguage(t *testing.T) {
	used := usedKeys(t)
	// A floor: cycle alone has some eighty messages and phrases. If the
	// scan finds far fewer, it has stopped seeing them.
	if len(used) < 200 {
		t.Fatalf("found only %d keys", len(used))
	}
	langs := Languages()
	if len(langs) < 2 || langs[0] != "en" {
		t.Fatalf("languages %v", langs)
	}
	for _, lang := range langs[1:] {
		for key, pos := range used {
			tr, ok := Lookup(lang, key)
			if !ok {
				t.Errorf("%s: %s: no translation of %q", pos, lang, key)
				continue
			}
			if strings.TrimSpace(tr) == "" {
				t.Errorf("%s: %s: empty translation of %q", pos, lang, key)
			}
			if ev, tv := verbs(key), verbs(tr); !slices.Equal(ev, tv) {
				t.Errorf("%s: %s: %q has verbs %v; %q has %v", pos, lang, key, ev, tr, tv)
			}
		}
		for key := range catalogs[lang] {
			if _, ok := used[key]; !ok {
				t.Errorf("%s: translation of %q, which no code uses", lang, key)
			}
		}
	}
}

func TestVerbs(t *testing.T) {
	for _, tt := range []struct {
		format string
		want   []string
	}{
		{"%s and %d", []string{"1:%s", "2:%d"}},
		{"%[2]s of %[1]d", []string{"1:%d", "2:%s"}},
		{"100%% %q", []string{"1:%q"}},
	} {
		if got := verbs(tt.format); !slices.Equal(got, tt.want) {
			t.Errorf("verbs(%q) = %v, want %v", tt.format, got, tt.want)
		}
	}
}

func TestLookups(t *testing.T) {
	if got := T("es", "Legend"); got != "Leyenda" {
		t.Errorf(`T("es", "Legend") = %q`, got)
	}
	if got := T("fr", "Legend"); got != "Legend" {
		t.Errorf("an unknown language keeps English: %q", got)
	}
	if got := Tc("es", "pillar", "responsiveness"); got != "rapidez de respuesta" {
		t.Errorf("pillar: %q", got)
	}
	if got := Tc("es", "dimension", "responsiveness"); got != "capacidad de respuesta" {
		t.Errorf("dimension: %q", got)
	}
	if got := Sprintf("es", "%d files", 3); got != "3 archivos" {
		t.Errorf("Sprintf: %q", got)
	}
	if !Has("en") || !Has("es") || Has("fr") {
		t.Error("Has")
	}
}

// Struct translates string fields and the values of string maps, with
// the context when one is given, and leaves English as it is.
func TestStruct(t *testing.T) {
	type words struct {
		Title  string
		Phases map[string]string
		Count  int
	}
	en := words{Title: N("Legend"), Phases: map[string]string{"lobby": N("Legend")}, Count: 3}
	plain := Struct(en, "")
	if w := plain["es"]; w.Title != "Leyenda" || w.Phases["lobby"] != "Leyenda" || w.Count != 3 {
		t.Errorf("es: %+v", w)
	}
	if w := plain["en"]; w.Title != "Legend" || w.Phases["lobby"] != "Legend" {
		t.Errorf("en: %+v", w)
	}
	if en.Phases["lobby"] != "Legend" {
		t.Error("the English table's map was written over")
	}
	ctx := Struct(words{Title: Nc("workshop", "Lobby")}, "workshop")
	if got := ctx["es"].Title; got != "Espera" {
		t.Errorf("with a context: %q", got)
	}
}
