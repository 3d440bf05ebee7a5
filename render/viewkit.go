package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// viewKit holds what every view besides the clock face shares: the
// analysis, the options, the palette, the words, and the drawing being
// made. The views are journey.go, blueprint.go and ipa.go.
type viewKit struct {
	a   *cycle.Analysis
	o   Options
	th  *theme
	w   *words
	vw  *viewWords
	out *draw.Drawing
	// legendShapes: placeLegendEither tries the legend's rows wrapped
	// narrower (legendTextWidths) and, at its first place, which is
	// below the rows, side by side (legendBelowColumns)
	legendShapes bool
}

func newKit(name string, a *cycle.Analysis, o Options) *viewKit {
	th := themes[o.Theme]
	return &viewKit{a: a, o: o, th: th, w: vocabulary[o.Lang], vw: viewVocabulary[o.Lang],
		out: &draw.Drawing{Name: name, Background: th.Background, Ink: th.Ink}}
}

// ---- scores, read through these helpers only ----
//
// Scores are whole numbers in package cycle today; they may become exact
// decimals. Every view reads them through these functions, so that such a
// change touches this block alone.

// scored reports whether a score is given (0 means unset).
func scored(v cycle.Decimal) bool { return !v.IsZero() }

// scoreValue is a score as a number on the 1..scale axis.
func scoreValue(v cycle.Decimal) float64 { return v.Float64() }

// expectedPerceived is the mean expected and mean perceived score over the
// dimensions of m that give both; ok is false when none does.
func expectedPerceived(m *cycle.MomentAnalysis) (exp, per float64, ok bool) {
	n := 0
	for _, d := range cycle.SortedDimensions(m.Dimensions) {
		s := m.Dimensions[d]
		if s.HasGap() {
			exp += scoreValue(s.Expected)
			per += scoreValue(s.Perceived)
			n++
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	return exp / float64(n), per / float64(n), true
}

// ipaSplit is where the analysis splits the importance-performance
// matrix, on each axis (cycle.Analysis.Split): a score strictly above it
// is high, at or below it low. The view places every point by the
// quadrant the analysis gave it (MomentAnalysis.Quadrant) and draws the
// dividers here.
func ipaSplit(a *cycle.Analysis) (importance, performance float64) {
	s := splitOf(a)
	return s.Importance, s.Performance
}

// ipaSplitRule is how the analysis chose the split: "midpoint" or "mean"
// (the cycle's mean scores).
func ipaSplitRule(a *cycle.Analysis) string { return splitOf(a).Rule }

// splitOf is the analysis' split, or the cycle's own when the analysis
// was not made by cycle.Analyze and has none.
func splitOf(a *cycle.Analysis) cycle.Split {
	if a.Split.Rule == "" {
		return cycle.SplitOf(a.Cycle)
	}
	return a.Split
}

// ---- the blueprint's lanes, read through these helpers only ----
//
// The per-moment lists evidence, backstage and support are read here and
// nowhere else (variables, so that a test can hand the blueprint lists the
// file format does not give yet).

// evidenceOf is the physical evidence the customer sees at the moment (the
// moment's evidence list; empty when the file gives none).
var evidenceOf = func(m *cycle.MomentAnalysis) []string { return m.Evidence }

// backstageOf is the work the customer does not see (backstage).
var backstageOf = func(m *cycle.MomentAnalysis) []string { return m.Backstage }

// supportOf is the support processes and systems (support).
var supportOf = func(m *cycle.MomentAnalysis) []string { return m.Support }

// ---- shared marks ----

// continuedText heads a row that starts at moment lo on a page whose rows
// start at from: continued from the previous row, or from the previous
// page when it is the page's first.
func continuedText(vw *viewWords, lo, from int) string {
	if lo == from {
		return vw.ContinuedFromPage
	}
	return vw.ContinuedFrom
}

// continuesText ends a row that stops before moment hi on a page whose
// rows stop before to: it continues in the next row, or on the next page
// when it is the page's last.
func continuesText(vw *viewWords, hi, to int) string {
	if hi == to {
		return vw.ContinuesNextPage
	}
	return vw.ContinuesBelow
}

// title places the title block with its top-left corner at (left, top):
// the title, the customer and the organisation, wrapped at width. It
// returns the block's box.
func (k *viewKit) title(left, top, width float64) *draw.Box {
	l := draw.Label{Left: true}
	titleLines(&l, k.a.Cycle, k.w, k.th, 20, 11, width, width)
	w, h := l.Size()
	r := rect{X: left + w/2, Y: top - h/2, W: w, H: h}
	b := &draw.Box{Meta: draw.Meta{ID: "title", Class: "title"}, Name: "_title", Shape: draw.Plain, Rect: r, Label: l}
	k.out.Add(b)
	return b
}

// text adds a box of plain text centred at (x, y) and returns it.
func (k *viewKit) text(id, class string, x, y float64, s string, f draw.Font, color string) *draw.Box {
	var l draw.Label
	l.AddLine(draw.Span{Text: s, Font: f, Color: color})
	w, h := l.Size()
	b := &draw.Box{Meta: draw.Meta{ID: id, Class: class}, Shape: draw.Plain, Rect: rect{X: x, Y: y, W: w, H: h}, Label: l}
	k.out.Add(b)
	return b
}

// line adds a route without arrowhead through the points.
func (k *viewKit) line(id, class string, look draw.Stroke, pts ...pt) *draw.Route {
	r := &draw.Route{Meta: draw.Meta{ID: id, Class: class}, Path: draw.Polyline(pts...), Stroke: look}
	k.out.Add(r)
	return r
}

// arrowPath is the path of an arrow through pts, ending draw.ArrowLen
// before its tip, the last point.
func arrowPath(pts []pt) ([]pt, pt) {
	n := len(pts)
	tip := pts[n-1]
	d := tip.Sub(pts[n-2])
	base := tip.Sub(d.Mul(draw.ArrowLen / math.Max(d.Len(), 1e-9)))
	path := append(append([]pt{}, pts[:n-1]...), base)
	return draw.Polyline(path...), tip
}

// arrowSet draws a view's arrows a few routes per class: each further
// arrow of a class is a leg of the class's route, drawn the same, so that
// Graphviz gets one edge for up to maxLegs like arrows instead of an edge
// each (a good part of a long row's cost, with no change to the picture).
type arrowSet struct {
	k      *viewKit
	suf    string
	routes map[string]*draw.Route
	count  map[string]int
}

// maxLegs is the most arrows in one route: it keeps a route's DOT pos
// well under the 16 KiB that older Graphviz parsers take in one string.
const maxLegs = 48

// arrows starts the arrows of a row of a view; suf ends their ids.
func (k *viewKit) arrows(suf string) *arrowSet {
	return &arrowSet{k: k, suf: suf, routes: map[string]*draw.Route{}, count: map[string]int{}}
}

// add draws an arrow of class through pts, its head at the last point
// (arrowPath), from box from to box to (nil for none); every arrow of a
// class has one look.
func (s *arrowSet) add(class string, look draw.Stroke, from, to *draw.Box, pts ...pt) {
	path, tip := arrowPath(pts)
	if r, ok := s.routes[class]; ok && len(r.Legs)+1 < maxLegs {
		r.Legs = append(r.Legs, draw.Leg{Path: path, Tip: tip})
		r.To = to
		return
	}
	s.count[class]++
	id := "arrows-" + strings.ReplaceAll(class, " ", "-")
	if n := s.count[class]; n > 1 {
		id += fmt.Sprintf("-%d", n)
	}
	r := &draw.Route{Meta: draw.Meta{ID: id + s.suf, Class: class}, From: from, To: to, Path: path,
		Head: draw.ArrowNormal, Tip: tip, Stroke: look}
	s.routes[class] = r
	s.k.out.Add(r)
}

// momentLabel is a moment's label: its number (with "! CRITICAL" when
// critical, on a line of its own when the two are wider than width), its
// name and, when given, its owner, wrapped at width.
func (k *viewKit) momentLabel(m *cycle.MomentAnalysis, width float64, withOwner bool) draw.Label {
	var l draw.Label
	if m.Critical {
		width -= 2 * draw.DoubleGap // the second outline stands inside the box's room (momentBox)
	}
	head := draw.Span{Text: fmt.Sprint(m.Number()), Font: draw.Font{Size: 10, Bold: true}, Color: k.th.Ink}
	var crit string
	if m.Critical {
		head.Color = k.th.CritText
		if crit = "! " + k.w.Critical; textWidth(head.Text+" · "+crit, head.Font.Size, true) <= width {
			head.Text, crit = head.Text+" · "+crit, ""
		}
	}
	l.AddLine(head)
	if crit != "" {
		// a narrow column: the mark on lines of its own, inside the box
		l.Add(crit, width, head.Font, head.Color)
	}
	l.Add(oneLine(m.Name), width, draw.Font{Size: 10, Bold: true}, k.th.Ink)
	if withOwner && m.Owner != "" {
		l.Add(oneLine(m.Owner), width, draw.Font{Size: 9, Italic: true}, k.th.Muted)
	}
	return l
}

// momentBox is a moment's box in room r, rounded, or square with a
// double border when critical (as on the clock face: the second outline
// is r's edge, so that it takes none of the gap to the neighbours),
// linked when the moment has a URL.
func (k *viewKit) momentBox(m *cycle.MomentAnalysis, r rect, l draw.Label) *draw.Box {
	b := &draw.Box{Meta: draw.Meta{ID: "moment-" + m.ID, Class: "moment"}, Name: m.ID, Rect: r, Label: l}
	if m.Critical {
		b.Class += " critical"
		b.Shape, b.Double = draw.Rectangle, true
		b.Rect = r.Grow(-draw.DoubleGap)
		b.Fill, b.Stroke = k.th.CritFill, draw.Stroke{Color: k.th.CritBorder, Width: 2.2}
	} else {
		b.Shape = draw.Rounded
		b.Fill, b.Stroke = k.th.Fill, draw.Stroke{Color: k.th.Border}
	}
	if u := safeURL(m.URL); u != "" {
		b.URL, b.Tooltip = u, m.Name
	}
	return b
}

// improvements is the label of a moment's improvement notes (as on the
// clock face), wrapped at width; empty when it has none.
func (k *viewKit) improvements(m *cycle.MomentAnalysis, width float64) draw.Label {
	var l draw.Label
	l.Left = true
	d := &diagram{th: k.th, w: k.w}
	for _, im := range m.Improvements {
		d.improvementLines(&l, im, width)
	}
	return l
}

// noteBox is a note holding l, centred at (x, y) with width w.
func (k *viewKit) noteBox(m *cycle.MomentAnalysis, x, top, w float64, l draw.Label) *draw.Box {
	_, h := l.Size()
	h += 12
	l.Pad = 8
	return &draw.Box{Meta: draw.Meta{ID: "note-" + m.ID, Class: "note"}, Name: "_note_" + m.ID,
		Rect: rect{X: x, Y: top - h/2, W: w, H: h}, Shape: draw.Note, Fill: k.th.NoteFill,
		Stroke: draw.Stroke{Color: k.th.NoteBorder}, Label: l}
}

// finish sets the page: sized to the content ("auto"), or the named
// paper with the drawing scaled to fit it (at most maxGrow larger),
// warning when moment names, set at nameSize, fall below
// draw.MinNameSize.
func (k *viewKit) finish(nameSize float64) *draw.Drawing {
	out, o := k.out, k.o
	paper, ok := draw.LookupPaper(o.Page)
	if !ok {
		out.FitPage(pageMargin)
		return out
	}
	c := out.Content()
	w, h := paper.Oriented(o.Orientation, c.W/c.H)
	s := min(paper.Fit(w, h, c.W, c.H), maxGrow)
	out.Scale(s, pt{})
	m := c.Centre().Mul(s)
	out.Page = rect{X: m.X, Y: m.Y, W: w, H: h}
	out.Paper = paper.Name
	if got := reachedSize(nameSize, s); got < draw.MinNameSize-0.01 {
		out.Warnings = append(out.Warnings, fmt.Sprintf(k.vw.WarnSmall, paperWord(k.w, paper.Name), len(k.a.Moments), got, draw.MinNameSize))
	}
	return out
}

// balancePages is the most pages bandedView shares moments out evenly
// over (each trial lays every page out again).
const balancePages = 12

// maxBandCols is the most moments to a row that bandedView tries.
const maxBandCols = 40

// bandBuild lays a view out with the moments from up to to (excluded),
// in rows of at most per moments.
type bandBuild func(a *cycle.Analysis, o Options, per, from, to int) *viewKit

// bandedView draws a view that build lays out in rows. With --page auto
// it is one row, sized to the content. On a named paper the rows are as
// wide as keep the moment names, set at nameSize, at draw.MinNameSize or
// more once fitted to the paper (the moments spread evenly over the
// rows), stacked down the page, and the rows that do not fit one page go
// on further pages (Drawing.More), every page at one scale. When not even
// a row of one moment keeps the names, the rows and pages are laid out
// alike at the scale the tallest moment allows, with a warning.
func bandedView(a *cycle.Analysis, o Options, nameSize float64, build bandBuild) *draw.Drawing {
	n := len(a.Moments)
	paper, ok := draw.LookupPaper(o.Page)
	if !ok || n == 0 {
		return build(a, o, n, 0, n).finish(nameSize)
	}
	orients := []string{o.Orientation}
	if (o.Orientation == "" || o.Orientation == "auto") && paper.W < paper.H {
		orients = []string{"landscape", "portrait"}
	}
	minS := draw.MinNameSize / nameSize
	scaleOn := func(k *viewKit, orient string) (float64, float64, float64) {
		c := k.out.Content()
		w, h := paper.Oriented(orient, c.W/c.H)
		return min(paper.Fit(w, h, c.W, c.H), maxGrow), w, h
	}
	type plan struct {
		o     Options
		per   int
		pages [][2]int
		scale float64
		w, h  float64
	}
	planFor := func(minS float64) *plan {
		var best *plan
		for _, orient := range orients {
			oo := o
			oo.Orientation = orient
			// the widest rows that keep the names, every row, and as many
			// rows to a page as fit
			var pl *plan
			for per := min(n, maxBandCols); per >= 1 && pl == nil; per-- {
				rows := (n + per - 1) / per
				if (n+rows-1)/rows != per {
					continue // the same rows as a wider per, spread evenly
				}
				pl = &plan{o: oo, per: per, scale: maxGrow}
				for from := 0; from < n; {
					to := min(n, from+per)
					s, w, h := scaleOn(build(a, oo, per, from, to), orient)
					// the last page carries the legend too: when the two do
					// not keep the names, fewer moments on it (the rest on a
					// page before it), rather than narrower rows everywhere
					if s < minS-1e-9 && to == n && to-from > 1 {
						if s2, w2, h2 := scaleOn(build(a, oo, per, from, to-1), orient); s2 >= minS-1e-9 {
							to, s, w, h = to-1, s2, w2, h2
						}
					}
					if s < minS-1e-9 {
						pl = nil // a row that does not keep them
						break
					}
					for to < n {
						next := min(n, to+per)
						s2, w2, h2 := scaleOn(build(a, oo, per, from, next), orient)
						if s2 < minS-1e-9 {
							break
						}
						to, s, w, h = next, s2, w2, h2
					}
					pl.scale, pl.w, pl.h = min(pl.scale, s), w, h
					pl.pages = append(pl.pages, [2]int{from, to})
					from = to
				}
			}
			if pl == nil {
				continue
			}
			if best == nil || len(pl.pages) < len(best.pages) || len(pl.pages) == len(best.pages) && pl.per > best.per {
				best = pl
			}
		}
		return best
	}
	floor := minS // the scale the plan keeps
	best := planFor(minS)
	if best == nil {
		// not even one moment to a row keeps the names: rows of pages at
		// the scale the tallest moment allows, with a warning
		low := maxGrow
		for _, orient := range orients {
			oo := o
			oo.Orientation = orient
			for i := range n {
				s, _, _ := scaleOn(build(a, oo, 1, i, i+1), orient)
				low = min(low, s)
			}
		}
		floor = low * (1 - 1e-6)
		best = planFor(floor)
	}
	if pages := len(best.pages); pages > 1 && pages <= balancePages {
		// the same number of pages, the moments shared out evenly: the
		// plan fills each page in turn and may leave the last a moment
		// beside the legend, the page before it half empty (airline's
		// blueprint on A4: 4, 4, 2, 1 moments, now 3, 3, 3, 2). The last
		// page, which has the legend, takes as many as keep the names
		// (at most an even share), the others share the rest evenly;
		// taken when that keeps the names at draw.MinNameSize and within
		// a tenth of the size the plan drew them at.
		try := func(last int) *plan {
			pl := &plan{o: best.o, per: best.per, scale: maxGrow}
			rest := n - last
			for i, from := 0, 0; i < pages; i++ {
				to := n
				if i < pages-1 {
					to = from + rest/(pages-1)
					if i < rest%(pages-1) {
						to++
					}
				}
				if to <= from {
					return nil
				}
				s, w, h := scaleOn(build(a, best.o, best.per, from, to), best.o.Orientation)
				if s < floor || s < best.scale*0.9 {
					return nil
				}
				pl.scale, pl.w, pl.h = min(pl.scale, s), w, h
				pl.pages = append(pl.pages, [2]int{from, to})
				from = to
			}
			return pl
		}
		lastNow := best.pages[pages-1][1] - best.pages[pages-1][0]
		for last := n / pages; last > lastNow; last-- {
			if pl := try(last); pl != nil {
				best = pl
				break
			}
		}
	}
	if len(best.pages) == 1 {
		return build(a, best.o, best.per, 0, n).finish(nameSize)
	}
	// every page at the scale of the fullest, its content at the top
	var out *draw.Drawing
	for i, pg := range best.pages {
		d := build(a, best.o, best.per, pg[0], pg[1]).out
		c := d.Content()
		d.Scale(best.scale, pt{})
		d.Page = rect{X: c.Centre().X * best.scale, Y: (c.Y+c.H/2)*best.scale + paper.Margin - best.h/2, W: best.w, H: best.h}
		d.Paper = paper.Name
		if i == 0 {
			out = d
			continue
		}
		d.Name = fmt.Sprintf("%s-%d", d.Name, i+1)
		out.More = append(out.More, d)
	}
	if got := reachedSize(nameSize, best.scale); got < draw.MinNameSize-0.01 {
		out.Warnings = append(out.Warnings, fmt.Sprintf(viewVocabulary[o.Lang].WarnSmall, paperWord(vocabulary[o.Lang], paper.Name), n, got, draw.MinNameSize))
	}
	first := best.pages[0][1]
	out.MoreNote = fmt.Sprintf(viewVocabulary[o.Lang].WarnMorePages, paperWord(vocabulary[o.Lang], paper.Name), first, n, len(best.pages))
	alignPages(out)
	return out
}

// legend starts a legend in the view's style.
func (k *viewKit) legend() *draw.Legend {
	st := draw.DefaultLegend
	st.Ink, st.Frame = k.th.Ink, k.th.Frame
	return draw.NewLegend(k.w.Legend, st)
}

// fitWith is the scale at which content c with r added (none when r is
// empty) fits paper, in the view's orientation.
func (k *viewKit) fitWith(paper draw.Paper, c, r rect) float64 {
	if r.W > 0 || r.H > 0 {
		c = c.Union(r)
	}
	w, h := paper.Oriented(k.o.Orientation, c.W/c.H)
	return paper.Fit(w, h, c.W, c.H)
}

// placeLegendEither puts the legend at one of two places, each its
// top-left corner: first (the view's own choice, and the one for --page
// auto) or second, when on the named paper the whole then scales larger.
func (k *viewKit) placeLegendEither(l *draw.Legend, first, second pt) {
	paper, ok := draw.LookupPaper(k.o.Page)
	if !ok {
		k.placeLegend(l, first.X, first.Y)
		return
	}
	c := k.out.Content()
	lw, lh := l.Size()
	fit := func(at pt) float64 {
		return k.fitWith(paper, c, rect{X: at.X + lw/2, Y: at.Y - lh/2, W: lw, H: lh})
	}
	if !k.legendShapes {
		at := first
		if fit(second) > fit(first)+1e-9 {
			at = second
		}
		k.placeLegend(l, at.X, at.Y)
		return
	}
	// the view's own place, then the other, with the legend's rows
	// wrapped as made and narrower (a narrow, tall legend beside the
	// rows); then below the rows, the first place, in columns (a short
	// strip that leaves the last page's width to the moments)
	type choice struct {
		at    pt
		cols  int
		textW float64
	}
	made := l.TextWidth()
	choices := []choice{{first, 1, made}, {second, 1, made}}
	for _, tw := range legendTextWidths {
		if tw != made {
			choices = append(choices, choice{first, 1, tw}, choice{second, 1, tw})
		}
	}
	for _, n := range legendBelowColumns {
		choices = append(choices, choice{first, n, made})
	}
	best, bestFit := choices[0], -1.0
	for _, c := range choices {
		l.SetColumns(c.cols)
		l.SetTextWidth(c.textW)
		lw, lh = l.Size()
		if f := fit(c.at); f > bestFit+1e-9 {
			best, bestFit = c, f
		}
	}
	l.SetColumns(best.cols)
	l.SetTextWidth(best.textW)
	k.placeLegend(l, best.at.X, best.at.Y)
}

// legendTextWidths are the widths placeLegendEither wraps the legend's
// rows at, besides the one it was made with (0: one line each), for
// viewKit.legendShapes.
var legendTextWidths = []float64{0, 200, 140}

// legendBelowColumns are the numbers of columns placeLegendEither tries
// for a legend below the rows (viewKit.legendShapes).
var legendBelowColumns = []int{2, 3}

// placeLegend puts the legend with its top-left corner at (left, top).
func (k *viewKit) placeLegend(l *draw.Legend, left, top float64) {
	w, _ := l.Size()
	l.Place(left+w/2, top)
	// rows set flush left, so they start in one column whatever their
	// length (a centred line drifts right by its slack)
	for _, r := range l.Rows {
		r.Text.Label.Left = true
		for i := range r.Text.Label.Lines {
			r.Text.Label.Lines[i].Anchor = draw.Start
		}
	}
	k.out.Legend = l
}

// sizeStep is one step of a size that depends on a count: the size for
// counts up to upTo.
type sizeStep struct {
	upTo int
	size float64
}

// sizeFor is the size of the first step that n does not exceed.
func sizeFor(n int, steps []sizeStep) float64 {
	for _, s := range steps {
		if n <= s.upTo {
			return s.size
		}
	}
	return steps[len(steps)-1].size
}

// stageRuns are the runs of consecutive moments with the same stage, as
// [first, last] indices; moments without a stage belong to no run.
func stageRuns(a *cycle.Analysis) [][2]int {
	var runs [][2]int
	for i, m := range a.Moments {
		if m.Stage == "" {
			continue
		}
		if n := len(runs); n > 0 && runs[n-1][1] == i-1 && a.Moments[i-1].Stage == m.Stage {
			runs[n-1][1] = i
			continue
		}
		runs = append(runs, [2]int{i, i})
	}
	return runs
}

// stageBands draws a header band over each run of equal stages; colX
// gives a column's centre and colW the columns' width. It returns the
// bands' height (0 when no moment has a stage).
//
// Only the columns lo up to hi (excluded) are drawn, a run cut at either
// end keeping its header (repeated in the next row); suf ends the ids.
func (k *viewKit) stageBands(top float64, colX func(int) float64, colW float64, lo, hi int, suf string) float64 {
	var runs [][2]int
	for _, r := range stageRuns(k.a) {
		if r[1] >= lo && r[0] < hi {
			runs = append(runs, [2]int{max(r[0], lo), min(r[1], hi-1)})
		}
	}
	if len(runs) == 0 {
		return 0
	}
	const h = 24.0
	for i, r := range runs {
		x0, x1 := colX(r[0])-colW/2+3, colX(r[1])+colW/2-3
		var l draw.Label
		l.Add(oneLine(k.a.Moments[r[0]].Stage), x1-x0-10, draw.Font{Size: 10, Bold: true}, k.th.Ink)
		if len(l.Lines) > 1 { // one line: the band is as high as one
			l.Lines = l.Lines[:1]
			l.Lines[0].Spans[0].Text = clip(l.Lines[0].Spans[0].Text)
		}
		k.out.Add(&draw.Box{Meta: draw.Meta{ID: fmt.Sprintf("stage-%d%s", i+1, suf), Class: "stage"}, Shape: draw.Rectangle,
			Rect: rect{X: (x0 + x1) / 2, Y: top - h/2, W: x1 - x0, H: h}, Fill: k.th.Fill,
			Stroke: draw.Stroke{Color: k.th.Frame}, Label: l})
	}
	return h
}

// clip ends a cut line of text with an ellipsis.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 2 {
		r = r[:len(r)-2]
	}
	return strings.TrimSpace(string(r)) + "…"
}

// shortName is a moment's name cut to about n characters at a word.
func shortName(name string, n int) string {
	s := oneLine(name)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:-") + "…"
}

// alignPages sets the content of every page of d that has rows (d and
// d.More; pages of notes alone keep their place) at one distance from the
// page's left edge: the least that centring each page would give, so
// that every page still fits and a handout's pages do not shift left and
// right from one to the next (a shorter last row starts where the others
// do).
func alignPages(d *draw.Drawing) {
	pages := []*draw.Drawing{}
	for _, p := range append([]*draw.Drawing{d}, d.More...) {
		if len(p.Items) > 0 {
			pages = append(pages, p)
		}
	}
	if len(pages) < 2 {
		return
	}
	left := math.Inf(1)
	for _, p := range pages {
		left = min(left, (p.Page.W-p.Content().W)/2)
	}
	for _, p := range pages {
		p.Page.X = p.Content().Min().X - left + p.Page.W/2
	}
}
