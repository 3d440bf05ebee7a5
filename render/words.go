package render

// words are the fixed words of the diagram in one language.
type words struct {
	Critical     string // marker text in a critical moment
	Customer     string
	Organization string
	Performance  string
	End          string // the end marker of an open cycle
	Legend       string
	Improvements string // heading of the notes panel
	Done, Doing  string // improvement status
	Due          string

	LegMoment, LegCritical, LegPerformance string
	LegFlow, LegHandoff, LegBranch, LegEnd string
	LegBranchHandoff                       string // a branch that is also a handoff
	LegNote, LegCallout                    string

	// warnings on a named page: paper, moments, size reached, minimum;
	// paper, the callout numbers moved
	WarnSmall, WarnMoved, WarnMovedPDF string
}

var vocabulary = map[string]*words{
	"en": {
		Critical:         "CRITICAL",
		Customer:         "Customer",
		Organization:     "Organisation",
		Performance:      "performance",
		End:              "END",
		Legend:           "Legend",
		Improvements:     "Improvements",
		Done:             "done",
		Doing:            "in progress",
		Due:              "due",
		LegMoment:        "Moment of truth: number, name, owner",
		LegCritical:      "Critical moment: double square border and \"! CRITICAL\"",
		LegPerformance:   "Performance as customers rate it (score / scale)",
		LegFlow:          "The customer's next step (clockwise)",
		LegHandoff:       "Handoff: passed to another owner within one contact",
		LegBranch:        "Branch: the customer may skip ahead or go back",
		LegEnd:           "The customer leaves the cycle here",
		LegBranchHandoff: "Branch and handoff: skips ahead or back, to another owner",
		LegNote:          "Improvements for the moment (planned, in progress or done)",
		LegCallout:       "Improvements for the moment of that number, listed in the panel",
		WarnSmall:        "on %s, %d moments are drawn with names at %.1f pt, below the %g pt ciclo keeps; a larger page (a3, slide) keeps them larger",
		WarnMoved:        "on %s, the notes of moments %s do not fit beside the diagram and are left out; the PDF continues them on a second page and ciclo report lists them all",
		WarnMovedPDF:     "on %s, the notes of moments %s continue on a second page",
	},
	"es": {
		Critical:         "CRÍTICO",
		Customer:         "Cliente",
		Organization:     "Organización",
		Performance:      "desempeño",
		End:              "FIN",
		Legend:           "Leyenda",
		Improvements:     "Mejoras",
		Done:             "hecha",
		Doing:            "en curso",
		Due:              "vence",
		LegMoment:        "Momento de verdad: número, nombre, responsable",
		LegCritical:      "Momento crítico: doble borde recto y «! CRÍTICO»",
		LegPerformance:   "Desempeño según los clientes (nota / escala)",
		LegFlow:          "Siguiente paso del cliente (en sentido horario)",
		LegHandoff:       "Traspaso: pasa a otro responsable en el mismo contacto",
		LegBranch:        "Bifurcación: el cliente puede saltar o volver atrás",
		LegEnd:           "Aquí el cliente sale del ciclo",
		LegBranchHandoff: "Bifurcación y traspaso: salta o vuelve, a otro responsable",
		LegNote:          "Mejoras del momento (previstas, en curso o hechas)",
		LegCallout:       "Mejoras del momento de ese número, listadas en el panel",
		WarnSmall:        "en %s, los %d momentos llevan nombres de %.1f pt, por debajo de los %g pt que ciclo mantiene; una página mayor (a3, slide) los deja más grandes",
		WarnMoved:        "en %s, las mejoras de los momentos %s no caben junto al diagrama y quedan fuera; el PDF las continúa en una segunda página y ciclo report las lista todas",
		WarnMovedPDF:     "en %s, las mejoras de los momentos %s siguen en una segunda página",
	},
}
