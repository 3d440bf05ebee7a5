package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/ciclo-dev/ciclo/render/draw"
)

// Laying the clock face out for a named page (Options.Page): the ring is
// drawn at its design sizes with narrower boxes, notes always as numbered
// callouts with a panel, and a tighter ring; the legend and the panel go
// beside the ring or below it, whichever lets the whole be drawn larger;
// then everything is scaled to the page. The design sizes make the
// smallest scale that keeps moment names at draw.MinNameSize (11 pt names)
// also keep notes at draw.MinNoteSize and the title at draw.MinTitleSize.
const (
	pageMargin = 28.8 // 0.4 inch around the page
	pageGap    = 24.0 // between the ring, the legend and the panel (design points)
	maxGrow    = 1.6  // a small cycle is drawn at most this much larger
	nameSize   = 11.0 // the design size of moment names
)

// minScale is the smallest scale that keeps moment names at
// draw.MinNameSize.
const minScale = draw.MinNameSize / nameSize

// pagedWidth is the text width of a moment box on a named page.
func pagedWidth(n int) float64 {
	switch {
	case n <= 8:
		return 100
	case n <= 16:
		return 84
	case n <= 28:
		return 76
	}
	return 70
}

// ringGap is the least space between neighbours on the ring.
func (d *diagram) ringGap() float64 {
	if d.paged {
		return pageRingGap
	}
	return ringGap
}

// metaSize is the size of a note's owner and due date: on a named page
// as large as its action, so that it keeps draw.MinNoteSize at minScale.
func (d *diagram) metaSize() float64 {
	if d.paged {
		return 9
	}
	return 8
}

// panelWidth is the text width of a row of the notes panel.
func (d *diagram) panelWidth() float64 {
	if d.paged {
		return 190
	}
	return 230
}

// arrangement is one way of putting the ring, the legend and the panel
// on the page.
type arrangement struct {
	side       bool    // legend and panel beside the ring (else below)
	w, h       float64 // the page, in points
	k          float64 // the scale at which everything fits
	kNoPanel   float64 // the scale at which all but the panel's rows fit
	landscape  bool
	compW      float64 // the composition in design points
	compH      float64
	compNoRows float64 // its height without the panel's rows
}

// fitPage lays the ring, legend and panel out for the named page and
// scales them onto it, warning when names go below draw.MinNameSize or
// notes leave the page.
func (d *diagram) fitPage(out *draw.Drawing) {
	o := d.opts
	paper, _ := draw.LookupPaper(o.Page)
	ringW, ringH := d.hi.X-d.lo.X, d.hi.Y-d.lo.Y
	var lw, lh, pw, ph, headH float64
	if l := d.legendDrawing; l != nil {
		lw, lh = l.Size()
	}
	st := d.panelStyle()
	if p := d.panelDrawing; p != nil {
		pw, ph = draw.PanelWidth(p, st), draw.PanelHeight(p, st)
		_, headH = p.Head.Label.Size()
		headH += st.RowGap
	}
	gap := func(a, b float64) float64 {
		if a > 0 && b > 0 {
			return pageGap
		}
		return 0
	}
	var best *arrangement
	for _, landscape := range []bool{false, true} {
		w, h := paper.Oriented(o.Orientation, ringW/ringH)
		if (w > h) != landscape {
			continue
		}
		for _, side := range []bool{true, false} {
			a := &arrangement{side: side, w: w, h: h, landscape: landscape}
			var noRows float64
			if side {
				col := max(lw, pw)
				a.compW = ringW + gap(ringW, col) + col
				a.compH = max(ringH, lh+gap(lh, ph)+ph)
				noRows = max(ringH, lh+gap(lh, headH)+headH)
			} else {
				a.compW = max(ringW, lw+gap(lw, pw)+pw)
				a.compH = ringH + gap(ringH, max(lh, ph)) + max(lh, ph)
				noRows = ringH + gap(ringH, max(lh, headH)) + max(lh, headH)
			}
			a.compNoRows = noRows
			aw, ah := w-2*pageMargin, h-2*pageMargin
			a.k = min(aw/a.compW, ah/a.compH, maxGrow)
			a.kNoPanel = min(aw/a.compW, ah/noRows, maxGrow)
			if best == nil || a.k > best.k+1e-9 {
				best = a
			}
		}
	}
	if best == nil { // the orientation asked for excludes both: cannot happen
		out.FitPage(pageMargin)
		return
	}
	k := best.k
	if k < minScale && d.panelDrawing != nil {
		// the panel is what does not fit: keep the names readable and
		// continue the panel's rows on a second page
		k = min(best.kNoPanel, max(minScale, best.k))
	}
	// place in design points: the ring where it is, the legend and the
	// panel beside or below it
	availH := (best.h - 2*pageMargin) / k
	bottom := d.hi.Y - availH
	if best.side {
		x := d.hi.X + pageGap
		top := d.hi.Y
		if l := d.legendDrawing; l != nil {
			l.Place(x+lw/2, top)
			top -= lh + pageGap
		}
		if p := d.panelDrawing; p != nil {
			out.Continued = draw.StackPanel(p, x, top, bottom, st)
		}
	} else {
		top := d.lo.Y - pageGap
		x := d.lo.X
		if l := d.legendDrawing; l != nil {
			l.Place(x+lw/2, top)
			x += lw + pageGap
		}
		if p := d.panelDrawing; p != nil {
			out.Continued = draw.StackPanel(p, x, top, bottom, st)
		}
	}
	content := out.Content()
	if out.Continued != nil {
		// the second page: the panel's rows alone, from its top left
		c := out.Continued
		head := *c.Head
		c.Head = &head
		c.Head.Meta = draw.Meta{ID: "notes-panel-continued", Class: "panel"}
		left := content.Min().X
		draw.StackPanel(c, left, content.Max().Y, math.Inf(-1), st)
	}
	out.Scale(k, pt{})
	c := content.Centre().Mul(k)
	out.Page = rect{X: c.X, Y: c.Y, W: best.w, H: best.h}
	out.Paper = paper.Name
	if out.Continued != nil {
		// the continued rows start at the second page's top left
		lo := out.Continued.Head.Rect
		v := pt{X: out.Page.Min().X + pageMargin - lo.Min().X, Y: out.Page.Max().Y - pageMargin - lo.Max().Y}
		(&draw.Drawing{Panel: out.Continued}).Scale(1, v)
	}
	d.pageWarnings(out, k, paper)
}

// pageWarnings tells what the page could not keep: names below
// draw.MinNameSize, notes moved off the page.
func (d *diagram) pageWarnings(out *draw.Drawing, k float64, paper draw.Paper) {
	if got := math.Floor(nameSize*k + 0.01); got < draw.MinNameSize-0.01 {
		out.Warnings = append(out.Warnings, fmt.Sprintf(d.w.WarnSmall, paper.Name, d.n, got, draw.MinNameSize))
	}
	if c := out.Continued; c != nil {
		var nums []string
		for _, r := range c.Rows {
			nums = append(nums, r.Key.Text)
		}
		msg := d.w.WarnMovedPDF
		if d.opts.Format != FormatPDF {
			msg = d.w.WarnMoved
		}
		out.Warnings = append(out.Warnings, fmt.Sprintf(msg, paper.Name, strings.Join(nums, ", ")))
	}
}
