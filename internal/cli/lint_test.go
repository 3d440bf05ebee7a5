package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// lintCLI runs ciclo in-process with stdin and returns the exit code and
// both outputs.
func lintCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut}
	code = Main(context.Background(), args, ios)
	return code, out.String(), errOut.String()
}

const (
	// cleanCycle has no findings at all.
	cleanCycle = `title: Clean
moments:
  - id: order
    name: Orders online
    channel: web
    owner: Web team
    importance: 4
    performance: 4
`
	// warnCycle has warnings only: an unowned, unscored moment and an
	// improvement due 2026-06-30.
	warnCycle = `title: Warnings
moments:
  - id: order
    name: Orders online
    improvements:
      - action: Simpler form
        owner: Web team
        due: 2026-06-30
`
	// errorCycle has a critical moment with no owner.
	errorCycle = `title: Errors
moments:
  - id: pay
    name: Pays
    standard: Under a minute
    importance: 5
    performance: 1
    improvements:
      - {action: One-click pay, owner: Payments}
`
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLintExitCodes(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"clean.yaml": cleanCycle, "warn.yaml": warnCycle, "error.yaml": errorCycle, "bad.yaml": "title: [\n"})
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"clean", []string{"lint", "clean.yaml"}, ExitOK},
		{"warnings pass", []string{"lint", "--today", "2026-01-01", "warn.yaml"}, ExitOK},
		{"warnings fail with --strict", []string{"lint", "--strict", "--today", "2026-01-01", "warn.yaml"}, ExitProblem},
		{"clean passes --strict", []string{"lint", "--strict", "clean.yaml"}, ExitOK},
		{"errors fail", []string{"lint", "error.yaml"}, ExitProblem},
		{"invalid input fails", []string{"lint", "bad.yaml"}, ExitProblem},
		{"one bad file among good ones", []string{"lint", "clean.yaml", "bad.yaml"}, ExitProblem},
		{"missing file is misuse", []string{"lint", "nowhere.yaml"}, ExitMisuse},
		{"no argument is misuse", []string{"lint"}, ExitMisuse},
		{"unknown format is misuse", []string{"lint", "--format", "xml", "clean.yaml"}, ExitMisuse},
		{"bad --today is misuse", []string{"lint", "--today", "2026-13-01", "clean.yaml"}, ExitMisuse},
		{"unknown flag is misuse", []string{"lint", "--fast", "clean.yaml"}, ExitMisuse},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := lintCLI(t, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			if tc.code == ExitMisuse && stdout != "" {
				t.Errorf("misuse printed findings: %s", stdout)
			}
		})
	}
}

func TestLintTextOutput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"error.yaml": errorCycle, "clean.yaml": cleanCycle})
	code, stdout, stderr := lintCLI(t, "", "lint", "clean.yaml", "error.yaml")
	want := "error.yaml:3:9: error: critical moment \"pay\" has no owner: nobody answers for it (critical because importance 5 ≥ 4 and performance 1 ≤ 2) [critical-without-owner]\n"
	if code != ExitProblem || stdout != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s", code, stdout, want)
	}
	if stderr != "1 error, 0 warnings in 2 files\n" {
		t.Errorf("stderr %q", stderr)
	}
	if code, stdout, stderr := lintCLI(t, "", "lint", "clean.yaml"); code != 0 || stdout != "" || stderr != "" {
		t.Errorf("clean file: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestLintToday(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"warn.yaml": warnCycle})
	overdue := func(stdout string) bool { return strings.Contains(stdout, "[overdue]") }
	if _, stdout, _ := lintCLI(t, "", "lint", "--today", "2026-06-30", "warn.yaml"); overdue(stdout) {
		t.Errorf("overdue on the due date:\n%s", stdout)
	}
	_, stdout, _ := lintCLI(t, "", "lint", "--today", "2026-07-01", "warn.yaml")
	if !overdue(stdout) || !strings.Contains(stdout, "warn.yaml:8:14: warning:") {
		t.Errorf("no overdue finding at the due date the day after:\n%s", stdout)
	}
	// Without --today the injected clock decides.
	for _, tc := range []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2026, 6, 30, 23, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC), true},
	} {
		var out bytes.Buffer
		opts := &LintOptions{
			IO:     &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &bytes.Buffer{}},
			Inputs: []string{"warn.yaml"}, Format: "text",
			Now: func() time.Time { return tc.now },
		}
		if err := lintRun(context.Background(), opts); err != nil {
			t.Fatalf("lintRun: %v", err)
		}
		if overdue(out.String()) != tc.want {
			t.Errorf("clock at %s: overdue reported = %v, want %v\n%s", tc.now, !tc.want, tc.want, out.String())
		}
	}
}

func TestLintStdin(t *testing.T) {
	code, stdout, _ := lintCLI(t, errorCycle, "lint", "-")
	if code != ExitProblem || !strings.HasPrefix(stdout, "<stdin>:3:9: error: ") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
}

func TestLintDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{
		"cycles/b.yaml":          errorCycle,
		"cycles/a.yml":           warnCycle,
		"cycles/sub/c.yaml":      "title: [\n",
		"cycles/notes.txt":       "not a cycle",
		"cycles/.hidden/x.yaml":  "title: [\n",
		"cycles/sub/clean.yaml":  cleanCycle,
		"cycles/sub/README.md":   "# hi",
		"cycles/sub/other.jsonl": "{}",
	})
	code, stdout, _ := lintCLI(t, "", "lint", "--format", "json", "--today", "2026-01-01", "cycles")
	if code != ExitProblem {
		t.Errorf("exit %d, want 1", code)
	}
	var got []struct {
		File string `json:"file"`
		Rule string `json:"rule"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	var files []string
	for _, f := range got {
		if len(files) == 0 || files[len(files)-1] != f.File {
			files = append(files, f.File)
		}
	}
	want := []string{filepath.Join("cycles", "a.yml"), filepath.Join("cycles", "b.yaml"), filepath.Join("cycles", "sub", "c.yaml")}
	if strings.Join(files, ",") != strings.Join(want, ",") {
		t.Errorf("findings from %v, want %v (sorted, hidden directories and other files skipped)", files, want)
	}
}

func TestLintJSON(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"clean.yaml": cleanCycle, "bad.yaml": "title: T\nmoments:\n  - id: a\n    name: A\n    ownr: X\n"})
	code, stdout, stderr := lintCLI(t, "", "lint", "--format", "json", "clean.yaml")
	if code != 0 || stdout != "[]\n" {
		t.Errorf("clean: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, stderr = lintCLI(t, "", "lint", "-f", "json", "bad.yaml")
	if code != ExitProblem || stderr != "" {
		t.Errorf("invalid: exit %d, stderr %q", code, stderr)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("invalid YAML not reported as JSON: %v\n%s", err, stdout)
	}
	if len(got) != 1 {
		t.Fatalf("want one finding, got %v", got)
	}
	want := map[string]any{"file": "bad.yaml", "line": 5.0, "column": 5.0, "severity": "error", "rule": "invalid"}
	for k, v := range want {
		if got[0][k] != v {
			t.Errorf("%s = %v, want %v (finding %v)", k, got[0][k], v, got[0])
		}
	}
	if msg, _ := got[0]["message"].(string); !strings.Contains(msg, `did you mean "owner"?`) {
		t.Errorf("message %q", msg)
	}
}

func TestLintSARIF(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"cycles/error.yaml": errorCycle})
	abs := filepath.Join(dir, "cycles", "error.yaml")
	for _, arg := range []string{filepath.Join("cycles", "error.yaml"), abs} {
		code, stdout, _ := lintCLI(t, "", "lint", "--format", "sarif", arg)
		if code != ExitProblem {
			t.Errorf("exit %d, want 1", code)
		}
		var log map[string]any
		if err := json.Unmarshal([]byte(stdout), &log); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		results, _ := dig(log, "runs", 0, "results").([]any)
		if log["version"] != "2.1.0" || len(results) != 1 {
			t.Fatalf("SARIF log %v", log)
		}
		got := []any{
			dig(results[0], "ruleId"), dig(results[0], "level"),
			dig(results[0], "locations", 0, "physicalLocation", "artifactLocation", "uri"),
			dig(results[0], "locations", 0, "physicalLocation", "region", "startLine"),
			dig(results[0], "locations", 0, "physicalLocation", "region", "startColumn"),
		}
		want := []any{"critical-without-owner", "error", "cycles/error.yaml", 3.0, 9.0}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("argument %s: result %v, want %v", arg, got, want)
				break
			}
		}
	}
}

// dig follows keys (strings) and indexes (ints) into decoded JSON; nil
// when the path does not exist.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func TestLintUnreadableInputWritesNothing(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"error.yaml": errorCycle})
	code, stdout, stderr := lintCLI(t, "", "lint", "-f", "json", "error.yaml", "missing.yaml")
	if code != ExitMisuse || stdout != "" || !strings.Contains(stderr, "missing.yaml") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	var ee *exitError
	err := lintRun(context.Background(), &LintOptions{IO: &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, Inputs: []string{"error.yaml"}, Format: "yaml"})
	if !errors.As(err, &ee) || ee.code != ExitMisuse {
		t.Errorf("unknown format: %v", err)
	}
}
