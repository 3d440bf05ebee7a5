// Package lint checks cycles of service against service principles: every
// critical moment has an owner, a standard and an improvement under way;
// every moment is owned and scored; the customer is not passed from
// department to department within one contact; improvements have owners and
// are not overdue.
//
// Each rule has a stable id and a severity (see Rules). Findings carry the
// file, line and column of the moment, key or improvement they concern, and
// are written as text, JSON or SARIF 2.1.0 (WriteText, WriteJSON,
// WriteSARIF). A file that is not a valid cycle yields findings of rule
// "invalid". A moment silences rules for itself with `ignore: [rule-id]`.
//
// The rules are documented for users in docs/rules.md.
package lint

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/msg"
)

// Finding is one problem found in a cycle file. Line and Column are 1-based.
type Finding struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Message  string   `json:"message"`
	// Moment is the id of the moment the finding concerns, when there is one.
	Moment string `json:"moment,omitempty"`
	// Lang is the language of Message ("" when unknown, then English);
	// WriteText writes the severity in it too.
	Lang string `json:"-"`
}

// Options tune the checks.
type Options struct {
	// Today is the date the overdue rule compares due dates with; only its
	// year, month and day count. The zero time disables the overdue rule.
	Today time.Time
	// Lang is the language of the messages, "en" or "es"; "" follows each
	// cycle's own language. It applies to validation problems (rule
	// "invalid") too: with "", those of a file whose language could not be
	// read are in English. Rule ids never change.
	Lang string
}

// Lint parses src as the cycle file named file and checks it. A file that
// is not a valid cycle yields its validation problems as findings of rule
// "invalid"; otherwise the findings of the service rules. The result is
// sorted.
func Lint(file string, src []byte, opts Options) []Finding {
	c, err := cycle.Parse(file, src)
	if err != nil {
		return InvalidFindings(file, err, opts.Lang)
	}
	return Check(cycle.Analyze(c), opts)
}

// InvalidFindings turns a parse error (normally a cycle.ErrorList) into
// findings of rule "invalid", sorted. Messages are in lang, "en" or "es";
// "" follows the language each file declares, when the parser could read
// it, and is English otherwise (see cycle.Error.Text).
func InvalidFindings(file string, err error, lang string) []Finding {
	var list cycle.ErrorList
	if !errors.As(err, &list) {
		return []Finding{{File: file, Line: 1, Column: 1, Severity: Error, Rule: Invalid, Message: err.Error(), Lang: "en"}}
	}
	out := make([]Finding, 0, len(list))
	for _, e := range list {
		f := e.File
		if f == "" {
			f = file
		}
		l := lang
		if l == "" {
			l = e.Lang
		}
		if !msg.Has(l) {
			l = "en"
		}
		out = append(out, Finding{
			File: f, Line: max(e.Pos.Line, 1), Column: max(e.Pos.Column, 1),
			Severity: Error, Rule: Invalid, Message: e.Text(lang), Lang: l,
		})
	}
	Sort(out)
	return out
}

// Check applies every service rule of the registry (see Rules) to an
// analysed cycle, honours each moment's ignore list, and returns the
// findings sorted.
func Check(a *cycle.Analysis, opts Options) []Finding {
	lang := opts.Lang
	if lang == "" {
		lang = a.Cycle.Language
	}
	ch := &checker{file: a.Cycle.File, lang: lang, state: a.Cycle.State, today: opts.Today,
		out: make([]Finding, 0, 2*len(a.Moments)+len(a.Handoffs))}
	for _, r := range rules {
		if r.check != nil {
			r.check(ch, a)
		}
	}
	Sort(ch.out)
	return ch.out
}

// checker collects the findings of one cycle.
type checker struct {
	file  string
	lang  string
	state string    // the cycle's state: as-is or to-be
	today time.Time // for overdue; zero disables it
	out   []Finding
}

// add records a finding of rule at pos for moment m, unless m ignores rule;
// key names the message format.
func (ch *checker) add(m *cycle.Moment, rule string, pos cycle.Pos, key string, args ...any) {
	if m.Ignores(rule) {
		return
	}
	ch.out = append(ch.out, Finding{
		File: ch.file, Line: max(pos.Line, 1), Column: max(pos.Column, 1),
		Severity: severityOf(rule, ch.state), Rule: rule, Message: fmt.Sprintf(format(key, ch.lang), args...), Moment: m.ID, Lang: ch.lang,
	})
}

func openImprovements(m *cycle.Moment) int {
	n := 0
	for _, im := range m.Improvements {
		if !im.Done() {
			n++
		}
	}
	return n
}

// Sort orders findings by file, line, column, rule and message.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			strings.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			strings.Compare(a.Rule, b.Rule),
			strings.Compare(a.Message, b.Message),
		)
	})
}

// Count returns how many findings are errors and how many warnings.
func Count(fs []Finding) (errs, warnings int) {
	for _, f := range fs {
		if f.Severity == Error {
			errs++
		} else {
			warnings++
		}
	}
	return errs, warnings
}

// Failed reports whether the findings fail a lint run: any error, or with
// strict any warning too.
func Failed(fs []Finding, strict bool) bool {
	errs, warnings := Count(fs)
	return errs > 0 || (strict && warnings > 0)
}
