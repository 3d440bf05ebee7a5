package lint

// The bidi-control rule, self-contained: its id, its place in Rules, its
// messages and its check.

import (
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/bidi"
	"github.com/ciclo-dev/ciclo/internal/msg"
)

// BidiControl reports invisible bidirectional formatting characters in
// the text of a cycle.
const BidiControl = "bidi-control"

// msgBidi is the message of the rule.
var msgBidi = msg.N("%s holds invisible bidirectional controls, which can make text display in another order than it is written (%s); ciclo's outputs leave them out")

// bidiRule is the rule's value in the registry (rules.go).
var bidiRule = Rule{
	ID: BidiControl, Severity: Warning, Silenceable: true,
	Summary: "A text holds an invisible bidirectional formatting character (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).",
	Help: "These characters are invisible, and an override or an isolate makes the text after it display in " +
		"another order than it is written: a name can read reversed, or say something else than the file " +
		"does, in an editor or a review. ciclo leaves them out of diagrams and reports (JSON keeps them as " +
		"\\u escapes). Delete the character named; if it is a mark a right-to-left name really needs, " +
		"silence the rule on that moment.",
	When:     "a text holds an invisible bidirectional formatting character",
	PointsAt: "the text's key (a pain, evidence, backstage or support entry: its list)",
	check:    func(ch *checker, a *cycle.Analysis) { ch.bidiControls(a.Cycle) },
}

// bidiField is one text of the file and where it is.
type bidiField struct {
	what string // how the message names it, in the checker's language
	text string
	pos  cycle.Pos
}

// bidiControls reports each text of the cycle holding bidirectional
// formatting characters, once per text, naming every distinct one.
func (ch *checker) bidiControls(c *cycle.Cycle) {
	report := func(m *cycle.Moment, f bidiField) {
		found, _ := bidi.Find(f.text)
		if len(found) == 0 || (m != nil && m.Ignores(BidiControl)) {
			return
		}
		var names []string
		for _, r := range found {
			if n := bidi.Name(r); !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		fd := Finding{
			File: ch.file, Line: max(f.pos.Line, 1), Column: max(f.pos.Column, 1),
			Severity: severityOf(BidiControl, ch.state), Rule: BidiControl, Lang: ch.lang,
			Message: msg.Sprintf(ch.lang, msgBidi, f.what, strings.Join(names, ", ")),
		}
		if m != nil {
			fd.Moment = m.ID
		}
		ch.out = append(ch.out, fd)
	}
	lang := ch.lang
	for _, k := range []struct{ key, what, text string }{
		{"title", msg.N("the title"), c.Title},
		{"customer", msg.N("the customer"), c.Customer},
		{"organization", msg.N("the organization"), c.Organization},
	} {
		pos, ok := c.Keys[k.key]
		if !ok {
			pos = c.Pos
		}
		report(nil, bidiField{msg.T(lang, k.what), k.text, pos})
	}
	for _, m := range c.Moments {
		for _, k := range []struct{ key, what, text string }{
			{"name", msg.N("the name"), m.Name}, {"owner", msg.N("the owner"), m.Owner},
			{"channel", msg.N("the channel"), m.Channel}, {"stage", msg.N("the stage"), m.Stage},
			{"description", msg.N("the description"), m.Description},
			{"expectation", msg.N("the expectation"), m.Expectation}, {"standard", msg.N("the standard"), m.Standard},
		} {
			report(m, bidiField{msg.Sprintf(lang, "%s of moment %q", msg.T(lang, k.what), m.ID), k.text, m.KeyPos(k.key)})
		}
		for _, l := range []struct {
			key, what string
			list      []string
		}{
			{"pains", msg.N("pain %d of moment %q"), m.Pains},
			{"evidence", msg.N("evidence %d of moment %q"), m.Evidence},
			{"backstage", msg.N("backstage entry %d of moment %q"), m.Backstage},
			{"support", msg.N("support entry %d of moment %q"), m.Support},
		} {
			for i, t := range l.list {
				report(m, bidiField{msg.Sprintf(lang, l.what, i+1, m.ID), t, m.KeyPos(l.key)})
			}
		}
		for i, im := range m.Improvements {
			report(m, bidiField{msg.Sprintf(lang, "improvement %d of moment %q", i+1, m.ID), im.Action, im.KeyPos("action")})
			report(m, bidiField{msg.Sprintf(lang, "the owner of improvement %d of moment %q", i+1, m.ID), im.Owner, im.KeyPos("owner")})
		}
	}
}
