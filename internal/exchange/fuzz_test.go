package exchange

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
)

// FuzzImport: whatever the bytes, Import returns an error or a valid
// cycle (decimal scores aside, see checkValid), and never panics.
func FuzzImport(f *testing.F) {
	for _, name := range []string{"apertura.csv", "lanes.csv", "scale-2.tsv", "day.mmd", "noheader.csv"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, data)
	}
	f.Add("x.csv", []byte("moment,next\nA,b\nB,[]\n"))
	f.Add("x.csv", []byte("id,moment,improvement owner\n,A,Desk\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if filepath.Ext(name) == ".xlsx" {
			name += ".csv" // workbooks are fuzzed by excelize's own tests
		}
		res, err := Import(name, data, Options{})
		if err != nil {
			return
		}
		if _, err := cycle.Parse("fuzz.yaml", res.YAML); err != nil && !decimalOnly(err) {
			t.Fatalf("import gave an invalid cycle: %v\n%s", err, res.YAML)
		}
	})
}

// decimalOnly reports whether every problem is a score that is not whole.
func decimalOnly(err error) bool {
	list, ok := err.(cycle.ErrorList)
	if !ok {
		return false
	}
	for _, e := range list {
		if !containsWhole(e.Msg) {
			return false
		}
	}
	return true
}

func containsWhole(s string) bool {
	for i := 0; i+12 <= len(s); i++ {
		if s[i:i+12] == "whole number" {
			return true
		}
	}
	return false
}
