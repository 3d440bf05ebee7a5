package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
	"github.com/ciclo-dev/ciclo/render/xdot"
)

// A view turns an analysed cycle into a positioned drawing (package
// render/draw) for the options o (already checked: o.Page, o.Orientation,
// o.Theme and o.Lang are valid). Views never write DOT, SVG or pixels:
// Write does, the same way for every view.
type view func(a *cycle.Analysis, o Options) *draw.Drawing

// views are the diagram views by name (Options.View); Views lists their
// names in help order. A new view is a function of type view registered
// here and named in Views.
var views = map[string]view{
	"cycle":     clockView,
	"journey":   journeyView,
	"blueprint": blueprintView,
	"ipa":       ipaView,
}

// Write draws a positioned drawing in opts.Format: svg (the default),
// png, pdf, dot (the pinned DOT text) or xdot. Any view's drawing goes
// through it: the drawing's DOT is laid out by Graphviz (neato -n2, every
// position kept), which writes SVG and xdot; PNG and PDF are painted from
// the xdot (package render/xdot). The page is the drawing's Page
// exactly: a PDF page of that size (with a further page for each panel
// of d.Continued), an SVG of that width and height, a PNG of that size at
// opts.Scale pixels per point, or, on a named paper, 96 × opts.Scale
// pixels per inch. opts.Theme, opts.Lang and opts.View are not used: the
// drawing already has its words and colours.
func Write(ctx context.Context, d *draw.Drawing, opts Options) (Drawing, error) {
	o, err := opts.normalize("en")
	if err != nil {
		return Drawing{}, err
	}
	src := d.DOT()
	dr := Drawing{Warnings: slices.Clone(d.Warnings)}
	if len(d.More) > 0 && o.Format != FormatPDF && d.MoreNote != "" {
		dr.Warnings = append(dr.Warnings, d.MoreNote)
	}
	switch o.Format {
	case FormatDOT:
		dr.Data = src
	case FormatPNG, FormatPDF:
		dr.Missing = missingIn(d)
		pages := []*draw.Drawing{d}
		if o.Format == FormatPDF {
			pages = append(pages, continuation(d)...)
		}
		if o.Format == FormatPDF {
			pages = append(pages, d.More...)
		}
		var xds []*xdot.Drawing
		for i, p := range pages {
			dot := src // the first page's DOT is made once
			if i > 0 {
				dot = p.DOT()
			}
			xd, err := layout(ctx, dot, FormatXDOT)
			if err != nil {
				return Drawing{}, err
			}
			x, err := xdot.FromXDOT(xd)
			if err != nil {
				return Drawing{}, fmt.Errorf("reading the layout: %w", err)
			}
			// the page is the drawing's, exactly (Graphviz rounds its box
			// and moves the page's corner to the origin)
			x.BB = xdot.Rect{Max: xdot.Point{X: p.Page.W, Y: p.Page.H}}
			x.Pad = xdot.Point{}
			xds = append(xds, x)
		}
		if err := ctx.Err(); err != nil {
			return Drawing{}, err
		}
		scale := o.Scale
		if d.Paper != "" && d.Paper != "auto" {
			scale *= 96.0 / 72 // named papers: 96 × scale pixels per inch
		}
		dr.Data, err = paint(xds, o.Format, scale)
		if err != nil {
			return Drawing{}, err
		}
	default:
		dr.Data, err = layout(ctx, src, o.Format)
		if err != nil {
			return Drawing{}, err
		}
		if o.Format == FormatSVG {
			dr.Data = pageSVG(dr.Data, d.Page)
		}
	}
	return dr, nil
}

// continuation is the pages that carry the notes panel rows d.Continued
// holds: each panel alone on a page of d's size, as placed.
func continuation(d *draw.Drawing) []*draw.Drawing {
	var out []*draw.Drawing
	for i, p := range d.Continued {
		out = append(out, &draw.Drawing{Name: fmt.Sprintf("%s-%d", d.Name, i+2), Page: d.Page, Paper: d.Paper, Background: d.Background, Ink: d.Ink, Panel: p})
	}
	return out
}

// missingIn lists the characters of d that the PNG and PDF fonts lack,
// sorted.
func missingIn(d *draw.Drawing) []rune {
	var sb strings.Builder
	d.Texts(func(s string) { sb.WriteString(s) })
	for _, p := range d.Continued {
		(&draw.Drawing{Panel: p}).Texts(func(s string) { sb.WriteString(s) })
	}
	for _, p := range d.More {
		p.Texts(func(s string) { sb.WriteString(s) })
	}
	missing := xdot.MissingGlyphs(sb.String())
	slices.Sort(missing)
	return missing
}

// maxPixels is MaxPixels, lowered by tests of the shrinking.
var maxPixels int64 = MaxPixels

// paint draws the laid-out pages as format (png: the first page only;
// pdf: every page), with no Graphviz call: it needs no lock. scale is
// PNG pixels per point.
func paint(pages []*xdot.Drawing, format Format, scale float64) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	d := pages[0]
	switch format {
	case FormatPNG:
		err = xdot.PNG(d, &buf, xdot.PNGOptions{Scale: scale, MaxPixels: maxPixels, MinScale: ShrinkScale})
	case FormatPDF:
		err = xdot.PDFPages(&buf, pages...)
	default:
		return nil, fmt.Errorf("cannot paint %s: %w", format, ErrUnsupported)
	}
	if errors.Is(err, ErrTooLarge) {
		w, h := d.Size()
		return nil, fmt.Errorf("the diagram is %.0f × %.0f inches: as png it would exceed %d million pixels even at scale %g; draw it as svg or pdf: %w",
			w/72, h/72, MaxPixels/1_000_000, ShrinkScale, ErrTooLarge)
	}
	if err != nil {
		return nil, fmt.Errorf("drawing %s: %w", format, err)
	}
	if buf.Len() == 0 {
		return nil, errors.New("drawing " + string(format) + ": empty output")
	}
	return buf.Bytes(), nil
}
