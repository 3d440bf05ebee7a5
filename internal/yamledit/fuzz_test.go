package yamledit

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzApply: whatever the file, Apply never panics, and whatever it
// returns without an error reads back with the values written (Apply
// checks that itself) and is returned whole.
func FuzzApply(f *testing.F) {
	names, _ := filepath.Glob("testdata/*.yaml")
	ex, _ := filepath.Glob("../../examples/*.yaml")
	for _, name := range append(names, ex...) {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("moments:\n- {id: a, dimensions: {}}\n"))
	f.Add([]byte("moments:\n  - id: a\n    dimensions:\n      courtesy:\n        perceived: 3\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		u := Update{Importance: "3.5", Performance: "2", Sample: 7,
			Expected: map[string]string{"courtesy": "4.25"}, Perceived: map[string]string{"courtesy": "3", "access": "2.5"}}
		out, err := Apply(src, map[string]Update{"a": u, "cita": u, "booking": u})
		if err == nil && len(out) < len(src) {
			t.Fatalf("output shorter than the input:\n%s\n---\n%s", src, out)
		}
	})
}
