package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
)

// result is what one in-process run of ciclo did.
type result struct {
	code        int
	out, errOut string
}

// run runs ciclo in-process with stdin as standard input.
func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	code, out, errOut := run(t, stdin, args...)
	return result{code, out, errOut}
}

// write creates a file under dir and returns its path.
func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const validCycle = `title: Phone repair
moments:
  - id: arrive
    name: Arrives at the counter
    channel: in person
    owner: Front desk
    importance: 5
    performance: 4
  - id: diagnose
    name: Phone is diagnosed
    channel: in person
    owner: Workshop
    importance: 5
    performance: 2
    dimensions:
      reliability: {expected: 5, perceived: 3}
      courtesy: 4
  - id: pickup
    name: Picks up the phone
    channel: in person
    owner: Workshop
`

// lintCleanCycle is valid and breaks no lint rule.
const lintCleanCycle = `title: Phone repair
moments:
  - id: arrive
    name: Arrives at the counter
    channel: in person
    owner: Front desk
    importance: 5
    performance: 4
  - id: pickup
    name: Picks up the phone
    channel: phone
    owner: Workshop
    importance: 4
    performance: 4
`

// invalidCycle has two problems: line 4 and line 6.
const invalidCycle = `title: Broken
moments:
  - id: a
    name: A
    importance: 9
  - id: A
    name: B
`

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "good.yaml", lintCleanCycle)
	bad := write(t, dir, "bad.yaml", invalidCycle)
	tests := []struct {
		name    string
		args    []string
		code    int
		errWant string // substring of stderr
	}{
		{"valid input", []string{"lint", good}, ExitOK, ""},
		{"invalid input", []string{"lint", bad}, ExitProblem, ""},
		{"valid and invalid", []string{"lint", good, bad}, ExitProblem, ""},
		{"unknown flag", []string{"lint", "--bogus", good}, ExitMisuse, "unknown flag: --bogus"},
		{"unknown shorthand flag", []string{"report", "-z", good}, ExitMisuse, "unknown shorthand flag: 'z'"},
		{"unknown command", []string{"frobnicate"}, ExitMisuse, `unknown command "frobnicate"`},
		{"missing file", []string{"lint", filepath.Join(dir, "nope.yaml")}, ExitMisuse, "cannot read " + filepath.Join(dir, "nope.yaml") + ": no such file or directory"},
		{"missing file for report", []string{"report", filepath.Join(dir, "nope.yaml")}, ExitMisuse, "cannot read"},
		{"directory for report: a portfolio, bad files reported", []string{"report", dir}, ExitProblem, "bad.yaml:5:17: error: importance 9 is out of range"},
		{"no argument", []string{"lint"}, ExitMisuse, "requires at least 1 arg"},
		{"several files for report: a portfolio", []string{"report", good, bad}, ExitProblem, "bad.yaml:5:17: error: importance 9 is out of range"},
		{"too many arguments", []string{"diff", good, bad, good}, ExitMisuse, "accepts 2 arg"},
		{"unknown report format", []string{"report", "-f", "xml", good}, ExitMisuse, `unknown report format "xml"`},
		{"invalid input to report", []string{"report", bad}, ExitProblem, "bad.yaml:5:17: error: importance 9 is out of range"},
		{"unknown init language", []string{"init", "--lang", "fr", "-"}, ExitMisuse, `unknown language "fr"`},
		{"help", []string{"--help"}, ExitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.out, r.errOut)
			}
			if !strings.Contains(r.errOut, tt.errWant) {
				t.Errorf("stderr %q does not contain %q", r.errOut, tt.errWant)
			}
			if strings.Contains(r.errOut, "goroutine") || strings.Contains(r.errOut, "panic") {
				t.Errorf("stack trace on stderr: %s", r.errOut)
			}
		})
	}
}

func TestLint(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "cycles/good.yaml", lintCleanCycle)
	bad := write(t, dir, "cycles/sub/bad.yml", invalidCycle)
	write(t, dir, "cycles/notes.txt", "not a cycle")
	write(t, dir, "cycles/.hidden/skip.yaml", invalidCycle)

	r := runCLI(t, "", "lint", good)
	if r.code != 0 || r.out != "" || r.errOut != "" {
		t.Errorf("valid file: exit %d, stdout %q, stderr %q", r.code, r.out, r.errOut)
	}

	// Every problem, on stdout, as FILE:LINE:COL: error: MESSAGE.
	r = runCLI(t, "", "lint", bad)
	want := bad + ":5:17: error: importance 9 is out of range: it must be from 1 to 5 (the scale is 5) [invalid]\n" +
		bad + ":6:9: error: moment id \"A\" must use lowercase letters, digits, '-' and '_', starting with a letter or digit; write it as \"a\" [invalid]\n"
	if r.code != 1 || r.out != want {
		t.Errorf("invalid file: exit %d\nstdout:\n%s\nwant:\n%s", r.code, r.out, want)
	}

	// A directory: every *.yaml and *.yml under it, hidden directories and
	// other files skipped.
	r = runCLI(t, "", "lint", filepath.Join(dir, "cycles"))
	if r.code != 1 || r.out != want {
		t.Errorf("directory: exit %d\nstdout:\n%s\nwant:\n%s", r.code, r.out, want)
	}

	// Standard input.
	r = runCLI(t, lintCleanCycle, "lint", "-")
	if r.code != 0 || r.out != "" {
		t.Errorf("valid stdin: exit %d, stdout %q", r.code, r.out)
	}
	r = runCLI(t, invalidCycle, "lint", "-")
	if r.code != 1 || !strings.HasPrefix(r.out, "<stdin>:5:17: error: importance 9 is out of range") {
		t.Errorf("invalid stdin: exit %d, stdout %q", r.code, r.out)
	}
	r = runCLI(t, "title: [", "lint", "-")
	if r.code != 1 || !strings.HasPrefix(r.out, "<stdin>:1:1: error: invalid YAML:") {
		t.Errorf("YAML syntax error on stdin: exit %d, stdout %q", r.code, r.out)
	}
}

func TestLintHostileSize(t *testing.T) {
	big := "title: " + strings.Repeat("x", cycle.MaxFileSize) + "\nmoments: [{id: a, name: A}]\n"
	r := runCLI(t, big, "lint", "-")
	// the real size, not the 8388609 bytes read before stopping
	if r.code != 1 || !strings.Contains(r.out, fmt.Sprintf("<stdin>:1:1: error: file is %d bytes; the limit is 8388608 bytes (8 MiB)", len(big))) {
		t.Errorf("oversized stdin: exit %d, stdout %q", r.code, r.out)
	}
}

func TestReportJSON(t *testing.T) {
	dir := t.TempDir()
	in := write(t, dir, "repair.yaml", validCycle)
	r := runCLI(t, "", "report", "-f", "json", in)
	if r.code != 0 || r.errOut != "" {
		t.Fatalf("exit %d, stderr %s", r.code, r.errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, r.out)
	}
	for _, k := range []string{"title", "moments", "handoffs", "dimensions"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("report lacks the pinned key %q", k)
		}
	}
	if doc["title"] != "Phone repair" {
		t.Errorf("title = %v", doc["title"])
	}
	moments, _ := doc["moments"].([]any)
	if len(moments) != 3 {
		t.Fatalf("%d moments, want 3", len(moments))
	}
	type pinned struct {
		id       string
		number   float64
		name     string
		critical bool
		reasons  []any
		quadrant any
		gaps     map[string]any
	}
	want := []pinned{
		// 5 > 3 and 4 > 3: keep-up.
		{"arrive", 1, "Arrives at the counter", false, []any{}, "keep-up", map[string]any{}},
		// 5 >= 4 and 2 <= 2, and reliability 5 - 3 = 2 >= 2.
		{"diagnose", 2, "Phone is diagnosed", true, []any{
			"importance 5 ≥ 4 and performance 2 ≤ 2",
			"reliability gap: expected 5, perceived 3 (2 ≥ 2)",
		}, "concentrate-here", map[string]any{"reliability": -2.0}},
		// Unscored: quadrant null.
		{"pickup", 3, "Picks up the phone", false, []any{}, nil, map[string]any{}},
	}
	for i, w := range want {
		m, _ := moments[i].(map[string]any)
		for _, k := range []string{"id", "number", "name", "critical", "reasons", "quadrant", "gaps"} {
			if _, ok := m[k]; !ok {
				t.Errorf("moment %d lacks the pinned key %q", i+1, k)
			}
		}
		got := pinned{}
		got.id, _ = m["id"].(string)
		got.number, _ = m["number"].(float64)
		got.name, _ = m["name"].(string)
		got.critical, _ = m["critical"].(bool)
		got.reasons, _ = m["reasons"].([]any)
		got.quadrant = m["quadrant"]
		got.gaps, _ = m["gaps"].(map[string]any)
		if !reflect.DeepEqual(got, w) {
			t.Errorf("moment %d =\n%+v\nwant\n%+v", i+1, got, w)
		}
	}
	// arrive->diagnose changes owner on one channel: a handoff;
	// diagnose->pickup stays with the workshop; pickup->arrive (the
	// return) goes back to the front desk: a handoff.
	wantHandoffs := []any{
		map[string]any{"from": "arrive", "to": "diagnose"},
		map[string]any{"from": "pickup", "to": "arrive"},
	}
	if !reflect.DeepEqual(doc["handoffs"], wantHandoffs) {
		t.Errorf("handoffs = %v, want %v", doc["handoffs"], wantHandoffs)
	}
	// Only reliability has both scores; courtesy is perceived only.
	if want := map[string]any{"reliability": -2.0}; !reflect.DeepEqual(doc["dimensions"], want) {
		t.Errorf("dimensions = %v, want %v", doc["dimensions"], want)
	}

	// The same input gives the same bytes; stdin works too.
	r2 := runCLI(t, validCycle, "report", "-")
	if r2.code != 0 || r2.out != r.out {
		t.Errorf("report of stdin differs from report of the file")
	}
}

func TestReportOutputFile(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "good.yaml", validCycle)
	bad := write(t, dir, "bad.yaml", invalidCycle)
	out := filepath.Join(dir, "report.json")

	r := runCLI(t, "", "report", good, "-o", out)
	if r.code != 0 || r.out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.out, r.errOut)
	}
	first, err := os.ReadFile(out)
	if err != nil || !json.Valid(first) {
		t.Fatalf("report file: %v, valid JSON %v", err, json.Valid(first))
	}

	// Invalid input: exit 1, problems on stderr, the existing output left
	// as it was, and no temporary file behind.
	r = runCLI(t, "", "report", bad, "-o", out)
	if r.code != 1 || r.out != "" || !strings.Contains(r.errOut, "bad.yaml:5:17: error:") {
		t.Errorf("invalid input: exit %d, stdout %q, stderr %q", r.code, r.out, r.errOut)
	}
	after, _ := os.ReadFile(out)
	if !bytes.Equal(first, after) {
		t.Errorf("invalid input changed the existing output")
	}
	// No new file either.
	r = runCLI(t, "", "report", bad, "-o", filepath.Join(dir, "new.json"))
	if _, err := os.Stat(filepath.Join(dir, "new.json")); r.code != 1 || !os.IsNotExist(err) {
		t.Errorf("invalid input: exit %d; new output exists: %v", r.code, err == nil)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if want := []string{"bad.yaml", "good.yaml", "report.json"}; !reflect.DeepEqual(names, want) {
		t.Errorf("directory holds %q, want %q", names, want)
	}

	// An unwritable output is misuse.
	r = runCLI(t, "", "report", good, "-o", filepath.Join(dir, "no", "such", "dir", "r.json"))
	if r.code != ExitMisuse || !strings.Contains(r.errOut, "cannot write") {
		t.Errorf("unwritable output: exit %d, stderr %q", r.code, r.errOut)
	}
}

func TestSchemaCommand(t *testing.T) {
	r := runCLI(t, "", "schema")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(r.out), &v); err != nil {
		t.Fatalf("schema output is not JSON: %v", err)
	}
	if v["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", v["$schema"])
	}
	if r.out != string(cycle.Schema()) {
		t.Errorf("schema output differs from cycle.Schema()")
	}
	if r := runCLI(t, "", "schema", "extra"); r.code != ExitMisuse {
		t.Errorf("schema with an argument: exit %d", r.code)
	}
}

func TestInit(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "cycle.yaml")
			r := runCLI(t, "", "init", "--lang", lang, path)
			wrote := map[string]string{"en": "wrote ", "es": "se escribió "}[lang] + path
			if r.code != 0 || r.out != "" || !strings.Contains(r.errOut, wrote) {
				t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.out, r.errOut)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			c, err := cycle.Parse(path, data)
			if err != nil {
				t.Fatalf("starter is invalid: %v", err)
			}
			if c.Language != lang {
				t.Errorf("starter language %q, want %q", c.Language, lang)
			}
			if !bytes.Contains(data, []byte("#")) {
				t.Errorf("starter has no comments")
			}
			if r := runCLI(t, "", "lint", path); r.code != 0 {
				t.Errorf("lint of the starter: exit %d: %s", r.code, r.out)
			}

			// Never over an existing file: exit 2 and the file unchanged.
			if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			r = runCLI(t, "", "init", "--lang", lang, path)
			exists := map[string]string{"en": "already exists; not overwriting it", "es": "ya existe; no se sobrescribe"}[lang]
			if r.code != ExitMisuse || !strings.Contains(r.errOut, exists) {
				t.Errorf("existing file: exit %d, stderr %q", r.code, r.errOut)
			}
			if got, _ := os.ReadFile(path); string(got) != "mine" {
				t.Errorf("existing file changed to %q", got)
			}

			// "-" prints the same starter.
			r = runCLI(t, "", "init", "--lang", lang, "-")
			if r.code != 0 || r.out != string(data) {
				t.Errorf("init -: exit %d, output differs from the written file", r.code)
			}
		})
	}

	// Default file name, in the current directory.
	dir := t.TempDir()
	t.Chdir(dir)
	if r := runCLI(t, "", "init"); r.code != 0 {
		t.Fatalf("init: exit %d: %s", r.code, r.errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "cycle.yaml")); err != nil {
		t.Errorf("init without FILE: %v", err)
	}
}

func TestVersion(t *testing.T) {
	r := runCLI(t, "", "version")
	if r.code != 0 || r.out != "ciclo "+Version()+"\n" || Version() == "" {
		t.Errorf("exit %d, stdout %q", r.code, r.out)
	}
	if r := runCLI(t, "", "version", "x"); r.code != ExitMisuse {
		t.Errorf("version with an argument: exit %d", r.code)
	}
}

func TestCompletion(t *testing.T) {
	r := runCLI(t, "", "completion", "bash")
	if r.code != 0 || !strings.Contains(r.out, "ciclo") {
		t.Errorf("completion bash: exit %d, %d bytes", r.code, len(r.out))
	}
}
