package render

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Format is an output format.
type Format string

// The output formats. SVG, DOT and XDOT are drawn here; PNG and PDF are
// drawn from the XDOT output by another package and are not supported by
// Render yet.
const (
	FormatSVG Format = "svg"
	// FormatDOT is the DOT text ciclo builds, with every position pinned: the
	// input Graphviz lays out.
	FormatDOT Format = "dot"
	// FormatXDOT is the laid-out graph with Graphviz's drawing operations
	// (_draw_, _ldraw_, ...), for renderers of other formats.
	FormatXDOT Format = "xdot"
	FormatPNG  Format = "png"
	FormatPDF  Format = "pdf"
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
	Format Format // svg (default), dot or xdot
	Theme  string // one of Themes; "" is default
	Lang   string // "en" or "es"; "" follows the cycle's language
	View   string // one of Views; "" is cycle
}

// ErrUnsupported is returned for a format, theme, language or view that
// this package does not draw; callers treat it as the user's misuse.
var ErrUnsupported = errors.New("unsupported")

// normalize validates o and fills in the defaults.
func (o Options) normalize(cycleLang string) (Options, error) {
	if o.Format == "" {
		o.Format = FormatSVG
	}
	o.Format = Format(strings.ToLower(string(o.Format)))
	switch o.Format {
	case FormatSVG, FormatDOT, FormatXDOT:
	case FormatPNG, FormatPDF:
		return o, fmt.Errorf("format %q is not yet supported; use svg or dot: %w", o.Format, ErrUnsupported)
	default:
		return o, fmt.Errorf("unknown format %q; use svg or dot: %w", o.Format, ErrUnsupported)
	}
	if o.Theme == "" {
		o.Theme = Themes[0]
	}
	if !slices.Contains(Themes, o.Theme) {
		return o, fmt.Errorf("unknown theme %q; use %s: %w", o.Theme, strings.Join(Themes, ", "), ErrUnsupported)
	}
	if o.Lang == "" {
		o.Lang = cycleLang
	}
	if o.Lang == "" {
		o.Lang = "en"
	}
	if _, ok := vocabulary[o.Lang]; !ok {
		return o, fmt.Errorf("unknown language %q; use en or es: %w", o.Lang, ErrUnsupported)
	}
	if o.View == "" {
		o.View = Views[0]
	}
	if !slices.Contains(Views, o.View) {
		return o, fmt.Errorf("view %q is not available yet; use cycle: %w", o.View, ErrUnsupported)
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
