package xdot

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"

	"git.sr.ht/~sbinet/gg"

	"gonum.org/v1/plot/vg/vgimg"
)

// Defaults for [PNGOptions].
const (
	// DefaultScale is two pixels per point (144 dpi): sharp on a projector.
	DefaultScale = 2
	// DefaultMaxPixels bounds the image to 64 million pixels (256 MB of
	// RGBA), enough for a 200-node cycle at scale 1.
	DefaultMaxPixels = 64_000_000
	// MinScale is the smallest scale PNG shrinks to by default (a 14-point label
	// becomes 7 pixels tall); a drawing that needs less is refused.
	MinScale = 0.5
)

// ErrTooLarge is returned (wrapped) when a drawing cannot be rasterised
// within PNGOptions.MaxPixels.
var ErrTooLarge = errors.New("drawing too large")

// PNGOptions controls rasterisation.
type PNGOptions struct {
	// Scale is pixels per point; 0 means DefaultScale. The effective
	// resolution is rounded down to a whole number of dots per inch.
	Scale float64
	// MaxPixels bounds width×height of the image; 0 means
	// DefaultMaxPixels. A drawing that would exceed it is scaled down to
	// fit, unless that takes the scale below MinScale or NoShrink is set;
	// then ErrTooLarge is returned and nothing is allocated.
	MaxPixels int64
	// NoShrink makes an oversized drawing an error instead of scaling it
	// down.
	NoShrink bool
	// MinScale is the smallest scale an oversized drawing shrinks to; 0
	// means the package's MinScale.
	MinScale float64
}

// Rasterize paints d on a white RGBA image, following opts (see
// [PNGOptions] for the size rules). Pixel (0,0) is the top-left corner of
// the page: BB grown by d.Pad. Characters the fonts lack are painted as
// [Replacement]; a fault while painting is returned as an error, never a
// panic.
func Rasterize(d *Drawing, opts PNGOptions) (*image.RGBA, error) {
	w, h := d.Size()
	if !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return nil, fmt.Errorf("xdot: empty drawing (%g×%g points)", w, h)
	}
	scale := opts.Scale
	if scale == 0 {
		scale = DefaultScale
	}
	if !(scale > 0 && scale <= 100) {
		return nil, fmt.Errorf("xdot: scale %g is not in (0, 100]", scale)
	}
	maxPx := opts.MaxPixels
	if maxPx == 0 {
		maxPx = DefaultMaxPixels
	}
	if maxPx < 0 {
		return nil, fmt.Errorf("xdot: negative MaxPixels %d", maxPx)
	}
	floor := opts.MinScale
	if floor == 0 {
		floor = MinScale
	}
	if !(floor > 0 && floor <= 100) {
		return nil, fmt.Errorf("xdot: minimum scale %g is not in (0, 100]", floor)
	}
	dpi := int(math.Floor(scale*72 + 1e-9))
	pixels := func(dpi int) (int, int) {
		return int(w/72*float64(dpi) + 0.5), int(h/72*float64(dpi) + 0.5)
	}
	pw, ph := pixels(dpi)
	if int64(pw)*int64(ph) > maxPx {
		if opts.NoShrink {
			return nil, fmt.Errorf("xdot: %d×%d pixels at scale %g exceeds %d: %w", pw, ph, scale, maxPx, ErrTooLarge)
		}
		fit := math.Sqrt(float64(maxPx) / (w * h))
		dpi = int(math.Floor(fit * 72))
		for dpi > 0 {
			if qw, qh := pixels(dpi); int64(qw)*int64(qh) <= maxPx {
				break
			}
			dpi--
		}
		if float64(dpi)/72 < floor {
			return nil, fmt.Errorf("xdot: %.0f×%.0f point drawing needs scale %.2f to fit %d pixels, below the minimum %g: %w",
				w, h, fit, maxPx, floor, ErrTooLarge)
		}
	}
	pw, ph = pixels(dpi)
	// Give vgimg the image and its context: left to itself it allocates
	// the image twice (gg copies it into its own).
	img := image.NewRGBA(image.Rect(0, 0, pw, ph))
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	c := &rgbaCanvas{
		Canvas: vgimg.NewWith(
			vgimg.UseImageWithContext(img, ctx),
			vgimg.UseDPI(dpi), // the background is white by default
		),
		img:   img,
		dpi:   float64(dpi),
		color: color.Black,
	}
	p := newPainter(c, d)
	if bg, at, ok := pageFill(d); ok && bg == (color.NRGBA{255, 255, 255, 255}) {
		p.filled = at // a white page: the background already painted it
	}
	if err := safely("png", func() error { p.paint(d); return nil }); err != nil {
		return nil, err
	}
	return img, nil
}

// PNG paints d and writes it to w as a PNG image (see [Rasterize]).
// Nothing is written when painting fails.
func PNG(d *Drawing, w io.Writer, opts PNGOptions) error {
	img, err := Rasterize(d, opts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := encodePNG(&buf, img); err != nil {
		return fmt.Errorf("xdot: encode png: %w", err)
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("xdot: write png: %w", err)
	}
	return nil
}
