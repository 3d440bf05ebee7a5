package report

import (
	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/msg"
)

// words holds the fixed words of the human-readable reports in English,
// by key; internal/msg translates them (pillars with the context
// "pillar", since a pillar and a dimension may share an English name).
var words = map[string]string{
	"report":              msg.N("Service cycle report"),
	"customer":            msg.N("Customer"),
	"organization":        msg.N("Organization"),
	"date":                msg.N("Report date"),
	"scale":               msg.N("Scale"),
	"summary":             msg.N("Summary"),
	"moments":             msg.N("Moments"),
	"moment":              msg.N("Moment"),
	"critical_moments":    msg.N("Critical moments"),
	"critical":            msg.N("Critical"),
	"owner":               msg.N("Owner"),
	"channel":             msg.N("Channel"),
	"stage":               msg.N("Stage"),
	"importance":          msg.N("Importance"),
	"performance":         msg.N("Performance"),
	"sample":              msg.N("Ratings"),
	"quadrant":            msg.N("Quadrant"),
	"reasons":             msg.N("Why it is critical"),
	"pains":               msg.N("Pains"),
	"expectation":         msg.N("Expectation"),
	"standard":            msg.N("Standard"),
	"evidence":            msg.N("Evidence"),
	"no_standard":         msg.N("no service standard set"),
	"no_critical":         msg.N("No moment is critical."),
	"ipa":                 msg.N("Importance–performance"),
	"ipa_note":            msg.N("The quadrants split at the scale's midpoint %s: a score above it counts as high, a score on it or below as low, so a point on a divider counts as low. Moments missing a score are listed as unscored."),
	"ipa_note_mean":       msg.N("The quadrants split at the cycle's mean importance (%s) and mean performance (%s), as the file asks (quadrants: mean): a score above the mean counts as high, a score on it or below as low, so a point on a divider counts as low. Moments missing a score are listed as unscored."),
	"details":             msg.N("Moment details"),
	"description":         msg.N("Description"),
	"dimensions":          msg.N("Dimensions"),
	"dimension_gap":       msg.N("%s: expected %s, perceived %s (gap %s)"),
	"dimension_perceived": msg.N("%s: perceived %s"),
	"backstage":           msg.N("Backstage"),
	"support":             msg.N("Support"),
	"link":                msg.N("Link"),
	"unscored":            msg.N("Unscored"),
	"ipa_scores":          msg.N("Scores: importance / performance."),
	"servqual":            msg.N("SERVQUAL gaps"),
	"servqual_note":       msg.N("Gap = perceived − expected; negative is a shortfall. Average over the moments that score both."),
	"determinant":         msg.N("Determinant"),
	"dimension":           msg.N("Dimension"),
	"average_gap":         msg.N("Average gap"),
	"by_moment":           msg.N("By moment"),
	"no_gaps":             msg.N("No moment scores both expectation and perception of a determinant."),
	"curve":               msg.N("Performance along the cycle"),
	"diagram":             msg.N("The cycle"),
	"diagram_full":        msg.N("Show at full size"),
	"diagram_fit":         msg.N("Fit to the page"),
	"diagram_journey":     msg.N("The journey curve"),
	"diagram_blueprint":   msg.N("The service blueprint"),
	"handoffs":            msg.N("Handoffs"),
	"handoffs_note":       msg.N("Within one contact the customer is passed to another owner."),
	"no_handoffs":         msg.N("No handoffs."),
	"plan":                msg.N("Action plan"),
	"plan_note":           msg.N("Grouped by owner, by due date; undated actions last. Overdue: not done and due before %s."),
	"no_plan":             msg.N("No improvements planned."),
	"action":              msg.N("Action"),
	"due":                 msg.N("Due"),
	"undated":             msg.N("no date"),
	"pillar":              msg.N("Pillar"),
	"status":              msg.N("Status"),
	"overdue":             msg.N("OVERDUE"),
	"unassigned":          msg.N("Unassigned"),
	"open_actions":        msg.N("open actions"),
	"overdue_actions":     msg.N("overdue"),
	"critical_count":      msg.N("critical"),
	"moments_count":       msg.N("moments"),
	"handoffs_count":      msg.N("handoffs"),
	"yes":                 msg.N("yes"),
	"no":                  msg.N("no"),
	"none":                msg.N("—"),
	"legend_critical":     msg.N("critical moment"),
	"legend_other":        msg.N("other moment"),
	"legend_perf":         msg.N("performance"),
	"legend_imp":          msg.N("importance"),
	"axis_moment":         msg.N("moment"),
	"axis_gap":            msg.N("average gap (perceived − expected)"),
	"concentrate-here":    msg.N("Concentrate here"),
	"keep-up":             msg.N("Keep up the good work"),
	"low-priority":        msg.N("Low priority"),
	"possible-overkill":   msg.N("Possible overkill"),
	"planned":             msg.N("planned"),
	"doing":               msg.N("in progress"), // as the diagrams' notes say
	"done":                msg.N("done"),
	"treatment":           msg.Nc("pillar", "treatment"),
	"processes":           msg.Nc("pillar", "processes"),
	"responsiveness_p":    msg.Nc("pillar", "responsiveness"),
	"organization_p":      msg.Nc("pillar", "organization"),
}

// word returns the fixed word key in lang, or the key itself when there
// is no such word.
func word(lang, key string) string {
	w, ok := words[key]
	if !ok {
		return key
	}
	if pillarKeys[key] {
		return msg.Tc(lang, "pillar", w)
	}
	return msg.T(lang, w)
}

// pillarKeys are the word keys of the pillars.
var pillarKeys = map[string]bool{"treatment": true, "processes": true, "responsiveness_p": true, "organization_p": true}

// pillarWord names a pillar in lang. Pillar keys share names with
// dimensions, so they have their own word keys.
func pillarWord(lang, p string) string {
	switch p {
	case "responsiveness", "organization":
		return word(lang, p+"_p")
	case "":
		return ""
	}
	return word(lang, p)
}

// quadrantWord names a quadrant in lang; "" for cycle.None.
func quadrantWord(lang string, q cycle.Quadrant) string {
	if q == cycle.None {
		return ""
	}
	return word(lang, string(q))
}
