package xdot

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"
)

// Line dash patterns in points, as Graphviz's SVG renderer writes them.
var (
	dashed = []vg.Length{5, 2}
	dotted = []vg.Length{1, 5}
)

// state is the graphics state of one item.
type state struct {
	pen, fill color.NRGBA
	width     float64
	dash      []vg.Length
	invis     bool
	fontName  string
	fontSize  float64
	flags     FontFlags
}

func initialState() state {
	black := color.NRGBA{0, 0, 0, 255}
	return state{pen: black, fill: black, width: 1, fontName: "Times-Roman", fontSize: 14}
}

// painter draws a Drawing onto a vg.Canvas.
type painter struct {
	c  surface
	dx float64 // added to x to move from Graphviz to page coordinates
	dy float64
	// filled is the operation (item, op) whose fill the canvas's
	// background already painted (see pageFill); {-1, -1} for none.
	// Only the fill is skipped: its outline, if any, is still drawn.
	filled [2]int
	glyphs glyphs // which characters the faces can draw
}

func newPainter(c surface, d *Drawing) *painter {
	return &painter{c: c, dx: d.Pad.X - d.BB.Min.X, dy: d.Pad.Y - d.BB.Min.Y, filled: [2]int{-1, -1}}
}

// pageFill finds the page background Graphviz draws first (for bgcolor):
// an opaque filled rectangle, the first shape of the graph's _draw_,
// covering the whole page. When the canvas's background already has its
// colour, skipping it is exact and saves a pass of the rasteriser over
// every pixel. It returns the colour and the position of the operation.
func pageFill(d *Drawing) (c color.NRGBA, at [2]int, ok bool) {
	for i, it := range d.Items {
		if it.Kind != "graph" || it.Attr != "_draw_" {
			continue
		}
		st := initialState()
		for j, op := range it.Ops {
			switch o := op.(type) {
			case FillColor:
				st.fill = o.Color
			case Style:
				applyStyle(&st, o.Spec)
			case PenColor, Font, FontChars:
			case Polygon:
				if o.Filled && !st.invis && st.fill.A == 255 && coversPage(d, o.Points) {
					return st.fill, [2]int{i, j}, true
				}
				return c, at, false
			default:
				return c, at, false
			}
		}
		return c, at, false
	}
	return c, at, false
}

// coversPage reports whether pts is an axis-aligned rectangle covering
// the page (BB grown by Pad).
func coversPage(d *Drawing, pts []Point) bool {
	if len(pts) != 4 {
		return false
	}
	lo, hi := pts[0], pts[0]
	for _, q := range pts[1:] {
		lo.X, lo.Y = min(lo.X, q.X), min(lo.Y, q.Y)
		hi.X, hi.Y = max(hi.X, q.X), max(hi.Y, q.Y)
	}
	for _, q := range pts {
		if (q.X != lo.X && q.X != hi.X) || (q.Y != lo.Y && q.Y != hi.Y) {
			return false
		}
	}
	return lo.X <= d.BB.Min.X-d.Pad.X && lo.Y <= d.BB.Min.Y-d.Pad.Y &&
		hi.X >= d.BB.Max.X+d.Pad.X && hi.Y >= d.BB.Max.Y+d.Pad.Y
}

func (p *painter) pt(q Point) vg.Point {
	return vg.Point{X: vg.Length(q.X + p.dx), Y: vg.Length(q.Y + p.dy)}
}

// paint draws every item of d in order.
func (p *painter) paint(d *Drawing) {
	for i, it := range d.Items {
		st := initialState()
		for j, op := range it.Ops {
			if pg, ok := op.(Polygon); ok && p.filled == [2]int{i, j} {
				pg.Filled = false // the background is this fill
				op = pg
			}
			p.op(&st, op)
		}
	}
}

func (p *painter) op(st *state, op Op) {
	switch o := op.(type) {
	case PenColor:
		st.pen = o.Color
	case FillColor:
		st.fill = o.Color
	case Style:
		applyStyle(st, o.Spec)
	case Font:
		st.fontName, st.fontSize = o.Name, o.Size
	case FontChars:
		st.flags = o.Flags
	case Ellipse:
		p.shape(st, ellipsePath(p.pt(o.Center), o.RX, o.RY), o.Filled)
	case Polygon:
		p.shape(st, p.polyPath(o.Points, true), o.Filled)
	case Polyline:
		p.shape(st, p.polyPath(o.Points, false), false)
	case Bezier:
		var path vg.Path
		path.Move(p.pt(o.Points[0]))
		for i := 1; i+2 < len(o.Points); i += 3 {
			path.CubeTo(p.pt(o.Points[i]), p.pt(o.Points[i+1]), p.pt(o.Points[i+2]))
		}
		if o.Filled {
			path.Close()
		}
		p.shape(st, path, o.Filled)
	case Text:
		p.text(st, o)
	case Image:
		// External images are not painted (see the package comment).
	}
}

// applyStyle applies one S operation. Graphviz emits one style per
// operation; comma-separated lists are accepted too.
func applyStyle(st *state, spec string) {
	for _, s := range splitStyle(spec) {
		name, arg, _ := strings.Cut(s, "(")
		name = strings.TrimSpace(strings.ToLower(name))
		switch name {
		case "solid":
			st.dash = nil
		case "dashed":
			st.dash = dashed
		case "dotted":
			st.dash = dotted
		case "bold":
			st.width = 2
		case "invis", "invisible":
			st.invis = true
		case "setlinewidth":
			w, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(arg, ")")), 64)
			if err == nil && w >= 0 && w < 1000 {
				st.width = w
			}
		}
	}
}

// splitStyle splits "a,b(c,d),e" at the commas outside parentheses.
func splitStyle(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func (p *painter) polyPath(pts []Point, closed bool) vg.Path {
	var path vg.Path
	for i, q := range pts {
		if i == 0 {
			path.Move(p.pt(q))
		} else {
			path.Line(p.pt(q))
		}
	}
	if closed {
		path.Close()
	}
	return path
}

// ellipsePath approximates an ellipse by four cubic Bézier arcs.
func ellipsePath(c vg.Point, rx, ry float64) vg.Path {
	const k = 0.5522847498307936 // 4/3 (√2 − 1)
	x, y := float64(c.X), float64(c.Y)
	P := func(px, py float64) vg.Point { return vg.Point{X: vg.Length(px), Y: vg.Length(py)} }
	var path vg.Path
	path.Move(P(x+rx, y))
	path.CubeTo(P(x+rx, y+k*ry), P(x+k*rx, y+ry), P(x, y+ry))
	path.CubeTo(P(x-k*rx, y+ry), P(x-rx, y+k*ry), P(x-rx, y))
	path.CubeTo(P(x-rx, y-k*ry), P(x-k*rx, y-ry), P(x, y-ry))
	path.CubeTo(P(x+k*rx, y-ry), P(x+rx, y-k*ry), P(x+rx, y))
	path.Close()
	return path
}

// shape fills (when filled) with the fill colour, then outlines with the
// pen, skipping fully transparent paint.
func (p *painter) shape(st *state, path vg.Path, filled bool) {
	if st.invis || len(path) == 0 {
		return
	}
	if filled && st.fill.A > 0 {
		p.c.SetColor(st.fill)
		p.c.Fill(path)
	}
	if st.pen.A > 0 && st.width > 0 {
		p.c.SetColor(st.pen)
		p.c.SetLineWidth(vg.Length(st.width))
		p.c.SetLineDash(st.dash, 0)
		p.c.Stroke(path)
	}
}

func (p *painter) text(st *state, t Text) {
	if st.invis || t.Text == "" || st.pen.A == 0 || st.fontSize <= 0 {
		return
	}
	fc := face(fontKey(st.fontName, st.flags), st.fontSize)
	// A character the face lacks becomes Replacement: a PDF font cannot
	// even embed one above U+FFFF.
	s := p.glyphs.drawable(fc.Face, t.Text)
	w := float64(fc.Width(s))
	x := t.Pos.X
	switch t.Align {
	case AlignCenter:
		x -= w / 2
	case AlignRight:
		x -= w
	}
	y := t.Pos.Y
	size := st.fontSize
	switch {
	case st.flags&Superscript != 0:
		y += size / 3
	case st.flags&Subscript != 0:
		y -= size / 5
	}
	p.c.SetColor(st.pen)
	p.c.FillString(fc, p.pt(Point{x, y}), s)

	// Decorations, at the usual Helvetica offsets.
	lw := math.Max(size/18, 0.5)
	deco := func(off float64) {
		var path vg.Path
		path.Move(p.pt(Point{x, y + off}))
		path.Line(p.pt(Point{x + w, y + off}))
		p.c.SetLineWidth(vg.Length(lw))
		p.c.SetLineDash(nil, 0)
		p.c.Stroke(path)
	}
	if st.flags&Underline != 0 {
		deco(-0.1 * size)
	}
	if st.flags&StrikeThrough != 0 {
		deco(0.3 * size)
	}
	if st.flags&Overline != 0 {
		deco(0.8 * size)
	}
}
