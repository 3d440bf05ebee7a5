package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
)

const reportCycle = `title: Visit
language: es
moments:
  - id: call
    name: Calls
    owner: Desk
    importance: 5
    performance: 1
    improvements:
      - {action: Answer faster, owner: Desk, due: 2026-03-01}
  - id: visit
    name: Visits
    owner: Desk
`

func TestReportFormats(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "visit.yaml", reportCycle)

	code, out, errOut := run(t, "", "report", in, "-f", "md", "--today", "2026-04-01")
	if code != 0 || errOut != "" {
		t.Fatalf("md: exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "## Plan de acción") || !strings.Contains(out, "**VENCIDA**") {
		t.Errorf("md report lacks the Spanish plan with the overdue flag:\n%s", out)
	}
	_, out, _ = run(t, "", "report", in, "-f", "md", "--today", "2026-02-01", "--lang", "en")
	if !strings.Contains(out, "## Action plan") || strings.Contains(out, "OVERDUE") {
		t.Errorf("--lang en / earlier --today not honoured:\n%s", out)
	}

	code, out, _ = run(t, "", "report", in, "-f", "json", "--today", "2026-04-01")
	var doc map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil {
		t.Fatalf("json: exit %d, output %q", code, out)
	}
	if doc["title"] != "Visit" || !strings.Contains(out, `"overdue": true`) {
		t.Errorf("json report: %s", out)
	}

	html := filepath.Join(dir, "visit.html")
	if code, _, errOut := run(t, "", "report", in, "-o", html, "--today", "2026-04-01"); code != 0 {
		t.Fatalf("html: exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(html)
	if err != nil || !strings.HasPrefix(string(data), "<!DOCTYPE html>") {
		t.Fatalf("-o visit.html did not write html: %v %.40q", err, data)
	}
	// The real cycle diagram is inlined, with its pinned ids.
	for _, w := range []string{`<svg id="cycle-diagram"`, `id="moment-call" class="node moment critical"`, `id="moment-visit" class="node moment"`} {
		if !strings.Contains(string(data), w) {
			t.Errorf("html report lacks %s", w)
		}
	}
}

func TestReportToday(t *testing.T) {
	opts := &ReportOptions{Now: func() time.Time { return time.Date(2026, 4, 1, 23, 0, 0, 0, time.UTC) }}
	got, err := parseToday("", "", opts.Now)
	if err != nil || got.Format("2006-01-02") != "2026-04-01" {
		t.Errorf("default today = %v, %v", got, err)
	}
}

func TestReportDiagramHook(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "visit.yaml", reportCycle)
	var out strings.Builder
	var gotLang string
	opts := &ReportOptions{
		IO: &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out}, File: in,
		Format: "html", Output: "-", Today: "2026-04-01", Now: time.Now,
		Diagram: func(_ context.Context, a *cycle.Analysis, lang string) ([]byte, error) {
			gotLang = lang
			return []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><g id="moment-call" class="moment critical"/></svg>`), nil
		},
	}
	if err := reportRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if gotLang != "es" {
		t.Errorf("diagram drawn in %q, want the cycle's language es", gotLang)
	}
	if !strings.Contains(out.String(), `<svg id="cycle-diagram"`) || !strings.Contains(out.String(), `id="moment-call"`) {
		t.Error("diagram not inlined")
	}
}

func TestReportBadInput(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.yaml", reportCycle)
	bad := writeFile(t, dir, "bad.yaml", "title: X\nmoments:\n  - id: a\n    name: A\n    importance: 9\n")
	outFile := filepath.Join(dir, "out.md")
	writeFile(t, dir, "out.md", "keep me")

	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"report", bad, "-f", "md", "-o", outFile}, 1, "bad.yaml:5:17: error:"},
		{[]string{"report", good, "-f", "pdf"}, 2, "unknown report format"},
		{[]string{"report", good, "--today", "2026-13-01"}, 2, "invalid --today"},
		{[]string{"report", good, "--lang", "fr"}, 2, "unknown language"},
		{[]string{"report", filepath.Join(dir, "missing.yaml")}, 2, "cannot read"},
		{[]string{"report", good, "-f", "md", "-o", filepath.Join(dir, "no", "such", "dir.md")}, 2, "cannot write"},
	} {
		code, _, errOut := run(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.err) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.err)
		}
	}
	if data, _ := os.ReadFile(outFile); string(data) != "keep me" {
		t.Error("invalid input clobbered the output file")
	}
}
