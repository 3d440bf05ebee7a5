package responses

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func load(t *testing.T) (*cycle.Cycle, []byte) {
	t.Helper()
	src, err := os.ReadFile("testdata/sucursal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := cycle.Parse("sucursal.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	return c, src
}

// TestAggregate40 reads testdata/respuestas.csv: 40 respondents (rows R01
// to R40 on lines 2 to 41), with blanks, answers out of range and a word.
func TestAggregate40(t *testing.T) {
	c, _ := load(t)
	f, err := os.Open("testdata/respuestas.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := Aggregate("respuestas.csv", f, c)
	if err != nil {
		t.Fatal(err)
	}
	if res.Respondents != 40 {
		t.Errorf("respondents = %d, want 40", res.Respondents)
	}
	want := map[string]struct {
		n    int
		mean string
	}{
		// odd rows 5, even rows 4; R07 blank, R13 "6" not counted:
		// 18 fives + 20 fours = 170 over 38 = 4.4736... -> 4.47
		"mostrador.importance": {38, "4.47"},
		// R01-R10 2, R11-R30 3, R31-R40 4; R20 "0" not counted:
		// 20 + 19*3 + 40 = 117 over 39 = 3 exactly, written "3"
		"mostrador.performance": {39, "3"},
		// 5 from everyone but R40 (blank): 195 over 39 = 5
		"mostrador.courtesy.expected": {39, "5"},
		// every fourth row 2, the others 3; R05 "tres" not counted:
		// 10*2 + 29*3 = 107 over 39 = 2.7435... -> 2.74
		"mostrador.courtesy.perceived": {39, "2.74"},
		// R01-R25 5, R26-R40 4: 125 + 60 = 185 over 40 = 4.625 -> 4.63
		// (half away from zero)
		"caja.importance": {40, "4.63"},
		// every fifth row 1, the others 2: 8 + 64 = 72 over 40 = 1.8
		"caja.performance": {40, "1.8"},
		// only R01-R04 answered, all 3
		"caja.responsiveness.perceived": {4, "3"},
	}
	if len(res.Columns) != len(want) {
		t.Fatalf("%d columns, want %d: %+v", len(res.Columns), len(want), res.Columns)
	}
	for _, col := range res.Columns {
		w, ok := want[col.Header]
		if !ok {
			t.Errorf("unexpected column %q", col.Header)
			continue
		}
		if col.N != w.n || col.Mean.String() != w.mean {
			t.Errorf("%s: n %d mean %s, want n %d mean %s", col.Header, col.N, col.Mean, w.n, w.mean)
		}
	}
	// a moment's sample is the fewest answers behind any of its scores:
	// mostrador 38 (importance), caja 4 (responsiveness); salida has no
	// column
	if res.Samples["mostrador"] != 38 || res.Samples["caja"] != 4 || len(res.Samples) != 2 {
		t.Errorf("samples = %v, want mostrador 38, caja 4", res.Samples)
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.Location()+": "+p.Text("en"))
	}
	wantProblems := []string{
		`respuestas.csv:6:11: mostrador.courtesy.perceived: answer "tres" is not a number; not counted`,
		"respuestas.csv:14:5: mostrador.importance: answer 6 is outside 1..5; not counted",
		"respuestas.csv:21:7: mostrador.performance: answer 0 is outside 1..5; not counted",
	}
	if strings.Join(got, "\n") != strings.Join(wantProblems, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
	}
	if es := res.Problems[1].Text("es"); es != "mostrador.importance: la respuesta 6 está fuera de 1..5; no se cuenta" {
		t.Errorf("Spanish: %s", es)
	}
}

// TestApplyGolden writes the means into the cycle file and compares with
// a golden: comments, order and the untouched moment stay as they were;
// the result is a valid cycle whose analysis uses the new scores.
func TestApplyGolden(t *testing.T) {
	c, src := load(t)
	f, _ := os.Open("testdata/respuestas.csv")
	defer f.Close()
	res, err := Aggregate("respuestas.csv", f, c)
	if err != nil {
		t.Fatal(err)
	}
	out, err := res.Apply(src)
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/sucursal.golden.yaml"
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("differs from %s:\n%s", golden, out)
	}
	for _, l := range strings.Split(string(src), "\n") {
		if strings.Contains(l, "#") && !strings.Contains(l, "importance") && !strings.Contains(l, "courtesy") && !bytes.Contains(out, []byte(l)) {
			t.Errorf("line %q lost", l)
		}
	}
	nc, err := cycle.Parse("sucursal.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	a := cycle.Analyze(nc)
	// caja: importance 4.63 >= 4 and performance 1.8 <= 2; its sample is 4
	caja := a.Lookup("caja")
	if !caja.Critical || len(caja.Reasons) != 1 || caja.Reasons[0].Text("es") != "importancia 4.63 ≥ 4 y desempeño 1.8 ≤ 2, según 4 valoraciones" {
		t.Errorf("caja: critical %v, reasons %v", caja.Critical, caja.Reasons)
	}
	// mostrador: courtesy expected 5 - perceived 2.74 = 2.26 >= 2
	m := a.Lookup("mostrador")
	if !m.Critical || len(m.Reasons) != 1 || m.Reasons[0].Text("en") != "courtesy gap: expected 5, perceived 2.74 (2.26 ≥ 2), on 38 ratings" {
		t.Errorf("mostrador: critical %v, reasons %v", m.Critical, m.Reasons)
	}
}

// TestUnknownColumns: an unknown moment, an unknown measure and a measure
// named twice are all reported with their column; nothing is aggregated.
func TestUnknownColumns(t *testing.T) {
	c, _ := load(t)
	csv := "id,recepcion.importance,mostrador.cortesia.perceived,mostrador.importance,mostrador.importance,caja.rapidez\nR1,4,3,4,4,2\n"
	res, err := Aggregate("r.csv", strings.NewReader(csv), c)
	var he *HeaderError
	if !errors.As(err, &he) || res != nil {
		t.Fatalf("got %v, %v; want a header error", res, err)
	}
	want := `r.csv:1:4: column "recepcion.importance" names the moment "recepcion", which is not in the cycle
r.csv:1:25: column "mostrador.cortesia.perceived" names the measure "cortesia.perceived"; a measure is importance, performance, or a SERVQUAL determinant followed by .expected or .perceived
r.csv:1:75: column "mostrador.importance" repeats the measure of column "mostrador.importance"
r.csv:1:96: column "caja.rapidez" names the measure "rapidez"; a measure is importance, performance, or a SERVQUAL determinant followed by .expected or .perceived`
	if he.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", he.Error(), want)
	}
	if !strings.Contains(he.Text("es"), `la columna "recepcion.importance" nombra el momento "recepcion", que no está en el ciclo`) {
		t.Errorf("Spanish: %s", he.Text("es"))
	}
}

// TestSemicolons reads a spreadsheet's Spanish-locale CSV: a byte order
// mark, semicolons, decimal commas, CRLF.
func TestSemicolons(t *testing.T) {
	c, _ := load(t)
	csv := "\ufeffencuestado;caja.importance;caja.performance\r\n1;4,5;2\r\n2;5;\r\n3; ;3\r\n"
	res, err := Aggregate("r.csv", strings.NewReader(csv), c)
	if err != nil {
		t.Fatal(err)
	}
	// importance: 4.5 + 5 = 9.5 over 2 = 4.75; performance 2 + 3 over 2 = 2.5
	if res.Columns[0].Mean.String() != "4.75" || res.Columns[0].N != 2 || res.Columns[1].Mean.String() != "2.5" {
		t.Errorf("columns %+v", res.Columns)
	}
	if res.Samples["caja"] != 2 || len(res.Problems) != 0 {
		t.Errorf("samples %v problems %v", res.Samples, res.Problems)
	}
}

// TestBadFiles: no header, no measure, a ragged row, nothing counted.
func TestBadFiles(t *testing.T) {
	c, src := load(t)
	for _, tc := range []struct{ csv, want string }{
		{"", "empty"},
		{"id,when\n1,2\n", "names no measure"},
		{"id,caja.importance\n1,4,5\n", "wrong number of fields"},
		{"id,caja.importance\n1,\n2,9\n", "no answer was counted"},
	} {
		res, err := Aggregate("r.csv", strings.NewReader(tc.csv), c)
		if err == nil {
			_, err = res.Apply(src)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want an error with %q", tc.csv, err, tc.want)
		}
	}
}
