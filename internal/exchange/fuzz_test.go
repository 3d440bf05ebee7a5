package exchange

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
)

// FuzzImport: whatever the bytes, Import returns an error or a valid
// cycle, and never panics.
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
		if _, err := cycle.Parse("fuzz.yaml", res.YAML); err != nil {
			t.Fatalf("import gave an invalid cycle: %v\n%s", err, res.YAML)
		}
	})
}
