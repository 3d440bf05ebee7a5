package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
)

// DOT returns the DOT text of the diagram of a, with every node and edge
// position pinned (points, for Graphviz's neato -n2). opts.Format is
// ignored. The same analysis and options always give the same bytes.
func DOT(a *cycle.Analysis, opts Options) ([]byte, error) {
	opts.Format = FormatDOT
	o, err := checkInput(a, opts)
	if err != nil {
		return nil, err
	}
	return newDiagram(a, o).dot(), nil
}

// checkInput validates the analysis and the options.
func checkInput(a *cycle.Analysis, opts Options) (Options, error) {
	if a == nil || a.Cycle == nil || len(a.Moments) == 0 {
		return opts, fmt.Errorf("render: the cycle has no moments")
	}
	if len(a.Moments) > cycle.MaxMoments {
		return opts, fmt.Errorf("render: %d moments is more than the %d ciclo draws", len(a.Moments), cycle.MaxMoments)
	}
	return opts.normalize(a.Cycle.Language)
}

// dot writes the diagram as DOT, every position pinned.
func (d *diagram) dot() []byte {
	var w dotWriter
	d.write(&w)
	return []byte(w.String())
}

// dotWriter accumulates DOT statements.
type dotWriter struct{ strings.Builder }

// attr is one attribute; v is written as is (already quoted).
type attr struct{ k, v string }

func (w *dotWriter) stmt(head string, attrs []attr) {
	w.WriteString("\t")
	w.WriteString(head)
	if len(attrs) > 0 {
		w.WriteString(" [")
		for i, a := range attrs {
			if i > 0 {
				w.WriteString(", ")
			}
			w.WriteString(a.k)
			w.WriteString("=")
			w.WriteString(a.v)
		}
		w.WriteString("]")
	}
	w.WriteString(";\n")
}

// num formats a coordinate or size: two decimals, no negative zero.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	if s == "-0.00" {
		s = "0.00"
	}
	return s
}

func q(s string) string { return quoted(s) }

func posAttr(p pt) attr { return attr{"pos", q(num(p.X) + "," + num(p.Y) + "!")} }

func sizeAttrs(w, h float64) []attr {
	return []attr{{"width", num(w / 72)}, {"height", num(h / 72)}}
}

func html(body string) string { return "<" + body + ">" }

// splinePos formats an edge's pos: the control points and, when tip is
// set, the arrowhead's tip.
func splinePos(points []pt, tip *pt) attr {
	var b strings.Builder
	if tip != nil {
		b.WriteString("e," + num(tip.X) + "," + num(tip.Y))
	}
	for _, p := range points {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(p.X) + "," + num(p.Y))
	}
	return attr{"pos", q(b.String())}
}

// line is a straight cubic from a to b.
func line(a, b pt) []pt {
	d := b.sub(a)
	return []pt{a, a.add(d.mul(1.0 / 3)), a.add(d.mul(2.0 / 3)), b}
}

// arc approximates the arc of radius r about the origin from angle a0 to
// a1 with cubic Bézier segments of at most 45 degrees. The first point is
// included.
func arc(r, a0, a1 float64) []pt {
	k := max(int(math.Ceil(math.Abs(a1-a0)/(math.Pi/4))), 1)
	step := (a1 - a0) / float64(k)
	dir := 1.0
	if step < 0 {
		dir = -1
	}
	h := 4.0 / 3 * math.Tan(math.Abs(step)/4) * r
	out := []pt{polar(r, a0)}
	for i := range k {
		s, e := a0+step*float64(i), a0+step*float64(i+1)
		ps, pe := polar(r, s), polar(r, e)
		out = append(out, ps.add(tangent(s, dir).mul(h)), pe.sub(tangent(e, dir).mul(h)), pe)
	}
	return out
}

// boundaryAngle finds, by bisection, the angle between in (on the circle
// of radius r, inside box) and out (outside it) where the circle crosses
// the box's border.
func boundaryAngle(r float64, box rect, in, out float64) float64 {
	for range 40 {
		mid := (in + out) / 2
		if box.contains(polar(r, mid)) {
			in = mid
		} else {
			out = mid
		}
	}
	return out
}

// ringEdge routes a clockwise arc of the ring from box a at angle aa to box
// b at angle ab (ab < aa). It returns the spline and the arrow tip.
func ringEdge(r float64, a rect, aa float64, b rect, ab float64) ([]pt, pt) {
	mid := (aa + ab) / 2
	s := boundaryAngle(r, a, aa, mid)
	e := boundaryAngle(r, b, ab, mid)
	tip := polar(r, e)
	base := e + arrowLen/r
	if base > s-1e-3 { // too short for an arc: a straight stub
		p0 := polar(r, s)
		return line(p0, tip.add(p0.sub(tip).mul(0.01))), tip
	}
	return arc(r, s, base), tip
}

// branchRadius is the radius of a branch's lane: laneFirst (plus
// laneStep per lane) inside the deepest inner face of the moments it
// passes.
func (d *diagram) branchRadius(b *branch) float64 {
	return d.R - b.deepest - d.innerBand() - laneFirst - float64(b.lane)*laneStep
}

// reach is how far, from their centres towards the ring's centre, the
// boxes at the positions from start, clockwise, over length reach.
func (d *diagram) reach(start, length float64) float64 {
	deepest := 0.0
	for k := 0.0; k <= length; k++ {
		m := int(math.Mod(start+k, float64(d.n)))
		deepest = max(deepest, extent(d.W, d.H, d.theta[m]))
	}
	return deepest
}

// branchRoute routes a branch the shorter way round: inward from the
// source's inner face to its lane, along the lane, which follows the
// inside of the ring, and out to the target's inner face.
func (d *diagram) branchRoute(b *branch) ([]pt, pt) {
	i, j := b.edge.From.Index, b.edge.To.Index
	step := 2 * math.Pi / float64(d.n)
	dir := b.dir
	face := func(k int, off float64) (pt, float64) {
		bx := d.moments[k].box
		c := pt{bx.X, bx.Y}
		u := unit(d.theta[k])
		q := c.add(tangent(d.theta[k], -1).mul(off))
		rad := cornerRadius
		if d.moments[k].ma.Critical {
			rad = 0 // square corners
		}
		p := roundedExit(bx, rad, q, u.mul(-1))
		return p, math.Atan2(p.Y, p.X)
	}
	ps, as := face(i, b.offFrom)
	pe, ae := face(j, b.offTo)
	// unwrap the angles so that travel from as to ae goes in dir
	span := (ae - as) * dir
	for span <= 0 {
		ae += 2 * math.Pi * dir
		span = (ae - as) * dir
	}
	if i == j {
		ae = as + dir*0.5*step
		pe = polar(ps.len(), ae)
		span = 0.5 * step
	}
	tipDir := unit(ae)
	base := pe.sub(tipDir.mul(arrowLen))
	r0 := d.branchRadius(b)
	eps := min((ps.len()-r0)/max(r0, 1), span/3)
	l0, l1 := as+dir*eps, ae-dir*eps
	q0, q1 := polar(r0, l0), polar(r0, l1)
	h := r0 * eps * 0.55
	pts := []pt{
		ps,
		ps.sub(unit(as).mul((ps.len() - r0) * 0.55)),
		q0.sub(tangent(l0, dir).mul(h)),
	}
	pts = append(pts, arc(r0, l0, l1)...)
	pts = append(pts,
		q1.add(tangent(l1, dir).mul(h)),
		base.sub(tipDir.mul((base.len()-r0)*0.55)),
		base,
	)
	return pts, pe
}

// write emits the whole graph.
func (d *diagram) write(w *dotWriter) {
	th := d.th
	w.WriteString("digraph cycle {\n")
	w.stmt("graph", []attr{
		{"bgcolor", q(th.Background)}, {"pad", q("0.4")}, {"outputorder", "edgesfirst"},
		{"fontname", "Helvetica"}, {"splines", "true"},
	})
	w.stmt("node", []attr{
		{"fontname", "Helvetica"}, {"fontsize", "10"}, {"fontcolor", q(th.Ink)},
		{"margin", q("0.05,0.03")}, {"penwidth", "1.2"},
	})
	w.stmt("edge", []attr{
		{"fontname", "Helvetica"}, {"arrowsize", "0.9"}, {"penwidth", "1.6"}, {"color", q(th.Flow)},
	})

	// title
	tw, th2 := d.title.size()
	w.stmt(q("_title"), append([]attr{
		{"id", q("title")}, {"class", q("title")}, {"shape", "plaintext"},
		posAttr(pt{0, 0}), {"label", html(d.title.html())},
	}, sizeAttrs(tw, th2)...))

	// moments
	for i, m := range d.moments {
		d.writeMoment(w, i, m)
	}
	// end markers
	for _, p := range d.pills {
		id := d.a.Moments[p.moment].ID
		w.stmt(q("_end_"+id), append([]attr{
			{"id", q("end-" + id)}, {"class", q("end")},
			{"shape", "box"}, {"style", q("rounded,filled")}, {"color", q(th.Mark)}, {"fillcolor", q(th.Mark)},
			posAttr(pt{p.box.X, p.box.Y}), {"fixedsize", "true"},
			{"label", html(`<FONT POINT-SIZE="9" COLOR="#FFFFFF"><B>` + htmlText(d.w.End) + `</B></FONT>`)},
		}, sizeAttrs(p.w, p.h)...))
	}
	// notes and callouts
	for _, at := range d.attach {
		d.writeAttachment(w, at)
	}
	d.writePanel(w)
	d.writeLegend(w)
	d.writeEdges(w)
	w.WriteString("}\n")
}

func (d *diagram) writeMoment(w *dotWriter, i int, m *mnode) {
	th := d.th
	ma := m.ma
	class := "moment"
	attrs := []attr{{"id", q("moment-" + ma.ID)}}
	if ma.Critical {
		class += " critical"
		attrs = append(attrs, attr{"class", q(class)}, attr{"shape", "box"}, attr{"style", q("filled")},
			attr{"peripheries", "2"}, attr{"penwidth", "2.2"},
			attr{"color", q(th.CritBorder)}, attr{"fillcolor", q(th.CritFill)})
	} else {
		attrs = append(attrs, attr{"class", q(class)}, attr{"shape", "box"}, attr{"style", q("rounded,filled")},
			attr{"color", q(th.Border)}, attr{"fillcolor", q(th.Fill)})
	}
	attrs = append(attrs, posAttr(pt{m.box.X, m.box.Y}))
	attrs = append(attrs, sizeAttrs(d.W, d.H)...)
	attrs = append(attrs, attr{"label", html(m.label.html())})
	if m.url != "" {
		attrs = append(attrs, attr{"URL", q(m.url)}, attr{"target", q("_blank")},
			attr{"tooltip", tooltipQuoted(ma.Name)})
	}
	w.stmt(q(ma.ID), attrs)
}

func (d *diagram) writeAttachment(w *dotWriter, at *attachment) {
	th := d.th
	id := d.a.Moments[at.moment].ID
	if at.callout > 0 {
		w.stmt(q("_note_"+id), append([]attr{
			{"id", q("note-" + id)}, {"class", q("note callout")},
			{"shape", "circle"}, {"style", q("filled")}, {"color", q(th.Mark)}, {"fillcolor", q(th.Mark)},
			posAttr(pt{at.box.X, at.box.Y}), {"fixedsize", "true"},
			{"label", html(fmt.Sprintf(`<FONT POINT-SIZE="10" COLOR="#FFFFFF"><B>%d</B></FONT>`, at.callout))},
		}, sizeAttrs(at.w, at.h)...))
		return
	}
	w.stmt(q("_note_"+id), append([]attr{
		{"id", q("note-" + id)}, {"class", q("note")},
		{"shape", "note"}, {"style", q("filled")}, {"color", q(th.NoteBorder)}, {"fillcolor", q(th.NoteFill)},
		posAttr(pt{at.box.X, at.box.Y}), {"label", html(at.label.html())},
	}, sizeAttrs(at.w, at.h)...))
}

func (d *diagram) writePanel(w *dotWriter) {
	if len(d.panel) == 0 {
		return
	}
	th := d.th
	w.stmt(q("_panel"), append([]attr{
		{"id", q("notes-panel")}, {"class", q("panel")}, {"shape", "plaintext"},
		posAttr(pt{d.panelHead.X, d.panelHead.Y}),
		{"label", html(`<FONT POINT-SIZE="12"><B>` + htmlText(d.w.Improvements) + `</B></FONT>`)},
	}, sizeAttrs(d.panelHead.W, d.panelHead.H)...))
	for _, r := range d.panel {
		id := d.a.Moments[r.moment].ID
		left := r.box.X - r.box.W/2
		top := r.box.Y + r.box.H/2
		w.stmt(q("_panelkey_"+id), append([]attr{
			{"id", q("panel-key-" + id)}, {"class", q("panel-key")},
			{"shape", "circle"}, {"style", q("filled")}, {"color", q(th.Mark)}, {"fillcolor", q(th.Mark)},
			posAttr(pt{left - 17, top - 11}), {"fixedsize", "true"},
			{"label", html(fmt.Sprintf(`<FONT POINT-SIZE="10" COLOR="#FFFFFF"><B>%d</B></FONT>`, r.callout))},
		}, sizeAttrs(discSize(r.callout), discSize(r.callout))...))
		w.stmt(q("_panel_"+id), append([]attr{
			{"id", q("panel-row-" + id)}, {"class", q("note panel-row")},
			{"shape", "box"}, {"style", q("rounded,filled")}, {"color", q(th.NoteBorder)}, {"fillcolor", q(th.NoteFill)},
			posAttr(pt{r.box.X, r.box.Y}), {"label", html(flushLeft(r.label.html(), r.box.W-16))},
		}, sizeAttrs(r.box.W, r.box.H)...))
	}
}

// flushLeft puts a label's body in a table cell width points wide, its
// lines flush left: Graphviz centres a label narrower than its node.
func flushLeft(body string, width float64) string {
	return fmt.Sprintf(`<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0" WIDTH="%d"><TR><TD ALIGN="LEFT" BALIGN="LEFT">%s</TD></TR></TABLE>`, int(width), body)
}

func (d *diagram) writeLegend(w *dotWriter) {
	if len(d.legend) == 0 {
		return
	}
	th := d.th
	lb := d.legendBox
	left := lb.X - lb.W/2 + legendPad
	w.stmt(q("_legend"), append([]attr{
		{"id", q("legend")}, {"class", q("legend")},
		{"shape", "box"}, {"style", q("rounded")}, {"color", q(th.Frame)},
		posAttr(pt{lb.X, lb.Y}), {"label", "< >"}, {"fixedsize", "true"},
	}, sizeAttrs(lb.W, lb.H)...))
	titleW := textWidth(d.w.Legend, 11, true)
	w.stmt(q("_legend_title"), append([]attr{
		{"class", q("legend")}, {"shape", "plaintext"},
		posAttr(pt{left + titleW/2, d.legendTitle.Y}),
		{"label", html(`<FONT POINT-SIZE="11"><B>` + htmlText(d.w.Legend) + `</B></FONT>`)},
	}, sizeAttrs(titleW, 11*lineSpacing)...))
	sx := left + d.legendSampleW/2
	for k, r := range d.legend {
		name := fmt.Sprintf("_legend_%d", k)
		base := []attr{{"class", q("legend")}}
		sample := func(extra ...attr) {
			w.stmt(q(name+"_s"), append(append(base, posAttr(pt{sx, r.y})), extra...))
		}
		edge := func(branch, handoff bool) {
			a, b := pt{sx - 24, r.y}, pt{sx + 24, r.y}
			for _, p := range []struct {
				n string
				p pt
			}{{"_a", a}, {"_b", b}} {
				w.stmt(q(name+p.n), append(append(base, posAttr(p.p)),
					attr{"shape", "point"}, attr{"style", "invis"}, attr{"width", "0.01"}, attr{"height", "0.01"}))
			}
			tip := b
			pts := line(a, b.sub(pt{arrowLen, 0}))
			if branch {
				pts = []pt{a, a.add(pt{10, -9}), b.sub(pt{arrowLen + 10, 9}), b.sub(pt{arrowLen, 0})}
			}
			w.stmt(q(name+"_a")+" -> "+q(name+"_b"), append(append(base, d.edgeLook(branch, handoff)...), splinePos(pts, &tip)))
		}
		switch r.kind {
		case "moment":
			sample(attr{"shape", "box"}, attr{"style", q("rounded,filled")}, attr{"color", q(th.Border)},
				attr{"fillcolor", q(th.Fill)}, attr{"fixedsize", "true"}, attr{"width", "0.6"}, attr{"height", "0.26"},
				attr{"label", html(`<B>1</B>`)})
		case "critical":
			sample(attr{"shape", "box"}, attr{"style", q("filled")}, attr{"peripheries", "2"}, attr{"penwidth", "2.2"},
				attr{"color", q(th.CritBorder)}, attr{"fillcolor", q(th.CritFill)}, attr{"fixedsize", "true"},
				attr{"width", "0.6"}, attr{"height", "0.26"},
				attr{"label", html(`<FONT COLOR="` + th.CritText + `"><B>!</B></FONT>`)})
		case "performance":
			sample(attr{"shape", "plaintext"}, attr{"width", num(max(0.7, textWidth(d.performanceSample(), legendText, false)*slack/72))}, attr{"height", "0.2"},
				attr{"label", html(`<FONT POINT-SIZE="9">` + d.performanceSample() + `</FONT>`)})
		case "flow":
			edge(false, false)
		case "handoff":
			edge(false, true)
		case "branch":
			edge(true, false)
		case "branch-handoff":
			edge(true, true)
		case "end":
			sample(attr{"shape", "box"}, attr{"style", q("rounded,filled")}, attr{"color", q(th.Mark)},
				attr{"fillcolor", q(th.Mark)}, attr{"fixedsize", "true"}, attr{"width", "0.5"}, attr{"height", "0.25"},
				attr{"label", html(`<FONT POINT-SIZE="9" COLOR="#FFFFFF"><B>` + htmlText(d.w.End) + `</B></FONT>`)})
		case "note":
			sample(attr{"shape", "note"}, attr{"style", q("filled")}, attr{"color", q(th.NoteBorder)},
				attr{"fillcolor", q(th.NoteFill)}, attr{"fixedsize", "true"}, attr{"width", "0.5"}, attr{"height", "0.28"},
				attr{"label", html(`<FONT POINT-SIZE="9">•</FONT>`)})
		case "callout":
			sample(attr{"shape", "circle"}, attr{"style", q("filled")}, attr{"color", q(th.Mark)},
				attr{"fillcolor", q(th.Mark)}, attr{"fixedsize", "true"}, attr{"width", "0.3"}, attr{"height", "0.3"},
				attr{"label", html(`<FONT POINT-SIZE="10" COLOR="#FFFFFF"><B>1</B></FONT>`)})
		}
		tw := textWidth(r.text, legendText, false)
		x := left + d.legendSampleW + 10 + tw/2
		w.stmt(q(name+"_t"), append(append(base, posAttr(pt{x, r.y}), attr{"shape", "plaintext"}),
			append(sizeAttrs(tw, legendText*lineSpacing),
				attr{"label", html(`<FONT POINT-SIZE="9">` + htmlText(r.text) + `</FONT>`)})...))
	}
}

func (d *diagram) writeEdges(w *dotWriter) {
	th := d.th
	k := 0
	edge := func(from, to string, class string, attrs []attr) {
		k++
		w.stmt(q(from)+" -> "+q(to), append([]attr{{"id", q(fmt.Sprintf("edge-%d", k))}, {"class", q(class)}}, attrs...))
	}
	for _, e := range d.a.Edges {
		class := e.Kind.String() // Graphviz puts "edge" before it in the SVG
		if e.Handoff {
			class += " handoff"
		}
		pts, tip := d.edgeRoute(e)
		edge(e.From.ID, e.To.ID, class, append(d.edgeLook(e.Kind == cycle.Branch, e.Handoff), splinePos(pts, &tip)))
	}
	for _, p := range d.pills {
		id := d.a.Moments[p.moment].ID
		pts, tip := d.pillRoute(p)
		edge(id, "_end_"+id, "end", []attr{splinePos(pts, &tip)})
	}
	for _, at := range d.attach {
		id := d.a.Moments[at.moment].ID
		m := d.moments[at.moment]
		u := unit(d.theta[at.moment])
		s := rayExit(m.box, pt{m.box.X, m.box.Y}, u)
		e := rayExit(at.box, pt{at.box.X, at.box.Y}, u.mul(-1))
		edge(id, "_note_"+id, "connector", []attr{
			{"dir", "none"}, {"style", "dotted"}, {"penwidth", "1.2"}, {"color", q(th.NoteBorder)},
			splinePos(line(s, e), nil),
		})
	}
}

// edgeLook is the colour, dash and width of an edge: a handoff is dashed
// and heavier in its own colour, whether on the ring or a branch (which
// bends along its lane); a plain branch has its colour and, in themes
// without hue (print), a dash of its own; the other edges are plain.
// The legend draws its samples with it, so they match the drawing.
func (d *diagram) edgeLook(branch, handoff bool) []attr {
	th := d.th
	switch {
	case handoff:
		return []attr{{"color", q(th.Handoff)}, {"style", "dashed"}, {"penwidth", "2"}}
	case branch && th.BranchStyle != "":
		return []attr{{"color", q(th.Branch)}, {"style", th.BranchStyle}, {"penwidth", "2"}}
	case branch:
		return []attr{{"color", q(th.Branch)}}
	}
	return []attr{{"color", q(th.Flow)}}
}

// edgeRoute is the spline of an edge of the cycle and its arrow tip: a
// branch along its lane, any other edge along the ring.
func (d *diagram) edgeRoute(e cycle.Edge) ([]pt, pt) {
	if e.Kind == cycle.Branch {
		return d.branchRoute(d.branchOf(e))
	}
	i, j := e.From.Index, e.To.Index
	aj := d.theta[j]
	if aj >= d.theta[i] {
		aj -= 2 * math.Pi
	}
	return ringEdge(d.R, d.moments[i].box, d.theta[i], d.moments[j].box, aj)
}

// pillRoute is the spline of the arrow from a moment to its end marker
// and its tip.
func (d *diagram) pillRoute(p *pill) ([]pt, pt) {
	m := d.moments[p.moment]
	if p.gap {
		pa := math.Atan2(p.box.Y, p.box.X)
		for pa >= d.theta[p.moment] {
			pa -= 2 * math.Pi
		}
		return ringEdge(d.R, m.box, d.theta[p.moment], p.box, pa)
	}
	u := unit(d.theta[p.moment])
	s := rayExit(m.box, pt{m.box.X, m.box.Y}, u.mul(-1))
	tip := rayExit(p.box, pt{p.box.X, p.box.Y}, u)
	return line(s, tip.add(u.mul(arrowLen))), tip
}

// branchOf finds the layout of a branch edge.
func (d *diagram) branchOf(e cycle.Edge) *branch {
	if b := d.branchAt[[2]*cycle.Moment{e.From, e.To}]; b != nil {
		return b
	}
	return &branch{edge: e, deepest: d.reach(0, 0)}
}
