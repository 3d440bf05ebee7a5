package exchange

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ciclo-dev/ciclo/cycle"
)

// column is one column of the exported sheet.
type column struct {
	Key   string // a field key
	Label string // the header, in the sheet's language
	// Score columns get numbers and, in a workbook, a 1..scale check.
	Score bool
}

// headerES are the Spanish headers of the exported sheet; English headers
// are the keys themselves (with "moment" for name). Both are synonyms the
// import recognises.
var headerES = map[string]string{
	"id": "id", "name": "momento", "description": "descripción", "stage": "etapa",
	"channel": "canal", "owner": "responsable", "expectation": "expectativa",
	"standard": "norma", "importance": "importancia", "performance": "desempeño", "sample": "muestra",
	"critical": "crítico", "url": "enlace", "pains": "dolores",
	"evidence": "evidencia", "backstage": "tras bambalinas", "support": "soporte",
	"servqual": "servqual", "quadrants": "cuadrantes", "state": "estado del mapa",
	fImprovement: "mejora", fImpOwner: "responsable de la mejora", fDue: "fecha límite",
	fPillar: "pilar", fStatus: "estado", "next": "siguiente", "ignore": "ignorar",
	"title": "título", "customer": "cliente", "organization": "organización",
	"language": "idioma", "scale": "escala", "closed": "cerrado",
	"critical.importance": "umbral de importancia", "critical.performance": "umbral de desempeño",
	"critical.gap": "umbral de brecha",
}

// headerEN are the English headers that differ from the keys.
var headerEN = map[string]string{
	"name": "moment", fImprovement: "improvement", fImpOwner: "improvement owner",
	fDue: "due", fPillar: "pillar", fStatus: "status",
	"critical.importance": "critical importance", "critical.performance": "critical performance",
	"critical.gap": "critical gap",
}

// label is the header of a field key in lang.
func label(key, lang string) string {
	if strings.HasPrefix(key, dimPrefix) {
		parts := strings.Split(strings.TrimPrefix(key, dimPrefix), ".")
		if lang == "es" { // nouns, which agree with every determinant
			side := "expectativa"
			if parts[1] == "perceived" {
				side = "percepción"
			}
			return dimensionNameES(parts[0]) + ": " + side
		}
		return parts[0] + " " + parts[1]
	}
	if lang == "es" {
		return headerES[key]
	}
	if l, ok := headerEN[key]; ok {
		return l
	}
	return key
}

// Words written in the cells of a Spanish sheet.
var (
	pillarES = map[string]string{"treatment": "trato", "processes": "procesos de trabajo", "responsiveness": "rapidez de respuesta", "organization": "eficiencia organizativa"}
	statusES = map[string]string{"planned": "planificada", "doing": "en curso", "done": "hecha"}
)

// sheetRows lays a cycle out as the sheet a workshop fills in: the
// top-level keys as label and value rows, a blank row, the header, then a
// row a moment, with a moment's second and further improvements on rows of
// their own below it (no moment name: the import reads them as more of the
// moment above). Columns a workshop fills in are always there; the others
// only when the cycle uses them. Cells are strings or float64 scores.
func sheetRows(c *cycle.Cycle, lang string) ([][]any, []column) {
	if lang == "" {
		lang = c.Language
	}
	yes, no := "yes", "no"
	if lang == "es" {
		yes, no = "sí", "no"
	}
	var rows [][]any
	meta := func(key string, v any) { rows = append(rows, []any{label(key, lang), v}) }
	meta("title", c.Title)
	if c.Customer != "" {
		meta("customer", c.Customer)
	}
	if c.Organization != "" {
		meta("organization", c.Organization)
	}
	meta("language", c.Language)
	meta("scale", float64(c.Scale))
	if c.Servqual == 5 {
		meta("servqual", float64(5))
	}
	if c.Quadrants != "" && c.Quadrants != cycle.QuadrantSplits[0] {
		meta("quadrants", c.Quadrants)
	}
	if c.State != "" && c.State != cycle.States[0] {
		meta("state", c.State)
	}
	if c.Closed {
		meta("closed", yes)
	} else {
		meta("closed", no)
	}
	def := cycle.DefaultThresholds(c.Scale)
	for _, th := range []struct {
		key  string
		v, d float64
	}{
		{"critical.importance", c.Thresholds.Importance.Float64(), def.Importance.Float64()},
		{"critical.performance", c.Thresholds.Performance.Float64(), def.Performance.Float64()},
		{"critical.gap", c.Thresholds.Gap.Float64(), def.Gap.Float64()},
	} {
		if th.v != th.d {
			meta(th.key, th.v)
		}
	}
	rows = append(rows, nil)

	uses := func(f func(m *cycle.Moment) bool) bool {
		for _, m := range c.Moments {
			if f(m) {
				return true
			}
		}
		return false
	}
	var cols []column
	addCol := func(key string, score bool) {
		cols = append(cols, column{Key: key, Label: label(key, lang), Score: score})
	}
	for _, f := range []struct {
		key    string
		always bool
		used   func(m *cycle.Moment) bool
	}{
		{"id", true, nil},
		{"name", true, nil},
		{"stage", true, nil},
		{"channel", true, nil},
		{"owner", true, nil},
		{"description", false, func(m *cycle.Moment) bool { return m.Description != "" }},
		{"expectation", false, func(m *cycle.Moment) bool { return m.Expectation != "" }},
		{"standard", true, nil},
		{"importance", true, nil},
		{"performance", true, nil},
		{"sample", false, func(m *cycle.Moment) bool { return m.Sample > 0 }},
		{"critical", false, func(m *cycle.Moment) bool { return m.Critical != nil }},
		{"url", false, func(m *cycle.Moment) bool { return m.URL != "" }},
		{"pains", true, nil},
		{"evidence", false, func(m *cycle.Moment) bool { return len(m.Evidence) > 0 }},
		{"backstage", false, func(m *cycle.Moment) bool { return len(m.Backstage) > 0 }},
		{"support", false, func(m *cycle.Moment) bool { return len(m.Support) > 0 }},
	} {
		if f.always || uses(f.used) {
			addCol(f.key, f.key == "importance" || f.key == "performance")
		}
	}
	for _, d := range c.DimensionKeys() {
		if uses(func(m *cycle.Moment) bool { _, ok := m.Dimensions[d]; return ok }) {
			addCol(dimPrefix+d+".expected", true)
			addCol(dimPrefix+d+".perceived", true)
		}
	}
	for _, k := range []string{fImprovement, fImpOwner, fDue, fPillar, fStatus} {
		addCol(k, false)
	}
	if uses(func(m *cycle.Moment) bool { return m.Next != nil }) {
		addCol("next", false)
	}
	if uses(func(m *cycle.Moment) bool { return len(m.Ignore) > 0 }) {
		addCol("ignore", false)
	}
	staged := uses(func(m *cycle.Moment) bool { return m.Stage != "" })
	header := make([]any, len(cols))
	for i, col := range cols {
		header[i] = col.Label
	}
	rows = append(rows, header)

	score := func(v float64) any {
		if v == 0 {
			return ""
		}
		return v
	}
	for _, m := range c.Moments {
		n := max(1, len(m.Improvements))
		for k := 0; k < n; k++ {
			row := make([]any, len(cols))
			for i, col := range cols {
				row[i] = ""
				var im *cycle.Improvement
				if k < len(m.Improvements) {
					im = m.Improvements[k]
				}
				if k > 0 && !strings.HasPrefix(col.Key, "improvement.") {
					continue
				}
				switch col.Key {
				case "id":
					row[i] = m.ID
				case "name":
					row[i] = m.Name
				case "description":
					row[i] = strings.TrimRight(m.Description, " \n") // a folded paragraph's line break
				case "stage":
					row[i] = m.Stage
					if m.Stage == "" && staged {
						row[i] = "-" // blank would read as the stage above
					}
				case "channel":
					row[i] = m.Channel
				case "owner":
					row[i] = m.Owner
				case "expectation":
					row[i] = m.Expectation
				case "standard":
					row[i] = m.Standard
				case "importance":
					row[i] = score(m.Importance.Float64())
				case "performance":
					row[i] = score(m.Performance.Float64())
				case "sample":
					if m.Sample > 0 {
						row[i] = float64(m.Sample)
					}
				case "critical":
					if m.Critical != nil {
						row[i] = map[bool]string{true: yes, false: no}[*m.Critical]
					}
				case "url":
					row[i] = m.URL
				case "pains":
					row[i] = strings.Join(m.Pains, "\n")
				case "evidence":
					row[i] = strings.Join(m.Evidence, "\n")
				case "backstage":
					row[i] = strings.Join(m.Backstage, "\n")
				case "support":
					row[i] = strings.Join(m.Support, "\n")
				case "next":
					if m.Next != nil {
						row[i] = "[]"
						if len(m.Next) > 0 {
							row[i] = strings.Join(m.Next, ", ")
						}
					}
				case "ignore":
					row[i] = strings.Join(m.Ignore, ", ")
				case fImprovement, fImpOwner, fDue, fPillar, fStatus:
					if im != nil {
						row[i] = improvementCell(im, col.Key, lang)
					}
				default: // a determinant
					parts := strings.Split(strings.TrimPrefix(col.Key, dimPrefix), ".")
					if s, ok := m.Dimensions[parts[0]]; ok {
						if parts[1] == "expected" {
							row[i] = score(s.Expected.Float64())
						} else {
							row[i] = score(s.Perceived.Float64())
						}
					}
				}
			}
			rows = append(rows, row)
		}
	}
	return rows, cols
}

// improvementCell is one improvement field as a cell.
func improvementCell(im *cycle.Improvement, key, lang string) string {
	switch key {
	case fImprovement:
		return im.Action
	case fImpOwner:
		return im.Owner
	case fDue:
		if im.HasDue() {
			return im.Due.Format("2006-01-02")
		}
	case fPillar:
		if lang == "es" && im.Pillar != "" {
			return pillarES[im.Pillar]
		}
		return im.Pillar
	case fStatus:
		if lang == "es" {
			return statusES[im.Status]
		}
		return im.Status
	}
	return ""
}

// CSV writes the cycle as the workshop sheet (see docs/import.md), UTF-8
// with a byte order mark so spreadsheet programs read accents right,
// comma-separated. Text that a spreadsheet would take for a formula
// (starting with = + - @, a tab or a line break, also after blanks) gets
// a leading apostrophe, which the import drops again. lang picks the headers; "" is the cycle's language.
func CSV(c *cycle.Cycle, lang string) ([]byte, error) {
	rows, _ := sheetRows(c, lang)
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	for _, r := range rows {
		rec := make([]string, len(r))
		for i, v := range r {
			switch v := v.(type) {
			case float64:
				rec[i] = formatNumber(v)
			case string:
				rec[i] = escapeFormula(v)
			}
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// escapeFormula keeps text from being run as a formula when the CSV is
// opened in a spreadsheet (see formulaLike).
func escapeFormula(s string) string {
	if formulaLike(s) {
		return "'" + s
	}
	return s
}

// XLSX writes the cycle as the workshop sheet in a workbook: one sheet, the
// header row bold and frozen, wide text columns that wrap, and score
// columns that accept only numbers within 1..scale.
func XLSX(c *cycle.Cycle, lang string) ([]byte, error) {
	if lang == "" {
		lang = c.Language
	}
	rows, cols := sheetRows(c, lang)
	f := excelize.NewFile()
	defer f.Close()
	name := "Cycle"
	if lang == "es" {
		name = "Ciclo"
	}
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	header := 0
	for i, r := range rows {
		if r == nil {
			header = i + 1
			continue
		}
		cellRef, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(name, cellRef, &r); err != nil {
			return nil, err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#E8EEF4"}}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), header+1)
	if err := f.SetCellStyle(name, fmt.Sprintf("A%d", header+1), last, bold); err != nil {
		return nil, err
	}
	if err := f.SetCellStyle(name, "A1", "A"+fmt.Sprint(header), bold); err != nil {
		return nil, err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: header + 1, TopLeftCell: fmt.Sprintf("A%d", header+2), ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	end := max(len(rows), header+2)
	for i, col := range cols {
		letters := colName(i + 1)
		width := 14.0
		switch col.Key {
		case "name", "description", "expectation", "standard", "pains", fImprovement:
			width = 36
		case "id", "importance", "performance", "critical":
			width = 12
		}
		if err := f.SetColWidth(name, letters, letters, width); err != nil {
			return nil, err
		}
		if err := f.SetCellStyle(name, fmt.Sprintf("%s%d", letters, header+2), fmt.Sprintf("%s%d", letters, end), wrap); err != nil {
			return nil, err
		}
		if col.Score {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s%d:%s%d", letters, header+2, letters, header+1+max(200, len(rows)))
			if err := dv.SetRange(1, c.Scale, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
				return nil, err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, col.Label, tr(lang, "a number from 1 to %d", c.Scale))
			if err := f.AddDataValidation(name, dv); err != nil {
				return nil, err
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
