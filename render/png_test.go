package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/internal/testtool"
	"github.com/ciclo-dev/ciclo/render/xdot"
)

// examples are the cycle files of ../examples.
func examples(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob("../examples/*.yaml")
	if len(files) < 5 {
		t.Fatalf("expected the examples under ../examples, found %d", len(files))
	}
	return files
}

// raster renders file as PNG with opts and decodes it, together with the
// xdot of the same layout.
func raster(t *testing.T, file string, opts Options) (image.Image, *xdot.Drawing) {
	t.Helper()
	a := load(t, file)
	opts.Format = FormatPNG
	b, err := Render(context.Background(), a, opts)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the PNG does not decode: %v", err)
	}
	opts.Format = FormatXDOT
	xd, err := Render(context.Background(), a, opts)
	if err != nil {
		t.Fatal(err)
	}
	d, err := xdot.FromXDOT(xd)
	if err != nil {
		t.Fatal(err)
	}
	// the page is the drawing's exactly, as Write paints it
	o, err := checkInput(a, opts)
	if err != nil {
		t.Fatal(err)
	}
	page := views[o.View](a, o).Page
	d.BB, d.Pad = xdot.Rect{Max: xdot.Point{X: page.W, Y: page.H}}, xdot.Point{}
	return img, d
}

// pixelOf maps a Graphviz point (y up) to the pixel of img that contains
// it: page offset by the pad, scaled, y flipped.
func pixelOf(d *xdot.Drawing, img image.Image, scale float64, p xdot.Point) image.Point {
	x := (p.X - d.BB.Min.X + d.Pad.X) * scale
	y := float64(img.Bounds().Dy()) - (p.Y-d.BB.Min.Y+d.Pad.Y)*scale
	return image.Pt(int(math.Floor(x)), int(math.Floor(y)))
}

// inkIn reports whether a pixel of img in r (inclusive) is painted at
// least half-way from white towards the pen colour c: on the white page
// or the pale fills, only a stroke or glyph of c, or of a darker colour,
// makes such a pixel.
func inkIn(img image.Image, r image.Rectangle, c color.NRGBA) bool {
	limit := (255 + testtool.Luma(c)) / 2
	for y := r.Min.Y; y <= r.Max.Y; y++ {
		for x := r.Min.X; x <= r.Max.X; x++ {
			if testtool.Luma(img.At(x, y)) <= limit {
				return true
			}
		}
	}
	return false
}

// probe is a place where the layout says a stroke or a word of a given
// colour is drawn.
type probe struct {
	what string
	at   xdot.Point
	pen  color.NRGBA
	r    float64   // search radius in points around at
	box  xdot.Rect // for words: search this box instead
}

// hull is the bounding box of pts.
func hull(pts []xdot.Point) xdot.Rect {
	lo, hi := pts[0], pts[0]
	for _, q := range pts {
		lo.X, lo.Y = min(lo.X, q.X), min(lo.Y, q.Y)
		hi.X, hi.Y = max(hi.X, q.X), max(hi.Y, q.Y)
	}
	return xdot.Rect{Min: lo, Max: hi}
}

// probes lists, from the xdot, a point on every visible stroke of every
// node, edge and arrowhead (polygon corners, on-curve Bézier points,
// spline middles, ellipse extremes) and the middle of every word, with
// the pen colour it is drawn in. It also returns the boxes of everything
// drawn, for finding empty places.
func probes(d *xdot.Drawing) (out []probe, boxes []xdot.Rect) {
	for _, it := range d.Items {
		if it.Kind == "graph" && it.Attr == "_draw_" {
			continue // the page background
		}
		pen := color.NRGBA{0, 0, 0, 255}
		invis, dashed := false, false
		var size float64 = 14
		add := func(what string, r float64, pts ...xdot.Point) {
			box := hull(pts)
			boxes = append(boxes, box)
			if invis || pen.A == 0 {
				return
			}
			name := fmt.Sprintf("%s %q %s %s", it.Kind, it.Name, it.Attr, what)
			switch what {
			case "spline":
				out = append(out, probe{what: name, at: pts[0], pen: pen, r: r})
			case "text":
				out = append(out, probe{what: name, box: box, pen: pen})
			default:
				for _, q := range pts {
					out = append(out, probe{what: name, at: q, pen: pen, r: r})
				}
			}
		}
		for _, op := range it.Ops {
			switch o := op.(type) {
			case xdot.PenColor:
				pen = o.Color
			case xdot.Style:
				invis = invis || strings.Contains(o.Spec, "invis")
				dashed = strings.Contains(o.Spec, "dashed") || strings.Contains(o.Spec, "dotted")
			case xdot.Font:
				size = o.Size
			case xdot.Polygon:
				add("polygon", 1.5, o.Points...)
			case xdot.Polyline:
				add("polyline", 1.5, o.Points...)
			case xdot.Ellipse:
				c := o.Center
				add("ellipse", 1.5, xdot.Point{X: c.X - o.RX, Y: c.Y}, xdot.Point{X: c.X + o.RX, Y: c.Y},
					xdot.Point{X: c.X, Y: c.Y - o.RY}, xdot.Point{X: c.X, Y: c.Y + o.RY})
			case xdot.Bezier:
				if it.Kind == "edge" {
					// the middle of the middle segment of the spline
					k := (len(o.Points) - 1) / 3 / 2 * 3
					mid := bezierPoint(o.Points[k:k+4], 0.5)
					for j := 0; j+3 < len(o.Points); j += 3 {
						boxes = append(boxes, hull(o.Points[j:j+4]))
					}
					r := 1.5
					if dashed {
						r = 4 // half a dash period: a gap is never wider
					}
					add("spline", r, mid)
					continue
				}
				var on []xdot.Point
				for j := 0; j < len(o.Points); j += 3 {
					on = append(on, o.Points[j])
				}
				add("outline", 1.5, on...)
			case xdot.Text:
				if strings.TrimSpace(o.Text) == "" {
					continue
				}
				x0 := o.Pos.X - o.Width/2
				switch o.Align {
				case xdot.AlignLeft:
					x0 = o.Pos.X
				case xdot.AlignRight:
					x0 = o.Pos.X - o.Width
				}
				// the box from the baseline to the x-height
				add("text", 0.25*size, xdot.Point{X: x0, Y: o.Pos.Y}, xdot.Point{X: x0 + o.Width, Y: o.Pos.Y + 0.5*size})
			}
		}
	}
	return out, boxes
}

func bezierPoint(p []xdot.Point, t float64) xdot.Point {
	u := 1 - t
	a, b, c, e := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return xdot.Point{X: a*p[0].X + b*p[1].X + c*p[2].X + e*p[3].X, Y: a*p[0].Y + b*p[1].Y + c*p[2].Y + e*p[3].Y}
}

// TestPNGShowsTheLayout rasterises every example and finds, at the pixels
// of every stroke and word the layout places (read from the xdot of the
// same render), ink of the stroke's colour; and pure white wherever the
// layout draws nothing.
func TestPNGShowsTheLayout(t *testing.T) {
	for _, file := range examples(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			const scale = 2
			img, d := raster(t, file, Options{Scale: scale})
			w, h := d.Size()
			if got := img.Bounds().Size(); got != image.Pt(int(w*scale+0.5), int(h*scale+0.5)) {
				t.Fatalf("image %v for a %g×%g point page at scale %d", got, w, h, scale)
			}
			ps, boxes := probes(d)
			kinds := map[string]int{}
			for _, p := range ps {
				var r image.Rectangle
				if p.box != (xdot.Rect{}) {
					// y flips: the box's top-left pixel comes from Min.X, Max.Y
					r = image.Rectangle{
						Min: pixelOf(d, img, scale, xdot.Point{X: p.box.Min.X, Y: p.box.Max.Y}),
						Max: pixelOf(d, img, scale, xdot.Point{X: p.box.Max.X, Y: p.box.Min.Y}),
					}
				} else {
					at, k := pixelOf(d, img, scale, p.at), int(math.Ceil(p.r*scale))
					r = image.Rect(at.X-k, at.Y-k, at.X+k, at.Y+k)
				}
				if !inkIn(img, r, p.pen) {
					t.Errorf("%s: no ink of %v in pixels %v", p.what, p.pen, r)
					continue
				}
				kinds[p.what[strings.LastIndexByte(p.what, ' ')+1:]]++
			}
			t.Logf("found %v", kinds)
			for _, k := range []string{"outline", "polygon", "spline", "text"} {
				if kinds[k] == 0 {
					t.Errorf("no %s probed: the layout has changed, or this test lost its way", k)
				}
			}
			// White where nothing is: grid points 12 points clear of every
			// shape and word.
			white, checked := color.NRGBA{255, 255, 255, 255}, 0
			for y := d.BB.Min.Y - d.Pad.Y + 3; y < d.BB.Max.Y+d.Pad.Y-3; y += 23 {
				for x := d.BB.Min.X - d.Pad.X + 3; x < d.BB.Max.X+d.Pad.X-3; x += 23 {
					clear := true
					for _, b := range boxes {
						if x > b.Min.X-12 && x < b.Max.X+12 && y > b.Min.Y-12 && y < b.Max.Y+12 {
							clear = false
							break
						}
					}
					if !clear {
						continue
					}
					checked++
					at := pixelOf(d, img, scale, xdot.Point{X: x, Y: y})
					for dy := -2; dy <= 2; dy++ {
						for dx := -2; dx <= 2; dx++ {
							if c := color.NRGBAModel.Convert(img.At(at.X+dx, at.Y+dy)); c != white {
								t.Fatalf("pixel %v near empty point (%g,%g) is %v, want white", at.Add(image.Pt(dx, dy)), x, y, c)
							}
						}
					}
				}
			}
			if checked < 50 {
				t.Errorf("only %d empty places checked", checked)
			}
		})
	}
}

// TestPNGInkMatchesLibrsvg rasterises ciclo's own SVG of every example
// with librsvg at the same scale, and wants the same amount of ink (any
// and dark) within a few percent: a missing edge, outline, marker or
// legend line, or text in another weight or face, moves it by more.
func TestPNGInkMatchesLibrsvg(t *testing.T) {
	testtool.Need(t, "rsvg-convert", "librsvg2-bin")
	for _, file := range examples(t) {
		for _, theme := range Themes {
			t.Run(filepath.Base(file)+"/"+theme, func(t *testing.T) {
				ours, _ := raster(t, file, Options{Theme: theme, Scale: 2})
				svg, err := Render(context.Background(), load(t, file), Options{Theme: theme})
				if err != nil {
					t.Fatal(err)
				}
				theirs := testtool.Rsvg(t, svg, 144) // 144 dpi: 2 pixels per point
				testtool.SameInk(t, ours, theirs, 0.02, 0.05)
			})
		}
	}
}

// TestPDFHasEveryMomentName extracts the text of the PDF of every example
// and finds every moment's name (accents included), the title and the
// legend heading, as real text in embedded fonts.
func TestPDFHasEveryMomentName(t *testing.T) {
	for _, file := range examples(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			a := load(t, file)
			b, err := Render(context.Background(), a, Options{Format: FormatPDF})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/FontFile2")) {
				t.Fatal("not a PDF with embedded TrueType fonts")
			}
			// Names are wrapped over lines, one text operator each: compare
			// word sequences.
			text := strings.Join(strings.Fields(testtool.PDFText(t, b)), " ")
			words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
			for _, m := range a.Moments {
				if !strings.Contains(text, words(m.Name)) {
					t.Errorf("moment %s: name %q is not in the PDF text", m.ID, m.Name)
				}
			}
			lang := a.Cycle.Language
			if lang == "" {
				lang = "en"
			}
			if leg := vocabulary[lang].Legend; !strings.Contains(text, leg) {
				t.Errorf("legend heading %q is not in the PDF text", leg)
			}
			if strings.ContainsRune(text, '\uFFFD') {
				t.Error("the PDF text has replacement characters")
			}
		})
	}
}

// TestPNGPDFDeterministic renders the same input twice, and concurrently,
// and wants the same bytes each time.
func TestPNGPDFDeterministic(t *testing.T) {
	a := load(t, "../examples/garantia.yaml")
	for _, f := range []Format{FormatPNG, FormatPDF} {
		want, err := Render(context.Background(), a, Options{Format: f, Theme: "contrast"})
		if err != nil {
			t.Fatal(err)
		}
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				got, err := Render(context.Background(), load(t, "../examples/garantia.yaml"), Options{Format: f, Theme: "contrast"})
				if err == nil && !bytes.Equal(got, want) {
					err = fmt.Errorf("%s differs between renders", f)
				}
				errs <- err
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
	}
}

// TestPNGScale checks that Scale sets pixels per point, and that a
// diagram over the pixel budget shrinks to fit it, down to MinScale,
// below which the error wraps ErrTooLarge and names the way out.
func TestPNGScale(t *testing.T) {
	file := "testdata/repair12.yaml"
	one, d := raster(t, file, Options{Scale: 1})
	three, _ := raster(t, file, Options{Scale: 3})
	w, h := d.Size()
	if got := one.Bounds().Size(); got != image.Pt(int(w+0.5), int(h+0.5)) {
		t.Errorf("scale 1: %v for %g×%g points", got, w, h)
	}
	if got := three.Bounds().Size(); got != image.Pt(int(3*w+0.5), int(3*h+0.5)) {
		t.Errorf("scale 3: %v for %g×%g points", got, w, h)
	}

	defer func(old int64) { maxPixels = old }(maxPixels)
	maxPixels = int64(w * h) // fits at scale 1, not at 3
	shrunk, _ := raster(t, file, Options{Scale: 3})
	if s := shrunk.Bounds().Size(); int64(s.X)*int64(s.Y) > maxPixels || float64(s.X) < 0.95*w {
		t.Errorf("shrunk to %v: want at most %d pixels, close to %g×%g", s, maxPixels, w, h)
	}
	maxPixels = int64(w * h * ShrinkScale * ShrinkScale * 0.9) // not even at ShrinkScale
	_, err := Render(context.Background(), load(t, file), Options{Format: FormatPNG})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "svg or pdf") {
		t.Errorf("got %v, want ErrTooLarge naming svg or pdf", err)
	}
}

// TestLargeCycle draws 600 moments: too large for PNG even as an
// overview (ErrTooLarge, quickly, with no huge allocation), while the PDF
// page is scaled down under the 200-inch limit and keeps all its text.
func TestLargeCycle(t *testing.T) {
	a := analyse(t, "large.yaml", genCycle(600, 600))
	_, err := Render(context.Background(), a, Options{Format: FormatPNG, Scale: MaxScale})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("png: got %v, want ErrTooLarge", err)
	}
	t.Log(err)
	b, err := Render(context.Background(), a, Options{Format: FormatPDF})
	if err != nil {
		t.Fatal(err)
	}
	text := testtool.PDFText(t, b)
	for _, m := range a.Moments[:20] {
		for _, w := range strings.Fields(m.Name) {
			if !strings.Contains(text, w) {
				t.Errorf("moment %s: %q is not in the PDF text", m.ID, w)
			}
		}
	}
	if !bytes.Contains(b, []byte("/MediaBox [0 0 14400")) && !bytes.Contains(b, []byte(" 14400.00]")) {
		i := bytes.Index(b, []byte("/MediaBox"))
		t.Errorf("page not scaled to the 14400-point limit: %s", b[i:min(i+60, len(b))])
	}
}
