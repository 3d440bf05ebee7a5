package render

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/internal/msg"
	"github.com/ciclo-dev/ciclo/render/draw"
	"github.com/ciclo-dev/ciclo/render/xdot"
)

// Format is an output format.
type Format string

// The output formats. SVG, DOT and XDOT come from Graphviz; PNG and PDF
// are painted in pure Go (package render/xdot) from the XDOT of the same
// layout, so they show exactly what the SVG shows.
const (
	FormatSVG Format = "svg"
	// FormatDOT is the DOT text ciclo builds, with every position pinned: the
	// input Graphviz lays out.
	FormatDOT Format = "dot"
	// FormatXDOT is the laid-out graph with Graphviz's drawing operations
	// (_draw_, _ldraw_, ...), for renderers of other formats.
	FormatXDOT Format = "xdot"
	// FormatPNG is a raster image, Options.Scale pixels per point.
	FormatPNG Format = "png"
	// FormatPDF is a one-page vector PDF with embedded fonts.
	FormatPDF Format = "pdf"
)

// Limits of Options.Scale, in PNG pixels per point.
const (
	// DefaultScale is the PNG scale when Options.Scale is 0: two pixels
	// per point (144 dpi), sharp on a projector.
	DefaultScale = xdot.DefaultScale
	// MinScale is the smallest scale one may ask for: a 9-point owner
	// line becomes 4.5 pixels tall, still legible.
	MinScale = xdot.MinScale
	// ShrinkScale is the smallest scale a PNG too large for MaxPixels is
	// shrunk to, whatever was asked: the picture of a cycle of a few
	// hundred moments is then an overview (boxes, arrows and critical
	// marks show; words need the SVG or PDF). Below it the PNG is refused
	// with ErrTooLarge.
	ShrinkScale = 0.25
	// MaxScale is the largest scale accepted.
	MaxScale = 8
	// MaxPixels bounds the width × height of a PNG: 64 million pixels,
	// 256 MB of RGBA, whatever Options.Scale asks for. A 200-moment cycle
	// (190 to 260 inches across) fits at scale 0.4 to 0.6.
	MaxPixels = 64_000_000
)

// Formats lists the formats a user may ask for, in help order.
var Formats = []Format{FormatSVG, FormatPNG, FormatPDF, FormatDOT}

// Themes lists the colour themes: default; print, greyscale-safe for
// black-and-white printing; contrast, a colour-blind-safe palette
// (Okabe-Ito).
var Themes = []string{"default", "print", "contrast"}

// Views lists the diagram views; only the cycle view exists so far.
var Views = []string{"cycle"}

// Options choose what Render draws and how.
type Options struct {
	Format Format // svg (default), png, pdf, dot or xdot
	Theme  string // one of Themes; "" is default
	Lang   string // "en" or "es"; "" follows the cycle's language
	View   string // one of Views; "" is cycle
	// Scale is the PNG resolution in pixels per point (1/72 inch), from
	// MinScale to MaxScale; 0 means DefaultScale. A diagram that would
	// exceed MaxPixels is drawn at the largest scale that fits. Other
	// formats ignore it.
	Scale float64
	// Page is the page the diagram is laid out for: "auto" (or "", the
	// drawing sized to its content) or one of draw.Papers (a4, a3,
	// letter, slide). On a named page PNG has 96 × Scale pixels per inch
	// and PDF is the paper's size exactly.
	Page string
	// Orientation is "auto" (or ""), "portrait" or "landscape": the way a
	// named page is turned; auto picks the one the diagram fits better.
	Orientation string
}

// ErrUnsupported is returned for a format, theme, language or view that
// this package does not draw; callers treat it as the user's misuse.
var ErrUnsupported = errors.New("unsupported")

// unsupportedError is an ErrUnsupported whose text is only its own message,
// so that users read "unknown theme ..." without a trailing ": unsupported".
type unsupportedError struct{ msg string }

func (e *unsupportedError) Error() string        { return e.msg }
func (e *unsupportedError) Is(target error) bool { return target == ErrUnsupported }

func unsupported(format string, args ...any) error {
	return &unsupportedError{msg: fmt.Sprintf(format, args...)}
}

// ErrTooLarge is returned (wrapped) when a diagram is too large for PNG:
// it would exceed MaxPixels even at ShrinkScale (about 400 moments). It is a
// property of the input, not of the options (a PNG shrinks to fit before
// it is refused), so callers report it like an invalid input, and the
// message advises svg or pdf, which have no such limit (a PDF page over
// 200 inches is scaled down to fit). It is the same error value as
// xdot.ErrTooLarge.
var ErrTooLarge = xdot.ErrTooLarge

// normalize validates o and fills in the defaults.
func (o Options) normalize(cycleLang string) (Options, error) {
	if o.Format == "" {
		o.Format = FormatSVG
	}
	o.Format = Format(strings.ToLower(string(o.Format)))
	switch o.Format {
	case FormatSVG, FormatDOT, FormatXDOT, FormatPNG, FormatPDF:
	default:
		return o, unsupported("unknown format %q; use svg, png, pdf or dot", o.Format)
	}
	if o.Scale == 0 {
		o.Scale = DefaultScale
	}
	if !(o.Scale >= MinScale && o.Scale <= MaxScale) { // NaN fails too
		return o, unsupported("scale %g is out of range; use %g to %d pixels per point", o.Scale, MinScale, MaxScale)
	}
	if o.Theme == "" {
		o.Theme = Themes[0]
	}
	if !slices.Contains(Themes, o.Theme) {
		return o, unsupported("unknown theme %q; use %s", o.Theme, strings.Join(Themes, ", "))
	}
	if o.Lang == "" {
		o.Lang = cycleLang
	}
	if o.Lang == "" {
		o.Lang = "en"
	}
	if _, ok := vocabulary[o.Lang]; !ok {
		return o, unsupported("unknown language %q; use %s", o.Lang, strings.Join(msg.Languages(), " or "))
	}
	if err := draw.CheckPage(o.Page, o.Orientation); err != nil {
		return o, unsupported("%s", err.Error())
	}
	o.Page, o.Orientation = strings.ToLower(o.Page), strings.ToLower(o.Orientation)
	if o.Page == "" {
		o.Page = "auto"
	}
	if o.Orientation == "" {
		o.Orientation = "auto"
	}
	if o.View == "" {
		o.View = Views[0]
	}
	if !slices.Contains(Views, o.View) {
		return o, unsupported("view %q is not available yet; use cycle", o.View)
	}
	return o, nil
}

// Check reports whether Render supports the options, before any cycle is
// read; an empty Lang is accepted (it follows the cycle). The error wraps
// ErrUnsupported.
func (o Options) Check() error {
	_, err := o.normalize("en")
	return err
}
