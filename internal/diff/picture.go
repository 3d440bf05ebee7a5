package diff

import (
	"fmt"
	"math"
	"strings"

	"github.com/ciclo-dev/ciclo/render"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// Colours of the marks Decorate adds. Every mark also says what it is in
// words or symbols (NEW, old → new ▲▼, now critical, the removed panel),
// so a greyscale print or a colour-blind reader loses nothing.
const (
	markInk     = "#222B36"
	markMuted   = "#5F6B77"
	markAdded   = "#1B7F5B"
	markTagFill = "#FFFFFF"
	markPanel   = "#F4F6F8"
)

// Font sizes of the marks, in points: as large as the clock face's own
// owner lines, so they read wherever the diagram does.
const (
	tagSize   = 9.0
	panelSize = 9.5
	headSize  = 13.0
)

// Decorate marks the changes of d on dr, the clock face of the new
// version (the drawing render.ViewDrawing returns, page "auto"): new
// moments get a dashed outline and a NEW tag; moments whose scores
// changed, that moved, or became or stopped being critical get a tag
// with the facts (performance 2 → 4 ▲, now critical); removed moments,
// which the new drawing cannot show, are listed in a panel beside it
// with the improvements that went with them; a heading above sums the
// diff up, names the settings that change the analysis when any changed
// (Diff.Settings), and says what the marks mean. The page is then
// refitted to the content (see fitDecorated). Tags sit on the inner side of their moment (below a moment in
// the upper half of the ring, above one in the lower half), where the
// ring leaves room; every mark's SVG id starts with "diff-". On a named
// paper, when fitting the marks shrinks the moment names below
// draw.MinNameSize, a warning with the size reached is added to
// dr.Warnings, in l, for the caller to print.
func Decorate(dr *draw.Drawing, d *Diff, l string) {
	l = lang(l)
	boxes := map[string]*draw.Box{}
	var cy float64 // the ring's centre height: the boxes' mean
	n := 0
	for _, it := range dr.Items {
		if b, ok := it.(*draw.Box); ok && strings.HasPrefix(b.ID, "moment-") {
			boxes[strings.TrimPrefix(b.ID, "moment-")] = b
			cy += b.Rect.Y
			n++
		}
	}
	if n > 0 {
		cy /= float64(n)
	}

	facts := map[string][]string{}
	var order []string
	fact := func(id, s string) {
		if _, ok := facts[id]; !ok {
			order = append(order, id)
		}
		facts[id] = append(facts[id], s)
	}
	added := map[string]bool{}
	for _, m := range d.AddedMoments {
		added[m.ID] = true
		fact(m.ID, word(l, "pic_new"))
	}
	for _, m := range d.Moved {
		fact(m.ID, fmt.Sprintf("%s %d → %d", word(l, "pic_moved"), m.OldNumber, m.NewNumber))
	}
	dims := map[string]int{}
	for _, c := range d.Changed {
		switch {
		case c.Field == "importance" || c.Field == "performance":
			s := word(l, "pic_"+c.Field) + " " + value(c.Old, l) + " → " + value(c.New, l)
			switch direction(c) {
			case "up":
				s += " ▲"
			case "down":
				s += " ▼"
			}
			fact(c.ID, s)
		case c.IsScore():
			dims[c.ID]++
		}
	}
	for _, c := range d.Changed {
		if k := dims[c.ID]; k > 0 {
			fact(c.ID, plural(l, "pic_dims", k))
			dims[c.ID] = 0
		}
	}
	for _, f := range d.Flips {
		if f.Critical {
			fact(f.ID, word(l, "pic_became"))
		} else {
			fact(f.ID, word(l, "pic_stopped"))
		}
	}

	obs := newObstacles(dr)
	for _, id := range order {
		b := boxes[id]
		if b == nil {
			continue
		}
		if added[id] {
			outline := &draw.Box{Meta: draw.Meta{ID: "diff-new-" + id, Class: "diff-new"},
				Rect: b.Bounds().Grow(5), Shape: draw.Rectangle,
				Stroke: draw.Stroke{Color: markAdded, Width: 2.4, Dash: draw.Dashed}}
			dr.Add(outline)
			obs.add(outline, outline.Rect)
		}
		tag := &draw.Box{Meta: draw.Meta{ID: "diff-tag-" + id, Class: "diff-tag"}, Shape: draw.Rectangle,
			Fill: markTagFill, Stroke: draw.Stroke{Color: markInk, Width: 1}}
		for i, s := range facts[id] {
			f := draw.Font{Size: tagSize}
			color := markInk
			if i == 0 && added[id] {
				f.Bold, color = true, markAdded
			}
			line := []draw.Span{{Text: s, Font: f, Color: color}}
			if num := numberOf(b); i == 0 && num != "" {
				// the moment's number first: a tag between two moments
				// says whose it is
				line = append([]draw.Span{{Text: num + " · ", Font: draw.Font{Size: tagSize, Bold: true}, Color: markInk}}, line...)
			}
			tag.Label.AddLine(line...)
		}
		w, h := tag.Label.Size()
		tag.Rect = draw.Rect{W: w + 10, H: h + 6}
		outer := b.Bounds()
		if added[id] {
			outer = outer.Grow(5)
		}
		tag.Rect = placeTag(obs, b, outer, tag.Rect, b.Rect.Y >= cy)
		obs.add(tag, tag.Rect)
		dr.Add(tag)
	}

	content := dr.Content()
	if len(d.RemovedMoments) > 0 {
		dr.Add(removedPanel(d, l, content, named(dr), dr.Page))
	}
	dr.Add(heading(d, l, dr.Content()))
	if k := fitDecorated(dr, pageMargin); k < 1 {
		// The size reached once the marks shrank the drawing (scaling
		// sets type in whole points); render has warned already when its
		// own layout went below, with the size before the marks.
		if got := nameSize(boxes); got < draw.MinNameSize {
			dr.Warnings = append(dr.Warnings, fmt.Sprintf(word(l, "warn_small"), render.PaperWord(lang(l), dr.Paper), got, draw.MinNameSize))
		}
	}
}

// numberOf is the moment's number as its box shows it (the leading
// digits of its first line), "" when it shows none.
func numberOf(b *draw.Box) string {
	if len(b.Label.Lines) == 0 || len(b.Label.Lines[0].Spans) == 0 {
		return ""
	}
	t := b.Label.Lines[0].Spans[0].Text
	end := 0
	for end < len(t) && t[end] >= '0' && t[end] <= '9' {
		end++
	}
	return t[:end]
}

// nameSize is the size moment names are set at on the drawing: the
// largest type in the moment boxes (a name is larger than the number,
// owner and score around it); 0 without moments.
func nameSize(boxes map[string]*draw.Box) float64 {
	size := 0.0
	for _, b := range boxes {
		for _, line := range b.Label.Lines {
			for _, sp := range line.Spans {
				size = max(size, sp.Font.Size)
			}
		}
	}
	return size
}

// fitDecorated sizes the page to the decorated content, or, when the
// drawing was laid out for a named paper (--page), keeps the paper and
// shrinks the content about its centre onto it when the marks, the
// removed-moments panel or the heading made it overflow. It returns the
// factor the content was scaled by: 1 when it was not.
func fitDecorated(dr *draw.Drawing, margin float64) float64 {
	if !named(dr) {
		dr.FitPage(margin)
		return 1
	}
	c, page := dr.Content(), dr.Page
	room := draw.Rect{X: page.X, Y: page.Y, W: page.W - 2*margin, H: page.H - 2*margin}
	if c.Min().X >= room.Min().X && c.Min().Y >= room.Min().Y && c.Max().X <= room.Max().X && c.Max().Y <= room.Max().Y {
		return 1
	}
	k := fitScale(page, c, margin)
	dr.Scale(k, page.Centre().Sub(c.Centre().Mul(k)))
	return k
}

// pageMargin is the margin Decorate keeps around the content, in points.
const pageMargin = 28.8

// named reports whether dr was laid out for a named paper (--page).
func named(dr *draw.Drawing) bool { return dr.Paper != "" && dr.Paper != "auto" }

// fitScale is the factor (at most 1) that fits content c inside page
// with margin on every side.
func fitScale(page, c draw.Rect, margin float64) float64 {
	if c.W <= 0 || c.H <= 0 {
		return 1
	}
	return min(1, (page.W-2*margin)/c.W, (page.H-2*margin)/c.H)
}

// placeTag picks where a tag of size r.W × r.H goes beside a moment box
// (outer: its outline with any mark around it): on the inner side of the
// ring first (below a moment of the upper half), then the outer side,
// centred or at the box's corners, then beside it. It takes the first
// place that covers nothing, or else the one that covers least (see
// obstacles.covered).
func placeTag(obs *obstacles, self *draw.Box, outer, r draw.Rect, upper bool) draw.Rect {
	gapY := outer.H/2 + r.H/2 + 3
	gapX := outer.W/2 + r.W/2 + 4
	inner, outerSide := -gapY, gapY // y grows upwards
	if !upper {
		inner, outerSide = gapY, -gapY
	}
	var cands []draw.Rect
	for _, dy := range []float64{inner, outerSide} {
		for _, dx := range []float64{0, outer.W/2 - r.W/2, r.W/2 - outer.W/2, outer.W/2 + r.W/2 - 12, 12 - outer.W/2 - r.W/2} {
			cands = append(cands, draw.Rect{X: outer.X + dx, Y: outer.Y + dy, W: r.W, H: r.H})
		}
	}
	for _, dx := range []float64{gapX, -gapX} {
		cands = append(cands, draw.Rect{X: outer.X + dx, Y: outer.Y, W: r.W, H: r.H})
	}
	// then a little farther, clear of a badge on the box's corner
	for _, dy := range []float64{inner, outerSide} {
		dy += math.Copysign(badgeRoom, dy)
		for _, dx := range []float64{0, outer.W/2 - r.W/2, r.W/2 - outer.W/2} {
			cands = append(cands, draw.Rect{X: outer.X + dx, Y: outer.Y + dy, W: r.W, H: r.H})
		}
	}
	best, bestScore := cands[0], -1.0
	for i, c := range cands {
		score := obs.covered(self, c) + 0.01*float64(i)

		if bestScore < 0 || score < bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

// badgeRoom is how much farther from its box a tag may stand to clear
// the badge of a note on the box's corner.
const badgeRoom = 14.0

// obstacles indexes what a tag must not hide, in a grid of cells, so
// that placing every tag costs time linear in the drawing's items: the
// sampled points of routes, their arrowheads, and boxes and markers.
type obstacles struct {
	cells map[[2]int]*cell
	rects []obstacle
	seen  []int // per rect: the query that last counted it
	stamp int
}

type cell struct {
	points []draw.Pt // route samples
	tips   []draw.Pt // arrowheads
	rects  []int     // indexes into obstacles.rects
}

type obstacle struct {
	box  *draw.Box // nil for a marker
	rect draw.Rect
}

const cellSize = 48.0

func cellOf(p draw.Pt) [2]int {
	return [2]int{int(math.Floor(p.X / cellSize)), int(math.Floor(p.Y / cellSize))}
}

func (o *obstacles) at(k [2]int) *cell {
	c := o.cells[k]
	if c == nil {
		c = &cell{}
		o.cells[k] = c
	}
	return c
}

// eachCell calls f with every cell key r touches.
func eachCell(r draw.Rect, f func([2]int)) {
	lo, hi := cellOf(r.Min()), cellOf(r.Max())
	for x := lo[0]; x <= hi[0]; x++ {
		for y := lo[1]; y <= hi[1]; y++ {
			f([2]int{x, y})
		}
	}
}

func newObstacles(dr *draw.Drawing) *obstacles {
	o := &obstacles{cells: map[[2]int]*cell{}}
	dr.Each(func(it draw.Item) {
		switch x := it.(type) {
		case *draw.Route:
			for _, p := range draw.Samples(x.Path, 24) {
				c := o.at(cellOf(p))
				c.points = append(c.points, p)
			}
			if x.Head != draw.NoArrow {
				c := o.at(cellOf(x.Tip))
				c.tips = append(c.tips, x.Tip)
			}
		case *draw.Box:
			if x.Shape == draw.Plain && len(x.Label.Lines) == 0 {
				return
			}
			o.add(x, x.Bounds())
		case *draw.Marker:
			o.add(nil, x.Bounds())
		}
	})
	return o
}

// add indexes a box (or, with b nil, a marker's square).
func (o *obstacles) add(b *draw.Box, r draw.Rect) {
	i := len(o.rects)
	o.rects = append(o.rects, obstacle{box: b, rect: r})
	o.seen = append(o.seen, 0)
	eachCell(r, func(k [2]int) { o.at(k).rects = append(o.at(k).rects, i) })
}

// covered scores what a tag at r would hide: another box or marker 30,
// and more by the share of the tag it overlaps, route samples 3 each, an
// arrowhead 60.
func (o *obstacles) covered(self *draw.Box, r draw.Rect) float64 {
	g := r.Grow(2)
	o.stamp++
	score := 0.0
	eachCell(g.Grow(draw.ArrowLen), func(k [2]int) {
		c := o.cells[k]
		if c == nil {
			return
		}
		for _, p := range c.points {
			if g.Contains(p) {
				score += 3
			}
		}
		for _, p := range c.tips {
			if g.Grow(draw.ArrowLen).Contains(p) {
				score += 60
			}
		}
		for _, i := range c.rects {
			if o.seen[i] == o.stamp || o.rects[i].box == self {
				continue
			}
			o.seen[i] = o.stamp
			if a := overlap(g, o.rects[i].rect); a > 0 {
				// any overlap hides a piece of a box, a badge or a
				// word: worse than a line or two running under the tag
				score += 30 + 100*a/(g.W*g.H)
			}
		}
	})
	return score
}

// overlap is the area two rectangles share.
func overlap(a, b draw.Rect) float64 {
	w := min(a.Max().X, b.Max().X) - max(a.Min().X, b.Min().X)
	h := min(a.Max().Y, b.Max().Y) - max(a.Min().Y, b.Min().Y)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// removedPanel lists the removed moments right of the content, top
// aligned: a heading, then each moment with the improvements that went
// with it. On a named paper (paper true, page its sheet), it goes
// below the content instead, left aligned, when the picture then needs
// less shrinking to fit the sheet (a portrait sheet has room below and
// none beside).
func removedPanel(d *Diff, l string, content draw.Rect, paper bool, page draw.Rect) *draw.Box {
	const width = 230.0
	body := &draw.Box{Meta: draw.Meta{ID: "diff-removed", Class: "diff-removed"}, Shape: draw.Rectangle,
		Fill: markPanel, Stroke: draw.Stroke{Color: markMuted, Width: 1, Dash: draw.Dashed}}
	body.Label.Left, body.Label.Pad = true, 10
	body.Label.AddLine(draw.Span{Text: word(l, "sec_removed"), Font: draw.Font{Size: panelSize + 1.5, Bold: true}, Color: markInk})
	for _, m := range d.RemovedMoments {
		body.Label.AddLine(draw.Span{Text: " ", Font: draw.Font{Size: 4}})
		body.Label.Add(fmt.Sprintf("%d · %s — %s", m.Number, m.ID, m.Name), width-20, draw.Font{Size: panelSize, Bold: true}, markInk)
		if m.Owner != "" {
			body.Label.Add(m.Owner, width-20, draw.Font{Size: panelSize - 0.5, Italic: true}, markMuted)
		}
		for _, im := range m.Improvements {
			body.Label.Add("– "+planLine(im, l), width-26, draw.Font{Size: panelSize - 0.5}, markMuted)
		}
		if len(m.Improvements) > 0 {
			body.Label.Add(plural(l, "pic_dropped", len(m.Improvements)), width-20, draw.Font{Size: panelSize - 0.5, Italic: true}, markMuted)
		}
	}
	_, h := body.Label.Size()
	top := content.Max().Y
	body.Rect = draw.Rect{X: content.Max().X + 24 + width/2, Y: top - (h+16)/2, W: width, H: h + 16}
	if paper {
		below := draw.Rect{X: content.Min().X + width/2, Y: content.Min().Y - 24 - (h+16)/2, W: width, H: h + 16}
		// each with the heading it will have above
		k := func(r draw.Rect) float64 {
			c := content.Union(r)
			return fitScale(page, c.Union(heading(d, l, c).Rect), pageMargin)
		}
		if k(below) > k(body.Rect) {
			body.Rect = below
		}
	}
	return body
}

// heading says above the drawing what changed, the settings that change
// how the analysis reads the file when any did, and what the marks mean.
func heading(d *Diff, l string, content draw.Rect) *draw.Box {
	b := &draw.Box{Meta: draw.Meta{ID: "diff-heading", Class: "diff-heading"}, Shape: draw.Plain}
	b.Label.AddLine(draw.Span{Text: word(l, "pic_heading"), Font: draw.Font{Size: headSize, Bold: true}, Color: markInk})
	width := min(max(content.W, 360), 620)
	b.Label.Add(d.Summary(l), width, draw.Font{Size: panelSize}, markInk)
	if len(d.Settings) > 0 {
		// they change how every mark reads, so they come before the key
		var parts []string
		for _, c := range d.Settings {
			parts = append(parts, c.Field+" "+cellValue(c.Field, c.Old, l)+" → "+cellValue(c.Field, c.New, l))
		}
		b.Label.Add(fmt.Sprintf(word(l, "pic_settings"), strings.Join(parts, " · ")), width, draw.Font{Size: panelSize, Bold: true}, markInk)
	}
	b.Label.Add(word(l, "pic_key"), width, draw.Font{Size: panelSize, Italic: true}, markMuted)
	w, h := b.Label.Size()
	b.Rect = draw.Rect{X: content.X, Y: content.Max().Y + 14 + h/2, W: w, H: h}
	return b
}
