package cli

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const goodCycle = `title: Phone repair
customer: Customer with a broken phone
moments:
  - {id: arrive, name: Arrives at the counter, owner: Front desk, importance: 5, performance: 4}
  - {id: diagnose, name: Phone is diagnosed, owner: Workshop, importance: 5, performance: 2}
  - {id: pickup, name: Picks up the phone, owner: Front desk}
`

const badCycle = `title: Broken
moments:
  - {id: a, name: A, performance: 9}
  - {id: a, name: B}
`

// readPNG decodes the PNG file at path.
func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s does not decode as png: %v", path, err)
	}
	return img
}

func writePath(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRenderBesideInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "repair.yaml")
	writePath(t, in, goodCycle)
	code, _, stderr := run(t, "", "render", in)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "repair.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte(`class="node moment critical"`)) || !bytes.HasSuffix(bytes.TrimSpace(svg), []byte("</svg>")) {
		t.Error("the SVG lacks the critical moment or is incomplete")
	}
	// same input, same bytes
	run(t, "", "render", in)
	again, _ := os.ReadFile(filepath.Join(dir, "repair.svg"))
	if !bytes.Equal(svg, again) {
		t.Error("a second render gave different bytes")
	}
}

func TestRenderFormatFromOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "repair.yaml")
	writePath(t, in, goodCycle)
	out := filepath.Join(dir, "diagram.dot")
	if code, _, stderr := run(t, "", "render", in, "-o", out); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(out)
	if !bytes.HasPrefix(data, []byte("digraph cycle {")) {
		t.Errorf("-o x.dot did not give DOT: %.40q", data)
	}
	// -o naming a directory
	sub := filepath.Join(dir, "out")
	os.Mkdir(sub, 0o755)
	if code, _, stderr := run(t, "", "render", in, "-o", sub, "-f", "dot"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(sub, "repair.dot")); err != nil {
		t.Error(err)
	}
}

func TestRenderStdin(t *testing.T) {
	code, stdout, stderr := run(t, goodCycle, "render", "-", "--theme", "print", "--lang", "es")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "<?xml") || !strings.Contains(stdout, "Leyenda") {
		t.Errorf("stdin should render Spanish SVG to stdout, got %.60q", stdout)
	}
}

func TestRenderInvalidKeepsOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "broken.yaml")
	writePath(t, in, badCycle)
	out := filepath.Join(dir, "broken.svg")
	writePath(t, out, "previous diagram")
	code, _, stderr := run(t, "", "render", in)
	if code != ExitProblem {
		t.Fatalf("exit %d, want %d", code, ExitProblem)
	}
	if !strings.Contains(stderr, in+":3:") || !strings.Contains(stderr, ": error: ") {
		t.Errorf("errors not as FILE:LINE:COL: error: MSG:\n%s", stderr)
	}
	if data, _ := os.ReadFile(out); string(data) != "previous diagram" {
		t.Errorf("the existing output was touched: %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("stray files left: %v", entries)
	}
}

func TestRenderMisuse(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "repair.yaml")
	writePath(t, in, goodCycle)
	for _, args := range [][]string{
		{"render", in, "-f", "gif"},
		{"render", in, "-f", "png", "--scale", "100"},
		{"render", in, "--view", "journey"},
		{"render", in, "--theme", "neon"},
		{"render", in, "--lang", "fr"},
		{"render", filepath.Join(dir, "missing.yaml")},
		{"render", in, "-o", filepath.Join(dir, "no", "such", "dir", "x.svg")},
		{"render"},
	} {
		code, _, stderr := run(t, "", args...)
		if code != ExitMisuse {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, ExitMisuse, stderr)
		}
		if stderr == "" {
			t.Errorf("%v: no message", args)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "repair.png")); err == nil {
		t.Error("png written although the scale was refused")
	}
}

func TestRenderPNGAndPDF(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "repair.yaml")
	writePath(t, in, goodCycle)
	sizes := map[float64]int{}
	for _, scale := range []string{"1", "2"} {
		out := filepath.Join(dir, "x"+scale+".png")
		if code, _, stderr := run(t, "", "render", in, "-o", out, "--scale", scale); code != 0 {
			t.Fatalf("png: exit %d: %s", code, stderr)
		}
		img := readPNG(t, out)
		s, _ := strconv.ParseFloat(scale, 64)
		sizes[s] = img.Bounds().Dx()
	}
	// --scale 2 doubles the width of --scale 1 (to a pixel of rounding).
	if d := sizes[2] - 2*sizes[1]; d < -2 || d > 2 {
		t.Errorf("widths %d at scale 1 and %d at scale 2", sizes[1], sizes[2])
	}
	if code, _, stderr := run(t, "", "render", in, "-f", "pdf"); code != 0 {
		t.Fatalf("pdf: exit %d: %s", code, stderr)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "repair.pdf"))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("no PDF beside the input (err %v)", err)
	}
	// --check works on binary formats: the bytes are the same every time.
	if code, stdout, _ := run(t, "", "render", "--check", in, "-f", "pdf"); code != 0 {
		t.Errorf("pdf --check: exit %d, stdout %q", code, stdout)
	}
}
