package cycle

import "unicode/utf8"

// Limits on the work a cycle causes, counted once aliases are expanded: a
// small file can name one long list a thousand times, and every copy is
// drawn and printed. With them every accepted cycle renders, reports and
// lints within seconds (docs/format.md, "Limits", gives the figures).
const (
	// MaxDrawn bounds what a diagram draws: moments, arrows (a moment's
	// next entries, or the one arrow to the moment after it) and
	// improvement notes.
	MaxDrawn = 16_000
	// MaxDrawnText bounds the characters a diagram draws: the title, the
	// customer, names, owners and improvements.
	MaxDrawnText = 1_000_000
	// MaxTotalText bounds the characters of all the text of a cycle,
	// which reports print: as much as the largest file could hold
	// written out.
	MaxTotalText = MaxFileSize
)

// budget counts what c would draw and print, and reports the first place
// where a limit is crossed. It stops there, so its cost is bounded by the
// limits, not by the expansion.
func (p *parser) budget(c *Cycle) {
	drawn := 0
	drawnText := chars(c.Title) + chars(c.Customer)
	all := drawnText + chars(c.Organization)
	over := func(pos Pos) bool {
		switch {
		case drawn > MaxDrawn:
			p.errorf(pos, "the diagram would draw more than %d moments, arrows and improvement notes (aliases expanded); split the cycle", MaxDrawn)
		case drawnText > MaxDrawnText:
			p.errorf(pos, "the diagram would draw more than %d characters of text (aliases expanded); shorten names and improvements, or split the cycle", MaxDrawnText)
		case all > MaxTotalText:
			p.errorf(pos, "the cycle holds more than %d characters of text once aliases are expanded; a file can hold at most that many", MaxTotalText)
		default:
			return false
		}
		return true
	}
	for _, m := range c.Moments {
		drawn += 1 + max(1, len(m.Next)) + len(m.Improvements)
		t := chars(m.Name) + chars(m.Owner)
		if len(m.Improvements) > 0 {
			t += chars(m.Name) // the notes panel names the moment again
		}
		drawnText += t
		all += t + chars(m.Description) + chars(m.Stage) + chars(m.Channel) +
			chars(m.Expectation) + chars(m.Standard) + chars(m.URL)
		for _, list := range [][]string{m.Pains, m.Evidence, m.Backstage, m.Support} {
			for _, s := range list {
				all += chars(s)
			}
		}
		if over(m.Pos) {
			return
		}
		for _, im := range m.Improvements {
			t := chars(im.Action) + chars(im.Owner)
			drawnText += t
			all += t
			if over(m.Pos) { // the moment, not the anchor an alias names
				return
			}
		}
	}
}

// chars counts the characters of s.
func chars(s string) int { return utf8.RuneCountInString(s) }

// SizeError is the problem Parse reports for a file over MaxFileSize, with
// the file's real size: a reader stops after MaxFileSize+1 bytes, so it
// learns the size elsewhere (the file's length, or by counting the rest of
// a stream). more says the size is only a lower bound.
func SizeError(file string, size int64, more bool) error {
	if more {
		return ErrorList{newError(file, Pos{1, 1}, "file is more than %d bytes; the limit is %d bytes (8 MiB)", size, MaxFileSize)}
	}
	return ErrorList{newError(file, Pos{1, 1}, "file is %d bytes; the limit is %d bytes (8 MiB)", size, MaxFileSize)}
}
