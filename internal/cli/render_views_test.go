package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderViewsBesideInput draws every view of one file beside it: the
// clock face keeps the plain name, the other views put theirs before the
// extension, so no view writes over another.
func TestRenderViewsBesideInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "repair.yaml")
	writePath(t, in, goodCycle)
	for view, name := range map[string]string{"cycle": "repair.svg", "journey": "repair.journey.svg", "blueprint": "repair.blueprint.svg", "ipa": "repair.ipa.svg"} {
		if code, _, stderr := run(t, "", "render", in, "--view", view); code != ExitOK {
			t.Fatalf("%s: exit %d: %s", view, code, stderr)
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v", view, err)
		}
		if !strings.Contains(string(data), `id="moment-diagnose"`) {
			t.Errorf("%s: %s has no moments", view, name)
		}
	}
	// --check finds them current
	if code, out, stderr := run(t, "", "render", in, "--view", "blueprint", "--check"); code != ExitOK {
		t.Errorf("--check: exit %d: %s %s", code, out, stderr)
	}
}

// TestRenderCompare overlays an older version on the journey; an invalid
// older file is reported with its position and nothing is written.
func TestRenderCompare(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "repair.yaml")
	writePath(t, in, goodCycle)
	old := filepath.Join(dir, "old.yaml")
	writePath(t, old, strings.Replace(goodCycle, "performance: 2", "performance: 1", 1))
	out := filepath.Join(dir, "j.dot")
	if code, _, stderr := run(t, "", "render", in, "--view", "journey", "--compare", old, "-o", out); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(out)
	for _, want := range []string{`id="curve-compare"`, `id="compare-diagnose"`, "legend-compare"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the journey lacks %s", want)
		}
	}
	bad := filepath.Join(dir, "bad.yaml")
	writePath(t, bad, badCycle)
	out2 := filepath.Join(dir, "j2.svg")
	code, _, stderr := run(t, "", "render", in, "--view", "journey", "--compare", bad, "-o", out2)
	if code != ExitProblem || !strings.Contains(stderr, bad+":") {
		t.Errorf("exit %d, stderr %q; want 1 with the older file's position", code, stderr)
	}
	if _, err := os.Stat(out2); err == nil {
		t.Error("an output was written although the older file is invalid")
	}
}

// TestReportShowsViews: the HTML report carries the journey and the
// blueprint after the cycle diagram.
func TestReportShowsViews(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "repair.yaml")
	writePath(t, in, goodCycle)
	out := filepath.Join(dir, "r.html")
	if code, _, stderr := run(t, "", "report", in, "-o", out); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(out)
	for _, want := range []string{`id="cycle-diagram"`, `id="journey-diagram"`, `id="blueprint-diagram"`, `id="journey-moment-diagnose"`, `id="blueprint-moment-diagnose"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the report lacks %s", want)
		}
	}
}
