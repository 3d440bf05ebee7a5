package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/msg"
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

// journeyPagedColumns are the column widths tried on a named paper, the
// widest first: narrower columns put more moments in a row, so a
// journey may take fewer pages, at the cost of taller notes.
var journeyPagedColumns = []float64{116, 100, 88}

// journeyWidthTrials is the most moments for which a journey on a named
// paper tries the narrower columns: a longer one takes many pages at any
// width, and each trial is a whole layout (5,000 moments: 2.7 s for one).
const journeyWidthTrials = 60

// journeyView is the journey curve: the moments left to right in file
// order under their stages, the performance curve on the 1..scale axis
// with the importance curve and expected against perceived, the moments
// (with owners) under the axis and their improvement notes below them.
// Options.Compare overlays an older version's performance curve. On a
// named paper the moments are split into rows (bands) stacked down the
// page, as many to a row as keep their names legible (bandedView).
//
// On a named paper a moment's notes stay under it while the rows keep the
// names at draw.MinNameSize; the notes that do not (the tallest first)
// become numbered callouts under their moments, and their text goes to a
// notes panel under the rows of the moment's page, continued on further
// pages (journeyPanel); once some are, all are when that costs no page,
// so that the notes are shown one way. The columns are as wide as keeps the fewest
// pages (journeyPagedColumns).
func journeyView(a *cycle.Analysis, o Options) *draw.Drawing {
	if _, paged := draw.LookupPaper(o.Page); !paged {
		return bandedView(a, o, 10, journeyBands(nil, &journeyLabels{}))
	}
	// every column width, the widest first: the fewest pages that keep
	// the names, then the widest columns (the shortest notes)
	var best *draw.Drawing
	rank := func(d *draw.Drawing) []int {
		small := 0
		if len(d.Warnings) > 0 {
			small = 1 // names below draw.MinNameSize
		}
		return []int{small, len(d.More)}
	}
	for i, cw := range journeyPagedColumns {
		if i > 0 && (len(best.More) == 0 && len(best.Warnings) == 0 || len(a.Moments) > journeyWidthTrials) {
			break // one page already, or a cycle long enough to be many pages whatever the width
		}
		if d := journeyPaged(a, o, cw); best == nil || slices.Compare(rank(d), rank(best)) < 0 {
			best = d
		}
	}
	return best
}

// journeyPaged lays the journey out on a named paper with columns cw
// wide: with the fewest callouts that keep the names, or more when they
// save pages.
func journeyPaged(a *cycle.Analysis, o Options, cw float64) *draw.Drawing {
	// the moments with notes, the tallest notes first
	k := newKit("journey", a, o)
	labels := &journeyLabels{col: cw} // the same in every trial
	var order []int
	height := map[int]float64{}
	for i, m := range a.Moments {
		if len(m.Improvements) > 0 {
			l := k.improvements(m, cw-30)
			_, height[i] = l.Size()
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(height[y], height[x]) })
	// the fewest callouts that keep the names: with c callouts the rows
	// are no taller than with fewer, so the least c is found by halving
	draw1 := func(c int) *draw.Drawing {
		co := map[int]bool{}
		for _, i := range order[:c] {
			co[i] = true
		}
		d := bandedView(a, o, 10, journeyBands(co, labels))
		if c > 0 {
			journeyPanel(k, d, co, cw)
			alignPages(d) // the panels moved some pages
		}
		return d
	}
	keeps := func(d *draw.Drawing) bool { return len(d.Warnings) == 0 }
	least, d := 0, draw1(0)
	if !keeps(d) && len(order) > 0 {
		lo, hi := 1, len(order)
		d = draw1(hi)
		for lo < hi {
			mid := (lo + hi) / 2
			if dm := draw1(mid); keeps(dm) {
				hi, d = mid, dm
			} else {
				lo = mid + 1
			}
		}
		least = lo
	}
	// more callouts than that when they save pages (shorter rows, more of
	// them to a page): the fewest pages, with the fewest callouts that
	// reach them (found by halving, taking more callouts to never cost
	// pages)
	if keeps(d) && least < len(order) {
		all := draw1(len(order))
		if least > 0 && keeps(all) && len(all.More) <= len(d.More) {
			// some notes are callouts already: all of them, when that
			// costs no page, rather than a page of callouts and a page of
			// notes under their moments (one way of showing notes)
			return all
		}
		if keeps(all) && len(all.More) < len(d.More) {
			lo, hi := least+1, len(order)
			d = all
			for lo < hi {
				mid := (lo + hi) / 2
				if dm := draw1(mid); keeps(dm) && len(dm.More) <= len(all.More) {
					hi, d = mid, dm
				} else {
					lo = mid + 1
				}
			}
		}
	}
	return d
}

// journeyBands lays the journey out with the moments from up to to
// (excluded), at most per moments to a row; every page has the title,
// the first page the legend. The moments in callouts show a numbered
// disc under them instead of their notes.
func journeyBands(callouts map[int]bool, labels *journeyLabels) bandBuild {
	return func(a *cycle.Analysis, o Options, per, from, to int) *viewKit {
		k := journeyRows(a, o, callouts, labels, per, from, to, false)
		if paper, ok := draw.LookupPaper(o.Page); ok && from == 0 && k.out.Legend != nil {
			// on a paper the legend may also sit beside the title past
			// the rows' end, when that draws the page larger
			top := journeyRows(a, o, callouts, labels, per, from, to, true)
			fit := func(k *viewKit) float64 {
				c := k.out.Content()
				w, h := paper.Oriented(o.Orientation, c.W/c.H)
				return min(w/c.W, h/c.H)
			}
			if fit(top) > fit(k)+1e-9 {
				return top
			}
		}
		return k
	}
}

// journeyRows is journeyBands' layout; legendTop puts the legend beside
// the title even past the rows' end.
func journeyRows(a *cycle.Analysis, o Options, callouts map[int]bool, memo *journeyLabels, per, from, to int, legendTop bool) *viewKit {
	k := newKit("journey", a, o)
	th, vw := k.th, k.vw
	n := len(a.Moments)
	cw := sizeFor(n, journeyColumns)
	_, paged := draw.LookupPaper(o.Page)
	if paged {
		cw = memo.col // rows: the column width journeyView is trying
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
	if paged {
		// on a paper the legend's rows wrap, for a narrower legend
		st := draw.DefaultLegend
		st.Ink, st.Frame, st.TextW = th.Ink, th.Frame, 210
		l = draw.NewLegend(k.w.Legend, st)
	}
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
	if len(callouts) > 0 {
		l.AddRow("callout", k.w.LegCallout, legendKinds[legCallout].sample(k.clock())...)
	}
	if o.Compare != nil {
		name := oneLine(o.Compare.Cycle.Title)
		if name == oneLine(a.Cycle.Title) && o.Compare.Cycle.File != "" {
			// the same title names nothing: the older file, as given
			name = oneLine(o.Compare.Cycle.File)
		}
		if hasOld || len(removed) > 0 {
			l.AddRow("compare", fmt.Sprintf(vw.LegCompare, shortName(name, 48)), k.legendCurve(oldLook, k.oldDot("", 0, 0))...)
		}
		if len(removed) > 0 {
			l.AddRow("removed", fmt.Sprintf(vw.LegRemoved, k.listSome(removed, 4)))
		}
	}

	// the title, and the legend beside it when the chart leaves room: the
	// title takes 0.6 of the rows' width when the legend fits beside that,
	// else the whole width (on every page alike, the first deciding by
	// the legend it has)
	titleW := max(right+jAxisW, 360)
	if lw, _ := l.Size(); len(l.Rows) > 0 && 0.6*titleW+48+lw <= right+jAxisW {
		titleW *= 0.6
	}
	tb := k.title(-jAxisW, 0, titleW)
	top := tb.Rect.Y - tb.Rect.H/2 - jGap
	legendBelow := false
	if len(l.Rows) > 0 && from == 0 { // the legend on the first page only
		lw, lh := l.Size()
		if left := tb.Rect.X + tb.Rect.W/2 + 48; left+lw <= right || legendTop {
			k.placeLegend(l, left, 0)
			top = min(top, -lh-jGap)
		} else {
			legendBelow = true
		}
	}

	// the moments' labels, all as tall as the tallest (in every row),
	// laid out once for all the trials of one journey (drawing copies a
	// label before it scales it)
	if memo.labels == nil || memo.cw != cw {
		memo.labels, memo.cw, memo.boxH = make([]draw.Label, n), cw, 0
		for i, m := range a.Moments {
			memo.labels[i] = k.momentLabel(m, cw-26, true)
			_, h := memo.labels[i].Size()
			if m.Critical {
				h += 2 * draw.DoubleGap // its second outline inside the column (momentBox)
			}
			memo.boxH = max(memo.boxH, h+14)
		}
	}
	labels, boxH := memo.labels, memo.boxH
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
			c := k.text("continued"+suf, "axis continued", 0, top-6, continuedText(vw, lo, from), draw.Font{Size: 8, Italic: true}, th.Muted)
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
		// a curve breaks where a moment has no score: one line for each
		// run of scored moments (the first keeps the curve's id, the
		// others add "-2", "-3", …), rather than a line through the
		// unscored moment's column at a score it was never given
		curve := func(id, class string, dx float64, look draw.Stroke, val func(i int) (float64, bool)) bool {
			var pts []pt
			runs, any := 0, false
			flush := func() {
				if len(pts) > 1 {
					runs++
					rid := id
					if runs > 1 {
						rid = fmt.Sprintf("%s-%d", id, runs)
					}
					k.line(rid+suf, class, look, pts...)
				}
				any = any || len(pts) > 0
				pts = nil
			}
			if lo > 0 {
				if v0, ok := val(lo - 1); ok {
					if v1, ok := val(lo); ok {
						pts = append(pts, pt{X: 0, Y: (y(v0) + y(v1)) / 2})
					}
				}
			}
			for i := lo; i < hi; i++ {
				v, ok := val(i)
				if !ok {
					flush()
					continue
				}
				pts = append(pts, pt{X: colX(i) + dx, Y: y(v)})
			}
			if hi < n {
				if v0, ok := val(hi - 1); ok {
					if v1, ok := val(hi); ok {
						pts = append(pts, pt{X: right, Y: (y(v0) + y(v1)) / 2})
					}
				}
			}
			flush()
			return any
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
			if hasPerf && !scored(m.Performance) {
				// under the axis, where the curve breaks
				k.text("unscored-"+m.ID, "unscored", colX(i), bottom-jGap/2, vw.PerfMissing, draw.Font{Size: 8, Italic: true}, th.Muted)
			}
		}

		// the moments under the axis
		top = bottom - jGap
		deepest = top - boxH
		for i := lo; i < hi; i++ {
			m := a.Moments[i]
			k.out.Add(k.momentBox(m, rect{X: colX(i), Y: top - boxH/2, W: cw - 12, H: boxH}, labels[i]))
			if callouts[i] {
				// the callout's disc, where the note would begin
				at := &attachment{moment: i, callout: m.Number()}
				at.w = discSize(at.callout)
				at.box = rect{X: colX(i), Y: top - boxH - 12 - at.w/2, W: at.w, H: at.w}
				k.out.Add(k.clock().noteBox(at))
				deepest = min(deepest, at.box.Min().Y)
			} else if len(m.Improvements) > 0 {
				nb := k.noteBox(m, colX(i), top-boxH-12, cw-12, k.improvements(m, cw-30))
				k.out.Add(nb)
				deepest = min(deepest, nb.Rect.Y-nb.Rect.H/2)
			}
		}
		if hi < n {
			c := k.text("continues"+suf, "axis continued", 0, deepest-12, continuesText(vw, hi, to), draw.Font{Size: 8, Italic: true}, th.Muted)
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

// clock is a clock-face diagram with the view's analysis, options, palette
// and words, for the marks the journey shares with the clock face on a
// named page: the callout discs, the notes panel and its legend row.
func (k *viewKit) clock() *diagram {
	return &diagram{a: k.a, opts: k.o, th: k.th, w: k.w, n: len(k.a.Moments), paged: true}
}

// journeyWords are the journey's own words on a named page.
type journeyWords struct {
	// WarnNotesPDF: the paper, the numbers of the moments
	WarnNotesPDF string
	// WarnNotesPDFOne: the same for one moment
	WarnNotesPDFOne string
}

var journeyVocabulary = translated(journeyWords{
	WarnNotesPDF:    msg.N("on %s, the notes of moments %s are on a further page, which only pdf has"),
	WarnNotesPDFOne: msg.N("on %s, the notes of moment %s are on a further page, which only pdf has"),
})

// journeyPanel puts the notes of the callouts of each page of d in a
// notes panel under that page's rows, at the pages' scale; the rows that
// do not fit go on pages of their own right after it (which only PDF
// paints), and SVG and PNG say which notes of the first page they leave
// out.
func journeyPanel(k *viewKit, d *draw.Drawing, callouts map[int]bool, cw float64) {
	cd := k.clock()
	st := cd.panelStyle()
	pages := append([]*draw.Drawing{d}, d.More...)
	// the pages' scale: a moment's box is a column (cw) less 12 points
	// wide, less its second outline when critical (momentBox)
	s := 1.0
	for _, it := range d.Items {
		if b, ok := it.(*draw.Box); ok && strings.HasPrefix(b.ID, "moment-") {
			w := cw - 12
			if b.Double {
				w -= 2 * draw.DoubleGap
			}
			s = b.Rect.W / w
			break
		}
	}
	scale := func(p *draw.Panel) { (&draw.Drawing{Panel: p}).Scale(s, pt{}) }
	var out []*draw.Drawing
	var left []string // the callouts of the first page whose notes are not on it
	firstNotes := 0   // the pages of notes right after the first page
	for pi, p := range pages {
		out = append(out, p)
		ids := map[string]bool{}
		for _, it := range p.Items {
			if b, ok := it.(*draw.Box); ok {
				ids[b.ID] = true
			}
		}
		cd.panel = nil
		for i, m := range k.a.Moments {
			if !callouts[i] || !ids["note-"+m.ID] {
				continue
			}
			row := &panelRow{moment: i, callout: m.Number()}
			row.label.Left = true
			row.label.Add(oneLine(m.Name), cd.panelWidth(), draw.Font{Size: 9, Bold: true}, k.th.Ink)
			for _, im := range m.Improvements {
				cd.improvementLines(&row.label, im, cd.panelWidth())
			}
			cd.panel = append(cd.panel, row)
		}
		if len(cd.panel) == 0 {
			continue
		}
		// under the rows, flush left with them, or beside them at the top
		// (the page centred again on what it holds), whichever holds
		// more of the panel's rows; in design points (the page's over s)
		panel := cd.buildPanel()
		pg := rect{X: p.Page.X / s, Y: p.Page.Y / s, W: p.Page.W / s, H: p.Page.H / s}
		paper, _ := draw.LookupPaper(p.Paper)
		margin := paper.Margin / s
		// a note taller than a page of its own goes on over pages
		_, hh := cd.continuedHead(panel.Head, pg.W-2*margin).Label.Size()
		panel.Rows = draw.SplitRows(panel.Rows, pg.H-2*margin-hh-st.RowGap)
		c := p.Content()
		c = rect{X: c.X / s, Y: c.Y / s, W: c.W / s, H: c.H / s}
		pw := draw.PanelWidth(panel, st)
		bottom := pg.Min().Y + margin
		at := pt{X: min(c.Min().X, pg.Max().X-margin-pw), Y: c.Min().Y - pageGap}
		fit := panelRowsFit(panel, at.Y, bottom, st)
		// beside: right of the rows, under the legend when the legend is
		// beside them, the page centred again on what it holds
		side := pt{X: c.Max().X + pageGap, Y: c.Max().Y}
		if l := p.Legend; l != nil && len(p.Items) > 0 {
			items := p.Items[0].Bounds()
			for _, it := range p.Items[1:] {
				items = items.Union(it.Bounds())
			}
			if lr := l.Frame.Rect; lr.Min().X > items.Max().X {
				side = pt{X: items.Max().X/s + pageGap, Y: lr.Min().Y/s - pageGap}
			}
		}
		if right := max(c.Max().X, side.X+pw); right-c.Min().X <= pg.W-2*margin {
			if n := panelRowsFit(panel, side.Y, bottom, st); n > fit {
				at, fit = side, n
				p.Page.X = (c.Min().X + right) / 2 * s
			}
		}
		rest := panel
		if fit > 0 {
			rest = draw.StackPanel(panel, at.X, at.Y, bottom, st)
			p.Panel = panel
		}
		if rest != nil {
			rest.Head = cd.continuedHead(rest.Head, pg.W-2*margin)
		}
		if p.Panel != nil {
			scale(p.Panel)
		}
		for n := 2; rest != nil; n++ {
			np := &draw.Drawing{Name: fmt.Sprintf("%s-notes-%d", p.Name, n), Page: p.Page, Paper: p.Paper,
				Background: p.Background, Ink: p.Ink, Panel: rest}
			rest = draw.StackPanel(np.Panel, pg.Min().X+margin, pg.Max().Y-margin, bottom, st)
			if pi == 0 {
				firstNotes++
				for _, r := range np.Panel.Rows { // the rows this page holds
					if r.Key != nil { // not a note's second part
						left = append(left, r.Key.Text)
					}
				}
			}
			if rest != nil {
				head := *rest.Head
				head.Label.Lines = slices.Clone(head.Label.Lines)
				rest.Head = &head
			}
			scale(np.Panel)
			out = append(out, np)
		}
	}
	d.More = out[1:]
	// what the first page leaves out, for SVG and PNG: the further rows
	// (the pages now counting the panel's) and the notes of its callouts
	// that went on
	var notes []string
	if len(pages) > 1 {
		first := 0
		for _, it := range d.Items {
			if b, ok := it.(*draw.Box); ok && strings.HasPrefix(b.ID, "moment-") {
				first++
			}
		}
		notes = append(notes, fmt.Sprintf(k.vw.WarnMorePages, d.Paper, first, len(k.a.Moments), len(out)))
	}
	if len(left) > 0 {
		jv := journeyVocabulary[k.o.Lang]
		w := msg.Plural(k.o.Lang, len(left), jv.WarnNotesPDFOne, jv.WarnNotesPDF)
		notes = append(notes, fmt.Sprintf(w, d.Paper, strings.Join(left, ", ")))
	}
	d.MoreNote = strings.Join(notes, "; ")
	if firstNotes > 0 && d.Legend != nil {
		// the legend says where the first page's notes are when they are
		// not all in its panel, as the clock face's does (rewordCallouts):
		// on page 2 (on), or in the report for SVG and PNG
		d.Legend.RewordScaled("callout", calloutWhereabouts(k.w, d.Panel, firstNotes, k.o.Format), s)
	}
}

// panelRowsFit is how many of the panel's rows StackPanel puts between
// top and bottom.
func panelRowsFit(p *draw.Panel, top, bottom float64, st draw.PanelStyle) int {
	_, hh := p.Head.Label.Size()
	y := top - hh - st.RowGap
	for i, r := range p.Rows {
		_, h := r.Body.Label.Size()
		if y-h-12 < bottom {
			return i
		}
		y -= h + 12 + st.RowGap
	}
	return len(p.Rows)
}

// journeyLabels keeps the moments' labels of one journey, laid out at
// text width cw-26, and the height of the tallest box, for the layouts
// tried for it.
type journeyLabels struct {
	col    float64 // the column width on a named paper
	labels []draw.Label
	cw     float64
	boxH   float64
}
