package cycle

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
)

// deepList is a cycle whose moments list starts on line 2, with three
// moments of four lines each: line 15 is the last.
func deepList() []string {
	lines := []string{"title: x", "moments:"}
	for _, id := range []string{"a", "b", "c"} {
		lines = append(lines, "  - id: "+id, "    name: "+strings.ToUpper(id), "    owner: Desk", "    importance: 3")
	}
	return lines
}

// with returns lines with line n (1-based) replaced by s.
func with(lines []string, n int, s string) []string {
	out := append([]string(nil), lines...)
	out[n-1] = s
	return out
}

const indentHint = "check the indentation (keys of one mapping, and items of one list, start in the same column) and that every quote and bracket above is closed"
const indentHintES = "revise la sangría (las claves de un mismo mapeo, y los elementos de una misma lista, empiezan en la misma columna) y que toda comilla y todo corchete anteriores estén cerrados"

// TestYAMLSyntaxErrors checks where YAML syntax errors are placed, and
// their hints, exactly, in English and in Spanish.
func TestYAMLSyntaxErrors(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		pos    string // LINE:COL
		en, es string
	}{
		// The library names line 2, where the moments list starts.
		{"key of a moment indented one space less", y(with(deepList(), 13, "   owner: Desk")...), "13:4",
			"invalid YAML: did not find expected '-' indicator; " + indentHint,
			"YAML no válido: did not find expected '-' indicator; " + indentHintES},
		{"key of a moment indented one space more", y(with(deepList(), 13, "     owner: Desk")...), "13:6",
			"invalid YAML: mapping values are not allowed in this context; " + indentHint,
			"YAML no válido: mapping values are not allowed in this context; " + indentHintES},
		{"key of a moment at the list's column", y(with(deepList(), 9, "  owner: Desk")...), "9:3",
			"invalid YAML: did not find expected '-' indicator; " + indentHint,
			"YAML no válido: did not find expected '-' indicator; " + indentHintES},
		{"key of a moment left of the list", y(with(deepList(), 9, " owner: Desk")...), "9:2",
			"invalid YAML: did not find expected key; " + indentHint,
			"YAML no válido: did not find expected key; " + indentHintES},
		// A flow mapping over two lines earlier on: cutting the file inside
		// it fails too, with another error, which the search tells apart.
		{"after a flow mapping over two lines", y(append([]string{"title: x", "moments:", "  - {id: z,", "     name: Z}"}, with(deepList()[2:], 7, "   owner: Desk")...)...), "11:4",
			"invalid YAML: did not find expected '-' indicator; " + indentHint,
			"YAML no válido: did not find expected '-' indicator; " + indentHintES},

		{"tab indenting a key", y(with(deepList(), 8, "\t  name: B")...), "8:1",
			"invalid YAML: found a tab character that violates indentation; use spaces, not tabs, to indent",
			"YAML no válido: found a tab character that violates indentation; sangre con espacios, no con tabuladores"},
		{"tab indenting a list item", y("title: x", "moments:", "\t- id: a"), "3:1",
			"invalid YAML: found character that cannot start any token; use spaces, not tabs, to indent",
			"YAML no válido: found character that cannot start any token; sangre con espacios, no con tabuladores"},
		{"tab after a dash", y("title: x", "moments:", "  -\tid: a"), "3:4",
			"invalid YAML: found character that cannot start any token; use spaces, not tabs, to indent",
			"YAML no válido: found character that cannot start any token; sangre con espacios, no con tabuladores"},

		{"colon in a name", y(with(deepList(), 8, "    name: Told: no receipt")...), "8:15",
			`invalid YAML: mapping values are not allowed in this context; quote text that contains ": ", e.g. name: "Told: no receipt"`,
			`YAML no válido: mapping values are not allowed in this context; ponga entre comillas el texto que contiene ": ", p. ej. name: "Told: no receipt"`},
		{"colon in a list item with a comment", y("title: x", "moments:", "  - name: Llegó: sin recibo # ojo", "    id: a"), "3:16",
			`invalid YAML: mapping values are not allowed in this context; quote text that contains ": ", e.g. name: "Llegó: sin recibo"`,
			`YAML no válido: mapping values are not allowed in this context; ponga entre comillas el texto que contiene ": ", p. ej. name: "Llegó: sin recibo"`},
		{"colon in text with quotes", y("title: x", "moments:", `  - name: Told: "no" receipt`), "3:15",
			`invalid YAML: mapping values are not allowed in this context; quote text that contains ": ", e.g. name: "Told: no receipt"`,
			`YAML no válido: mapping values are not allowed in this context; ponga entre comillas el texto que contiene ": ", p. ej. name: "Dijo: sin recibo"`},
		{"colon ending a line", y("title: Told: x", "moments: []"), "1:12",
			`invalid YAML: mapping values are not allowed in this context; quote text that contains ": ", e.g. title: "Told: x"`,
			`YAML no válido: mapping values are not allowed in this context; ponga entre comillas el texto que contiene ": ", p. ej. title: "Told: x"`},

		{"double quote left open", y(with(deepList(), 8, `    name: "B`)...), "8:11",
			"invalid YAML: found unexpected end of stream; close the quote",
			"YAML no válido: found unexpected end of stream; cierre las comillas"},
		{"single quote left open", y(with(deepList(), 12, `    name: 'C`)...), "12:11",
			"invalid YAML: found unexpected end of stream; close the quote",
			"YAML no válido: found unexpected end of stream; cierre las comillas"},
		// The library names the end of the file when the quote is on the
		// first line.
		{"quote left open on the first line", y(`title: "Warranty`, "moments: []", "# end"), "1:8",
			"invalid YAML: found unexpected end of stream; close the quote",
			"YAML no válido: found unexpected end of stream; cierre las comillas"},
		// A quoted text over two lines earlier on: cutting the file inside
		// it leaves a quote open too, but on another line.
		{"quote left open after a quoted text over two lines", y(append([]string{"title: x", "moments:", `  - {id: z, name: "Z`, `     z"}`}, with(deepList()[2:], 6, `    name: "B`)...)...), "10:11",
			"invalid YAML: found unexpected end of stream; close the quote",
			"YAML no válido: found unexpected end of stream; cierre las comillas"},

		// No hint: the message is the library's, at the start of the line.
		{"unclosed flow list", y("title: x", "moments:", "  - id: a", "    next: [b, c", "  - id: b"), "4:5",
			"invalid YAML: did not find expected ',' or ']'; close the brackets: every [ needs a ] and every { a }, on the same line or the lines after",
			"YAML no válido: did not find expected ',' or ']'; cierre los corchetes: cada [ necesita un ] y cada { un }, en la misma línea o en las siguientes"},
		{"key without a colon", y("title: x", "moments: []", "owner"), "3:1",
			"invalid YAML: could not find expected ':'",
			"YAML no válido: could not find expected ':'"},
		{"error in a second document", y("title: x", okMoments, "---", "a: b: c"), "4:5",
			`invalid YAML: mapping values are not allowed in this context; quote text that contains ": ", e.g. a: "b: c"`,
			`YAML no válido: mapping values are not allowed in this context; ponga entre comillas el texto que contiene ": ", p. ej. a: "b: c"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := parseErrors(t, tt.src)
			if len(list) != 1 {
				t.Fatalf("want one problem, got %d:\n%v\nsource:\n%s", len(list), list, tt.src)
			}
			e := list[0]
			pos := strconv.Itoa(e.Pos.Line) + ":" + strconv.Itoa(e.Pos.Column)
			if pos != tt.pos || e.Msg != tt.en || e.Text("es") != tt.es {
				t.Errorf("source:\n%s got: %s: %s\n     %s\nwant: %s: %s\n     %s", tt.src, pos, e.Msg, e.Text("es"), tt.pos, tt.en, tt.es)
			}
		})
	}
}

// TestSyntaxErrorInExample is the case reported: one line of a real
// example indented one space less. The library names line 17, where the
// moments list starts.
func TestSyntaxErrorInExample(t *testing.T) {
	src, err := os.ReadFile("../examples/airline.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	n := -1
	for i, l := range lines {
		if l == "  - id: baggage" {
			n = i + 2 // 0-based: the line after the name
			break
		}
	}
	if n < 0 || !strings.HasPrefix(lines[n], "    description:") {
		t.Fatalf("examples/airline.yaml changed: no baggage moment with a description after its name")
	}
	lines[n] = lines[n][1:]
	list := parseErrors(t, strings.Join(lines, "\n"))
	want := strconv.Itoa(n+1) + ":4: invalid YAML: did not find expected '-' indicator; " + indentHint
	if len(list) != 1 || strconv.Itoa(list[0].Pos.Line)+":"+strconv.Itoa(list[0].Pos.Column)+": "+list[0].Msg != want {
		t.Errorf("got %v\nwant %s", list, want)
	}
}

// TestSyntaxErrorSearchBounds: past the size limit, or when parsing
// prefixes would build too many values, the line is the library's.
func TestSyntaxErrorSearchBounds(t *testing.T) {
	// A comment of 1 MiB on line 1 puts the file over the limit: the
	// library names line 3, counted from 0, where the moments list starts.
	big := y(append([]string{"# " + strings.Repeat("x", searchLimit)}, with(deepList(), 13, "   owner: Desk")...)...)
	list := parseErrors(t, big)
	checkProblems(t, "(1 MiB comment, then a misindented key on line 14)", list,
		[]problem{{4, 3, "invalid YAML: did not find expected '-' indicator; " + indentHint}})

	// Under 1 MiB, but so many values that three prefixes would build
	// more than the library may for one file: the library names line 2,
	// counted from 0, where the moments list starts.
	var b bytes.Buffer
	b.WriteString("title: x\nmoments:\n")
	for b.Len() < searchLimit-100 {
		b.WriteString("  - [a,a,a,a,a,a,a,a,a,a]\n")
	}
	b.WriteString("   owner: Desk\n")
	got, alloc := parseMeasured(t, b.Bytes())
	checkBounded(t, got, alloc)
	checkProblems(t, "(dense lists, then a misindented key)", got,
		[]problem{{3, 3, "invalid YAML: did not find expected '-' indicator; " + indentHint}})
}

// TestQuotedValues: a quoted true or number is text, and the message says
// so, with the fix.
func TestQuotedValues(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want problem
		es   string
	}{
		{"text with ': ' in a list", y("title: x", "moments:", "  - id: a", "    name: A", "    pains:", "      - Told: no receipt"),
			problem{6, 9, `a pain must be text, found a mapping; quote text that contains ": ", e.g. "Told: no receipt"`},
			`un dolor debe ser texto, pero se encontró un mapeo; ponga entre comillas el texto que contiene ": ", p. ej. "Told: no receipt"`},
		{"a real mapping where text goes", y("title: x", "moments:", "  - id: a", "    name:", "      first: A", "      second: B"),
			problem{5, 7, `moment 1 name must be text, found a mapping`},
			`name del momento 1 debe ser texto, pero se encontró un mapeo`},
		{"quoted critical", y("title: x", "moments:", "  - {id: a, name: A, critical: \"true\"}"),
			problem{3, 32, `critical must be true or false, found the text "true"; remove the quotes`},
			`critical debe ser true o false, pero se encontró el texto "true"; quite las comillas`},
		{"quoted closed", y("title: x", "closed: 'False'", okMoments),
			problem{2, 9, `closed must be true or false, found the text "False"; remove the quotes`},
			`closed debe ser true o false, pero se encontró el texto "False"; quite las comillas`},
		{"quoted importance", y("title: x", "moments:", "  - {id: a, name: A, importance: \"4\"}"),
			problem{3, 34, `importance must be a number from 1 to 5, found the text "4"; remove the quotes`},
			`importance debe ser un número de 1 a 5, pero se encontró el texto "4"; quite las comillas`},
		{"quoted scale", y("title: x", "scale: '7'", okMoments),
			problem{2, 8, `scale must be a whole number from 3 to 10, found the text "7"; remove the quotes`},
			`scale debe ser un número entero de 3 a 10, pero se encontró el texto "7"; quite las comillas`},
		{"quoted threshold", y("title: x", "critical: {gap: \"2.0\"}", okMoments),
			problem{2, 17, `critical.gap must be a number from 1 to 5, found the text "2.0"; remove the quotes`},
			`critical.gap debe ser un número de 1 a 5, pero se encontró el texto "2.0"; quite las comillas`},
		{"quoted dimension score", y("title: x", "moments:", "  - id: a", "    name: A", "    dimensions: {courtesy: {expected: 5, perceived: '3'}}"),
			problem{5, 53, `courtesy.perceived must be a number from 1 to 5, found the text "3"; remove the quotes`},
			`courtesy.perceived debe ser un número de 1 a 5, pero se encontró el texto "3"; quite las comillas`},
		{"quoted version", y("version: \"1\"", "title: x", okMoments),
			problem{1, 10, `version must be a number, found the text "1"; remove the quotes`},
			`version debe ser un número, pero se encontró el texto "1"; quite las comillas`},
		// Text that would not be a number or a boolean unquoted either is
		// reported as before.
		{"quoted word", y("title: x", "moments:", "  - {id: a, name: A, critical: \"yes\"}"),
			problem{3, 32, `critical must be true or false, found "yes"`},
			`critical debe ser true o false, pero se encontró "yes"`},
		{"unquoted word", y("title: x", "moments:", "  - {id: a, name: A, importance: high}"),
			problem{3, 34, `importance must be a number from 1 to 5, found "high"`},
			`importance debe ser un número de 1 a 5, pero se encontró "high"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := parseErrors(t, tt.src)
			if len(list) != 1 {
				t.Fatalf("want one problem, got %v", list)
			}
			e := list[0]
			if e.Pos.Line != tt.want.line || e.Pos.Column != tt.want.col || e.Msg != tt.want.msg || e.Text("es") != tt.es {
				t.Errorf("got %d:%d: %s\n    %s\nwant %d:%d: %s\n    %s", e.Pos.Line, e.Pos.Column, e.Msg, e.Text("es"), tt.want.line, tt.want.col, tt.want.msg, tt.es)
			}
		})
	}
}
