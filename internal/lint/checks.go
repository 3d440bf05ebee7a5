package lint

import (
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
)

// The checks of the rules: each is the check of one rule of the registry
// (rules.go) and reports through checker.add under that rule's id.

func checkCriticalWithoutImprovement(ch *checker, a *cycle.Analysis) {
	for _, ma := range a.Moments {
		m := ma.Moment
		if !ma.Critical || openImprovements(m) > 0 {
			continue
		}
		pos, detail := m.KeyPos("id"), ""
		if len(m.Improvements) > 0 {
			pos, detail = m.KeyPos("improvements"), format(msgAllDone, ch.lang)
		}
		ch.add(m, CriticalWithoutImprovement, pos, msgNoOpenImprovement, m.ID, detail, because(ma.Reasons, ch.lang))
	}
}

func checkCriticalWithoutOwner(ch *checker, a *cycle.Analysis) {
	for _, ma := range a.Moments {
		if ma.Critical && ma.Owner == "" {
			ch.add(ma.Moment, CriticalWithoutOwner, ma.KeyPos("id"), msgCriticalNoOwner, ma.ID, because(ma.Reasons, ch.lang))
		}
	}
}

func checkMissingOwner(ch *checker, a *cycle.Analysis) {
	for _, ma := range a.Moments {
		if !ma.Critical && ma.Owner == "" {
			ch.add(ma.Moment, MissingOwner, ma.KeyPos("id"), msgNoOwner, ma.ID)
		}
	}
}

func checkHandoff(ch *checker, a *cycle.Analysis) {
	for _, e := range a.Handoffs {
		ch.add(e.To, Handoff, e.To.KeyPos("owner"), msgHandoff,
			e.From.Owner, e.To.Owner, e.To.Channel, e.From.ID, e.To.ID)
	}
}

func checkHandoffChain(ch *checker, a *cycle.Analysis) {
	for _, c := range handoffChains(a) {
		at := c.walk[len(c.walk)-1]
		ch.add(at, HandoffChain, at.KeyPos("owner"), msgHandoffChain, at.Channel, describeWalk(c.walk, ch.lang))
	}
}

func checkMissingStandard(ch *checker, a *cycle.Analysis) {
	for _, ma := range a.Moments {
		if ma.Critical && ma.Standard == "" {
			ch.add(ma.Moment, MissingStandard, ma.KeyPos("id"), msgNoStandard, ma.ID, because(ma.Reasons, ch.lang))
		}
	}
}

func checkUnscored(ch *checker, a *cycle.Analysis) {
	for _, ma := range a.Moments {
		m, id := ma.Moment, ma.KeyPos("id")
		switch {
		case m.Importance.IsZero() && m.Performance.IsZero():
			ch.add(m, Unscored, id, msgUnscoredBoth, m.ID)
		case m.Importance.IsZero():
			ch.add(m, Unscored, id, msgUnscoredImportance, m.ID)
		case m.Performance.IsZero():
			ch.add(m, Unscored, id, msgUnscoredPerformance, m.ID)
		}
	}
}

func checkOverdue(ch *checker, a *cycle.Analysis) {
	for _, ma := range a.Moments {
		for _, im := range ma.Improvements {
			if im.Overdue(ch.today) {
				ch.add(ma.Moment, Overdue, im.KeyPos("due"), msgOverdue,
					im.Action, ma.ID, im.Due.Format(time.DateOnly), statusWord(im.Status, ch.lang))
			}
		}
	}
}

func checkImprovementWithoutOwner(ch *checker, a *cycle.Analysis) {
	for _, ma := range a.Moments {
		for _, im := range ma.Improvements {
			if im.Owner == "" {
				ch.add(ma.Moment, ImprovementWithoutOwner, im.KeyPos("action"), msgImprovementNoOwner, im.Action, ma.ID)
			}
		}
	}
}

// checkUnknownRule reports entries of ignore lists that name no
// silenceable rule.
func checkUnknownRule(ch *checker, a *cycle.Analysis) {
	var known []string
	for _, r := range rules {
		if r.Silenceable {
			known = append(known, r.ID)
		}
	}
	for _, ma := range a.Moments {
		m := ma.Moment
		for i, id := range m.Ignore {
			pos := m.KeyPos("ignore")
			if i < len(m.IgnorePos) {
				pos = m.IgnorePos[i]
			}
			r, ok := Lookup(id)
			switch {
			case ok && r.Silenceable:
			case ok:
				ch.add(m, UnknownRule, pos, msgCannotSilence, id)
			default:
				if s := cycle.Suggest(id, known); s != "" {
					ch.add(m, UnknownRule, pos, msgUnknownRuleHint, id, s)
				} else {
					ch.add(m, UnknownRule, pos, msgUnknownRule, id)
				}
			}
		}
	}
}
