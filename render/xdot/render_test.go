package xdot_test

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/internal/testtool"
	"github.com/ciclo-dev/ciclo/render/xdot"
)

// toPixel returns the pixel of img (rasterised from d at scale pixels per
// point) that contains a Graphviz point.
func toPixel(d *xdot.Drawing, img image.Image, scale float64, p xdot.Point) (int, int) {
	x := (p.X - d.BB.Min.X + d.Pad.X) * scale
	y := float64(img.Bounds().Dy()) - (p.Y-d.BB.Min.Y+d.Pad.Y)*scale
	return int(math.Floor(x)), int(math.Floor(y))
}

// darkNear reports whether some pixel within r of (x, y) is darker than limit.
func darkNear(img image.Image, x, y, r int, limit float64) bool {
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			if testtool.Luma(img.At(x+dx, y+dy)) < limit {
				return true
			}
		}
	}
	return false
}

// whiteAround reports whether every pixel within r of (x, y) is pure white.
func whiteAround(img image.Image, x, y, r int) bool {
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			if c := color.RGBAModel.Convert(img.At(x+dx, y+dy)).(color.RGBA); c != (color.RGBA{255, 255, 255, 255}) {
				return false
			}
		}
	}
	return true
}

func bezierAt(p []xdot.Point, t float64) xdot.Point {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return xdot.Point{
		X: a*p[0].X + b*p[1].X + c*p[2].X + d*p[3].X,
		Y: a*p[0].Y + b*p[1].Y + c*p[2].Y + d*p[3].Y,
	}
}

func firstOp[T xdot.Op](t *testing.T, items []xdot.Item) T {
	t.Helper()
	for _, it := range items {
		for _, op := range it.Ops {
			if o, ok := op.(T); ok {
				return o
			}
		}
	}
	var zero T
	t.Fatalf("no %T in %d items", zero, len(items))
	return zero
}

// TestPNGPixels checks that what the xdot describes is on the image:
// every edge stroke, arrowhead and box outline, and white where nothing is.
func TestPNGPixels(t *testing.T) {
	d, _ := cycleDrawing(t)
	const scale = 2
	img, err := xdot.Rasterize(d, xdot.PNGOptions{Scale: scale})
	if err != nil {
		t.Fatal(err)
	}
	w, h := d.Size()
	if got := img.Bounds().Size(); got != image.Pt(int(w*scale+0.5), int(h*scale+0.5)) {
		t.Fatalf("image %v for a %gx%g point page", got, w, h)
	}
	const n = 12
	edges, outlines, heads := 0, 0, 0
	var centres []xdot.Point
	for i := range n {
		// Edge strokes (#333333) at the middle of each spline, dashed one included.
		name := fmt.Sprintf("m%d->m%d", i, (i+1)%n)
		sp := firstOp[xdot.Bezier](t, d.Find("edge", name, "_draw_"))
		k := (len(sp.Points) - 1) / 3 / 2 * 3
		mid := bezierAt(sp.Points[k:k+4], 0.5)
		x, y := toPixel(d, img, scale, mid)
		if !darkNear(img, x, y, 3, 110) {
			t.Errorf("edge %s: no stroke near pixel (%d,%d)", name, x, y)
		} else {
			edges++
		}
		// Arrowheads: the filled polygon's centroid is dark.
		ah := firstOp[xdot.Polygon](t, d.Find("edge", name, "_hdraw_"))
		var c xdot.Point
		for _, p := range ah.Points {
			c.X += p.X / float64(len(ah.Points))
			c.Y += p.Y / float64(len(ah.Points))
		}
		if x, y := toPixel(d, img, scale, c); !darkNear(img, x, y, 1, 110) {
			t.Errorf("edge %s: no arrowhead at pixel (%d,%d)", name, x, y)
		} else {
			heads++
		}
		// Box outlines (#1f3a5f) at every on-curve point of the rounded box.
		node := fmt.Sprintf("m%d", i)
		box := firstOp[xdot.Bezier](t, d.Find("node", node, "_draw_"))
		var ctr xdot.Point
		for j := 0; j < len(box.Points); j += 3 {
			x, y := toPixel(d, img, scale, box.Points[j])
			if !darkNear(img, x, y, 2, 100) {
				t.Errorf("node %s: no outline near pixel (%d,%d)", node, x, y)
			} else {
				outlines++
			}
			ctr.X += box.Points[j].X / float64(len(box.Points)/3+1)
			ctr.Y += box.Points[j].Y / float64(len(box.Points)/3+1)
		}
		centres = append(centres, ctr)
	}
	t.Logf("checked %d edge strokes, %d arrowheads, %d outline points", edges, heads, outlines)

	// Nothing is drawn between the circle's centre and each node, nor in
	// the page corners.
	centre := firstOp[xdot.Text](t, d.Find("node", "center", "_ldraw_")).Pos
	for i, m := range centres {
		p := xdot.Point{X: centre.X + 0.55*(m.X-centre.X), Y: centre.Y + 0.55*(m.Y-centre.Y)}
		if x, y := toPixel(d, img, scale, p); !whiteAround(img, x, y, 4) {
			t.Errorf("spoke %d: ink at empty pixel (%d,%d)", i, x, y)
		}
	}
	b := img.Bounds()
	for _, p := range []image.Point{{3, 3}, {b.Dx() - 4, 3}, {3, b.Dy() - 4}, {b.Dx() - 4, b.Dy() - 4}} {
		if !whiteAround(img, p.X, p.Y, 3) {
			t.Errorf("corner %v is not white", p)
		}
	}
}

// TestInkMatchesLibrsvg compares our PNG with librsvg's rasterisation of
// Graphviz's own SVG of the same graph at the same scale.
func TestInkMatchesLibrsvg(t *testing.T) {
	d, out := cycleDrawing(t)
	ours, err := xdot.Rasterize(d, xdot.PNGOptions{Scale: 2})
	if err != nil {
		t.Fatal(err)
	}
	theirs := testtool.Rsvg(t, out["svg"], 144) // 144 dpi is 2 pixels per point
	testtool.SameInk(t, ours, theirs, 0.03, 0.05)
}

// TestPDFText checks that every label word is real text in the PDF,
// accents included, and that the fonts are embedded.
func TestPDFText(t *testing.T) {
	d, _ := cycleDrawing(t)
	var buf bytes.Buffer
	if err := xdot.PDF(d, &buf); err != nil {
		t.Fatal(err)
	}
	text := testtool.PDFText(t, buf.Bytes())
	for _, w := range cycleWords {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text lacks %q; text is:\n%s", w, text)
		}
	}
	for _, face := range []string{"LiberationSans-Regular", "LiberationSansBold-Regular", "LiberationSerif-Regular"} {
		if !bytes.Contains(buf.Bytes(), []byte("/FontFile2")) || !bytes.Contains(bytes.ToLower(buf.Bytes()), []byte(strings.ToLower(face))) {
			t.Errorf("PDF does not embed %s", face)
		}
	}
	if bytes.Contains(buf.Bytes(), []byte("/Subtype /Image")) {
		t.Error("PDF contains a raster image; want vectors only")
	}
}

// TestDeterministic renders twice, from two separate reads of the xdot,
// and wants the same bytes; the PDF carries no current date.
func TestDeterministic(t *testing.T) {
	_, out := cycleDrawing(t)
	render := func() (pngB, pdfB []byte) {
		d, err := xdot.FromXDOT(out["xdot"])
		if err != nil {
			t.Fatal(err)
		}
		var a, b bytes.Buffer
		if err := xdot.PNG(d, &a, xdot.PNGOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := xdot.PDF(d, &b); err != nil {
			t.Fatal(err)
		}
		return a.Bytes(), b.Bytes()
	}
	png1, pdf1 := render()
	png2, pdf2 := render()
	if !bytes.Equal(png1, png2) {
		t.Error("PNG bytes differ between renders")
	}
	if !bytes.Equal(pdf1, pdf2) {
		t.Error("PDF bytes differ between renders")
	}
	if !bytes.Contains(pdf1, []byte("/CreationDate (D:20000101000000)")) {
		t.Error("PDF creation date is not pinned")
	}
}

func TestPNGSizeLimits(t *testing.T) {
	d, _ := cycleDrawing(t)
	w, h := d.Size()

	// Shrinks to fit.
	img, err := xdot.Rasterize(d, xdot.PNGOptions{MaxPixels: 200_000})
	if err != nil {
		t.Fatal(err)
	}
	sz := img.Bounds().Size()
	if px := sz.X * sz.Y; px > 200_000 || px < 150_000 {
		t.Errorf("shrunk image %v has %d pixels, want at most 200000 and close to it", sz, px)
	}
	if math.Abs(float64(sz.X)/float64(sz.Y)-w/h) > 0.01 {
		t.Errorf("shrunk image %v lost the %gx%g aspect", sz, w, h)
	}

	// Refuses when shrinking is off or would go below MinScale.
	for _, o := range []xdot.PNGOptions{{MaxPixels: 200_000, NoShrink: true}, {MaxPixels: 50_000}} {
		_, err := xdot.Rasterize(d, o)
		if !errors.Is(err, xdot.ErrTooLarge) {
			t.Errorf("Rasterize(%+v) = %v, want ErrTooLarge", o, err)
		}
	}
	var buf bytes.Buffer
	if err := xdot.PNG(d, &buf, xdot.PNGOptions{MaxPixels: 50_000}); err == nil || buf.Len() != 0 {
		t.Errorf("PNG over the limit: err %v, wrote %d bytes", err, buf.Len())
	}

	// Bad options and empty drawings.
	for _, o := range []xdot.PNGOptions{{Scale: -1}, {Scale: math.NaN()}, {Scale: 1000}, {MaxPixels: -5}} {
		if _, err := xdot.Rasterize(d, o); err == nil {
			t.Errorf("Rasterize(%+v) succeeded", o)
		}
	}
	empty := &xdot.Drawing{}
	if _, err := xdot.Rasterize(empty, xdot.PNGOptions{}); err == nil {
		t.Error("Rasterize of an empty drawing succeeded")
	}
	if err := xdot.PDF(empty, &buf); err == nil || buf.Len() != 0 {
		t.Errorf("PDF of an empty drawing: err %v, wrote %d bytes", err, buf.Len())
	}
}

// TestStylesPainted checks line styles, ellipses, transparency and text
// decorations on a hand-written drawing.
func TestStylesPainted(t *testing.T) {
	ops := func(s string) []xdot.Op {
		o, err := xdot.ParseOps(s)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	d := &xdot.Drawing{
		BB: xdot.Rect{Max: xdot.Point{X: 200, Y: 100}},
		Items: []xdot.Item{
			{Ops: ops("S 15 -setlinewidth(4) c 7 -#ff0000 L 2 10 10 190 10")},     // thick red line at y=10
			{Ops: ops("c 7 -#0000ff S 6 -dashed L 2 10 50.5 190 50.5")},           // dashed blue at y=50.5
			{Ops: ops("c 9 -#00000000 C 7 -#00ff00 E 100 80 10 10")},              // green disc, no outline
			{Ops: ops("S 5 -invis c 7 -#000000 P 3 150 70 160 90 170 70")},        // invisible
			{Ops: ops("F 12 9 -Helvetica c 7 -#000000 t 4 T 30 70 -1 20 3 -abc")}, // underlined text
			{Ops: ops("c 7 -#000000 S 4 -bold p 4 180 60 195 60 195 95 180 95 ")}, // thick outline only
		},
	}
	img, err := xdot.Rasterize(d, xdot.PNGOptions{Scale: 1})
	if err != nil {
		t.Fatal(err)
	}
	at := func(x, y float64) color.RGBA {
		px, py := toPixel(d, img, 1, xdot.Point{X: x, Y: y})
		return color.RGBAModel.Convert(img.At(px, py)).(color.RGBA)
	}
	if c := at(100, 11); c.R < 200 || c.G > 60 {
		t.Errorf("thick red line: %v", c)
	}
	blue, gaps := 0, 0
	for x := 20.0; x < 40; x++ {
		if c := at(x, 50.5); c.B > 200 && c.R < 100 {
			blue++
		} else if c == (color.RGBA{255, 255, 255, 255}) {
			gaps++
		}
	}
	if blue < 10 || gaps < 3 {
		t.Errorf("dashed line: %d blue, %d gap pixels of 20", blue, gaps)
	}
	if c := at(100, 80); c.G < 200 || c.R > 60 {
		t.Errorf("green disc: %v", c)
	}
	if c := at(108.5, 80); c.G < 200 || c.R > 60 {
		t.Errorf("disc edge should be green (transparent pen): %v", c)
	}
	if c := at(160, 76); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("invisible polygon painted: %v", c)
	}
	if c := at(187, 75); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("unfilled polygon filled: %v", c)
	}
	if c := at(195, 75); testtool.Luma(c) > 100 {
		t.Errorf("bold outline missing: %v", c)
	}
	under := 0
	for x := 31.0; x < 48; x++ {
		if testtool.Luma(at(x, 68.8)) < 160 {
			under++
		}
	}
	if under < 12 {
		t.Errorf("underline: %d dark pixels of 17", under)
	}
}
