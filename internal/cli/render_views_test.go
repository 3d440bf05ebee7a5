package cli

import (
	"fmt"
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

// TestReportViewsOnPages: the HTML report lays the journey and the
// blueprint out on its paper, a figure of the paper's size for each page
// they take (airline on A4 portrait: the journey on two), so that they
// print at the size they were laid out for; --page auto gives one
// picture each, and so does a cycle of more than reportPagedMax moments.
func TestReportViewsOnPages(t *testing.T) {
	dir := t.TempDir()
	figures := func(args ...string) (journey, blueprint int, html string) {
		out := filepath.Join(dir, "r.html")
		if code, _, stderr := run(t, "", append([]string{"report", "-o", out}, args...)...); code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		data, _ := os.ReadFile(out)
		html = string(data)
		return strings.Count(html, `<svg id="journey-diagram`), strings.Count(html, `<svg id="blueprint-diagram`), html
	}
	j, b, html := figures("../../examples/airline.yaml")
	if j != 2 || b < 2 || !strings.Contains(html, `id="journey-diagram-2"`) {
		t.Errorf("airline on A4: %d journey figures, %d blueprint figures; want 2 and more than 1", j, b)
	}
	if n := strings.Count(html, `width="595.28pt" height="841.89pt"`); n < j+b {
		t.Errorf("%d figures of A4 portrait's size for %d pages", n, j+b)
	}
	if j, b, _ := figures("../../examples/airline.yaml", "--page", "auto"); j != 1 || b != 1 {
		t.Errorf("--page auto: %d journey and %d blueprint figures, want one each", j, b)
	}
	var sb strings.Builder
	sb.WriteString("title: Long\nmoments:\n")
	for i := range reportPagedMax + 1 {
		fmt.Fprintf(&sb, "  - id: m%d\n    name: Moment %d\n", i, i)
	}
	long := filepath.Join(dir, "long.yaml")
	writePath(t, long, sb.String())
	if j, b, _ := figures(long); j != 1 || b != 1 {
		t.Errorf("%d moments: %d journey and %d blueprint figures, want one each", reportPagedMax+1, j, b)
	}
}
