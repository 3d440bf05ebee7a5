package cycle

import (
	"github.com/ciclo-dev/ciclo/internal/msg"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// formatArg names the functions that take a message or phrase format, and
// the index of that argument.
var formatArg = map[string]int{"errorf": 1, "phrasef": 0, "newError": 2}

// messageFormats reads every non-test Go file of the package and returns
// the formats passed to errorf, phrasef and newError, with where each is.
// A format that is not a string literal fails the test, unless it is the
// format parameter of one of those functions passed on (errorf handing its
// format to newError): then its callers' formats are the ones collected.
// So does an Error or phrase built outside newError and phrasef.
func messageFormats(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := goparser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CompositeLit:
					if id, ok := n.Type.(*ast.Ident); ok && (id.Name == "Error" || id.Name == "phrase") && !slices.Contains([]string{"newError", "phrasef"}, fn.Name.Name) {
						for _, el := range n.Elts {
							if kv, ok := el.(*ast.KeyValueExpr); !ok || kv.Key.(*ast.Ident).Name == "format" || kv.Key.(*ast.Ident).Name == "args" {
								t.Errorf("%s: %s with a format built outside newError and phrasef", fset.Position(n.Pos()), id.Name)
								break
							}
						}
					}
				case *ast.CallExpr:
					var called string
					switch fun := n.Fun.(type) {
					case *ast.Ident:
						called = fun.Name
					case *ast.SelectorExpr:
						called = fun.Sel.Name
					}
					i, ok := formatArg[called]
					if !ok {
						return true
					}
					pos := fset.Position(n.Pos()).String()
					if len(n.Args) <= i {
						t.Errorf("%s: %s call without a format", pos, called)
						return true
					}
					switch arg := n.Args[i].(type) {
					case *ast.BasicLit:
						s, err := strconv.Unquote(arg.Value)
						if arg.Kind != token.STRING || err != nil {
							t.Errorf("%s: %s format %s is not a string", pos, called, arg.Value)
							return true
						}
						formats[s] = pos
					case *ast.Ident:
						if _, fwd := formatArg[fn.Name.Name]; !fwd || arg.Name != "format" {
							t.Errorf("%s: %s format %s is not a string literal: the catalog test cannot see it", pos, called, arg.Name)
						}
					default:
						t.Errorf("%s: %s format is not a string literal: the catalog test cannot see it", pos, called)
					}
				}
				return true
			})
		}
	}
	return formats
}

// verb matches one fmt verb: an optional argument index, flags, width,
// precision and the verb letter. %% is removed before matching.
var verb = regexp.MustCompile(`%(?:\[(\d+)\])?([-+# 0]*\d*(?:\.\d+)?)(?:\[(\d+)\])?([a-zA-Z])`)

// verbs lists the verbs of format as "ARG:VERB" in argument order, ARG the
// 1-based argument each consumes (explicit indexes honoured, as fmt does).
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
	slices.SortStableFunc(out, func(a, b string) int {
		ai, _ := strconv.Atoi(a[:strings.IndexByte(a, ':')])
		bi, _ := strconv.Atoi(b[:strings.IndexByte(b, ':')])
		return ai - bi
	})
	return out
}

// TestCatalogCoversEveryFormat fails when a message or phrase format has no
// translation in a language of the catalog, when a translation's verbs
// differ from the English ones (the same verbs for the same arguments, in
// order unless the translation reorders them with %[n]). Translations left
// over for formats no code uses are internal/msg's test's concern.
func TestCatalogCoversEveryFormat(t *testing.T) {
	formats := messageFormats(t)
	// A sanity floor: the parser has some fifty messages and phrases. If the
	// scan finds far fewer, it has stopped seeing them.
	if len(formats) < 50 {
		t.Fatalf("found only %d formats: %v", len(formats), formats)
	}
	for _, lang := range Languages {
		if lang == "en" {
			continue
		}
		if !msg.Has(lang) {
			t.Errorf("no catalog for language %q", lang)
			continue
		}
		for f, pos := range formats {
			got, ok := msg.Lookup(lang, f)
			if !ok {
				t.Errorf("%s: %s: no translation of %q", pos, lang, f)
				continue
			}
			if ev, tv := verbs(f), verbs(got); !slices.Equal(ev, tv) {
				t.Errorf("%s: %s: %q has verbs %v; %q has %v", pos, lang, f, ev, got, tv)
			}
		}
	}
}

// TestVerbs checks the verb reader the catalog test relies on.
func TestVerbs(t *testing.T) {
	for _, tt := range []struct {
		format string
		want   []string
	}{
		{"no verbs, 100%% sure", nil},
		{"%s %q is %d", []string{"1:%s", "2:%q", "3:%d"}},
		{"byte 0x%02x, U+%04X", []string{"1:%02x", "2:%04X"}},
		{"%[2]s del momento %[1]d", []string{"1:%d", "2:%s"}},
		{"%[3]s de la mejora %[1]d del momento %[2]d", []string{"1:%d", "2:%d", "3:%s"}},
	} {
		if got := verbs(tt.format); !slices.Equal(got, tt.want) {
			t.Errorf("verbs(%q) = %v, want %v", tt.format, got, tt.want)
		}
	}
	// Different verbs, or the same verbs on other arguments, differ.
	if slices.Equal(verbs("%s %d"), verbs("%d %s")) || slices.Equal(verbs("%s %q"), verbs("%q %s")) {
		t.Error("verbs does not tell reordered verbs apart")
	}
}

// TestMessagesInSpanish checks the Spanish text of representative problems
// in a file that declares language: es, exactly.
func TestMessagesInSpanish(t *testing.T) {
	head := y("title: Garantía", "language: es")
	tests := []struct {
		name string
		src  string
		want string // LINE:COL: MESSAGE in Spanish
	}{
		{"unknown key with a hint",
			head + y("moments:", "  - id: a", "    name: A", "    importanse: 4"),
			`6:5: clave desconocida "importanse" en el momento 1; ¿quiso decir "importance"?`},
		{"unknown key without a hint",
			head + y("colour: red", "moments: [{id: a, name: A}]"),
			`3:1: clave desconocida "colour" en el ciclo; claves conocidas: version, title, customer, organization, language, scale, servqual, quadrants, state, closed, critical, moments`},
		{"out of range",
			head + y("moments:", "  - {id: a, name: A, performance: 7}"),
			"4:35: performance 7 está fuera de rango: debe ir de 1 a 5 (la escala es de 5)"},
		{"not a number",
			head + y("moments:", "  - {id: a, name: A, importance: alta}"),
			`4:34: importance debe ser un número de 1 a 5, pero se encontró "alta"`},
		{"too many decimals",
			head + y("moments:", "  - {id: a, name: A, importance: 3.825}"),
			`4:34: importance 3.825 tiene más de dos decimales; escríbalo con dos como máximo`},
		{"sample not whole",
			head + y("moments:", "  - {id: a, name: A, sample: 2.5}"),
			`4:30: sample debe ser un número entero de 1 a 100000000, pero se encontró 2.5`},
		{"duplicate id",
			head + y("moments:", "  - {id: a, name: A}", "  - {id: a, name: B}"),
			`5:10: id de momento "a" repetido (aparece primero en la línea 4)`},
		{"bad date",
			head + y("moments:", "  - id: a", "    name: A", "    improvements:", "      - {action: Llamar, due: 31/12/2026}"),
			`7:31: due "31/12/2026" no es una fecha; escríbala como AAAA-MM-DD`},
		{"unknown next id with a hint",
			head + y("moments:", "  - {id: llega, name: A, next: [paga]}", "  - {id: pagar, name: B}"),
			`4:33: next nombra el momento desconocido "paga"; ¿quiso decir "pagar"?`},
		{"unknown next id",
			head + y("moments:", "  - {id: a, name: A, next: [zeta]}"),
			`4:29: next nombra el momento desconocido "zeta"`},
		{"a key of a moment, reordered",
			head + y("moments:", "  - {id: a, name: ''}"),
			"4:19: name del momento 1 no puede estar en blanco"},
		{"a key of an improvement, reordered",
			head + y("moments:", "  - id: a", "    name: A", "    improvements: [{action: X, owner: [a]}]"),
			"6:39: owner de la mejora 1 del momento 1 debe ser texto, pero se encontró una lista"},
		{"wrong kind",
			head + y("moments: {a: 1}"),
			"3:10: moments debe ser una lista, pero se encontró un mapeo"},
		{"choice with a hint",
			head + y("moments:", "  - id: a", "    name: A", "    improvements: [{action: X, status: doen}]"),
			`6:40: status "doen" no es válido: debe ser uno de planned, doing, done; ¿quiso decir "done"?`},
		{"missing name",
			head + y("moments:", "  - id: a"),
			"4:5: el momento 1 no tiene nombre (name)"},
		{"unreachable",
			head + y("closed: false", "moments:", "  - {id: a, name: A, next: []}", "  - {id: b, name: B}"),
			`6:10: no se puede llegar al momento "b" desde el primer momento "a": revise las listas next`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := parseErrors(t, tt.src)
			if len(list) != 1 {
				t.Fatalf("want one problem, got %d:\n%v", len(list), list)
			}
			e := list[0]
			if e.Lang != "es" {
				t.Errorf("Lang = %q, want es", e.Lang)
			}
			got := strconv.Itoa(e.Pos.Line) + ":" + strconv.Itoa(e.Pos.Column) + ": " + e.Text("")
			if got != tt.want {
				t.Errorf("Spanish message\n got: %s\nwant: %s", got, tt.want)
			}
			if e.Text("es") != e.Text("") {
				t.Errorf(`Text("es") = %q differs from Text("") = %q`, e.Text("es"), e.Text(""))
			}
			if e.Text("en") != e.Msg || strings.ContainsAny(e.Msg, "áéíóúñ¿") {
				t.Errorf(`Text("en") = %q, Msg = %q: want the English message`, e.Text("en"), e.Msg)
			}
		})
	}
}

// TestErrorLang checks which language Parse records on its problems: the
// file's when a valid language key (or none) could be read, even with
// problems elsewhere and before it, and for a file that is not valid YAML
// a top-level "language:" line; none otherwise.
func TestErrorLang(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"spanish", y("colour: red", "title: x", "language: es", "moments: [{id: a}]"), "es"},
		{"english", y("title: x", "language: en", "moments: [{id: a}]"), "en"},
		{"no language key", y("title: x", "moments: [{id: a}]"), "en"},
		{"invalid language", y("title: x", "language: esp", "moments: [{id: a}]"), ""},
		{"language of the wrong kind", y("title: x", "language: [es]", "moments: [{id: a}]"), ""},
		{"YAML syntax error", y("title: x", "language: es", "moments: [{id: a"), "es"},
		{"YAML syntax error, quoted language with a comment", y("title: x", "language: 'es' # Spanish", "moments: [{id: a"), "es"},
		{"YAML syntax error, nested language", y("title: x", "moments:", "  - language: es", "    id: [a"), ""},
		{"YAML syntax error without language", y("title: x", "moments: [{id: a"), ""},
		{"root not a mapping", y("- language: es"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := parseErrors(t, tt.src)
			if len(list) == 0 {
				t.Fatal("no problems")
			}
			for _, e := range list {
				if e.Lang != tt.want {
					t.Errorf("%s: Lang = %q, want %q", e, e.Lang, tt.want)
				}
				if tt.want != "es" && e.Text("") != e.Msg {
					t.Errorf(`Text("") = %q, want the English %q`, e.Text(""), e.Msg)
				}
				if es := e.Text("es"); es == e.Msg {
					t.Errorf("%s: not translated when asked for Spanish", e)
				}
			}
		})
	}
}

// TestTextFallsBackToMsg: a problem made by Add, or asked for in a
// language ciclo does not know, reads as Msg.
func TestTextFallsBackToMsg(t *testing.T) {
	var l ErrorList
	l.Add("a.yaml", Pos{1, 1}, "made by hand")
	l[0].Lang = "es"
	for _, lang := range []string{"", "en", "es", "fr"} {
		if got := l[0].Text(lang); got != "made by hand" {
			t.Errorf("Text(%q) = %q", lang, got)
		}
	}
	e := parseErrors(t, y("title: x", "language: es", "moments: [{id: a}]"))[0]
	if got := e.Text("fr"); got != e.Msg || got != "moment 1 has no name" {
		t.Errorf(`Text("fr") = %q, Msg %q`, got, e.Msg)
	}
}
