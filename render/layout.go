package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
)

// Layout constants, in points (1/72 inch).
const (
	ringGap     = 30.0 // least space between neighbours on the ring (room for an arrow)
	sideGap     = 14.0 // least space between a note and anything else
	attachGap   = 16.0 // space between a moment and its note or callout
	laneFirst   = 20.0 // from the inner edge of the ring to the first branch lane
	laneStep    = 14.0 // between branch lanes
	titleMargin = 18.0 // between the title block and the innermost lane
	titleGap    = 10.0 // between the title block and a box
	arrowLen    = 9.0  // arrowhead length at arrowsize 0.9
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

// pt is a point, y up.
type pt struct{ X, Y float64 }

func (p pt) add(q pt) pt          { return pt{p.X + q.X, p.Y + q.Y} }
func (p pt) sub(q pt) pt          { return pt{p.X - q.X, p.Y - q.Y} }
func (p pt) mul(k float64) pt     { return pt{p.X * k, p.Y * k} }
func (p pt) len() float64         { return math.Hypot(p.X, p.Y) }
func polar(r, a float64) pt       { return pt{r * math.Cos(a), r * math.Sin(a)} }
func unit(a float64) pt           { return pt{math.Cos(a), math.Sin(a)} }
func tangent(a, dir float64) pt   { return pt{-math.Sin(a) * dir, math.Cos(a) * dir} }
func (r rect) contains(p pt) bool { return math.Abs(p.X-r.X) <= r.W/2 && math.Abs(p.Y-r.Y) <= r.H/2 }

// rect is an axis-aligned box: centre and size.
type rect struct{ X, Y, W, H float64 }

// sep is the gap between two boxes: negative when they overlap.
func (r rect) sep(o rect) float64 {
	return max(math.Abs(r.X-o.X)-(r.W+o.W)/2, math.Abs(r.Y-o.Y)-(r.H+o.H)/2)
}

// extent is how far the box reaches from its centre in direction a.
func extent(w, h, a float64) float64 {
	return math.Abs(math.Cos(a))*w/2 + math.Abs(math.Sin(a))*h/2
}

// rayExit returns the point where the ray from q (inside r) in direction d
// leaves r.
func rayExit(r rect, q, d pt) pt {
	t := math.Inf(1)
	if d.X > 1e-12 {
		t = min(t, (r.X+r.W/2-q.X)/d.X)
	} else if d.X < -1e-12 {
		t = min(t, (r.X-r.W/2-q.X)/d.X)
	}
	if d.Y > 1e-12 {
		t = min(t, (r.Y+r.H/2-q.Y)/d.Y)
	} else if d.Y < -1e-12 {
		t = min(t, (r.Y-r.H/2-q.Y)/d.Y)
	}
	if math.IsInf(t, 1) || t < 0 {
		t = 0
	}
	return q.add(d.mul(t))
}

// cornerRadius is the radius with which Graphviz rounds the corners of a
// box with style "rounded" (as large boxes as ciclo's).
const cornerRadius = 12.0

// roundedDist is the signed distance from p to the outline of box r with
// corners rounded to radius rad: negative inside.
func roundedDist(r rect, rad float64, p pt) float64 {
	qx := math.Abs(p.X-r.X) - (r.W/2 - rad)
	qy := math.Abs(p.Y-r.Y) - (r.H/2 - rad)
	return math.Hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - rad
}

// roundedExit returns the point where the ray from q (inside r) in
// direction d crosses the outline of r with corners rounded to radius
// rad.
func roundedExit(r rect, rad float64, q, d pt) pt {
	out := rayExit(r, q, d)
	if rad <= 0 || roundedDist(r, rad, out) <= 1e-9 {
		return out
	}
	in := q
	for range 40 {
		mid := in.add(out).mul(0.5)
		if roundedDist(r, rad, mid) <= 0 {
			in = mid
		} else {
			out = mid
		}
	}
	return in
}

// mnode is a moment box.
type mnode struct {
	ma    *cycle.MomentAnalysis
	label block
	box   rect
	url   string
}

// attachment is a box outside the ring beside its moment: an inline note
// or a numbered callout badge.
type attachment struct {
	moment  int
	label   block
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

// panelRow is one entry of the notes panel.
type panelRow struct {
	moment  int
	callout int // the number on its disc: the moment's number
	label   block
	box     rect
}

// legendRow is one entry of the legend.
type legendRow struct {
	kind string // moment, critical, performance, flow, handoff, branch, branch-handoff, end, note, callout
	text string
	y    float64
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

	moments   []*mnode
	attach    []*attachment
	pills     []*pill
	branches  []*branch
	branchAt  map[[2]*cycle.Moment]*branch // by the edge's ends
	lanes     int
	panel     []*panelRow
	panelHead rect
	title     block
	titleBox  rect

	legend        []legendRow
	legendSampleW float64 // width of the legend's sample column
	legendBox     rect
	legendTitle   rect
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
func newDiagram(a *cycle.Analysis, o Options) *diagram {
	d := &diagram{a: a, opts: o, th: themes[o.Theme], w: vocabulary[o.Lang], n: len(a.Moments)}
	d.buildMoments()
	d.buildTitle()
	d.buildNotes()
	d.buildPills()
	d.buildBranches()
	d.solveRadius()
	d.growTitle()
	lo, hi := d.ringBounds() // the ring is placed; legend and panel go around it
	d.buildLegend(lo)
	d.placePanel(hi)
	return d
}

func (d *diagram) buildMoments() {
	cw := contentWidth(d.n)
	scale := d.a.Cycle.Scale
	for _, ma := range d.a.Moments {
		m := &mnode{ma: ma, url: safeURL(ma.URL)}
		head := span{text: fmt.Sprint(ma.Number()), size: 10, bold: true, color: d.th.Ink}
		if ma.Critical {
			head.text += " · ! " + d.w.Critical
			head.color = d.th.CritText
		}
		m.label.lines = append(m.label.lines, tline{head})
		m.label.add(oneLine(ma.Name), cw, span{size: 11, bold: true, color: d.th.Ink})
		if ma.Owner != "" {
			m.label.add(oneLine(ma.Owner), cw, span{size: 9, italic: true, color: d.th.Muted})
		}
		if !ma.Performance.IsZero() {
			// whole dots filled; the score itself printed with one
			// decimal when it has decimals ("3.4/5")
			p := min(int(ma.Performance.Hundredths()/100), scale)
			dots := strings.Repeat("●", p) + strings.Repeat("○", max(scale-p, 0))
			m.label.lines = append(m.label.lines, tline{
				{text: fmt.Sprintf("%s %s/%d", dots, ma.Performance.Short(), scale), size: 9, color: d.th.Ink},
			})
		}
		w, h := m.label.size()
		d.W = max(d.W, w+2*padX, 70)
		d.H = max(d.H, h+2*padY)
		d.moments = append(d.moments, m)
	}
	d.theta = make([]float64, d.n)
	for i := range d.theta {
		d.theta[i] = math.Pi/2 - 2*math.Pi*float64(i)/float64(d.n)
	}
}

func (d *diagram) buildTitle() { d.setTitle(18, 230, 230) }

// setTitle lays out the title block with the title at size points,
// wrapped at width, and the customer and organisation wrapped at sub.
func (d *diagram) setTitle(size, width, sub float64) {
	c := d.a.Cycle
	d.title = block{}
	d.title.add(oneLine(c.Title), width, span{size: size, bold: true, color: d.th.Ink})
	small := max(11, math.Round(size*0.5))
	if c.Customer != "" {
		d.title.add(d.w.Customer+": "+oneLine(c.Customer), sub, span{size: small, color: d.th.Muted})
	}
	if c.Organization != "" {
		d.title.add(oneLine(c.Organization), sub, span{size: small - 1, italic: true, color: d.th.Muted})
	}
	w, h := d.title.size()
	d.titleBox = rect{0, 0, w + 8, h + 8}
}

// titleFits reports whether the title block, at the centre, keeps
// titleGap from the moments and the end markers inside the ring, and
// titleMargin from the ring itself and every branch's lane.
func (d *diagram) titleFits() bool {
	reach := math.Hypot(d.titleBox.W/2, d.titleBox.H/2)
	room := d.R - titleMargin
	for _, b := range d.branches {
		room = min(room, d.branchRadius(b)-titleMargin)
	}
	if reach > room {
		return false
	}
	for _, m := range d.moments {
		if d.titleBox.sep(m.box) < titleGap {
			return false
		}
	}
	for _, p := range d.pills {
		if d.titleBox.sep(p.box) < titleGap {
			return false
		}
	}
	return true
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
			width := min(2*d.R, 520) * (1 - 0.03*float64(k))
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
	return d.n > inlineNotesMax || annotated > inlineAnnotatedMax
}

// improvementLines adds an improvement's action and details to b.
func (d *diagram) improvementLines(b *block, im *cycle.Improvement, width float64) {
	action := oneLine(im.Action)
	switch im.Status {
	case "done":
		action += " (" + d.w.Done + ")"
	case "doing":
		action += " (" + d.w.Doing + ")"
	}
	b.add("• "+action, width, span{size: 9, color: d.th.Ink})
	var meta []string
	if im.Owner != "" {
		meta = append(meta, oneLine(im.Owner))
	}
	if im.HasDue() {
		meta = append(meta, d.w.Due+" "+im.Due.Format("2006-01-02"))
	}
	if len(meta) > 0 {
		b.add("   "+strings.Join(meta, " · "), width, span{size: 8, italic: true, color: d.th.Muted})
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
			at.w = discSize(at.callout)
			at.h = at.w
			row := &panelRow{moment: i, callout: at.callout}
			row.label.left = true
			row.label.add(oneLine(ma.Name), 230, span{size: 9, bold: true, color: d.th.Ink})
			for _, im := range ma.Improvements {
				d.improvementLines(&row.label, im, 230)
			}
			d.panel = append(d.panel, row)
		} else {
			at.label.left = true
			for _, im := range ma.Improvements {
				d.improvementLines(&at.label, im, 140)
			}
			w, h := at.label.size()
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
	w := max(textWidth(d.w.End, 9, true)*slack+16, 34)
	for i, ma := range d.a.Moments {
		if c.IsEnd(ma.Moment) {
			d.pills = append(d.pills, &pill{moment: i, gap: i == d.n-1, w: w, h: 18})
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
	// sharing a moment do not share a line
	type end struct {
		b    *branch
		from bool
		key  float64
	}
	ends := make([][]end, d.n)
	for _, b := range d.branches {
		f, t := b.edge.From.Index, b.edge.To.Index
		ends[f] = append(ends[f], end{b, true, float64(t - f)})
		ends[t] = append(ends[t], end{b, false, float64(f - t)})
	}
	for _, es := range ends {
		for i, e := range es {
			off := (float64(i) - float64(len(es)-1)/2) * 9
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
		c := polar(d.R, d.theta[i])
		m.box = rect{c.X, c.Y, d.W, d.H}
	}
	for _, p := range d.pills {
		var c pt
		if p.gap {
			c = polar(d.R, d.theta[p.moment]-math.Pi/float64(d.n))
		} else {
			a := d.theta[p.moment]
			c = polar(d.R-extent(d.W, d.H, a)-attachGap-extent(p.w, p.h, a), a)
		}
		p.box = rect{c.X, c.Y, p.w, p.h}
	}
}

// placed is a box for the overlap check.
type placed struct {
	r    rect
	pos  float64 // position around the ring, in moment-index units
	ring bool    // on the ring itself (moments, the end marker in the gap)
}

// near reports whether two positions around the ring are close enough to
// need an overlap check.
func (d *diagram) near(a, b float64) bool {
	if d.n <= exhaustiveMax {
		return true
	}
	dist := math.Abs(a - b)
	return min(dist, float64(d.n)-dist) <= overlapWindow
}

// clear reports whether p keeps its distance from everything in all.
func (d *diagram) clear(p placed, all []placed) bool {
	for _, q := range all {
		if !d.near(p.pos, q.pos) {
			continue
		}
		need := sideGap
		if p.ring && q.ring {
			need = ringGap
		}
		if p.r.sep(q.r) < need {
			return false
		}
	}
	return true
}

// fits places the ring at d.R and then each note or callout as close to
// its moment as it can go without touching anything (pushing it outward
// when needed). It reports whether everything found room.
func (d *diagram) fits() bool {
	d.placeRing()
	all := make([]placed, 0, d.n+len(d.pills)+len(d.attach))
	for i, m := range d.moments {
		p := placed{m.box, float64(i), true}
		if !d.clear(p, all) {
			return false
		}
		all = append(all, p)
	}
	for _, pl := range d.pills {
		p := placed{pl.box, float64(pl.moment), pl.gap}
		if pl.gap {
			p.pos += 0.5
		}
		if !d.clear(p, all) {
			return false
		}
		all = append(all, p)
	}
	for _, at := range d.attach {
		a := d.theta[at.moment]
		r0 := d.R + extent(d.W, d.H, a) + attachGap + extent(at.w, at.h, a)
		ok := false
		for push := 0.0; push <= 3*max(at.w, at.h); push += 4 {
			c := polar(r0+push, a)
			at.box = rect{c.X, c.Y, at.w, at.h}
			p := placed{at.box, float64(at.moment), false}
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
	lanes := float64(max(d.lanes-1, 0)) * laneStep
	if d.lanes > 0 {
		lanes += laneFirst
	}
	d.R = max(
		hd+d.innerBand()+lanes+titleMargin+titleR,
		float64(d.n)*(min(d.W, d.H)+ringGap)/(2*math.Pi),
	)
	if d.n == 1 {
		d.R = max(d.R, d.H+ringGap)
	}
	// grow until everything fits, then bisect back to within 1%
	lo := d.R
	if d.fits() {
		return
	}
	hi := lo * 1.25
	for range 200 {
		d.R = hi
		if d.fits() {
			break
		}
		lo, hi = hi, hi*1.25
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
	lo = pt{d.titleBox.X - d.titleBox.W/2, d.titleBox.Y - d.titleBox.H/2}
	hi = pt{d.titleBox.X + d.titleBox.W/2, d.titleBox.Y + d.titleBox.H/2}
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
		grow(rect{tip.X, tip.Y, 2 * arrowLen, 2 * arrowLen})
		for _, p := range bezierSamples(pts, 16) {
			grow(rect{p.X, p.Y, 0, 0})
		}
	}
	for _, e := range d.a.Edges {
		curve(d.edgeRoute(e))
	}
	for _, p := range d.pills {
		curve(d.pillRoute(p))
	}
	return lo, hi
}

// bezierSamples returns k points along each cubic segment of a spline
// (the first point and every third point after it are on the curve),
// both ends included.
func bezierSamples(pts []pt, k int) []pt {
	if len(pts) == 0 {
		return nil
	}
	out := []pt{pts[0]}
	for i := 0; i+3 < len(pts); i += 3 {
		for s := 1; s <= k; s++ {
			t := float64(s) / float64(k)
			u := 1 - t
			p := pts[i].mul(u * u * u).add(pts[i+1].mul(3 * u * u * t)).add(pts[i+2].mul(3 * u * t * t)).add(pts[i+3].mul(t * t * t))
			out = append(out, p)
		}
	}
	return out
}

// legend layout
const (
	legendSampleW = 56.0
	legendRowH    = 24.0
	legendPad     = 12.0
	legendText    = 9.0
)

// buildLegend lists the marks the diagram uses and places the legend
// below lo, the lowest corner of the ring and all that is drawn on it.
func (d *diagram) buildLegend(lo pt) {
	var critical, plain, scored bool
	for _, m := range d.a.Moments {
		critical = critical || m.Critical
		plain = plain || !m.Critical
		scored = scored || !m.Performance.IsZero()
	}
	// one row per look of edge drawn (see edgeLook)
	var flow, handoff, branch, branchHandoff bool
	for _, e := range d.a.Edges {
		switch isBranch := e.Kind == cycle.Branch; {
		case isBranch && e.Handoff:
			branchHandoff = true
		case isBranch:
			branch = true
		case e.Handoff:
			handoff = true
		default:
			flow = true
		}
	}
	if len(d.pills) > 0 {
		flow = true // the arrow into an end marker
	}
	add := func(ok bool, kind, text string) {
		if ok {
			d.legend = append(d.legend, legendRow{kind: kind, text: text})
		}
	}
	add(plain, "moment", d.w.LegMoment)
	add(critical, "critical", d.w.LegCritical)
	add(scored, "performance", d.w.LegPerformance)
	add(flow, "flow", d.w.LegFlow)
	add(handoff, "handoff", d.w.LegHandoff)
	add(branch, "branch", d.w.LegBranch)
	add(branchHandoff, "branch-handoff", d.w.LegBranchHandoff)
	add(len(d.pills) > 0, "end", d.w.LegEnd)
	add(len(d.attach) > 0 && len(d.panel) == 0, "note", d.w.LegNote)
	add(len(d.panel) > 0, "callout", d.w.LegCallout)

	d.legendSampleW = legendSampleW
	if scored {
		d.legendSampleW = max(legendSampleW, textWidth(d.performanceSample(), legendText, false)*slack)
	}
	textW := textWidth(d.w.Legend, 11, true)
	for _, r := range d.legend {
		textW = max(textW, textWidth(r.text, legendText, false))
	}
	width := legendPad*2 + d.legendSampleW + 10 + textW*slack
	height := legendPad*2 + 11*lineSpacing + 6 + float64(len(d.legend))*legendRowH
	top := lo.Y - 36
	d.legendBox = rect{0, top - height/2, width, height}
	d.legendTitle = rect{0, top - legendPad - 11*lineSpacing/2, 0, 0}
	y := top - legendPad - 11*lineSpacing - 6 - legendRowH/2
	for i := range d.legend {
		d.legend[i].y = y
		y -= legendRowH
	}
}

// performanceSample is the legend's sample score: two fifths of the
// cycle's scale, as dots.
func (d *diagram) performanceSample() string {
	scale := d.a.Cycle.Scale
	on := int(math.Round(float64(scale) * 2 / 5))
	return strings.Repeat("●", on) + strings.Repeat("○", max(scale-on, 0))
}

// placePanel stacks the notes panel to the right of hi, the highest
// corner of the ring and all that is drawn on it, and of the legend.
func (d *diagram) placePanel(hi pt) {
	if len(d.panel) == 0 {
		return
	}
	left := max(hi.X, d.legendBox.X+d.legendBox.W/2) + 48
	headH := 12 * lineSpacing
	headW := textWidth(d.w.Improvements, 12, true)
	d.panelHead = rect{left + headW/2, hi.Y - headH/2, headW, headH}
	y := hi.Y - headH - 10
	// every row as wide as the widest, its text flush left, so that the
	// panel reads as one column
	rowW := 0.0
	for _, r := range d.panel {
		w, _ := r.label.size()
		rowW = max(rowW, w+16)
	}
	for _, r := range d.panel {
		_, h := r.label.size()
		h += 12
		r.box = rect{left + 28 + rowW/2, y - h/2, rowW, h}
		y -= h + 8
	}
}
