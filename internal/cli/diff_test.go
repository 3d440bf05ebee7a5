package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiffExitCodes(t *testing.T) {
	dir := t.TempDir()
	old := writeFile(t, dir, "old.yaml", "title: T\nmoments:\n  - {id: a, name: A, importance: 5, performance: 4}\n  - {id: b, name: B}\n")
	same := writeFile(t, dir, "same.yaml", "title: T\nmoments:\n  - {id: a, name: A, importance: 5, performance: 4}\n  - {id: b, name: B}\n")
	new := writeFile(t, dir, "new.yaml", "title: T\nmoments:\n  - {id: b, name: B}\n  - {id: a, name: A, importance: 5, performance: 1}\n  - {id: c, name: C}\n")
	bad := writeFile(t, dir, "bad.yaml", "title: T\nmoments:\n  - {id: a, name: A, colour: red}\n")

	code, out, errOut := run(t, "", "diff", old, same)
	if code != 0 || out != "no changes\n" || errOut != "" {
		t.Errorf("no changes: exit %d, out %q, err %q", code, out, errOut)
	}
	code, out, _ = run(t, "", "diff", old, new)
	want := "added: #3 c \"C\"\nmoved: #1 b \"B\": 2 → 1, was: after #1 a, now: first\n" +
		"changed: #2 a \"A\": performance: 4 → 1 (down)\n" +
		"became critical: #2 a \"A\": was: not critical; now: importance 5 ≥ 4 and performance 1 ≤ 2\n"
	if code != 1 || out != want {
		t.Errorf("changes: exit %d, out:\n%s\nwant:\n%s", code, out, want)
	}
	code, out, _ = run(t, "", "diff", "--format", "json", old, new)
	var doc struct {
		Added          []string `json:"added"`
		BecameCritical []string `json:"became_critical"`
		Changed        []struct {
			ID, Field string
			Old, New  any
		} `json:"changed"`
	}
	if code != 1 || json.Unmarshal([]byte(out), &doc) != nil || len(doc.Added) != 1 || doc.BecameCritical[0] != "a" || doc.Changed[0].Field != "performance" {
		t.Errorf("json: exit %d, %s", code, out)
	}
	// Standard input as one side.
	if code, _, _ := run(t, "title: T\nmoments:\n  - {id: a, name: A, importance: 5, performance: 4}\n  - {id: b, name: B}\n", "diff", "-", old); code != 0 {
		t.Errorf("stdin vs same file: exit %d", code)
	}

	code, out, errOut = run(t, "", "diff", bad, old)
	if code != 1 || out != "" || !strings.Contains(errOut, "bad.yaml:3:22: error: unknown key") {
		t.Errorf("invalid input: exit %d, out %q, err %q", code, out, errOut)
	}
	for _, args := range [][]string{
		{"diff", old},
		{"diff", old, dir + "/missing.yaml"},
		{"diff", "--format", "xml", old, new},
		{"diff", "-", "-"},
		{"diff", "--bogus", old, new},
	} {
		if code, _, _ := run(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestDiffFormats(t *testing.T) {
	dir := t.TempDir()
	old := writeFile(t, dir, "old.yaml", "title: T\nlanguage: es\nmoments:\n  - {id: a, name: A, importance: 5, performance: 4}\n  - {id: b, name: B}\n")
	new := writeFile(t, dir, "new.yaml", "title: T\nlanguage: es\nmoments:\n  - {id: a, name: A, importance: 5, performance: 1}\n")

	code, out, _ := run(t, "", "diff", old, new, "-f", "md")
	if code != 1 || !strings.HasPrefix(out, "**Cambios en el ciclo:** 1 momento eliminado, 1 cambio de puntuación (0 sube, 1 baja), 1 pasa a ser crítico.\n") {
		t.Errorf("md: exit %d\n%s", code, out)
	}
	page := filepath.Join(dir, "changes.html")
	code, out, errOut := run(t, "", "diff", old, new, "-o", page, "--lang", "en")
	data, _ := os.ReadFile(page)
	if code != 1 || out != "" || !strings.Contains(string(data), `<svg id="diff-picture-1"`) || !strings.Contains(string(data), "Moments removed") {
		t.Errorf("html: exit %d, out %q, err %q, page %.300s", code, out, errOut, data)
	}
	if code, _, errOut := run(t, "", "diff", old, new, "-o", new); code != 2 || !strings.Contains(errOut, "is the input") {
		t.Errorf("-o over an input: exit %d, err %q", code, errOut)
	}
	if data, _ := os.ReadFile(new); !strings.Contains(string(data), "performance: 1") {
		t.Errorf("input overwritten: %s", data)
	}
}

// TestDiffPageWarns: a diff picture whose marks shrink the moment names
// below the size ciclo keeps on the paper says so on standard error, with
// the size reached and in the file's language, for -f svg and the
// picture of -f html; one that fits says nothing.
func TestDiffPageWarns(t *testing.T) {
	old := filepath.Join("..", "..", "examples", "garantia.yaml")
	new := filepath.Join("..", "..", "examples", "to-be", "garantia.yaml")
	for _, format := range []string{"svg", "html"} {
		code, out, errOut := run(t, "", "diff", old, new, "-f", format, "--page", "a4")
		want := new + ": advertencia: en A4, las marcas de los cambios reducen el dibujo hasta nombres de momento de "
		if code != 1 || out == "" || !strings.HasPrefix(errOut, want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("-f %s: exit %d, err %q, want one line starting %q", format, code, errOut, want)
		}
	}
	small := filepath.Join("..", "diff", "testdata")
	code, _, errOut := run(t, "", "diff", filepath.Join(small, "settings-old.yaml"), filepath.Join(small, "settings-new.yaml"), "-f", "svg", "--page", "a4")
	if code != 1 || errOut != "" {
		t.Errorf("small diff on a4: exit %d, err %q, want no warning", code, errOut)
	}
}
