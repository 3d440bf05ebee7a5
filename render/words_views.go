package render

// viewWords are the fixed words of the journey, blueprint and
// importance–performance views in one language.
//
// Translations: this block holds every English and Spanish word of those
// three views, to be moved as a whole into the shared catalogue.
type viewWords struct {
	// journey
	Score, ScoreRange                   string // axis title; "%d–%d"
	LegPerf, LegPerfCritical, LegImport string
	LegExpected, LegPerceived           string
	LegCompare                          string // "%s": the older file's title
	LegRemoved                          string // "%s": the moments gone
	AndMore                             string // "%d"
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
	LegPoint, LegCritPoint  string
	LegDivider              string
	LegSplit                map[string]string // by split rule; %s: the importance and performance split
	NotScored               string            // "%s": the moments
}

var viewVocabulary = map[string]*viewWords{
	"en": {
		Score:           "Score",
		ScoreRange:      "%d–%d",
		LegPerf:         "Performance as customers rate it",
		LegPerfCritical: "Critical moment: ringed point, double border, \"! CRITICAL\"",
		LegImport:       "Importance to the customer (dashed)",
		LegExpected:     "Expected, mean of the dimensions scored",
		LegPerceived:    "Perceived, mean of the same dimensions",
		LegCompare:      "Performance in the older version (%s), matched by id",
		LegRemoved:      "No longer in the cycle: %s",
		AndMore:         "and %d more",

		LaneEvidence:    "Physical evidence",
		LaneCustomer:    "Customer actions",
		LaneFront:       "Frontstage",
		LaneBack:        "Backstage",
		LaneSupport:     "Support processes",
		LineInteraction: "line of interaction",
		LineVisibility:  "line of visibility",
		LineInternal:    "line of internal interaction",
		NoneGiven:       "none in the file",
		FailPoint:       "F",
		LegNext:         "The customer's next step",
		LegAction:       "Customer action: number, name (the moment)",
		LegFail:         "Fail point: a critical moment (double border, F on the line of interaction)",
		LegHandoff:      "Handoff: another owner on the same channel",
		LegBranch:       "Branch: the customer may skip ahead or go back",
		LegReturn:       "The cycle starts again",
		LegEnd:          "The customer leaves the cycle here",

		Importance:  "Importance",
		Performance: "Performance",
		Quadrants: map[string]string{
			"concentrate-here":  "Concentrate here",
			"keep-up":           "Keep up the good work",
			"low-priority":      "Low priority",
			"possible-overkill": "Possible overkill",
		},
		LegPoint:     "Moment: number and short name at its scores (the same scores stack, joined by a line)",
		LegCritPoint: "Critical moment: double ring",
		LegDivider:   "On a divider: counts in the quadrant it leans into",
		LegSplit: map[string]string{
			"midpoint": "Dividers at the middle of the scale: importance %s, performance %s",
			"mean":     "Dividers at the cycle's mean scores: importance %s, performance %s",
		},
		NotScored: "Not scored (no importance or performance): %s",
	},
	"es": {
		Score:           "Nota",
		ScoreRange:      "%d–%d",
		LegPerf:         "Desempeño según los clientes",
		LegPerfCritical: "Momento crítico: punto anillado, doble borde, «! CRÍTICO»",
		LegImport:       "Importancia para el cliente (discontinua)",
		LegExpected:     "Esperado, media de las dimensiones puntuadas",
		LegPerceived:    "Percibido, media de las mismas dimensiones",
		LegCompare:      "Desempeño en la versión anterior (%s), por id",
		LegRemoved:      "Ya no están en el ciclo: %s",
		AndMore:         "y %d más",

		LaneEvidence:    "Evidencia física",
		LaneCustomer:    "Acciones del cliente",
		LaneFront:       "Escenario (frontstage)",
		LaneBack:        "Trastienda (backstage)",
		LaneSupport:     "Procesos de soporte",
		LineInteraction: "línea de interacción",
		LineVisibility:  "línea de visibilidad",
		LineInternal:    "línea de interacción interna",
		NoneGiven:       "no figura en el archivo",
		FailPoint:       "F",
		LegNext:         "Siguiente paso del cliente",
		LegAction:       "Acción del cliente: número, nombre (el momento)",
		LegFail:         "Punto de fallo: un momento crítico (doble borde, F en la línea de interacción)",
		LegHandoff:      "Traspaso: otro responsable en el mismo canal",
		LegBranch:       "Bifurcación: el cliente puede saltar o volver atrás",
		LegReturn:       "El ciclo vuelve a empezar",
		LegEnd:          "Aquí el cliente sale del ciclo",

		Importance:  "Importancia",
		Performance: "Desempeño",
		Quadrants: map[string]string{
			"concentrate-here":  "Concentrarse aquí",
			"keep-up":           "Mantener el buen trabajo",
			"low-priority":      "Baja prioridad",
			"possible-overkill": "Posible exceso",
		},
		LegPoint:     "Momento: número y nombre corto en sus notas (las mismas notas se apilan, unidas por una línea)",
		LegCritPoint: "Momento crítico: doble anillo",
		LegDivider:   "Sobre una divisoria: cuenta en el cuadrante hacia el que se inclina",
		LegSplit: map[string]string{
			"midpoint": "Divisorias en la mitad de la escala: importancia %s, desempeño %s",
			"mean":     "Divisorias en las notas medias del ciclo: importancia %s, desempeño %s",
		},
		NotScored: "Sin puntuar (sin importancia o desempeño): %s",
	},
}
