package xdot

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// Replacement is the character painted in place of one the embedded
// Liberation fonts cannot draw (emoji, CJK, scripts beyond Latin, Greek,
// Cyrillic and Hebrew): U+25A1 WHITE SQUARE, which every Liberation face
// has. PDF fonts address glyphs by 16-bit codes, so a character above
// U+FFFF could not even be embedded.
const Replacement = '□'

// invisible reports whether r is a format character that draws nothing
// by itself (zero-width joiners, variation selectors, emoji skin-tone
// modifiers, tags): it is dropped rather than replaced.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) ||
		(r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0000 && r <= 0xE007F)
}

// glyphs answers whether faces have a glyph for a rune. It is not safe
// for concurrent use: each painter has its own.
type glyphs struct {
	buf   sfnt.Buffer
	known map[glyphKey]bool
}

type glyphKey struct {
	f *opentype.Font
	r rune
}

// has reports whether f can draw r.
func (g *glyphs) has(f *opentype.Font, r rune) bool {
	if r < 0x80 {
		return true // Liberation covers ASCII; control characters never reach here
	}
	if r > 0xFFFF || f == nil {
		return false
	}
	k := glyphKey{f, r}
	if ok, seen := g.known[k]; seen {
		return ok
	}
	i, err := f.GlyphIndex(&g.buf, r)
	ok := err == nil && i != 0
	if g.known == nil {
		g.known = make(map[glyphKey]bool)
	}
	g.known[k] = ok
	return ok
}

// drawable returns s with every rune f cannot draw replaced by
// Replacement, and invisible format characters dropped.
func (g *glyphs) drawable(f *opentype.Font, s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case invisible(r): // before has: the fonts draw some as a visible mark
		case g.has(f, r):
			b.WriteRune(r)
		default:
			b.WriteRune(Replacement)
		}
	}
	return b.String()
}

// MissingGlyphs returns the characters of s, in order of first
// appearance and each once, that the embedded Liberation Sans faces
// (regular, bold, italic, bold italic: the faces diagrams use) cannot
// draw; PNG and PDF paint them as [Replacement]. Invisible format
// characters (zero-width joiners, variation selectors, skin-tone
// modifiers) are not listed: they are dropped, as they draw nothing.
func MissingGlyphs(s string) []rune {
	facesOnce.Do(loadFaces)
	var g glyphs
	var out []rune
	seen := map[rune]bool{}
	for _, r := range s {
		if r < 0x80 || invisible(r) || seen[r] {
			continue
		}
		seen[r] = true
		for _, k := range []faceKey{{sans, false, false}, {sans, true, false}, {sans, false, true}, {sans, true, true}} {
			if !g.has(faces[k], r) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// safely runs f and turns a panic into an error: neither a malformed
// drawing nor a fault in a painting library may crash the program.
func safely(what string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("xdot: painting %s failed: %v", what, r)
		}
	}()
	return f()
}
