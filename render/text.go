package render

import (
	"strconv"
	"strings"
)

// span is a run of text in one font.
type span struct {
	text   string // plain text, escaped when written
	size   float64
	bold   bool
	italic bool
	color  string
}

func (s span) width() float64 { return textWidth(s.text, s.size, s.bold) }

// tline is one line of a label.
type tline []span

func (l tline) width() float64 {
	var w float64
	for _, s := range l {
		w += s.width()
	}
	return w
}

func (l tline) height() float64 {
	var h float64
	for _, s := range l {
		h = max(h, s.size*lineSpacing)
	}
	return h
}

// block is a multi-line label, centred or left-aligned.
type block struct {
	lines []tline
	left  bool
}

// add appends one line per wrapped piece of text, all in the style of s.
func (b *block) add(text string, maxW float64, s span) {
	for _, l := range wrap(text, maxW, s.size, s.bold) {
		t := s
		t.text = l
		b.lines = append(b.lines, tline{t})
	}
}

// size is the estimated size of the block's text, in points, widened by
// slack.
func (b *block) size() (w, h float64) {
	for _, l := range b.lines {
		w = max(w, l.width())
		h += l.height()
	}
	return w * slack, h
}

// html writes the block as the body of a Graphviz HTML-like label.
func (b *block) html() string {
	var sb strings.Builder
	br := "<BR/>"
	if b.left {
		br = `<BR ALIGN="LEFT"/>`
	}
	for i, l := range b.lines {
		if i > 0 {
			sb.WriteString(br)
		}
		for _, s := range l {
			writeSpan(&sb, s)
		}
	}
	if b.left && len(b.lines) > 0 {
		sb.WriteString(br)
	}
	return sb.String()
}

func writeSpan(sb *strings.Builder, s span) {
	text := s.text
	if text == "" {
		text = " "
	}
	sb.WriteString(`<FONT POINT-SIZE="`)
	sb.WriteString(strconv.FormatFloat(s.size, 'f', -1, 64))
	sb.WriteString(`"`)
	if s.color != "" {
		sb.WriteString(` COLOR="`)
		sb.WriteString(s.color)
		sb.WriteString(`"`)
	}
	sb.WriteString(">")
	if s.bold {
		sb.WriteString("<B>")
	}
	if s.italic {
		sb.WriteString("<I>")
	}
	sb.WriteString(htmlText(text))
	if s.italic {
		sb.WriteString("</I>")
	}
	if s.bold {
		sb.WriteString("</B>")
	}
	sb.WriteString("</FONT>")
}
