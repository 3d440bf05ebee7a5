package report

import "github.com/ciclo-dev/ciclo/internal/msg"

// portfolioWords holds the fixed words of the portfolio reports in
// English, by key; ciclo's catalog (internal/msg) translates them under
// the context "portfolio". Words the single-cycle report already has come
// from words.
var portfolioWords = map[string]string{
	"portfolio":          msg.Nc("portfolio", "Portfolio of service cycles"),
	"cycles_count":       msg.Nc("portfolio", "cycles"),
	"glance":             msg.Nc("portfolio", "The cycles at a glance"),
	"glance_note":        msg.Nc("portfolio", "Each cycle's diagram, weakest first. Open one for its full report: ciclo report FILE."),
	"ranking":            msg.Nc("portfolio", "Cycles, weakest first"),
	"ranking_note":       msg.Nc("portfolio", "A cycle is as good as its weakest moment: failing at one point is failing at everything. So the lowest performance stands beside the mean; cycles are ordered by it (on each cycle's own scale, compared as a share of the scale)."),
	"cycle":              msg.Nc("portfolio", "Cycle"),
	"weakest":            msg.Nc("portfolio", "Weakest moment"),
	"lowest":             msg.Nc("portfolio", "Lowest"),
	"mean":               msg.Nc("portfolio", "Mean"),
	"spread":             msg.Nc("portfolio", "Lowest and mean"),
	"no_scores":          msg.Nc("portfolio", "no scored moment"),
	"diagram_link":       msg.Nc("portfolio", "diagram"),
	"owners":             msg.Nc("portfolio", "Owners by critical moments"),
	"owners_note":        msg.Nc("portfolio", "Who answers for the critical moments across all cycles. Owners are matched ignoring case."),
	"critical_moments_n": msg.Nc("portfolio", "Critical moments"),
	"moments_owned":      msg.Nc("portfolio", "Moments owned"),
	"where":              msg.Nc("portfolio", "Where"),
	"plan_all":           msg.Nc("portfolio", "Action plan across cycles"),
	"plan_all_note":      msg.Nc("portfolio", "Open actions grouped by owner, by due date; undated last. Done actions are counted, not listed. Overdue: not done and due before %s."),
	"done_count":         msg.Nc("portfolio", "done"),
	"servqual_all":       msg.Nc("portfolio", "SERVQUAL gaps across cycles"),
	"servqual_all_note":  msg.Nc("portfolio", "Mean gap (perceived − expected) over every moment that scores both, largest shortfall first. Gaps of cycles on other scales are put on 1..5 so they add up."),
	"worst":              msg.Nc("portfolio", "Worst"),
	"skipped":            msg.Nc("portfolio", "Not included"),
	"skipped_note":       msg.Nc("portfolio", "These inputs could not be read; fix them and run the report again."),
	"no_owner_moments":   msg.Nc("portfolio", "No moment is critical."),
	"open_n":             msg.Nc("portfolio", "open"),
	"col_critical":       msg.Nc("portfolio", "Critical"),
	"col_moments":        msg.Nc("portfolio", "Moments"),
	"col_open":           msg.Nc("portfolio", "Open actions"),
	"col_overdue":        msg.Nc("portfolio", "Overdue"),
	"col_cycles":         msg.Nc("portfolio", "Cycles"),
	"calm_owners":        msg.Nc("portfolio", "No critical moment (moments owned):"),
	"critical_one":       msg.Nc("portfolio", "critical"),
}

// pword returns a portfolio word, falling back to the report's words.
func pword(lang, key string) string {
	if w, ok := portfolioWords[key]; ok {
		return msg.Tc(lang, "portfolio", w)
	}
	return word(lang, key)
}
