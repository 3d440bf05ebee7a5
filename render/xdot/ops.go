package xdot

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
)

// Point is a position in Graphviz points, y up.
type Point struct{ X, Y float64 }

// Rect is an axis-aligned rectangle in Graphviz points, y up, such as a
// graph's bounding box (the "bb" attribute).
type Rect struct{ Min, Max Point }

// Dx returns the width of r.
func (r Rect) Dx() float64 { return r.Max.X - r.Min.X }

// Dy returns the height of r.
func (r Rect) Dy() float64 { return r.Max.Y - r.Min.Y }

// Op is one xdot drawing operation. The concrete types are [Ellipse],
// [Polygon], [Polyline], [Bezier], [Text], [FontChars], [Font], [PenColor],
// [FillColor], [Style] and [Image].
type Op interface {
	// Code returns the operation's xdot letter, such as 'E' or 'T'.
	Code() byte
}

// Ellipse is the E (filled) or e (outlined) operation. RX and RY are the
// radii. A filled ellipse is filled with the fill colour and outlined with
// the pen colour.
type Ellipse struct {
	Center Point
	RX, RY float64
	Filled bool
}

// Polygon is the P (filled) or p (outlined) operation: a closed polygon.
// A filled polygon is filled with the fill colour and outlined with the
// pen colour.
type Polygon struct {
	Points []Point
	Filled bool
}

// Polyline is the L operation: an open line through Points.
type Polyline struct {
	Points []Point
}

// Bezier is the B (outlined) or b (filled) operation. Despite its name in
// the xdot documentation ("B-spline") Graphviz emits a piecewise cubic
// Bézier curve: a start point followed by (control, control, end) triples,
// so len(Points) is 1+3k.
type Bezier struct {
	Points []Point
	Filled bool
}

// Align is a text alignment relative to the anchor x of a [Text].
type Align int

// Text alignments, with their xdot values.
const (
	AlignLeft   Align = -1 // text starts at x
	AlignCenter Align = 0  // text is centred on x
	AlignRight  Align = 1  // text ends at x
)

// Text is the T operation: Text set on the baseline at Pos.Y, aligned to
// Pos.X by Align. Width is Graphviz's estimate of the text width.
type Text struct {
	Pos   Point
	Align Align
	Width float64
	Text  string
}

// FontFlags are the font characteristics set by the t operation.
type FontFlags uint32

// Font characteristics, with their xdot bit values.
const (
	Bold FontFlags = 1 << iota
	Italic
	Underline
	Superscript
	Subscript
	StrikeThrough
	Overline
)

// FontChars is the t operation: it sets the font characteristics used by
// the following text operations.
type FontChars struct {
	Flags FontFlags
}

// Font is the F operation: it sets the font size (points) and name, such
// as "Helvetica-Bold", used by the following text operations.
type Font struct {
	Size float64
	Name string
}

// PenColor is the c operation: it sets the colour of strokes and text.
// Spec is the colour as written; Color is its value (the first colour of
// a gradient).
type PenColor struct {
	Spec  string
	Color color.NRGBA
}

// FillColor is the C operation: it sets the colour that fills shapes.
// Spec is the colour as written; Color is its value (the first colour of
// a gradient).
type FillColor struct {
	Spec  string
	Color color.NRGBA
}

// Style is the S operation, such as "dashed", "bold" or
// "setlinewidth(2)". Unknown styles are kept and ignored when painting.
type Style struct {
	Spec string
}

// Image is the I operation: an external image file in Rect. It is parsed
// but not painted.
type Image struct {
	Rect Rect
	Name string
}

// Code implements [Op].
func (o Ellipse) Code() byte { return pick(o.Filled, 'E', 'e') }

// Code implements [Op].
func (o Polygon) Code() byte { return pick(o.Filled, 'P', 'p') }

// Code implements [Op].
func (Polyline) Code() byte { return 'L' }

// Code implements [Op].
func (o Bezier) Code() byte { return pick(o.Filled, 'b', 'B') }

// Code implements [Op].
func (Text) Code() byte { return 'T' }

// Code implements [Op].
func (FontChars) Code() byte { return 't' }

// Code implements [Op].
func (Font) Code() byte { return 'F' }

// Code implements [Op].
func (PenColor) Code() byte { return 'c' }

// Code implements [Op].
func (FillColor) Code() byte { return 'C' }

// Code implements [Op].
func (Style) Code() byte { return 'S' }

// Code implements [Op].
func (Image) Code() byte { return 'I' }

func pick(c bool, a, b byte) byte {
	if c {
		return a
	}
	return b
}

// OpError reports a malformed operation list.
type OpError struct {
	Offset int    // byte offset of the offending field in the input
	Op     byte   // operation letter being read, 0 if none yet
	Msg    string // what is wrong
}

func (e *OpError) Error() string { return "xdot: " + e.detail() }

func (e *OpError) detail() string {
	if e.Op == 0 {
		return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg)
	}
	return fmt.Sprintf("offset %d: op %q: %s", e.Offset, e.Op, e.Msg)
}

// attrError places an OpError in an xdot file, without repeating the
// package prefix.
type attrError struct {
	where string
	err   *OpError
}

func (e *attrError) Error() string { return "xdot: " + e.where + ": " + e.err.detail() }

func (e *attrError) Unwrap() error { return e.err }

// ParseOps parses one xdot drawing attribute value, such as the text of a
// node's _draw_ attribute, into its operations. Colours are resolved with
// [ParseColor]. Malformed input gives an [*OpError] naming the byte offset.
func ParseOps(s string) ([]Op, error) {
	p := opParser{s: s}
	var ops []Op
	for {
		p.space()
		if p.i >= len(p.s) {
			return ops, nil
		}
		p.start = p.i
		p.op = p.s[p.i]
		p.i++
		if p.i < len(p.s) && !isSpace(p.s[p.i]) {
			return nil, p.unknown()
		}
		op, err := p.parseOp()
		if err != nil {
			return nil, err
		}
		ops = append(ops, op)
	}
}

type opParser struct {
	s     string
	i     int  // read position
	start int  // start of current op
	op    byte // current op letter
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (p *opParser) space() {
	for p.i < len(p.s) && isSpace(p.s[p.i]) {
		p.i++
	}
}

func (p *opParser) word(from int) string {
	j := from
	for j < len(p.s) && !isSpace(p.s[j]) {
		j++
	}
	return p.s[from:j]
}

func (p *opParser) errf(format string, args ...any) error {
	return &OpError{Offset: p.i, Op: p.op, Msg: fmt.Sprintf(format, args...)}
}

func (p *opParser) parseOp() (Op, error) {
	switch p.op {
	case 'E', 'e':
		v, err := p.floats(4)
		if err != nil {
			return nil, err
		}
		if v[2] < 0 || v[3] < 0 {
			return nil, p.errf("negative radius")
		}
		return Ellipse{Center: Point{v[0], v[1]}, RX: v[2], RY: v[3], Filled: p.op == 'E'}, nil
	case 'P', 'p':
		pts, err := p.points(1)
		if err != nil {
			return nil, err
		}
		return Polygon{Points: pts, Filled: p.op == 'P'}, nil
	case 'L':
		pts, err := p.points(1)
		if err != nil {
			return nil, err
		}
		return Polyline{Points: pts}, nil
	case 'B', 'b':
		pts, err := p.points(1)
		if err != nil {
			return nil, err
		}
		if (len(pts)-1)%3 != 0 {
			return nil, p.errf("bezier needs 1+3k points, got %d", len(pts))
		}
		return Bezier{Points: pts, Filled: p.op == 'b'}, nil
	case 'T':
		v, err := p.floats(4)
		if err != nil {
			return nil, err
		}
		if v[2] != -1 && v[2] != 0 && v[2] != 1 {
			return nil, p.errf("text alignment %v is not -1, 0 or 1", v[2])
		}
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return Text{Pos: Point{v[0], v[1]}, Align: Align(v[2]), Width: v[3], Text: s}, nil
	case 't':
		n, err := p.int()
		if err != nil {
			return nil, err
		}
		return FontChars{Flags: FontFlags(n)}, nil
	case 'F':
		v, err := p.floats(1)
		if err != nil {
			return nil, err
		}
		if v[0] < 0 {
			return nil, p.errf("negative font size")
		}
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return Font{Size: v[0], Name: s}, nil
	case 'c', 'C':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		c, err := ParseColor(s)
		if err != nil {
			return nil, p.errf("%v", err)
		}
		if p.op == 'c' {
			return PenColor{Spec: s, Color: c}, nil
		}
		return FillColor{Spec: s, Color: c}, nil
	case 'S':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return Style{Spec: s}, nil
	case 'I':
		v, err := p.floats(4)
		if err != nil {
			return nil, err
		}
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return Image{Rect: Rect{Point{v[0], v[1]}, Point{v[0] + v[2], v[1] + v[3]}}, Name: s}, nil
	}
	return nil, p.unknown()
}

func (p *opParser) unknown() error {
	p.op = 0
	p.i = p.start
	return p.errf("unknown operation %q", p.word(p.start))
}

// field returns the next whitespace-delimited field.
func (p *opParser) field(what string) (string, error) {
	p.space()
	if p.i >= len(p.s) {
		return "", p.errf("missing %s", what)
	}
	j := p.i
	for p.i < len(p.s) && !isSpace(p.s[p.i]) {
		p.i++
	}
	return p.s[j:p.i], nil
}

func (p *opParser) float() (float64, error) {
	f, err := p.field("number")
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseFloat(f, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		p.i -= len(f)
		return 0, p.errf("%q is not a number", f)
	}
	return v, nil
}

func (p *opParser) floats(n int) ([]float64, error) {
	v := make([]float64, n)
	for k := range v {
		f, err := p.float()
		if err != nil {
			return nil, err
		}
		v[k] = f
	}
	return v, nil
}

func (p *opParser) int() (int, error) {
	f, err := p.field("count")
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(f)
	if err != nil || n < 0 {
		p.i -= len(f)
		return 0, p.errf("%q is not a count", f)
	}
	return n, nil
}

func (p *opParser) points(min int) ([]Point, error) {
	n, err := p.int()
	if err != nil {
		return nil, err
	}
	if n < min {
		return nil, p.errf("%d points, need at least %d", n, min)
	}
	// Each point takes at least 4 bytes ("0 0 "): refuse counts the input
	// cannot hold before allocating.
	if n > (len(p.s)-p.i+1)/4 {
		return nil, p.errf("%d points announced, input too short", n)
	}
	pts := make([]Point, n)
	for k := range pts {
		x, err := p.float()
		if err != nil {
			return nil, err
		}
		y, err := p.float()
		if err != nil {
			return nil, err
		}
		pts[k] = Point{x, y}
	}
	return pts, nil
}

// str reads an xdot string: a byte count n, a space, '-' and n bytes.
func (p *opParser) str() (string, error) {
	n, err := p.int()
	if err != nil {
		return "", err
	}
	p.space()
	if p.i >= len(p.s) || p.s[p.i] != '-' {
		return "", p.errf("string must start with '-'")
	}
	p.i++
	if n > len(p.s)-p.i {
		return "", p.errf("string of %d bytes announced, %d left", n, len(p.s)-p.i)
	}
	s := p.s[p.i : p.i+n]
	p.i += n
	if p.i < len(p.s) && !isSpace(p.s[p.i]) {
		return "", p.errf("string of %d bytes is followed by %q, not a space", n, p.s[p.i])
	}
	return s, nil
}
