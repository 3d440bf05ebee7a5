package render

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/msg"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// Laying the clock face out for a named page (Options.Page): the ring is
// a rounded rectangle shaped to the room the page leaves it, its boxes
// each as large as their own text (wider, so shorter, in the ring's
// columns) and packed the same gap apart (pack, ring.go); notes are
// always numbered callouts with a panel; the title, the legend and the
// panel go in the ring's middle, beside the ring or below it, whichever
// lets the whole be drawn larger (pagedShapes lists what is tried); then
// everything is scaled to the page. The design sizes make the smallest
// scale that keeps moment names at draw.MinNameSize (11 pt names) also
// keep notes at draw.MinNoteSize and the title at draw.MinTitleSize.
const (
	pageMargin = 28.8 // 0.4 inch around a page sized to its content
	pageGap    = 24.0 // between the ring, the legend and the panel (design points)
	maxGrow    = 1.6  // a small cycle is drawn at most this much larger
	nameSize   = 11.0 // the design size of moment names
)

// minScale is the smallest scale that keeps moment names at
// draw.MinNameSize.
const minScale = draw.MinNameSize / nameSize

// pagedWidths are the text widths of a moment box tried on a named page:
// narrow boxes with more lines, or wide ones with fewer (a box is never
// narrower than its longest word, up to the widest of these).
var pagedWidths = []float64{64, 84, 112}

// pagedColWidths are the wider text widths tried for the boxes in the
// ring's columns, where a box's height, not its width, takes room along
// the ring: a wide box there is a short one.
var pagedColWidths = []float64{180}

// pagedWideColWidths are the text widths tried for the column boxes set a
// line shorter (wideLabel): the number before the name takes room on its
// line, so narrower ones too, which keep the ring narrow on a wide page.
var pagedWideColWidths = []float64{120, 180}

// ringGap is the least space between neighbours on the ring.
func (d *diagram) ringGap() float64 {
	if d.paged {
		return pageRingGap
	}
	return ringGap
}

// dotSize is the size of the performance dots: smaller on a named page,
// where a scale of 10 would otherwise set the width of every box.
func (d *diagram) dotSize() float64 {
	if d.paged {
		return d.least(7, crowdDots)
	}
	return 9
}

// A crowded page is one on which the moment names cannot keep
// draw.MinNameSize at the design sizes: pagedClock lays it out again for
// a scale below minScale (diagram.crowd) with the names set larger than
// the rest of a box's text, so that they print at draw.MinNameSize, and
// the rest no smaller than these sizes on paper (points). The legend,
// the title, the callouts and the end markers keep the size they have at
// minScale (grow).
const (
	crowdHead  = 7.0 // a box's number and critical mark
	crowdOwner = 6.0 // a box's owner
	crowdDots  = 5.0 // a box's score
)

// crowdScales are the scales pagedClock tries a crowded page at, largest
// first: below the last, gaps, outlines and padding would shrink too far
// (15 pt between neighbours draws 8.4 pt on paper at 0.56).
var crowdScales = []float64{0.8, 0.76, 0.72, 0.68, 0.64, 0.6, 0.56}

// crowdMax is the most moments pagedClock lays out again for a crowded
// page: beyond it names stay below draw.MinNameSize whatever is tried.
const crowdMax = 60

// nameSize is the design size of the moment names: nameSize, or on a
// crowded page the size that prints at draw.MinNameSize at d.crowd.
func (d *diagram) nameSize() float64 { return d.least(nameSize, draw.MinNameSize) }

// least is a text's design size: size, or on a crowded page at least the
// size that prints at paper points at d.crowd.
func (d *diagram) least(size, paper float64) float64 {
	if d.crowd > 0 {
		return max(size, paper/d.crowd)
	}
	return size
}

// grow is what the legend, the title, the callouts and the end markers
// are scaled by: 1, or on a crowded page as much as keeps them the size
// they print at minScale.
func (d *diagram) grow() float64 {
	if d.crowd > 0 {
		return max(1, minScale/d.crowd)
	}
	return 1
}

// minK is the scale that sets the moment names at draw.MinNameSize:
// minScale, or d.crowd on a crowded page.
func (d *diagram) minK() float64 { return draw.MinNameSize / d.nameSize() }

// keeps reports whether scale k keeps the moment names at
// draw.MinNameSize once type is rounded to whole points (reachedSize):
// near the smallest crowded scales the page's scale comes within a
// hundredth of a point of it.
func (d *diagram) keeps(k float64) bool { return reachedSize(d.nameSize(), k) >= draw.MinNameSize }

// names is the size the arrangement draws the moment names at, before
// type is rounded to whole points.
func (a *arrangement) names() float64 { return a.scale() * a.d.nameSize() }

// badge is the place of a callout on a named page: a disc on the
// moment's outer edge at the end farthest from the ring's middle. In a
// row or a column of the ring a quarter of it lies over the box (within
// the box's padding, clear of its text) and the rest outwards, so that
// it takes none of the gap between neighbours; on a corner of the ring it
// sits over the box's outer corner.
func (d *diagram) badge(at *attachment) rect {
	m := d.moments[at.moment].box
	sx, sy := 1.0, 1.0
	if m.X < -1e-9 {
		sx = -1
	}
	if m.Y < -1e-9 {
		sy = -1
	}
	in := at.w / 6
	out := rect{X: m.X + sx*(m.W/2-in), Y: m.Y + sy*(m.H/2-in), W: at.w, H: at.h}
	v := d.tangentAt(d.R, d.theta[at.moment], 1)
	switch {
	case math.Abs(v.X) > 0.99: // a row: out above or below
		out.X, out.Y = m.X+sx*(m.W/2-at.w/2), m.Y+sy*(m.H/2+at.h/4)
	case math.Abs(v.Y) > 0.99: // a column: out to the side
		out.X, out.Y = m.X+sx*(m.W/2+at.w/4), m.Y+sy*(m.H/2-at.h/2)
	}
	return out
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
// on the page, with the diagram laid out for it.
type arrangement struct {
	d        *diagram
	side     bool    // legend and panel beside the ring (else below)
	w, h     float64 // the page, in points
	margin   float64 // left around the page's edges (draw.Paper.Margin)
	k        float64 // the scale at which everything fits
	kNoPanel float64 // the scale at which all but the panel's rows fit
	lw, lh   float64 // the legend, in design points
	pw, ph   float64 // the panel
	headH    float64 // what of the panel must stay on the first page: nothing
	// panelBeside: the panel's width fits on the first page at
	// draw.MinNameSize (else the whole panel goes to the second page)
	panelBeside bool
}

// scale is the scale the arrangement is drawn at: the scale at which
// everything fits; when that leaves names below draw.MinNameSize only
// because of the notes panel, the names keep draw.MinNameSize and the
// panel continues on a second page.
func (a *arrangement) scale() float64 {
	switch {
	case a.tier() == 1:
		return min(a.d.minK(), a.kNoPanel)
	case a.panelMoves():
		return a.kNoPanel
	}
	return a.k
}

// panelMoves reports whether, with names below draw.MinNameSize even
// without the panel, the whole panel goes to the second page because
// that draws the rest larger.
func (a *arrangement) panelMoves() bool {
	return a.tier() == 0 && a.d.panelDrawing != nil && !a.d.panelInside() && a.kNoPanel > a.k+1e-9
}

// tier ranks arrangements: 2 when everything fits at draw.MinNameSize or
// more, 1 when all but the panel's rows do, 0 when even that does not
// (everything is then drawn smaller, and the panel goes to the second
// page when that draws the rest larger: panelMoves).
func (a *arrangement) tier() int {
	switch {
	case a.d.keeps(a.k) && (a.d.crowd == 0 || a.d.panelDrawing == nil):
		return 2 // on a crowded page the panel's notes would print small: it moves
	case a.d.panelDrawing != nil && a.d.keeps(a.kNoPanel):
		return 1
	}
	return 0
}

// better reports whether a is to be preferred to b.
func (a *arrangement) better(b *arrangement) bool {
	if a.tier() != b.tier() {
		return a.tier() > b.tier()
	}
	if math.Abs(a.scale()-b.scale()) > 1e-9 {
		return a.scale() > b.scale()
	}
	if a.rowsFit() != b.rowsFit() {
		return a.rowsFit() > b.rowsFit()
	}
	// then the one that leaves less of the ring's middle empty
	if ma, mb := bits.OnesCount(uint(a.d.mid)), bits.OnesCount(uint(b.d.mid)); ma != mb {
		return ma > mb
	}
	// then wider boxes, on fewer lines
	if a.d.cw != b.d.cw {
		return a.d.cw > b.d.cw
	}
	if a.d.cwCol != b.d.cwCol {
		return a.d.cwCol > b.d.cwCol
	}
	return !a.d.wideCol && b.d.wideCol // the column boxes set as the rows' are
}

// rowsFit is how many of the panel's rows the first page holds at the
// arrangement's scale (all of them when the panel is in the ring's
// middle or everything fits).
func (a *arrangement) rowsFit() int {
	d := a.d
	p := d.panelDrawing
	if p == nil || d.panelInside() || a.tier() == 2 {
		return math.MaxInt
	}
	if a.panelMoves() || !a.panelBeside {
		return 0
	}
	st := d.panelStyle()
	room := (a.h - 2*a.margin) / a.scale() // the page's height, design points
	if !d.titleInside() {
		_, th := d.title.Size()
		room -= th + pageGap
	}
	if a.side {
		room -= a.lh + pageGap
	} else {
		room -= d.hi.Y - d.lo.Y + pageGap
	}
	_, hh := p.Head.Label.Size()
	room -= hh + st.RowGap
	n := 0
	for _, r := range p.Rows {
		_, bh := r.Body.Label.Size()
		room -= bh + 12 + st.RowGap
		if room < 0 {
			break
		}
		n++
	}
	return n
}

// measure fits the laid-out diagram d to a page of w × h points with the
// legend and the panel beside the ring (side) or below it.
func measure(d *diagram, w, h float64, paper draw.Paper, side bool) *arrangement {
	a := &arrangement{d: d, side: side, w: w, h: h, margin: paper.Margin}
	ringW, ringH := d.hi.X-d.lo.X, d.hi.Y-d.lo.Y
	if l := d.legendDrawing; l != nil && !d.legendInside() {
		a.lw, a.lh = l.Size()
	}
	st := d.panelStyle()
	if p := d.panelDrawing; p != nil && !d.panelInside() {
		a.pw, a.ph = draw.PanelWidth(p, st), draw.PanelHeight(p, st)
	}
	gap := func(x, y float64) float64 {
		if x > 0 && y > 0 {
			return pageGap
		}
		return 0
	}
	// compW × compH holds everything; noRowsW × noRows all but the
	// panel, which then goes whole to the second page
	var compW, compH, noRowsW, noRows float64
	if side {
		col := max(a.lw, a.pw)
		compW = ringW + gap(ringW, col) + col
		compH = max(ringH, a.lh+gap(a.lh, a.ph)+a.ph)
		noRowsW = ringW + gap(ringW, a.lw) + a.lw
		noRows = max(ringH, a.lh+gap(a.lh, a.headH)+a.headH)
	} else {
		compW = max(ringW, a.lw+gap(a.lw, a.pw)+a.pw)
		compH = ringH + gap(ringH, max(a.lh, a.ph)) + max(a.lh, a.ph)
		noRowsW = max(ringW, a.lw)
		noRows = ringH + gap(ringH, max(a.lh, a.headH)) + max(a.lh, a.headH)
	}
	// the title heads the page unless it is in the middle of the ring
	if !d.titleInside() {
		tw, th := d.title.Size()
		compW = max(compW, tw)
		noRowsW = max(noRowsW, tw)
		compH += th + pageGap
		noRows += th + pageGap
	}
	a.k = min(paper.Fit(w, h, compW, compH), maxGrow)
	a.kNoPanel = min(paper.Fit(w, h, noRowsW, noRows), maxGrow)
	a.panelBeside = (w-2*paper.Margin)/compW >= minScale-1e-9 && d.crowd == 0
	return a
}

// nextShape is the ring aspect that fills the room this arrangement
// leaves the ring at its scale.
func (a *arrangement) nextShape() float64 {
	d, k := a.d, a.scale()
	pw := a.pw // the panel beside the ring, unless it moves to the second page
	if a.tier() < 2 && d.panelDrawing != nil && !d.panelInside() {
		k, pw = max(k, a.kNoPanel), 0
	}
	roomW, roomH := (a.w-2*a.margin)/k, (a.h-2*a.margin)/k
	if !d.titleInside() {
		_, th := d.title.Size()
		roomH -= th + pageGap
	}
	if a.side {
		if col := max(a.lw, pw); col > 0 {
			roomW -= col + pageGap
		}
	} else {
		if a.lh > 0 {
			roomH -= a.lh + pageGap
		}
	}
	// the ring curve runs through the boxes' centres; badges stand out
	// of their corners
	out := 0.0
	if len(d.attach) > 0 {
		out = 2 * 16
	}
	rw, rh := roomW-d.W-out, roomH-d.H-out
	if rw <= 0 || rh <= 0 {
		return d.ey
	}
	return min(max(rh/rw, 0.3), 4)
}

// boxWidths are the text widths of a named page's boxes: cw for all,
// col for those in the ring's columns.
type boxWidths struct {
	cw, col float64
	wide    bool // the column boxes set a line shorter (wideLabel)
}

// pagedWidthPairs are the box widths pagedLayout tries: every text width,
// alone or with wider boxes in the ring's columns, set as the rows' boxes
// are; then those with wider column boxes set a line shorter, which
// pagedLayout tries only when names are below draw.MinNameSize.
func pagedWidthPairs() []boxWidths {
	var out []boxWidths
	for _, cw := range pagedWidths {
		out = append(out, boxWidths{cw: cw, col: cw})
		for _, col := range pagedColWidths {
			if col > cw {
				out = append(out, boxWidths{cw: cw, col: col})
			}
		}
	}
	// then wider column boxes set a line shorter
	for _, cw := range pagedWidths {
		for _, col := range pagedWideColWidths {
			if col > cw {
				out = append(out, boxWidths{cw: cw, col: col, wide: true})
			}
		}
	}
	return out
}

// legendColumns are the numbers of columns tried for the legend's rows.
var legendColumns = []int{1, 2}

// maxWideTrial is the most moments the shorter column boxes are tried
// for: beyond it names are a few points at best, and the trial doubles
// the time of a large cycle's layout.
const maxWideTrial = 100

// maxFullSearch is the most moments for which pagedLayout tries every box
// width: beyond it names are a point or two whatever is tried, and each
// trial lays the whole ring out again (5,000 moments on A4 took 8.4 s),
// so a longer cycle tries the first width alone, with one finalist.
const maxFullSearch = 200

// pagedFinalists is how many of the box widths, ranked by a first trial,
// pagedLayout tries with every arrangement, and pagedWideFinalists how
// many more of those with the column boxes a line shorter, when those
// were tried.
const (
	pagedFinalists     = 2
	pagedWideFinalists = 1
)

// pagedClock lays the clock face out for the named page o.Page
// (pagedLayout) and draws it.
func pagedClock(a *cycle.Analysis, o Options) *draw.Drawing {
	paper, _ := draw.LookupPaper(o.Page)
	best := pagedLayout(a, o, paper)
	out := best.d.drawing()
	best.d.placeOnPage(out, best, paper)
	return out
}

// pagedLayout is the arrangement pagedClock draws: laid out at the design
// sizes, or, when that leaves the names below draw.MinNameSize, for a
// crowded page.
func pagedLayout(a *cycle.Analysis, o Options, paper draw.Paper) *arrangement {
	best := layoutFor(a, o, paper, 0)
	if !best.d.keeps(best.scale()) && len(a.Moments) <= crowdMax {
		best = crowdedLayout(a, o, paper, best)
	}
	return best
}

// crowdedLayout lays a crowded page out again (diagram.crowd) for the
// largest of crowdScales at which the names keep draw.MinNameSize, found
// by bisection: a smaller scale sets the names larger against the rest
// of the drawing, so it seldom fits worse (near the smallest scales the
// drawing is almost all names, and whether they keep 9 pt can turn on a
// hundredth of a point either way). When none of those tried does, it
// keeps whichever of them and normal (the page laid out at the design
// sizes) draws the names largest.
func crowdedLayout(a *cycle.Analysis, o Options, paper draw.Paper, normal *arrangement) *arrangement {
	best := normal
	lo, hi := -1, len(crowdScales) // crowdScales[hi] keeps the names; crowdScales[lo] does not
	var kept *arrangement
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		arr := layoutFor(a, o, paper, crowdScales[mid])
		if arr.tier() > 0 {
			hi, kept = mid, arr
			continue
		}
		lo = mid
		if arr.names() > best.names() {
			best = arr
		}
	}
	if kept != nil {
		return kept
	}
	return best
}

// layoutFor is the best arrangement of the page laid out at the design
// sizes (crowd 0) or for a crowded page (diagram.crowd): for each
// orientation allowed and each arrangement, the ring takes the shape of
// the room left to it (three rounds of fitting), and the one drawn
// largest wins.
func layoutFor(a *cycle.Analysis, o Options, paper draw.Paper, crowd float64) *arrangement {
	var best *arrangement
	laid := map[shape]*diagram{} // the same shape beside or below the ring
	radii := map[radiusKey]float64{}
	for _, landscape := range []bool{false, true} {
		switch {
		case o.Orientation == "portrait" && landscape, o.Orientation == "landscape" && !landscape:
			continue
		case o.Orientation == "auto" && paper.W > paper.H && !landscape:
			continue // a slide stays landscape unless asked
		}
		w, h := min(paper.W, paper.H), max(paper.W, paper.H)
		if landscape {
			w, h = h, w
		}
		// try shape s0 beside or below the ring (side); the ring takes the
		// shape of the room left to it in up to three rounds
		try := func(s0 shape, side bool) *arrangement {
			s := s0
			var arr *arrangement
			for range 3 {
				d, ok := laid[s]
				if !ok {
					d = newShapedIn(a, o, s, radii)
					laid[s] = d
				}
				arr = measure(d, w, h, paper, side)
				next := arr.nextShape()
				if math.Abs(next-s.ey) < 0.02 {
					break
				}
				s.ey = next
			}
			return arr
		}
		// first every box width with the title and the legend in the
		// middle (most often the best), then the best few with every
		// arrangement
		type trial struct {
			bw  boxWidths
			arr *arrangement
		}
		var trials []trial
		for _, bw := range pagedWidthPairs() {
			if len(trials) > 0 && len(a.Moments) > maxFullSearch {
				break // the first width only
			}
			if bw.wide && (len(a.Moments) > maxWideTrial || slices.ContainsFunc(trials, func(t trial) bool { return t.arr.tier() == 2 })) {
				continue // the shorter column boxes only when names are below the minimum
			}
			var top *arrangement
			for _, lc := range legendColumns {
				arr := try(shape{ey: 1, mid: midTitle | midLegend, cw: bw.cw, cwCol: bw.col, legendCols: lc, wideCol: bw.wide, crowd: crowd}, true)
				if top == nil || arr.better(top) {
					top = arr
				}
			}
			trials = append(trials, trial{bw, top})
		}
		slices.SortStableFunc(trials, func(x, y trial) int {
			switch {
			case x.arr.better(y.arr):
				return -1
			case y.arr.better(x.arr):
				return 1
			}
			return 0
		})
		// the best few of each setting of the column boxes
		var finalists []trial
		for _, wide := range []bool{false, true} {
			most := pagedFinalists
			if wide {
				most = pagedWideFinalists
			}
			for _, t := range trials {
				if t.bw.wide == wide && most > 0 {
					finalists, most = append(finalists, t), most-1
				}
			}
		}
		for _, t := range finalists {
			for _, mid := range middles {
				for _, lc := range legendColumns {
					for _, side := range []bool{true, false} {
						switch {
						case mid&midPanel != 0 && mid&midLegend != 0 && !side:
							continue // nothing outside the ring: side or below is the same
						case lc > 1 && mid&midLegend == 0 && side:
							continue // a legend beside the ring stands in one column
						case crowd > 0 && mid&midPanel != 0:
							continue // on a crowded page the panel goes to the next
						}
						arr := try(shape{ey: 1, mid: mid, cw: t.bw.cw, cwCol: t.bw.col, legendCols: lc, wideCol: t.bw.wide, crowd: crowd}, side)
						if best == nil || arr.better(best) {
							best = arr
						}
					}
				}
			}
		}
	}
	return best
}

// placeOnPage puts the legend and the panel beside or below the ring,
// scales everything onto the page and warns when names go below
// draw.MinNameSize or notes leave the page.
func (d *diagram) placeOnPage(out *draw.Drawing, arr *arrangement, paper draw.Paper) {
	k := arr.scale()
	st := d.panelStyle()
	var title *draw.Box
	for _, it := range out.Items {
		if b, ok := it.(*draw.Box); ok && b.ID == "title" {
			title = b
		}
	}
	if !d.titleInside() {
		// heading the page, the title may be as wide as the page, on
		// fewer lines than the width it was measured at (which only
		// leaves more room)
		if w := (arr.w - 2*arr.margin) / k * 0.9; w > titleWidthPaged {
			d.setTitle(titleSizePaged*d.grow(), w, w)
			title.Label = d.title
		}
	}
	// place in design points: the ring where it is, the legend and the
	// panel beside or below it, within the page's height at scale k
	availH := (arr.h - 2*arr.margin) / k
	tw, th := d.title.Size()
	bottom := d.hi.Y - availH // the ring at the top of the page
	if !d.titleInside() {
		bottom += th + pageGap // under the title
	}
	inside := d.legendInside()
	c, _ := d.midSpot()
	mw, mh := d.midSize()
	midTop := c.Y + mh/2
	if d.titleInside() {
		midTop -= th + titleGap
	}
	if l := d.legendDrawing; inside {
		l.Place(c.X, midTop)
		_, lh := l.Size()
		midTop -= lh + titleGap
	}
	if p := d.panelDrawing; d.panelInside() {
		draw.StackPanel(p, c.X-mw/2, midTop, math.Inf(-1), st)
	}
	contK := continuedScale(arr) // the scale of the pages of notes (continuedPages)
	if arr.side {
		x := d.hi.X + pageGap
		y := d.hi.Y
		if l := d.legendDrawing; l != nil && !inside {
			l.Place(x+arr.lw/2, y)
			y -= arr.lh + pageGap
		}
		if p := d.panelDrawing; p != nil && !d.panelInside() {
			out.Continued, contK = d.continuedPages(stackOrMove(out, p, x, y, bottom, st, arr), arr, st)
		}
	} else {
		y := d.lo.Y - pageGap
		x := (d.lo.X + d.hi.X) / 2
		width := arr.lw + arr.pw
		if arr.lw > 0 && arr.pw > 0 {
			width += pageGap
		}
		x -= width / 2
		if l := d.legendDrawing; l != nil && !inside {
			l.Place(x+arr.lw/2, y)
			x += arr.lw + pageGap
		}
		if p := d.panelDrawing; p != nil && !d.panelInside() {
			out.Continued, contK = d.continuedPages(stackOrMove(out, p, x, y, bottom, st, arr), arr, st)
		}
	}
	d.rewordCallouts(out)
	// the title tops the middle block, or heads the page flush left with
	// the content below it
	below := out.Content()
	if d.titleInside() {
		title.Rect = rect{X: c.X, Y: c.Y + mh/2 - th/2, W: tw, H: th}
	} else {
		title.Label.Left = true
		title.Rect = rect{X: below.Min().X + tw/2, Y: d.hi.Y + pageGap + th/2, W: tw, H: th}
		for i := range title.Label.Lines {
			title.Label.Lines[i].Anchor = draw.Start
		}
	}
	content := out.Content()
	cont := out.Continued // scaled on their own: continuedPages
	out.Continued = nil
	out.Scale(k, pt{})
	centre := content.Centre().Mul(k)
	out.Page = rect{X: centre.X, Y: centre.Y, W: arr.w, H: arr.h}
	out.Paper = paper.Name
	for _, p := range cont {
		// each further page: the panel's columns, laid out from (0, 0),
		// at the page's top left
		v := pt{X: out.Page.Min().X + arr.margin, Y: out.Page.Max().Y - arr.margin}
		(&draw.Drawing{Panel: p}).Scale(contK, v)
	}
	out.Continued = cont
	d.pageWarnings(out, k, paper)
}

// continuedScale is the scale of the pages of notes after the diagram's:
// the diagram's, or, when that draws names below draw.MinNameSize, the
// scale that keeps them, so that notes on pages of their own keep
// draw.MinNoteSize however small a long cycle's ring is drawn (120
// moments on a slide drew them at 2 pt).
func continuedScale(arr *arrangement) float64 { return max(arr.scale(), minScale) }

// continuedPages lays the rows of rest (nil for none) out on further
// pages, in design points at the scale it returns (to be scaled by it):
// on each, under a heading that says whose improvements continue there,
// in as many columns as the page holds, and what does not fit on the
// next page, so that no note is lost however many there are. The scale
// is continuedScale's, or larger, up to notes of maxNotesSize points,
// when the notes take no more pages at it: a few notes fill their page
// in type a reader can take in, rather than a narrow column in its top
// corner.
func (d *diagram) continuedPages(rest *draw.Panel, arr *arrangement, st draw.PanelStyle) ([]*draw.Panel, float64) {
	if rest == nil || len(rest.Rows) == 0 {
		return nil, continuedScale(arr)
	}
	// lay sets the rows at scale k in columns down to the page's bottom,
	// or, for short (0 < short < 1), that share of its height
	lay := func(k, short float64) []*draw.Panel {
		w, h := (arr.w-2*arr.margin)/k, (arr.h-2*arr.margin)/k
		_, hh := d.continuedHead(rest.Head, w).Label.Size()
		bottom := -h
		if short > 0 {
			bottom = -hh - st.RowGap - short*(h-hh-st.RowGap)
		}
		// a note taller than a page goes on over pages
		rows := draw.SplitRows(rest.Rows, h-hh-st.RowGap)
		var pages []*draw.Panel
		for len(rows) > 0 {
			p := &draw.Panel{Head: d.continuedHead(rest.Head, w), Rows: rows}
			rows = nil
			if more := draw.FlowPanel(p, 0, 0, w, bottom, pageGap, st); more != nil {
				rows = more.Rows
			}
			pages = append(pages, p)
		}
		return pages
	}
	k0 := continuedScale(arr)
	n0 := len(lay(k0, 0))
	top := max(k0, maxNotesSize/noteSize)
	k := k0
	for i := 0; i < notesScaleSteps && top > k0+1e-9; i++ { // none when k0 is the largest already
		if kk := top - (top-k0)*float64(i)/notesScaleSteps; len(lay(kk, 0)) <= n0 {
			k = kk
			break
		}
	}
	if n0 > 1 {
		return lay(k, 0), k
	}
	// one page: the columns as short as keep it one, so that they
	// share the rows evenly rather than the last holding what is left
	lo, hi := 0.0, 1.0
	for range 16 {
		if mid := (lo + hi) / 2; len(lay(k, mid)) == 1 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return lay(k, hi), k
}

// maxNotesSize is the largest size, in points on the paper, that the
// text of notes on pages of their own is set at (continuedPages), and
// noteSize the design size of a note's text (improvementLines).
const (
	maxNotesSize = 11.0
	noteSize     = 9.0
)

// notesScaleSteps is how many scales continuedPages tries, from the
// largest down.
const notesScaleSteps = 10

// rewordCallouts says in the legend where the notes of the numbered
// callouts are when they are not all in the panel on the page: on page 2
// of a PDF, or, in an SVG or a PNG, in the report (which lists every
// note).
func (d *diagram) rewordCallouts(out *draw.Drawing) {
	if len(out.Continued) == 0 || out.Legend == nil {
		return
	}
	out.Legend.Reword("callout", calloutWhereabouts(d.w, out.Panel, len(out.Continued), d.opts.Format))
}

// calloutWhereabouts is the legend's row for the numbered callouts when
// their notes are not all in the page's panel (nil or empty for none) but
// go on over pages more pages: in a PDF, on page 2 (or from page 2 on),
// else in the report. The clock face and the journey share it.
func calloutWhereabouts(w *words, panel *draw.Panel, pages int, f Format) string {
	some := panel != nil && len(panel.Rows) > 0
	switch {
	case f != FormatPDF && some:
		return w.LegCalloutPanelReport
	case f != FormatPDF:
		return w.LegCalloutReport
	case some && pages > 1:
		return w.LegCalloutPanelPages
	case some:
		return w.LegCalloutPanelPage2
	case pages > 1:
		return w.LegCalloutPages
	}
	return w.LegCalloutPage2
}

// middle says what goes in the middle of the ring on a named page.
type middle int

const (
	midTitle  middle = 1 << iota // the title (else it heads the page)
	midLegend                    // the legend (else beside or below the ring)
	midPanel                     // the notes panel (else beside or below)
)

// middles are the choices pagedClock tries.
var middles = []middle{0, midTitle, midTitle | midLegend, midTitle | midLegend | midPanel, midTitle | midPanel}

// midSize is the size of the block in the middle: the title, the legend
// and the panel stacked, as d.mid asks.
func (d *diagram) midSize() (w, h float64) {
	add := func(bw, bh float64) {
		if h > 0 {
			h += titleGap
		}
		w, h = max(w, bw), h+bh
	}
	if d.mid&midTitle != 0 {
		add(d.title.Size())
	}
	if l := d.legendDrawing; l != nil && d.mid&midLegend != 0 {
		add(l.Size())
	}
	if p := d.panelDrawing; p != nil && d.mid&midPanel != 0 {
		st := d.panelStyle()
		add(draw.PanelWidth(p, st), draw.PanelHeight(p, st))
	}
	return w, h
}

// titleInside and legendInside report whether the title and the legend
// are in the middle of the ring.
func (d *diagram) titleInside() bool {
	_, ok := d.midSpot()
	return ok && d.mid&midTitle != 0
}

func (d *diagram) legendInside() bool {
	_, ok := d.midSpot()
	return ok && d.mid&midLegend != 0 && d.legendDrawing != nil
}

// panelInside reports whether the notes panel is in the middle of the
// ring.
func (d *diagram) panelInside() bool {
	_, ok := d.midSpot()
	return ok && d.mid&midPanel != 0 && d.panelDrawing != nil
}

// midSpot is the centre of the middle block: the free place nearest the
// centre on a grid of tenths of the ring's semi-axes, clear of the boxes
// and of every branch.
func (d *diagram) midSpot() (pt, bool) {
	if d.spot != nil {
		return d.spot.at, d.spot.ok
	}
	d.spot = &spot{}
	w, h := d.midSize()
	if !d.paged || w == 0 {
		return pt{}, false
	}
	best := math.Inf(1)
	for i := -4; i <= 4; i++ {
		for j := -4; j <= 4; j++ {
			c := pt{X: float64(i) * d.R / 10, Y: float64(j) * d.vertical(d.R) / 10}
			if dist := c.Len(); dist < best && d.clearInside(rect{X: c.X, Y: c.Y, W: w, H: h}) {
				best, d.spot.at, d.spot.ok = dist, c, true
			}
		}
	}
	return d.spot.at, d.spot.ok
}

// growForMiddle widens the ring, 4% at a time, until the middle block
// fits (at most doubling it); d.mid becomes empty when it cannot.
func (d *diagram) growForMiddle() {
	if w, _ := d.midSize(); w == 0 {
		return
	}
	if _, ok := d.midSpot(); ok {
		return
	}
	// the least radius (in 4% steps from r0) at which it fits: steps
	// doubling until it does, then halving back
	r0 := d.R
	fitsAt := func(k int) bool {
		d.R, d.spot = r0*math.Pow(1.04, float64(k)), nil
		if !d.fits() {
			return false // a radius at which something finds no place
		}
		_, ok := d.midSpot()
		return ok
	}
	const most = 18 // 1.04^18 ≈ 2: at most doubling the ring
	lo, hi := 0, 1
	for hi < most && !fitsAt(hi) {
		lo, hi = hi, min(2*hi, most)
	}
	if hi == most && !fitsAt(most) {
		d.R, d.mid, d.spot = r0, 0, nil
		d.fits()
		return
	}
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; fitsAt(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	fitsAt(hi)
}

// spot is where the middle block goes, once found.
type spot struct {
	at pt
	ok bool
}

// clearInside reports whether r lies inside the ring, titleMargin from the
// ring's arcs and every branch, titleGap from every box.
func (d *diagram) clearInside(r rect) bool {
	if !d.inside(r, d.R-titleMargin) {
		return false
	}
	for _, m := range d.moments {
		if r.Sep(m.box) < titleGap {
			return false
		}
	}
	for _, p := range d.pills {
		if r.Sep(p.box) < titleGap {
			return false
		}
	}
	grown := r.Grow(titleMargin)
	for _, b := range d.branches {
		if d.inside(grown, d.branchRadius(b)) {
			continue // inside the lane: the branch runs outside it
		}
		for _, q := range d.branchSamples(b) {
			if grown.Contains(q) {
				return false
			}
		}
	}
	return true
}

// reachedSize is the size of names designed at size points and drawn at
// scale k: rounded down to whole points, as Graphviz sets the text
// (draw.Drawing.Scale), so that a warning says what the page shows.
func reachedSize(size, k float64) float64 { return max(1, math.Floor(size*k+0.01)) }

// pageWarnings tells what the page could not keep: names below
// draw.MinNameSize, notes moved off the page.
func (d *diagram) pageWarnings(out *draw.Drawing, k float64, paper draw.Paper) {
	if got := reachedSize(d.nameSize(), k); got < draw.MinNameSize-0.01 {
		w := d.w.WarnSmall
		if paper.Name == "a3" {
			w = d.w.WarnSmallLargest // no larger paper to suggest
		}
		out.Warnings = append(out.Warnings, fmt.Sprintf(w, paperWord(d.w, paper.Name), d.n, got, draw.MinNameSize))
	}
	if len(out.Continued) > 0 {
		var nums []string
		for _, c := range out.Continued {
			for _, r := range c.Rows {
				if r.Key != nil { // not a note's second part
					nums = append(nums, r.Key.Text)
				}
			}
		}
		// the words by format and by one further page or more: [pdf][pages>1]
		one := [2][2]string{{d.w.WarnMovedOne, d.w.WarnMovedOnePages}, {d.w.WarnMovedPDFOne, d.w.WarnMovedPDFOnePages}}
		many := [2][2]string{{d.w.WarnMoved, d.w.WarnMovedPages}, {d.w.WarnMovedPDF, d.w.WarnMovedPDFPages}}
		pdf, more := 0, 0
		if d.opts.Format == FormatPDF {
			pdf = 1
		}
		if len(out.Continued) > 1 {
			more = 1
		}
		w := msg.Plural(d.opts.Lang, len(nums), one[pdf][more], many[pdf][more])
		args := []any{paperWord(d.w, paper.Name), strings.Join(nums, ", ")}
		if more == 1 {
			args = append(args, 1+len(out.Continued)) // the last page
		}
		out.Warnings = append(out.Warnings, fmt.Sprintf(w, args...))
	}
}

// branchSamples are points along branch b's route, computed once for
// each radius of the ring.
func (d *diagram) branchSamples(b *branch) []pt {
	if d.samples == nil || d.samplesR != d.R {
		d.samples, d.samplesR = map[*branch][]pt{}, d.R
	}
	s, ok := d.samples[b]
	if !ok {
		path, _ := d.branchRoute(b)
		s = draw.Samples(path, 8)
		d.samples[b] = s
	}
	return s
}

// stackOrMove stacks the panel from (x, y) down to bottom, or, when not
// even its first row fits on the page, moves it whole to the second page.
// It returns the rows that continue there.
func stackOrMove(out *draw.Drawing, p *draw.Panel, x, y, bottom float64, st draw.PanelStyle, arr *arrangement) *draw.Panel {
	if arr.rowsFit() == 0 {
		out.Panel = nil
		return p
	}
	return draw.StackPanel(p, x, y, bottom, st)
}
