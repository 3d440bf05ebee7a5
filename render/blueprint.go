package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// Blueprint layout, in points.
const (
	bpLabelW   = 130.0 // the lane names left of the first column
	bpColGap   = 24.0  // between two cells of a lane (room for an arrow)
	bpLanePad  = 12.0  // between a lane's edge and its cells
	bpLaneMin  = 56.0  // the least height of a lane
	bpFailRoom = 18.0  // between the line of interaction and the cells either side (room for a fail point)
	bpBandStep = 11.0  // between two levels of branches
	bpItems    = 6     // list items shown in a cell; the rest are counted
	bpItemLen  = 140   // characters of a list item or standard shown
)

// blueprint lanes, top to bottom.
const (
	laneEvidence = iota
	laneCustomer
	laneFront
	laneBack
	laneSupport
	laneCount
)

// lanePadTop is the room above a lane's cells: more below the line of
// interaction, where fail points sit.
func lanePadTop(lane int) float64 {
	if lane == laneFront {
		return bpFailRoom
	}
	return bpLanePad
}

// blueprintColumns are the widths of a moment's column.
var blueprintColumns = []sizeStep{{12, 150}, {30, 132}, {math.MaxInt, 118}}

// bpCell is one moment's cell in a lane; nil label lines for none.
type bpCell struct {
	label draw.Label
	h     float64
}

// blueprintView is the service blueprint: a column per moment, grouped
// under its stage, and five lanes: physical evidence, customer actions
// (the moments), frontstage (owner, channel, standard), backstage and
// support processes, split by the lines of interaction, visibility and
// internal interaction. Critical moments are fail points; a change of
// owner within a channel is a handoff; branches, the cycle's return and
// the customer's exits are drawn.
func blueprintView(a *cycle.Analysis, o Options) *draw.Drawing {
	cells := &bpCells{} // the same in every trial
	return bandedView(a, o, 10, func(a *cycle.Analysis, o Options, per, from, to int) *viewKit {
		return blueprintBands(a, o, cells, per, from, to)
	})
}

// continuationMark is the mark at a row's edge where a step runs to or
// from a moment in another row: the arrow points the way the step runs
// and the other moment's number stands at the far end, as if the line
// went on to it. A step that leaves (leaves) to a later row reads "→ 7",
// to an earlier one, at the left edge (left), "1 ←"; a step that arrives
// from an earlier row reads "3 →", from a later one "← 11". from and to
// are the numbers of the step's two moments.
func continuationMark(leaves, left bool, from, to int) string {
	switch {
	case leaves && left:
		return fmt.Sprintf("%d ←", to)
	case leaves:
		return fmt.Sprintf("→ %d", to)
	case left:
		return fmt.Sprintf("%d →", from)
	}
	return fmt.Sprintf("← %d", from)
}

// blueprintBands lays the blueprint out with the moments from up to to
// (excluded), at most per moments to a row. Every row has its own lane
// names and lines and repeats a stage that runs on; a branch, return or
// handoff to a moment in another row is a stub to the row's edge marked
// with the other moment's number and the way the step runs
// (continuationMark). Every page has the title, the last page the legend.
func blueprintBands(a *cycle.Analysis, o Options, memo *bpCells, per, from, to int) *viewKit {
	k := newKit("blueprint", a, o)
	th, vw := k.th, k.vw
	n := len(a.Moments)
	cw := sizeFor(n, blueprintColumns)
	_, paged := draw.LookupPaper(o.Page)
	if paged {
		cw = blueprintColumns[0].size // rows: the widest columns, for the shortest cells
	}
	per = max(1, min(per, n))
	cellW := cw - bpColGap
	textW := cellW - 16
	left := -bpLabelW

	// the cells' contents, and each lane's height: laid out once for all
	// the trials of one blueprint (bandedView lays a long one out page
	// by page, and every page's trial laid out every cell: 5,000 moments
	// on A4 took 41 s)
	if memo.cells[0] == nil {
		memo.cells, memo.empty = blueprintCells(k, textW)
	}
	cells, empty := memo.cells, memo.empty
	// the customer's steps, the lines and the legend's needs: one row at
	// a time
	k2 := 0
	nextID := func() string { k2++; return fmt.Sprintf("edge-%d", k2) }
	flowLook := draw.Stroke{Color: th.Flow}
	handoffLook := draw.Stroke{Color: th.Handoff, Dash: draw.Dashed, Width: 2}
	branchLook := draw.Stroke{Color: th.Branch}
	if th.BranchStyle != "" {
		branchLook = draw.Stroke{Color: th.Branch, Dash: draw.Dotted, Width: 2}
	}
	var hasHandoff, hasBranch, hasReturn, hasEnd bool
	for _, m := range a.Moments {
		hasEnd = hasEnd || a.Cycle.IsEnd(m.Moment)
	}
	for _, e := range a.Edges {
		switch {
		case e.Kind == cycle.Sequence:
			hasHandoff = hasHandoff || e.Handoff && len(cells[laneFront][e.From.Index].label.Lines) > 0 && len(cells[laneFront][e.To.Index].label.Lines) > 0
		case e.From == e.To:
		case e.Kind == cycle.Return:
			hasReturn, hasHandoff = true, hasHandoff || e.Handoff
		default:
			hasBranch, hasHandoff = true, hasHandoff || e.Handoff
		}
	}

	// the title as wide as the rows, or 360 pt when they are narrower
	tb := k.title(left, 0, max(cw*float64(per)-left, 360))
	top := tb.Rect.Y - tb.Rect.H/2 - 18
	rowsTop, bottom, reach := top, top, 0.0
	for lo := from; lo < to; lo += per {
		hi := min(to, lo+per)
		suf := "" // the first row keeps the ids of the unbanded view
		if lo > 0 {
			suf = fmt.Sprintf("-row%d", lo/per+1)
		}
		if lo > from {
			top = bottom - 28
		}
		if lo > 0 {
			c := k.text("continued"+suf, "continued", 0, top-6, continuedText(vw, lo, from), draw.Font{Size: 8, Italic: true}, th.Muted)
			c.Rect.X = left + c.Rect.W/2
			top -= 18
		}
		colX := func(i int) float64 { return cw * (float64(i-lo) + 0.5) }
		right := cw * float64(hi-lo)
		reach = max(reach, right)
		in := func(i int) bool { return i >= lo && i < hi }

		// branches and the return that touch the row: levels of a band
		// above the customer lane; an end in another row is a column
		// just past the row's edge
		type bandEdge struct {
			e      cycle.Edge
			lo, hi int
			level  int
			x0, x1 float64
		}
		edgeX := func(i int) float64 {
			if i < lo {
				return -6
			}
			return right + 6
		}
		var band []*bandEdge
		for _, e := range a.Edges {
			if e.Kind == cycle.Sequence || e.From == e.To || !in(e.From.Index) && !in(e.To.Index) {
				continue
			}
			bl, bh := min(e.From.Index, e.To.Index), max(e.From.Index, e.To.Index)
			band = append(band, &bandEdge{e: e, lo: max(bl, lo-1), hi: min(bh, hi), x0: edgeX(e.From.Index), x1: edgeX(e.To.Index)})
		}
		// shorter spans nearer the boxes; no two overlapping spans on a level
		order := slices.Clone(band)
		slices.SortStableFunc(order, func(x, y *bandEdge) int { return cmp.Compare(x.hi-x.lo, y.hi-y.lo) })
		var levels [][]*bandEdge
		for _, b := range order {
			lv := 0
			for ; lv < len(levels); lv++ {
				if !slices.ContainsFunc(levels[lv], func(o *bandEdge) bool { return b.lo <= o.hi && o.lo <= b.hi }) {
					break
				}
			}
			if lv == len(levels) {
				levels = append(levels, nil)
			}
			levels[lv] = append(levels[lv], b)
			b.level = lv
		}
		// where each edge leaves and enters a box's top: spread along it,
		// ordered by the other end
		type end struct {
			b     *bandEdge
			out   bool
			other int
		}
		ends := make([][]end, n)
		for _, b := range band {
			if in(b.e.From.Index) {
				ends[b.e.From.Index] = append(ends[b.e.From.Index], end{b, true, b.e.To.Index})
			}
			if in(b.e.To.Index) {
				ends[b.e.To.Index] = append(ends[b.e.To.Index], end{b, false, b.e.From.Index})
			}
		}
		for i := lo; i < hi; i++ {
			es := ends[i]
			slices.SortStableFunc(es, func(x, y end) int { return cmp.Compare(x.other, y.other) })
			span := cellW - 36
			for j, e := range es {
				x := colX(i) - span/2 + span*(float64(j)+0.5)/float64(len(es))
				if e.out {
					e.b.x0 = x
				} else {
					e.b.x1 = x
				}
			}
		}
		bandH := 10.0
		if len(levels) > 0 {
			bandH = 14 + float64(len(levels))*bpBandStep
		}

		// the lanes as high as the row's cells need
		laneH, custH := [laneCount]float64{}, 0.0
		for i := lo; i < hi; i++ {
			for l := range laneCount {
				laneH[l] = max(laneH[l], cells[l][i].h+bpLanePad+lanePadTop(l), bpLaneMin)
			}
			custH = max(custH, cells[laneCustomer][i].h)
		}

		// the stages and the lanes down the page
		if h := k.stageBands(top, colX, cw, lo, hi, suf); h > 0 {
			top -= h + 10
		}
		laneTop := [laneCount]float64{}
		laneTop[laneEvidence] = top
		laneTop[laneCustomer] = top - laneH[laneEvidence] - bandH
		laneH[laneCustomer] = max(custH+bpLanePad+bpFailRoom, bpLaneMin)
		for l := laneFront; l < laneCount; l++ {
			laneTop[l] = laneTop[l-1] - laneH[l-1]
		}
		bottom = laneTop[laneSupport] - laneH[laneSupport]

		// lane names on the left, a thin rule between lanes, and the three
		// named lines
		names := [laneCount]string{vw.LaneEvidence, vw.LaneCustomer, vw.LaneFront, vw.LaneBack, vw.LaneSupport}
		ids := [laneCount]string{"evidence", "customer", "frontstage", "backstage", "support"}
		for l := range laneCount {
			var lb draw.Label
			lb.Left = true
			lb.Add(names[l], bpLabelW-24, draw.Font{Size: 10, Bold: true}, th.Ink)
			if empty[l] {
				lb.Space(2) // the name's descenders clear of the smaller line
				lb.Add(vw.NoneGiven, bpLabelW-24, draw.Font{Size: 8, Italic: true}, th.Muted)
			}
			w, h := lb.Size()
			k.out.Add(&draw.Box{Meta: draw.Meta{ID: "lane-" + ids[l] + suf, Class: "lane-name"}, Shape: draw.Plain, Label: lb,
				Rect: rect{X: left + 4 + w/2, Y: laneTop[l] - 8 - h/2, W: w, H: h}})
		}
		lines := []struct {
			id, text string
			y        float64
			look     draw.Stroke
		}{
			{"interaction", vw.LineInteraction, laneTop[laneFront], draw.Stroke{Color: th.Ink, Width: 1.4}},
			{"visibility", vw.LineVisibility, laneTop[laneBack], draw.Stroke{Color: th.Ink, Width: 1.4, Dash: draw.Dashed}},
			{"internal", vw.LineInternal, laneTop[laneSupport], draw.Stroke{Color: th.Ink, Width: 1.2, Dash: draw.Dotted}},
		}
		for _, ln := range lines {
			k.line("line-"+ln.id+suf, "line line-"+ln.id, ln.look, pt{X: left, Y: ln.y}, pt{X: right, Y: ln.y})
			b := k.text("line-label-"+ln.id+suf, "line-label", 0, ln.y+7, ln.text, draw.Font{Size: 8, Italic: true}, th.Muted)
			b.Rect.X = left + 4 + b.Rect.W/2
		}
		rule := draw.Stroke{Color: th.Frame, Width: 0.6}
		k.line("rule-top"+suf, "rule", rule, pt{X: left, Y: laneTop[laneEvidence]}, pt{X: right, Y: laneTop[laneEvidence]})
		k.line("rule-customer"+suf, "rule", rule, pt{X: left, Y: laneTop[laneEvidence] - laneH[laneEvidence]}, pt{X: right, Y: laneTop[laneEvidence] - laneH[laneEvidence]})
		k.line("rule-bottom"+suf, "rule", rule, pt{X: left, Y: bottom}, pt{X: right, Y: bottom})

		// the cells
		cust := make([]*draw.Box, n)
		front := make([]*draw.Box, n)
		looks := [laneCount]struct {
			class  string
			shape  draw.Shape
			fill   string
			stroke draw.Stroke
		}{
			laneEvidence: {"evidence", draw.Rectangle, th.Background, draw.Stroke{Color: th.Border}},
			laneFront:    {"frontstage", draw.Rectangle, th.Fill, draw.Stroke{Color: th.Border}},
			laneBack:     {"backstage", draw.Rectangle, th.Background, draw.Stroke{Color: th.Border, Dash: draw.Dashed}},
			laneSupport:  {"support", draw.Rectangle, th.Background, draw.Stroke{Color: th.Frame}},
		}
		for i := lo; i < hi; i++ {
			m := a.Moments[i]
			for l := range laneCount {
				c := cells[l][i]
				if l == laneCustomer {
					r := rect{X: colX(i), Y: laneTop[l] - bpLanePad - custH/2, W: cellW, H: custH}
					cust[i] = k.momentBox(m, r, c.label)
					k.out.Add(cust[i])
					if a.Cycle.IsEnd(m.Moment) {
						k.out.Add(k.bpEnd(m, r))
					}
					continue
				}
				if c.h == 0 {
					continue // nothing in the file: the cell stays empty
				}
				lk := looks[l]
				c.label.Pad = 8
				b := &draw.Box{Meta: draw.Meta{ID: lk.class + "-" + m.ID, Class: "cell " + lk.class}, Shape: lk.shape,
					Rect: rect{X: colX(i), Y: laneTop[l] - lanePadTop(l) - c.h/2, W: cellW, H: c.h}, Fill: lk.fill, Stroke: lk.stroke, Label: c.label}
				if l == laneFront {
					front[i] = b
				}
				k.out.Add(b)
			}
			if m.Critical {
				size := draw.DiscSize(vw.FailPoint, 9)
				k.out.Add(&draw.Marker{Meta: draw.Meta{ID: "fail-" + m.ID, Class: "fail-point"}, Kind: draw.Disc,
					At: pt{X: colX(i), Y: laneTop[laneFront]}, Size: size, Color: th.CritBorder, Text: vw.FailPoint,
					Ink: "#FFFFFF", Font: draw.Font{Size: 9}})
			}
		}

		// a step to or from another row ends at the row's edge, marked
		// with the other moment's number
		mark := func(id string, i, other int, x, y float64) {
			s := continuationMark(in(i), x < 0, a.Moments[i].Number(), a.Moments[other].Number())
			c := k.text(id, "continuation", 0, y, s, draw.Font{Size: 8, Bold: true}, th.Muted)
			if x < 0 {
				c.Rect.X = x - 2 - c.Rect.W/2
			} else {
				c.Rect.X = x + 2 + c.Rect.W/2
				reach = max(reach, c.Rect.X+c.Rect.W/2)
			}
		}

		// the customer's steps: next in the lane, branches and the return
		// through the band above it, handoffs in the frontstage lane; the
		// arrows of a kind are one route per row
		arrows := k.arrows(suf)
		for _, e := range a.Edges {
			i, j := e.From.Index, e.To.Index
			if e.Kind != cycle.Sequence || !in(i) && !in(j) {
				continue
			}
			id := nextID()
			switch {
			case in(i) && in(j):
				y := cust[i].Rect.Y
				arrows.add("sequence", flowLook, cust[i], cust[j], pt{X: colX(i) + cellW/2, Y: y}, pt{X: colX(j) - cellW/2, Y: y})
			case in(i):
				y := cust[i].Rect.Y
				arrows.add("sequence", flowLook, cust[i], nil, pt{X: colX(i) + cellW/2, Y: y}, pt{X: right + 6, Y: y})
				mark(id+"-mark", i, j, right+6, y)
			default:
				y := cust[j].Rect.Y
				arrows.add("sequence", flowLook, nil, cust[j], pt{X: -6, Y: y}, pt{X: colX(j) - cellW/2, Y: y})
				mark(id+"-mark", i, j, -6, y)
			}
			if !e.Handoff || len(cells[laneFront][i].label.Lines) == 0 || len(cells[laneFront][j].label.Lines) == 0 {
				continue
			}
			y := laneTop[laneFront] - lanePadTop(laneFront) - 10
			id = nextID()
			switch {
			case in(i) && in(j):
				arrows.add("handoff", handoffLook, front[i], front[j], pt{X: colX(i) + cellW/2, Y: y}, pt{X: colX(j) - cellW/2, Y: y})
			case in(i):
				arrows.add("handoff", handoffLook, front[i], nil, pt{X: colX(i) + cellW/2, Y: y}, pt{X: right + 6, Y: y})
				mark(id+"-mark", i, j, right+6, y)
			default:
				arrows.add("handoff", handoffLook, nil, front[j], pt{X: -6, Y: y}, pt{X: colX(j) - cellW/2, Y: y})
				mark(id+"-mark", i, j, -6, y)
			}
		}
		boxTop := laneTop[laneCustomer] - bpLanePad
		for _, b := range band {
			i, j := b.e.From.Index, b.e.To.Index
			ly := boxTop + 10 + float64(b.level)*bpBandStep
			look, class := branchLook, "branch"
			if b.e.Kind == cycle.Return {
				look, class = flowLook, "return"
			}
			if b.e.Handoff {
				look, class = handoffLook, class+" handoff"
			}
			id := nextID()
			switch {
			case in(i) && in(j):
				arrows.add(class, look, cust[i], cust[j], pt{X: b.x0, Y: boxTop}, pt{X: b.x0, Y: ly}, pt{X: b.x1, Y: ly}, pt{X: b.x1, Y: boxTop})
			case in(i):
				arrows.add(class, look, cust[i], nil, pt{X: b.x0, Y: boxTop}, pt{X: b.x0, Y: ly}, pt{X: b.x1, Y: ly})
				mark(id+"-mark", i, j, b.x1, ly)
			default:
				arrows.add(class, look, nil, cust[j], pt{X: b.x0, Y: ly}, pt{X: b.x1, Y: ly}, pt{X: b.x1, Y: boxTop})
				mark(id+"-mark", i, j, b.x0, ly)
			}
		}
		if hi < n {
			c := k.text("continues"+suf, "continued", 0, bottom-12, continuesText(vw, hi, to), draw.Font{Size: 8, Italic: true}, th.Muted)
			c.Rect.X = right - c.Rect.W/2
			bottom = c.Rect.Y - c.Rect.H/2
		}
	}
	if to < n {
		// the legend on the last page only: beside or below the fewest
		// rows, where it takes the least room from them
		return k
	}

	// the legend below the lanes
	l := k.legend()
	plain := slices.ContainsFunc(a.Moments, func(m *cycle.MomentAnalysis) bool { return !m.Critical })
	if plain {
		l.AddRow("moment", vw.LegAction, legendKinds[legMoment].sample(&diagram{th: th, w: k.w})...)
	}
	if k.anyCritical() {
		size := draw.DiscSize(vw.FailPoint, 9)
		l.AddRow("fail-point", vw.LegFail, &draw.Marker{Kind: draw.Disc, Size: size, Color: th.CritBorder, Text: vw.FailPoint, Ink: "#FFFFFF", Font: draw.Font{Size: 9}})
	}
	sample := func(look draw.Stroke) []draw.Item {
		return []draw.Item{&draw.Route{Path: draw.Line(pt{X: -24}, pt{X: 24 - draw.ArrowLen}), Head: draw.ArrowNormal, Tip: pt{X: 24}, Stroke: look}}
	}
	l.AddRow("flow", vw.LegNext, sample(flowLook)...)
	if hasHandoff {
		l.AddRow("handoff", vw.LegHandoff, sample(handoffLook)...)
	}
	if hasBranch {
		l.AddRow("branch", vw.LegBranch, sample(branchLook)...)
	}
	if hasReturn {
		// drawn as the return is: up from the last moment, back along
		// the top and down into the first (not the next step's arrow)
		back := &draw.Route{Path: draw.Polyline(pt{X: 20, Y: -8}, pt{X: 20, Y: 7}, pt{X: -20, Y: 7}, pt{X: -20, Y: 1}),
			Head: draw.ArrowNormal, Tip: pt{X: -20, Y: 1 - draw.ArrowLen}, Stroke: flowLook}
		l.AddRow("return", vw.LegReturn, back)
	}
	if hasEnd {
		b := k.bpEnd(nil, rect{})
		b.Rect.X, b.Rect.Y = 0, 0
		l.AddRow("end", vw.LegEnd, b)
	}
	gap := 36.0
	if paged {
		gap = 20 // on a paper every point of width counts
	}
	k.legendShapes = true
	k.placeLegendEither(l, pt{X: left, Y: bottom - 24}, pt{X: reach + gap, Y: rowsTop})
	return k
}

// bpEndH is the height of the blueprint's end marker.
const bpEndH = 14.0

// bpEnd is the end marker of moment m (nil for the legend's sample),
// whose box is r: a dark pill with the end word in white, as on the
// clock face, astride the box's lower edge at its right, so that it
// reads as a mark rather than a line of the moment's name.
func (k *viewKit) bpEnd(m *cycle.MomentAnalysis, r rect) *draw.Box {
	b := &draw.Box{Meta: draw.Meta{Class: "end"}, Shape: draw.Rounded, Fill: k.th.Mark, Stroke: draw.Stroke{Color: k.th.Mark}}
	b.Label.AddLine(draw.Span{Text: k.w.End, Font: draw.Font{Size: 8, Bold: true}, Color: "#FFFFFF"})
	w := max(textWidth(k.w.End, 8, true)*draw.Slack+12, 30)
	b.Rect = rect{X: r.X + r.W/2 - w/2 - 8, Y: r.Y - r.H/2, W: w, H: bpEndH}
	if m != nil {
		b.ID = "end-" + m.ID
	}
	return b
}

// bpCells keeps the cells of one blueprint, laid out once for every
// trial of it.
type bpCells struct {
	cells [laneCount][]bpCell
	empty [laneCount]bool // the lanes with nothing in any cell
}

// blueprintCells lays out the contents of every cell, at text width
// textW, and says which lanes are empty.
func blueprintCells(k *viewKit, textW float64) ([laneCount][]bpCell, [laneCount]bool) {
	a, th, vw := k.a, k.th, k.vw
	cells := [laneCount][]bpCell{}
	empty := [laneCount]bool{true, false, true, true, true}
	for l := range cells {
		cells[l] = make([]bpCell, len(a.Moments))
	}
	item := func(c *bpCell, items []string, font draw.Font, color string) {
		for j, s := range items {
			if j == bpItems {
				c.label.Add(fmt.Sprintf(vw.AndMore, len(items)-j), textW, draw.Font{Size: 8, Italic: true}, th.Muted)
				break
			}
			c.label.Add("• "+shortName(s, bpItemLen), textW, font, color)
		}
	}
	for i, m := range a.Moments {
		small := draw.Font{Size: 9}
		item(&cells[laneEvidence][i], evidenceOf(m), small, th.Ink)
		item(&cells[laneBack][i], backstageOf(m), small, th.Ink)
		item(&cells[laneSupport][i], supportOf(m), small, th.Ink)
		cells[laneCustomer][i].label = k.momentLabel(m, textW, false)
		f := &cells[laneFront][i].label
		if m.Owner != "" {
			f.Add(oneLine(m.Owner), textW, draw.Font{Size: 9, Bold: true}, th.Ink)
		}
		if m.Channel != "" {
			f.Add(oneLine(m.Channel), textW, draw.Font{Size: 9, Italic: true}, th.Muted)
		}
		if m.Standard != "" {
			f.Add(shortName(m.Standard, bpItemLen), textW, draw.Font{Size: 8}, th.Ink)
		}
		for l := range cells {
			c := &cells[l][i]
			// lists flush left; the moment and its frontstage centred (a
			// centred label is also far cheaper for Graphviz than a table)
			c.label.Left = l != laneCustomer && l != laneFront
			// the font most of the cell's text is in, which Graphviz
			// then reads without a font per line (the same picture)
			c.label.BaseSize, c.label.BaseColor = 9, th.Ink
			if l == laneCustomer {
				c.label.BaseSize = 10
			}
			if len(c.label.Lines) > 0 {
				_, h := c.label.Size()
				c.h = h + 12
				if l == laneCustomer && a.Moments[i].Critical {
					c.h += 2 * draw.DoubleGap // its second outline inside the cell (momentBox)
				}
				if l == laneCustomer && k.a.Cycle.IsEnd(a.Moments[i].Moment) {
					c.h += bpEndH / 2 // the end marker's upper half, on the box's lower edge (bpEnd)
				}
				empty[l] = false
			}
		}
	}

	return cells, empty
}
