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
	LegNote, LegCallout                    string
}

var vocabulary = map[string]*words{
	"en": {
		Critical:       "CRITICAL",
		Customer:       "Customer",
		Organization:   "Organisation",
		Performance:    "performance",
		End:            "END",
		Legend:         "Legend",
		Improvements:   "Improvements",
		Done:           "done",
		Doing:          "in progress",
		Due:            "due",
		LegMoment:      "Moment of truth: number, name, owner",
		LegCritical:    "Critical moment: double square border and \"! CRITICAL\"",
		LegPerformance: "Performance as customers rate it (score / scale)",
		LegFlow:        "The customer's next step (clockwise)",
		LegHandoff:     "Handoff: passed to another owner within one contact",
		LegBranch:      "Branch: the customer may skip ahead or go back",
		LegEnd:         "The customer leaves the cycle here",
		LegNote:        "Improvement planned for the moment",
		LegCallout:     "Improvements for the moment, listed in the panel",
	},
	"es": {
		Critical:       "CRÍTICO",
		Customer:       "Cliente",
		Organization:   "Organización",
		Performance:    "desempeño",
		End:            "FIN",
		Legend:         "Leyenda",
		Improvements:   "Mejoras",
		Done:           "hecha",
		Doing:          "en curso",
		Due:            "vence",
		LegMoment:      "Momento de verdad: número, nombre, responsable",
		LegCritical:    "Momento crítico: doble borde recto y «! CRÍTICO»",
		LegPerformance: "Desempeño según los clientes (nota / escala)",
		LegFlow:        "Siguiente paso del cliente (en sentido horario)",
		LegHandoff:     "Traspaso: pasa a otro responsable en el mismo contacto",
		LegBranch:      "Bifurcación: el cliente puede saltar o volver atrás",
		LegEnd:         "Aquí el cliente sale del ciclo",
		LegNote:        "Mejora prevista para el momento",
		LegCallout:     "Mejoras del momento, listadas en el panel",
	},
}
