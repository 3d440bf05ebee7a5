package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// Journey layout, in points.
const (
	jAxisW   = 64.0  // the score axis left of the first column
	jChartH  = 210.0 // from score 1 to the top of the scale, at least
	jChartHi = 320.0 // and at most (a fifth of the width between)
	jGap     = 18.0  // between the blocks stacked down the page
	// jChartPaged: the chart's height in the rows of a named paper
	jChartPaged = 150.0
	jPerfDot    = 10.0 // a performance point
	jImpDot     = 8.0  // an importance point
	jGapDot     = 7.0  // an expected or perceived mark
	// jDotsMax: beyond this many moments the curves are lines alone (their
	// corners are the scores) with points only where a moment is
	// critical; two points per moment would double what Graphviz lays out
	// for a picture that is an overview anyway.
	jDotsMax = 200
)

// journeyColumns are the widths of a moment's column: narrower for
// longer cycles.
var journeyColumns = []sizeStep{{12, 116}, {30, 100}, {math.MaxInt, 88}}

// journeyView is the journey curve: the moments left to right in file
// order under their stages, the performance curve on the 1..scale axis
// with the importance curve and expected against perceived, the moments
// (with owners) under the axis and their improvement notes below them.
// Options.Compare overlays an older version's performance curve. On a
// named paper the moments are split into rows (bands) stacked down the
// page, as many to a row as keep their names legible (bandedView).
func journeyView(a *cycle.Analysis, o Options) *draw.Drawing {
	return bandedView(a, o, 10, journeyBands)
}

// journeyBands lays the journey out with the moments from up to to
// (excluded), at most per moments to a row; every page has the title,
// the first page the legend.
func journeyBands(a *cycle.Analysis, o Options, per, from, to int) *viewKit {
	k := newKit("journey", a, o)
	th, vw := k.th, k.vw
	n := len(a.Moments)
	cw := sizeFor(n, journeyColumns)
	_, paged := draw.LookupPaper(o.Page)
	if paged {
		cw = journeyColumns[0].size // rows: the widest columns, for the shortest notes
	}
	per = max(1, min(per, n))
	right := cw * float64(per)

	perfLook := draw.Stroke{Color: th.Border, Width: 2.4}
	impLook := draw.Stroke{Color: th.Muted, Width: 1.4, Dash: draw.Dashed}
	oldLook := draw.Stroke{Color: th.Muted, Width: 1.6, Dash: draw.Dotted}
	gapColor := th.Handoff
	scale := a.Cycle.Scale

	// what the chart will show, for the legend
	var old map[string]*cycle.MomentAnalysis
	var removed []string
	var hasPerf, hasImp, hasGap, hasOld bool
	if o.Compare != nil {
		old = map[string]*cycle.MomentAnalysis{}
		for _, m := range o.Compare.Moments {
			old[m.ID] = m
		}
		for _, m := range o.Compare.Moments {
			if a.Lookup(m.ID) == nil {
				removed = append(removed, oneLine(m.Name))
			}
		}
	}
	for _, m := range a.Moments {
		hasPerf = hasPerf || scored(m.Performance)
		hasImp = hasImp || scored(m.Importance)
		_, _, ok := expectedPerceived(m)
		hasGap = hasGap || ok
		if om := old[m.ID]; om != nil && scored(om.Performance) {
			hasOld = true
		}
	}
	l := k.legend()
	if hasPerf {
		l.AddRow("performance", vw.LegPerf, k.legendCurve(perfLook, k.perfDot("", false, 0, 0))...)
	}
	if k.anyCritical() {
		l.AddRow("critical", vw.LegPerfCritical, k.perfDot("", true, 0, 0))
	}
	if hasImp {
		l.AddRow("importance", vw.LegImport, k.legendCurve(impLook, k.impDot("", 0, 0))...)
	}
	if hasGap {
		l.AddRow("expected", vw.LegExpected, k.gapMark("", "", 0, 0, false))
		l.AddRow("perceived", vw.LegPerceived, k.gapMark("", "", 0, 0, true))
	}
	if o.Compare != nil {
		name := oneLine(o.Compare.Cycle.Title)
		if hasOld || len(removed) > 0 {
			l.AddRow("compare", fmt.Sprintf(vw.LegCompare, shortName(name, 48)), k.legendCurve(oldLook, k.oldDot("", 0, 0))...)
		}
		if len(removed) > 0 {
			l.AddRow("removed", fmt.Sprintf(vw.LegRemoved, k.listSome(removed, 4)))
		}
	}

	// the title, and the legend beside it when the chart leaves room
	tb := k.title(-jAxisW, 0, max(right+jAxisW, 360)*0.6)
	top := tb.Rect.Y - tb.Rect.H/2 - jGap
	legendBelow := false
	if len(l.Rows) > 0 && from == 0 { // the legend on the first page only
		lw, lh := l.Size()
		if left := tb.Rect.X + tb.Rect.W/2 + 48; left+lw <= right {
			k.placeLegend(l, left, 0)
			top = min(top, -lh-jGap)
		} else {
			legendBelow = true
		}
	}

	// the moments' labels, all as tall as the tallest (in every row)
	labels := make([]draw.Label, n)
	boxH := 0.0
	for i, m := range a.Moments {
		labels[i] = k.momentLabel(m, cw-26, true)
		_, h := labels[i].Size()
		boxH = max(boxH, h+14)
	}
	chartH := min(max(jChartH, 0.2*right), jChartHi)
	if paged {
		chartH = jChartPaged // rows on a page: a lower chart leaves room for more of them
	}

	deepest, rowsTop := top, top
	for lo := from; lo < to; lo += per {
		hi := min(to, lo+per)
		suf := "" // the first row keeps the ids of the unbanded view
		if lo > 0 {
			suf = fmt.Sprintf("-row%d", lo/per+1)
		}
		if lo > from {
			top = deepest - jGap
		}
		colX := func(i int) float64 { return cw * (float64(i-lo) + 0.5) }
		right := cw * float64(hi-lo)
		if h := k.stageBands(top, colX, cw, lo, hi, suf); h > 0 {
			top -= h + jGap
		}
		// the score axis: a grid line and a number per step
		at := k.text("axis-title"+suf, "axis", -jAxisW/2, top-6, vw.Score+" "+fmt.Sprintf(vw.ScoreRange, 1, scale), draw.Font{Size: 9, Bold: true}, th.Muted)
		if lo > 0 {
			c := k.text("continued"+suf, "axis continued", 0, top-6, vw.ContinuedFrom, draw.Font{Size: 8, Italic: true}, th.Muted)
			c.Rect.X = at.Rect.X + at.Rect.W/2 + 12 + c.Rect.W/2
		}
		top -= 22
		bottom := top - chartH
		y := func(v float64) float64 { return bottom + (v-1)/float64(max(scale-1, 1))*chartH }
		step := max(1, (scale+9)/10)
		for s := 1; s <= scale; s += step {
			k.line(fmt.Sprintf("grid-%d%s", s, suf), "grid", draw.Stroke{Color: th.Frame, Width: 1}, pt{X: 0, Y: y(float64(s))}, pt{X: right, Y: y(float64(s))})
			k.text(fmt.Sprintf("tick-%d%s", s, suf), "axis", -14, y(float64(s)), fmt.Sprint(s), draw.Font{Size: 9}, th.Muted)
		}

		// curves first (Graphviz paints routes under every box anyway)
		// the older curve sits a little left of the column's centre, so that
		// where a score did not change both points show; a curve that goes
		// on in the row before or after runs to the row's edge, halfway to
		// the score it goes to
		dodge := -cw * 0.18
		curve := func(id, class string, dx float64, look draw.Stroke, val func(i int) (float64, bool)) bool {
			var pts []pt
			if lo > 0 {
				if v0, ok := val(lo - 1); ok {
					if v1, ok := val(lo); ok {
						pts = append(pts, pt{X: 0, Y: (y(v0) + y(v1)) / 2})
					}
				}
			}
			for i := lo; i < hi; i++ {
				if v, ok := val(i); ok {
					pts = append(pts, pt{X: colX(i) + dx, Y: y(v)})
				}
			}
			if hi < n {
				if v0, ok := val(hi - 1); ok {
					if v1, ok := val(hi); ok {
						pts = append(pts, pt{X: right, Y: (y(v0) + y(v1)) / 2})
					}
				}
			}
			if len(pts) > 1 {
				k.line(id+suf, class, look, pts...)
			}
			return len(pts) > 0
		}
		curve("curve-importance", "curve importance", 0, impLook, func(i int) (float64, bool) {
			m := a.Moments[i]
			return scoreValue(m.Importance), scored(m.Importance)
		})
		curve("curve-performance", "curve performance", 0, perfLook, func(i int) (float64, bool) {
			m := a.Moments[i]
			return scoreValue(m.Performance), scored(m.Performance)
		})
		if o.Compare != nil {
			curve("curve-compare", "curve compare", dodge, oldLook, func(i int) (float64, bool) {
				m := old[a.Moments[i].ID]
				if m == nil || !scored(m.Performance) {
					return 0, false
				}
				return min(scoreValue(m.Performance), float64(scale)), true
			})
		}
		for i := lo; i < hi; i++ {
			m := a.Moments[i]
			e, p, ok := expectedPerceived(m)
			if !ok {
				continue
			}
			x := colX(i) + cw*0.22
			k.line("gap-"+m.ID, "gap", draw.Stroke{Color: gapColor, Width: 1.4}, pt{X: x, Y: y(e)}, pt{X: x, Y: y(p)})
			k.out.Add(k.gapMark("expected-"+m.ID, "expected", x, y(e), false), k.gapMark("perceived-"+m.ID, "perceived", x, y(p), true))
		}
		// points over the curves
		for i := lo; i < hi; i++ {
			m := a.Moments[i]
			if om := old[m.ID]; om != nil && scored(om.Performance) {
				k.out.Add(k.oldDot("compare-"+m.ID, colX(i)+dodge, y(min(scoreValue(om.Performance), float64(scale)))))
			}
			if scored(m.Importance) && n <= jDotsMax {
				k.out.Add(k.impDot("importance-"+m.ID, colX(i), y(scoreValue(m.Importance))))
			}
			if scored(m.Performance) && (n <= jDotsMax || m.Critical) {
				k.out.Add(k.perfDot("performance-"+m.ID, m.Critical, colX(i), y(scoreValue(m.Performance))))
			}
		}

		// the moments under the axis
		top = bottom - jGap
		deepest = top - boxH
		for i := lo; i < hi; i++ {
			m := a.Moments[i]
			k.out.Add(k.momentBox(m, rect{X: colX(i), Y: top - boxH/2, W: cw - 12, H: boxH}, labels[i]))
			if len(m.Improvements) > 0 {
				nb := k.noteBox(m, colX(i), top-boxH-12, cw-12, k.improvements(m, cw-30))
				k.out.Add(nb)
				deepest = min(deepest, nb.Rect.Y-nb.Rect.H/2)
			}
		}
		if hi < n {
			c := k.text("continues"+suf, "axis continued", 0, deepest-12, vw.ContinuesBelow, draw.Font{Size: 8, Italic: true}, th.Muted)
			c.Rect.X = right - c.Rect.W/2
			deepest = c.Rect.Y - c.Rect.H/2
		}
	}

	if legendBelow {
		if paged {
			// on a paper: below the rows or beside them, whichever
			// draws the whole larger
			k.placeLegendEither(l, pt{X: -jAxisW, Y: deepest - jGap - 6}, pt{X: right + 24, Y: rowsTop})
		} else {
			k.placeLegend(l, -jAxisW, deepest-jGap-6)
		}
	}
	return k
}

func (k *viewKit) anyCritical() bool {
	for _, m := range k.a.Moments {
		if m.Critical {
			return true
		}
	}
	return false
}

// listSome joins the first most names and says how many more there are.
func (k *viewKit) listSome(names []string, most int) string {
	if len(names) <= most {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:most], ", ") + ", " + fmt.Sprintf(k.vw.AndMore, len(names)-most)
}

// perfDot is a performance point: a filled disc, ringed twice for a
// critical moment.
func (k *viewKit) perfDot(id string, critical bool, x, y float64) *draw.Box {
	b := &draw.Box{Meta: draw.Meta{ID: id, Class: "point performance"}, Shape: draw.Circle,
		Rect: rect{X: x, Y: y, W: jPerfDot, H: jPerfDot}, Fill: k.th.Border, Stroke: draw.Stroke{Color: k.th.Border}}
	if critical {
		b.Class += " critical"
		b.Fill, b.Stroke, b.Double = k.th.CritBorder, draw.Stroke{Color: k.th.CritBorder, Width: 1.6}, true
	}
	return b
}

// impDot is an importance point: a hollow disc.
func (k *viewKit) impDot(id string, x, y float64) *draw.Box {
	return &draw.Box{Meta: draw.Meta{ID: id, Class: "point importance"}, Shape: draw.Circle,
		Rect: rect{X: x, Y: y, W: jImpDot, H: jImpDot}, Fill: k.th.Background, Stroke: draw.Stroke{Color: k.th.Muted, Width: 1.4}}
}

// oldDot is a point of the older version's performance: a small grey
// square.
func (k *viewKit) oldDot(id string, x, y float64) *draw.Box {
	return &draw.Box{Meta: draw.Meta{ID: id, Class: "point compare"}, Shape: draw.Rectangle,
		Rect: rect{X: x, Y: y, W: 7, H: 7}, Fill: k.th.Background, Stroke: draw.Stroke{Color: k.th.Muted, Width: 1.4}}
}

// gapMark is an expected (hollow) or perceived (filled) diamond-less
// square mark of the dimensions' means.
func (k *viewKit) gapMark(id, class string, x, y float64, filled bool) *draw.Box {
	b := &draw.Box{Meta: draw.Meta{ID: id, Class: "point " + class}, Shape: draw.Rectangle,
		Rect: rect{X: x, Y: y, W: jGapDot, H: jGapDot}, Fill: k.th.Background, Stroke: draw.Stroke{Color: k.th.Handoff, Width: 1.4}}
	if filled {
		b.Fill = k.th.Handoff
	}
	return b
}

// legendCurve is a legend sample of a curve: a short line through a
// point.
func (k *viewKit) legendCurve(look draw.Stroke, dot *draw.Box) []draw.Item {
	return []draw.Item{&draw.Route{Path: draw.Line(pt{X: -22}, pt{X: 22}), Stroke: look}, dot}
}
