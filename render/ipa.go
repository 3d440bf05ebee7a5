package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/msg"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// Importance–performance layout, in points.
const (
	ipaDisc      = 18.0  // a point's disc
	ipaPitch     = 29.0  // between the centres of two discs of a cluster
	ipaNameLen   = 22    // characters of the short name beside a point
	ipaNameShort = 12    // the same where the longer ones leave no room
	ipaNameWrap  = 110.0 // a longer name on two lines of this width, where there is room
	ipaKeyWidth  = 200.0 // the width names wrap at in the key of points drawn without their whole names
	ipaKeyLen    = 36    // characters of a name in a crowded matrix's key (points drawn without a name)
	ipaKeyShrink = 0.9   // the least share of its size a page keeps for a key of whole names
	ipaName      = 9.0   // the size of those names
	ipaPlot      = 420.0 // the matrix's least size (it grows until nothing collides)
	ipaPlotPaged = 320.0 // the same on a named paper, where it is scaled
	ipaCell      = 64.0  // the buckets of the collision lookup
)

// ipaGroup is the moments that share one pair of scores: one disc, or a
// cluster of discs (rows of a square grid) centred on the scores, or
// leaning off a divider into the quadrant the analysis counts them in
// with a line from the exact scores to each disc; and one label beside
// them: a lone moment's short name, or a line per moment of a cluster
// with its number and short name (numbers alone where names leave no
// room).
type ipaGroup struct {
	moments   []*cycle.MomentAnalysis
	imp, perf float64
	// sideX and sideY are the quadrant the analysis counts the group in:
	// +1 right of (above) the divider, -1 left of (below) it
	sideX, sideY float64
	// lean: the discs lean off the group's scores, which are on a
	// divider or too near one for the discs to stay in the quadrant
	lean   bool
	discs  []rect
	labels []draw.Label // the label's forms, the most telling first
	label  int          // the form placed
	// base is the form every label is given room for (the plot grows
	// until it has it): the short name; a longer name's form before it,
	// on two lines, is taken only where it finds room
	base      int
	labelRect rect
}

// ipaWords are the matrix's own words.
type ipaWords struct {
	LegPoint, LegCluster string
	Key                  string // the heading of the key of points drawn without their names
	LegLean              string
}

var ipaVocabulary = translated(ipaWords{
	Key:        msg.N("Points by number"),
	LegLean:    msg.N("On or near a divider: counts in the quadrant it leans into, a dot at its scores"),
	LegPoint:   msg.N("Moment: number at its scores, short name beside"),
	LegCluster: msg.N("Same scores: discs round a dot at those scores, numbers and names beside"),
})

// ipaGrid is the shape of a cluster of n discs: columns and rows.
func ipaGrid(n int) (cols, rows int) {
	cols = int(math.Ceil(math.Sqrt(float64(n))))
	return cols, (n + cols - 1) / cols
}

// ipaLabels are the forms of a group's label, the most telling first,
// and the index of the one every label is given room for (ipaGroup.base).
func (k *viewKit) ipaLabels(g *ipaGroup, f draw.Font) ([]draw.Label, int) {
	var out []draw.Label
	if len(g.moments) == 1 {
		// a lone point's whole name, on two lines, where it is longer
		// than the short name and two lines hold it
		name := oneLine(g.moments[0].Name)
		if lines := draw.Wrap(name, ipaNameWrap, f.Size, f.Bold); len([]rune(name)) > ipaNameLen && len(lines) <= 2 {
			var l draw.Label
			for _, line := range lines {
				l.AddLine(draw.Span{Text: line, Font: f, Color: k.th.Ink})
			}
			out = append(out, l)
		}
	}
	base := len(out)
	for _, n := range []int{ipaNameLen, ipaNameShort} {
		var l draw.Label
		l.Left = len(g.moments) > 1
		for _, m := range g.moments {
			name := draw.Span{Text: shortName(m.Name, n), Font: f, Color: k.th.Ink}
			if len(g.moments) == 1 {
				l.AddLine(name)
				continue
			}
			// one run of text: SVG viewers drop the space that would
			// begin a second run
			name.Text = fmt.Sprint(m.Number()) + " " + name.Text
			l.AddLine(name)
		}
		out = append(out, l)
	}
	if len(g.moments) > 1 {
		nums := make([]string, len(g.moments))
		for j, m := range g.moments {
			nums[j] = fmt.Sprint(m.Number())
		}
		var l draw.Label
		l.Left = true
		l.Add(strings.Join(nums, ", "), 90, draw.Font{Size: f.Size, Bold: true}, k.th.Ink)
		out = append(out, l)
	}
	return out, base
}

// keyFits reports whether the key wide, in place of narrow (a key of
// no rows, left out, for none), keeps the names at draw.MinNameSize and draws the
// page at least nine tenths as large, and meets nothing drawn.
func (k *viewKit) keyFits(wide, narrow *draw.Box) bool {
	paper, ok := draw.LookupPaper(k.o.Page)
	if !ok {
		return true
	}
	c := k.out.Content()
	fit := func(b *draw.Box) float64 {
		if len(b.Label.Lines) < 2 {
			return k.fitWith(paper, c, rect{}) // a heading alone is left out
		}
		return k.fitWith(paper, c, b.Rect)
	}
	if f := fit(wide); f < draw.MinNameSize/ipaName-1e-9 || f < ipaKeyShrink*fit(narrow)-1e-9 {
		return false
	}
	clear := true
	k.out.Each(func(it draw.Item) {
		if b, ok := it.(*draw.Box); ok && b.Rect.W > 0 && b.Rect.Sep(wide.Rect) < 0 {
			clear = false
		}
	})
	return clear
}

// notWhole is the moments of a group whose names label l does not show
// whole (shortened, or a cluster's numbers alone).
func notWhole(l draw.Label, moments []*cycle.MomentAnalysis) []*cycle.MomentAnalysis {
	var text strings.Builder
	l.Texts(func(s string) { text.WriteString(s + " ") })
	shown := strings.Join(strings.Fields(text.String()), " ")
	var out []*cycle.MomentAnalysis
	for _, m := range moments {
		if !strings.Contains(shown, strings.Join(strings.Fields(oneLine(m.Name)), " ")) {
			out = append(out, m)
		}
	}
	return out
}

// ipaView is the importance–performance matrix: performance across,
// importance up, split where the analysis splits it, every scored moment
// a numbered disc with its short name, the quadrant names in the file's
// language.
//
// On a named paper the matrix is drawn at the size that keeps the names
// at draw.MinNameSize with the fewest names shortened; a point whose
// name finds no room beside it at that size shows its number alone, and
// its name goes to a key under the legend (Points by number).
func ipaView(a *cycle.Analysis, o Options) *draw.Drawing {
	if _, paged := draw.LookupPaper(o.Page); !paged {
		return ipaDraw(a, o, 0, false).d
	}
	// the least plot, then larger ones, the title above the matrix or
	// atop the column of the legend: the first that keeps the names with
	// the fewest names shortened or left out, then the one drawn largest
	var best *ipaDrawn
	size := max(ipaPlotPaged, 60*math.Sqrt(float64(len(a.Moments))))
	better := func(c *ipaDrawn) bool {
		switch {
		case best == nil:
			return true
		case c.keeps != best.keeps:
			return c.keeps
		case c.short != best.short:
			return c.short < best.short
		}
		return c.scale > best.scale+1e-9
	}
	for try := 0; try < 16; try++ {
		kept := false
		for _, side := range []bool{false, true} {
			c := ipaDraw(a, o, size, side)
			kept = kept || c.keeps
			if better(c) {
				best = c
			}
		}
		if !kept || best.short == 0 {
			break // larger plots only draw smaller
		}
		size *= 1.1
	}
	if best.unlisted > 0 {
		paper, _ := draw.LookupPaper(o.Page)
		best.d.Warnings = append(best.d.Warnings, fmt.Sprintf(viewVocabulary[o.Lang].WarnKeyShort, paperWord(vocabulary[o.Lang], paper.Name), best.unlisted))
	}
	return best.d
}

// ipaDrawn is a drawn matrix: the drawing, whether it keeps the names at
// draw.MinNameSize, how many labels are in a shorter form than their
// first (or, on a paper, left out for the key), and the scale it is
// drawn at.
type ipaDrawn struct {
	d     *draw.Drawing
	keeps bool
	short int
	scale float64
	// unlisted is how many names are shortened beside their points (or
	// left to a cluster's numbers) with no room in the key to list them
	// whole
	unlisted int
}

// ipaDraw draws the matrix with a plot of size points at least (0 for
// the default least), grown until no two clusters or names collide, the
// title above it or, titleSide, atop the legend's column.
func ipaDraw(a *cycle.Analysis, o Options, least float64, titleSide bool) *ipaDrawn {
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
			unscored = append(unscored, fmt.Sprintf("%d %s", m.Number(), oneLine(m.Name)))
			continue
		}
		key := [2]float64{min(scoreValue(m.Importance), scale), min(scoreValue(m.Performance), scale)}
		g := at[key]
		if g == nil {
			g = &ipaGroup{imp: key[0], perf: key[1]}
			hiI := m.Quadrant == cycle.ConcentrateHere || m.Quadrant == cycle.KeepUp
			hiP := m.Quadrant == cycle.KeepUp || m.Quadrant == cycle.PossibleOverkill
			g.sideX = map[bool]float64{true: 1, false: -1}[hiP]
			g.sideY = map[bool]float64{true: 1, false: -1}[hiI]
			at[key] = g
			groups = append(groups, g)
		}
		g.moments = append(g.moments, m)
	}
	_, paged := draw.LookupPaper(o.Page)
	labelFont := draw.Font{Size: ipaName}
	for _, g := range groups {
		g.labels, g.base = k.ipaLabels(g, labelFont)
		if paged {
			// the numbers alone, the names in the key
			g.labels = append(g.labels[:g.base+2], draw.Label{})
		}
	}

	// the plot grows until no two clusters or names collide
	base := ipaPlot
	if paged {
		base = ipaPlotPaged
	}
	size := max(base, least, 60*math.Sqrt(float64(len(a.Moments))))
	var ux, uy float64
	for try := 0; ; try++ {
		ux, uy = size/scale, size/scale
		if ipaPlace(groups, ux, uy, scale, splitI, splitP, paged) || try > 40 {
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

	// the points: a dot at the exact scores of a cluster (unless a disc
	// covers it) and of a group leaning off a divider, lines from it to
	// the discs of the latter
	leaned, clustered := false, false
	short := 0                            // labels in a shorter form or left out
	var keyed []*cycle.MomentAnalysis     // the moments named in the key: drawn without a name
	var shortened []*cycle.MomentAnalysis // and with a shortened one, where the key has room
	unlisted := 0                         // of those, the ones the key has no room for
	for _, g := range groups {
		exact := pt{X: x(g.perf), Y: y(g.imp)}
		lean := g.lean
		discs := make([]*draw.Box, len(g.moments))
		covered := false
		for j, m := range g.moments {
			discs[j] = k.ipaDisc(m, g.discs[j])
			covered = covered || g.discs[j].Contains(exact)
		}
		var dot *draw.Box
		if lean || len(g.moments) > 1 && !covered {
			dot = &draw.Box{Meta: draw.Meta{ID: "exact-" + g.moments[0].ID, Class: "exact"}, Shape: draw.Circle,
				Rect: rect{X: exact.X, Y: exact.Y, W: 5, H: 5}, Fill: th.Ink, Stroke: draw.Stroke{Color: th.Ink}}
			k.out.Add(dot)
		}
		leaned = leaned || lean
		clustered = clustered || len(g.moments) > 1
		if lean {
			// joined to the boxes, so that Graphviz needs no extra points
			for j, m := range g.moments {
				r := k.line("stack-"+m.ID, "stack", draw.Stroke{Color: th.Ink, Width: 1}, exact, g.discs[j].Centre())
				r.From, r.To = dot, discs[j]
			}
		}
		for j := range g.moments {
			k.out.Add(discs[j])
		}
		if g.label > g.base {
			short++
		}
		if len(g.labels[g.label].Lines) == 0 {
			keyed = append(keyed, g.moments...)
			continue
		}
		// a name shortened beside its point, or a cluster's numbers
		// alone, is named whole in the key where it has room
		shortened = append(shortened, notWhole(g.labels[g.label], g.moments)...)
		lb := &draw.Box{Meta: draw.Meta{ID: "label-" + g.moments[0].ID, Class: "point-label"}, Shape: draw.Plain,
			Rect: g.labelRect, Label: g.labels[g.label]}
		if r := lb.Rect; math.Abs(r.X-x(splitP)) < r.W/2 || math.Abs(r.Y-y(splitI)) < r.H/2 {
			// a label across a divider (no place clear of them was
			// free) stands on the page's colour, so that the divider
			// stops at its text rather than striking it through
			lb.Fill = th.Background
		}
		k.out.Add(lb)
	}
	right := w
	for _, g := range groups {
		right = max(right, g.labelRect.Max().X)
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
	legendAt := pt{X: right + 36, Y: h}
	if titleSide {
		// atop the column right of the matrix, level with the quadrant
		// names; the legend under it
		tb.Label = draw.Label{}
		k.out.Items = slices.DeleteFunc(k.out.Items, func(it draw.Item) bool { return it == draw.Item(tb) })
		tb = k.title(right+36, h+24, 260)
		legendAt.Y = tb.Rect.Min().Y - 18
	}
	lg := k.legend()
	if paged {
		// on a paper the legend's rows wrap, for a narrower legend
		st := draw.DefaultLegend
		st.Ink, st.Frame, st.TextW = th.Ink, th.Frame, 200
		lg = draw.NewLegend(k.w.Legend, st)
	}
	iw := ipaVocabulary[o.Lang]
	if len(a.Moments) > len(a.Critical()) {
		lg.AddRow("moment", iw.LegPoint, k.ipaDisc(nil, rect{W: ipaDisc, H: ipaDisc}))
	}
	if k.anyCritical() {
		lg.AddRow("critical", vw.LegCritPoint, k.ipaDisc(&cycle.MomentAnalysis{Critical: true, Moment: &cycle.Moment{}}, rect{W: ipaDisc, H: ipaDisc}))
	}
	lg.AddRow("split", fmt.Sprintf(vw.LegSplit[ipaSplitRule(a)], splitText(splitI), splitText(splitP)),
		&draw.Route{Path: draw.Line(pt{X: -20}, pt{X: 20}), Stroke: div})
	if clustered {
		lg.AddRow("cluster", iw.LegCluster,
			k.ipaDisc(nil, rect{X: -ipaPitch / 2, W: ipaDisc, H: ipaDisc}),
			&draw.Box{Shape: draw.Circle, Rect: rect{W: 5, H: 5}, Fill: th.Ink, Stroke: draw.Stroke{Color: th.Ink}},
			k.ipaDisc(nil, rect{X: ipaPitch / 2, W: ipaDisc, H: ipaDisc}))
	}
	if leaned {
		lg.AddRow("divider", iw.LegLean,
			&draw.Route{Path: draw.Line(pt{Y: -10}, pt{Y: 10}), Stroke: div},
			&draw.Route{Path: draw.Line(pt{}, pt{X: 14}), Stroke: draw.Stroke{Color: th.Ink, Width: 1}},
			&draw.Box{Shape: draw.Circle, Rect: rect{W: 5, H: 5}, Fill: th.Ink, Stroke: draw.Stroke{Color: th.Ink}},
			k.ipaDisc(nil, rect{X: 14, W: ipaDisc, H: ipaDisc}))
	}
	if len(lg.Rows) > 0 {
		// right of the matrix; on a paper, below it when that fits better
		if titleSide {
			k.placeLegend(lg, legendAt.X, legendAt.Y)
		} else {
			k.placeLegendEither(lg, legendAt, pt{X: -40, Y: lowest - 24})
		}
	}
	if len(keyed)+len(shortened) > 0 {
		// in number order, each name whole (wrapped): the key is where a
		// point without its whole name beside it is named; the shortened
		// ones too when the key then neither draws the page smaller nor
		// meets anything
		// (a crowded matrix's key, of the points without a name, has each
		// on one line, as long as the line allows)
		key := func(ms []*cycle.MomentAnalysis, whole, under bool) *draw.Box {
			ms = slices.Clone(ms)
			slices.SortFunc(ms, func(p, q *cycle.MomentAnalysis) int { return cmp.Compare(p.Number(), q.Number()) })
			var l draw.Label
			l.Left = true
			l.AddLine(draw.Span{Text: iw.Key, Font: draw.Font{Size: 9, Bold: true}, Color: th.Ink})
			for _, m := range ms {
				if whole {
					l.Add(fmt.Sprintf("%d %s", m.Number(), oneLine(m.Name)), ipaKeyWidth, draw.Font{Size: 9}, th.Ink)
				} else {
					l.AddLine(draw.Span{Text: fmt.Sprintf("%d %s", m.Number(), shortName(m.Name, ipaKeyLen)), Font: draw.Font{Size: 9}, Color: th.Ink})
				}
			}
			lw, lh := l.Size()
			// under the legend beside the matrix, beside the legend under
			// it (or, under, under that legend too)
			f := k.out.Legend.Frame.Rect
			left, top := f.Min().X+12, f.Min().Y-12
			if f.Max().Y < 0 && !under {
				left, top = f.Max().X+24, f.Max().Y
			}
			return &draw.Box{Meta: draw.Meta{ID: "point-key", Class: "point-key"}, Shape: draw.Plain, Label: l,
				Rect: rect{X: left + lw/2, Y: top - lh/2, W: lw, H: lh}}
		}
		b := key(keyed, false, false)
		unlisted = len(shortened)
		if len(shortened) > 0 {
			all := append(slices.Clone(keyed), shortened...)
			for _, under := range []bool{false, true} {
				if wide := key(all, true, under); k.keyFits(wide, b) {
					b, unlisted = wide, 0
					break
				}
			}
		}
		if len(b.Label.Lines) > 1 {
			k.out.Add(b)
		}
	}
	d := k.finish(ipaName)
	drawn := &ipaDrawn{d: d, keeps: len(d.Warnings) == 0, short: short, scale: 1, unlisted: unlisted}
	for _, it := range d.Items {
		if b, ok := it.(*draw.Box); ok && b.ID == "frame" {
			drawn.scale = b.Rect.W / w
		}
	}
	return drawn
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

// ipaPlace places every group's discs and label for a plot of ux × uy
// points per score, and reports whether nothing collides: a group's discs
// in a grid centred on its anchor (the scores, or off a divider into its
// quadrant, clear of the divider), which must stay in that quadrant; then
// its label, in its most telling form that finds room, to the right,
// left, above or below the discs, inside the frame and clear of every
// other mark and, if it can be, of the dividers. Unless shorter, a label
// in a shorter form counts as a collision too (the plot then grows: on a
// page sized to the content, room costs nothing; on a paper it costs
// type size).
func ipaPlace(groups []*ipaGroup, ux, uy, scale, splitI, splitP float64, shorter bool) bool {
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
	// freeBut: r is clear of every placed mark but own
	freeBut := func(r, own rect) bool {
		return cells(r, func(c [2]int) bool {
			for _, p := range buckets[c] {
				if p != own && r.Sep(p) < 3 {
					return false
				}
			}
			return true
		})
	}
	free := func(r rect) bool { return freeBut(r, rect{}) }
	place := func(r rect) {
		cells(r, func(c [2]int) bool { buckets[c] = append(buckets[c], r); return true })
	}
	clearOfDividers := func(r rect) bool {
		return math.Abs(r.X-splitX) > r.W/2+2 && math.Abs(r.Y-splitY) > r.H/2+2
	}
	// inQuadrant: a label whose middle is in the quadrant its point is
	// counted in, so that it never reads as a point of the next one
	// inside the frame: the ticks are left and below it, the quadrant
	// names above and below
	inside := func(r rect) bool {
		return r.Min().X >= 2 && r.Min().Y >= 2 && r.Max().X <= w-2 && r.Max().Y <= h-2
	}
	inQuadrant := func(r rect, g *ipaGroup) bool {
		return (r.X-splitX)*g.sideX > 0 && (r.Y-splitY)*g.sideY > 0
	}
	// the discs first: they sit at their scores whatever the labels do
	ring := func(d rect) rect { return d.Grow(draw.DoubleGap) } // a critical disc's second ring
	ok := true
	// lone discs first, which have one place; then the clusters, which
	// may take another shape
	order := slices.Clone(groups)
	slices.SortStableFunc(order, func(p, q *ipaGroup) int { return cmp.Compare(len(p.moments), len(q.moments)) })
	for _, g := range order {
		// the grid wide, or tall when that is free and the wide one not
		cols, rows := ipaGrid(len(g.moments))
		discs, fits, lean := ipaCluster(g, cols, rows, ux, uy, splitX, splitY, w, h, free)
		if !fits && cols != rows {
			if d, f, l := ipaCluster(g, rows, cols, ux, uy, splitX, splitY, w, h, free); f {
				discs, fits, lean = d, true, l
			}
		}
		g.lean = lean
		ok = ok && fits
		for _, d := range discs {
			place(ring(d))
		}
		g.discs = discs
	}
	for _, g := range groups {
		b := g.discs[0]
		for _, d := range g.discs[1:] {
			b = b.Union(d)
		}
		found := false
		// every form clear of the dividers, then every form across one,
		// always with its middle in the point's quadrant; no label (a
		// paper's last form) only when none finds room
		for pass := 0; pass < 3 && !found; pass++ {
			for v := g.base; v < len(g.labels) && !found; v++ {
				if len(g.labels[v].Lines) == 0 {
					if pass == 2 { // the number on the disc, the name in the key
						g.label, g.labelRect, found = v, rect{X: b.X, Y: b.Y}, true
					}
					continue
				}
				for _, cand := range labelPlaces(b, g.labels[v]) {
					if inside(cand) && free(cand) && inQuadrant(cand, g) && (pass > 0 || clearOfDividers(cand)) {
						g.label, g.labelRect, found = v, cand, true
						break
					}
				}
			}
		}
		if !found || g.label > g.base && !shorter {
			ok = false
		}
		if !found {
			g.label = g.base
			tw, th := g.labels[g.base].Size()
			g.labelRect = rect{X: b.Max().X + 9 + tw/2, Y: b.Y, W: tw, H: th}
		}
		if g.labelRect.W > 0 {
			place(g.labelRect)
		}
	}
	// then a lone point's whole name where its room allows, clear of the
	// dividers, once every point has its short name (so that no long
	// name takes the room a later point's short name needed)
	for _, g := range groups {
		if g.base == 0 || g.label != g.base || g.labelRect.W == 0 {
			continue
		}
		own, b := g.labelRect, g.discs[0]
		for v := range g.base {
			for _, cand := range labelPlaces(b, g.labels[v]) {
				if inside(cand) && freeBut(cand, own) && inQuadrant(cand, g) && clearOfDividers(cand) {
					g.label, g.labelRect = v, cand
					place(cand) // own stays placed: it lies under cand's room or beside it
					break
				}
			}
			if g.label != g.base {
				break
			}
		}
	}
	return ok
}

// labelPlaces are the places tried for label l beside the discs b: right,
// left, above, below, clear of a critical disc's second ring.
func labelPlaces(b rect, l draw.Label) []rect {
	tw, th := l.Size()
	off := ipaDisc/2 + 9
	return []rect{
		{X: b.Max().X - ipaDisc/2 + off + tw/2, Y: b.Y, W: tw, H: th},
		{X: b.Min().X + ipaDisc/2 - off - tw/2, Y: b.Y, W: tw, H: th},
		{X: b.X, Y: b.Max().Y - ipaDisc/2 + off + th/2, W: tw, H: th},
		{X: b.X, Y: b.Min().Y + ipaDisc/2 - off - th/2, W: tw, H: th},
	}
}

// ipaCluster places a group's discs in a grid of cols × rows centred on
// its anchor: its scores, or off a divider into its quadrant, clear of
// it. fits says every disc's second ring is free and inside the
// quadrant, lean that the discs lean off the scores.
func ipaCluster(g *ipaGroup, cols, rows int, ux, uy, splitX, splitY, w, h float64, free func(rect) bool) (discs []rect, fits, lean bool) {
	halfW := float64(cols-1)*ipaPitch/2 + ipaDisc/2 + 4
	halfH := float64(rows-1)*ipaPitch/2 + ipaDisc/2 + 4
	// on a divider or too near one: off it into the quadrant, just clear
	ex, ey := (g.perf-0.5)*ux, (g.imp-0.5)*uy
	ax, ay := ex, ey
	if (ax-splitX)*g.sideX < halfW+1 {
		ax = splitX + g.sideX*(halfW+1)
	}
	if (ay-splitY)*g.sideY < halfH+1 {
		ay = splitY + g.sideY*(halfH+1)
	}
	for j := range g.moments {
		r, c := j/cols, j%cols
		inRow := min(cols, len(g.moments)-r*cols)
		discs = append(discs, rect{X: ax + (float64(c)-float64(inRow-1)/2)*ipaPitch, Y: ay + (float64(rows-1)/2-float64(r))*ipaPitch, W: ipaDisc, H: ipaDisc})
	}
	return discs, ipaFits(discs, g, ux, uy, splitX, splitY, w, h, free), ax != ex || ay != ey
}

// ipaFits reports whether every disc's second ring is free and inside
// the quadrant the group counts in.
func ipaFits(discs []rect, g *ipaGroup, ux, uy, splitX, splitY, w, h float64, free func(rect) bool) bool {
	c := discs[0]
	for _, d := range discs[1:] {
		c = c.Union(d)
	}
	qx0, qx1 := 0.0, splitX
	if c.X > splitX {
		qx0, qx1 = splitX, w
	}
	qy0, qy1 := 0.0, splitY
	if c.Y > splitY {
		qy0, qy1 = splitY, h
	}
	for _, d := range discs {
		rg := d.Grow(draw.DoubleGap)
		if !free(rg) || rg.Min().X < qx0 || rg.Max().X > qx1 || rg.Min().Y < qy0 || rg.Max().Y > qy1 {
			return false
		}
	}
	return true
}
