package report

import "github.com/ciclo-dev/ciclo/cycle"

// words holds the fixed words of the human-readable reports, per language.
// Every key has an entry in every language of cycle.Languages.
var words = map[string]map[string]string{
	"en": {
		"report":            "Service cycle report",
		"customer":          "Customer",
		"organization":      "Organization",
		"date":              "Report date",
		"scale":             "Scale",
		"summary":           "Summary",
		"moments":           "Moments",
		"moment":            "Moment",
		"critical_moments":  "Critical moments",
		"critical":          "Critical",
		"owner":             "Owner",
		"channel":           "Channel",
		"stage":             "Stage",
		"importance":        "Importance",
		"performance":       "Performance",
		"quadrant":          "Quadrant",
		"reasons":           "Why it is critical",
		"pains":             "Pains",
		"expectation":       "Expectation",
		"standard":          "Standard",
		"evidence":          "Evidence",
		"no_standard":       "no service standard set",
		"no_critical":       "No moment is critical.",
		"ipa":               "Importance–performance",
		"ipa_note":          "Scores above the midpoint %s count as high; moments missing a score are listed as unscored.",
		"unscored":          "Unscored",
		"ipa_scores":        "Scores: importance / performance.",
		"servqual":          "SERVQUAL gaps",
		"servqual_note":     "Gap = perceived − expected; negative is a shortfall. Average over the moments that score both.",
		"determinant":       "Determinant",
		"average_gap":       "Average gap",
		"by_moment":         "By moment",
		"no_gaps":           "No moment scores both expectation and perception of a determinant.",
		"curve":             "Performance along the cycle",
		"diagram":           "The cycle",
		"diagram_full":      "Show at full size",
		"diagram_fit":       "Fit to the page",
		"diagram_journey":   "The journey curve",
		"diagram_blueprint": "The service blueprint",
		"handoffs":          "Handoffs",
		"handoffs_note":     "Within one contact the customer is passed to another owner.",
		"no_handoffs":       "No handoffs.",
		"plan":              "Action plan",
		"plan_note":         "Grouped by owner, by due date; undated actions last. Overdue: not done and due before %s.",
		"no_plan":           "No improvements planned.",
		"action":            "Action",
		"due":               "Due",
		"undated":           "no date",
		"pillar":            "Pillar",
		"status":            "Status",
		"overdue":           "OVERDUE",
		"unassigned":        "Unassigned",
		"open_actions":      "open actions",
		"overdue_actions":   "overdue",
		"critical_count":    "critical",
		"moments_count":     "moments",
		"handoffs_count":    "handoffs",
		"yes":               "yes",
		"no":                "no",
		"none":              "—",
		"legend_critical":   "critical moment",
		"legend_other":      "other moment",
		"legend_perf":       "performance",
		"legend_imp":        "importance",
		"axis_moment":       "moment",
		"axis_gap":          "average gap (perceived − expected)",
		"concentrate-here":  "Concentrate here",
		"keep-up":           "Keep up the good work",
		"low-priority":      "Low priority",
		"possible-overkill": "Possible overkill",
		"planned":           "planned",
		"doing":             "doing",
		"done":              "done",
		"treatment":         "treatment",
		"processes":         "processes",
		"responsiveness_p":  "responsiveness",
		"organization_p":    "organization",
	},
	"es": {
		"report":            "Informe del ciclo de servicio",
		"customer":          "Cliente",
		"organization":      "Organización",
		"date":              "Fecha del informe",
		"scale":             "Escala",
		"summary":           "Resumen",
		"moments":           "Momentos",
		"moment":            "Momento",
		"critical_moments":  "Momentos críticos",
		"critical":          "Crítico",
		"owner":             "Responsable",
		"channel":           "Canal",
		"stage":             "Etapa",
		"importance":        "Importancia",
		"performance":       "Desempeño",
		"quadrant":          "Cuadrante",
		"reasons":           "Por qué es crítico",
		"pains":             "Dolores",
		"expectation":       "Expectativa",
		"standard":          "Norma",
		"evidence":          "Evidencia",
		"no_standard":       "sin norma de servicio",
		"no_critical":       "Ningún momento es crítico.",
		"ipa":               "Importancia–desempeño",
		"ipa_note":          "Los puntajes sobre el punto medio %s cuentan como altos; los momentos sin puntaje figuran como sin puntuar.",
		"unscored":          "Sin puntuar",
		"ipa_scores":        "Puntajes: importancia / desempeño.",
		"servqual":          "Brechas SERVQUAL",
		"servqual_note":     "Brecha = percibido − esperado; negativo es un déficit. Promedio sobre los momentos que puntúan ambos.",
		"determinant":       "Determinante",
		"average_gap":       "Brecha promedio",
		"by_moment":         "Por momento",
		"no_gaps":           "Ningún momento puntúa a la vez expectativa y percepción de un determinante.",
		"curve":             "Desempeño a lo largo del ciclo",
		"diagram":           "El ciclo",
		"diagram_full":      "Ver a tamaño real",
		"diagram_fit":       "Ajustar a la página",
		"diagram_journey":   "La curva del recorrido",
		"diagram_blueprint": "El plano del servicio (blueprint)",
		"handoffs":          "Traspasos",
		"handoffs_note":     "En un mismo contacto se pasa al cliente a otro responsable.",
		"no_handoffs":       "Sin traspasos.",
		"plan":              "Plan de acción",
		"plan_note":         "Agrupado por responsable, por fecha límite; las acciones sin fecha al final. Vencida: no hecha y con fecha anterior al %s.",
		"no_plan":           "No hay mejoras planificadas.",
		"action":            "Acción",
		"due":               "Fecha límite",
		"undated":           "sin fecha",
		"pillar":            "Pilar",
		"status":            "Estado",
		"overdue":           "VENCIDA",
		"unassigned":        "Sin responsable",
		"open_actions":      "acciones abiertas",
		"overdue_actions":   "vencidas",
		"critical_count":    "críticos",
		"moments_count":     "momentos",
		"handoffs_count":    "traspasos",
		"yes":               "sí",
		"no":                "no",
		"none":              "—",
		"legend_critical":   "momento crítico",
		"legend_other":      "otro momento",
		"legend_perf":       "desempeño",
		"legend_imp":        "importancia",
		"axis_moment":       "momento",
		"axis_gap":          "brecha promedio (percibido − esperado)",
		"concentrate-here":  "Concentrarse aquí",
		"keep-up":           "Mantener el buen trabajo",
		"low-priority":      "Baja prioridad",
		"possible-overkill": "Posible exceso",
		"planned":           "planificada",
		"doing":             "en curso",
		"done":              "hecha",
		"treatment":         "trato",
		"processes":         "procesos de trabajo",
		"responsiveness_p":  "rapidez de respuesta",
		"organization_p":    "eficiencia organizativa",
	},
}

// word returns the fixed word key in lang, falling back to English and
// then to the key itself.
func word(lang, key string) string {
	if w, ok := words[lang][key]; ok {
		return w
	}
	if w, ok := words["en"][key]; ok {
		return w
	}
	return key
}

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
