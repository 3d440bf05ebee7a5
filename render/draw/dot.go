package draw

import (
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
	w := &dotWriter{names: map[Item]string{}, ink: cmpOr(d.Ink, "#000000")}
	w.WriteString("digraph ")
	if name := cmpOr(d.Name, "drawing"); plainID.MatchString(name) {
		w.WriteString(name)
	} else {
		w.WriteString(Quoted(name))
	}
	w.WriteString(" {\n")
	ink := w.ink
	w.stmt("graph", []attr{
		{"bgcolor", Quoted(cmpOr(d.Background, "#FFFFFF"))}, {"pad", `"0"`}, {"outputorder", "edgesfirst"},
		{"fontname", FontName}, {"splines", "true"},
	})
	w.stmt("node", []attr{
		{"fontname", FontName}, {"fontsize", "10"}, {"fontcolor", Quoted(ink)},
		{"margin", `"0,0"`}, {"penwidth", num(boxPen)},
	})
	w.stmt("edge", []attr{
		{"fontname", FontName}, {"arrowsize", "0.9"}, {"penwidth", num(routePen)}, {"color", Quoted(ink)},
	})
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
	return []byte(w.String())
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// dotWriter accumulates DOT statements.
type dotWriter struct {
	strings.Builder
	names map[Item]string
	n     int
	ink   string // the drawing's ink: the nodes' font colour
}

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

func posAttr(p Pt) attr { return attr{"pos", Quoted(num(p.X) + "," + num(p.Y) + "!")} }

func sizeAttrs(w, h float64) []attr {
	return []attr{{"width", num(w / 72)}, {"height", num(h / 72)}}
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
			n = fmt.Sprintf("_n%d", w.n)
		}
	}
	w.names[it] = n
	return n
}

// point writes an invisible point node.
func (w *dotWriter) point(name string, p Pt) {
	w.stmt(Quoted(name), []attr{posAttr(p), {"shape", "point"}, {"style", "invis"}, {"width", "0.01"}, {"height", "0.01"}})
}

func metaAttrs(m *Meta) []attr {
	var out []attr
	if m.ID != "" {
		out = append(out, attr{"id", Quoted(m.ID)})
	}
	if m.Class != "" {
		out = append(out, attr{"class", Quoted(m.Class)})
	}
	if m.URL != "" {
		out = append(out, attr{"URL", Quoted(m.URL)}, attr{"target", `"_blank"`})
		if m.Tooltip != "" {
			out = append(out, attr{"tooltip", TooltipQuoted(m.Tooltip)})
		}
	}
	return out
}

var shapeNames = map[Shape]string{Plain: "plaintext", Rectangle: "box", Rounded: "box", Circle: "circle", Note: "note"}

func strokeAttrs(s Stroke, def float64, styles []string) ([]attr, []string) {
	var out []attr
	if s.Color != "" {
		out = append(out, attr{"color", Quoted(s.Color)})
	}
	if s.Width > 0 && s.Width != def {
		out = append(out, attr{"penwidth", num(s.Width)})
	}
	switch s.Dash {
	case Dashed:
		styles = append(styles, "dashed")
	case Dotted:
		styles = append(styles, "dotted")
	}
	return out, styles
}

func styleAttr(styles []string) []attr {
	if len(styles) == 0 {
		return nil
	}
	return []attr{{"style", Quoted(strings.Join(styles, ","))}}
}

func (w *dotWriter) box(b *Box) {
	attrs := metaAttrs(&b.Meta)
	attrs = append(attrs, attr{"shape", shapeNames[b.Shape]})
	var styles []string
	if b.Shape == Rounded {
		styles = append(styles, "rounded")
	}
	if b.Fill != "" {
		styles = append(styles, "filled")
		attrs = append(attrs, attr{"fillcolor", Quoted(b.Fill)})
	}
	st, styles := strokeAttrs(b.Stroke, boxPen, styles)
	if b.Stroke.Color == "" && b.Shape != Plain {
		st = append(st, attr{"color", Quoted(cmpOr(b.Fill, "#000000"))})
	}
	attrs = append(attrs, st...)
	attrs = append(attrs, styleAttr(styles)...)
	if b.Double {
		attrs = append(attrs, attr{"peripheries", "2"})
	}
	attrs = append(attrs, posAttr(b.Rect.Centre()))
	if b.Shape != Plain {
		attrs = append(attrs, attr{"fixedsize", "true"})
	}
	attrs = append(attrs, sizeAttrs(b.Rect.W, b.Rect.H)...)
	base := w.base(&b.Label)
	if base.Font.Size != 0 && base.Font.Size != defaultFontSize {
		attrs = append(attrs, attr{"fontsize", fontSize(base.Font.Size)})
	}
	if base.Font.Size != 0 && base.Color != w.ink {
		attrs = append(attrs, attr{"fontcolor", Quoted(base.Color)})
	}
	attrs = append(attrs, attr{"label", "<" + labelHTML(&b.Label, b.Rect.W, base, w.ink) + ">"})
	w.stmt(Quoted(w.name(b, b.Name)), attrs)
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

// fontSize formats a font size as the labels' FONT elements do.
func fontSize(s float64) string {
	return strconv.FormatFloat(math.Round(s*100)/100, 'f', -1, 64)
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
	attrs := metaAttrs(&m.Meta)
	attrs = append(attrs, attr{"shape", "circle"}, attr{"color", Quoted(m.Color)})
	switch m.Kind {
	case Dot:
		f := min(max(m.Fill, 0), 1)
		if math.IsNaN(f) {
			f = 0
		}
		switch {
		case f >= 0.999:
			attrs = append(attrs, attr{"style", "filled"}, attr{"fillcolor", Quoted(m.Color)})
		case f <= 0.001:
		default:
			attrs = append(attrs, attr{"style", "wedged"}, attr{"fillcolor", Quoted(wedges(f, m.Color, cmpOr(m.Back, "#FFFFFF")))})
		}
		attrs = append(attrs, attr{"penwidth", "1"}, attr{"label", "< >"})
	default:
		attrs = append(attrs, attr{"style", "filled"}, attr{"fillcolor", Quoted(m.Color)})
		lbl := "< >"
		if m.Text != "" {
			s := Span{Text: m.Text, Font: m.Font, Color: m.Ink}
			s.Font.Bold = true
			var sb strings.Builder
			writeSpan(&sb, s)
			lbl = "<" + sb.String() + ">"
		}
		attrs = append(attrs, attr{"label", lbl})
	}
	attrs = append(attrs, posAttr(m.At), attr{"fixedsize", "true"})
	attrs = append(attrs, sizeAttrs(m.Size, m.Size)...)
	w.stmt(Quoted(w.name(m, "")), attrs)
}

func (w *dotWriter) route(r *Route) {
	end := func(b *Box, p Pt) string {
		if b != nil {
			return w.name(b, b.Name)
		}
		w.n++
		n := fmt.Sprintf("_p%d", w.n)
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
	attrs := metaAttrs(&r.Meta)
	st, styles := strokeAttrs(r.Stroke, routePen, nil)
	attrs = append(attrs, st...)
	attrs = append(attrs, styleAttr(styles)...)
	var b strings.Builder
	if r.Head != NoArrow {
		if r.ArrowScale != 0 && r.ArrowScale != 1 {
			attrs = append(attrs, attr{"arrowsize", num(0.9 * r.ArrowScale)})
		}
	} else {
		attrs = append(attrs, attr{"dir", "none"})
	}
	// one spline per leg, each with its own head (Graphviz's spline list)
	for i, l := range r.legs() {
		if i > 0 {
			b.WriteByte(';')
		}
		if r.Head != NoArrow {
			b.WriteString("e," + num(l.Tip.X) + "," + num(l.Tip.Y) + " ")
		}
		for j, p := range l.Path {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(num(p.X) + "," + num(p.Y))
		}
	}
	attrs = append(attrs, attr{"pos", Quoted(b.String())})
	w.stmt(Quoted(from)+" -> "+Quoted(to), attrs)
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

// labelHTML writes a label as the body of a Graphviz HTML-like label for a
// box width points wide, whose node sets base's size and colour (none
// when zero); ink is the colour of a span without one.
func labelHTML(l *Label, width float64, base Span, ink string) string {
	if len(l.Lines) == 0 {
		return " "
	}
	var sb strings.Builder
	for _, line := range l.Lines {
		for _, s := range line.Spans {
			if base.Font.Size != 0 && s.Font.Size == base.Font.Size && cmpOr(s.Color, ink) == base.Color {
				writeStyled(&sb, s) // in the node's own font
				continue
			}
			writeSpan(&sb, s)
		}
		switch {
		case l.Left || line.Anchor == Start:
			sb.WriteString(`<BR ALIGN="LEFT"/>`)
		case line.Anchor == End:
			sb.WriteString(`<BR ALIGN="RIGHT"/>`)
		default:
			sb.WriteString(`<BR/>`)
		}
	}
	body := sb.String()
	if l.Left {
		// Graphviz centres a block narrower than its node: a table cell
		// as wide as the box less its padding keeps the lines flush left
		return fmt.Sprintf(`<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0" WIDTH="%d"><TR><TD ALIGN="LEFT" BALIGN="LEFT">%s</TD></TR></TABLE>`,
			int(max(width-2*l.Pad, 1)), body)
	}
	// the last line's break ends no line: it only carries its alignment
	return strings.TrimSuffix(body, "<BR/>")
}

func writeSpan(sb *strings.Builder, s Span) {
	sb.WriteString(`<FONT POINT-SIZE="`)
	sb.WriteString(fontSize(s.Font.Size))
	sb.WriteString(`"`)
	if s.Color != "" {
		sb.WriteString(` COLOR="`)
		sb.WriteString(s.Color)
		sb.WriteString(`"`)
	}
	sb.WriteString(">")
	writeStyled(sb, s)
	sb.WriteString("</FONT>")
}

// writeStyled writes a span's text, bold and italic as its font says, in
// the font around it.
func writeStyled(sb *strings.Builder, s Span) {
	text := s.Text
	if text == "" {
		text = " "
	}
	if s.Font.Bold {
		sb.WriteString("<B>")
	}
	if s.Font.Italic {
		sb.WriteString("<I>")
	}
	sb.WriteString(HTMLText(text))
	if s.Font.Italic {
		sb.WriteString("</I>")
	}
	if s.Font.Bold {
		sb.WriteString("</B>")
	}
}
