package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// titleSpace is the empty line under a title, over the smaller lines of
// the customer and the organisation, as a share of the title's size.
const titleSpace = 0.2

// titleSizePaged and titleWidthPaged are the size and the text width of
// the title on a named page (design points); heading the page, it may
// widen towards the page's width (placeOnPage).
const (
	titleSizePaged  = 18.0
	titleWidthPaged = 260.0
)

// titleLines adds the title block of every view to l: the cycle's title
// at size (bold, wrapped at width), an empty line (titleSpace), then the
// customer at small and the organisation a point smaller (italic), both
// wrapped at sub.
func titleLines(l *draw.Label, c *cycle.Cycle, w *words, th *theme, size, small, width, sub float64) {
	l.Add(oneLine(c.Title), balancedWidth(oneLine(c.Title), width, size, true), draw.Font{Size: size, Bold: true}, th.Ink)
	if c.Customer != "" || c.Organization != "" {
		l.Space(titleSpace * size)
	}
	if c.Customer != "" {
		l.Add(w.Customer+": "+oneLine(c.Customer), sub, draw.Font{Size: small}, th.Muted)
	}
	if c.Organization != "" {
		l.Add(oneLine(c.Organization), sub, draw.Font{Size: small - 1, Italic: true}, th.Muted)
	}
}

// balancedWidth is the least width, up to width, at which s wraps into
// as few lines as at width: lines of even length, so that a title that
// takes two does not leave a word or two alone on the second ("Cena de
// viernes en La / Cazuela" is "Cena de viernes / en La Cazuela").
func balancedWidth(s string, width, size float64, bold bool) float64 {
	n := len(draw.Wrap(s, width, size, bold))
	if n < 2 {
		return width
	}
	lo, hi := longestWord(s, size, bold), width
	if len(draw.Wrap(s, lo, size, bold)) <= n {
		return lo
	}
	for hi-lo > 0.5 {
		if mid := (lo + hi) / 2; len(draw.Wrap(s, mid, size, bold)) <= n {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// Layout constants, in points (1/72 inch).
const (
	ringGap     = 30.0 // least space between neighbours on the ring (room for an arrow)
	pageRingGap = 15.0 // the same on a named page
	pagePadY    = 4.0  // padY on a named page
	pagePadX    = 7.0  // padX on a named page
	sideGap     = 14.0 // least space between a note and anything else
	attachGap   = 16.0 // space between a moment and its note or callout
	laneFirst   = 20.0 // from the inner edge of the ring to the first branch lane
	laneStep    = 14.0 // between branch lanes
	titleMargin = 18.0 // between the title block and the innermost lane
	titleGap    = 10.0 // between the title block and a box
	padX        = 10.0 // text padding inside a moment box
	padY        = 7.0
	// inlineNotesMax: with more moments than this, or more annotated
	// moments than inlineAnnotatedMax, notes go to a numbered panel.
	inlineNotesMax     = 30
	inlineAnnotatedMax = 12
	// exhaustiveMax: up to this many moments every pair of boxes is
	// checked for overlap; above it, neighbours within overlapWindow.
	exhaustiveMax = 60
	overlapWindow = 4
)

// pt and rect are the drawing model's point and rectangle.
type (
	pt   = draw.Pt
	rect = draw.Rect
)

// extent is how far a box of size w × h reaches from its centre in
// direction a.
func extent(w, h, a float64) float64 {
	return math.Abs(math.Cos(a))*w/2 + math.Abs(math.Sin(a))*h/2
}

// mnode is a moment box.
type mnode struct {
	ma *cycle.MomentAnalysis
	// w and h are its own size: on a named page the box's, elsewhere
	// what its text needs (every box is then d.W × d.H); cw is the text
	// width its label was laid out at
	w, h, cw float64
	label    draw.Label
	box      rect
	url      string
	// dots is where the performance dots go in label: the line and the
	// span (a run of spaces) they are drawn over; line is -1 without a
	// score.
	dots dotRow
}

// attachment is a box outside the ring beside its moment: an inline note
// or a numbered callout badge.
type attachment struct {
	moment  int
	label   draw.Label
	w, h    float64
	box     rect
	callout int // callout number (panel mode): the moment's number; 0 for an inline note
}

// pill is the end marker after a moment from which the customer leaves.
type pill struct {
	moment int
	gap    bool // in the ring gap after the last moment; otherwise inside the ring
	w, h   float64
	box    rect
}

// branch is a `next` edge drawn along an inner lane.
type branch struct {
	edge cycle.Edge
	lane int
	// The branch goes the shorter way round: dir -1 clockwise, +1
	// anticlockwise. It covers the positions from start, clockwise, over
	// length (moment-index units).
	dir            float64
	start, length  float64
	offFrom, offTo float64
	// deepest is how far the boxes it passes reach inwards (see reach);
	// the boxes are sized before branches are built.
	deepest float64
}

// maxLanes bounds the lanes of branches inside the ring; a readable cycle
// needs a handful.
const maxLanes = 48

// branchSpacing is the distance between the ends of branches that
// share a moment's face.
const branchSpacing = 9.0

// panelRow is one entry of the notes panel.
type panelRow struct {
	moment  int
	callout int // the number on its disc: the moment's number
	label   draw.Label
}

// diagram is the whole picture, positioned.
type diagram struct {
	a     *cycle.Analysis
	opts  Options
	th    *theme
	w     *words
	n     int
	W, H  float64 // moment box size (uniform)
	R     float64
	theta []float64

	moments  []*mnode
	attach   []*attachment
	pills    []*pill
	branches []*branch
	branchAt map[[2]*cycle.Moment]*branch // by the edge's ends
	lanes    int
	panel    []*panelRow
	title    draw.Label
	titleBox rect

	// samples caches branchSamples for the radius samplesR
	samples  map[*branch][]pt
	samplesR float64
	// routes caches branchRoute on a named page for the radius routesR
	// (and the moments' places then)
	routes  map[*branch]branchPath
	routesR float64
	// legendMid: the legend sits in the middle of the ring, under the
	// title (the page sized to the content)
	legendMid bool
	// paged: laid out for a named page (page.go): narrower boxes, notes
	// as callouts with a panel, tighter ring
	paged bool
	// ey is the ring's vertical semi-axis over its horizontal one: 1 (a
	// circle) except on named pages (ring.go)
	ey float64
	// mid is what goes in the middle of the ring on a named page, and
	// spot caches where it fits (page.go)
	mid  middle
	spot *spot
	cw   float64 // the text width of a moment box on a named page
	// cwCol is the text width of the boxes in the ring's columns on a
	// named page (wider, so shorter, than cw); 0 or cw for all alike
	cwCol float64
	// legendCols is how many columns the legend's rows stand in on a
	// named page
	legendCols int
	// wideCol: the boxes in the ring's columns are set a line shorter
	// (wideLabel)
	wideCol bool
	// crowd: on a crowded page (page.go), the scale the page is laid out
	// for, below minScale, at which the names print at
	// draw.MinNameSize and the rest of a box's text no smaller than
	// crowdHead, crowdOwner and crowdDots; 0 otherwise
	crowd float64
	// gapTheta is where pack puts the end marker in the gap after the
	// last moment on a named page (NaN for none)
	gapTheta float64
	// packGap is the gap pack found last (ring.go), where it starts
	// looking next
	packGap float64
	// markers: the performance dots are drawn as markers (a decimal
	// score somewhere), else as a row of glyphs
	markers bool
	// lo and hi are the corners of the ring and all drawn on it
	lo, hi pt
	// the legend and the notes panel, unplaced until drawing (legend.go)
	legendDrawing *draw.Legend
	panelDrawing  *draw.Panel
	// splines are the routes of the edges and end markers ringBounds
	// made, for drawing to reuse while the ring stays where it was
	splines *splines
}

// splines are the routes of a diagram's edges (in the analysis's order)
// and end markers (in d.pills's order) for the ring of radius r.
type splines struct {
	r            float64
	edges, pills []spline
}

// spline is a route and its arrow tip.
type spline struct {
	pts []pt
	tip pt
}

// contentWidth is the text width of a moment box: narrower boxes for
// bigger cycles.
func contentWidth(n int) float64 {
	switch {
	case n <= 8:
		return 150
	case n <= 20:
		return 130
	case n <= 40:
		return 115
	}
	return 105
}

// newDiagram lays out the cycle.
func newDiagram(a *cycle.Analysis, o Options) *diagram { return newShaped(a, o, shape{ey: 1}) }

// shape is how a named page asks the ring to be laid out (page.go).
type shape struct {
	ey  float64 // the ring's vertical semi-axis over its horizontal one
	mid middle  // what goes in the ring's middle; it grows until that fits
	cw  float64 // the text width of a moment box; 0 for the default
	// cwCol is the text width of the boxes in the ring's columns; 0 for cw
	cwCol float64
	// legendCols is how many columns the legend's rows stand in
	legendCols int
	// wideCol: the boxes in the ring's columns set the number before the
	// name and the score beside the owner (wideLabel)
	wideCol bool
	// crowd is the scale a crowded page is laid out for (0 for none):
	// see diagram.crowd
	crowd float64
}

// newShaped lays out the cycle on a ring shaped as s asks.
func newShaped(a *cycle.Analysis, o Options, s shape) *diagram { return newShapedIn(a, o, s, nil) }

// radiusKey is what the ring's radius depends on: the boxes and the
// ring's shape, not what goes in its middle.
type radiusKey struct {
	cw, cwCol, ey, crowd float64
	wideCol              bool
}

// newShapedIn is newShaped taking the ring's radius from radii when a
// diagram of the same boxes and ring has been laid out before, and
// keeping it there otherwise (nil for no cache).

func newShapedIn(a *cycle.Analysis, o Options, s shape, radii map[radiusKey]float64) *diagram {
	d := &diagram{a: a, opts: o, th: themes[o.Theme], w: vocabulary[o.Lang], n: len(a.Moments), ey: s.ey, mid: s.mid, cw: s.cw, cwCol: s.cwCol, legendCols: s.legendCols, wideCol: s.wideCol, crowd: s.crowd}
	d.paged = o.Page != "" && o.Page != "auto"
	d.buildMoments()
	d.buildTitle()
	d.buildNotes()
	d.buildPills()
	d.buildBranches()
	d.legendDrawing = d.buildLegend()
	d.panelDrawing = d.buildPanel()
	key := radiusKey{s.cw, s.cwCol, s.ey, s.crowd, s.wideCol}
	cached := false
	if r, ok := radii[key]; ok {
		// the radius found for the same boxes in another arrangement,
		// when everything fits at it here too (else the callouts would
		// keep no place: a one-moment cycle's badge drew as a dot)
		d.R = r
		cached = d.fits()
	}
	if !cached {
		d.solveRadius()
		if radii != nil {
			radii[key] = d.R
		}
	}
	if d.paged {
		g := d.grow()
		d.setTitle(titleSizePaged*g, titleWidthPaged*g, titleWidthPaged*g) // a heading above the ring, or in its middle (page.go)
		d.growForMiddle()
	} else {
		// the legend in the middle, under the title, when both fit there
		// at the title's smallest size; then the title grows around it
		if d.legendDrawing != nil {
			d.legendMid = true
			d.buildTitle()
			d.legendMid = d.clearInside(d.midBlock())
			d.buildTitle()
		}
		d.growTitle()
	}
	d.lo, d.hi = d.ringBounds() // the ring is placed; legend and panel go around it
	return d
}

func (d *diagram) buildMoments() {
	cw := contentWidth(d.n)
	if d.paged {
		cw = d.minWidth(d.cw)
	}
	// Whole scores show their dots as a row of glyphs (one text run);
	// only a cycle with a decimal performance draws them as markers filled
	// in proportion, one Graphviz node each, which doubles the layout of
	// a 1000-moment cycle.
	for _, ma := range d.a.Moments {
		d.markers = d.markers || ma.Performance.Hundredths()%100 != 0
	}
	for _, ma := range d.a.Moments {
		m := &mnode{ma: ma, url: safeURL(ma.URL)}
		d.setLabel(m, cw, false)
		d.moments = append(d.moments, m)
	}
	d.sizeBoxes()
	d.spread()
	if d.paged && d.cwCol > d.cw {
		// boxes in the columns of the ring wider, so shorter: twice, as
		// the moments that fall in the columns change with their heights
		for range 2 {
			for i, m := range d.moments {
				want, col := cw, d.inColumn(d.theta[i])
				if col {
					want = d.minWidth(d.cwCol)
				}
				if want != m.cw {
					d.setLabel(m, want, col)
				}
			}
			d.sizeBoxes()
			d.spread()
		}
	}
}

// minWidth is the text width w of a box on a named page, or more where
// the score's dots take more: names use the width the dots take anyway.
func (d *diagram) minWidth(w float64) float64 {
	if scale := d.a.Cycle.Scale; scale > 0 {
		row := dotSpacer(scale, d.dotSize())
		w = max(w, row.Width()+textWidth(fmt.Sprintf(" %d/%d", scale, scale), d.dotSize(), false))
	}
	return w
}

// setLabel lays out moment m's box text at text width cw; the boxes in
// the ring's columns (col) of a named page may set the number before the
// name and the score beside the owner, a line less than a row's box
// (d.wideCol).
func (d *diagram) setLabel(m *mnode, cw float64, col bool) {
	ma := m.ma
	scale := d.a.Cycle.Scale
	m.cw, m.label, m.dots = cw, draw.Label{}, dotRow{line: -1}
	head := draw.Span{Text: fmt.Sprint(ma.Number()), Font: draw.Font{Size: d.least(10, crowdHead), Bold: true}, Color: d.th.Ink}
	var crit *draw.Span // on a page, the critical mark's own line
	if ma.Critical {
		head.Color = d.th.CritText
		if d.paged {
			crit = &draw.Span{Text: "! " + d.w.Critical, Font: head.Font, Color: head.Color}
		} else {
			head.Text += " · ! " + d.w.Critical
		}
	}
	// the score: a row of spaces the dots are drawn over (momentDots),
	// then the score itself, with one decimal when it has decimals
	// ("3.4/5")
	var score []draw.Span
	if !ma.Performance.IsZero() {
		f := draw.Font{Size: d.dotSize()}
		figure := fmt.Sprintf(" %s/%d", ma.Performance.Short(), scale)
		if d.markers {
			score = []draw.Span{dotSpacer(scale, f.Size), {Text: figure, Font: f, Color: d.th.Ink}}
		} else {
			// one run of text, so that no viewer's own glyph widths
			// open a gap between the dots and the figure
			p := min(int(ma.Performance.Hundredths()/100), scale)
			score = []draw.Span{{Text: strings.Repeat("●", p) + strings.Repeat("○", max(scale-p, 0)) + figure, Font: f, Color: d.th.Ink}}
		}
	}
	if d.paged && col && d.wideCol {
		d.wideLabel(m, head, crit, score)
	} else {
		d.tallLabel(m, head, crit, score)
	}
	w, h := m.label.Size()
	m.w = max(w+2*padX, 70)
	if d.paged {
		m.w = max(w+2*pagePadX, 60)
	}
	m.h = h + 2*pagePadY
	if !d.paged {
		m.h = h + 2*padY
	}
	if ma.Critical {
		// the box takes room with its second outline (draw.Box.Double):
		// the ring's gaps and the arrows run from outline to outline
		m.w, m.h = m.w+2*draw.DoubleGap, m.h+2*draw.DoubleGap
	}
}

// tallLabel sets a box's text as a stack: the number (on a page with the
// score beside it), the critical mark, the name, the owner (and, off a
// page, the score).
func (d *diagram) tallLabel(m *mnode, head draw.Span, crit *draw.Span, score []draw.Span) {
	ma, cw := m.ma, m.cw
	if d.paged && score != nil {
		// on a page the score shares the number's line: one line less
		// in every box
		if d.markers {
			m.dots = dotRow{line: 0, span: 2}
		}
		m.label.AddLine(append([]draw.Span{head, {Text: "   ", Font: score[0].Font}}, score...)...)
	} else {
		m.label.AddLine(head)
	}
	if crit != nil {
		// a line of its own, so that it does not set every box's width
		m.label.AddLine(*crit)
	}
	if d.paged {
		// a narrow box keeps its words whole: it widens to its longest
		// (up to the widest box tried)
		cw = max(cw, min(longestWord(ma.Name, d.nameSize(), true), pagedWidths[len(pagedWidths)-1]),
			min(longestWord(ma.Owner, d.ownerSize(), false), pagedWidths[len(pagedWidths)-1]))
	}
	m.label.Add(oneLine(ma.Name), cw, draw.Font{Size: d.nameSize(), Bold: true}, d.th.Ink)
	if ma.Owner != "" {
		m.label.Add(oneLine(ma.Owner), cw, draw.Font{Size: d.ownerSize(), Italic: true}, d.th.Muted)
	}
	if !d.paged && score != nil {
		if d.markers {
			m.dots = dotRow{line: len(m.label.Lines), span: 0}
		}
		m.label.AddLine(score...)
	}
}

// wideLabel sets a wide box's text: the number before the name's first
// line, then the critical mark, the score and the owner on one line where
// they fit (the owner on lines of its own where they do not).
func (d *diagram) wideLabel(m *mnode, head draw.Span, crit *draw.Span, score []draw.Span) {
	ma, cw := m.ma, m.cw
	name := draw.Font{Size: d.nameSize(), Bold: true}
	gap := draw.Span{Text: "  ", Font: name}
	indent := head.Width() + gap.Width()
	for i, l := range draw.Wrap(oneLine(ma.Name), cw-indent, name.Size, name.Bold) {
		spans := []draw.Span{{Text: l, Font: name, Color: d.th.Ink}}
		if i == 0 {
			spans = append([]draw.Span{head, gap}, spans...)
		}
		m.label.AddLine(spans...)
	}
	var meta []draw.Span
	sep := func(f draw.Font) {
		if len(meta) > 0 {
			meta = append(meta, draw.Span{Text: "   ", Font: f})
		}
	}
	if crit != nil {
		meta = append(meta, *crit)
	}
	if score != nil {
		sep(score[0].Font)
		if d.markers {
			m.dots = dotRow{line: len(m.label.Lines), span: len(meta)}
		}
		meta = append(meta, score...)
	}
	owner := draw.Font{Size: d.ownerSize(), Italic: true}
	if ma.Owner != "" {
		o := oneLine(ma.Owner)
		w := draw.TextLine{Spans: meta}.Width() + textWidth("   "+o, owner.Size, false)
		if w <= cw {
			sep(owner)
			meta = append(meta, draw.Span{Text: o, Font: owner, Color: d.th.Muted})
			o = ""
		}
		if len(meta) > 0 {
			m.label.AddLine(meta...)
		}
		if o != "" {
			m.label.Add(o, max(cw, min(longestWord(o, owner.Size, false), pagedWidths[len(pagedWidths)-1])), owner, d.th.Muted)
		}
		return
	}
	if len(meta) > 0 {
		m.label.AddLine(meta...)
	}
}

// ownerSize is the design size of a box's owner.
func (d *diagram) ownerSize() float64 { return d.least(9, crowdOwner) }

// longestWord is the width of the widest word of s at size points.
func longestWord(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, f := range strings.Fields(s) {
		w = max(w, textWidth(f, size, bold))
	}
	return w
}

// sizeBoxes sets the shared box size: on the default page every box is
// W × H; on a named page W and H are the largest, and each box keeps its
// own size (mnode.w, mnode.h).
func (d *diagram) sizeBoxes() {
	d.W, d.H = 0, 0
	for _, m := range d.moments {
		d.W, d.H = max(d.W, m.w), max(d.H, m.h)
	}
}

// inColumn reports whether the ring runs up or down at parameter t: its
// boxes there stand in a column, and on a named page may be wider.
func (d *diagram) inColumn(t float64) bool {
	saved := d.R
	d.R = 1000
	v := d.tangentAt(d.R, t, 1)
	d.R = saved
	return math.Abs(v.Y) > math.Abs(v.X)
}

// size is the size of moment i's box.
func (d *diagram) size(i int) (w, h float64) {
	if !d.paged {
		return d.W, d.H
	}
	m := d.moments[i]
	return m.w, m.h
}
func (d *diagram) buildTitle() { d.setTitle(18, 230, 230) }

// setTitle lays out the title block with the title at size points,
// wrapped at width, and the customer and organisation wrapped at sub.
func (d *diagram) setTitle(size, width, sub float64) {
	d.title = draw.Label{}
	titleLines(&d.title, d.a.Cycle, d.w, d.th, size, max(11, math.Round(size*0.5)), width, sub)
	w, h := d.title.Size()
	d.titleBox = rect{X: 0, Y: 0, W: w + 8, H: h + 8}
	if d.legendMid {
		// the title above the legend, the two centred together
		_, lh := d.legendDrawing.Size()
		d.titleBox.Y = (lh + titleGap) / 2
	}
}

// midBlock is the title and the legend stacked in the middle of the ring.
func (d *diagram) midBlock() rect {
	lw, lh := d.legendDrawing.Size()
	h := d.titleBox.H + titleGap + lh
	return rect{W: max(d.titleBox.W, lw), H: h, Y: (d.titleBox.Y + d.titleBox.H/2) - h/2}
}

// titleFits reports whether the title block, at the centre, keeps
// titleGap from the moments and the end markers inside the ring, and
// titleMargin from the ring itself and every branch's lane.
func (d *diagram) titleFits() bool {
	if d.legendMid {
		return d.clearInside(d.midBlock())
	}
	room := d.R - titleMargin
	for _, b := range d.branches {
		room = min(room, d.branchRadius(b)-titleMargin)
	}
	if !d.inside(d.titleBox, room) {
		return false
	}
	for _, m := range d.moments {
		if d.titleBox.Sep(m.box) < titleGap {
			return false
		}
	}
	for _, p := range d.pills {
		if d.titleBox.Sep(p.box) < titleGap {
			return false
		}
	}
	return true
}

// inside reports whether box r, about the centre, lies within the ring
// curve of horizontal semi-axis room.
func (d *diagram) inside(r rect, room float64) bool {
	if d.round() && r.X == 0 && r.Y == 0 {
		return math.Hypot(r.W/2, r.H/2) <= room
	}
	return d.within(r.Max(), room) && d.within(r.Min(), room) &&
		d.within(pt{X: r.Min().X, Y: r.Max().Y}, room) && d.within(pt{X: r.Max().X, Y: r.Min().Y}, room)
}

// growTitle sets the title as large (up to 32 points) and on as few lines
// as the space inside the ring allows (see titleFits): at each size the
// widest wrap that fits is taken (up to the ring's diameter), and a title
// on fewer lines wins over a larger one down to 80% of the largest size
// that fits.
func (d *diagram) growTitle() {
	type choice struct {
		size, width, sub float64
		lines            int
	}
	title := oneLine(d.a.Cycle.Title)
	const broken = 100
	var best *choice
	largest := 0.0 // the largest size that fits
	for size := 32.0; size > 18; size -= 2 {
		// the widest fitting wrap has the fewest lines at this size; the
		// narrowest with as few lines balances them
		var c *choice
		for k := 0; k <= 30; k++ {
			width := min(2*min(d.R, d.vertical(d.R)), 520) * (1 - 0.03*float64(k))
			wrapped := wrap(title, width, size, true)
			lines := len(wrapped)
			if strings.Join(wrapped, " ") != strings.Join(strings.Fields(title), " ") {
				lines += broken // a word broken in two: only when nothing else fits
			}
			if c != nil && lines > c.lines {
				break
			}
			sub := width
			if c != nil {
				sub = c.sub // the lines below keep the widest width that fits
			}
			d.setTitle(size, width, sub)
			if !d.titleFits() && sub > width {
				sub = width
				d.setTitle(size, width, sub)
			}
			if d.titleFits() {
				c = &choice{size, width, sub, lines}
			}
		}
		switch {
		case c == nil:
		case best == nil:
			best, largest = c, size
		case best.lines >= broken && c.lines < broken:
			best, largest = c, size // whole words first
		case c.lines < best.lines && size >= 0.8*largest:
			best = c
		}
	}
	if best == nil {
		d.buildTitle()
		return
	}
	d.setTitle(best.size, best.width, best.sub)
}

// panelMode reports whether notes go to a numbered panel.
func (d *diagram) panelMode() bool {
	annotated := 0
	for _, m := range d.a.Moments {
		if len(m.Improvements) > 0 {
			annotated++
		}
	}
	return d.n > inlineNotesMax || annotated > inlineAnnotatedMax || (d.paged && annotated > 0)
}

// improvementLines adds an improvement's action and details to b.
func (d *diagram) improvementLines(b *draw.Label, im *cycle.Improvement, width float64) {
	action := oneLine(im.Action)
	switch im.Status {
	case "done":
		action += " (" + d.w.Done + ")"
	case "doing":
		action += " (" + d.w.Doing + ")"
	}
	b.Add("• "+action, width, draw.Font{Size: 9}, d.th.Ink)
	var meta []string
	if im.Owner != "" {
		meta = append(meta, oneLine(im.Owner))
	}
	if im.HasDue() {
		meta = append(meta, d.w.Due+"\u00a0"+im.Due.Format("2006-01-02")) // one line
	}
	if len(meta) > 0 {
		// the dot stays at the end of the owner's line, not at the start of
		// the date's
		b.Add("   "+strings.Join(meta, "\u00a0· "), width, draw.Font{Size: d.metaSize(), Italic: true}, d.th.Muted)
	}
}

func (d *diagram) buildNotes() {
	panel := d.panelMode()
	for i, ma := range d.a.Moments {
		if len(ma.Improvements) == 0 {
			continue
		}
		at := &attachment{moment: i}
		if panel {
			// the callout and its panel row carry the moment's number
			at.callout = ma.Number()
			at.w = discSize(at.callout) * d.grow()
			at.h = at.w
			row := &panelRow{moment: i, callout: at.callout}
			row.label.Left = true
			row.label.Add(oneLine(ma.Name), d.panelWidth(), draw.Font{Size: 9, Bold: true}, d.th.Ink)
			for _, im := range ma.Improvements {
				d.improvementLines(&row.label, im, d.panelWidth())
			}
			d.panel = append(d.panel, row)
		} else {
			at.label.Left = true
			for _, im := range ma.Improvements {
				d.improvementLines(&at.label, im, 140)
			}
			w, h := at.label.Size()
			at.w, at.h = w+16, h+12
		}
		d.attach = append(d.attach, at)
	}
}

// discSize is the diameter of a callout disc showing the number n.
func discSize(n int) float64 {
	return max(22, textWidth(fmt.Sprint(n), 10, true)*slack+6)
}

func (d *diagram) buildPills() {
	c := d.a.Cycle
	g := d.grow()
	w := max(textWidth(d.w.End, 9, true)*slack+16, 34) * g
	for i, ma := range d.a.Moments {
		if c.IsEnd(ma.Moment) {
			d.pills = append(d.pills, &pill{moment: i, gap: i == d.n-1, w: w, h: 18 * g})
		}
	}
}

// buildBranches assigns each branch an inner lane: shorter spans outer,
// no two overlapping spans on one lane.
func (d *diagram) buildBranches() {
	for _, e := range d.a.Edges {
		if e.Kind != cycle.Branch {
			continue
		}
		n := float64(d.n)
		i, j := float64(e.From.Index), float64(e.To.Index)
		cw := math.Mod(j-i+n, n) // clockwise distance
		b := &branch{edge: e, dir: -1, start: i, length: cw}
		switch {
		case i == j:
			b.start, b.length = i, 0.5
		case cw > n/2 || (cw == n/2 && j < i):
			b.dir, b.start, b.length = 1, j, n-cw
		}
		b.deepest = d.reach(b.start, b.length)
		d.branches = append(d.branches, b)
		if d.branchAt == nil {
			d.branchAt = map[[2]*cycle.Moment]*branch{}
		}
		if k := [2]*cycle.Moment{e.From, e.To}; d.branchAt[k] == nil {
			d.branchAt[k] = b
		}
	}
	// lane assignment, shortest first (stable, by file order): each branch
	// takes the outermost lane where no branch covers a common stretch of
	// the ring. A lane is a bitmap of the ring's half positions (branch
	// ends are whole positions, a moment's branch to itself half of one),
	// so that a cycle with thousands of branches is assigned in
	// milliseconds; past maxLanes, branches share the innermost lane.
	order := slices.Clone(d.branches)
	slices.SortStableFunc(order, func(a, b *branch) int { return cmp.Compare(a.length, b.length) })
	half := 2 * d.n
	words := (half + 63) / 64
	mask := make([]uint64, words)
	var used [][]uint64
	for _, b := range order {
		clear(mask)
		from, span := int(math.Round(2*b.start)), int(math.Round(2*b.length))
		for k := 0; k <= span; k++ {
			p := (from + k) % half
			mask[p/64] |= 1 << (p % 64)
		}
		lane := len(used)
		for l, bits := range used {
			free := true
			for w, m := range mask {
				if bits[w]&m != 0 {
					free = false
					break
				}
			}
			if free {
				lane = l
				break
			}
		}
		if lane == len(used) {
			if len(used) < maxLanes {
				used = append(used, make([]uint64, words))
			} else {
				lane = maxLanes - 1
			}
		}
		for w, m := range mask {
			used[lane][w] |= m
		}
		b.lane = lane
	}
	d.lanes = len(used)
	// endpoint offsets along each moment's inner face, so that branches
	// sharing a moment do not share a line, in the order that keeps them
	// from crossing: a branch whose lane lies clockwise of the moment
	// starts on the clockwise side of its face, the outer lanes outermost
	// (the first that turn away)
	type end struct {
		b    *branch
		from bool
		key  float64
	}
	ends := make([][]end, d.n)
	for _, b := range d.branches {
		f, t := b.edge.From.Index, b.edge.To.Index
		outer := float64(maxLanes + 1 - b.lane)
		// b.dir is -1 when the branch travels clockwise: its lane lies
		// clockwise of its source and anticlockwise of its target
		ends[f] = append(ends[f], end{b, true, -b.dir * outer})
		ends[t] = append(ends[t], end{b, false, b.dir * outer})
	}
	for _, es := range ends {
		slices.SortStableFunc(es, func(x, y end) int { return cmp.Compare(x.key, y.key) })
		for i, e := range es {
			off := (float64(i) - float64(len(es)-1)/2) * branchSpacing
			if e.from {
				e.b.offFrom = off
			} else {
				e.b.offTo = off
			}
		}
	}
}

// innerBand is the depth, inside the ring, taken by end markers of
// moments other than the last.
func (d *diagram) innerBand() float64 {
	for _, p := range d.pills {
		if !p.gap {
			return p.w + attachGap
		}
	}
	return 0
}

// halfDiag is the largest reach of a moment box from its centre.
func (d *diagram) halfDiag() float64 { return math.Hypot(d.W/2, d.H/2) }

// placeRing puts the moments and end markers on the ring of radius d.R.
func (d *diagram) placeRing() {
	for i, m := range d.moments {
		c := d.at(d.R, d.theta[i])
		w, h := d.size(i)
		m.box = rect{X: c.X, Y: c.Y, W: w, H: h}
	}
	for _, p := range d.pills {
		var c pt
		if p.gap {
			t := d.theta[p.moment] - math.Pi/float64(d.n)
			switch {
			case d.paged && !math.IsNaN(d.gapTheta):
				t = d.gapTheta
			case !d.round():
				t = (d.theta[p.moment] + d.theta[0] - 2*math.Pi) / 2
			}
			c = d.at(d.R, t)
		} else {
			a := d.theta[p.moment]
			mw, mh := d.size(p.moment)
			c = d.at(d.R-extent(mw, mh, a)-attachGap-extent(p.w, p.h, a), a)
		}
		p.box = rect{X: c.X, Y: c.Y, W: p.w, H: p.h}
	}
}

// placed is a box for the overlap check.
type placed struct {
	r    rect
	pos  float64 // position around the ring, in moment-index units
	ring bool    // on the ring itself (moments, the end marker in the gap)
	// owner is 1 + the index of the moment a box belongs to (the moment
	// itself, its badge), which need no gap between them; 0 for none
	owner int
}

// clear reports whether p keeps its distance from everything in all near
// it: on a ring of up to exhaustiveMax moments everything, on a larger
// one what is within overlapWindow positions of it either way round. It
// runs for every box at every radius solveRadius tries, over every box
// placed before it, so the boxes are not copied.
func (d *diagram) clear(p placed, all []placed) bool {
	every := d.n <= exhaustiveMax
	n := float64(d.n)
	for i := range all {
		q := &all[i]
		if !every {
			if dist := math.Abs(p.pos - q.pos); dist > overlapWindow && n-dist > overlapWindow {
				continue
			}
		}
		if p.owner > 0 && p.owner == q.owner {
			continue
		}
		need := sideGap
		if p.ring && q.ring {
			need = d.ringGap()
		}
		if p.r.Sep(q.r) < need {
			return false
		}
	}
	return true
}

// fits places the ring at d.R and then each note or callout as close to
// its moment as it can go without touching anything (pushing it outward
// when needed). It reports whether everything found room.
func (d *diagram) fits() bool {
	if d.paged {
		d.pack()
	}
	d.placeRing()
	if !d.round() {
		// every lane inside the ring with room to turn (on a circle the
		// starting radius already leaves it)
		for _, b := range d.branches {
			if r0 := d.branchRadius(b); r0 < laneFirst || d.vertical(r0) < laneFirst {
				return false
			}
		}
	}
	all := make([]placed, 0, d.n+len(d.pills)+len(d.attach))
	for i, m := range d.moments {
		p := placed{r: m.box, pos: float64(i), ring: true, owner: i + 1}
		if !d.clear(p, all) {
			return false
		}
		all = append(all, p)
	}
	for _, pl := range d.pills {
		p := placed{r: pl.box, pos: float64(pl.moment), ring: pl.gap}
		if pl.gap {
			p.pos += 0.5
		}
		if !d.clear(p, all) {
			return false
		}
		all = append(all, p)
	}
	for _, at := range d.attach {
		if d.paged && at.callout > 0 {
			// a badge on the moment's outer corner
			at.box = d.badge(at)
			p := placed{r: at.box, pos: float64(at.moment), owner: at.moment + 1}
			if !d.clear(p, all) {
				return false
			}
			all = append(all, p)
			continue
		}
		a := d.theta[at.moment]
		mw, mh := d.size(at.moment)
		r0 := d.R + extent(mw, mh, a) + attachGap + extent(at.w, at.h, a)
		ok := false
		for push := 0.0; push <= 3*max(at.w, at.h); push += 4 {
			c := d.at(r0+push, a)
			at.box = rect{X: c.X, Y: c.Y, W: at.w, H: at.h}
			p := placed{r: at.box, pos: float64(at.moment)}
			if d.clear(p, all) {
				all = append(all, p)
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// solveRadius finds the smallest radius (within 1%) at which nothing
// overlaps and the title fits inside the innermost lane.
func (d *diagram) solveRadius() {
	hd := d.halfDiag()
	titleR := math.Hypot(d.titleBox.W/2, d.titleBox.H/2)
	if d.paged {
		titleR = 0 // the title is a heading above the ring
	}
	lanes := float64(max(d.lanes-1, 0)) * laneStep
	if d.lanes > 0 {
		lanes += laneFirst
	}
	d.R = max(
		hd+d.innerBand()+lanes+titleMargin+titleR,
		float64(d.n)*(min(d.W, d.H)+d.ringGap())/(2*math.Pi),
	)
	if d.n == 1 {
		d.R = max(d.R, d.H+d.ringGap())
	}
	if !d.round() {
		d.R *= min(1, 2/(1+d.ey)) / 2 // a lower bound: bisection finds the radius
	}
	grow := 1.25
	if d.paged {
		// near the radius at which the packed ring just closes (pack):
		// from there, fewer steps
		d.R, grow = max(d.R, 0.9*d.packedRadius()), 1.1
	}
	// bracket the radius (lo does not fit, hi does), then bisect to
	// within 1%
	lo, hi := d.R, d.R
	switch {
	case !d.fits():
		for range 200 {
			d.R = hi * grow
			if d.fits() {
				hi = d.R
				break
			}
			lo, hi = d.R, d.R
		}
	case !d.paged:
		return // the starting radius is a lower bound
	default:
		// on a page it is an estimate: shrink until it does not fit
		for range 40 {
			d.R = lo / grow
			if !d.fits() {
				lo = d.R
				break
			}
			lo, hi = d.R, d.R
		}
	}
	for hi-lo > 0.01*lo {
		d.R = (lo + hi) / 2
		if d.fits() {
			hi = d.R
		} else {
			lo = d.R
		}
	}
	d.R = hi
	d.fits()
}

// ringBounds is the bounding box of the ring and everything around it,
// edges included.
func (d *diagram) ringBounds() (lo, hi pt) {
	lo = pt{X: d.titleBox.X - d.titleBox.W/2, Y: d.titleBox.Y - d.titleBox.H/2}
	hi = pt{X: d.titleBox.X + d.titleBox.W/2, Y: d.titleBox.Y + d.titleBox.H/2}
	grow := func(r rect) {
		lo.X, lo.Y = min(lo.X, r.X-r.W/2), min(lo.Y, r.Y-r.H/2)
		hi.X, hi.Y = max(hi.X, r.X+r.W/2), max(hi.Y, r.Y+r.H/2)
	}
	for _, m := range d.moments {
		grow(m.box)
	}
	for _, at := range d.attach {
		grow(at.box)
	}
	for _, p := range d.pills {
		grow(p.box)
	}
	// the edges: ring arcs bulge beyond the boxes they join, most in
	// small cycles
	curve := func(pts []pt, tip pt) {
		grow(rect{X: tip.X, Y: tip.Y, W: 2 * draw.ArrowLen, H: 2 * draw.ArrowLen})
		draw.EachSample(pts, 16, func(p pt) { grow(rect{X: p.X, Y: p.Y, W: 0, H: 0}) })
	}
	sp := &splines{r: d.R, edges: make([]spline, len(d.a.Edges)), pills: make([]spline, len(d.pills))}
	for i, e := range d.a.Edges {
		s := &sp.edges[i]
		if e.Kind == cycle.Branch && d.paged {
			// the lane's route is as far out as the finished one
			// (branchRoute only slides its ends along the faces or
			// draws it more directly, inside the ring), and every
			// arrangement tried takes these bounds
			b := d.branchOf(e)
			s.pts, s.tip = d.branchRouteAt(b, b.offFrom, b.offTo, false)
		} else {
			s.pts, s.tip = d.edgeRoute(e)
		}
		curve(s.pts, s.tip)
	}
	for i, p := range d.pills {
		s := &sp.pills[i]
		s.pts, s.tip = d.pillRoute(p)
		curve(s.pts, s.tip)
	}
	d.splines = sp
	return lo, hi
}

// edgeSpline is edgeRoute(d.a.Edges[i]), made once for the ring as
// ringBounds left it.
func (d *diagram) edgeSpline(i int) ([]pt, pt) {
	if sp := d.splines; sp != nil && sp.r == d.R && !d.paged {
		return sp.edges[i].pts, sp.edges[i].tip
	}
	return d.edgeRoute(d.a.Edges[i])
}

// pillSpline is pillRoute(d.pills[i]), made once for the ring as
// ringBounds left it.
func (d *diagram) pillSpline(i int) ([]pt, pt) {
	if sp := d.splines; sp != nil && sp.r == d.R && !d.paged {
		return sp.pills[i].pts, sp.pills[i].tip
	}
	return d.pillRoute(d.pills[i])
}
