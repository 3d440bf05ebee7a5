package report

// portfolioWords holds the fixed words of the portfolio reports, per
// language (one block, to move into the shared catalog as it is). Words
// the single-cycle report already has come from words.
var portfolioWords = map[string]map[string]string{
	"en": {
		"portfolio":          "Portfolio of service cycles",
		"cycles_count":       "cycles",
		"glance":             "The cycles at a glance",
		"glance_note":        "Each cycle's diagram, weakest first. Open one for its full report: ciclo report FILE.",
		"ranking":            "Cycles, weakest first",
		"ranking_note":       "A cycle is as good as its weakest moment: failing at one point is failing at everything. So the lowest performance stands beside the mean; cycles are ordered by it (on each cycle's own scale, compared as a share of the scale).",
		"cycle":              "Cycle",
		"weakest":            "Weakest moment",
		"lowest":             "Lowest",
		"mean":               "Mean",
		"spread":             "Lowest and mean",
		"no_scores":          "no scored moment",
		"diagram_link":       "diagram",
		"owners":             "Owners by critical moments",
		"owners_note":        "Who answers for the critical moments across all cycles. Owners are matched ignoring case.",
		"critical_moments_n": "Critical moments",
		"moments_owned":      "Moments owned",
		"where":              "Where",
		"plan_all":           "Action plan across cycles",
		"plan_all_note":      "Open actions grouped by owner, by due date; undated last. Done actions are counted, not listed. Overdue: not done and due before %s.",
		"done_count":         "done",
		"servqual_all":       "SERVQUAL gaps across cycles",
		"servqual_all_note":  "Mean gap (perceived − expected) over every moment that scores both, largest shortfall first. Gaps of cycles on other scales are put on 1..5 so they add up.",
		"worst":              "Worst",
		"skipped":            "Not included",
		"skipped_note":       "These inputs could not be read; fix them and run the report again.",
		"no_owner_moments":   "No moment is critical.",
		"open_n":             "open",
		"col_critical":       "Critical",
		"col_moments":        "Moments",
		"col_open":           "Open actions",
		"col_overdue":        "Overdue",
		"col_cycles":         "Cycles",
		"calm_owners":        "No critical moment (moments owned):",
		"critical_one":       "critical",
	},
	"es": {
		"portfolio":          "Cartera de ciclos de servicio",
		"cycles_count":       "ciclos",
		"glance":             "Los ciclos de un vistazo",
		"glance_note":        "El diagrama de cada ciclo, del más débil al más fuerte. Para el informe completo de uno: ciclo report ARCHIVO.",
		"ranking":            "Ciclos, del más débil al más fuerte",
		"ranking_note":       "Un ciclo vale lo que su momento más débil: fallar en un punto es fallar en todo. Por eso el desempeño más bajo va junto al promedio, y los ciclos se ordenan por él (cada uno en su escala, comparados como proporción de la escala).",
		"cycle":              "Ciclo",
		"weakest":            "Momento más débil",
		"lowest":             "Mínimo",
		"mean":               "Promedio",
		"spread":             "Mínimo y promedio",
		"no_scores":          "ningún momento puntuado",
		"diagram_link":       "diagrama",
		"owners":             "Responsables por momentos críticos",
		"owners_note":        "Quién responde por los momentos críticos en todos los ciclos. Los responsables se comparan sin distinguir mayúsculas.",
		"critical_moments_n": "Momentos críticos",
		"moments_owned":      "Momentos a cargo",
		"where":              "Dónde",
		"plan_all":           "Plan de acción de todos los ciclos",
		"plan_all_note":      "Acciones abiertas agrupadas por responsable, por fecha límite; las sin fecha al final. Las hechas se cuentan, no se listan. Vencida: no hecha y con fecha anterior al %s.",
		"done_count":         "hechas",
		"servqual_all":       "Brechas SERVQUAL de todos los ciclos",
		"servqual_all_note":  "Brecha promedio (percibido − esperado) sobre cada momento que puntúa ambos, primero el mayor déficit. Las brechas de ciclos en otras escalas se llevan a 1..5 para poder sumarlas.",
		"worst":              "Peor",
		"skipped":            "No incluidos",
		"skipped_note":       "Estas entradas no se pudieron leer; corríjalas y vuelva a generar el informe.",
		"no_owner_moments":   "Ningún momento es crítico.",
		"open_n":             "abiertas",
		"col_critical":       "Críticos",
		"col_moments":        "Momentos",
		"col_open":           "Acciones abiertas",
		"col_overdue":        "Vencidas",
		"col_cycles":         "Ciclos",
		"calm_owners":        "Sin momentos críticos (momentos a cargo):",
		"critical_one":       "crítico",
	},
}

// pword returns a portfolio word, falling back to the report's words.
func pword(lang, key string) string {
	if w, ok := portfolioWords[lang][key]; ok {
		return w
	}
	if w, ok := portfolioWords["en"][key]; ok {
		return w
	}
	return word(lang, key)
}
