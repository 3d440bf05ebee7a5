package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// allowedErrors lists error findings the shipped cycles may carry on
// purpose, as "FILE:RULE" (FILE relative to the repository root) with the
// reason. Keep it empty unless an example exists to show a rule firing.
var allowedErrors = map[string]string{}

// TestShippedCyclesHaveNoErrors lints every example and the starters of
// `ciclo init`: what users copy must be valid and free of error findings.
func TestShippedCyclesHaveNoErrors(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../examples/*.yaml", "../../examples/*.yml", "../cli/starter/*.yaml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	starters, _ := filepath.Glob("../cli/starter/*.yaml")
	if len(starters) == 0 {
		t.Fatal("no starter cycles found under internal/cli/starter")
	}
	used := map[string]bool{}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel("../..", path)
		rel = filepath.ToSlash(rel)
		fs := Lint(rel, src, Options{Today: day})
		for _, f := range fs {
			if f.Severity != Error {
				continue
			}
			key := fmt.Sprintf("%s:%s", rel, f.Rule)
			if _, ok := allowedErrors[key]; ok {
				used[key] = true
				continue
			}
			t.Errorf("%s:%d:%d: %s: %s [%s]", f.File, f.Line, f.Column, f.Severity, f.Message, f.Rule)
		}
	}
	for key := range allowedErrors {
		if !used[key] {
			t.Errorf("allowlist entry %s matches no finding any more; remove it", key)
		}
	}
	t.Logf("linted %d shipped cycles", len(files))
}
