package exchange

import (
	"archive/zip"
	"bytes"
	csvpkg "encoding/csv"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ciclo-dev/ciclo/cycle"
)

// workbookWithSheet is a valid workbook whose first sheet's XML is
// replaced by sheetData and extra (what hand-made or hostile files hold).
func workbookWithSheet(t *testing.T, sheetData, extra string) []byte {
	t.Helper()
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "moment")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range zr.File {
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		if e.Name == "xl/worksheets/sheet1.xml" {
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData>%s</worksheet>`, sheetData, extra)
			continue
		}
		r, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func inlineCell(ref, text string) string {
	return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, text)
}

// TestImportHostileWorkbooks: a few kilobytes of XML that would make
// reading cost billions of steps are refused with the sheet and cell.
func TestImportHostileWorkbooks(t *testing.T) {
	var merges strings.Builder
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&merges, `<mergeCell ref="B%d:ALL%d"/>`, 2*i+2, 2*i+3)
	}
	rows := `<row r="1">` + inlineCell("A1", "moment") + `</row><row r="4002">` + inlineCell("A4002", "Arrive") + `</row>`
	for _, tc := range []struct {
		name, data, extra, want string
	}{
		// two far corners: 17 billion cells of used range
		{"corners.xlsx", `<row r="1">` + inlineCell("A1", "moment") + inlineCell("XFD1", "x") + `</row><row r="1048576">` + inlineCell("A1048576", "Arrive") + `</row>`, "",
			"corners.xlsx:Sheet1!A1: the sheet spans 1048576 rows by 16384 columns (to XFD1048576), more than 1000000 cells"},
		// 2000 merged ranges of 2000 cells each: 4 million cells to fill
		{"merges.xlsx", rows, "<mergeCells>" + merges.String() + "</mergeCells>",
			"merges.xlsx:Sheet1!B"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Import(tc.name, workbookWithSheet(t, tc.data, tc.extra), Options{})
			if err == nil || res != nil {
				t.Fatalf("imported: %v", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q\nwant it to contain %q", err, tc.want)
			}
		})
	}
	// A sheet with a million blank rows before its last cell is read (the
	// rows are empty, the range one column wide).
	data := workbookWithSheet(t, `<row r="1">`+inlineCell("A1", "moment")+`</row><row r="2">`+inlineCell("A2", "Arrive")+`</row><row r="1000000">`+inlineCell("A1000000", "Leave")+`</row>`, "")
	res, err := Import("blank.xlsx", data, Options{})
	if err != nil || !bytes.Contains(res.YAML, []byte("Leave")) {
		t.Errorf("blank rows: %v", err)
	}
}

// TestImportYAMLSpecialText: cell text that YAML reads as syntax or as a
// typed value comes back from the cycle file as the same text, and the
// words an older YAML reader takes for booleans or numbers are quoted.
func TestImportYAMLSpecialText(t *testing.T) {
	names := []string{"- dash", ": colon", "# hash", "&anchor", "*alias", "!tag", "%pct", "@at", "`tick",
		"yes", "No", "off", "null", "~", "1e3", "0x10", "1_000", "1:30", "2026-01-02", ".5", "-1", "{a: b}", "[x]", "a: b", "a #b", "'q'", `"dq"`, "|", ">"}
	var csv strings.Builder
	csv.WriteString("moment,owner\n")
	for _, n := range names {
		fmt.Fprintf(&csv, "\"%s\",\"%s\"\n", strings.ReplaceAll(n, `"`, `""`), strings.ReplaceAll(n, `"`, `""`))
	}
	res, err := Import("special.csv", []byte(csv.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := cycle.Parse("special.yaml", res.YAML)
	if err != nil {
		t.Fatalf("%v\n%s", err, res.YAML)
	}
	if len(c.Moments) != len(names) {
		t.Fatalf("%d moments, want %d", len(c.Moments), len(names))
	}
	for i, n := range names {
		if m := c.Moments[i]; m.Name != n || m.Owner != n {
			t.Errorf("moment %d reads back as %q / %q, want %q", i, m.Name, m.Owner, n)
		}
	}
	for _, q := range []string{`name: "yes"`, `name: "No"`, `name: "off"`, `name: "1_000"`, `name: "1:30"`, `name: ".5"`} {
		if !bytes.Contains(res.YAML, []byte(q)) {
			t.Errorf("the cycle file lacks %s:\n%s", q, res.YAML)
		}
	}
}

// TestExportCSVNeutralisesFormulas: every cell of the exported CSV that a
// spreadsheet could run (= + - @, a tab or line break first, or = after
// blanks) starts with an apostrophe, and the import gives the text back.
func TestExportCSVNeutralisesFormulas(t *testing.T) {
	owners := []string{"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "  =HYPERLINK(\"http://x\")", "plain"}
	var src strings.Builder
	src.WriteString("title: T\nmoments:\n")
	for i, o := range owners {
		fmt.Fprintf(&src, "  - {id: m%d, name: M%d, owner: %q}\n", i, i, o)
	}
	c, err := cycle.Parse("t.yaml", []byte(src.String()))
	if err != nil {
		t.Fatal(err)
	}
	data, err := CSV(c, "")
	if err != nil {
		t.Fatal(err)
	}
	r := csvpkg.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		for _, cell := range rec {
			if formulaLike(cell) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
	res, err := Import("t.csv", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	back, err := cycle.Parse("back.yaml", res.YAML)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range owners {
		if got, want := back.Moments[i].Owner, strings.TrimSpace(o); got != want {
			t.Errorf("owner %d came back %q, want %q", i, got, want)
		}
	}
}

// TestMermaidExportDirectives: text with %% (a Mermaid comment, or a
// %%{init}%% directive) cannot hide a moment or reconfigure the diagram.
func TestMermaidExportDirectives(t *testing.T) {
	c, err := cycle.Parse("t.yaml", []byte("title: \"%%{init: {'theme': 'dark'}}%%\"\nmoments:\n  - {id: a, name: \"%%hidden\", owner: \"x %%{wrap}%%\", performance: 3}\n"))
	if err != nil {
		t.Fatal(err)
	}
	out := Mermaid(c)
	if bytes.Contains(out, []byte("%%")) {
		t.Errorf("the journey holds %%%%:\n%s", out)
	}
	res, err := Import("j.mmd", out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	back, err := cycle.Parse("back.yaml", res.YAML)
	if err != nil || len(back.Moments) != 1 {
		t.Fatalf("the moment did not come back: %v\n%s", err, res.YAML)
	}
}

// TestImportUnclosedQuote: a quote never closed would take the rest of
// the file into one cell; it is an error at the quote instead. A bare
// quote inside a cell (5" screen) and quoted cells that close are read.
func TestImportUnclosedQuote(t *testing.T) {
	for _, data := range []string{"moment,owner\n\"Arrives,X\nLeaves,Y\n", "moment,owner\nArrives,X\nLeaves,\"Y\n"} {
		_, err := Import("q.csv", []byte(data), Options{})
		if err == nil || !strings.Contains(err.Error(), "this quote is never closed") {
			t.Errorf("%q: error %v", data, err)
		}
	}
	if _, err := Import("q.csv", []byte("moment,owner\n5\" screen,X\n\"Leaves, late\",\"Y\"\n"), Options{}); err != nil {
		t.Errorf("closed quotes: %v", err)
	}
	_, err := Import("q.csv", []byte("moment,owner\nArrives,X\nLeaves,\"Y\n"), Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "q.csv:3:8:") {
		t.Errorf("position: %v", err)
	}
}

// TestImportWideLineColumns: positions on a long line with accents are
// counted in characters, field after field (the count is carried along
// the line, not restarted for each cell).
func TestImportWideLineColumns(t *testing.T) {
	line := strings.Repeat("é,", 5000) + "Arrives,high"
	header := strings.Repeat("x,", 5000) + "moment,performance"
	_, err := Import("w.csv", []byte(header+"\n"+line+"\n"), Options{})
	want := "w.csv:2:10009: performance \"high\" is not a number"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v\nwant %q", err, want)
	}
}

// BenchmarkImportWideLine: one header line of 200,000 cells. Counting
// each cell's character column from the line's start made this take
// 24 s; carried along, it is linear.
func BenchmarkImportWideLine(b *testing.B) {
	data := []byte("moment" + strings.Repeat(",é", 200000) + "\nA\n")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Import("w.csv", data, Options{})
	}
}

// TestImportControlCharacters: a NUL past the part sniffed for binary
// data and a terminal escape in a cell do not reach the cycle file.
func TestImportControlCharacters(t *testing.T) {
	data := "moment,owner\n" + strings.Repeat("A,B\n", 3000) + "C\x00D,\x1b[31mRed\n"
	res, err := Import("c.csv", []byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := cycle.Parse("c.yaml", res.YAML)
	if err != nil {
		t.Fatal(err)
	}
	m := c.Moments[len(c.Moments)-1]
	if m.Name != "C D" || m.Owner != "[31mRed" {
		t.Errorf("read %q / %q", m.Name, m.Owner)
	}
}
