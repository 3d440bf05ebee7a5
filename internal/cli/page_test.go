package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/internal/watch"
	"github.com/ciclo-dev/ciclo/render"
)

// TestRenderPage lays the diagram out for a named page: the PDF is the
// paper exactly, turned as asked, the PNG has 96 pixels per inch at
// --scale 1, and unknown pages or orientations are misuse.
func TestRenderPage(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "repair.yaml")
	writePath(t, in, goodCycle)
	media := regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)
	for _, c := range []struct{ page, orientation, want string }{
		{"a4", "portrait", "595.28 841.89"},
		{"a4", "landscape", "841.89 595.28"},
		{"letter", "portrait", "612.00 792.00"},
		{"slide", "auto", "960.00 540.00"},
	} {
		out := filepath.Join(dir, c.page+"-"+c.orientation+".pdf")
		if code, _, stderr := run(t, "", "render", in, "--page", c.page, "--orientation", c.orientation, "-o", out); code != ExitOK {
			t.Fatalf("%s %s: exit %d: %s", c.page, c.orientation, code, stderr)
		}
		pdf, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		m := media.FindSubmatch(pdf)
		if m == nil || string(m[1])+" "+string(m[2]) != c.want {
			t.Errorf("%s %s: MediaBox %q, want %s", c.page, c.orientation, m, c.want)
		}
	}
	out := filepath.Join(dir, "a4.png")
	if code, _, stderr := run(t, "", "render", in, "--page", "a4", "--orientation", "portrait", "--scale", "1", "-o", out); code != ExitOK {
		t.Fatalf("png: exit %d: %s", code, stderr)
	}
	if got := readPNG(t, out).Bounds().Size(); got.X != 794 || got.Y != 1123 {
		t.Errorf("A4 at --scale 1 is %v pixels, want 794 × 1123", got)
	}
	for _, args := range [][]string{
		{"render", in, "--page", "a5"},
		{"render", in, "--orientation", "sideways"},
		{"report", in, "-f", "html", "--page", "a5"},
	} {
		if code, _, stderr := run(t, "", args...); code != ExitMisuse || !strings.Contains(stderr, "unknown") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// TestReportDiagramOnA4: the HTML report's diagram is laid out for A4
// unless --page says otherwise.
func TestReportDiagramOnA4(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "visit.yaml", reportCycle)
	a4 := regexp.MustCompile(`width="(595\.28|841\.89)pt"`)
	for page, want := range map[string]bool{"": true, "a4": true, "auto": false} {
		args := []string{"report", in, "-f", "html", "--today", "2026-04-01"}
		if page != "" {
			args = append(args, "--page", page)
		}
		code, out, stderr := run(t, "", args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if got := a4.MatchString(out); got != want {
			t.Errorf("--page %q: A4-sized diagram %v, want %v", page, got, want)
		}
	}
}

// TestWatchPage: watch takes --page and refuses an unknown one.
func TestWatchPage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	writePath(t, file, watchFixture)
	var errOut bytes.Buffer
	code := Main(context.Background(), []string{"watch", file, "--page", "poster", "--addr", "127.0.0.1:0"},
		&IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &errOut})
	if code != ExitMisuse || !strings.Contains(errOut.String(), `unknown page "poster"`) {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	snap, err := buildPagePreview(context.Background(), "cycle.yaml", []byte(watchFixture), watch.Look{Theme: "default", View: "cycle"}, renderPage("slide"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(snap.SVG, []byte(`width="960.00pt" height="540.00pt"`)) {
		t.Errorf("the preview is not slide-sized: %.200s", snap.SVG)
	}
}

// renderPage is render.Options for a page.
func renderPage(page string) render.Options { return render.Options{Page: page} }

// TestDiffPage: "ciclo diff" lays its picture out for --page and
// --orientation, and refuses them where it draws no picture.
func TestDiffPage(t *testing.T) {
	dir := t.TempDir()
	old := writeFile(t, dir, "old.yaml", "title: T\nmoments:\n  - {id: a, name: A, importance: 5, performance: 4}\n  - {id: b, name: B}\n")
	new := writeFile(t, dir, "new.yaml", "title: T\nmoments:\n  - {id: a, name: A, importance: 5, performance: 1}\n  - {id: c, name: C}\n")
	media := regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)
	for _, c := range []struct{ orientation, want string }{
		{"portrait", "595.28 841.89"},
		{"landscape", "841.89 595.28"},
	} {
		out := filepath.Join(dir, c.orientation+".pdf")
		if code, _, stderr := run(t, "", "diff", old, new, "-f", "pdf", "--page", "a4", "--orientation", c.orientation, "-o", out); code != ExitProblem {
			t.Fatalf("%s: exit %d: %s", c.orientation, code, stderr)
		}
		pdf, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		m := media.FindSubmatch(pdf)
		if m == nil || string(m[1])+" "+string(m[2]) != c.want {
			t.Errorf("a4 %s: MediaBox %q, want %s", c.orientation, m, c.want)
		}
	}
	code, out, stderr := run(t, "", "diff", old, new, "-f", "svg", "--page", "letter", "--orientation", "portrait")
	if code != ExitProblem || !strings.Contains(out, `width="612pt"`) && !strings.Contains(out, `width="612.00pt"`) {
		t.Errorf("svg on letter: exit %d, err %q, svg %.300s", code, stderr, out)
	}
	for _, args := range [][]string{
		{"diff", old, new, "--page", "a4"},
		{"diff", old, new, "-f", "json", "--orientation", "landscape"},
		{"diff", old, new, "-f", "md", "--page", "slide"},
	} {
		if code, _, stderr := run(t, "", args...); code != ExitMisuse || !strings.Contains(stderr, "draws none") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if code, _, stderr := run(t, "", "diff", old, new, "-f", "pdf", "--page", "a5"); code != ExitMisuse || !strings.Contains(stderr, "unknown") {
		t.Errorf("--page a5: exit %d, stderr %q", code, stderr)
	}
}
