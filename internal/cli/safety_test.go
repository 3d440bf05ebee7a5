package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A slip of -o must never destroy the cycle file it was drawing.
func TestOutputNeverOverwritesTheInput(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "cycle.yaml", validCycle)
	named := writeFile(t, dir, "odd.svg", validCycle) // a cycle whose name has the output's extension
	for _, args := range [][]string{
		{"render", in, "-o", in},
		{"render", in, "-f", "dot", "-o", filepath.Join(dir, ".", "cycle.yaml")},
		{"render", named},
		{"render", dir + "/cycle.yaml", named, "-o", dir},
		{"report", in, "-f", "md", "-o", in},
	} {
		code, _, errOut := run(t, "", args...)
		if code != ExitMisuse || !strings.Contains(errOut, "is the input") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 naming the input", args, code, errOut)
		}
	}
	for _, p := range []string{in, named} {
		if got, _ := os.ReadFile(p); string(got) != validCycle {
			t.Errorf("%s was changed", p)
		}
	}
}

func TestUnknownOutputExtension(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "cycle.yaml", validCycle)
	for _, c := range []struct {
		args []string
		out  string
	}{
		{[]string{"render", in, "-o", filepath.Join(dir, "x.gif")}, "x.gif"},
		{[]string{"report", in, "-o", filepath.Join(dir, "rep.txt")}, "rep.txt"},
	} {
		code, _, errOut := run(t, "", c.args...)
		if code != ExitMisuse || !strings.Contains(errOut, "cannot tell") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 asking for -f", c.args, code, errOut)
		}
		if _, err := os.Stat(filepath.Join(dir, c.out)); err == nil {
			t.Errorf("%s was written", c.out)
		}
	}
	// -f says what the extension does not.
	if code, _, errOut := run(t, "", "render", in, "-f", "svg", "-o", filepath.Join(dir, "x.gif")); code != ExitOK {
		t.Errorf("render -f svg -o x.gif: exit %d, %s", code, errOut)
	}
	if code, _, errOut := run(t, "", "report", in, "-f", "md", "-o", filepath.Join(dir, "rep.txt")); code != ExitOK {
		t.Errorf("report -f md -o rep.txt: exit %d, %s", code, errOut)
	}
}

func TestRenderIntoNewDirectoryWithSlash(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "one.yaml", validCycle)
	out := filepath.Join(dir, "newdir") + "/"
	if code, _, errOut := run(t, "", "render", in, "-o", out); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "newdir", "one.svg")); err != nil {
		t.Fatal(err)
	}
}

func TestDirectoryWithoutCycles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "notes.txt", "not a cycle")
	for _, cmd := range []string{"lint", "render"} {
		code, _, errOut := run(t, "", cmd, dir)
		if code != ExitMisuse || !strings.Contains(errOut, "no *.yaml or *.yml files under") {
			t.Errorf("%s on a folder without cycles: exit %d, stderr %q; want exit 2", cmd, code, errOut)
		}
	}
}

// An empty folder among others is reported like an unreadable file: the
// rest are drawn, and the exit status says something was wrong.
func TestEmptyFolderInABatch(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	maps := filepath.Join(dir, "maps")
	if err := os.Mkdir(maps, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, maps, "a.yaml", validCycle)
	out := filepath.Join(dir, "out")
	code, _, errOut := run(t, "", "render", empty, maps, "-o", out)
	if code != ExitMisuse || !strings.Contains(errOut, "no *.yaml or *.yml files under "+empty) {
		t.Errorf("exit %d, stderr %q; want 2 naming the empty folder", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(out, "a.svg")); err != nil {
		t.Errorf("the other folder was not drawn: %v", err)
	}
}

func TestRenderFlagValues(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "cycle.yaml", validCycle)
	for _, args := range [][]string{
		{"--jobs", "0"}, {"--jobs", "-3"}, {"--scale", "0", "-f", "png"}, {"--scale", "-1", "-f", "png"},
	} {
		code, _, errOut := run(t, "", append([]string{"render", in}, args...)...)
		if code != ExitMisuse {
			t.Errorf("render %v: exit %d, stderr %q; want 2", args, code, errOut)
		}
	}
	for _, args := range [][]string{{"--theme", "neon"}, {"--lang", "fr"}, {"--view", "sankey"}, {"--scale", "100", "-f", "png"}} {
		code, _, errOut := run(t, "", append([]string{"render", in}, args...)...)
		if code != ExitMisuse || strings.Contains(errOut, "unsupported") {
			t.Errorf("render %v: exit %d, stderr %q; want 2 without the error's Go name", args, code, errOut)
		}
	}
}

func TestRewriteKeepsModeAndLinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes and symbolic links differ on Windows")
	}
	dir := t.TempDir()
	in := writeFile(t, dir, "cycle.yaml", validCycle)
	out := writeFile(t, dir, "shared.svg", "old")
	if err := os.Chmod(out, 0o664); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.svg")
	if err := os.Symlink("shared.svg", link); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "", "render", in, "-o", link); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	fi, err := os.Lstat(link)
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("link.svg is no longer a symbolic link (%v, %v)", fi.Mode(), err)
	}
	fi, err = os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o664 {
		t.Errorf("mode %v, want 0664 kept", fi.Mode().Perm())
	}
	if data, _ := os.ReadFile(out); !strings.Contains(string(data), "<svg") {
		t.Error("the file behind the link was not redrawn")
	}
}

func TestVersionFlag(t *testing.T) {
	code, out, _ := run(t, "", "--version")
	if code != ExitOK || !strings.HasPrefix(out, "ciclo ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}

func TestInterruptedExit(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.yaml", validCycle)
	writeFile(t, dir, "b.yaml", validCycle)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	code := Main(ctx, []string{"render", dir, "-o", filepath.Join(dir, "out")}, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	if code != ExitInterrupted || strings.TrimSpace(errOut.String()) != "ciclo: interrupted" {
		t.Errorf("exit %d, stderr %q; want 130 and one line", code, errOut.String())
	}
}

func TestSameOutputThroughRelativeAndAbsolutePaths(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "small.yaml", validCycle)
	code, _, errOut := run(t, "", "render", "small.yaml", filepath.Join(dir, "small.yaml"))
	if code != ExitMisuse || !strings.Contains(errOut, "would both be drawn") {
		t.Errorf("exit %d, stderr %q; want 2", code, errOut)
	}
}

// PNG and PDF fonts lack emoji and CJK: ciclo says so rather than let a
// consultant find □ on a slide; SVG leaves them to the viewer's fonts.
func TestMissingGlyphWarning(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "e.yaml", "title: Emoji 🙂\nmoments:\n  - id: a\n    name: Smiles 你\n")
	for _, f := range []string{"png", "pdf"} {
		code, _, errOut := run(t, "", "render", in, "-f", f)
		want := "e.yaml: warning: the " + f + " fonts have no glyph for 你 (U+4F60), 🙂 (U+1F642); they are drawn as □ (svg shows them)"
		if code != ExitOK || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, stderr %q; want 0 and %q", f, code, errOut, want)
		}
		if _, err := os.Stat(filepath.Join(dir, "e."+f)); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	if code, _, errOut := run(t, "", "render", in, "-f", "svg"); code != ExitOK || errOut != "" {
		t.Errorf("svg: exit %d, stderr %q; want 0 and nothing", code, errOut)
	}
}
