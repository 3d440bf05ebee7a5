package exchange

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// draft is a cycle as read from a sheet or a Mermaid diagram, before it is
// written as YAML: scores are numbers (conversions may give decimals), and
// everything the sheet held that has no key is kept beside the moments.
type draft struct {
	Title, Customer, Organization string
	Language                      string
	Scale                         int
	Closed                        *bool
	Servqual                      int                // 0: not given
	Quadrants, State              string             // "": not given
	Thresholds                    map[string]float64 // importance, performance, gap
	Moments                       []*draftMoment
	Comments                      []string // file-level comments: rows above the header...
	Source                        string   // where it came from, for the header comment
	Converted                     string   // the --from-scale range, "" when none
	Output                        string   // the file's name, for the lint hint
}

type draftMoment struct {
	ID, Name, Description, Stage, Channel, Owner string
	Expectation, Standard, URL                   string
	Importance, Performance                      float64 // 0 when unset
	Sample                                       int     // 0 when unset
	NoStage                                      bool    // the stage cell says "-": none, not the stage above
	Critical                                     *bool
	Dimensions                                   map[string]*draftScore
	Pains, Evidence, Backstage, Support          []string
	Improvements                                 []*draftImprovement
	Next                                         []string
	NextSet                                      bool // an explicit next, possibly empty
	Ignore                                       []string
	Extra                                        []string // "Label: value" kept in the description
	Origin                                       string   // "row 5", "column D", "line 7"
}

type draftScore struct{ Expected, Perceived float64 }

type draftImprovement struct {
	Action, Owner, Due, Pillar, Status string
}

// scoreRange is a --from-scale range: scores from Lo to Hi are mapped
// linearly onto 1..scale.
type scoreRange struct {
	Lo, Hi  float64
	Percent bool
	Text    string // as written in the comment
}

// ParseRange reads a --from-scale value: "-2..2" (or "−2..+2"), "1..10",
// "0..100", or "%" / "percent" for percentages (0..100).
func ParseRange(s string) (*scoreRange, error) {
	t := strings.TrimSpace(strings.ReplaceAll(s, "−", "-"))
	switch strings.ToLower(t) {
	case "%", "percent", "percentage", "porcentaje":
		return &scoreRange{Lo: 0, Hi: 100, Percent: true, Text: "0..100%"}, nil
	}
	lo, hi, ok := strings.Cut(t, "..")
	if ok {
		a, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		b, err2 := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(hi, "%")), 64)
		if err1 == nil && err2 == nil && a < b && !math.IsInf(a, 0) && !math.IsInf(b, 0) {
			return &scoreRange{Lo: a, Hi: b, Text: formatNumber(a) + ".." + formatNumber(b)}, nil
		}
	}
	return nil, fmt.Errorf("invalid --from-scale %q: write LOW..HIGH (-2..2, 1..10, 0..100) or %%", s)
}

// convert maps v from the range onto 1..scale, to two decimals.
func (r *scoreRange) convert(v float64, scale int) float64 {
	return round2(1 + (v-r.Lo)*float64(scale-1)/(r.Hi-r.Lo))
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// formatNumber writes a score: whole numbers without a point, others with
// at most two decimals.
func formatNumber(v float64) string {
	return strconv.FormatFloat(round2(v), 'f', -1, 64)
}

// parseNumber reads a number as sheets store it: stored as text, with a
// decimal comma, a percent sign, a plus sign or a typographic minus.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "−", "-"))
	s = strings.TrimSuffix(s, "%")
	s = strings.TrimSpace(s)
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// yesNo reads a yes/no cell in English or Spanish.
func yesNo(s string) (bool, bool) {
	switch normalize(s) {
	case "yes", "y", "true", "x", "1", "si", "s", "verdadero", "critical", "critico", "critica":
		return true, true
	case "no", "n", "false", "0", "falso":
		return false, true
	}
	return false, false
}

// Words for pillars and statuses in Spanish, to their keys.
var (
	pillarWords = map[string]string{
		"treatment": "treatment", "processes": "processes", "responsiveness": "responsiveness", "organization": "organization",
		"trato": "treatment", "procesos": "processes", "procesos de trabajo": "processes",
		"rapidez de respuesta": "responsiveness", "rapidez": "responsiveness",
		"eficiencia organizativa": "organization", "organizacion": "organization",
	}
	statusWords = map[string]string{
		"planned": "planned", "doing": "doing", "done": "done", "in progress": "doing",
		"planificada": "planned", "planificado": "planned", "en curso": "doing", "hecha": "done", "hecho": "done",
	}
)

// parseDate reads a due date: YYYY-MM-DD, or a workbook's date serial.
func parseDate(text, raw string, workbook bool) (string, bool) {
	if t, err := time.Parse("2006-01-02", text); err == nil {
		return t.Format("2006-01-02"), true
	}
	if workbook {
		if v, err := strconv.ParseFloat(raw, 64); err == nil && v > 0 && v < 2958466 {
			// a date cell: days since 1899-12-30 (Excel's epoch, leap bug included)
			t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(v))
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

// splitLines splits a list cell into items: one a line, bullets dropped.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		for _, b := range []string{"• ", "- ", "* ", "· ", "– "} {
			l = strings.TrimSpace(strings.TrimPrefix(l, b))
		}
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// splitIDs splits a list of ids: commas, semicolons or spaces. "[]" is an
// explicit empty list.
func splitIDs(s string) []string {
	s = strings.TrimSpace(s)
	if s == "[]" {
		return []string{}
	}
	s = strings.Trim(s, "[]")
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' })
}

// oneLine collapses whitespace, line breaks included, to single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
