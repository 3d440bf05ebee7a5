package cli

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestImportFlags parses the flags without running the command.
func TestImportFlags(t *testing.T) {
	var got *ImportOptions
	cmd := NewCmdImport(&IOStreams{}, func(_ context.Context, o *ImportOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"sheet.xlsx", "-o", "c.yaml", "--sheet", "Mapa", "--scale", "10", "--from-scale", "-2..2",
		"--map", "Nota=performance", "--map", "Código=-", "--lang", "es"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := &ImportOptions{IO: got.IO, File: "sheet.xlsx", Output: "c.yaml", Sheet: "Mapa", Scale: 10, FromScale: "-2..2",
		Map: []string{"Nota=performance", "Código=-"}, Lang: "es"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

// TestExportFlags parses the flags without running the command.
func TestExportFlags(t *testing.T) {
	var got *ExportOptions
	cmd := NewCmdExport(&IOStreams{}, func(_ context.Context, o *ExportOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"c.yaml", "-f", "xlsx", "-o", "w.xlsx", "--lang", "en"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.File != "c.yaml" || got.Format != "xlsx" || got.Output != "w.xlsx" || got.Lang != "en" {
		t.Errorf("got %+v", got)
	}
}

const sheetCSV = "moment;owner;importance;performance;Notes\nArrives ;Front desk;5;1;busy at 9\nPays;Cashier;3;4;\n"

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "sheet.csv", sheetCSV)
	out := filepath.Join(dir, "c.yaml")
	code, stdout, stderr := run(t, "", "import", in, "-o", out)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// the unmapped column is named on stderr with its place
	if !strings.Contains(stderr, "sheet.csv:1:") || !strings.Contains(stderr, `column E "Notes" maps to no field`) {
		t.Errorf("stderr does not list the unmapped column: %q", stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"# Check what the data lacks with: ciclo lint " + out, "- id: arrives", "description: 'Notes: busy at 9'", "performance: 1"} {
		if !strings.Contains(string(data), w) {
			t.Errorf("cycle lacks %q:\n%s", w, data)
		}
	}
	// lint reads it
	if code, _, _ := run(t, "", "lint", out); code != 0 && code != 1 {
		t.Errorf("lint on the imported file: exit %d", code)
	}
	// standard output by default, in the sheet's language
	code, stdout, _ = run(t, sheetCSV, "import", "-", "--lang", "es")
	if code != 0 || !strings.Contains(stdout, "language: es") || !strings.Contains(stdout, "# fila 2") {
		t.Errorf("import - --lang es: exit %d\n%s", code, stdout)
	}
}

// TestImportWritesNothingOnError: bad input leaves the output as it was.
func TestImportWritesNothingOnError(t *testing.T) {
	dir := t.TempDir()
	out := writeFile(t, dir, "c.yaml", "keep me\n")
	for _, tc := range []struct {
		name, content, want string
		code                int
	}{
		{"noheader.csv", "a,b\n1,2\n", "no recognisable header", 1},
		{"binary.csv", "\x00\x01\x02PNG", "not a text CSV file", 1},
		{"score.csv", "moment,performance\nA,9\n", "score.csv:2:3: error: performance 9 is outside 1..5", 1},
	} {
		in := writeFile(t, dir, tc.name, tc.content)
		code, _, stderr := run(t, "", "import", in, "-o", out)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q", tc.name, code, stderr)
		}
		if data, _ := os.ReadFile(out); string(data) != "keep me\n" {
			t.Errorf("%s: the output was touched: %q", tc.name, data)
		}
	}
	// a workbook with a formula, and a file over the size limit
	formula, err := os.ReadFile("../exchange/testdata/import/formula.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 10<<20+1)
	for i := range big {
		big[i] = 'a'
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"formula.xlsx", formula, "formula.xlsx:Sheet1!C2: the cell holds a formula"},
		{"big.csv", big, "big.csv is larger than 10 MiB"},
	} {
		in := filepath.Join(dir, tc.name)
		if err := os.WriteFile(in, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := run(t, "", "import", in, "-o", out)
		if code != 1 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q", tc.name, code, stderr)
		}
		if data, _ := os.ReadFile(out); string(data) != "keep me\n" {
			t.Errorf("%s: the output was touched", tc.name)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestImportNeverOverInput(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "sheet.csv", sheetCSV)
	code, _, stderr := run(t, "", "import", in, "-o", in)
	if code != 2 || !strings.Contains(stderr, "is the input") {
		t.Errorf("exit %d, %q", code, stderr)
	}
	if data, _ := os.ReadFile(in); string(data) != sheetCSV {
		t.Error("the input was overwritten")
	}
	for _, args := range [][]string{
		{"import", in, "--scale", "11"},
		{"import", in, "--from-scale", "2..1"},
		{"import", in, "--map", "Notes=colour"},
		{"import", in, "--lang", "fr"},
	} {
		if code, _, _ := run(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// TestExportImportCommands: export beside the input, import back, same
// cycle (the package tests compare every example field by field).
func TestExportImportCommands(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../examples/garantia.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in := writeFile(t, dir, "garantia.yaml", string(src))
	for _, f := range []string{"csv", "xlsx"} {
		if code, _, stderr := run(t, "", "export", in, "-f", f); code != 0 {
			t.Fatalf("export -f %s: exit %d: %s", f, code, stderr)
		}
		sheet := filepath.Join(dir, "garantia."+f)
		back := filepath.Join(dir, "back-"+f+".yaml")
		if code, _, stderr := run(t, "", "import", sheet, "-o", back); code != 0 || stderr != "" {
			t.Fatalf("import %s: exit %d: %s", sheet, code, stderr)
		}
		_, a, _ := run(t, "", "report", in, "-f", "json", "--today", "2026-01-01")
		_, b, _ := run(t, "", "report", back, "-f", "json", "--today", "2026-01-01")
		if a != b {
			t.Errorf("%s round trip changes the analysis", f)
		}
	}
	code, out, _ := run(t, "", "export", in, "-f", "mermaid", "-o", "-")
	if code != 0 || !strings.HasPrefix(out, "journey\n    title ") {
		t.Errorf("mermaid: exit %d\n%s", code, out)
	}
	md := filepath.Join(dir, "page.md")
	if code, _, _ := run(t, "", "export", in, "-o", md); code != 0 {
		t.Fatal("export -o page.md failed")
	}
	if data, _ := os.ReadFile(md); !strings.HasPrefix(string(data), "```mermaid\njourney\n") || !strings.HasSuffix(string(data), "```\n") {
		t.Errorf("a .md output is a fenced block:\n%s", data)
	}
	if code, _, stderr := run(t, "", "export", in); code != 2 || !strings.Contains(stderr, "give -f") {
		t.Errorf("no format: exit %d %q", code, stderr)
	}
	if code, _, _ := run(t, "", "export", in, "-f", "csv", "-o", in); code != 2 {
		t.Errorf("export over its input: exit %d", code)
	}
}

// TestImportInterrupted: Ctrl-C (a cancelled context) during an import of
// a large sheet ends with exit 130 and writes nothing.
func TestImportInterrupted(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("title,Big\nmoment,importance,performance\n")
	for i := range 3000 {
		b.WriteString("Moment " + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + ",4,3\n")
	}
	in := writeFile(t, dir, "big.csv", b.String())
	out := filepath.Join(dir, "big.yaml")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(ErrInterrupted)
	var stdout, stderr strings.Builder
	code := Main(ctx, []string{"import", in, "-o", out}, &IOStreams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr})
	if code != ExitInterrupted || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("exit %d, stderr %q; want %d and \"interrupted\"", code, stderr.String(), ExitInterrupted)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was written (or cannot be checked: %v)", out, err)
	}
	if code, _, stderr := run(t, "", "import", in, "-o", out); code != ExitOK {
		t.Fatalf("uninterrupted: exit %d: %s", code, stderr)
	}
}
