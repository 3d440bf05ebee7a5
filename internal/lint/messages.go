package lint

import (
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
)

// Message keys: one format per finding message, in English and Spanish.
const (
	msgHandoff             = "handoff"
	msgHandoffChain        = "handoff-chain"
	msgNoOpenImprovement   = "no-open-improvement"
	msgAllDone             = "all-done"
	msgCriticalNoOwner     = "critical-no-owner"
	msgNoStandard          = "no-standard"
	msgNoOwner             = "no-owner"
	msgUnscoredBoth        = "unscored-both"
	msgUnscoredImportance  = "unscored-importance"
	msgUnscoredPerformance = "unscored-performance"
	msgImprovementNoOwner  = "improvement-no-owner"
	msgOverdue             = "overdue"
	msgCannotSilence       = "cannot-silence"
	msgUnknownRuleHint     = "unknown-rule-hint"
	msgUnknownRule         = "unknown-rule"
)

// messages holds each message format: index 0 English, 1 Spanish.
var messages = map[string][2]string{
	msgHandoff: {
		"the customer is passed from %q to %q on channel %q (moment %q to %q)",
		"el cliente pasa de %q a %q en el canal %q (momento %q a %q)"},
	msgHandoffChain: {
		"the customer passes through three owners in a row on channel %q: %s",
		"el cliente pasa por tres responsables seguidos en el canal %q: %s"},
	msgNoOpenImprovement: {
		"critical moment %q has no open improvement%s (critical because %s)",
		"el momento crítico %q no tiene ninguna mejora abierta%s (es crítico porque %s)"},
	msgAllDone: {
		": every improvement listed is done",
		": todas las mejoras de la lista están hechas"},
	msgCriticalNoOwner: {
		"critical moment %q has no owner: nobody answers for it (critical because %s)",
		"el momento crítico %q no tiene responsable: nadie responde por él (es crítico porque %s)"},
	msgNoStandard: {
		"critical moment %q has no service standard (critical because %s)",
		"el momento crítico %q no tiene norma de servicio (es crítico porque %s)"},
	msgNoOwner: {
		"moment %q has no owner: nobody answers for it",
		"el momento %q no tiene responsable: nadie responde por él"},
	msgUnscoredBoth: {
		"moment %q has no importance or performance score",
		"el momento %q no tiene nota de importancia ni de desempeño"},
	msgUnscoredImportance: {
		"moment %q has no importance score",
		"el momento %q no tiene nota de importancia"},
	msgUnscoredPerformance: {
		"moment %q has no performance score",
		"el momento %q no tiene nota de desempeño"},
	msgImprovementNoOwner: {
		"improvement %q of moment %q has no owner",
		"la mejora %q del momento %q no tiene responsable"},
	msgOverdue: {
		"improvement %q of moment %q was due %s and is still %s",
		"la mejora %q del momento %q vencía el %s y sigue %s"},
	msgCannotSilence: {
		"rule %q cannot be silenced with ignore",
		"la regla %q no se puede silenciar con ignore"},
	msgUnknownRuleHint: {
		"ignore names unknown rule %q; did you mean %q?",
		"ignore nombra la regla desconocida %q; ¿quiso decir %q?"},
	msgUnknownRule: {
		"ignore names unknown rule %q",
		"ignore nombra la regla desconocida %q"},
}

// format returns the message format for key in lang ("en" or "es").
func format(key, lang string) string {
	m := messages[key]
	if lang == "es" {
		return m[1]
	}
	return m[0]
}

// statusWord names an improvement status in lang.
func statusWord(status, lang string) string {
	if lang != "es" {
		return status
	}
	switch status {
	case "planned":
		return "planificada"
	case "doing":
		return "en curso"
	case "done":
		return "hecha"
	}
	return status
}

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
