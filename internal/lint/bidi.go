package lint

// The bidi-control rule, self-contained: its id, its place in Rules, its
// messages and its check.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/bidi"
)

// BidiControl reports invisible bidirectional formatting characters in
// the text of a cycle.
const BidiControl = "bidi-control"

const msgBidi = "bidi-control"

func init() {
	r := Rule{
		ID: BidiControl, Severity: Warning, Silenceable: true,
		Summary: "A text holds an invisible bidirectional formatting character (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).",
		Help: "These characters are invisible, and an override or an isolate makes the text after it display in " +
			"another order than it is written: a name can read reversed, or say something else than the file " +
			"does, in an editor or a review. ciclo leaves them out of diagrams and reports (JSON keeps them as " +
			"\\u escapes). Delete the character named; if it is a mark a right-to-left name really needs, " +
			"silence the rule on that moment.",
	}
	// Service rules first, then unknown-rule and invalid (see Rules).
	i := slices.IndexFunc(rules, func(r Rule) bool { return r.ID == UnknownRule })
	rules = slices.Insert(rules, i, r)
	messages[msgBidi] = [2]string{
		"%s holds invisible bidirectional controls, which can make text display in another order than it is written (%s); ciclo's outputs leave them out",
		"%s contiene caracteres de control bidireccional invisibles, que pueden hacer que el texto se vea en otro orden que el escrito (%s); las salidas de ciclo los omiten",
	}
}

// bidiField is one text of the file and where it is.
type bidiField struct {
	what [2]string // how the message names it, in English and Spanish
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
		what := f.what[0]
		if ch.lang == "es" {
			what = f.what[1]
		}
		fd := Finding{
			File: ch.file, Line: max(f.pos.Line, 1), Column: max(f.pos.Column, 1),
			Severity: Warning, Rule: BidiControl,
			Message: fmt.Sprintf(format(msgBidi, ch.lang), what, strings.Join(names, ", ")),
		}
		if m != nil {
			fd.Moment = m.ID
		}
		ch.out = append(ch.out, fd)
	}
	for _, k := range []struct {
		key, es, text string
	}{{"title", "el título", c.Title}, {"customer", "el cliente", c.Customer}, {"organization", "la organización", c.Organization}} {
		pos, ok := c.Keys[k.key]
		if !ok {
			pos = c.Pos
		}
		report(nil, bidiField{[2]string{"the " + k.key, k.es}, k.text, pos})
	}
	for _, m := range c.Moments {
		for _, k := range []struct {
			key, es, text string
		}{
			{"name", "el nombre", m.Name}, {"owner", "el responsable", m.Owner}, {"channel", "el canal", m.Channel},
			{"stage", "la etapa", m.Stage}, {"description", "la descripción", m.Description},
			{"expectation", "la expectativa", m.Expectation}, {"standard", "la norma", m.Standard},
		} {
			report(m, bidiField{[2]string{fmt.Sprintf("the %s of moment %q", k.key, m.ID), fmt.Sprintf("%s del momento %q", k.es, m.ID)}, k.text, m.KeyPos(k.key)})
		}
		for i, p := range m.Pains {
			report(m, bidiField{[2]string{fmt.Sprintf("pain %d of moment %q", i+1, m.ID), fmt.Sprintf("el dolor %d del momento %q", i+1, m.ID)}, p, m.KeyPos("pains")})
		}
		for i, im := range m.Improvements {
			report(m, bidiField{[2]string{fmt.Sprintf("improvement %d of moment %q", i+1, m.ID), fmt.Sprintf("la mejora %d del momento %q", i+1, m.ID)}, im.Action, im.KeyPos("action")})
			report(m, bidiField{[2]string{fmt.Sprintf("the owner of improvement %d of moment %q", i+1, m.ID), fmt.Sprintf("el responsable de la mejora %d del momento %q", i+1, m.ID)}, im.Owner, im.KeyPos("owner")})
		}
	}
}
