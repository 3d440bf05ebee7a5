package render

import (
	"github.com/ciclo-dev/ciclo/cycle"
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
	return missingIn(views[o.View](a, o))
}
