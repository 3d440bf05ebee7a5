package cycle

// dimensionNamesES names the SERVQUAL determinants and dimensions in
// Spanish. Assurance is "seguridad" as in the Spanish SERVQUAL literature;
// the ten-determinant security never appears in the same file.
var dimensionNamesES = map[string]string{
	"reliability":    "fiabilidad",
	"responsiveness": "capacidad de respuesta",
	"competence":     "competencia",
	"access":         "accesibilidad",
	"courtesy":       "cortesía",
	"communication":  "comunicación",
	"credibility":    "credibilidad",
	"security":       "seguridad",
	"understanding":  "comprensión del cliente",
	"tangibles":      "elementos tangibles",
	"assurance":      "seguridad",
	"empathy":        "empatía",
}

// DimensionName names a SERVQUAL determinant in lang ("en" or "es"). In
// English the name is the key itself.
func DimensionName(d, lang string) string {
	if lang == "es" {
		if n, ok := dimensionNamesES[d]; ok {
			return n
		}
	}
	return d
}
