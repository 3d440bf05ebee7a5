package draw

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text widths, as Graphviz (in wasm, without a font library) estimates
// them for fontname "Helvetica": per mille of the font size, for the
// printable ASCII characters 32..126, regular and bold (HTML-like <B>).
// Every byte of a non-ASCII character counts as nonASCIIByte, but for the
// no-break space, which Wrap keeps and turns into a space and which
// counts as one here. The tables
// were measured from go-graphviz v0.2.10 itself; TestMetricsMatchGraphviz
// checks them against it.
//
// Note: fontname "Helvetica-Bold" is estimated with Times-Bold metrics by
// this Graphviz, which would make bold text overflow its box; ciclo uses
// fontname Helvetica everywhere and <B> for bold.
var (
	helveticaWidths = [95]float64{
		277.83, 277.83, 354.98, 556.15, 556.15, 889.16, 666.99, 190.92, 333.01, 333.01,
		389.16, 583.98, 277.83, 333.01, 277.83, 277.83, 556.15, 556.15, 556.15, 556.15,
		556.15, 556.15, 556.15, 556.15, 556.15, 556.15, 277.83, 277.83, 583.98, 583.98,
		583.98, 556.15, 1015.14, 666.99, 666.99, 722.17, 722.17, 666.99, 610.84, 777.83,
		722.17, 277.83, 500.00, 666.99, 556.15, 833.01, 722.17, 777.83, 666.99, 777.83,
		722.17, 666.99, 610.84, 722.17, 666.99, 943.85, 666.99, 666.99, 610.84, 277.83,
		277.83, 277.83, 469.24, 556.15, 333.01, 556.15, 556.15, 500.00, 556.15, 556.15,
		277.83, 556.15, 556.15, 222.17, 222.17, 500.00, 222.17, 833.01, 556.15, 556.15,
		556.15, 556.15, 333.01, 500.00, 277.83, 556.15, 500.00, 722.17, 500.00, 500.00,
		500.00, 333.98, 259.76, 333.98, 583.98,
	}
	helveticaBoldWidths = [95]float64{
		277.83, 333.01, 474.12, 556.15, 556.15, 889.16, 722.17, 237.79, 333.01, 333.01,
		389.16, 583.98, 277.83, 333.01, 277.83, 277.83, 556.15, 556.15, 556.15, 556.15,
		556.15, 556.15, 556.15, 556.15, 556.15, 556.15, 333.01, 333.01, 583.98, 583.98,
		583.98, 610.84, 975.10, 722.17, 722.17, 722.17, 722.17, 666.99, 610.84, 777.83,
		722.17, 277.83, 556.15, 722.17, 610.84, 833.01, 722.17, 777.83, 666.99, 777.83,
		722.17, 666.99, 610.84, 722.17, 666.99, 943.85, 666.99, 666.99, 610.84, 333.01,
		277.83, 333.01, 583.98, 556.15, 333.01, 556.15, 610.84, 556.15, 610.84, 556.15,
		333.01, 610.84, 610.84, 277.83, 277.83, 556.15, 277.83, 889.16, 610.84, 610.84,
		610.84, 610.84, 389.16, 556.15, 333.01, 610.84, 556.15, 777.83, 556.15, 556.15,
		500.00, 389.16, 279.78, 389.16, 583.98,
	}
)

const (
	nonASCIIByte = 277.83
	// LineSpacing is Graphviz's line height as a multiple of the font size.
	LineSpacing = 1.2
	// Slack widens every measured width: renderers draw with fonts whose
	// metrics differ slightly from the estimate (a sans-serif fallback is
	// up to ~10% wider).
	Slack = 1.12
)

// TextWidth estimates the width in points of s at size points, as Graphviz
// does.
func TextWidth(s string, size float64, bold bool) float64 {
	tab := &helveticaWidths
	if bold {
		tab = &helveticaBoldWidths
	}
	var w float64
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 32 && c < 127:
			w += tab[c-32]
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
			w += tab[0] // a no-break space is a space
			i++
		case c >= 0x80:
			w += nonASCIIByte
		}
	}
	return w * size / 1000
}

// Wrap breaks s into lines no wider than maxW points at size points: words
// are kept whole where they fit and broken between characters where they
// do not (with a hyphen between two letters), leaving at least minTail
// characters on the last line of a broken word; a one-character word (a
// bullet) stays with the next, and a no-break space does not break (it
// comes out as a plain space). Line breaks in s are kept. It never
// returns an empty slice.
func Wrap(s string, maxW, size float64, bold bool) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.FieldsFunc(para, breaks)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		line := ""
		for _, w := range words {
			cand := w
			if line != "" {
				cand = line + " " + w
			}
			if TextWidth(cand, size, bold) <= maxW {
				line = cand
				continue
			}
			if line != "" {
				if utf8.RuneCountInString(line) == 1 {
					// a bullet or a one-letter word: keep it with the
					// word rather than alone on its line
					w = line + " " + w
				} else if i := strings.LastIndexByte(line, ' '); i > 0 && opensWord(line[i+1:]) && TextWidth(line[i+1:]+" "+w, size, bold) <= maxW {
					// an opening mark with no letter (the '"!' of '"!
					// CRITICAL"') goes on with the word it opens rather
					// than end the line
					out = append(out, line[:i])
					w = line[i+1:] + " " + w
				} else {
					out = append(out, line)
				}
				line = ""
			}
			// the word alone: break it if it does not fit, with a hyphen
			// where the break falls between two letters
			for TextWidth(w, size, bold) > maxW {
				cut := fitPrefix(w, maxW-TextWidth("-", size, bold), size, bold)
				if rest := w[cut:]; TextWidth(rest, size, bold) <= maxW && utf8.RuneCountInString(rest) < minTail {
					cut = tailCut(w, cut)
				}
				piece := w[:cut]
				if betweenLetters(w, cut) && TextWidth(piece+"-", size, bold) <= maxW {
					piece += "-"
				}
				out = append(out, piece)
				w = w[cut:]
			}
			line = w
		}
		out = append(out, line)
	}
	for i, l := range out {
		out[i] = strings.ReplaceAll(l, "\u00a0", " ") // kept together, shown as a space
	}
	return out
}

// breaks reports whether Wrap may break a line at r: any space but the
// no-break space (U+00A0), which keeps what it joins on one line (a due
// date with its word).
func breaks(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' }

// betweenLetters reports whether byte offset cut of w falls between two
// letters, where a broken word takes a hyphen.
func betweenLetters(w string, cut int) bool {
	if cut <= 0 || cut >= len(w) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(w[:cut])
	after, _ := utf8.DecodeRuneInString(w[cut:])
	return unicode.IsLetter(before) && unicode.IsLetter(after)
}

// minTail is the fewest characters a broken word leaves on its last line.
const minTail = 3

// tailCut moves cut (the end of the last piece of w that fits but one)
// back so that the last piece has minTail characters, keeping at least
// two in the piece before it; it returns cut unchanged when w is too
// short for that.
func tailCut(w string, cut int) int {
	runes := []int{} // byte offset of every rune
	for i := range w {
		runes = append(runes, i)
	}
	k := len(runes) - minTail // the last piece starts at rune k
	if k < 2 {
		return cut
	}
	return min(cut, runes[k])
}

// fitPrefix returns the byte length of the longest prefix of w (whole runes,
// at least one) that fits in maxW.
func fitPrefix(w string, maxW, size float64, bold bool) int {
	cut := 0
	for i, r := range w {
		end := i + utf8.RuneLen(r)
		if end < 0 || end > len(w) {
			end = len(w)
		}
		if cut > 0 && TextWidth(w[:end], size, bold) > maxW {
			break
		}
		cut = end
	}
	return cut
}

// opensWord reports whether s is an opening mark with no letter or
// digit: it begins with an opening quote, bracket or exclamation mark
// ('"!', '«', '(', '¡'), which belongs with the word after it. A closing
// mark or a separator (a middle dot) stays where it is.
func opensWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("\"“«‘'([{¡¿!", r) &&
		strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0
}
