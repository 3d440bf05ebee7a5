// Package bidi finds and neutralises the bidirectional formatting
// characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C). They
// are invisible, and an override or isolate makes the text after it
// display in another order than it is written, so a moment's name can
// read reversed in a diagram or a report (the "Trojan Source" trick).
// ciclo removes them from everything people read (diagrams, Markdown,
// HTML, text) and writes them as \u escapes in JSON, which keeps the data
// exact; the bidi-control lint rule names each one with its position.
package bidi

import (
	"fmt"
	"strings"
)

// names are the controls and their Unicode names.
var names = map[rune]string{
	0x061C: "ARABIC LETTER MARK",
	0x200E: "LEFT-TO-RIGHT MARK",
	0x200F: "RIGHT-TO-LEFT MARK",
	0x202A: "LEFT-TO-RIGHT EMBEDDING",
	0x202B: "RIGHT-TO-LEFT EMBEDDING",
	0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE",
	0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE",
	0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
}

// Is reports whether r is a bidirectional formatting character.
func Is(r rune) bool {
	_, ok := names[r]
	return ok
}

// Name returns r as U+XXXX and its Unicode name.
func Name(r rune) string { return fmt.Sprintf("U+%04X %s", r, names[r]) }

// has reports quickly whether s may hold one: every control is encoded
// starting with byte 0xD8 (U+061C) or 0xE2 (the others).
func has(s string) bool {
	return strings.IndexByte(s, 0xE2) >= 0 || strings.IndexByte(s, 0xD8) >= 0
}

// Strip removes every bidirectional formatting character from s.
func Strip(s string) string {
	if !has(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if Is(r) {
			return -1
		}
		return r
	}, s)
}

// Visible writes every bidirectional formatting character of s as
// <U+XXXX>, for text that must show what the file holds (a diff of it)
// without the characters reordering what is shown.
func Visible(s string) string {
	if !has(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if Is(r) {
			fmt.Fprintf(&b, "<U+%04X>", r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// StripBytes is Strip for a document.
func StripBytes(b []byte) []byte {
	if !has(string(b)) {
		return b
	}
	return []byte(Strip(string(b)))
}

// EscapeJSON writes every bidirectional formatting character of a JSON
// document as a \uXXXX escape: the decoded strings are unchanged, the
// document shows each one. The characters can only occur inside strings,
// where the escape means the same.
func EscapeJSON(b []byte) []byte {
	s := string(b)
	if !has(s) {
		return b
	}
	var out strings.Builder
	for _, r := range s {
		if Is(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	return []byte(out.String())
}

// Find returns the controls in s, in order, with their byte offsets.
func Find(s string) (found []rune, offsets []int) {
	if !has(s) {
		return nil, nil
	}
	for i, r := range s {
		if Is(r) {
			found = append(found, r)
			offsets = append(offsets, i)
		}
	}
	return found, offsets
}
