package report

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Chart colours: a restrained palette that stays legible in grey.
var (
	inkColor      = color.RGBA{R: 0x22, G: 0x2b, B: 0x36, A: 0xff}
	mutedColor    = color.RGBA{R: 0x6b, G: 0x75, B: 0x80, A: 0xff}
	criticalColor = color.RGBA{R: 0xb0, G: 0x2a, B: 0x1e, A: 0xff}
	goodColor     = color.RGBA{R: 0x2e, G: 0x7d, B: 0x6b, A: 0xff}
	accentColor   = color.RGBA{R: 0x1f, G: 0x4e, B: 0x79, A: 0xff}
	hotZoneColor  = color.RGBA{R: 0xfb, G: 0xe9, B: 0xe6, A: 0xff}
)

// chartFont is the face of every chart word: Liberation Sans, which
// gonum/plot ships and measures; the page asks the browser for it or a
// metric-compatible face (Arial, Helvetica).
func chartFont(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return f
}

// newPlot returns a plot with the report's typography.
func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = chartFont(11, true)
	p.Title.TextStyle.Color = inkColor
	p.Title.Padding = 8
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = chartFont(9.5, false)
		ax.Label.TextStyle.Color = mutedColor
		ax.Tick.Label.Font = chartFont(9, false)
		ax.Tick.Label.Color = mutedColor
		ax.Color = mutedColor
		ax.Tick.Color = mutedColor
		ax.Padding = 0
	}
	p.Legend.TextStyle.Font = chartFont(8.5, false)
	p.Legend.TextStyle.Color = inkColor
	return p
}

// intTicks marks the whole numbers lo..hi, at most about max labels.
func intTicks(lo, hi, max int) plot.ConstantTicks {
	step := 1
	for (hi-lo)/step+1 > max {
		step++
	}
	var ts plot.ConstantTicks
	for i := lo; i <= hi; i++ {
		t := plot.Tick{Value: float64(i)}
		if (i-lo)%step == 0 {
			t.Label = strings.Replace(strconv.Itoa(i), "-", "−", 1)
		}
		ts = append(ts, t)
	}
	return ts
}

// drawSVG draws the plot on an SVG canvas of the given size. Fonts are
// referenced by name, not embedded, so the output stays small and the
// same for the same plot.
func drawSVG(p *plot.Plot, w, h vg.Length) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing chart: %v", r)
		}
	}()
	c := vgsvg.New(w, h)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("writing chart: %w", err)
	}
	return buf.Bytes(), nil
}

// textStyle is a plain text style for labels drawn by the chart plotters.
func textStyle(size vg.Length, bold bool, c color.Color, xa text.XAlignment, ya text.YAlignment) text.Style {
	return text.Style{Color: c, Font: chartFont(size, bold), XAlign: xa, YAlign: ya, Handler: plot.DefaultTextHandler}
}

// ---- importance-performance matrix ----

// ipaPlotter draws the importance-performance matrix: performance across,
// importance up, the quadrant lines at the split (the midpoint or the
// cycle's means), the quadrant names in
// the corners and each scored moment as a numbered point. Moments with the
// same scores share one point, labelled with all their numbers.
type ipaPlotter struct {
	v *view
}

type ipaPoint struct {
	imp, perf cycle.Decimal
	numbers   []int
	critical  bool
}

func (ip ipaPlotter) points() []ipaPoint {
	idx := map[[2]cycle.Decimal]int{}
	var pts []ipaPoint
	for _, m := range ip.v.Moments {
		if m.Importance.IsZero() || m.Performance.IsZero() {
			continue
		}
		k := [2]cycle.Decimal{m.Importance, m.Performance}
		i, ok := idx[k]
		if !ok {
			i = len(pts)
			idx[k] = i
			pts = append(pts, ipaPoint{imp: m.Importance, perf: m.Performance})
		}
		pts[i].numbers = append(pts[i].numbers, m.Number)
		pts[i].critical = pts[i].critical || m.Critical
	}
	return pts
}

func (ip ipaPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	s := float64(ip.v.Scale)
	lo, hi := 0.5, s+0.5
	// The dividers sit at the split: the midpoint, or the cycle's means.
	mi, mp := ip.v.Split.Importance, ip.v.Split.Performance
	// The concentrate-here quadrant: high importance, low performance.
	c.FillPolygon(hotZoneColor, []vg.Point{
		{X: tx(lo), Y: ty(mi)}, {X: tx(mp), Y: ty(mi)},
		{X: tx(mp), Y: ty(hi)}, {X: tx(lo), Y: ty(hi)},
	})
	line := draw.LineStyle{Color: mutedColor, Width: 0.8, Dashes: []vg.Length{4, 3}}
	c.StrokeLine2(line, tx(mp), ty(lo), tx(mp), ty(hi))
	c.StrokeLine2(line, tx(lo), ty(mi), tx(hi), ty(mi))

	lang := ip.v.Lang
	pad := vg.Length(5)
	corner := func(q string, x, y vg.Length, xa text.XAlignment, ya text.YAlignment, col color.Color) {
		c.FillText(textStyle(9, true, col, xa, ya), vg.Point{X: x, Y: y}, word(lang, q))
	}
	corner("concentrate-here", tx(lo)+pad, ty(hi)-pad, draw.XLeft, draw.YTop, criticalColor)
	corner("keep-up", tx(hi)-pad, ty(hi)-pad, draw.XRight, draw.YTop, goodColor)
	corner("low-priority", tx(lo)+pad, ty(lo)+pad, draw.XLeft, draw.YBottom, mutedColor)
	corner("possible-overkill", tx(hi)-pad, ty(lo)+pad, draw.XRight, draw.YBottom, mutedColor)

	for _, pt := range ip.points() {
		at := vg.Point{X: tx(pt.perf.Float64()), Y: ty(pt.imp.Float64())}
		g := draw.GlyphStyle{Color: accentColor, Radius: 4, Shape: draw.CircleGlyph{}}
		if pt.critical {
			g = draw.GlyphStyle{Color: criticalColor, Radius: 5, Shape: draw.BoxGlyph{}}
		}
		c.DrawGlyph(g, at)
		labels := make([]string, len(pt.numbers))
		for i, n := range pt.numbers {
			labels[i] = strconv.Itoa(n)
		}
		// Labels sit to the right of the point, or to its left in the
		// rightmost column, so they stay inside the plot.
		xa, dx := draw.XLeft, vg.Length(7)
		if pt.perf.Float64() > float64(ip.v.Scale)-0.5 {
			xa, dx = draw.XRight, -7
		}
		c.FillText(textStyle(10, true, inkColor, xa, draw.YCenter), vg.Point{X: at.X + dx, Y: at.Y}, strings.Join(labels, ", "))
	}
}

func (ip ipaPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	s := float64(ip.v.Scale)
	return 0.5, s + 0.5, 0.5, s + 0.5
}

// ipaChart draws the importance-performance matrix as SVG.
func ipaChart(v *view) ([]byte, error) {
	p := newPlot("")
	p.X.Label.Text = word(v.Lang, "performance")
	p.Y.Label.Text = word(v.Lang, "importance")
	p.Add(ipaPlotter{v: v})
	s := float64(v.Scale)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0.5, s+0.5, 0.5, s+0.5
	p.X.Tick.Marker = intTicks(1, v.Scale, 10)
	p.Y.Tick.Marker = intTicks(1, v.Scale, 10)
	return drawSVG(p, 4.5*vg.Inch, 4*vg.Inch)
}

// ---- SERVQUAL gaps ----

// gapPlotter draws one horizontal bar per determinant, from zero to its
// average gap: shortfalls (negative) in the critical colour, surpluses in
// the good one, each with its value written at the end of the bar.
type gapPlotter struct {
	dims []dimensionView
	lo   float64
	hi   float64
}

func (gp gapPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	n := len(gp.dims)
	for i, d := range gp.dims {
		y := float64(n - 1 - i)
		half := 0.32
		x0, x1 := tx(0), tx(d.Average)
		col := goodColor
		if d.Average < 0 {
			col = criticalColor
		}
		if x0 != x1 {
			c.FillPolygon(col, []vg.Point{
				{X: x0, Y: ty(y - half)}, {X: x1, Y: ty(y - half)},
				{X: x1, Y: ty(y + half)}, {X: x0, Y: ty(y + half)},
			})
		}
		xa, dx := draw.XLeft, vg.Length(4)
		if d.Average < 0 {
			xa, dx = draw.XRight, -4
		}
		c.FillText(textStyle(8.5, true, inkColor, xa, draw.YCenter), vg.Point{X: x1 + dx, Y: ty(y)}, formatAvg(d.Average))
	}
	c.StrokeLine2(draw.LineStyle{Color: inkColor, Width: 1}, tx(0), ty(-0.5), tx(0), ty(float64(n)-0.5))
}

func (gp gapPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return gp.lo, gp.hi, -0.5, float64(len(gp.dims)) - 0.5
}

// gapChart draws the average SERVQUAL gap per determinant; nil when no
// determinant has a gap.
func gapChart(v *view) ([]byte, error) {
	if len(v.Dimensions) == 0 {
		return nil, nil
	}
	lo, hi := -1.0, 1.0
	for _, d := range v.Dimensions {
		lo = math.Min(lo, math.Floor(d.Average))
		hi = math.Max(hi, math.Ceil(d.Average))
	}
	// Room for the value labels beyond the longest bars.
	lo -= 0.6
	hi += 0.6
	p := newPlot("")
	p.X.Label.Text = word(v.Lang, "axis_gap")
	p.Add(gapPlotter{dims: v.Dimensions, lo: lo, hi: hi})
	p.X.Min, p.X.Max = lo, hi
	p.X.Tick.Marker = intTicks(int(math.Ceil(lo)), int(math.Floor(hi)), 12)
	names := make([]plot.Tick, len(v.Dimensions))
	for i, d := range v.Dimensions {
		names[i] = plot.Tick{Value: float64(len(v.Dimensions) - 1 - i), Label: d.Label}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(names)
	p.Y.Tick.Label.Font = chartFont(9, false)
	p.Y.Tick.Label.Color = inkColor
	p.Y.Min, p.Y.Max = -0.5, float64(len(v.Dimensions))-0.5
	h := vg.Length(0.9)*vg.Inch + vg.Length(len(v.Dimensions))*0.34*vg.Inch
	return drawSVG(p, 7*vg.Inch, h)
}

// ---- performance along the cycle ----

// curvePlotter draws importance (dashed) and performance (solid) by moment
// number, with critical moments marked by a square. A moment without a
// score breaks its line.
type curvePlotter struct {
	v *view
}

func (cp curvePlotter) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	ms := cp.v.Moments
	// The zone at or below the critical performance threshold: up to the
	// band of the threshold's whole score when every performance is whole,
	// else up to the threshold itself, so that no point drawn inside it
	// lies above the threshold.
	if t := cp.v.Thresholds.Performance; t.Cmp(cycle.Whole(1)) >= 0 {
		top := t.Float64()
		if cp.wholePerformance() {
			top += 0.5
		}
		c.FillPolygon(hotZoneColor, []vg.Point{
			{X: tx(0.5), Y: ty(0.5)}, {X: tx(float64(len(ms)) + 0.5), Y: ty(0.5)},
			{X: tx(float64(len(ms)) + 0.5), Y: ty(top)}, {X: tx(0.5), Y: ty(top)},
		})
		label := fmt.Sprintf("%s ≤ %s", strings.ToLower(word(cp.v.Lang, "performance")), t)
		c.FillText(textStyle(8, false, criticalColor, draw.XRight, draw.YBottom),
			vg.Point{X: tx(float64(len(ms))+0.5) - 5, Y: ty(0.5) + 4}, label)
	}
	series := func(score func(*momentView) cycle.Decimal, sty draw.LineStyle) {
		var lines [][]vg.Point
		var cur []vg.Point
		for _, m := range ms {
			s := score(m)
			if s.IsZero() {
				if len(cur) > 0 {
					lines = append(lines, cur)
				}
				cur = nil
				continue
			}
			cur = append(cur, vg.Point{X: tx(float64(m.Number)), Y: ty(s.Float64())})
		}
		if len(cur) > 0 {
			lines = append(lines, cur)
		}
		for _, l := range lines {
			if len(l) > 1 {
				c.StrokeLines(sty, l)
			}
		}
	}
	series(func(m *momentView) cycle.Decimal { return m.Importance }, importanceLine)
	series(func(m *momentView) cycle.Decimal { return m.Performance }, performanceLine)
	for _, m := range ms {
		if !m.Importance.IsZero() {
			c.DrawGlyph(importanceGlyph, vg.Point{X: tx(float64(m.Number)), Y: ty(m.Importance.Float64())})
		}
		if !m.Performance.IsZero() {
			g := performanceGlyph
			if m.Critical {
				g = criticalGlyph
			}
			c.DrawGlyph(g, vg.Point{X: tx(float64(m.Number)), Y: ty(m.Performance.Float64())})
		}
	}
}

// wholePerformance reports whether the threshold and every performance
// score are whole numbers.
func (cp curvePlotter) wholePerformance() bool {
	if !cp.v.Thresholds.Performance.IsWhole() {
		return false
	}
	for _, m := range cp.v.Moments {
		if !m.Performance.IsWhole() {
			return false
		}
	}
	return true
}

func (cp curvePlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0.5, float64(len(cp.v.Moments)) + 0.5, 0.5, float64(cp.v.Scale) + 0.5
}

var (
	importanceLine   = draw.LineStyle{Color: mutedColor, Width: 1.2, Dashes: []vg.Length{5, 3}}
	performanceLine  = draw.LineStyle{Color: accentColor, Width: 2}
	importanceGlyph  = draw.GlyphStyle{Color: mutedColor, Radius: 2.5, Shape: draw.RingGlyph{}}
	performanceGlyph = draw.GlyphStyle{Color: accentColor, Radius: 3.5, Shape: draw.CircleGlyph{}}
	criticalGlyph    = draw.GlyphStyle{Color: criticalColor, Radius: 4.5, Shape: draw.BoxGlyph{}}
)

// curveChart draws performance and importance along the cycle.
func curveChart(v *view) ([]byte, error) {
	p := newPlot("")
	p.X.Label.Text = word(v.Lang, "axis_moment")
	p.Add(curvePlotter{v: v})
	n := len(v.Moments)
	p.X.Min, p.X.Max = 0.5, float64(n)+0.5
	p.Y.Min, p.Y.Max = 0.5, float64(v.Scale)+0.5
	p.X.Tick.Marker = intTicks(1, n, 30)
	p.Y.Tick.Marker = intTicks(1, v.Scale, 10)
	return drawSVG(p, 8.4*vg.Inch, 3.2*vg.Inch)
}

// ---- inlining ----

// inlineSVG prepares an SVG document for inlining in HTML: it drops
// whatever precedes the root element (XML prolog, doctype, comments) and
// gives the root element an id, a class and an accessible label. It
// returns "" when data holds no svg element.
func inlineSVG(data []byte, id, class, label string) string {
	s := string(data)
	i := strings.Index(s, "<svg")
	if i < 0 || (len(s) > i+4 && !isSpace(s[i+4])) {
		return ""
	}
	s = strings.TrimSpace(s[i+4:])
	attrs := fmt.Sprintf(`<svg id="%s" class="%s" role="img" aria-label="%s" `,
		htmlAttr(id), htmlAttr(class), htmlAttr(label))
	return attrs + s
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// htmlAttr escapes an attribute value.
func htmlAttr(s string) string {
	r := strings.NewReplacer(`&`, "&amp;", `<`, "&lt;", `>`, "&gt;", `"`, "&#34;", `'`, "&#39;")
	return r.Replace(s)
}
