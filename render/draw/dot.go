package draw

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// FontName is the font every writer names in DOT: Graphviz sizes text
// with its built-in Helvetica widths (TextWidth), and the painters set it
// in the metric-compatible Liberation Sans. (This Graphviz estimates
// "Helvetica-Bold" with Times-Bold widths, so bold goes through <B>.)
const FontName = "Helvetica"

// plainID is a DOT identifier that needs no quotes.
var plainID = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Writer defaults.
const (
	boxPen   = 1.2
	routePen = 1.6
	// cornerInset is half the size of the invisible points that pin the
	// page's corners: Graphviz counts their size in the bounding box.
	cornerInset = 0.36
)

// DOT writes the drawing as DOT for Graphviz's neato -n2, every node and
// edge pinned where the drawing puts it, and two invisible points at the
// page's corners so that the laid-out bounding box is the page. Graphviz
// moves the page's lower-left corner to (0, 0): its output is the
// drawing translated by −Page.Min(). The
// writer adds no geometry of its own: a box's label is stacked and
// centred by Graphviz as Label.Place says. The same drawing always gives
// the same bytes.
func (d *Drawing) DOT() []byte {
	w := &dotWriter{names: map[Item]string{}}
	items := 0
	d.Each(func(Item) { items++ })
	// about 400 bytes a statement on a clock face: one allocation for
	// the whole text instead of a chain of doublings
	w.Grow(1024 + 512*items)
	w.WriteString("digraph ")
	if name := cmpOr(d.Name, "drawing"); plainID.MatchString(name) {
		w.WriteString(name)
	} else {
		w.quoted(name)
	}
	w.WriteString(" {\n")
	ink := cmpOr(d.Ink, "#000000")
	w.ink = ink
	w.open("graph")
	w.attrQ("bgcolor", cmpOr(d.Background, "#FFFFFF"))
	w.attr("pad", `"0"`)
	w.attr("outputorder", "edgesfirst")
	w.attr("fontname", FontName)
	w.attr("splines", "true")
	w.close()
	w.open("node")
	w.attr("fontname", FontName)
	w.attr("fontsize", "10")
	w.attrQ("fontcolor", ink)
	w.attr("margin", `"0,0"`)
	w.attrNum("penwidth", boxPen)
	w.close()
	w.open("edge")
	w.attr("fontname", FontName)
	w.attr("arrowsize", "0.9")
	w.attrNum("penwidth", routePen)
	w.attrQ("color", ink)
	w.close()
	lo, hi := d.Page.Min(), d.Page.Max()
	w.point("_page_lo", Pt{lo.X + cornerInset, lo.Y + cornerInset})
	w.point("_page_hi", Pt{hi.X - cornerInset, hi.Y - cornerInset})
	var routes []*Route
	d.Each(func(it Item) {
		switch x := it.(type) {
		case *Box:
			w.box(x)
		case *Marker:
			w.marker(x)
		case *Route:
			routes = append(routes, x)
		}
	})
	for _, r := range routes {
		w.route(r)
	}
	w.WriteString("}\n")
	return w.Bytes()
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// dotWriter accumulates DOT statements. A statement is written straight
// into the buffer: open, then one attr call per attribute, then close.
type dotWriter struct {
	bytes.Buffer
	names map[Item]string
	n     int
	// ink is the nodes' default font colour: text in it needs no colour
	// of its own
	ink string
	// attrs counts the attributes of the open statement
	attrs   int
	scratch []byte // for formatting numbers
}

// open starts a statement about head (a node, an edge or a default).
func (w *dotWriter) open(head string) {
	w.WriteByte('\t')
	w.WriteString(head)
	w.attrs = 0
}

// openNode starts a statement about the node called name.
func (w *dotWriter) openNode(name string) {
	w.WriteByte('\t')
	w.quoted(name)
	w.attrs = 0
}

// close ends the open statement.
func (w *dotWriter) close() {
	if w.attrs > 0 {
		w.WriteByte(']')
	}
	w.WriteString(";\n")
}

// key writes the separator before an attribute and its name.
func (w *dotWriter) key(k string) {
	if w.attrs == 0 {
		w.WriteString(" [")
	} else {
		w.WriteString(", ")
	}
	w.attrs++
	w.WriteString(k)
	w.WriteByte('=')
}

// attr writes an attribute whose value v is written as is (already
// quoted where it needs it).
func (w *dotWriter) attr(k, v string) {
	w.key(k)
	w.WriteString(v)
}

// attrQ writes an attribute whose value is written as Quoted(v).
func (w *dotWriter) attrQ(k, v string) {
	w.key(k)
	w.quoted(v)
}

// attrNum writes an attribute whose value is the number x.
func (w *dotWriter) attrNum(k string, x float64) {
	w.key(k)
	w.number(x)
}

// quoted writes Quoted(s).
func (w *dotWriter) quoted(s string) {
	w.WriteByte('"')
	if strings.ContainsAny(s, "\\\"\n") {
		_, _ = quoteEscaper.WriteString(w, s)
	} else {
		w.WriteString(s)
	}
	w.WriteByte('"')
}

// number writes a coordinate or size: two decimals, no negative zero.
func (w *dotWriter) number(x float64) {
	w.scratch = strconv.AppendFloat(w.scratch[:0], x, 'f', 2, 64)
	if string(w.scratch) == "-0.00" {
		w.scratch = w.scratch[1:]
	}
	w.Write(w.scratch)
}

// pt writes p as "x,y".
func (w *dotWriter) pt(p Pt) {
	w.number(p.X)
	w.WriteByte(',')
	w.number(p.Y)
}

// pos writes the pinned position p.
func (w *dotWriter) pos(p Pt) {
	w.key("pos")
	w.WriteByte('"')
	w.pt(p)
	w.WriteString(`!"`)
}

// size writes width and height, w × h points, in inches.
func (w *dotWriter) size(wd, ht float64) {
	w.attrNum("width", wd/72)
	w.attrNum("height", ht/72)
}

// name returns the DOT node name of a box or marker, choosing one on
// first use.
func (w *dotWriter) name(it Item, explicit string) string {
	if n, ok := w.names[it]; ok {
		return n
	}
	n := explicit
	if n == "" {
		if id := it.meta().ID; id != "" {
			n = id
		} else {
			w.n++
			n = "_n" + strconv.Itoa(w.n)
		}
	}
	w.names[it] = n
	return n
}

// point writes an invisible point node.
func (w *dotWriter) point(name string, p Pt) {
	w.openNode(name)
	w.pos(p)
	w.attr("shape", "point")
	w.attr("style", "invis")
	w.attr("width", "0.01")
	w.attr("height", "0.01")
	w.close()
}

// meta writes the id, class and link of an item.
func (w *dotWriter) meta(m *Meta) {
	if m.ID != "" {
		w.attrQ("id", m.ID)
	}
	if m.Class != "" {
		w.attrQ("class", m.Class)
	}
	if m.URL != "" {
		w.attrQ("URL", m.URL)
		w.attr("target", `"_blank"`)
		if m.Tooltip != "" {
			w.attr("tooltip", TooltipQuoted(m.Tooltip))
		}
	}
}

var shapeNames = map[Shape]string{Plain: "plaintext", Rectangle: "box", Rounded: "box", Circle: "circle", Note: "note"}

// stroke writes a stroke's colour and width (when not def), and returns
// styles with its dash added.
func (w *dotWriter) stroke(s Stroke, def float64, styles []string) []string {
	if s.Color != "" {
		w.attrQ("color", s.Color)
	}
	if s.Width > 0 && s.Width != def {
		w.attrNum("penwidth", s.Width)
	}
	switch s.Dash {
	case Dashed:
		styles = append(styles, "dashed")
	case Dotted:
		styles = append(styles, "dotted")
	}
	return styles
}

// style writes the style list, if any.
func (w *dotWriter) style(styles []string) {
	if len(styles) == 0 {
		return
	}
	w.key("style")
	w.WriteByte('"')
	for i, s := range styles {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString(s)
	}
	w.WriteByte('"')
}

func (w *dotWriter) box(b *Box) {
	w.openNode(w.name(b, b.Name))
	w.meta(&b.Meta)
	w.attr("shape", shapeNames[b.Shape])
	var buf [4]string
	styles := buf[:0]
	if b.Shape == Rounded {
		styles = append(styles, "rounded")
	}
	if b.Fill != "" {
		styles = append(styles, "filled")
		w.attrQ("fillcolor", b.Fill)
	}
	styles = w.stroke(b.Stroke, boxPen, styles)
	if b.Stroke.Color == "" && b.Shape != Plain {
		w.attrQ("color", cmpOr(b.Fill, "#000000"))
	}
	w.style(styles)
	if b.Double {
		w.attr("peripheries", "2")
	}
	w.pos(b.Rect.Centre())
	if b.Shape != Plain {
		w.attr("fixedsize", "true")
	}
	w.size(b.Rect.W, b.Rect.H)
	base := w.base(&b.Label)
	if base.Font.Size != 0 && base.Font.Size != defaultFontSize {
		w.key("fontsize")
		w.fontSize(base.Font.Size)
	}
	if base.Font.Size != 0 && base.Color != w.ink {
		w.attrQ("fontcolor", base.Color)
	}
	w.key("label")
	w.WriteByte('<')
	w.labelHTML(&b.Label, b.Rect.W, base)
	w.WriteByte('>')
	w.close()
}

// defaultFontSize is the nodes' font size the writer declares.
const defaultFontSize = 10

// base is the size and colour a label's box sets for its text (Label.
// BaseSize, BaseColor; the colour resolved to the ink), or the zero span
// when it sets none.
func (w *dotWriter) base(l *Label) Span {
	if l.BaseSize <= 0 {
		return Span{}
	}
	return Span{Font: Font{Size: l.BaseSize}, Color: cmpOr(l.BaseColor, w.ink)}
}

// fontSize writes a font size as the labels' FONT elements do.
func (w *dotWriter) fontSize(s float64) {
	w.scratch = strconv.AppendFloat(w.scratch[:0], math.Round(s*100)/100, 'f', -1, 64)
	w.Write(w.scratch)
}

// wedges is the Graphviz wedged fill list of a dot filled to f from 12
// o'clock clockwise: Graphviz fills wedges anticlockwise from 3 o'clock.
func wedges(f float64, c, bg string) string {
	pct := func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
	if f <= 0.25 {
		return fmt.Sprintf("%s;%s:%s;%s:%s", bg, pct(0.25-f), c, pct(f), bg)
	}
	return fmt.Sprintf("%s;0.250:%s;%s:%s", c, bg, pct(1-f), c)
}

func (w *dotWriter) marker(m *Marker) {
	w.openNode(w.name(m, ""))
	w.meta(&m.Meta)
	w.attr("shape", "circle")
	w.attrQ("color", m.Color)
	switch m.Kind {
	case Dot:
		f := min(max(m.Fill, 0), 1)
		if math.IsNaN(f) {
			f = 0
		}
		switch {
		case f >= 0.999:
			w.attr("style", "filled")
			w.attrQ("fillcolor", m.Color)
		case f <= 0.001:
		default:
			w.attr("style", "wedged")
			w.attrQ("fillcolor", wedges(f, m.Color, cmpOr(m.Back, "#FFFFFF")))
		}
		w.attr("penwidth", "1")
		w.attr("label", "< >")
	default:
		w.attr("style", "filled")
		w.attrQ("fillcolor", m.Color)
		if m.Text != "" {
			s := Span{Text: m.Text, Font: m.Font, Color: m.Ink}
			s.Font.Bold = true
			w.key("label")
			w.WriteByte('<')
			w.span(s, w.ink)
			w.WriteByte('>')
		} else {
			w.attr("label", "< >")
		}
	}
	w.pos(m.At)
	w.attr("fixedsize", "true")
	w.size(m.Size, m.Size)
	w.close()
}

func (w *dotWriter) route(r *Route) {
	end := func(b *Box, p Pt) string {
		if b != nil {
			return w.name(b, b.Name)
		}
		w.n++
		n := "_p" + strconv.Itoa(w.n)
		w.point(n, p)
		return n
	}
	var first, last Pt
	if len(r.Path) > 0 {
		first = r.Path[0]
	}
	if n := len(r.Legs); n > 0 {
		last = lastPoint(r.Legs[n-1].Path, r.Legs[n-1].Tip, r.Head)
	} else {
		last = lastPoint(r.Path, r.Tip, r.Head)
	}
	from, to := end(r.From, first), end(r.To, last)
	w.WriteByte('\t')
	w.quoted(from)
	w.WriteString(" -> ")
	w.quoted(to)
	w.attrs = 0
	w.meta(&r.Meta)
	w.style(w.stroke(r.Stroke, routePen, nil))
	if r.Head != NoArrow {
		if r.ArrowScale != 0 && r.ArrowScale != 1 {
			w.attrNum("arrowsize", 0.9*r.ArrowScale)
		}
	} else {
		w.attr("dir", "none")
	}
	w.key("pos")
	w.WriteByte('"')
	// one spline per leg, each with its own head (Graphviz's spline list)
	w.leg(r.Path, r.Tip, r.Head)
	for _, l := range r.Legs {
		w.WriteByte(';')
		w.leg(l.Path, l.Tip, r.Head)
	}
	w.WriteByte('"')
	w.close()
}

// leg writes one spline of a route's pos: its head's tip, then its path.
func (w *dotWriter) leg(path []Pt, tip Pt, head Arrow) {
	if head != NoArrow {
		w.WriteString("e,")
		w.pt(tip)
		w.WriteByte(' ')
	}
	for j, p := range path {
		if j > 0 {
			w.WriteByte(' ')
		}
		w.pt(p)
	}
}

// lastPoint is where a path ends: its tip when it has a head.
func lastPoint(path []Pt, tip Pt, head Arrow) Pt {
	if head != NoArrow {
		return tip
	}
	if len(path) == 0 {
		return Pt{}
	}
	return path[len(path)-1]
}

// labelHTML writes a label as the body of a Graphviz HTML-like label
// for a box width points wide, whose node sets base's size and colour
// (none when zero).
func (w *dotWriter) labelHTML(l *Label, width float64, base Span) {
	if len(l.Lines) == 0 {
		w.WriteByte(' ')
		return
	}
	// the colour of text without one of its own: the node's
	nodeColor := w.ink
	if base.Font.Size != 0 {
		nodeColor = base.Color
	}
	if l.Left {
		// Graphviz centres a block narrower than its node: a table cell
		// as wide as the box less its padding keeps the lines flush left
		w.WriteString(`<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0" WIDTH="`)
		w.WriteString(strconv.Itoa(int(max(width-2*l.Pad, 1))))
		w.WriteString(`"><TR><TD ALIGN="LEFT" BALIGN="LEFT">`)
	}
	for i, line := range l.Lines {
		for _, s := range line.Spans {
			if base.Font.Size != 0 && s.Font.Size == base.Font.Size && cmpOr(s.Color, w.ink) == base.Color {
				w.styled(s) // in the node's own font
				continue
			}
			w.span(s, nodeColor)
		}
		switch {
		case l.Left || line.Anchor == Start:
			w.WriteString(`<BR ALIGN="LEFT"/>`)
		case line.Anchor == End:
			w.WriteString(`<BR ALIGN="RIGHT"/>`)
		case i < len(l.Lines)-1:
			// the last line's break ends no line: it only carries its
			// alignment
			w.WriteString(`<BR/>`)
		}
	}
	if l.Left {
		w.WriteString(`</TD></TR></TABLE>`)
	}
}

// span writes one run of text in its font and colour, in a node whose
// text is nodeColor unless it says otherwise.
func (w *dotWriter) span(s Span, nodeColor string) {
	w.WriteString(`<FONT POINT-SIZE="`)
	w.fontSize(s.Font.Size)
	w.WriteByte('"')
	if s.Color != "" && s.Color != nodeColor {
		w.WriteString(` COLOR="`)
		w.WriteString(s.Color)
		w.WriteByte('"')
	}
	w.WriteByte('>')
	w.styled(s)
	w.WriteString("</FONT>")
}

// styled writes a span's text, bold and italic as its font says, in the
// font around it.
func (w *dotWriter) styled(s Span) {
	text := s.Text
	if text == "" {
		text = " "
	}
	if s.Font.Bold {
		w.WriteString("<B>")
	}
	if s.Font.Italic {
		w.WriteString("<I>")
	}
	if strings.ContainsAny(text, "&<>\"'\\") {
		w.WriteString(HTMLText(text))
	} else {
		w.WriteString(text)
	}
	if s.Font.Italic {
		w.WriteString("</I>")
	}
	if s.Font.Bold {
		w.WriteString("</B>")
	}
}
