package cycle

import (
	"fmt"

	"github.com/ciclo-dev/ciclo/internal/msg"
)

// Validation messages are written in English as fmt formats (see errorf in
// parse.go); ciclo's one catalog (internal/msg) translates each format
// into the other languages, and Error.Text fills the translation in with
// the same arguments.
//
// An argument that is itself a piece of English, such as "moment 3" or
// "a list", is a label, translated along with the message: a phrase,
// whose format is in the catalog like any message's. Keys, ids and values
// quoted from the file are raw labels or plain strings and numbers, shown
// as they are in every language.

// label is a message argument that depends on the language.
type label interface {
	text(lang string) string
}

// raw is text shown as is in every language: a key of the file, a value
// quoted from it, a list of allowed words.
type raw string

func (r raw) text(string) string { return string(r) }

// phrase is a piece of a message with its own format in the catalog, such
// as "moment %d"; its arguments may be labels too.
type phrase struct {
	format string
	args   []any
}

// phrasef makes a phrase. format must be a string literal: the catalog
// test finds every format by reading the calls.
func phrasef(format string, args ...any) phrase { return phrase{format, args} }

func (p phrase) text(lang string) string { return localize(lang, p.format, p.args) }

// localize fills in format's translation into lang (format itself for
// English, or when there is none) with args, labels translated too.
func localize(lang, format string, args []any) string {
	format = msg.T(lang, format)
	out := make([]any, len(args))
	for i, a := range args {
		if l, ok := a.(label); ok {
			a = l.text(lang)
		}
		out[i] = a
	}
	return fmt.Sprintf(format, out...)
}
