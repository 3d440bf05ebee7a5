package testtool

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Luma is the brightness of c, 0 (black) to 255 (white).
func Luma(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 257
}

// InkFractions returns the fraction of pixels of img with any ink (luma
// below 245) and with dark ink (luma below 128).
func InkFractions(img image.Image) (ink, dark float64) {
	b := img.Bounds()
	var ni, nd int
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			l := Luma(img.At(x, y))
			if l < 245 {
				ni++
			}
			if l < 128 {
				nd++
			}
		}
	}
	n := float64(b.Dx() * b.Dy())
	return float64(ni) / n, float64(nd) / n
}

// svgFamily matches a font-family attribute such as
// "Helvetica,sans-Serif", capturing the first family.
var svgFamily = regexp.MustCompile(`font-family="([^",]+)[^"]*"`)

// liberation names the Liberation face that stands for a PostScript
// family, as the Go painter (render/xdot) maps them.
func liberation(family string) string {
	f := strings.ToLower(family)
	switch {
	case strings.Contains(f, "courier") || strings.Contains(f, "mono"):
		return "Liberation Mono"
	case strings.Contains(f, "times") || (strings.Contains(f, "serif") && !strings.Contains(f, "sans")):
		return "Liberation Serif"
	}
	return "Liberation Sans"
}

// Rsvg rasterises svg with librsvg's rsvg-convert (Debian librsvg2-bin,
// see Need) at dpi dots per inch on white, and decodes the result.
//
// Graphviz writes font-family="Helvetica,sans-Serif". Left alone,
// librsvg takes whatever fontconfig offers (DejaVu Sans for the generic
// family, or Nimbus Sans, which lacks ● and ○ and falls back to wider
// glyphs), so each family is replaced by the Liberation face ciclo's own
// painter uses (fonts-liberation; needed like a program, see Need): the
// reference then differs from ciclo's raster only by the rasteriser.
func Rsvg(t testing.TB, svg []byte, dpi int) image.Image {
	t.Helper()
	Need(t, "rsvg-convert", "librsvg2-bin")
	fcMatch := Need(t, "fc-match", "fontconfig")
	if out, err := exec.Command(fcMatch, "Liberation Sans").Output(); err != nil || !bytes.Contains(out, []byte("Liberation")) {
		if os.Getenv("CI") != "" {
			t.Fatalf("the Liberation fonts are needed under CI: apt-get install -y fonts-liberation (fc-match: %q)", out)
		}
		t.Skipf("skipping: the Liberation fonts are not installed (apt-get install -y fonts-liberation); under CI this test runs")
	}
	svg = svgFamily.ReplaceAllFunc(svg, func(m []byte) []byte {
		fam := svgFamily.FindSubmatch(m)[1]
		return []byte(`font-family="` + liberation(string(fam)) + `"`)
	})
	return RsvgAsIs(t, svg, dpi)
}

// SameInk compares a raster with librsvg's reference of the same drawing
// (see Rsvg): the sizes must agree within 2 pixels, and the fractions of
// inked and of dark pixels (InkFractions) within inkTol and darkTol,
// relative. A missing edge, outline or word moves them by 10% or more;
// text in another weight or face by about 5%.
func SameInk(t testing.TB, ours, ref image.Image, inkTol, darkTol float64) {
	t.Helper()
	a, b := ours.Bounds().Size(), ref.Bounds().Size()
	if d := a.Sub(b); d.X < -2 || d.X > 2 || d.Y < -2 || d.Y > 2 {
		t.Fatalf("sizes differ: ours %v, librsvg %v", a, b)
	}
	oi, od := InkFractions(ours)
	ti, td := InkFractions(ref)
	t.Logf("ink: ours %.4f librsvg %.4f; dark: ours %.4f librsvg %.4f", oi, ti, od, td)
	if math.Abs(oi-ti) > inkTol*ti {
		t.Errorf("ink fraction %.4f differs from librsvg's %.4f by more than %g%%", oi, ti, 100*inkTol)
	}
	if math.Abs(od-td) > darkTol*td {
		t.Errorf("dark fraction %.4f differs from librsvg's %.4f by more than %g%%", od, td, 100*darkTol)
	}
}

// RsvgAsIs is Rsvg without the font substitution: librsvg resolves the
// SVG's own font-family list through fontconfig, as a user's viewer
// would.
func RsvgAsIs(t testing.TB, svg []byte, dpi int) image.Image {
	t.Helper()
	rsvg := Need(t, "rsvg-convert", "librsvg2-bin")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.svg"), filepath.Join(dir, "out.png")
	if err := os.WriteFile(in, svg, 0o644); err != nil {
		t.Fatal(err)
	}
	d := []string{"-d", strconv.Itoa(dpi), "-p", strconv.Itoa(dpi)}
	cmd := exec.Command(rsvg, append(d, "-b", "white", "-o", out, in)...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rsvg-convert: %v\n%s", err, msg)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("rsvg-convert output: %v", err)
	}
	return img
}
