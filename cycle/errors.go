package cycle

import (
	"fmt"

	"github.com/ciclo-dev/ciclo/internal/msg"
	"sort"
	"strings"
)

// Pos is a position in a cycle file. Line and Column are 1-based; a zero
// Line means the position is unknown.
type Pos struct {
	Line   int
	Column int
}

// IsValid reports whether the position is known.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Before reports whether p comes strictly before q in the file.
func (p Pos) Before(q Pos) bool {
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Column < q.Column
}

// Error is one problem found in a cycle file, with its position.
//
// Msg is the message in English, whatever the file's language; Error and
// the sorting of an ErrorList use it. Text gives the message in the file's
// language, or in another one.
type Error struct {
	File string
	Pos  Pos
	Msg  string
	// Lang is the language of the file the problem is in, "en" or "es",
	// when Parse could read it: from a valid language key, or "en" when the
	// file has none. It is "" when the language is not known (a YAML
	// syntax error, a root that is not a mapping, an invalid language
	// key...); messages are then in English.
	Lang string

	// format and args are the message before formatting: Msg is format
	// filled in with args in English. Empty for a problem made by
	// ErrorList.Add, which has Msg only.
	format string
	args   []any
}

// newError makes a problem whose message is format filled in with args.
// Args may be labels (phrases, raw text), which are translated with it.
func newError(file string, pos Pos, format string, args ...any) *Error {
	return &Error{File: file, Pos: pos, Msg: localize("en", format, args), format: format, args: args}
}

// Text returns the message in lang, "en" or "es"; "" means the file's own
// language, e.Lang. Keys, ids and values quoted from the file are never
// translated. English, and any language ciclo does not know, is Msg; so is
// every language for a problem made by ErrorList.Add.
func (e *Error) Text(lang string) string {
	if lang == "" {
		lang = e.Lang
	}
	if lang == "en" || e.format == "" {
		return e.Msg
	}
	if !msg.Has(lang) {
		return e.Msg
	}
	return localize(lang, e.format, e.args)
}

// Error formats the problem as FILE:LINE:COL: MESSAGE, in English.
func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Location(), e.Msg)
}

// Location formats the position as FILE:LINE:COL.
func (e *Error) Location() string {
	file := e.File
	if file == "" {
		file = "<input>"
	}
	line, col := e.Pos.Line, e.Pos.Column
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}

// ErrorList is a list of problems, like go/scanner.ErrorList. The zero
// value is an empty list ready to use.
type ErrorList []*Error

// Add appends a problem at pos. Its message is msg in every language.
func (l *ErrorList) Add(file string, pos Pos, msg string) {
	*l = append(*l, &Error{File: file, Pos: pos, Msg: msg})
}

// Len is the number of problems; with Swap and Less it implements
// sort.Interface, ordering by file, line, column and message.
func (l ErrorList) Len() int { return len(l) }

// Swap swaps problems i and j.
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }

// Less reports whether problem i sorts before problem j: by file, line,
// column, then message.
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i], l[j]
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Pos != b.Pos {
		return a.Pos.Before(b.Pos)
	}
	return a.Msg < b.Msg
}

// Sort sorts the list by position and removes exact duplicates.
func (l *ErrorList) Sort() {
	sort.Stable(*l)
	out := (*l)[:0]
	for i, e := range *l {
		if i > 0 {
			p := (*l)[i-1]
			if p.File == e.File && p.Pos == e.Pos && p.Msg == e.Msg {
				continue
			}
		}
		out = append(out, e)
	}
	*l = out
}

// Error joins every problem, one per line, in English.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns nil for an empty list and the list itself otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
