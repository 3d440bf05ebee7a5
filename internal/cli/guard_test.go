package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// otherCycle is a second valid cycle, so that an overwritten input shows.
const otherCycle = `title: Hotel stay
moments:
  - id: book
    name: Books a room
    importance: 4
    performance: 4
  - id: leave
    name: Checks out
    importance: 3
    performance: 3
`

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// sameContent fails unless every path holds want.
func sameContent(t *testing.T, want string, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if got, err := os.ReadFile(p); err != nil || string(got) != want {
			t.Errorf("%s was changed (err %v)", p, err)
		}
	}
}

// The reproductions: each exits 2, names the problem and writes
// nothing at all, not even the outputs that were safe.
func TestOutputsNeverTouchInputs(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string) (args []string, inputs []string)
		want  string
	}{
		{"a link beside an input leads to another input", func(t *testing.T, dir string) ([]string, []string) {
			a := writeFile(t, dir, "maps/a.yaml", validCycle)
			b := writeFile(t, dir, "maps/b.yaml", otherCycle)
			symlink(t, "b.yaml", filepath.Join(dir, "maps/a.svg"))
			return []string{"render", filepath.Join(dir, "maps")}, []string{a, b}
		}, "leads to the input"},
		{"a mirrored output is another input", func(t *testing.T, dir string) ([]string, []string) {
			a := writeFile(t, dir, "maps/sub/a.yaml", validCycle)
			planted := writeFile(t, dir, "out/sub/a.svg", otherCycle)
			return []string{"render", filepath.Join(dir, "maps"), planted, "-o", filepath.Join(dir, "out")}, []string{a, planted}
		}, "which is also an input"},
		{"a hard link to the input", func(t *testing.T, dir string) ([]string, []string) {
			a := writeFile(t, dir, "maps/a.yaml", validCycle)
			if err := os.Link(a, filepath.Join(dir, "maps/a.svg")); err != nil {
				t.Fatal(err)
			}
			return []string{"render", a}, []string{a}
		}, "leads to the input"},
		{"dot-dot back to the input", func(t *testing.T, dir string) ([]string, []string) {
			a := writeFile(t, dir, "maps/a.yaml", validCycle)
			return []string{"render", a, "-f", "dot", "-o", filepath.Join(dir, "maps", "..", "maps", "a.yaml")}, []string{a}
		}, "is the input"},
		{"a link in an output folder leads outside it", func(t *testing.T, dir string) ([]string, []string) {
			a := writeFile(t, dir, "maps/a.yaml", validCycle)
			victim := writeFile(t, dir, "home/.bashrc", otherCycle)
			symlink(t, victim, filepath.Join(dir, "maps/a.svg"))
			return []string{"render", filepath.Join(dir, "maps")}, []string{a, victim}
		}, "outside"},
		{"a linked folder in a mirrored tree leads outside it", func(t *testing.T, dir string) ([]string, []string) {
			a := writeFile(t, dir, "maps/sub/a.yaml", validCycle)
			victim := writeFile(t, dir, "etc/a.svg", otherCycle)
			os.MkdirAll(filepath.Join(dir, "out"), 0o755)
			symlink(t, filepath.Join(dir, "etc"), filepath.Join(dir, "out/sub"))
			return []string{"render", filepath.Join(dir, "maps"), "-o", filepath.Join(dir, "out")}, []string{a, victim}
		}, "outside"},
		{"a dangling output link", func(t *testing.T, dir string) ([]string, []string) {
			a := writeFile(t, dir, "maps/a.yaml", validCycle)
			symlink(t, "gone.svg", filepath.Join(dir, "maps/a.svg"))
			return []string{"render", a}, []string{a}
		}, "does not exist"},
		{"a looping output link", func(t *testing.T, dir string) ([]string, []string) {
			a := writeFile(t, dir, "maps/a.yaml", validCycle)
			symlink(t, "b.svg", filepath.Join(dir, "maps/a.svg"))
			symlink(t, "a.svg", filepath.Join(dir, "maps/b.svg"))
			return []string{"render", a}, []string{a}
		}, "loops"},
		{"a report through a link to its input", func(t *testing.T, dir string) ([]string, []string) {
			a := writeFile(t, dir, "a.yaml", validCycle)
			symlink(t, "a.yaml", filepath.Join(dir, "report.md"))
			return []string{"report", a, "-o", filepath.Join(dir, "report.md")}, []string{a}
		}, "leads to the input"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			args, inputs := c.setup(t, dir)
			before := listTree(t, dir)
			code, _, errOut := run(t, "", args...)
			if code != ExitMisuse || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 saying %q", code, errOut, c.want)
			}
			for _, in := range inputs {
				want := validCycle
				if got, _ := os.ReadFile(in); string(got) != validCycle {
					want = otherCycle
				}
				sameContent(t, want, in)
			}
			if after := listTree(t, dir); after != before {
				t.Errorf("files changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// listTree describes every entry under dir: name, kind and link target.
func listTree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + ":" + fi.Mode().Type().String())
		if fi.Mode()&os.ModeSymlink != 0 {
			dest, _ := os.Readlink(p)
			b.WriteString("->" + dest)
		}
		b.WriteString(" ")
		return nil
	})
	return b.String()
}

// An output named by -o that is a link to a file that is not an input is
// written through, and stays a link.
func TestNamedOutputLinkIsWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.yaml", validCycle)
	real := writeFile(t, dir, "elsewhere/diagram.svg", "old")
	link := filepath.Join(dir, "diagram.svg")
	symlink(t, real, link)
	if code, _, errOut := run(t, "", "render", a, "-o", link); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s is no longer a link", link)
	}
	if got, _ := os.ReadFile(real); !bytes.HasPrefix(got, []byte("<?xml")) {
		t.Errorf("%s was not drawn: %.40q", real, got)
	}
	// A link inside the output folder to a file inside it is fine too.
	in2 := writeFile(t, dir, "maps/b.yaml", otherCycle)
	writeFile(t, dir, "maps/drawings/b.svg", "old")
	symlink(t, "drawings/b.svg", filepath.Join(dir, "maps/b.svg"))
	if code, _, errOut := run(t, "", "render", filepath.Join(dir, "maps")); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	sameContent(t, otherCycle, in2)
}

// Standard input and standard output are files too.
func TestStandardStreamsThatAreInputs(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.yaml", validCycle)
	b := writeFile(t, dir, "b.yaml", otherCycle)
	open := func(flag int) *os.File {
		f, err := os.OpenFile(a, flag, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	var errOut bytes.Buffer
	for _, args := range [][]string{
		{"lint", a},
		{"diff", a, b},
		{"render", a, "-f", "dot", "-o", "-"},
		{"report", b, "-o", "-"}, // not an input of this run: allowed
	} {
		errOut.Reset()
		ios := &IOStreams{In: strings.NewReader(""), Out: open(os.O_WRONLY | os.O_APPEND), ErrOut: &errOut}
		code := Main(context.Background(), args, ios)
		if args[0] == "report" {
			if code != ExitOK {
				t.Errorf("%v: exit %d: %s", args, code, errOut.String())
			}
			continue
		}
		if code != ExitMisuse || !strings.Contains(errOut.String(), "standard output is the input") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2", args, code, errOut.String())
		}
	}
	os.WriteFile(a, []byte(validCycle), 0o644)
	ios := &IOStreams{In: open(os.O_RDONLY), Out: &bytes.Buffer{}, ErrOut: &errOut}
	errOut.Reset()
	if code := Main(context.Background(), []string{"render", "-", "-f", "dot", "-o", a}, ios); code != ExitMisuse {
		t.Errorf("render - -o a.yaml < a.yaml: exit %d: %s", code, errOut.String())
	}
	sameContent(t, validCycle, a)
}

// A folder argument that is a link is read like the folder it names.
func TestLinkedFolderArgument(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "real/a.yaml", validCycle)
	link := filepath.Join(dir, "linkdir")
	symlink(t, filepath.Join(dir, "real"), link)
	out := filepath.Join(dir, "out")
	if code, _, errOut := run(t, "", "render", link, "-o", out); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(out, "a.svg")); err != nil {
		t.Error(err)
	}
	if code, out, errOut := run(t, "", "lint", link); code == ExitMisuse || !strings.Contains(out, "a.yaml") {
		t.Errorf("lint: exit %d, %s: %s", code, out, errOut)
	}
}
