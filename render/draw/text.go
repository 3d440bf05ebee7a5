package draw

import "strings"

// Font is the face of a run of text. Every view sets text in one sans
// family (see FontFamily); Size is in points.
type Font struct {
	Size   float64
	Bold   bool
	Italic bool
}

// Span is a run of text in one font and colour (#RRGGBB; "" for the
// drawing's ink).
type Span struct {
	Text  string // plain text, escaped by the writers
	Font  Font
	Color string
}

// Width is the span's measured width in points (TextWidth, without
// Slack).
func (s Span) Width() float64 { return TextWidth(s.Text, s.Font.Size, s.Font.Bold) }

// Anchor is how a line of text sits on its position: by its start, its
// middle or its end.
type Anchor int

// The anchors.
const (
	Middle Anchor = iota
	Start
	End
)

// TextLine is one line of text: spans side by side, anchored as Anchor
// says inside its label.
type TextLine struct {
	Spans  []Span
	Anchor Anchor
}

// Width is the line's measured width in points, without Slack.
func (l TextLine) Width() float64 {
	var w float64
	for _, s := range l.Spans {
		w += s.Width()
	}
	return w
}

// Height is the line's height: LineSpacing times its largest font.
func (l TextLine) Height() float64 {
	var h float64
	for _, s := range l.Spans {
		h = max(h, s.Font.Size*LineSpacing)
	}
	return h
}

// MinSize is the smallest font size on the line (0 for an empty line).
func (l TextLine) MinSize() float64 {
	m := 0.0
	for _, s := range l.Spans {
		if strings.TrimSpace(s.Text) != "" && (m == 0 || s.Font.Size < m) { // a space (Space) is no text to read
			m = s.Font.Size
		}
	}
	return m
}

// Label is the text of a box: lines stacked from the top, the block
// centred in the box (Graphviz's rule, which the DOT writer relies on),
// each line anchored by its own Anchor inside the block; with Left, the
// block is set flush against the box's left padding instead.
type Label struct {
	Lines []TextLine
	// Left sets the block flush left inside the box, Pad points from its
	// left edge, every line anchored at Start.
	Left bool
	Pad  float64
	// BaseSize and BaseColor, when BaseSize is set, are the size and
	// colour the box gives its text (BaseColor "" is the drawing's ink):
	// the DOT writer writes the spans in them without a font of their
	// own, which Graphviz reads much faster. The picture is the same.
	BaseSize  float64
	BaseColor string
}

// Add appends one line per wrapped piece of text (Wrap at maxW points),
// every piece in font f and colour color.
func (b *Label) Add(text string, maxW float64, f Font, color string) {
	anchor := Middle
	if b.Left {
		anchor = Start
	}
	for _, l := range Wrap(text, maxW, f.Size, f.Bold) {
		b.Lines = append(b.Lines, TextLine{Spans: []Span{{Text: l, Font: f, Color: color}}, Anchor: anchor})
	}
}

// AddLine appends one line made of spans, unwrapped.
func (b *Label) AddLine(spans ...Span) {
	anchor := Middle
	if b.Left {
		anchor = Start
	}
	b.Lines = append(b.Lines, TextLine{Spans: spans, Anchor: anchor})
}

// Space appends an empty line of font size size: room under a line of
// larger type, whose descent Graphviz does not count when it sets the
// next, smaller line under it (a 17 pt title and a 9 pt line under it
// touch).
func (b *Label) Space(size float64) {
	b.AddLine(Span{Text: " ", Font: Font{Size: size}})
}

// Size is the size the block takes: its widest line widened by Slack
// (renderers' fonts differ slightly from the metrics) and the lines'
// heights.
func (b *Label) Size() (w, h float64) {
	for _, l := range b.Lines {
		w = max(w, l.Width())
		h += l.Height()
	}
	return w * Slack, h
}

// PlacedLine is a line of a label with its position: the baseline's
// anchor point and its measured extent, in drawing coordinates.
type PlacedLine struct {
	TextLine
	At  Pt   // the anchor point on the baseline
	Box Rect // the line's box: measured width (with Slack) × height
}

// Place positions the label's lines inside box r as the writers draw
// them: the block centred vertically, lines stacked at LineSpacing, the
// baseline 0.8 of a line below its top (Helvetica's ascent and half the
// leading).
func (b *Label) Place(r Rect) []PlacedLine {
	bw, bh := b.Size()
	top := r.Y + bh/2
	left := r.X - bw/2
	if b.Left {
		left = r.X - r.W/2 + b.Pad
	}
	out := make([]PlacedLine, 0, len(b.Lines))
	for _, l := range b.Lines {
		h := l.Height()
		w := l.Width() * Slack
		var x, cx float64
		switch {
		case b.Left || l.Anchor == Start:
			x, cx = left, left+w/2
		case l.Anchor == End:
			x, cx = left+bw, left+bw-w/2
		default:
			x, cx = r.X, r.X
		}
		out = append(out, PlacedLine{TextLine: l, At: Pt{x, top - 0.8*h}, Box: Rect{cx, top - h/2, w, h}})
		top -= h
	}
	return out
}

// MinSize is the smallest font size in the label (0 when it has no text).
func (b *Label) MinSize() float64 {
	m := 0.0
	for _, l := range b.Lines {
		if s := l.MinSize(); s > 0 && (m == 0 || s < m) {
			m = s
		}
	}
	return m
}

// Texts calls f with the text of every span.
func (b *Label) Texts(f func(string)) {
	for _, l := range b.Lines {
		for _, s := range l.Spans {
			f(s.Text)
		}
	}
}
