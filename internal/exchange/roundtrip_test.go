package exchange

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
)

// canon clears what a round trip cannot keep and need not: positions, the
// file name, and whitespace at the ends of text (a spreadsheet keeps no
// trailing line break of a folded YAML paragraph). Everything else must
// survive: every key, score, list, improvement, next and ignore.
func canon(c *cycle.Cycle) *cycle.Cycle {
	c.File = ""
	canonValue(reflect.ValueOf(c).Elem())
	return c
}

var (
	posType    = reflect.TypeOf(cycle.Pos{})
	posMapType = reflect.TypeOf(map[string]cycle.Pos{})
	posSlice   = reflect.TypeOf([]cycle.Pos{})
)

func canonValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			canonValue(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == posType {
			v.Set(reflect.Zero(posType))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				canonValue(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.Type() == posSlice {
			v.Set(reflect.Zero(posSlice))
			return
		}
		for i := 0; i < v.Len(); i++ {
			canonValue(v.Index(i))
		}
	case reflect.Map:
		if v.Type() == posMapType {
			v.Set(reflect.Zero(posMapType))
			return
		}
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			canonValue(e)
			v.SetMapIndex(k, e)
		}
	case reflect.String:
		v.SetString(strings.TrimSpace(v.String()))
	}
}

func parseFile(t *testing.T, path string) *cycle.Cycle {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := cycle.Parse(path, data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}

// sameCycle fails the test with the first difference between two cycles.
func sameCycle(t *testing.T, what string, want, got *cycle.Cycle) {
	t.Helper()
	w, g := canon(want), canon(got)
	if reflect.DeepEqual(w, g) {
		return
	}
	if !reflect.DeepEqual(w.Moments, g.Moments) {
		for i := range w.Moments {
			if i >= len(g.Moments) {
				t.Errorf("%s: moment %d (%s) lost", what, i+1, w.Moments[i].ID)
				return
			}
			if !reflect.DeepEqual(w.Moments[i], g.Moments[i]) {
				t.Errorf("%s: moment %d differs:\nwant %+v\ngot  %+v", what, i+1, *w.Moments[i], *g.Moments[i])
				return
			}
		}
		t.Errorf("%s: %d moments, want %d", what, len(g.Moments), len(w.Moments))
		return
	}
	w.Moments, g.Moments = nil, nil
	t.Errorf("%s: cycle differs:\nwant %+v\ngot  %+v", what, *w, *g)
}

// TestRoundTripExamples exports every example to CSV and XLSX, imports it
// back and compares the parsed cycles.
func TestRoundTripExamples(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.yaml")
	deeper, _ := filepath.Glob("../../examples/*/*.yaml")
	files = append(files, deeper...)
	if len(files) == 0 {
		t.Fatal("no examples found")
	}
	files = append(files, "testdata/roundtrip.yaml") // every key, decimals, formula-like text
	for _, f := range files {
		for _, format := range []string{FormatCSV, FormatXLSX} {
			t.Run(strings.TrimPrefix(f, "../../")+"/"+format, func(t *testing.T) {
				c := parseFile(t, f)
				var sheet []byte
				var err error
				if format == FormatCSV {
					sheet, err = CSV(c, "")
				} else {
					sheet, err = XLSX(c, "")
				}
				if err != nil {
					t.Fatal(err)
				}
				res, err := Import("sheet."+format, sheet, Options{})
				if err != nil {
					t.Fatalf("import: %v", err)
				}
				if len(res.Notes) > 0 {
					t.Errorf("an exported sheet imports without notes, got %v", res.Notes)
				}
				back, err := cycle.Parse("back.yaml", res.YAML)
				if err != nil {
					t.Fatalf("imported cycle invalid: %v\n%s", err, res.YAML)
				}
				sameCycle(t, f, parseFile(t, f), back)
			})
		}
	}
}

// TestRoundTripOtherLanguage exports a Spanish cycle with English headers
// (and an English one with Spanish headers): the import reads both.
func TestRoundTripOtherLanguage(t *testing.T) {
	for _, tc := range []struct{ file, lang string }{{"garantia.yaml", "en"}, {"airline.yaml", "es"}} {
		c := parseFile(t, "../../examples/"+tc.file)
		sheet, err := CSV(c, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Import("x.csv", sheet, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		back, err := cycle.Parse("back.yaml", res.YAML)
		if err != nil {
			t.Fatal(err)
		}
		sameCycle(t, tc.file+" in "+tc.lang, parseFile(t, "../../examples/"+tc.file), back)
	}
}
