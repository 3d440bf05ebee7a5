package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// Importance–performance layout, in points.
const (
	ipaDisc      = 18.0  // a point's disc
	ipaRow       = 30.0  // between two points stacked at the same scores
	ipaStack     = 8     // points per column of a stack
	ipaNameLen   = 22    // characters of the short name beside a point
	ipaName      = 9.0   // the size of those names
	ipaLean      = 14.0  // how far a point on a divider leans into its quadrant
	ipaPlot      = 420.0 // the matrix's least size (it grows until nothing collides)
	ipaPlotPaged = 320.0 // the same on a named paper, where it is scaled
	ipaCell      = 64.0  // the buckets of the collision lookup
)

// ipaGroup is the moments that share one pair of scores: one stack of
// discs with their names, anchored at the scores (or leaning off a
// divider into the quadrant the analysis counts them in).
type ipaGroup struct {
	moments   []*cycle.MomentAnalysis
	imp, perf float64
	leanX     float64 // -1, 0 or +1
	leanY     float64
	discs     []rect
	labels    []rect
	texts     []string
}

// ipaView is the importance–performance matrix: performance across,
// importance up, split where the analysis splits it, every scored moment
// a numbered disc with its short name, the quadrant names in the file's
// language.
func ipaView(a *cycle.Analysis, o Options) *draw.Drawing {
	k := newKit("ipa", a, o)
	th, vw := k.th, k.vw
	scale := float64(a.Cycle.Scale)
	splitI, splitP := ipaSplit(a)

	// the groups of moments at the same scores, in file order
	var groups []*ipaGroup
	at := map[[2]float64]*ipaGroup{}
	var unscored []string
	for _, m := range a.Moments {
		if !scored(m.Importance) || !scored(m.Performance) {
			unscored = append(unscored, fmt.Sprintf("%d %s", m.Number(), shortName(m.Name, ipaNameLen)))
			continue
		}
		key := [2]float64{min(scoreValue(m.Importance), scale), min(scoreValue(m.Performance), scale)}
		g := at[key]
		if g == nil {
			g = &ipaGroup{imp: key[0], perf: key[1]}
			hiI := m.Quadrant == cycle.ConcentrateHere || m.Quadrant == cycle.KeepUp
			hiP := m.Quadrant == cycle.KeepUp || m.Quadrant == cycle.PossibleOverkill
			if g.perf == splitP {
				g.leanX = map[bool]float64{true: 1, false: -1}[hiP]
			}
			if g.imp == splitI {
				g.leanY = map[bool]float64{true: 1, false: -1}[hiI]
			}
			at[key] = g
			groups = append(groups, g)
		}
		g.moments = append(g.moments, m)
		g.texts = append(g.texts, shortName(m.Name, ipaNameLen))
	}

	// the plot grows until no two stacks or names collide
	labelFont := draw.Font{Size: ipaName}
	base := ipaPlot
	if _, paged := draw.LookupPaper(o.Page); paged {
		base = ipaPlotPaged
	}
	size := max(base, 60*math.Sqrt(float64(len(a.Moments))))
	var ux, uy float64
	for try := 0; ; try++ {
		ux, uy = size/scale, size/scale
		if ipaPlace(groups, ux, uy, scale, splitI, splitP, labelFont) || try > 40 {
			break
		}
		size *= 1.15
	}
	w, h := scale*ux, scale*uy
	x := func(v float64) float64 { return (v - 0.5) * ux }
	y := func(v float64) float64 { return (v - 0.5) * uy }

	// frame, dividers, ticks
	k.out.Add(&draw.Box{Meta: draw.Meta{ID: "frame", Class: "frame"}, Shape: draw.Rectangle,
		Rect: rect{X: w / 2, Y: h / 2, W: w, H: h}, Stroke: draw.Stroke{Color: th.Frame}})
	div := draw.Stroke{Color: th.Muted, Width: 1.2, Dash: draw.Dashed}
	k.line("divider-performance", "divider", div, pt{X: x(splitP), Y: 0}, pt{X: x(splitP), Y: h})
	k.line("divider-importance", "divider", div, pt{X: 0, Y: y(splitI)}, pt{X: w, Y: y(splitI)})
	step := max(1, (a.Cycle.Scale+9)/10)
	for s := 1; s <= a.Cycle.Scale; s += step {
		v := float64(s)
		k.text(fmt.Sprintf("tick-x-%d", s), "axis", x(v), -10, fmt.Sprint(s), draw.Font{Size: 9}, th.Muted)
		k.text(fmt.Sprintf("tick-y-%d", s), "axis", -12, y(v), fmt.Sprint(s), draw.Font{Size: 9}, th.Muted)
	}
	xt := k.text("axis-performance", "axis", w/2, -28, vw.Performance+" →", draw.Font{Size: 10, Bold: true}, th.Ink)
	yt := k.text("axis-importance", "axis", 0, h+14, vw.Importance+" ↑", draw.Font{Size: 10, Bold: true}, th.Ink)
	yt.Rect.X = -6 - yt.Rect.W/2

	// quadrant names outside the frame, at its four corners
	qn := func(q cycle.Quadrant, leftSide bool, yy float64, color string) {
		b := k.text("quadrant-"+string(q), "quadrant", 0, yy, vw.Quadrants[string(q)], draw.Font{Size: 11, Bold: true}, color)
		if leftSide {
			b.Rect.X = b.Rect.W / 2
		} else {
			b.Rect.X = w - b.Rect.W/2
		}
	}
	qn(cycle.ConcentrateHere, true, h+14, th.CritText)
	qn(cycle.KeepUp, false, h+14, th.Ink)
	qn(cycle.LowPriority, true, xt.Rect.Y-xt.Rect.H/2-10, th.Muted)
	qn(cycle.PossibleOverkill, false, xt.Rect.Y-xt.Rect.H/2-10, th.Muted)
	lowest := xt.Rect.Y - xt.Rect.H/2 - 22

	// the points
	leaned := false
	for _, g := range groups {
		exact := pt{X: x(g.perf), Y: y(g.imp)}
		lean := g.leanX != 0 || g.leanY != 0
		discs := make([]*draw.Box, len(g.moments))
		for j, m := range g.moments {
			discs[j] = k.ipaDisc(m, g.discs[j])
		}
		// the point itself: a dot on the divider when the stack leans off
		// it, else the first disc
		from := discs[0]
		if lean {
			leaned = true
			from = &draw.Box{Meta: draw.Meta{ID: "exact-" + g.moments[0].ID, Class: "exact"}, Shape: draw.Circle,
				Rect: rect{X: exact.X, Y: exact.Y, W: 5, H: 5}, Fill: th.Ink, Stroke: draw.Stroke{Color: th.Ink}}
			k.out.Add(from)
		}
		// a line from the point to every other disc of the stack (joined
		// to the boxes, so that Graphviz needs no extra points)
		for j, m := range g.moments {
			if discs[j] == from {
				continue
			}
			r := k.line("stack-"+m.ID, "stack", draw.Stroke{Color: th.Ink, Width: 1}, exact, g.discs[j].Centre())
			r.From, r.To = from, discs[j]
		}
		for j, m := range g.moments {
			k.out.Add(discs[j])
			var l draw.Label
			l.AddLine(draw.Span{Text: g.texts[j], Font: labelFont, Color: th.Ink})
			k.out.Add(&draw.Box{Meta: draw.Meta{ID: "label-" + m.ID, Class: "point-label"}, Shape: draw.Plain, Rect: g.labels[j], Label: l})
		}
	}
	right := w
	for _, g := range groups {
		for _, r := range g.labels {
			right = max(right, r.Max().X)
		}
		for _, r := range g.discs {
			lowest = min(lowest, r.Min().Y-30)
		}
	}

	if len(unscored) > 0 {
		var l draw.Label
		l.Left = true
		l.Add(fmt.Sprintf(vw.NotScored, strings.Join(unscored, ", ")), max(w, 300), draw.Font{Size: 9, Italic: true}, th.Muted)
		lw, lh := l.Size()
		k.out.Add(&draw.Box{Meta: draw.Meta{ID: "unscored", Class: "unscored"}, Shape: draw.Plain, Label: l,
			Rect: rect{X: lw / 2, Y: lowest - lh/2, W: lw, H: lh}})
		lowest -= lh + 10
	}

	// title above, legend to the right
	tb := k.title(-40, 0, max(w, 360))
	tb.Move(pt{Y: h + 36 - (tb.Rect.Y - tb.Rect.H/2)})
	lg := k.legend()
	if len(a.Moments) > len(a.Critical()) {
		lg.AddRow("moment", vw.LegPoint, k.ipaDisc(nil, rect{W: ipaDisc, H: ipaDisc}))
	}
	if k.anyCritical() {
		lg.AddRow("critical", vw.LegCritPoint, k.ipaDisc(&cycle.MomentAnalysis{Critical: true, Moment: &cycle.Moment{}}, rect{W: ipaDisc, H: ipaDisc}))
	}
	lg.AddRow("split", fmt.Sprintf(vw.LegSplit[ipaSplitRule(a)], splitText(splitI), splitText(splitP)),
		&draw.Route{Path: draw.Line(pt{X: -20}, pt{X: 20}), Stroke: div})
	if leaned {
		lg.AddRow("divider", vw.LegDivider,
			&draw.Route{Path: draw.Line(pt{Y: -10}, pt{Y: 10}), Stroke: div},
			&draw.Route{Path: draw.Line(pt{}, pt{X: 14}), Stroke: draw.Stroke{Color: th.Ink, Width: 1}},
			&draw.Box{Shape: draw.Circle, Rect: rect{W: 5, H: 5}, Fill: th.Ink, Stroke: draw.Stroke{Color: th.Ink}},
			k.ipaDisc(nil, rect{X: 14, W: ipaDisc, H: ipaDisc}))
	}
	if len(lg.Rows) > 0 {
		// right of the matrix; on a paper, below it when that fits better
		k.placeLegendEither(lg, pt{X: right + 36, Y: h}, pt{X: -40, Y: lowest - 24})
	}
	return k.finish(ipaName)
}

// splitText is a split value with at most two decimals, without
// trailing zeros.
func splitText(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// ipaDisc is a point: a disc with the moment's number, ringed twice when
// critical; m nil is the legend's sample.
func (k *viewKit) ipaDisc(m *cycle.MomentAnalysis, r rect) *draw.Box {
	b := &draw.Box{Shape: draw.Circle, Rect: r, Fill: k.th.Fill, Stroke: draw.Stroke{Color: k.th.Border, Width: 1.4}}
	num, ink := "1", k.th.Ink
	if m != nil && m.Moment != nil && m.ID != "" {
		b.Meta = draw.Meta{ID: "moment-" + m.ID, Class: "moment point"}
		num = fmt.Sprint(m.Number())
		if u := safeURL(m.URL); u != "" {
			b.URL, b.Tooltip = u, m.Name
		}
	}
	if m != nil && m.Critical {
		b.Class += " critical"
		b.Fill, b.Stroke, b.Double = k.th.CritFill, draw.Stroke{Color: k.th.CritBorder, Width: 2}, true
		ink = k.th.CritText
	}
	size := 9.0
	if len(num) > 2 {
		size = 7.5
	}
	b.Label.AddLine(draw.Span{Text: num, Font: draw.Font{Size: size, Bold: true}, Color: ink})
	return b
}

// ipaPlace places every group's discs and names for a plot of ux × uy
// points per score, and reports whether nothing collides: discs stack
// down from the group's anchor (columns of ipaStack), each name beside
// its disc, to the right, left, above or below, the first place free of
// every other mark and, if one is, of the dividers. A stack grows away
// from its anchor the way with more room inside its quadrant, and must
// stay in it.
func ipaPlace(groups []*ipaGroup, ux, uy, scale, splitI, splitP float64, f draw.Font) bool {
	splitX, splitY := (splitP-0.5)*ux, (splitI-0.5)*uy
	w, h := scale*ux, scale*uy
	// placed marks, bucketed by cells of ipaCell points for lookups
	buckets := map[[2]int][]rect{}
	cells := func(r rect, f func(c [2]int) bool) bool {
		lo, hi := r.Grow(3).Min(), r.Grow(3).Max()
		for cx := int(math.Floor(lo.X / ipaCell)); cx <= int(math.Floor(hi.X/ipaCell)); cx++ {
			for cy := int(math.Floor(lo.Y / ipaCell)); cy <= int(math.Floor(hi.Y/ipaCell)); cy++ {
				if !f([2]int{cx, cy}) {
					return false
				}
			}
		}
		return true
	}
	free := func(r rect) bool {
		return cells(r, func(c [2]int) bool {
			for _, p := range buckets[c] {
				if r.Sep(p) < 3 {
					return false
				}
			}
			return true
		})
	}
	place := func(r rect) {
		cells(r, func(c [2]int) bool { buckets[c] = append(buckets[c], r); return true })
	}
	clearOfDividers := func(r rect) bool {
		return math.Abs(r.X-splitX) > r.W/2+2 && math.Abs(r.Y-splitY) > r.H/2+2
	}
	// the discs first: they sit at their scores whatever the names do
	ok := true
	for _, g := range groups {
		ax := (g.perf-0.5)*ux + g.leanX*ipaLean
		ay := (g.imp-0.5)*uy + g.leanY*ipaLean
		g.discs, g.labels = g.discs[:0], g.labels[:0]
		colW := 0.0
		for _, t := range g.texts {
			colW = max(colW, draw.TextWidth(t, f.Size, false)*draw.Slack)
		}
		colW += ipaDisc + 28 // the disc, the gap to its name and the gap to the next column
		// the quadrant's box, which the stack must keep to
		qx0, qx1 := 0.0, splitX
		if ax > splitX {
			qx0, qx1 = splitX, w
		}
		qy0, qy1 := 0.0, splitY
		if ay > splitY {
			qy0, qy1 = splitY, h
		}
		dirX, dirY := 1.0, -1.0
		if qx1-ax < ax-qx0 {
			dirX = -1
		}
		if qy1-ay > ay-qy0 {
			dirY = 1
		}
		for j := range g.moments {
			c := pt{X: ax + dirX*float64(j/ipaStack)*colW, Y: ay + dirY*float64(j%ipaStack)*ipaRow}
			d := rect{X: c.X, Y: c.Y, W: ipaDisc, H: ipaDisc}
			ring := d.Grow(4) // a critical disc's second ring
			if !free(ring) || ring.Min().X < qx0 || ring.Max().X > qx1 || ring.Min().Y < qy0 || ring.Max().Y > qy1 {
				ok = false
			}
			place(ring)
			g.discs = append(g.discs, d)
		}
	}
	for _, g := range groups {
		for j, c := range g.discs {
			tw := draw.TextWidth(g.texts[j], f.Size, false) * draw.Slack
			th := f.Size * draw.LineSpacing
			off := ipaDisc/2 + 9 // clear of the second ring
			cands := []rect{
				{X: c.X + off + tw/2, Y: c.Y, W: tw, H: th},
				{X: c.X - off - tw/2, Y: c.Y, W: tw, H: th},
				{X: c.X, Y: c.Y + off + th/2, W: tw, H: th},
				{X: c.X, Y: c.Y - off - th/2, W: tw, H: th},
			}
			if len(g.moments) > 1 {
				cands = cands[:2] // a stack's names stay beside it
			}
			l, found := cands[0], false
			for pass := 0; pass < 2 && !found; pass++ {
				for _, cand := range cands {
					// inside the frame but for its right, where nothing
					// else is: the ticks are left and below, the quadrant
					// names above
					inside := cand.Min().X >= 2 && cand.Min().Y >= 2 && cand.Max().Y <= h-2
					if inside && free(cand) && (pass == 1 || clearOfDividers(cand)) {
						l, found = cand, true
						break
					}
				}
			}
			ok = ok && found
			place(l)
			g.labels = append(g.labels, l)
		}
	}
	return ok
}
