package lint

import (
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/msg"
)

// The formats of the finding messages, in English; internal/msg holds
// their translations.
var (
	msgHandoff             = msg.N("the customer is passed from %q to %q on channel %q (moment %q to %q)")
	msgHandoffChain        = msg.N("the customer passes through three owners in a row on channel %q: %s")
	msgNoOpenImprovement   = msg.N("critical moment %q has no open improvement%s (critical because %s)")
	msgAllDone             = msg.N(": every improvement listed is done")
	msgCriticalNoOwner     = msg.N("critical moment %q has no owner: nobody answers for it (critical because %s)")
	msgNoStandard          = msg.N("critical moment %q has no service standard (critical because %s)")
	msgNoOwner             = msg.N("moment %q has no owner: nobody answers for it")
	msgUnscoredBoth        = msg.N("moment %q has no importance or performance score")
	msgUnscoredImportance  = msg.N("moment %q has no importance score")
	msgUnscoredPerformance = msg.N("moment %q has no performance score")
	msgImprovementNoOwner  = msg.N("improvement %q of moment %q has no owner")
	msgOverdue             = msg.N("improvement %q of moment %q was due %s and is still %s")
	msgCannotSilence       = msg.N("rule %q cannot be silenced with ignore")
	msgUnknownRuleHint     = msg.N("ignore names unknown rule %q; did you mean %q?")
	msgUnknownRule         = msg.N("ignore names unknown rule %q")
)

// format returns the message format key in lang.
func format(key, lang string) string { return msg.T(lang, key) }

// statusWord names an improvement status in lang.
func statusWord(status, lang string) string { return msg.T(lang, status) }

// The statuses, for the catalog.
var _ = []string{msg.N("planned"), msg.N("doing"), msg.N("done")}

// because joins the reasons a moment is critical, in lang.
func because(reasons []cycle.Reason, lang string) string {
	if len(reasons) == 0 {
		return cycle.Reason{Kind: cycle.Marked}.Text(lang)
	}
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = r.Text(lang)
	}
	return strings.Join(parts, "; ")
}
