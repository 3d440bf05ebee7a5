package render

import (
	"fmt"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// clockView is the clock face: the cycle laid out on a ring (layout.go,
// routes.go), as a positioned drawing.
func clockView(a *cycle.Analysis, o Options) *draw.Drawing {
	if o.Page != "" && o.Page != "auto" {
		return pagedClock(a, o)
	}
	d := newDiagram(a, o)
	out := d.drawing()
	d.placeAround()
	out.FitPage(28.8)
	return out
}

// branchTolerance is how far, in points, a drawn branch may stray from
// the curve branchRoute makes: a fifth of a point, below what a viewer
// can tell apart at any zoom a diagram is read at.
const branchTolerance = 0.2

// drawing turns the laid-out diagram into the drawing model: every box,
// route and marker at the places layout gave them, with the legend and
// the notes panel still to place (placeAround, placeOnPage).
func (d *diagram) drawing() *draw.Drawing {
	th := d.th
	out := &draw.Drawing{Name: "cycle", Background: th.Background, Ink: th.Ink}
	// edges first: Graphviz paints them under the boxes anyway
	boxes := make([]*draw.Box, d.n)
	for i, m := range d.moments {
		boxes[i] = d.momentBox(m)
	}
	ends := map[int]*draw.Box{}
	for _, p := range d.pills {
		id := d.a.Moments[p.moment].ID
		b := &draw.Box{Meta: draw.Meta{ID: "end-" + id, Class: "end"}, Name: "_end_" + id,
			Rect: p.box, Shape: draw.Rounded, Fill: th.Mark, Stroke: draw.Stroke{Color: th.Mark}}
		b.Label.AddLine(draw.Span{Text: d.w.End, Font: draw.Font{Size: 9 * d.grow(), Bold: true}, Color: "#FFFFFF"})
		ends[p.moment] = b
	}
	notes := map[int]*draw.Box{}
	for _, at := range d.attach {
		notes[at.moment] = d.noteBox(at)
	}
	k := 0
	route := func(from, to *draw.Box, class string, path []pt, tip pt, look draw.Stroke) *draw.Route {
		k++
		return &draw.Route{Meta: draw.Meta{ID: fmt.Sprintf("edge-%d", k), Class: class}, From: from, To: to,
			Path: path, Head: draw.ArrowNormal, Tip: tip, Stroke: look}
	}
	for i, e := range d.a.Edges {
		class := e.Kind.String() // Graphviz puts "edge" before it in the SVG
		if e.Handoff {
			class += " handoff"
		}
		pts, tip := d.edgeSpline(i)
		if e.Kind == cycle.Branch {
			// the same curve in a third of the points, for Graphviz to
			// read and write (a tenth of its work on a large cycle)
			pts = draw.Simplify(pts, branchTolerance)
		}
		out.Add(route(boxes[e.From.Index], boxes[e.To.Index], class, pts, tip, d.edgeLook(e.Kind == cycle.Branch, e.Handoff)))
	}
	for i, p := range d.pills {
		pts, tip := d.pillSpline(i)
		out.Add(route(boxes[p.moment], ends[p.moment], "end", pts, tip, d.edgeLook(false, false)))
	}
	for _, at := range d.attach {
		if d.paged && at.callout > 0 {
			continue // a badge on its moment needs no connector
		}
		m := d.moments[at.moment]
		u := draw.Unit(d.radial(at.moment))
		s := draw.RayExit(m.box, m.box.Centre(), u)
		e := draw.RayExit(at.box, at.box.Centre(), u.Mul(-1))
		r := route(boxes[at.moment], notes[at.moment], "connector", draw.Line(s, e), pt{}, draw.Stroke{Color: th.NoteBorder, Width: 1.2, Dash: draw.Dotted})
		r.Head = draw.NoArrow
		out.Add(r)
	}

	title := &draw.Box{Meta: draw.Meta{ID: "title", Class: "title"}, Name: "_title", Shape: draw.Plain, Label: d.title}
	tw, th2 := d.title.Size()
	title.Rect = rect{X: d.titleBox.X, Y: d.titleBox.Y, W: tw, H: th2}
	out.Add(title)
	for i, b := range boxes {
		out.Add(b)
		out.Add(d.momentDots(d.moments[i], b.Fill)...)
	}
	for _, p := range d.pills {
		out.Add(ends[p.moment])
	}
	for _, at := range d.attach {
		out.Add(notes[at.moment])
	}
	out.Legend = d.legendDrawing
	out.Panel = d.panelDrawing
	return out
}

// momentBox is the box of a moment: rounded, or square with a double
// border when critical.
func (d *diagram) momentBox(m *mnode) *draw.Box {
	th := d.th
	ma := m.ma
	b := &draw.Box{Meta: draw.Meta{ID: "moment-" + ma.ID, Class: "moment"}, Name: ma.ID,
		Rect: m.box, Label: m.label}
	if ma.Critical {
		b.Class += " critical"
		b.Shape, b.Double = draw.Rectangle, true
		b.Rect = m.box.Grow(-draw.DoubleGap) // m.box takes in the second outline
		b.Fill, b.Stroke = th.CritFill, draw.Stroke{Color: th.CritBorder, Width: 2.2}
	} else {
		b.Shape = draw.Rounded
		b.Fill, b.Stroke = th.Fill, draw.Stroke{Color: th.Border}
	}
	if m.url != "" {
		b.URL, b.Tooltip = m.url, ma.Name
	}
	return b
}

// noteBox is an inline note, or the numbered callout disc that stands for
// it in panel mode.
func (d *diagram) noteBox(at *attachment) *draw.Box {
	th := d.th
	id := d.a.Moments[at.moment].ID
	b := &draw.Box{Meta: draw.Meta{ID: "note-" + id, Class: "note"}, Name: "_note_" + id, Rect: at.box}
	if at.callout > 0 {
		b.Class += " callout"
		b.Shape, b.Fill, b.Stroke = draw.Circle, th.Mark, draw.Stroke{Color: th.Mark}
		b.Label.AddLine(draw.Span{Text: fmt.Sprint(at.callout), Font: draw.Font{Size: 10 * d.grow(), Bold: true}, Color: "#FFFFFF"})
		return b
	}
	b.Shape, b.Fill, b.Stroke = draw.Note, th.NoteFill, draw.Stroke{Color: th.NoteBorder}
	b.Label = at.label
	b.Label.Pad = 8
	return b
}

// edgeLook is the stroke of an edge: a handoff is dashed and heavier in
// its own colour, whether on the ring or a branch (which bends along its
// lane); a plain branch has its colour and, in themes without hue
// (print), a dash of its own; the other edges are plain. The legend draws
// its samples with it, so they match the drawing.
func (d *diagram) edgeLook(branch, handoff bool) draw.Stroke {
	th := d.th
	switch {
	case handoff:
		return draw.Stroke{Color: th.Handoff, Dash: draw.Dashed, Width: 2}
	case branch && th.BranchStyle != "":
		return draw.Stroke{Color: th.Branch, Dash: draw.Dotted, Width: 2}
	case branch:
		return draw.Stroke{Color: th.Branch}
	}
	return draw.Stroke{Color: th.Flow}
}
