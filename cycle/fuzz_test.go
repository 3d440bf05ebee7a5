package cycle

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// seedFiles returns the cycle files the fuzzer starts from: the starter
// templates, the bad files under testdata, and the examples when present.
func seedFiles(t testing.TB) []string {
	var files []string
	for _, pattern := range []string{
		"../internal/cli/starter/*.yaml",
		"testdata/bad/*.yaml",
		"../examples/*.yaml",
		"../examples/*/*.yaml",
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no seed files found")
	}
	return files
}

func FuzzParse(f *testing.F) {
	for _, name := range seedFiles(f) {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		"",
		"title: x\nmoments: [{id: a, name: A, next: a}]\n",
		"title: x\nmoments: [3, {id: a, name: A}, {id: b, name: B}]\n",
		"title: x\nmoments:\n  - <<: &a [*a]\n    id: a\n    name: A\n",
		"title: x\nmoments: [{id: a, name: A, <<: {owner: B, <<: {channel: c}}}]\n",
		"a: &a {b: *a}\ntitle: x\nmoments: *a\n",
		"[[[[[[[[[[]]]]]]]]]]",
		"title: \"\\u0000\"\nmoments: [{id: a, name: A}]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse("fuzz.yaml", src)
		if err != nil {
			checkErrorList(t, src, err)
			if c != nil {
				t.Fatal("Parse returned a cycle and an error")
			}
			return
		}
		checkCycle(t, c)
	})
}

// checkErrorList asserts that every problem is positioned inside the file
// (a line past the end is allowed for a problem at its very end) and says
// something, in English and in Spanish (with no fmt verb gone wrong).
func checkErrorList(t *testing.T, src []byte, err error) {
	t.Helper()
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %T is not an ErrorList: %v", err, err)
	}
	if len(list) == 0 {
		t.Fatal("empty ErrorList returned as an error")
	}
	lines := bytes.Count(src, []byte("\n")) + 1
	for _, e := range list {
		if e.Pos.Line < 1 || e.Pos.Column < 1 || e.Pos.Line > lines {
			t.Errorf("problem at %d:%d, outside the file's %d lines: %s", e.Pos.Line, e.Pos.Column, lines, e.Msg)
		}
		if strings.TrimSpace(e.Msg) == "" {
			t.Errorf("problem at %d:%d without a message", e.Pos.Line, e.Pos.Column)
		}
		// "%!" marks a verb gone wrong, unless the file itself holds it.
		verbWrong := func(s string) bool { return strings.Contains(s, "%!") && !bytes.Contains(src, []byte("%!")) }
		if es := e.Text("es"); strings.TrimSpace(es) == "" || verbWrong(es) || verbWrong(e.Msg) {
			t.Errorf("problem at %d:%d: message %q, in Spanish %q", e.Pos.Line, e.Pos.Column, e.Msg, es)
		}
		if e.File != "fuzz.yaml" {
			t.Errorf("problem names file %q", e.File)
		}
	}
}

// checkCycle asserts what a valid cycle promises: moments with unique,
// well-formed ids, every one reachable from the first, and an analysis
// that covers them all.
func checkCycle(t *testing.T, c *Cycle) {
	t.Helper()
	if len(c.Moments) == 0 || len(c.Moments) > MaxMoments {
		t.Fatalf("valid cycle with %d moments", len(c.Moments))
	}
	seen := map[string]bool{}
	for i, m := range c.Moments {
		if m.Index != i {
			t.Errorf("moment %q has index %d at position %d", m.ID, m.Index, i)
		}
		if !idPattern.MatchString(m.ID) || seen[m.ID] {
			t.Errorf("bad or duplicate id %q", m.ID)
		}
		seen[m.ID] = true
		if m.Name == "" {
			t.Errorf("moment %q without a name", m.ID)
		}
	}
	for i, ok := range c.Reachable() {
		if !ok {
			t.Errorf("moment %q is unreachable in a valid cycle", c.Moments[i].ID)
		}
	}
	a := Analyze(c)
	if len(a.Moments) != len(c.Moments) {
		t.Fatalf("analysis of %d moments for %d", len(a.Moments), len(c.Moments))
	}
	for _, m := range a.Moments {
		if m.Critical != (len(m.Reasons) > 0) {
			t.Errorf("moment %q: critical %v with %d reasons", m.ID, m.Critical, len(m.Reasons))
		}
	}
	for _, e := range a.Edges {
		if c.Moments[e.From.Index] != e.From || c.Moments[e.To.Index] != e.To {
			t.Errorf("edge %q->%q leaves the cycle", e.From.ID, e.To.ID)
		}
	}
}

// TestSeedFiles parses every seed: the starters and the examples must be
// valid, and each bad file must fail with the problems in its golden files,
// testdata/bad/NAME.errors in English and NAME.es.errors in Spanish (go test
// -run TestSeedFiles -update rewrites them).
func TestSeedFiles(t *testing.T) {
	for _, name := range seedFiles(t) {
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Parse(filepath.Base(name), src)
			bad := strings.HasPrefix(filepath.ToSlash(name), "testdata/bad/")
			if !bad {
				if err != nil {
					t.Fatalf("valid file rejected:\n%v", err)
				}
				checkCycle(t, c)
				return
			}
			if err == nil {
				t.Fatal("bad file accepted")
			}
			checkErrorList(t, src, errorsAs(t, err, "fuzz.yaml"))
			var list ErrorList
			errors.As(err, &list)
			var es strings.Builder
			for _, e := range list {
				es.WriteString(e.Location() + ": " + e.Text("es") + "\n")
			}
			base := strings.TrimSuffix(name, ".yaml")
			checkGolden(t, base+".errors", []byte(err.Error()+"\n"))
			checkGolden(t, base+".es.errors", []byte(es.String()))
		})
	}
}

// errorsAs renames the file of every problem, so checkErrorList applies to
// errors parsed under another name.
func errorsAs(t *testing.T, err error, file string) error {
	t.Helper()
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %T is not an ErrorList", err)
	}
	out := make(ErrorList, len(list))
	for i, e := range list {
		c := *e
		c.File = file
		out[i] = &c
	}
	return out
}

// checkGolden compares got with the golden file, which -update rewrites.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("problems differ from %s\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}
