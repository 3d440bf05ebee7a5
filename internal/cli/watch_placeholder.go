package cli

import (
	"bytes"
	"fmt"
	"html"
	"math"

	"github.com/ciclo-dev/ciclo/cycle"
)

type placeholderPalette struct{ bg, ink, muted, ring, node, nodeInk, crit, critInk string }

var placeholderPalettes = map[string]placeholderPalette{
	"default":  {"#ffffff", "#141b24", "#46525f", "#9aa7b4", "#0b57a4", "#ffffff", "#a3151b", "#ffffff"},
	"print":    {"#ffffff", "#000000", "#222222", "#000000", "#ffffff", "#000000", "#000000", "#ffffff"},
	"contrast": {"#000000", "#ffffff", "#f0f0f0", "#ffffff", "#000000", "#ffffff", "#ffd600", "#000000"},
}

// placeholderSVG draws a minimal clock face of the cycle for "ciclo watch".
//
// TEMPORARY STAND-IN: it exists only until package render lands; then
// buildPreview calls render.Render and this file is deleted. It follows the
// SVG contract of SPEC section 3 that the preview relies on (one <g
// id="moment-ID" class="moment [critical]"> per moment, text escaped) but
// none of the renderer's layout, notes or legend.
func placeholderSVG(a *cycle.Analysis, theme string) []byte {
	p, ok := placeholderPalettes[theme]
	if !ok {
		p = placeholderPalettes["default"]
	}
	const w, h, cx, cy, r = 1400.0, 900.0, 700.0, 450.0, 290.0
	esc := html.EscapeString
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="%g" height="%g" font-family="Liberation Sans, Arial, Helvetica, sans-serif">`, w, h, w, h)
	b.WriteString("<!-- placeholder drawing of ciclo watch, until the renderer lands -->")
	fmt.Fprintf(&b, `<rect width="%g" height="%g" fill="%s"/>`, w, h, p.bg)
	fmt.Fprintf(&b, `<circle cx="%g" cy="%g" r="%g" fill="none" stroke="%s" stroke-width="3"/>`, cx, cy, r, p.ring)
	c := a.Cycle
	fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" font-size="32" font-weight="bold" fill="%s">%s</text>`, cx, cy-6, p.ink, esc(clip(c.Title, 28)))
	if c.Customer != "" {
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" font-size="26" fill="%s">%s</text>`, cx, cy+34, p.muted, esc(clip(c.Customer, 34)))
	}
	n := len(a.Moments)
	for i, m := range a.Moments {
		angle := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		x, y := cx+r*math.Cos(angle), cy+r*math.Sin(angle)
		class := "moment"
		fill, ink, stroke, width := p.node, p.nodeInk, p.ring, 3
		if m.Critical {
			class += " critical"
			fill, ink, stroke, width = p.crit, p.critInk, p.ink, 6
		}
		fmt.Fprintf(&b, `<g id="moment-%s" class="%s">`, esc(m.ID), class)
		if m.Critical {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="44" fill="none" stroke="%s" stroke-width="3" stroke-dasharray="8 5"/>`, x, y, p.ink)
		}
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="32" fill="%s" stroke="%s" stroke-width="%d"/>`, x, y, fill, stroke, width)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="28" font-weight="bold" fill="%s">%d</text>`, x, y+10, ink, m.Number())
		// The label sits outside the ring, on the moment's side.
		lx, ly := cx+(r+58)*math.Cos(angle), cy+(r+58)*math.Sin(angle)
		anchor := "middle"
		switch c := math.Cos(angle); {
		case c > 0.3:
			anchor = "start"
		case c < -0.3:
			anchor = "end"
		}
		switch s := math.Sin(angle); {
		case s < -0.9:
			ly -= 34 // above the top moment
		case s > 0.9:
			ly += 20 // below the bottom one
		}
		name := m.Name
		if m.Critical {
			name = "! " + name
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="%s" font-size="30" font-weight="bold" fill="%s">%s</text>`, lx, ly, anchor, p.ink, esc(clip(name, 24)))
		var sub string
		if m.Owner != "" {
			sub = m.Owner
		}
		if m.Performance > 0 {
			if sub != "" {
				sub += " · "
			}
			sub += fmt.Sprintf("%d/%d", m.Performance, c.Scale)
		}
		if sub != "" {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="%s" font-size="24" fill="%s">%s</text>`, lx, ly+32, anchor, p.muted, esc(clip(sub, 30)))
		}
		b.WriteString("</g>")
	}
	b.WriteString("</svg>")
	return b.Bytes()
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
