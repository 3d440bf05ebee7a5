package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/lint"
	"github.com/ciclo-dev/ciclo/internal/report"
	"github.com/ciclo-dev/ciclo/render"
)

// overBudget reports whether a parse failed because the node budget ran out.
func overBudget(err error) bool {
	var list cycle.ErrorList
	if !errors.As(err, &list) {
		return false
	}
	for _, e := range list {
		if strings.HasPrefix(e.Msg, "document too large after expanding aliases") {
			return true
		}
	}
	return false
}

// TestNodeBudgetThroughOutputs runs what lint, render and report do with a
// file, parsing it with node budgets from 1 up until the budget no longer
// runs out (at most 2,000; every one up to 100, then in steps of 1%; the
// cycle package's own sweep tries every one), so that it runs out all
// over the file: each
// failure goes through the lint findings and the printed errors in both
// languages, and the first success through the DOT, lint and the reports.
// Nothing may panic.
func TestNodeBudgetThroughOutputs(t *testing.T) {
	var files []string
	for _, pattern := range []string{"starter/*.yaml", "../../examples/*.yaml", "../../cycle/testdata/bad/*.yaml"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d files", len(files))
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for budget := 1; budget <= 2000; budget += 1 + budget/100 {
			c, err := cycle.ParseWith(name, src, cycle.ParseOptions{NodeBudget: budget})
			if err != nil {
				for _, lang := range []string{"", "en", "es"} {
					fs := lint.InvalidFindings(name, err, lang)
					if len(fs) == 0 || fs[0].Line < 1 {
						t.Fatalf("%s, budget %d: findings %v", name, budget, fs)
					}
					var b bytes.Buffer
					printErrors(&b, err, lang)
					if !strings.Contains(b.String(), ": error: ") {
						t.Fatalf("%s, budget %d: printed %q", name, budget, b.String())
					}
				}
				if overBudget(err) {
					continue
				}
				break
			}
			a := cycle.Analyze(c)
			if _, err := render.DOT(a, render.Options{}); err != nil {
				t.Fatalf("%s, budget %d: DOT: %v", name, budget, err)
			}
			lint.Check(a, lint.Options{})
			if js, err := report.JSON(a); err != nil || !json.Valid(js) {
				t.Fatalf("%s, budget %d: JSON report: %v", name, budget, err)
			}
			report.Markdown(a, report.Options{})
			if _, err := report.HTML(a, report.HTMLOptions{}); err != nil {
				t.Fatalf("%s, budget %d: HTML report: %v", name, budget, err)
			}
			break
		}
	}
}

// TestLintBudgetCrashFile is the file whose aliases spend the node budget
// exactly where an ignore list is read, which once crashed lint and render
// with a nil pointer: now a positioned error and exit 1.
func TestLintBudgetCrashFile(t *testing.T) {
	name := filepath.Join("..", "..", "cycle", "testdata", "bad", "budget-ignore.yaml")
	for _, cmd := range []string{"lint", "render"} {
		args := []string{cmd, name}
		if cmd == "render" {
			args = append(args, "-o", filepath.Join(t.TempDir(), "out.svg"))
		}
		code, stdout, stderr := run(t, "", args...)
		if code != 1 || !strings.Contains(stdout+stderr, "budget-ignore.yaml:1102:12: error: document too large") {
			t.Errorf("ciclo %s: exit %d, output %q; want exit 1 and the error at 1102:12", cmd, code, stdout+stderr)
		}
	}
}
