package draw

import "math"

// Drawing is a diagram with every position decided: what a view makes and
// every writer (DOT for Graphviz, and through it SVG, xdot, PNG and PDF)
// draws without moving anything.
type Drawing struct {
	// Name is the graph's name in DOT (and the SVG's <title>).
	Name string
	// Page is the painted page in drawing coordinates; its size is the
	// paper's (PDF page, SVG width and height, PNG size). See FitPage
	// for a page sized to the content.
	Page Rect
	// Paper names the page: "auto" (sized to the content) or a Paper's
	// name.
	Paper string
	// Background is the page colour, #RRGGBB.
	Background string
	// Ink is the default colour of text without its own.
	Ink string
	// Items are painted in order, except that Graphviz paints every
	// Route before any other item.
	Items []Item
	// Legend and Panel are painted after Items (nil for none).
	Legend *Legend
	Panel  *Panel
	// Continued is the part of the notes panel that did not fit the page,
	// one panel (in columns) for each further page: PDF paints each on a
	// page of its own after this one, SVG and PNG leave them out (the
	// caller tells the user which notes moved). Empty when everything
	// fits.
	Continued []*Panel
	// More are the further pages of a view laid out in rows that do not
	// fit one page, each a drawing of its own on the same paper: PDF
	// paints each on a page after this one; SVG and PNG show this page
	// alone, and MoreNote is the warning that says what they leave out.
	More     []*Drawing
	MoreNote string
	// Warnings say what the view had to give up (a size below a minimum
	// it keeps, notes moved off the page), for the caller to print.
	Warnings []string
}

// Add appends items to the drawing.
func (d *Drawing) Add(items ...Item) { d.Items = append(d.Items, items...) }

// Item is one thing painted: a *Box, a *Route or a *Marker.
type Item interface {
	// Bounds is the area the item paints, in drawing coordinates.
	Bounds() Rect
	meta() *Meta
}

// Meta names an item in the SVG: its group's id and classes, and an
// optional link. IDs must be unique in a drawing.
type Meta struct {
	ID      string // the SVG id; "" for none
	Class   string // space-separated SVG classes
	URL     string // link (already checked with SafeURL); "" for none
	Tooltip string // shown with the link
}

func (m *Meta) meta() *Meta { return m }

// Shape is the outline of a box.
type Shape int

// The shapes. Plain draws no outline: a box that only holds text.
const (
	Plain Shape = iota
	Rectangle
	Rounded // corners rounded with CornerRadius
	Circle  // inscribed in the box
	Note    // a rectangle with its top-right corner folded
)

// CornerRadius is the radius with which the writers round the corners of
// a Rounded box (as large as ciclo's moments; Graphviz's own rule).
const CornerRadius = 12.0

// Dash is the dash pattern of a stroke.
type Dash int

// The dash patterns.
const (
	Solid Dash = iota
	Dashed
	Dotted
)

// Stroke is how an outline or a route is drawn: colour (#RRGGBB; "" for
// no outline), width in points (0 for the writer's default of 1.2 for
// boxes and 1.6 for routes) and dash.
type Stroke struct {
	Color string
	Width float64
	Dash  Dash
}

// Box is a rectangle, rounded rectangle, circle or note with optional
// text inside, or text alone (Plain).
type Box struct {
	Meta
	// Name is the node's name in DOT, which routes join; "" gives one
	// derived from the ID or the box's place in the drawing.
	Name   string
	Rect   Rect
	Shape  Shape
	Fill   string // #RRGGBB; "" for no fill
	Stroke Stroke
	// Double draws a second outline DoubleGap points outside the first.
	Double bool
	Label  Label
}

// DoubleGap is how far outside a double box's rectangle its second
// outline runs (Graphviz's second periphery).
const DoubleGap = 4.0

// Bounds is the box's rectangle, with the second outline of a double
// box.
func (b *Box) Bounds() Rect {
	if b.Double {
		return b.Rect.Grow(DoubleGap)
	}
	return b.Rect
}

// Arrow is the head of a route.
type Arrow int

// The arrowheads.
const (
	NoArrow Arrow = iota
	ArrowNormal
)

// ArrowLen is the length of an arrowhead, in points.
const ArrowLen = 9.0

// Route is a line from a box to another (or between free points): a cubic
// Bézier path (Line, Polyline and Arc build one), with an arrowhead whose
// tip is at Tip when Head is ArrowNormal. The path ends ArrowLen before
// the tip, at the base of the head.
type Route struct {
	Meta
	// From and To are the boxes the route joins (for DOT, which needs
	// nodes at both ends); nil ends get invisible points.
	From, To *Box
	Path     []Pt
	Head     Arrow
	Tip      Pt
	Stroke   Stroke
	// ArrowScale is the arrowhead's size relative to ArrowLen; 0 is 1.
	ArrowScale float64
	// Legs are further paths drawn exactly like Path (same stroke, and
	// the same head at each one's Tip): a row of like arrows as one item,
	// which the DOT writer gives Graphviz as one edge, far cheaper than an
	// edge each.
	Legs []Leg
}

// Leg is one more path of a Route: a cubic Bézier path and, when the
// route has a head, its tip.
type Leg struct {
	Path []Pt
	Tip  Pt
}

// Bounds holds the sampled path and the arrowhead.
func (r *Route) Bounds() Rect {
	var b Rect
	first := true
	grow := func(x Rect) {
		if first {
			b, first = x, false
			return
		}
		b = b.Union(x)
	}
	a := 2 * ArrowLen * cmpWidth(r.ArrowScale, 1)
	for _, l := range r.legs() {
		for _, p := range Samples(l.Path, 16) {
			grow(Rect{p.X, p.Y, 0, 0})
		}
		if r.Head != NoArrow {
			grow(Rect{l.Tip.X, l.Tip.Y, a, a})
		}
	}
	return b
}

// legs is the route's paths: Path with Tip, then Legs.
func (r *Route) legs() []Leg {
	return append([]Leg{{Path: r.Path, Tip: r.Tip}}, r.Legs...)
}

// MarkerKind is the kind of a marker.
type MarkerKind int

// The markers.
const (
	// Disc is a filled disc with a short text (a number) in Ink on it.
	Disc MarkerKind = iota
	// Dot is a small disc filled to Fill (0 to 1) from 12 o'clock
	// clockwise, outlined in Color: a partly filled performance dot.
	Dot
)

// Marker is a disc or a dot centred at At, Size points across.
type Marker struct {
	Meta
	Kind  MarkerKind
	At    Pt
	Size  float64
	Color string
	// Fill is the filled fraction of a Dot, 0 to 1.
	Fill float64
	// Back is the colour of a partly filled Dot's unfilled part, #RRGGBB
	// (the fill of the box it sits on); "" is white.
	Back string
	// Text and Ink are a Disc's text and its colour.
	Text string
	Ink  string
	Font Font
}

// Bounds is the marker's square.
func (m *Marker) Bounds() Rect { return Rect{m.At.X, m.At.Y, m.Size, m.Size} }

// Legend is a framed key to the marks of a drawing: a title and rows,
// each a sample drawn like the marks it explains and a line of text.
// LayoutLegend places it.
type Legend struct {
	Frame *Box
	Title *Box
	Rows  []LegendRow
	style LegendStyle
}

// LegendRow is one entry of a legend. Kind is the view's own typed name
// of the mark (written as the row's SVG class legend-KIND).
type LegendRow struct {
	Kind   string
	Sample []Item
	Text   *Box
	words  string // the text as given, for SetTextWidth to wrap again
}

// Panel is a column of numbered notes: a heading and rows, each a key
// disc and a box of text. StackPanel places it.
type Panel struct {
	Head *Box
	Rows []PanelRow
}

// PanelRow is one entry of a panel: the disc with its number and the
// note. Ref names what it annotates (a moment's id), for the caller's
// messages.
type PanelRow struct {
	Ref  string
	Key  *Marker
	Body *Box
}

// Each calls f with every item of the drawing in painting order: Items,
// the legend's, then the panel's.
func (d *Drawing) Each(f func(Item)) {
	for _, it := range d.Items {
		f(it)
	}
	if l := d.Legend; l != nil {
		for _, it := range []*Box{l.Frame, l.Title} {
			if it != nil {
				f(it)
			}
		}
		for _, r := range l.Rows {
			for _, it := range r.Sample {
				f(it)
			}
			if r.Text != nil {
				f(r.Text)
			}
		}
	}
	d.Panel.each(f)
}

func (p *Panel) each(f func(Item)) {
	if p == nil {
		return
	}
	if p.Head != nil {
		f(p.Head)
	}
	for _, r := range p.Rows {
		if r.Key != nil {
			f(r.Key)
		}
		if r.Body != nil {
			f(r.Body)
		}
	}
}

// Content is the bounding rectangle of everything painted.
func (d *Drawing) Content() Rect {
	var b Rect
	first := true
	d.Each(func(it Item) {
		r := it.Bounds()
		if first {
			b, first = r, false
			return
		}
		b = b.Union(r)
	})
	return b
}

// FitPage sizes the page to the content with margin points around it
// (Paper "auto").
func (d *Drawing) FitPage(margin float64) {
	d.Page = d.Content().Grow(margin)
	d.Paper = "auto"
}

// Texts calls f with every piece of text the drawing shows.
func (d *Drawing) Texts(f func(string)) {
	d.Each(func(it Item) {
		switch x := it.(type) {
		case *Box:
			x.Label.Texts(f)
		case *Marker:
			if x.Text != "" {
				f(x.Text)
			}
		}
	})
}

// MinTextSize is the smallest font size of any text in the drawing, in
// points at the page's physical size.
func (d *Drawing) MinTextSize() float64 {
	m := math.Inf(1)
	d.Each(func(it Item) {
		if b, ok := it.(*Box); ok {
			if s := b.Label.MinSize(); s > 0 {
				m = min(m, s)
			}
		}
	})
	return m
}
