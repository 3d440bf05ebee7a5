package draw

import (
	"fmt"
	"math"
	"slices"
)

// Move shifts a box by v.
func (b *Box) Move(v Pt) { b.Rect.X += v.X; b.Rect.Y += v.Y }

// Move shifts a route by v.
func (r *Route) Move(v Pt) {
	for i := range r.Path {
		r.Path[i] = r.Path[i].Add(v)
	}
	r.Tip = r.Tip.Add(v)
	for i := range r.Legs {
		l := &r.Legs[i]
		for j := range l.Path {
			l.Path[j] = l.Path[j].Add(v)
		}
		l.Tip = l.Tip.Add(v)
	}
}

// Move shifts a marker by v.
func (m *Marker) Move(v Pt) { m.At = m.At.Add(v) }

// Move shifts item it by v.
func Move(it Item, v Pt) {
	switch x := it.(type) {
	case *Box:
		x.Move(v)
	case *Route:
		x.Move(v)
	case *Marker:
		x.Move(v)
	}
}

// LegendStyle sets the look of a legend.
type LegendStyle struct {
	Pad     float64 // inside the frame
	RowH    float64 // height of a row
	SampleW float64 // width of the sample column
	Gap     float64 // between a sample and its text
	TextW   float64 // the width rows wrap at; 0 for no wrapping
	// Columns sets the rows side by side in this many columns, filled
	// top to bottom then left to right (0 or 1 for one column): a wide,
	// short legend for a wide, short room.
	Columns int
	Title   Font
	Text    Font
	Ink     string // text colour
	Frame   string // frame colour
}

// DefaultLegend is the legend style of the clock face at full size.
var DefaultLegend = LegendStyle{
	Pad: 12, RowH: 24, SampleW: 56, Gap: 10,
	Title: Font{Size: 11, Bold: true}, Text: Font{Size: 9},
}

// Scaled returns the style with every length and font size times k.
func (s LegendStyle) Scaled(k float64) LegendStyle {
	s.Pad *= k
	s.RowH *= k
	s.SampleW *= k
	s.Gap *= k
	s.Title.Size *= k
	s.Text.Size *= k
	return s
}

// NewLegend starts a legend with its title; rows come from AddRow and
// positions from Place.
func NewLegend(title string, st LegendStyle) *Legend {
	l := &Legend{
		Frame: &Box{Meta: Meta{ID: "legend", Class: "legend"}, Shape: Rounded, Stroke: Stroke{Color: st.Frame}},
		Title: &Box{Meta: Meta{Class: "legend"}, Shape: Plain},
		style: st,
	}
	l.Title.Label.AddLine(Span{Text: title, Font: st.Title, Color: st.Ink})
	return l
}

// AddRow adds a row: samples drawn about the origin (the centre of the
// sample column), and text. kind is the view's typed name of the mark.
func (l *Legend) AddRow(kind, text string, sample ...Item) {
	t := &Box{Meta: Meta{Class: "legend legend-" + kind}, Shape: Plain}
	t.Label = l.rowLabel(text)
	for _, s := range sample {
		s.meta().Class = "legend legend-" + kind
	}
	l.Rows = append(l.Rows, LegendRow{Kind: kind, Sample: sample, Text: t, words: text})
}

// rowLabel is a row's text, wrapped at the style's width.
func (l *Legend) rowLabel(text string) Label {
	lb := Label{Left: true}
	if l.style.TextW > 0 {
		lb.Add(text, l.style.TextW, l.style.Text, l.style.Ink)
	} else {
		lb.AddLine(Span{Text: text, Font: l.style.Text, Color: l.style.Ink})
	}
	return lb
}

// Reword replaces the text of the rows of the given kind, even once the
// legend is placed (each row's text keeps its left edge and its middle),
// when the new text takes no more lines than the old and no more width
// than its column's text (the legend keeps its size); it reports whether
// it did.
func (l *Legend) Reword(kind, text string) bool { return l.RewordScaled(kind, text, 1) }

// RewordScaled is Reword for a legend that Drawing.Scale has scaled by k
// since it was made: the new text is set as the rows were, then scaled
// alike.
func (l *Legend) RewordScaled(kind, text string, k float64) bool {
	lb := l.rowLabel(text)
	if k != 1 {
		scaleLabel(&lb, k) // else the rows' sizes as they are, whole or not
	}
	w, h := lb.Size()
	cols, _ := l.columns()
	var found []LegendRow
	for _, rows := range cols {
		for _, r := range rows {
			if r.Kind != kind {
				continue
			}
			if _, oh := r.Text.Label.Size(); h > oh+1e-9 || w > l.textW(rows)+1e-9 {
				return false
			}
			found = append(found, r)
		}
	}
	for i := range l.Rows {
		if l.Rows[i].Kind == kind && k == 1 {
			l.Rows[i].words = text
		}
	}
	for _, r := range found {
		left := r.Text.Rect.X - r.Text.Rect.W/2
		r.Text.Label = lb
		r.Text.Rect = Rect{left + w/2, r.Text.Rect.Y, w, h}
	}
	return len(found) > 0
}

// SetColumns sets the rows side by side in n columns
// (LegendStyle.Columns), before the legend is placed.
func (l *Legend) SetColumns(n int) { l.style.Columns = n }

// TextWidth is the width the rows' text wraps at (LegendStyle.TextW).
func (l *Legend) TextWidth() float64 { return l.style.TextW }

// SetTextWidth wraps every row's text again at w points (0 for none:
// LegendStyle.TextW), before the legend is placed: a narrower, taller
// legend for a narrow, tall room.
func (l *Legend) SetTextWidth(w float64) {
	l.style.TextW = w
	for _, r := range l.Rows {
		r.Text.Label = l.rowLabel(r.words)
	}
}

// Size is the legend's size once its rows are added.
func (l *Legend) Size() (w, h float64) {
	st := l.style
	tw, th := l.Title.Label.Size()
	cols, hs := l.columns()
	rowsW := 0.0
	for c, rows := range cols {
		if c > 0 {
			rowsW += 2 * st.Pad
		}
		rowsW += st.SampleW + st.Gap + l.textW(rows)
	}
	w = 2*st.Pad + max(rowsW, st.SampleW+st.Gap+tw)
	h = 2*st.Pad + th + 6
	if len(hs) > 0 {
		h += slices.Max(hs)
	}
	return w, h
}

// columns splits the rows into the style's columns, each as high as
// they come, and gives each column's height.
func (l *Legend) columns() (cols [][]LegendRow, hs []float64) {
	n := max(l.style.Columns, 1)
	per := (len(l.Rows) + n - 1) / n
	for i := 0; i < len(l.Rows); i += max(per, 1) {
		rows := l.Rows[i:min(i+per, len(l.Rows))]
		h := 0.0
		for _, r := range rows {
			h += l.rowH(r)
		}
		cols, hs = append(cols, rows), append(hs, h)
	}
	return cols, hs
}

// textW is the width of the widest text of rows.
func (l *Legend) textW(rows []LegendRow) float64 {
	w := 0.0
	for _, r := range rows {
		tw, _ := r.Text.Label.Size()
		w = max(w, tw)
	}
	return w
}

// rowH is the height of a row: RowH, or more for text on several lines.
func (l *Legend) rowH(r LegendRow) float64 {
	_, th := r.Text.Label.Size()
	return max(l.style.RowH, th+l.style.RowH-l.style.Text.Size*LineSpacing)
}

// Place puts the legend with its top edge centred at (x, top): every
// sample moves from the origin to its row.
func (l *Legend) Place(x, top float64) {
	st := l.style
	w, h := l.Size()
	l.Frame.Rect = Rect{x, top - h/2, w, h}
	left := x - w/2 + st.Pad
	tw, th := l.Title.Label.Size()
	l.Title.Rect = Rect{left + tw/2, top - st.Pad - th/2, tw, th}
	cols, _ := l.columns()
	for _, rows := range cols {
		y := top - st.Pad - th - 6
		for _, r := range rows {
			h := l.rowH(r)
			y -= h / 2
			for _, s := range r.Sample {
				Move(s, Pt{left + st.SampleW/2, y})
			}
			tw, th := r.Text.Label.Size()
			r.Text.Rect = Rect{left + st.SampleW + st.Gap + tw/2, y, tw, th}
			y -= h / 2
		}
		left += st.SampleW + st.Gap + l.textW(rows) + 2*st.Pad
	}
}

// PanelStyle sets the look of a notes panel.
type PanelStyle struct {
	Head     Font
	KeyW     float64 // the column of key discs
	RowGap   float64 // between rows
	Pad      float64 // inside a row's box
	Fill     string
	Stroke   Stroke
	HeadInk  string
	ClassRow string // SVG class of a row
}

// StackPanel places the panel's heading with its top-left corner at
// (left, top) and its rows below it, all as wide as the widest, until a
// row would go below bottom (use math.Inf(-1) for no limit). It returns
// the rows that did not fit, as a panel of their own headed like p (nil
// when all fit), and keeps the others in p.
func StackPanel(p *Panel, left, top, bottom float64, st PanelStyle) (rest *Panel) {
	return FlowPanel(p, left, top, math.Inf(-1), bottom, 0, st)
}

// FlowPanel places the panel as StackPanel does, but when a row would go
// below bottom it starts a new column gap to the right, the columns as
// wide as the widest row, for as long as a column ends left of right. It
// returns the rows that did not fit (nil when all fit), as a panel of
// their own headed like p, and keeps the others in p. The first row of a
// column always goes in it, however tall, so that a page of a panel
// continued over pages always holds a row.
func FlowPanel(p *Panel, left, top, right, bottom, gap float64, st PanelStyle) (rest *Panel) {
	hw, hh := p.Head.Label.Size()
	p.Head.Rect = Rect{left + hw/2, top - hh/2, hw, hh}
	y0 := top - hh - st.RowGap
	rowW := 0.0
	for _, r := range p.Rows {
		w, _ := r.Body.Label.Size()
		rowW = max(rowW, w+2*st.Pad)
	}
	x, y := left, y0
	for i, r := range p.Rows {
		_, h := r.Body.Label.Size()
		h += 12
		if y-h < bottom && y < y0 {
			x, y = x+st.KeyW+rowW+gap, y0
			if x+st.KeyW+rowW > right {
				rest = &Panel{Head: p.Head, Rows: p.Rows[i:]}
				p.Rows = p.Rows[:i:i]
				return rest
			}
		}
		r.Body.Rect = Rect{x + st.KeyW + rowW/2, y - h/2, rowW, h}
		r.Body.Label.Left, r.Body.Label.Pad = true, st.Pad
		if r.Key != nil {
			r.Key.At = Pt{x + st.KeyW - 5 - r.Key.Size/2, y - 11}
		}
		y -= h + st.RowGap
	}
	return nil
}

// SplitRows returns rows with every row whose box would be taller than
// maxH (its text and the 12 points StackPanel adds) cut into rows that
// are not, at line breaks, so that a note longer than a page goes on over
// pages instead of running off one. The first piece keeps the row's key;
// the others have none, and their boxes' ids end in "-2", "-3", ….
// A single line taller than maxH stays whole.
func SplitRows(rows []PanelRow, maxH float64) []PanelRow {
	var out []PanelRow
	for _, r := range rows {
		if _, h := r.Body.Label.Size(); h+12 <= maxH || len(r.Body.Label.Lines) < 2 {
			out = append(out, r)
			continue
		}
		lines := r.Body.Label.Lines
		for n := 1; len(lines) > 0; n++ {
			h, cut := 12.0, 0
			for cut < len(lines) && (cut == 0 || h+lines[cut].Height() <= maxH) {
				h += lines[cut].Height()
				cut++
			}
			body := *r.Body
			body.Label.Lines = slices.Clone(lines[:cut])
			piece := PanelRow{Ref: r.Ref, Body: &body}
			if n == 1 {
				piece.Key = r.Key
			} else {
				body.ID = fmt.Sprintf("%s-%d", r.Body.ID, n)
				if body.Name != "" {
					body.Name = fmt.Sprintf("%s-%d", r.Body.Name, n)
				}
			}
			out = append(out, piece)
			lines = lines[cut:]
		}
	}
	return out
}

// PanelHeight is the height StackPanel gives the panel.
func PanelHeight(p *Panel, st PanelStyle) float64 {
	_, h := p.Head.Label.Size()
	h += st.RowGap
	for _, r := range p.Rows {
		_, bh := r.Body.Label.Size()
		h += bh + 12 + st.RowGap
	}
	return h
}

// PanelWidth is the width StackPanel gives the panel.
func PanelWidth(p *Panel, st PanelStyle) float64 {
	w, _ := p.Head.Label.Size()
	for _, r := range p.Rows {
		bw, _ := r.Body.Label.Size()
		w = max(w, st.KeyW+bw+2*st.Pad)
	}
	return w
}

// DiscSize is the diameter of a disc showing text at size points, bold.
func DiscSize(text string, size float64) float64 {
	return math.Max(2.2*size, TextWidth(text, size, true)*Slack+0.6*size)
}

// Scale multiplies every position, size, font size (rounded down to whole
// points) and stroke width of
// the drawing by k about the origin, then moves it by v: a view lays out
// at its design size and fits the result to a page. The page is not
// changed; the panels of Continued are scaled alike.
func (d *Drawing) Scale(k float64, v Pt) {
	f := func(it Item) { scaleItem(it, k, v, wholeSize) }
	d.Each(f)
	for _, p := range d.Continued {
		p.each(f)
	}
}

// Grow multiplies every position, size, font size and stroke width of the
// items by k about the origin, as Scale does but with font sizes not
// rounded: a view's parts set larger at the design stage (the drawing is
// scaled, and its type rounded, once laid out).
func Grow(items []Item, k float64) {
	for _, it := range items {
		scaleItem(it, k, Pt{}, func(s float64) float64 { return s })
	}
}

func scaleLabel(l *Label, k float64) { scaleLabelTo(l, k, wholeSize) }

// scaleLabelTo scales l by k, each font size then set by size (wholeSize
// rounds it down to whole points).
func scaleLabelTo(l *Label, k float64, size func(float64) float64) {
	l.Pad *= k
	if l.BaseSize > 0 {
		l.BaseSize = size(l.BaseSize * k) // as its spans'
	}
	for i := range l.Lines {
		spans := make([]Span, len(l.Lines[i].Spans))
		for j, s := range l.Lines[i].Spans {
			s.Font.Size = size(s.Font.Size * k)
			spans[j] = s
		}
		l.Lines[i].Spans = spans
	}
}

func scaleItem(it Item, k float64, v Pt, size func(float64) float64) {
	p := func(q Pt) Pt { return q.Mul(k).Add(v) }
	switch x := it.(type) {
	case *Box:
		c := p(x.Rect.Centre())
		x.Rect = Rect{c.X, c.Y, x.Rect.W * k, x.Rect.H * k}
		x.Stroke.Width = cmpWidth(x.Stroke.Width, boxPen) * k
		x.Label.Lines = append([]TextLine(nil), x.Label.Lines...)
		scaleLabelTo(&x.Label, k, size)
	case *Route:
		path := make([]Pt, len(x.Path))
		for i, q := range x.Path {
			path[i] = p(q)
		}
		x.Path, x.Tip = path, p(x.Tip)
		legs := make([]Leg, len(x.Legs))
		for i, l := range x.Legs {
			legs[i] = Leg{Path: make([]Pt, len(l.Path)), Tip: p(l.Tip)}
			for j, q := range l.Path {
				legs[i].Path[j] = p(q)
			}
		}
		x.Legs = legs
		x.Stroke.Width = cmpWidth(x.Stroke.Width, routePen) * k
		x.ArrowScale = cmpWidth(x.ArrowScale, 1) * k
	case *Marker:
		x.At, x.Size, x.Font.Size = p(x.At), x.Size*k, size(x.Font.Size*k)
	}
}

// wholeSize rounds a scaled font size down to whole points, at least 1:
// Graphviz reads the sizes of its HTML-like labels as whole points, and
// rounding down keeps text inside the boxes measured for it.
func wholeSize(s float64) float64 { return max(1, math.Floor(s+0.01)) }

func cmpWidth(w, def float64) float64 {
	if w == 0 {
		return def
	}
	return w
}
