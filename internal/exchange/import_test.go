package exchange

import (
	"archive/zip"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ciclo-dev/ciclo/cycle"
)

var update = flag.Bool("update", false, "rewrite the golden files (and the XLSX fixtures)")

const dir = "testdata/import"

// TestImportGoldens imports each fixture, written the way real sheets
// come, and compares the cycle file and the notes with their goldens.
func TestImportGoldens(t *testing.T) {
	if *update {
		writeWorkbooks(t)
	}
	for _, tc := range []struct {
		file string
		opts Options
	}{
		{file: "apertura.csv"}, // BOM, ";", Spanish headers with accents, blank rows, trailing spaces, merged stages, a continuation row
		{file: "lanes.csv"},    // lanes as rows, blueprint lanes, an unknown label
		{file: "scale-2.tsv", opts: Options{FromScale: mustRange("-2..2")}},
		{file: "percent.csv", opts: Options{FromScale: mustRange("%")}}, // decimals
		{file: "journey.xlsx"},  // lanes in a second sheet, merged title and stage cells, numbers stored as text
		{file: "momentos.xlsx"}, // two-row merged header, date cells, a column mapped with --map and one left out
		{file: "momentos.xlsx", opts: Options{Sheet: "Momentos", Map: map[string]string{"nota del cliente": "performance", "codigo interno": "-", "no such column": "stage"}}},
		{file: "day.mmd"},
	} {
		name := tc.file
		if len(tc.opts.Map) > 0 {
			name = strings.TrimSuffix(name, filepath.Ext(name)) + "-mapped" + filepath.Ext(name)
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Import(tc.file, data, tc.opts)
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			var notes strings.Builder
			for _, n := range res.Notes {
				notes.WriteString(n.String() + "\n")
			}
			golden(t, name+".yaml", res.YAML)
			golden(t, name+".notes", []byte(notes.String()))
			checkValid(t, res.YAML)
		})
	}
}

// checkValid parses an imported cycle.
func checkValid(t *testing.T, yml []byte) {
	t.Helper()
	if _, err := cycle.Parse("imported.yaml", yml); err != nil {
		t.Errorf("the imported cycle is not valid: %v", err)
	}
}

func mustRange(s string) *scoreRange {
	r, err := ParseRange(s)
	if err != nil {
		panic(err)
	}
	return r
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(dir, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// writeWorkbooks writes the XLSX fixtures, laid out as people make them.
func writeWorkbooks(t *testing.T) {
	t.Helper()
	// journey.xlsx: an instructions sheet first; the map on the second,
	// lanes as rows, a merged title, merged stage cells, scores typed as
	// text, labels with trailing spaces.
	f := excelize.NewFile()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Instrucciones"))
	must(f.SetCellStr("Instrucciones", "A1", "Complete una columna por momento. No cambie los rótulos."))
	must(f.SetCellStr("Instrucciones", "A3", "Versión 2 del taller"))
	_, err := f.NewSheet("Mapa")
	must(err)
	set := func(sheet, ref string, v any) { must(f.SetCellValue(sheet, ref, v)) }
	set("Mapa", "A1", "Mapa del viaje: reclamo de garantía")
	must(f.MergeCell("Mapa", "A1", "E1"))
	rows := [][]any{
		{"Etapa", "Antes", "", "Durante", "Después"},
		{"Paso ", "Busca el ticket", "Llega al mostrador", "Espera el diagnóstico", "Retira el equipo"},
		{"Responsable", "Cliente", "Ventas", "Taller", "Ventas"},
		{"Impacto emocional", "3", "5", "5", "4"},
		{"Desempeño", "2", "2", "3", "4,5"},
		{"Norma", "", "Atender en 3 minutos", "", ""},
		{"Evidencia física", "Ticket", "Fila de cajas", "SMS de estado", "Factura"},
		{"Comentarios del cliente", "", "¿Otra vez la fila?", "", ""},
	}
	for i, r := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		for j, v := range r {
			c, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if s, ok := v.(string); ok && s != "" {
				must(f.SetCellStr("Mapa", c, s)) // numbers stored as text
			}
		}
		_ = ref
	}
	must(f.MergeCell("Mapa", "B2", "C2"))
	must(f.SaveAs(filepath.Join(dir, "journey.xlsx")))

	// momentos.xlsx: a summary sheet first; on "Momentos" a title, a
	// two-row header whose first row has merged group cells, blank rows,
	// real numbers and date cells, an internal code column and a
	// "Nota del cliente" column that --map reads as performance.
	f = excelize.NewFile()
	must(f.SetSheetName("Sheet1", "Resumen"))
	must(f.SetCellStr("Resumen", "B2", "Resumen ejecutivo"))
	_, err = f.NewSheet("Momentos")
	must(err)
	set("Momentos", "A1", "Hotel Mirador: estadía")
	set("Momentos", "A2", "Momento de verdad")
	set("Momentos", "B2", "Puntajes")
	must(f.MergeCell("Momentos", "B2", "C2"))
	set("Momentos", "D2", "Plan")
	must(f.MergeCell("Momentos", "D2", "F2"))
	header := []any{"Momento", "Importancia", "Nota del cliente", "Mejora", "Responsable de la mejora", "Fecha límite", "Código interno"}
	must(f.SetSheetRow("Momentos", "A3", &header))
	dates, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	data := [][]any{
		{"Reserva por teléfono", 4, 3, "Central de reservas con turno de noche", "Reservas", 46418, "R-01"},
		{},
		{"Check-in en recepción ", 5, 2, "Pre check-in por correo", "Recepción", 46447, "R-02"},
		{"Pide el desayuno en la habitación", 3, 4, "", "", "", "R-03"},
	}
	for i, r := range data {
		ref, _ := excelize.CoordinatesToCellName(1, i+4)
		if len(r) > 0 {
			must(f.SetSheetRow("Momentos", ref, &r))
		}
	}
	must(f.SetCellStyle("Momentos", "F4", "F7", dates))
	must(f.SaveAs(filepath.Join(dir, "momentos.xlsx")))

	// formula.xlsx: a score computed by a formula.
	f = excelize.NewFile()
	hdr := []any{"moment", "importance", "performance"}
	must(f.SetSheetRow("Sheet1", "A1", &hdr))
	row := []any{"Arrives", 4, nil}
	must(f.SetSheetRow("Sheet1", "A2", &row))
	must(f.SetCellFormula("Sheet1", "C2", "AVERAGE(E2:E9)"))
	must(f.SaveAs(filepath.Join(dir, "formula.xlsx")))
}

// TestImportBadInput: each bad input is a clear error and no result.
func TestImportBadInput(t *testing.T) {
	bomb := zipBomb(t)
	big := append([]byte("PK\x03\x04"), bytes.Repeat([]byte{1}, MaxSheetSize)...)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"noheader.csv", nil, "noheader.csv: no recognisable header"},
		{"binary.csv", nil, "binary.csv is not a text CSV file"},
		{"badscore.csv", nil, "badscore.csv:2:11: performance \"high\" is not a number"},
		{"formula.xlsx", nil, "formula.xlsx:Sheet1!C2: the cell holds a formula (=AVERAGE(E2:E9))"},
		{"bomb.xlsx", bomb, "bomb.xlsx unpacks to more than 64 MiB"},
		{"big.xlsx", big, "big.xlsx is larger than 10 MiB"},

		{"notjourney.mmd", []byte("graph TD\n  A-->B\n"), "notjourney.mmd is not a Mermaid journey"},
		{"mermaid.mmd", []byte("journey\n  title X\n  Make tea: lots: Me\n"), "mermaid.mmd:3:13: score \"lots\" is not a number"},
		{"outofrange.csv", []byte("moment,performance\nArrives,7\n"), "outofrange.csv:2:9: performance 7 is outside 1..5; give --scale N"},
		{"unknownnext.csv", []byte("id,moment,next\na,Arrives,zz\n"), "the imported cycle would be invalid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data
			if data == nil {
				var err error
				if data, err = os.ReadFile(filepath.Join(dir, tc.name)); err != nil {
					t.Fatal(err)
				}
			}
			res, err := Import(tc.name, data, Options{})
			if err == nil {
				t.Fatalf("imported without error:\n%s", res.YAML)
			}
			if res != nil {
				t.Errorf("a result came with the error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q\nwant it to contain %q", err, tc.want)
			}
		})
	}
}

// TestImportEncodings: what spreadsheet programs save as plain "CSV"
// (Windows-1252), as "Unicode text" (UTF-16) and Excel's "sep=" line.
func TestImportEncodings(t *testing.T) {
	utf16 := []byte{0xff, 0xfe}
	for _, r := range "momento\tresponsable\r\nRecepción\tCaja\r\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	for _, tc := range []struct {
		name string
		data []byte
		note string
	}{
		{"latin1.csv", []byte("momento;responsable\nRecepci\xf3n;Caja\n"), "latin1.csv: leído como texto Windows-1252, no UTF-8; revise los acentos"},
		{"unicode.csv", utf16, "unicode.csv: leído como texto UTF-16, no UTF-8; revise los acentos"},
		{"sep.csv", []byte("sep=|\nmomento|responsable\nRecepción|Caja, turno 2\n"), ""},
	} {
		res, err := Import(tc.name, tc.data, Options{})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		c, err := cycle.Parse("x.yaml", res.YAML)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if m := c.Moments[0]; m.Name != "Recepción" || !strings.HasPrefix(m.Owner, "Caja") {
			t.Errorf("%s: read %q / %q", tc.name, m.Name, m.Owner)
		}
		if tc.note != "" && (len(res.Notes) == 0 || res.Notes[0].String() != tc.note) {
			t.Errorf("%s: notes %v, want first %q", tc.name, res.Notes, tc.note)
		}
		if tc.name == "sep.csv" && (c.Moments[0].Owner != "Caja, turno 2" || !bytes.Contains(res.YAML, []byte("# fila 3"))) {
			t.Errorf("sep= line: %s", res.YAML)
		}
	}
}

// zipBomb is a workbook-looking zip whose sheet unpacks to 200 MiB.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < 200; i++ {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if b.Len() > 1<<20 {
		t.Fatalf("bomb is %d bytes; it should be small", b.Len())
	}
	return b.Bytes()
}

// TestMermaidRoundTrip: the Mermaid documentation's journey example comes
// back byte for byte through a cycle file.
func TestMermaidRoundTrip(t *testing.T) {
	in, err := os.ReadFile(filepath.Join(dir, "day.mmd"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import("day.mmd", in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := cycle.Parse("day.yaml", res.YAML)
	if err != nil {
		t.Fatal(err)
	}
	if out := Mermaid(c); !bytes.Equal(out, in) {
		t.Errorf("Mermaid out differs from Mermaid in:\n%s\nwant\n%s", out, in)
	}
	if c.Title != "My working day" || len(c.Moments) != 5 || c.Moments[2].Owner != "Me, Cat" || c.Moments[2].Performance != cycle.Whole(1) || c.Moments[3].Stage != "Go home" {
		t.Errorf("cycle read wrong: %+v", c.Moments[2])
	}
}

// TestMermaidInMarkdown reads the first journey block of a Markdown page.
func TestMermaidInMarkdown(t *testing.T) {
	md := "# Notes\n\n```mermaid\ngraph TD\n  A-->B\n```\n\nText.\n\n```mermaid\njourney\n  title Visit\n  section Arrive\n    Parks: 2: Visitor\n```\n"
	res, err := Import("README.md", []byte(md), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := cycle.Parse("x.yaml", res.YAML)
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Visit" || len(c.Moments) != 1 || c.Moments[0].Name != "Parks" || c.Moments[0].Stage != "Arrive" {
		t.Errorf("got %+v", c.Moments[0])
	}
	if !bytes.Contains(res.YAML, []byte("# line 14\n")) {
		t.Errorf("moment's origin should be line 14 of the page:\n%s", res.YAML)
	}
}

// TestMermaidScale: a cycle on 1..10 is drawn on Mermaid's 1..5, said in a comment.
func TestMermaidScale(t *testing.T) {
	c, err := cycle.Parse("x.yaml", []byte("title: T\nscale: 10\nmoments:\n  - {id: a, name: \"A: first\", performance: 10, owner: O}\n  - {id: b, name: B, performance: 1}\n  - {id: c, name: C}\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := "journey\n    title T\n    %% scores converted from 1..10 to 1..5\n      A - first: 5: O\n      B: 1\n      C: \n"
	if got := string(Mermaid(c)); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}
