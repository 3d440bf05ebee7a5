package exchange

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/ciclo-dev/ciclo/cycle"
)

// kind tells how a field's cells are read.
type kind int

const (
	kText     kind = iota // one line of text (whitespace collapsed)
	kLongText             // text that keeps its line breaks
	kScore                // a number within 1..scale (converted by --from-scale)
	kBool                 // yes/no
	kList                 // one item a line
	kIDs                  // ids separated by commas, spaces or semicolons; [] is none
	kDate                 // YYYY-MM-DD, or a date cell of a workbook
	kPillar               // one of cycle.Pillars
	kStatus               // one of cycle.Statuses
	kMeta                 // a top-level key, read from the cell beside its label
	kCount                // a whole number of at least 1 (a sample)
)

// field is one thing a column (moments as rows) or a row label (lanes as
// rows) can hold. Names are the header words it is recognised by, in
// English and Spanish, written as normalize returns them.
type field struct {
	Key   string // the cycle file's key; improvement fields start "improvement."
	Kind  kind
	Names []string
	// ES holds the names that only Spanish sheets use; a sheet whose
	// recognised headers are mostly Spanish becomes a Spanish cycle.
	ES []string
}

// Field keys that are not plain moment keys.
const (
	fImprovement = "improvement.action"
	fImpOwner    = "improvement.owner"
	fDue         = "improvement.due"
	fPillar      = "improvement.pillar"
	fStatus      = "improvement.status"
	dimPrefix    = "dimensions." // dimensions.<determinant>.expected|perceived
)

// momentFields lists every column a sheet can have, one entry a field.
// docs/import.md prints the same table for users; keep them together.
var momentFields = []field{
	{Key: "id", Kind: kText, Names: []string{"id", "moment id", "key"}, ES: []string{"clave", "identificador", "id del momento"}},
	{Key: "name", Kind: kText,
		Names: []string{"moment", "moments", "moment of truth", "name", "step", "steps", "touchpoint", "touchpoints", "touch point", "customer action", "customer actions", "task", "activity"},
		ES:    []string{"momento", "momentos", "momento de verdad", "momentos de verdad", "nombre", "paso", "pasos", "punto de contacto", "puntos de contacto", "accion del cliente", "acciones del cliente", "actividad", "tarea"}},
	{Key: "description", Kind: kLongText, Names: []string{"description", "details", "detail"}, ES: []string{"descripcion", "detalle", "detalles"}},
	{Key: "stage", Kind: kText, Names: []string{"stage", "phase", "journey stage"}, ES: []string{"etapa", "fase"}},
	{Key: "channel", Kind: kText, Names: []string{"channel", "channels", "medium"}, ES: []string{"canal", "canales", "medio"}},
	{Key: "owner", Kind: kText, Names: []string{"owner", "responsible", "department", "area", "owner department"}, ES: []string{"responsable", "departamento", "dueno"}},
	{Key: "expectation", Kind: kLongText, Names: []string{"expectation", "expectations", "customer expectation"}, ES: []string{"expectativa", "expectativas", "expectativa del cliente"}},
	{Key: "standard", Kind: kLongText, Names: []string{"standard", "service standard", "norm"}, ES: []string{"norma", "estandar", "norma de servicio", "estandar de servicio"}},
	{Key: "importance", Kind: kScore, Names: []string{"importance", "emotional impact", "impact", "weight"}, ES: []string{"importancia", "impacto emocional", "impacto", "peso"}},
	{Key: "performance", Kind: kScore, Names: []string{"performance", "current experience", "satisfaction", "score", "rating", "experience"}, ES: []string{"desempeno", "satisfaccion", "experiencia actual", "experiencia", "puntaje", "calificacion"}},
	{Key: "sample", Kind: kCount, Names: []string{"sample", "sample size", "ratings", "respondents"}, ES: []string{"muestra", "tamano de muestra", "encuestados"}},
	{Key: "critical", Kind: kBool, Names: []string{"critical", "critical moment"}, ES: []string{"critico", "critica", "momento critico"}},
	{Key: "url", Kind: kText, Names: []string{"url", "link", "evidence link"}, ES: []string{"enlace", "vinculo"}},
	{Key: "pains", Kind: kList, Names: []string{"pains", "pain", "pain points", "pain point", "problems"}, ES: []string{"dolores", "dolor", "puntos de dolor", "problemas"}},
	{Key: "evidence", Kind: kList, Names: []string{"evidence", "physical evidence"}, ES: []string{"evidencia", "evidencias", "evidencia fisica"}},
	{Key: "backstage", Kind: kList, Names: []string{"backstage", "backstage actions", "back office", "behind the scenes"}, ES: []string{"tras bambalinas", "trastienda", "acciones internas", "detras de escena"}},
	{Key: "support", Kind: kList, Names: []string{"support", "support processes", "support systems", "systems"}, ES: []string{"soporte", "procesos de soporte", "procesos de apoyo", "sistemas"}},
	{Key: fImprovement, Kind: kText, Names: []string{"improvement", "improvements", "opportunity", "opportunities", "action", "actions"}, ES: []string{"mejora", "mejoras", "oportunidad", "oportunidades", "oportunidad de mejora", "oportunidades de mejora", "accion", "acciones"}},
	{Key: fImpOwner, Kind: kText, Names: []string{"improvement owner", "action owner"}, ES: []string{"responsable de la mejora", "responsable de la accion"}},
	{Key: fDue, Kind: kDate, Names: []string{"due", "due date", "deadline"}, ES: []string{"fecha limite", "plazo", "vencimiento"}},
	{Key: fPillar, Kind: kPillar, Names: []string{"pillar"}, ES: []string{"pilar"}},
	{Key: fStatus, Kind: kStatus, Names: []string{"status", "improvement status"}, ES: []string{"estado", "estado de la mejora"}},
	{Key: "next", Kind: kIDs, Names: []string{"next", "next moments", "leads to"}, ES: []string{"siguiente", "siguientes", "lleva a"}},
	{Key: "ignore", Kind: kIDs, Names: []string{"ignore", "ignored rules"}, ES: []string{"ignorar", "reglas ignoradas"}},
}

// metaFields are the cycle's top-level keys, written as a label and a value
// in the rows above the header (or as rows of a lanes sheet).
var metaFields = []field{
	{Key: "title", Kind: kMeta, Names: []string{"title", "service", "cycle"}, ES: []string{"titulo", "servicio", "ciclo"}},
	{Key: "customer", Kind: kMeta, Names: []string{"customer", "persona"}, ES: []string{"cliente"}},
	{Key: "organization", Kind: kMeta, Names: []string{"organization", "organisation", "company"}, ES: []string{"organizacion", "empresa"}},
	{Key: "language", Kind: kMeta, Names: []string{"language"}, ES: []string{"idioma"}},
	{Key: "scale", Kind: kMeta, Names: []string{"scale"}, ES: []string{"escala"}},
	{Key: "closed", Kind: kMeta, Names: []string{"closed"}, ES: []string{"cerrado"}},
	{Key: "servqual", Kind: kMeta, Names: []string{"servqual"}, ES: []string{"servqual"}},
	{Key: "quadrants", Kind: kMeta, Names: []string{"quadrants"}, ES: []string{"cuadrantes"}},
	{Key: "state", Kind: kMeta, Names: []string{"state"}, ES: []string{"estado del mapa"}},
	{Key: "critical.importance", Kind: kMeta, Names: []string{"critical importance"}, ES: []string{"umbral de importancia"}},
	{Key: "critical.performance", Kind: kMeta, Names: []string{"critical performance"}, ES: []string{"umbral de desempeno"}},
	{Key: "critical.gap", Kind: kMeta, Names: []string{"critical gap"}, ES: []string{"umbral de brecha"}},
}

// Words that make a determinant's column an expected or a perceived score.
var (
	expectedWords  = []string{"expected", "expectation"}
	expectedES     = []string{"esperado", "esperada", "expectativa"}
	perceivedWords = []string{"perceived", "perception"}
	perceivedES    = []string{"percibido", "percibida", "percepcion"}
)

// dimensionNameES names a dimension in a Spanish sheet's headers.
func dimensionNameES(d string) string { return cycle.DimensionName(d, "es") }

// dimensionFields builds the two columns of each SERVQUAL determinant:
// "courtesy expected", "expected courtesy", "cortesía esperada"...
func dimensionFields() []field {
	var out []field
	for _, d := range cycle.AllDimensions {
		es := normalize(dimensionNameES(d))
		for _, side := range []struct {
			key    string
			en, es []string
		}{{"expected", expectedWords, expectedES}, {"perceived", perceivedWords, perceivedES}} {
			f := field{Key: dimPrefix + d + "." + side.key, Kind: kScore}
			for _, w := range side.en {
				f.Names = append(f.Names, d+" "+w, w+" "+d)
			}
			for _, w := range side.es {
				f.ES = append(f.ES, es+" "+w, w+" "+es)
			}
			out = append(out, f)
		}
	}
	return out
}

// fieldIndex finds a field by a normalised header word.
type fieldIndex struct {
	byName map[string]*field
	es     map[string]bool // names only Spanish sheets use
	byKey  map[string]*field
}

// index is built once: the tables above are fixed.
var index = newFieldIndex()

func newFieldIndex() *fieldIndex {
	ix := &fieldIndex{byName: map[string]*field{}, es: map[string]bool{}, byKey: map[string]*field{}}
	all := append(append(append([]field{}, momentFields...), metaFields...), dimensionFields()...)
	for i := range all {
		f := &all[i]
		ix.byKey[f.Key] = f
		ix.byName[normalize(f.Key)] = f
		for _, n := range f.Names {
			ix.byName[n] = f
		}
		for _, n := range f.ES {
			ix.byName[n] = f
			ix.es[n] = true
		}
	}
	return ix
}

// lookup finds the field a header or row label names: the label as it is,
// then without a parenthesised note ("Importance (1-5)") or a trailing
// colon. It also says whether the matching word is Spanish only.
func (ix *fieldIndex) lookup(label string) (f *field, es bool) {
	n := normalize(label)
	if f, ok := ix.byName[n]; ok {
		return f, ix.es[n]
	}
	if i := strings.IndexAny(label, "([{"); i > 0 {
		n = normalize(label[:i])
		if f, ok := ix.byName[n]; ok {
			return f, ix.es[n]
		}
	}
	return nil, false
}

// fold drops accents: "Desempeño" becomes "Desempeno".
var fold = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// normalize writes a header the way field names are written: accents
// folded, lowercase, every run of characters other than letters and digits
// one space, no leading or trailing space.
func normalize(s string) string {
	folded, _, err := transform.String(fold, s)
	if err != nil {
		folded = s
	}
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(folded) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}
