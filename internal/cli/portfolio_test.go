package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPortfolioCommand(t *testing.T) {
	dir := t.TempDir()
	maps := filepath.Join(dir, "maps")
	a := writeFileMkdir(t, maps, "a.yaml", reportCycle)
	writeFileMkdir(t, maps, "a.svg", "<svg/>")
	writeFileMkdir(t, filepath.Join(maps, "sub"), "b.yaml", "title: B\nmoments:\n  - {id: x, name: X, owner: Desk, importance: 5, performance: 3}\n")
	out := filepath.Join(dir, "reports", "p.md")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "", "report", maps, "-o", out, "--today", "2026-04-01", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, _ := os.ReadFile(out)
	page := string(data)
	// links relative to the report: the SVG beside a.yaml, b's file itself
	for _, w := range []string{"# Portfolio of service cycles", "[Visit](../maps/a.svg)", "[B](../maps/sub/b.yaml)", "| Desk | 1 | 3 | 2 |"} {
		if !strings.Contains(page, w) {
			t.Errorf("portfolio lacks %q:\n%s", w, page)
		}
	}

	// several files, one invalid: reported, listed as not included, exit 1,
	// the report of the others still written
	bad := writeFile(t, dir, "bad.yaml", "title: Bad\nmoments:\n  - {id: x, nam: X}\n")
	code, stdout, errOut := run(t, "", "report", a, bad, "-f", "json")
	if code != 1 || !strings.Contains(errOut, "bad.yaml:3:") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	var doc struct {
		Cycles  []struct{ Title string }
		Skipped []struct{ File, Reason string }
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if len(doc.Cycles) != 1 || len(doc.Skipped) != 1 || doc.Skipped[0].File != bad || !strings.Contains(doc.Skipped[0].Reason, "bad.yaml:3:5: moment 1 has no name (+1)") {
		t.Errorf("json portfolio: %+v", doc)
	}

	// nothing valid: nothing written
	html := filepath.Join(dir, "none.html")
	if code, _, _ := run(t, "", "report", bad, bad, "-o", html); code != 1 {
		t.Errorf("no valid cycle: exit %d", code)
	}
	if _, err := os.Stat(html); err == nil {
		t.Error("a portfolio of nothing was written")
	}
	// never over an input
	if code, _, _ := run(t, "", "report", a, bad, "-o", a, "-f", "md"); code != 2 {
		t.Errorf("-o an input: exit %d", code)
	}
	if data, _ := os.ReadFile(a); string(data) != reportCycle {
		t.Error("an input was overwritten")
	}
}

func writeFileMkdir(t *testing.T, dir, name, content string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, name, content)
}

// TestDiagramLinkNoScheme: a file named like a URL scheme is linked as a
// path, so no report link is a javascript: (or any scheme's) URL.
func TestDiagramLinkNoScheme(t *testing.T) {
	t.Chdir(t.TempDir())
	for name, want := range map[string]string{
		"javascript:alert(1).yaml": "./javascript:alert(1).yaml",
		"a/b:c.yaml":               "a/b:c.yaml",
		"plain.yaml":               "plain.yaml",
	} {
		if got := diagramLink(input{Name: name}, ""); got != want {
			t.Errorf("%s: link %q, want %q", name, got, want)
		}
	}
}
