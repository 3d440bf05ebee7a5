package exchange

import (
	"os"
	"strings"
	"testing"
)

// TestDocsSynonyms keeps docs/import.md true: every word its tables list
// names that field, and every word ciclo recognises is listed.
func TestDocsSynonyms(t *testing.T) {
	data, err := os.ReadFile("../../docs/import.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]map[string]bool{} // field key -> normalised words
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 5 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		key := strings.Trim(strings.TrimSpace(cells[1]), "`")
		f := index.byKey[key]
		if f == nil {
			t.Errorf("docs list %q, which is not a field", key)
			continue
		}
		listed[key] = map[string]bool{}
		for _, col := range cells[2:4] {
			for _, w := range strings.Split(col, ",") {
				w = strings.TrimSpace(w)
				if w == "" {
					continue
				}
				listed[key][normalize(w)] = true
				if got, _ := index.lookup(w); got != f {
					t.Errorf("docs say %q names %s; ciclo reads it as %v", w, key, got)
				}
			}
		}
	}
	for _, fs := range [][]field{momentFields, metaFields} {
		for _, f := range fs {
			for _, n := range append(append([]string{}, f.Names...), f.ES...) {
				if !listed[f.Key][n] {
					t.Errorf("docs/import.md does not list %q for %s", n, f.Key)
				}
			}
		}
	}
}
