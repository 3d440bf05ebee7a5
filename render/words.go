package render

import "github.com/ciclo-dev/ciclo/internal/msg"

// words are the fixed words of the diagram in one language.
type words struct {
	Critical     string // marker text in a critical moment
	Customer     string
	Organization string
	Performance  string
	End          string // the end marker of an open cycle
	Legend       string
	Improvements string // heading of the notes panel
	// ImprovementsOn heads the notes panel continued on a page of its own:
	// the cycle's title
	ImprovementsOn string
	Done, Doing    string // improvement status
	Due            string

	LegMoment, LegCritical, LegPerformance string
	LegFlow, LegHandoff, LegBranch, LegEnd string
	LegBranchHandoff                       string // a branch that is also a handoff
	LegNote, LegCallout                    string
	// LegCallout reworded when notes are not all on the page: none of
	// them (Page2 in a PDF, Report in an SVG or PNG), or some (Panel...)
	LegCalloutPage2, LegCalloutReport           string
	LegCalloutPanelPage2, LegCalloutPanelReport string
	// the same when the notes take more than one further page
	LegCalloutPages, LegCalloutPanelPages string

	// warnings on a named page: paper, moments, size reached, minimum;
	// paper, the callout numbers moved (the One forms for one moment)
	WarnSmall, WarnSmallLargest, WarnMoved, WarnMovedPDF string
	WarnMovedOne, WarnMovedPDFOne                        string
	// the same when the notes take more than one further page (the last
	// page's number after the moments)
	WarnMovedPages, WarnMovedPDFPages, WarnMovedOnePages, WarnMovedPDFOnePages string
	// Papers names each paper (--page) in the warnings: "on a slide"
	Papers map[string]string
}

// PaperWord is how a warning in language lang (as Options.Lang; English
// for one ciclo does not speak) names paper, a --page value: "A4", "a
// slide", "una diapositiva".
func PaperWord(lang, paper string) string {
	w, ok := vocabulary[lang]
	if !ok {
		w = vocabulary["en"]
	}
	return paperWord(w, paper)
}

// paperWord is how a warning names paper (a --page value) in w's
// language; a paper it has no word for keeps its own name.
func paperWord(w *words, paper string) string {
	if s, ok := w.Papers[paper]; ok {
		return s
	}
	return paper
}

// english holds the diagram's words in English; internal/msg translates
// them.
var english = words{
	Critical:              msg.N("CRITICAL"),
	Customer:              msg.N("Customer"),
	Organization:          msg.N("Organisation"),
	Performance:           msg.N("performance"),
	End:                   msg.N("END"),
	Legend:                msg.N("Legend"),
	Improvements:          msg.N("Improvements"),
	ImprovementsOn:        msg.N("Improvements, continued: %s"),
	Done:                  msg.N("done"),
	Doing:                 msg.N("in progress"),
	Due:                   msg.N("due"),
	LegMoment:             msg.N("Moment of truth: number, name, owner"),
	LegCritical:           msg.N("Critical moment: double square border and \"! CRITICAL\""),
	LegPerformance:        msg.N("Performance as customers rate it (score / scale)"),
	LegFlow:               msg.N("The customer's next step (clockwise)"),
	LegHandoff:            msg.N("Handoff: passed to another owner within one contact"),
	LegBranch:             msg.N("Branch: the customer may skip ahead or go back"),
	LegEnd:                msg.N("The customer leaves the cycle here"),
	LegBranchHandoff:      msg.N("Branch and handoff: skips ahead or back, to another owner"),
	LegNote:               msg.N("Improvements for the moment (planned, in progress or done)"),
	LegCallout:            msg.N("Improvements for the moment of that number, listed in the panel"),
	LegCalloutPage2:       msg.N("Improvements for the moment of that number, listed on page 2"),
	LegCalloutReport:      msg.N("Improvements for the moment of that number, listed in the report"),
	LegCalloutPanelPage2:  msg.N("Improvements for the moment of that number: in the panel and on page 2"),
	LegCalloutPanelReport: msg.N("Improvements for the moment of that number: in the panel, all in the report"),
	LegCalloutPages:       msg.N("Improvements for the moment of that number, listed from page 2 on"),
	LegCalloutPanelPages:  msg.N("Improvements for the moment of that number: in the panel and from page 2 on"),
	WarnSmall:             msg.N("on %s, %d moments are drawn with names at %g pt, below the %g pt ciclo keeps; a larger paper (a3) keeps them larger"),
	WarnSmallLargest:      msg.N("on %s, %d moments are drawn with names at %g pt, below the %g pt ciclo keeps; a3 is the largest paper, and --page auto draws them at full size"),
	WarnMoved:             msg.N("on %s, the notes of moments %s do not fit beside the diagram and are left out; the PDF continues them on a second page and ciclo report lists them all"),
	WarnMovedPDF:          msg.N("on %s, the notes of moments %s continue on a second page"),
	WarnMovedOne:          msg.N("on %s, the notes of moment %s do not fit beside the diagram and are left out; the PDF continues them on a second page and ciclo report lists them all"),
	WarnMovedPDFOne:       msg.N("on %s, the notes of moment %s continue on a second page"),
	WarnMovedPages:        msg.N("on %s, the notes of moments %s do not fit beside the diagram and are left out; the PDF continues them on pages 2 to %d and ciclo report lists them all"),
	WarnMovedPDFPages:     msg.N("on %s, the notes of moments %s continue on pages 2 to %d"),
	WarnMovedOnePages:     msg.N("on %s, the notes of moment %s do not fit beside the diagram and are left out; the PDF continues them on pages 2 to %d and ciclo report lists them all"),
	WarnMovedPDFOnePages:  msg.N("on %s, the notes of moment %s continue on pages 2 to %d"),
	Papers: map[string]string{
		"a4": msg.N("A4"), "a3": msg.N("A3"), "letter": msg.N("Letter"), "slide": msg.N("a slide"),
	},
}

// vocabulary holds the diagram's words in every language ciclo speaks.
var vocabulary = translated(english)
