package render

import (
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/xdot"
)

// MissingGlyphs lists the characters of the diagram of a, drawn with opts,
// that the fonts of PNG and PDF (the Liberation Sans faces embedded in the
// binary) cannot draw: emoji, CJK and other scripts beyond Latin, Greek,
// Cyrillic and Hebrew. PNG and PDF paint each as xdot.Replacement (□);
// SVG leaves them to the viewer's fonts, which usually have them. The
// result is sorted and has no duplicates; it is empty when every
// character can be drawn, and when Render would refuse a or opts.
// Invisible format characters (zero-width joiners, variation selectors,
// skin-tone modifiers) are never listed: PNG and PDF drop them. Draw
// gives the same list with the drawing, without laying it out twice.
func MissingGlyphs(a *cycle.Analysis, opts Options) []rune {
	o, err := checkInput(a, opts)
	if err != nil {
		return nil
	}
	return newDiagram(a, o).missingGlyphs()
}

// missingGlyphs is MissingGlyphs of a diagram already laid out.
func (d *diagram) missingGlyphs() []rune {
	var sb strings.Builder
	d.eachText(func(s string) { sb.WriteString(s) })
	missing := xdot.MissingGlyphs(sb.String())
	slices.Sort(missing)
	return missing
}

// eachText calls f with every piece of text the diagram shows.
func (d *diagram) eachText(f func(string)) {
	block := func(b *block) {
		for _, l := range b.lines {
			for _, s := range l {
				f(s.text)
			}
		}
	}
	block(&d.title)
	for _, m := range d.moments {
		block(&m.label)
	}
	for _, at := range d.attach {
		block(&at.label)
	}
	for _, r := range d.panel {
		block(&r.label)
	}
	if len(d.panel) > 0 {
		f(d.w.Improvements)
	}
	if len(d.pills) > 0 {
		f(d.w.End)
	}
	if len(d.legend) > 0 {
		f(d.w.Legend)
	}
	for _, r := range d.legend {
		f(r.text)
	}
}
