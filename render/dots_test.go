package render

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"

	"github.com/ciclo-dev/ciclo/internal/testtool"
	"github.com/ciclo-dev/ciclo/render/draw"
)

func TestDotFills(t *testing.T) {
	got := dotFills(340, 5)
	want := []float64{1, 1, 1, 0.4, 0}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Fatalf("dotFills(3.40, 5) = %v, want %v", got, want)
		}
	}
	if got := dotFills(1000, 5); got[4] != 1 {
		t.Errorf("a score above the scale fills every dot: %v", got)
	}
}

// TestDecimalDotsModel checks the clock face of testdata/decimals.yaml
// carries one Dot marker per point of the scale, filled as the score
// says, inside its moment's box, on an auto page and a named one.
func TestDecimalDotsModel(t *testing.T) {
	a := load(t, "testdata/decimals.yaml")
	for _, page := range []string{"auto", "slide"} {
		d, _, err := ViewDrawing(a, Options{Page: page})
		if err != nil {
			t.Fatal(err)
		}
		boxes, dots := map[string]draw.Rect{}, map[string]*draw.Marker{}
		d.Each(func(it draw.Item) {
			switch v := it.(type) {
			case *draw.Box:
				boxes[v.ID] = v.Rect
			case *draw.Marker:
				dots[v.ID] = v
			}
		})
		if len(dots) != 5*len(a.Moments) {
			t.Fatalf("%s: %d dots, want %d", page, len(dots), 5*len(a.Moments))
		}
		m := dots["dot-arrive-4"]
		if m == nil || m.Kind != draw.Dot || math.Abs(m.Fill-0.4) > 1e-9 || dots["dot-arrive-5"].Fill != 0 || dots["dot-arrive-3"].Fill != 1 {
			t.Fatalf("%s: the dots of 3.4/5 are not filled 1, 1, 1, 0.4, 0", page)
		}
		box := boxes["moment-arrive"]
		if b := m.Bounds(); b.Min().X < box.Min().X || b.Max().X > box.Max().X || b.Min().Y < box.Min().Y || b.Max().Y > box.Max().Y {
			t.Errorf("%s: dot %v outside its box %v", page, b, box)
		}
	}
}

// dotInk is the share of the inner disc of marker m (a radius of 0.6 of
// the dot's, clear of its outline) that is inked in img, where a point
// of the drawing maps to pixels by toPx.
func dotInk(img image.Image, m *draw.Marker, toPx func(draw.Pt) (float64, float64)) float64 {
	cx, cy := toPx(m.At)
	ex, _ := toPx(draw.Pt{X: m.At.X + m.Size/2, Y: m.At.Y})
	r := 0.6 * (ex - cx)
	var in, ink int
	for y := int(cy - r); y <= int(cy+r)+1; y++ {
		for x := int(cx - r); x <= int(cx+r)+1; x++ {
			if math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy) > r {
				continue
			}
			in++
			if testtool.Luma(img.At(x, y)) < 128 {
				ink++
			}
		}
	}
	if in == 0 {
		return 0
	}
	return float64(ink) / float64(in)
}

// checkDotInk checks the dots of 3.4/5 in a raster of the decimals
// fixture: the 4th inked in proportion, the 5th not at all.
func checkDotInk(t *testing.T, what string, img image.Image, d *draw.Drawing) {
	t.Helper()
	dots := map[string]*draw.Marker{}
	d.Each(func(it draw.Item) {
		if m, ok := it.(*draw.Marker); ok {
			dots[m.ID] = m
		}
	})
	sx := float64(img.Bounds().Dx()) / d.Page.W
	sy := float64(img.Bounds().Dy()) / d.Page.H
	lo := d.Page.Min()
	toPx := func(p draw.Pt) (float64, float64) {
		return (p.X - lo.X) * sx, float64(img.Bounds().Dy()) - (p.Y-lo.Y)*sy
	}
	full := dotInk(img, dots["dot-arrive-3"], toPx)
	part := dotInk(img, dots["dot-arrive-4"], toPx)
	empty := dotInk(img, dots["dot-arrive-5"], toPx)
	if full < 0.9 {
		t.Fatalf("%s: a full dot is %.2f inked", what, full)
	}
	if f := part / full; f < 0.2 || f > 0.6 {
		t.Errorf("%s: the 4th dot of 3.4/5 is %.2f of a full one, want 0.2 to 0.6", what, f)
	}
	if empty > 0.02 {
		t.Errorf("%s: the empty 5th dot of 3.4/5 is %.2f inked", what, empty)
	}
	t.Logf("%s: full %.2f, 3.4's 4th %.2f, empty %.2f", what, full, part, empty)
}

func TestDecimalDotsPNG(t *testing.T) {
	a := load(t, "testdata/decimals.yaml")
	for _, page := range []string{"auto", "slide"} {
		opts := Options{Format: FormatPNG, Scale: 3, Page: page}
		b, err := Render(context.Background(), a, opts)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		d, _, err := ViewDrawing(a, opts)
		if err != nil {
			t.Fatal(err)
		}
		checkDotInk(t, "PNG "+page, img, d)
	}
}

func TestDecimalDotsPDF(t *testing.T) {
	pdftoppm := testtool.Need(t, "pdftoppm", "poppler-utils")
	a := load(t, "testdata/decimals.yaml")
	opts := Options{Format: FormatPDF}
	b, err := Render(context.Background(), a, opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "dots.pdf")
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pdftoppm, "-png", "-r", "288", "-singlefile", in, filepath.Join(dir, "dots")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "dots.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := ViewDrawing(a, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkDotInk(t, "PDF", img, d)
}

// TestWholeScoresKeepGlyphDots: a cycle whose performances are all whole
// numbers draws its dots as one text run per moment, not as markers
// (one Graphviz node each, which doubled the layout of 1000 moments); one
// decimal score anywhere turns every moment's dots into markers.
func TestWholeScoresKeepGlyphDots(t *testing.T) {
	whole := load(t, "../examples/airline.yaml")
	dot, err := DOT(whole, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(dot), "performance-dot") || !strings.Contains(string(dot), "●●●●●●●○○○") {
		t.Errorf("whole scores: want the glyph row and no dot markers")
	}
	dec := load(t, "testdata/decimals.yaml")
	dot, err = DOT(dec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(dot), "\n") {
		if strings.Contains(line, `class="moment`) && strings.Contains(line, "●") {
			t.Errorf("decimal scores: every moment's dots should be markers, found a glyph row in %.80s", line)
		}
	}
	if n, want := strings.Count(string(dot), `class="performance-dot"`), scoredDots(dec); n != want {
		t.Errorf("decimal scores: %d dot markers, want %d (one per scale point of each scored moment)", n, want)
	}
}

// scoredDots is the number of dot markers a cycle with decimal scores
// draws: one per point of the scale for each scored moment.
func scoredDots(a *cycle.Analysis) int {
	n := 0
	for _, m := range a.Moments {
		if !m.Performance.IsZero() {
			n += a.Cycle.Scale
		}
	}
	return n
}
