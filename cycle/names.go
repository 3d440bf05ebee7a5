package cycle

import "github.com/ciclo-dev/ciclo/internal/msg"

// These mark the names of the SERVQUAL determinants and
// dimensions for the catalog: in English a name is the key itself.
var _ = []string{
	msg.Nc("dimension", "reliability"), msg.Nc("dimension", "responsiveness"),
	msg.Nc("dimension", "competence"), msg.Nc("dimension", "access"),
	msg.Nc("dimension", "courtesy"), msg.Nc("dimension", "communication"),
	msg.Nc("dimension", "credibility"), msg.Nc("dimension", "security"),
	msg.Nc("dimension", "understanding"), msg.Nc("dimension", "tangibles"),
	msg.Nc("dimension", "assurance"), msg.Nc("dimension", "empathy"),
}

// DimensionName names a SERVQUAL determinant or dimension in lang. In
// English the name is the key itself.
func DimensionName(d, lang string) string { return msg.Tc(lang, "dimension", d) }
