package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/ciclo-dev/ciclo/render/draw"
)

// The performance dots of a moment on the clock face: one dot per point
// of the cycle's scale, each filled in proportion to the score (3.4 of 5
// fills three dots and four tenths of the fourth, from 12 o'clock
// clockwise), drawn as draw.Dot markers over a run of spaces in the
// moment's label, so that the box is sized to them like to any text (see
// docs/rendering.md).

// dotRow is where a moment's dots go in its label: line and span index;
// line is -1 when the moment has no score.
type dotRow struct{ line, span int }

// dotSpacer is the run of spaces the dots of a scale are drawn over, at
// font size size: as wide as a row of "●" glyphs, so that a box is as
// wide as it was when the dots were text.
func dotSpacer(scale int, size float64) draw.Span {
	n := int(math.Round(float64(scale) * textWidth("●", size, false) / textWidth(" ", size, false)))
	return draw.Span{Text: strings.Repeat(" ", n), Font: draw.Font{Size: size}}
}

// dotFills is the filled fraction of each of the scale's dots for a
// score of hundredths/100: 1 for whole points, the remainder for the
// next dot, 0 for the rest.
func dotFills(hundredths int64, scale int) []float64 {
	out := make([]float64, scale)
	for i := range out {
		f := float64(hundredths-int64(i)*100) / 100
		out[i] = min(max(f, 0), 1)
	}
	return out
}

// momentDots is the dots of moment m, placed in its box; nil without a
// score.
func (d *diagram) momentDots(m *mnode, fill string) []draw.Item {
	if m.dots.line < 0 || m.dots.line >= len(m.label.Lines) {
		return nil
	}
	scale := d.a.Cycle.Scale
	placed := m.label.Place(m.box)[m.dots.line]
	spans := placed.Spans
	// the writers centre the measured text in the line's box
	x := placed.Box.X - placed.Width()/2
	if placed.Anchor == draw.Start || m.label.Left {
		x = placed.At.X
	}
	for _, s := range spans[:m.dots.span] {
		x += s.Width()
	}
	row := spans[m.dots.span]
	size := row.Font.Size
	pitch := row.Width() / float64(scale)
	diam := pitch * 0.8
	y := graphvizBaseline(m.label, m.box, m.dots.line) + 0.36*size // the middle of the digits beside them
	out := make([]draw.Item, 0, scale)
	for i, f := range dotFills(m.ma.Performance.Hundredths(), scale) {
		out = append(out, &draw.Marker{
			Meta: draw.Meta{ID: fmt.Sprintf("dot-%s-%d", m.ma.ID, i+1), Class: "performance-dot"},
			Kind: draw.Dot, At: pt{X: x + pitch*(float64(i)+0.5), Y: y}, Size: diam,
			Color: d.th.Ink, Fill: f, Back: fill})
	}
	return out
}

// graphvizBaseline is the baseline of line i of label l centred in box r
// as Graphviz sets it, which is tighter than Label.Place's estimate: each
// line as tall as its largest font size, the block centred in the box,
// the baseline 0.8 of a line below its top (measured on Graphviz's SVG).
func graphvizBaseline(l draw.Label, r rect, i int) float64 {
	size := func(t draw.TextLine) float64 { return t.Height() / draw.LineSpacing }
	var total float64
	for _, t := range l.Lines {
		total += size(t)
	}
	top := r.Y + total/2
	for _, t := range l.Lines[:i] {
		top -= size(t)
	}
	return top - 0.8*size(l.Lines[i])
}
