package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// legendKind is a mark of the clock face that the legend explains.
type legendKind int

const (
	legMoment legendKind = iota
	legCritical
	legPerformance
	legFlow
	legHandoff
	legBranch
	legBranchHandoff
	legEnd
	legNote
	legCallout
)

// legendKinds describe each kind of row, in legend order: its name (the
// row's SVG class legend-NAME), its words and its sample, drawn about the
// origin.
var legendKinds = [...]struct {
	name   string
	text   func(*words) string
	sample func(*diagram) []draw.Item
}{
	legMoment: {"moment", func(w *words) string { return w.LegMoment }, func(d *diagram) []draw.Item {
		b := &draw.Box{Shape: draw.Rounded, Rect: rect{W: 43.2, H: 18.72}, Fill: d.th.Fill, Stroke: draw.Stroke{Color: d.th.Border}}
		b.Label.AddLine(draw.Span{Text: "1", Font: draw.Font{Size: 10, Bold: true}})
		return []draw.Item{b}
	}},
	legCritical: {"critical", func(w *words) string { return w.LegCritical }, func(d *diagram) []draw.Item {
		b := &draw.Box{Shape: draw.Rectangle, Double: true, Rect: rect{W: 43.2, H: 18.72}, Fill: d.th.CritFill,
			Stroke: draw.Stroke{Color: d.th.CritBorder, Width: 2.2}}
		b.Label.AddLine(draw.Span{Text: "!", Font: draw.Font{Size: 10, Bold: true}, Color: d.th.CritText})
		return []draw.Item{b}
	}},
	legPerformance: {"performance", func(w *words) string { return w.LegPerformance }, func(d *diagram) []draw.Item {
		s := d.performanceSample()
		b := &draw.Box{Shape: draw.Plain, Rect: rect{W: max(50.4, textWidth(s, legendText, false)*slack), H: 14.4}}
		b.Label.AddLine(draw.Span{Text: s, Font: draw.Font{Size: legendText}})
		return []draw.Item{b}
	}},
	legFlow:          {"flow", func(w *words) string { return w.LegFlow }, func(d *diagram) []draw.Item { return d.edgeSample(false, false) }},
	legHandoff:       {"handoff", func(w *words) string { return w.LegHandoff }, func(d *diagram) []draw.Item { return d.edgeSample(false, true) }},
	legBranch:        {"branch", func(w *words) string { return w.LegBranch }, func(d *diagram) []draw.Item { return d.edgeSample(true, false) }},
	legBranchHandoff: {"branch-handoff", func(w *words) string { return w.LegBranchHandoff }, func(d *diagram) []draw.Item { return d.edgeSample(true, true) }},
	legEnd: {"end", func(w *words) string { return w.LegEnd }, func(d *diagram) []draw.Item {
		b := &draw.Box{Shape: draw.Rounded, Rect: rect{W: 36, H: 18}, Fill: d.th.Mark, Stroke: draw.Stroke{Color: d.th.Mark}}
		b.Label.AddLine(draw.Span{Text: d.w.End, Font: draw.Font{Size: 9, Bold: true}, Color: "#FFFFFF"})
		return []draw.Item{b}
	}},
	legNote: {"note", func(w *words) string { return w.LegNote }, func(d *diagram) []draw.Item {
		b := &draw.Box{Shape: draw.Note, Rect: rect{W: 36, H: 20.16}, Fill: d.th.NoteFill, Stroke: draw.Stroke{Color: d.th.NoteBorder}}
		b.Label.AddLine(draw.Span{Text: "•", Font: draw.Font{Size: 9}})
		return []draw.Item{b}
	}},
	legCallout: {"callout", func(w *words) string { return w.LegCallout }, func(d *diagram) []draw.Item {
		b := &draw.Box{Shape: draw.Circle, Rect: rect{W: 21.6, H: 21.6}, Fill: d.th.Mark, Stroke: draw.Stroke{Color: d.th.Mark}}
		b.Label.AddLine(draw.Span{Text: "1", Font: draw.Font{Size: 10, Bold: true}, Color: "#FFFFFF"})
		return []draw.Item{b}
	}},
}

// legendText is the size of the legend's rows, in points.
const legendText = 9.0

// edgeSample is the legend's sample of an edge, drawn like the edges it
// explains (edgeLook): a branch bends.
func (d *diagram) edgeSample(branch, handoff bool) []draw.Item {
	a, b := pt{X: -24}, pt{X: 24}
	path := draw.Line(a, b.Sub(pt{X: draw.ArrowLen}))
	if branch {
		path = []pt{a, a.Add(pt{X: 10, Y: -9}), b.Sub(pt{X: draw.ArrowLen + 10, Y: 9}), b.Sub(pt{X: draw.ArrowLen})}
	}
	return []draw.Item{&draw.Route{Path: path, Head: draw.ArrowNormal, Tip: b, Stroke: d.edgeLook(branch, handoff)}}
}

// legendRows lists the kinds of mark the diagram uses, in legend order.
func (d *diagram) legendRows() []legendKind {
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
	flow = flow || len(d.pills) > 0 // the arrow into an end marker
	used := [len(legendKinds)]bool{
		legMoment: plain, legCritical: critical, legPerformance: scored,
		legFlow: flow, legHandoff: handoff, legBranch: branch, legBranchHandoff: branchHandoff,
		legEnd:  len(d.pills) > 0,
		legNote: len(d.attach) > 0 && len(d.panel) == 0, legCallout: len(d.panel) > 0,
	}
	var out []legendKind
	for k, ok := range used {
		if ok {
			out = append(out, legendKind(k))
		}
	}
	return out
}

// buildLegend builds the legend of the marks the diagram uses, unplaced;
// nil when there is none.
func (d *diagram) buildLegend() *draw.Legend {
	kinds := d.legendRows()
	if len(kinds) == 0 {
		return nil
	}
	st := draw.DefaultLegend
	st.Ink, st.Frame = d.th.Ink, d.th.Frame
	if d.paged {
		st.TextW = 170 // a narrow legend leaves the page to the ring
		st.Columns = d.legendCols
	}
	for _, k := range kinds {
		if k == legPerformance {
			st.SampleW = max(st.SampleW, textWidth(d.performanceSample(), legendText, false)*slack)
		}
	}
	g := d.grow()
	if g != 1 {
		st = st.Scaled(g)
		st.TextW *= g
	}
	l := draw.NewLegend(d.w.Legend, st)
	for _, k := range kinds {
		kd := legendKinds[k]
		sample := kd.sample(d)
		if g != 1 {
			draw.Grow(sample, g)
		}
		l.AddRow(kd.name, kd.text(d.w), sample...)
	}
	return l
}

// performanceSample is the legend's sample score: two fifths of the
// cycle's scale, as dots.
func (d *diagram) performanceSample() string {
	scale := d.a.Cycle.Scale
	on := int(math.Round(float64(scale) * 2 / 5))
	return strings.Repeat("●", on) + strings.Repeat("○", max(scale-on, 0))
}

// panelStyle is the look of the notes panel.
func (d *diagram) panelStyle() draw.PanelStyle {
	return draw.PanelStyle{KeyW: 28, RowGap: 8, Pad: 8}
}

// continuedHead is the heading of the notes panel on a page of its own
// after the diagram's: a copy of head saying whose improvements continue
// there (the cycle's title), wrapped at width, id notes-panel-continued.
func (d *diagram) continuedHead(head *draw.Box, width float64) *draw.Box {
	h := *head
	h.Meta = draw.Meta{ID: "notes-panel-continued", Class: "panel"}
	h.Label = draw.Label{Left: head.Label.Left, Pad: head.Label.Pad}
	// wrapped so that the block, which Size widens by draw.Slack, is no
	// wider than width
	h.Label.Add(fmt.Sprintf(d.w.ImprovementsOn, oneLine(d.a.Cycle.Title)), width/draw.Slack, draw.Font{Size: 12, Bold: true}, "")
	return &h
}

// buildPanel makes the notes panel of the diagram, unplaced; nil without
// panel rows.
func (d *diagram) buildPanel() *draw.Panel {
	if len(d.panel) == 0 {
		return nil
	}
	th := d.th
	p := &draw.Panel{Head: &draw.Box{Meta: draw.Meta{ID: "notes-panel", Class: "panel"}, Name: "_panel", Shape: draw.Plain}}
	p.Head.Label.AddLine(draw.Span{Text: d.w.Improvements, Font: draw.Font{Size: 12, Bold: true}})
	for _, r := range d.panel {
		id := d.a.Moments[r.moment].ID
		text := fmt.Sprint(r.callout)
		key := &draw.Marker{Meta: draw.Meta{ID: "panel-key-" + id, Class: "panel-key"}, Kind: draw.Disc,
			Size: discSize(r.callout), Color: th.Mark, Text: text, Ink: "#FFFFFF", Font: draw.Font{Size: 10}}
		body := &draw.Box{Meta: draw.Meta{ID: "panel-row-" + id, Class: "note panel-row"}, Shape: draw.Rounded,
			Fill: th.NoteFill, Stroke: draw.Stroke{Color: th.NoteBorder}, Label: r.label}
		p.Rows = append(p.Rows, draw.PanelRow{Ref: id, Key: key, Body: body})
	}
	return p
}

// placeAround puts the legend below the ring, centred, and the notes
// panel to the right of the ring and of the legend: the page sized to the
// content (auto).
func (d *diagram) placeAround() {
	right := d.hi.X
	if l := d.legendDrawing; l != nil {
		// in the middle of the ring, under the title, when it fits there;
		// else below the ring
		if d.legendMid {
			l.Place(0, d.titleBox.Y-d.titleBox.H/2-titleGap)
		} else {
			l.Place(0, d.lo.Y-36)
		}
		right = max(right, l.Frame.Rect.Max().X)
	}
	if p := d.panelDrawing; p != nil {
		draw.StackPanel(p, right+48, d.hi.Y, math.Inf(-1), d.panelStyle())
	}
}
