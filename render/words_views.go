package render

import (
	"github.com/ciclo-dev/ciclo/internal/msg"
)

// viewWords are the fixed words of the journey, blueprint and
// importance–performance views in one language.
type viewWords struct {
	// journey
	Score, ScoreRange                   string // axis title; "%d–%d"
	LegPerf, LegPerfCritical, LegImport string
	LegExpected, LegPerceived           string
	LegCompare                          string // "%s": the older file's title (its name when the titles are the same)
	LegRemoved                          string // "%s": the moments gone
	AndMore                             string // "%d"
	// PerfMissing marks, under the curve, a moment with no performance
	// score (the curve breaks there)
	PerfMissing string
	// a row of moments continued from the previous row, or in the next
	// (below); the same across a page break
	ContinuedFrom, ContinuesBelow        string
	ContinuedFromPage, ContinuesNextPage string
	// WarnMorePages: the paper, the moments on the first page, all the
	// moments, the pages
	WarnMorePages string
	// blueprint
	LaneEvidence, LaneCustomer, LaneFront, LaneBack, LaneSupport  string
	LineInteraction, LineVisibility, LineInternal                 string
	NoneGiven                                                     string
	FailPoint                                                     string // the letter on a fail point
	LegAction, LegFail, LegHandoff, LegBranch, LegReturn, LegNext string
	LegEnd                                                        string
	// ipa
	Importance, Performance string
	Quadrants               map[string]string // by cycle.Quadrant
	LegCritPoint            string
	LegSplit                map[string]string // by split rule; %s: the importance and performance split
	NotScored               string            // "%s": the moments
	// WarnSmall: the paper, the moments, the size reached, the minimum
	WarnSmall string
	// WarnKeyShort: the paper, the names shortened with no room to list
	// them whole
	WarnKeyShort string
}

// viewEnglish holds the views' words in English; internal/msg translates
// them.
var viewEnglish = viewWords{
	Score:             msg.N("Score"),
	ScoreRange:        msg.N("%d–%d"),
	LegPerf:           msg.N("Performance as customers rate it"),
	LegPerfCritical:   msg.N("Critical moment: ringed point, double border, \"! CRITICAL\""),
	LegImport:         msg.N("Importance to the customer (dashed)"),
	LegExpected:       msg.N("Expected, mean of the dimensions scored"),
	LegPerceived:      msg.N("Perceived, mean of the same dimensions"),
	LegCompare:        msg.N("Performance in the older version (%s), matched by id"),
	LegRemoved:        msg.N("No longer in the cycle: %s"),
	AndMore:           msg.N("and %d more"),
	ContinuedFrom:     msg.N("continued from the previous row"),
	ContinuesBelow:    msg.N("continues in the next row"),
	ContinuedFromPage: msg.N("continued from the previous page"),
	ContinuesNextPage: msg.N("continues on the next page"),
	WarnMorePages:     msg.N("on %s, this view shows moments 1 to %d of %d; the rest are on further pages, which only pdf has (%d pages): use -f pdf, or --page auto for one picture"),

	LaneEvidence:    msg.N("Physical evidence"),
	LaneCustomer:    msg.N("Customer actions"),
	LaneFront:       msg.N("Frontstage"),
	LaneBack:        msg.N("Backstage"),
	LaneSupport:     msg.N("Support processes"),
	LineInteraction: msg.N("line of interaction"),
	LineVisibility:  msg.N("line of visibility"),
	LineInternal:    msg.N("line of internal interaction"),
	NoneGiven:       msg.N("not described yet"),
	FailPoint:       msg.N("F"),
	LegNext:         msg.N("The customer's next step"),
	LegAction:       msg.N("Customer action: number, name (the moment)"),
	LegFail:         msg.N("Fail point: a critical moment (double border, F on the line of interaction)"),
	LegHandoff:      msg.N("Handoff: another owner on the same channel"),
	LegBranch:       msg.N("Branch: the customer may skip ahead or go back"),
	LegReturn:       msg.N("The cycle starts again"),
	LegEnd:          msg.N("The customer leaves the cycle here"),

	Importance:  msg.N("Importance"),
	Performance: msg.N("Performance"),
	Quadrants: map[string]string{
		"concentrate-here":  msg.N("Concentrate here"),
		"keep-up":           msg.N("Keep up the good work"),
		"low-priority":      msg.N("Low priority"),
		"possible-overkill": msg.N("Possible overkill"),
	},
	LegCritPoint: msg.N("Critical moment: double ring"),
	LegSplit: map[string]string{
		"midpoint": msg.N("Dividers at the middle of the scale: importance %s, performance %s"),
		"mean":     msg.N("Dividers at the cycle's mean scores: importance %s, performance %s"),
	},
	NotScored:    msg.N("Not scored (no importance or performance): %s"),
	PerfMissing:  msg.N("not scored"),
	WarnSmall:    msg.N("on %s, this view of %d moments is scaled down to names of %g pt, below the %g pt ciclo keeps; --page auto (or a larger paper) draws it at full size"),
	WarnKeyShort: msg.N("on %s, %d names are shortened beside their points and the page has no room to list them whole; another orientation or a larger paper may have it, and ciclo report lists every name"),
}

// viewVocabulary holds the views' words in every language ciclo speaks.
var viewVocabulary = translated(viewEnglish)

// translated translates every string, and every value of every string
// map, of the struct en into each language of the catalog (msg.Struct).
func translated[W any](en W) map[string]*W {
	out := map[string]*W{}
	for lang, w := range msg.Struct(en, "") {
		out[lang] = &w
	}
	return out
}
