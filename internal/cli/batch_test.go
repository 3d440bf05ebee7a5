package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// tree writes files (slash paths relative to dir) and returns dir.
func tree(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		writePath(t, p, data)
	}
	return dir
}

// listFiles returns every file under dir, slash-separated and sorted.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestRenderBatchMirrorsTree(t *testing.T) {
	in := tree(t, t.TempDir(), map[string]string{
		"a.yaml":            goodCycle,
		"shop/b.yml":        goodCycle,
		"shop/deep/c.yaml":  goodCycle,
		"shop/notes.txt":    "not a cycle",
		".hidden/skip.yaml": badCycle,
	})
	out := filepath.Join(t.TempDir(), "diagrams")
	code, stdout, stderr := run(t, "", "render", in, "-o", out)
	if code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	want := []string{"a.svg", "shop/b.svg", "shop/deep/c.svg"}
	if got := listFiles(t, out); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("outputs %v, want %v", got, want)
	}
	// Each mirrored output is the same diagram a single render gives.
	_, single, _ := run(t, goodCycle, "render", "-")
	got, err := os.ReadFile(filepath.Join(out, "shop", "deep", "c.svg"))
	if err != nil || !bytes.Equal(got, []byte(single)) {
		t.Errorf("batch output differs from a single render (err %v)", err)
	}
}

func TestRenderBatchBesideInputs(t *testing.T) {
	in := tree(t, t.TempDir(), map[string]string{"x.yaml": goodCycle, "sub/y.yaml": goodCycle})
	code, _, stderr := run(t, "", "render", "-f", "dot", filepath.Join(in, "x.yaml"), filepath.Join(in, "sub"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{"sub/y.dot", "sub/y.yaml", "x.dot", "x.yaml"}
	if got := listFiles(t, in); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("files %v, want %v", got, want)
	}
}

func TestRenderBatchMixedGoodAndBad(t *testing.T) {
	in := tree(t, t.TempDir(), map[string]string{
		"1-good.yaml": goodCycle,
		"2-bad.yaml":  badCycle,
		"3-good.yaml": goodCycle,
	})
	out := t.TempDir()
	// An existing output of the bad file must survive untouched.
	writePath(t, filepath.Join(out, "2-bad.svg"), "precious")
	code, stdout, stderr := run(t, "", "render", in, "-o", out)
	if code != ExitProblem {
		t.Errorf("exit %d, want %d", code, ExitProblem)
	}
	if stdout != "" {
		t.Errorf("stdout %q", stdout)
	}
	bad := filepath.Join(in, "2-bad.yaml")
	for _, w := range []string{bad + ":3:35: error: performance 9 is out of range", bad + ":4:10: error: duplicate moment id \"a\"", "1 of 3 files failed"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	want := []string{"1-good.svg", "2-bad.svg", "3-good.svg"}
	if got := listFiles(t, out); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("outputs %v, want %v", got, want)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "2-bad.svg")); string(b) != "precious" {
		t.Errorf("the bad file's existing output was changed to %q", b)
	}
}

func TestRenderCheck(t *testing.T) {
	in := tree(t, t.TempDir(), map[string]string{"a.yaml": goodCycle, "b.yaml": goodCycle, "sub/c.yaml": goodCycle})
	out := filepath.Join(t.TempDir(), "out")

	// Missing: nothing rendered yet. --check writes nothing, not even the directory.
	code, stdout, stderr := run(t, "", "render", "--check", in, "-o", out)
	if code != ExitProblem {
		t.Errorf("missing: exit %d, want 1", code)
	}
	for _, f := range []string{"a.svg", "b.svg", filepath.Join("sub", "c.svg")} {
		if !strings.Contains(stdout, "missing: "+filepath.Join(out, f)+"\n") {
			t.Errorf("missing: stdout lacks %s:\n%s", f, stdout)
		}
	}
	if !strings.Contains(stderr, "3 of 3 outputs are missing or stale") {
		t.Errorf("missing: stderr %q", stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("--check created %s", out)
	}

	// Fresh: render, then check.
	if code, _, stderr := run(t, "", "render", in, "-o", out); code != 0 {
		t.Fatalf("render: exit %d: %s", code, stderr)
	}
	before := snapshot(t, out)
	code, stdout, stderr = run(t, "", "render", "--check", in, "-o", out)
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("fresh: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// Stale: change one input; only its output is named, nothing is written.
	writePath(t, filepath.Join(in, "b.yaml"), strings.Replace(goodCycle, "Phone repair", "Tablet repair", 1))
	code, stdout, _ = run(t, "", "render", "--check", in, "-o", out)
	if code != ExitProblem || stdout != "stale: "+filepath.Join(out, "b.svg")+"\n" {
		t.Errorf("stale: exit %d, stdout %q", code, stdout)
	}
	if after := snapshot(t, out); after != before {
		t.Errorf("--check changed the outputs")
	}

	// A single file beside its input.
	single := filepath.Join(in, "a.yaml")
	if code, stdout, _ := run(t, "", "render", "--check", single); code != ExitProblem || !strings.Contains(stdout, "missing: "+filepath.Join(in, "a.svg")) {
		t.Errorf("single: exit %d, stdout %q", code, stdout)
	}
	if _, err := os.Stat(filepath.Join(in, "a.svg")); !os.IsNotExist(err) {
		t.Errorf("--check wrote a.svg")
	}
	// Standard output cannot be checked.
	if code, _, stderr := run(t, goodCycle, "render", "--check", "-"); code != ExitMisuse || !strings.Contains(stderr, "cannot check standard output") {
		t.Errorf("stdout check: exit %d, stderr %q", code, stderr)
	}
}

// snapshot summarises every file under dir with its contents.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	for _, f := range listFiles(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(f + "\n" + string(data) + "\n")
	}
	return b.String()
}

func TestRenderBatchMisuse(t *testing.T) {
	in := tree(t, t.TempDir(), map[string]string{"a/x.yaml": goodCycle, "b/x.yaml": goodCycle, "f.svg": "file"})
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"two outputs to one file", []string{"render", filepath.Join(in, "a", "x.yaml"), filepath.Join(in, "b", "x.yaml"), "-o", filepath.Join(in, "out")}, "would both be drawn to"},
		{"several to stdout", []string{"render", filepath.Join(in, "a"), filepath.Join(in, "b"), "-o", "-"}, "cannot go to standard output"},
		{"-o is a file", []string{"render", filepath.Join(in, "a"), filepath.Join(in, "b"), "-o", filepath.Join(in, "f.svg")}, "is a file"},
		{"stdin twice", []string{"render", "-", "-"}, "can be read once"},
		{"scale for svg", []string{"render", filepath.Join(in, "a"), "--scale", "3"}, "only applies to png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, goodCycle, tt.args...)
			if code != ExitMisuse || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.msg)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(in, "out")); !os.IsNotExist(err) {
		t.Errorf("a refused plan still wrote output")
	}
}

func TestRenderProgress(t *testing.T) {
	files := map[string]string{}
	for i := range progressMin {
		files[string(rune('a'+i))+".yaml"] = goodCycle
	}
	in := tree(t, t.TempDir(), files)
	for _, terminal := range []bool{false, true} {
		var out, errOut bytes.Buffer
		ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, ErrIsTerminal: terminal}
		code := Main(context.Background(), []string{"render", "-f", "dot", in, "-o", t.TempDir()}, ios)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		shown := strings.Contains(errOut.String(), "rendering 10/10")
		if shown != terminal {
			t.Errorf("terminal %v: stderr %q", terminal, errOut.String())
		}
		if terminal && !strings.HasSuffix(errOut.String(), "\r\033[K") {
			t.Errorf("progress line not cleared: %q", errOut.String())
		}
	}
}

func TestRenderPNGTooLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: Huge\nmoments:\n")
	for i := range 600 {
		fmt.Fprintf(&b, "  - {id: m%d, name: Moment number %d of a very long cycle, owner: Owner %d}\n", i, i, i%7)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "huge.yaml")
	writePath(t, in, b.String())
	code, _, stderr := run(t, "", "render", in, "-f", "png")
	if code != ExitProblem || !strings.Contains(stderr, in+": error: ") || !strings.Contains(stderr, "draw it as svg or pdf") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "huge.png")); !os.IsNotExist(err) {
		t.Errorf("a PNG was written")
	}
}

func TestRenderJobsGiveTheSameOutputs(t *testing.T) {
	files := map[string]string{}
	for i := range 6 {
		files[fmt.Sprintf("c%d.yaml", i)] = strings.Replace(goodCycle, "Phone repair", fmt.Sprintf("Repair %d", i), 1)
	}
	in := tree(t, t.TempDir(), files)
	var got []string
	for _, jobs := range []string{"1", "4"} {
		out := t.TempDir()
		if code, _, stderr := run(t, "", "render", in, "-o", out, "--jobs", jobs); code != 0 {
			t.Fatalf("--jobs %s: exit %d: %s", jobs, code, stderr)
		}
		got = append(got, snapshot(t, out))
	}
	if got[0] != got[1] || !strings.Contains(got[0], "Repair 5") {
		t.Errorf("--jobs 1 and --jobs 4 wrote different outputs")
	}
}

func TestLintLanguage(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "es.yaml")
	writePath(t, in, "title: Visita\nlanguage: es\nmoments:\n  - {id: a, name: Llama, owner: Caja, importance: 3}\n")
	_, out, _ := run(t, "", "lint", in)
	if !strings.Contains(out, `el momento "a" no tiene nota de desempeño [unscored]`) {
		t.Errorf("default follows the file's language: %q", out)
	}
	_, out, _ = run(t, "", "lint", "--lang", "en", in)
	if !strings.Contains(out, `moment "a" has no performance score [unscored]`) {
		t.Errorf("--lang en: %q", out)
	}
	if code, _, stderr := run(t, "", "lint", "--lang", "fr", in); code != ExitMisuse || !strings.Contains(stderr, `unknown language "fr"`) {
		t.Errorf("--lang fr: exit %d, %q", code, stderr)
	}
}
