package exchange

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
)

// Layouts of a sheet.
const (
	LayoutRows  = "rows"  // moments as rows under a header row
	LayoutLanes = "lanes" // lanes as rows: row labels in the first column, one column per moment
)

// headerRows is how far down a sheet the header row is looked for.
const headerRows = 30

// reader turns a table into a draft, collecting notes and problems.
type reader struct {
	t        *table
	opts     *Options
	lang     string
	workbook bool
	d        *draft
	notes    []Note
	problems []Note
	esVotes  int // recognised words only Spanish sheets use
	enVotes  int
	mapped   map[string]bool // --map labels met in the sheet
}

// resolve finds the field a header or row label names: --map first, then
// the synonyms.
func (rd *reader) resolve(label string) (f *field, skip bool) {
	n := normalize(label)
	if n == "" {
		return nil, false
	}
	if key, ok := rd.opts.Map[n]; ok {
		if rd.mapped == nil {
			rd.mapped = map[string]bool{}
		}
		rd.mapped[n] = true
		if key == "-" {
			return nil, true
		}
		return index.byKey[key], false
	}
	f, _ = index.lookup(label)
	return f, false
}

// vote counts a recognised label towards the sheet's language.
func (rd *reader) vote(label string) {
	if _, es := index.lookup(label); es {
		rd.esVotes++
	} else {
		rd.enVotes++
	}
}

// momentField reports whether f is a field of a moment (not a top-level key).
func momentField(f *field) bool { return f != nil && f.Kind != kMeta }

// rowScore counts the distinct moment fields a row names, and whether one
// of them is the moment's name.
func (rd *reader) rowScore(r int) (int, bool) {
	seen := map[string]bool{}
	for _, c := range rd.t.Rows[r] {
		if f, _ := rd.resolve(c.Text); momentField(f) {
			seen[f.Key] = true
		}
	}
	return len(seen), seen["name"]
}

// labelColumn is the first column holding anything.
func (rd *reader) labelColumn() int {
	best := -1
	for _, row := range rd.t.Rows {
		for j, c := range row {
			if c.Text != "" {
				if best < 0 || j < best {
					best = j
				}
				break
			}
		}
	}
	return max(best, 0)
}

// colScore counts the distinct moment fields the label column names.
func (rd *reader) colScore(col int) (int, bool) {
	seen := map[string]bool{}
	for r := range rd.t.Rows {
		if f, _ := rd.resolve(rd.t.at(r, col).Text); momentField(f) {
			seen[f.Key] = true
		}
	}
	return len(seen), seen["name"]
}

// detect finds the layout: the header row of moments as rows, or the label
// column of lanes as rows, whichever names more fields and names the
// moments. ok is false when neither does.
func (rd *reader) detect() (layout string, at int, ok bool) {
	bestRow, bestN := -1, 0
	for r := 0; r < len(rd.t.Rows) && r < headerRows; r++ {
		if n, named := rd.rowScore(r); named && n > bestN {
			bestRow, bestN = r, n
		}
	}
	col := rd.labelColumn()
	cn, named := rd.colScore(col)
	if named && cn > bestN {
		return LayoutLanes, col, true
	}
	if bestRow >= 0 {
		return LayoutRows, bestRow, true
	}
	return "", 0, false
}

// looksLikeCycle tells a workbook reader whether a sheet has a layout.
func looksLikeCycle(opts *Options) func(*table) bool {
	return func(t *table) bool {
		rd := &reader{t: t, opts: opts}
		_, _, ok := rd.detect()
		return ok
	}
}

// note records something the user should know, at a cell.
func (rd *reader) note(c cell, format string, args ...any) {
	rd.notes = append(rd.notes, Note{Where: rd.t.where(c), Text: tr(rd.lang, format, args...)})
}

// problem records something that stops the import, at a cell.
func (rd *reader) problem(c cell, format string, args ...any) {
	rd.problems = append(rd.problems, Note{Where: rd.t.where(c), Text: tr(rd.lang, format, args...)})
}

// nonBlank lists the cells of a row that hold something.
func nonBlank(row []cell) []cell {
	var out []cell
	for _, c := range row {
		if c.Text != "" {
			out = append(out, c)
		}
	}
	return out
}

// meta reads a top-level key given as a label and the value beside it.
func (rd *reader) meta(f *field, label, value cell) {
	v := oneLine(value.Text)
	switch f.Key {
	case "title":
		rd.d.Title = v
	case "customer":
		rd.d.Customer = v
	case "organization":
		rd.d.Organization = v
	case "language":
		switch normalize(v) {
		case "en", "english", "ingles":
			rd.d.Language = "en"
		case "es", "spanish", "espanol":
			rd.d.Language = "es"
		default:
			rd.problem(value, "language %q: use en or es", v)
		}
	case "scale":
		n, ok := parseNumber(v)
		if !ok || n != float64(int(n)) || n < 3 || n > 10 {
			rd.problem(value, "scale %q: a whole number from 3 to 10", v)
			return
		}
		if rd.opts.Scale == 0 {
			rd.d.Scale = int(n)
		} else if rd.opts.Scale != int(n) {
			rd.note(value, "the sheet says scale %d; --scale %d is used", int(n), rd.opts.Scale)
		}
	case "servqual", "quadrants", "state":
		allowed := map[string][]string{"servqual": cycle.ServqualModels, "quadrants": cycle.QuadrantSplits, "state": cycle.States}[f.Key]
		w := strings.ToLower(strings.TrimSpace(v))
		if !slices.Contains(allowed, w) {
			rd.problem(value, "%s %q: use %s", f.Key, v, strings.Join(allowed, ", "))
			return
		}
		switch f.Key {
		case "servqual":
			rd.d.Servqual, _ = strconv.Atoi(w)
		case "quadrants":
			rd.d.Quadrants = w
		default:
			rd.d.State = w
		}
	case "closed":
		b, ok := yesNo(v)
		if !ok {
			rd.problem(value, "closed %q: yes or no", v)
			return
		}
		rd.d.Closed = &b
	default: // critical.importance ...
		n, ok := parseNumber(v)
		if !ok {
			rd.problem(value, "%s %q is not a number", label.Text, v)
			return
		}
		if rd.d.Thresholds == nil {
			rd.d.Thresholds = map[string]float64{}
		}
		rd.d.Thresholds[strings.TrimPrefix(f.Key, "critical.")] = n
	}
}

// above reads the rows before the header (or the label rows that are not
// lanes): top-level keys as label and value, a title row (one value, often
// a merged cell), anything else kept as a comment.
func (rd *reader) above(row []cell) {
	cells := nonBlank(row)
	if len(cells) == 0 {
		return
	}
	if f, _ := rd.resolve(cells[0].Text); f != nil && f.Kind == kMeta && len(cells) >= 2 {
		rd.vote(cells[0].Text)
		rd.meta(f, cells[0], cells[1])
		if len(cells) > 2 {
			rd.keepRow(cells[2:])
		}
		return
	}
	if allSame(cells) && rd.d.Title == "" {
		rd.d.Title = oneLine(cells[0].Text)
		rd.note(cells[0], "title taken from this cell: %q", rd.d.Title)
		return
	}
	rd.keepRow(cells)
}

// allSame reports whether the cells all hold one text, as a merged cell
// read back does.
func allSame(cells []cell) bool {
	for _, c := range cells {
		if c.Text != cells[0].Text {
			return false
		}
	}
	return len(cells) > 0
}

// keepRow keeps cells that map to nothing as a comment at the top of the file.
func (rd *reader) keepRow(cells []cell) {
	var texts []string
	for i, c := range cells {
		if i == 0 || c.Text != cells[i-1].Text { // a merged cell once
			texts = append(texts, oneLine(c.Text))
		}
	}
	line := strings.Join(texts, " | ")
	rd.d.Comments = append(rd.d.Comments, tr(rd.lang, "%s: %s", rd.t.where(cells[0]), line))
	rd.note(cells[0], "this row maps to no field; kept as a comment at the top of the file")
}

// slot is where one column (rows layout) or one row (lanes layout) goes.
type slot struct {
	Field *field // nil: kept in the description under Label
	Skip  bool   // --map LABEL=-
	Label string
	At    cell // the header or label cell
}

// readRows reads moments as rows under header row h.
func (rd *reader) readRows(h int) {
	for r := 0; r < h; r++ {
		rd.above(rd.t.Rows[r])
	}
	width := rd.t.width()
	slots := make([]slot, width)
	used := map[string]bool{}
	for j := 0; j < width; j++ {
		hc := rd.t.at(h, j)
		s := slot{Label: oneLine(hc.Text), At: hc}
		f, skip := rd.resolve(hc.Text)
		s.Skip = skip
		switch {
		case momentField(f) && !used[f.Key]:
			s.Field = f
			used[f.Key] = true
			rd.vote(hc.Text)
		case skip:
		case hc.Text == "":
			if !rd.columnHasData(h+1, j) {
				s.Skip = true
				break
			}
			s.Label = tr(rd.lang, "column %s", colName(j+1))
			rd.note(hc, "column %s has no header; its cells are kept in each moment's description", colName(j+1))
		default:
			rd.note(hc, "column %s %q maps to no field; kept in each moment's description (use --map to map it)", colName(j+1), s.Label)
		}
		slots[j] = s
	}
	var cur *draftMoment
	for r := h + 1; r < len(rd.t.Rows); r++ {
		row := rd.t.Rows[r]
		if len(nonBlank(row)) == 0 {
			continue
		}
		get := func(key string) cell {
			for j, s := range slots {
				if s.Field != nil && s.Field.Key == key {
					return rd.t.at(r, j)
				}
			}
			return cell{}
		}
		cont := get("name").Text == "" && get("id").Text == ""
		if cont && cur == nil {
			rd.keepRow(nonBlank(row))
			continue
		}
		if !cont {
			cur = &draftMoment{Origin: tr(rd.lang, "row %d", r+1)}
			rd.d.Moments = append(rd.d.Moments, cur)
		}
		var cells []cell
		for j := range slots {
			cells = append(cells, rd.t.at(r, j))
		}
		rd.fill(cur, slots, cells, cont)
	}
}

// columnHasData reports whether column j holds anything from row r down.
func (rd *reader) columnHasData(r, j int) bool {
	for ; r < len(rd.t.Rows); r++ {
		if rd.t.at(r, j).Text != "" {
			return true
		}
	}
	return false
}

// readLanes reads lanes as rows: labels in column lc, one column per moment.
func (rd *reader) readLanes(lc int) {
	var slots []slot
	var rows []int
	nameRow := -1
	used := map[string]bool{}
	for r, row := range rd.t.Rows {
		lab := rd.t.at(r, lc)
		rest := nonBlank(cellsAfter(row, lc))
		if lab.Text == "" {
			if len(rest) > 0 {
				rows = append(rows, r)
				slots = append(slots, slot{Label: tr(rd.lang, "row %d", r+1), At: rest[0]})
				rd.note(rest[0], "row %d has no label; its cells are kept in each moment's description", r+1)
			}
			continue
		}
		f, skip := rd.resolve(lab.Text)
		switch {
		case skip:
		case f != nil && f.Kind == kMeta:
			rd.above(row)
		case momentField(f) && !used[f.Key]:
			used[f.Key] = true
			rd.vote(lab.Text)
			if f.Key == "name" {
				nameRow = r
			}
			rows = append(rows, r)
			slots = append(slots, slot{Field: f, Label: oneLine(lab.Text), At: lab})
		case len(rest) == 0 || allSame(nonBlank(row)):
			rd.above(row) // a title (often merged across), or a note on its own
		default:
			rows = append(rows, r)
			slots = append(slots, slot{Label: oneLine(lab.Text), At: lab})
			rd.note(lab, "row label %q maps to no field; kept in each moment's description (use --map to map it)", oneLine(lab.Text))
		}
	}
	var cur *draftMoment
	for j := lc + 1; j < rd.t.width(); j++ {
		var cells []cell
		any := false
		for _, r := range rows {
			c := rd.t.at(r, j)
			any = any || c.Text != ""
			cells = append(cells, c)
		}
		if !any {
			continue
		}
		name := rd.t.at(nameRow, j)
		cont := name.Text == "" && !rd.hasID(slots, cells)
		if cont && cur == nil {
			rd.keepRow(nonBlank(cells))
			continue
		}
		if !cont {
			cur = &draftMoment{Origin: tr(rd.lang, "column %s", colName(j+1))}
			rd.d.Moments = append(rd.d.Moments, cur)
		}
		rd.fill(cur, slots, cells, cont)
	}
}

func (rd *reader) hasID(slots []slot, cells []cell) bool {
	for i, s := range slots {
		if s.Field != nil && s.Field.Key == "id" && cells[i].Text != "" {
			return true
		}
	}
	return false
}

func cellsAfter(row []cell, col int) []cell {
	if col+1 >= len(row) {
		return nil
	}
	return row[col+1:]
}

// fill writes one row's (or column's) cells into moment m. cont marks a
// continuation: more improvements, pains or notes of the moment above.
func (rd *reader) fill(m *draftMoment, slots []slot, cells []cell, cont bool) {
	var imp draftImprovement
	hasImp := false
	for i, s := range slots {
		if s.Skip || i >= len(cells) || cells[i].Text == "" {
			continue
		}
		c := cells[i]
		if s.Field == nil {
			m.Extra = append(m.Extra, s.Label+": "+oneLine(c.Text))
			continue
		}
		key := s.Field.Key
		switch s.Field.Kind {
		case kText, kLongText:
			v := c.Text
			if s.Field.Kind == kText {
				v = oneLine(v)
			}
			if strings.HasPrefix(key, "improvement.") {
				hasImp = true
				if key == fImprovement {
					imp.Action = c.Text
				} else {
					imp.Owner = v
				}
				continue
			}
			if key == "stage" && v == "-" {
				m.NoStage = true // not a merged cell: this moment has no stage
				continue
			}
			p := m.text(key)
			switch {
			case *p == "":
				*p = v
			case *p != v:
				m.Extra = append(m.Extra, s.Label+": "+oneLine(v))
				rd.note(c, "a second %s for the moment above (%s); kept in its description", s.Label, m.Origin)
			}
		case kScore:
			v, ok := rd.score(c, s.Label)
			if !ok {
				continue
			}
			if strings.HasPrefix(key, dimPrefix) {
				parts := strings.Split(strings.TrimPrefix(key, dimPrefix), ".")
				if m.Dimensions == nil {
					m.Dimensions = map[string]*draftScore{}
				}
				sc := m.Dimensions[parts[0]]
				if sc == nil {
					sc = &draftScore{}
					m.Dimensions[parts[0]] = sc
				}
				if parts[1] == "expected" {
					sc.Expected = v
				} else {
					sc.Perceived = v
				}
			} else if key == "importance" {
				m.Importance = v
			} else {
				m.Performance = v
			}
		case kCount:
			v, ok := parseNumber(c.Text)
			if !ok || v < 1 || v != float64(int64(v)) || v > cycle.MaxSample {
				rd.problem(c, "%s %q: a whole number of ratings, at least 1", s.Label, oneLine(c.Text))
				continue
			}
			m.Sample = int(v)
		case kBool:
			b, ok := yesNo(c.Text)
			if !ok {
				rd.problem(c, "%s %q: yes or no (sí/no), or leave it blank", s.Label, oneLine(c.Text))
				continue
			}
			m.Critical = &b
		case kList:
			items := splitLines(c.Text)
			switch key {
			case "pains":
				m.Pains = append(m.Pains, items...)
			case "evidence":
				m.Evidence = append(m.Evidence, items...)
			case "backstage":
				m.Backstage = append(m.Backstage, items...)
			case "support":
				m.Support = append(m.Support, items...)
			}
		case kIDs:
			ids := splitIDs(c.Text)
			if key == "next" {
				m.Next, m.NextSet = append(m.Next, ids...), true
			} else {
				m.Ignore = append(m.Ignore, ids...)
			}
		case kDate:
			d, ok := parseDate(c.Text, c.Raw, rd.workbook)
			if !ok {
				rd.problem(c, "due date %q: write it as YYYY-MM-DD", oneLine(c.Text))
				continue
			}
			imp.Due, hasImp = d, true
		case kPillar:
			p, ok := pillarWords[normalize(c.Text)]
			if !ok {
				rd.problem(c, "pillar %q: one of treatment, processes, responsiveness, organization", oneLine(c.Text))
				continue
			}
			imp.Pillar, hasImp = p, true
		case kStatus:
			st, ok := statusWords[normalize(c.Text)]
			if !ok {
				rd.problem(c, "status %q: one of planned, doing, done", oneLine(c.Text))
				continue
			}
			imp.Status, hasImp = st, true
		}
	}
	if !hasImp {
		return
	}
	if imp.Action == "" {
		var first cell
		for i, s := range slots {
			if s.Field != nil && strings.HasPrefix(s.Field.Key, "improvement.") && i < len(cells) && cells[i].Text != "" {
				first = cells[i]
				break
			}
		}
		rd.problem(first, "an improvement's owner, date, pillar or status without its action; write the action in the improvement column")
		return
	}
	for _, a := range splitLines(imp.Action) {
		it := imp
		it.Action = oneLine(a)
		m.Improvements = append(m.Improvements, &it)
	}
}

// text returns the moment's text field named key.
func (m *draftMoment) text(key string) *string {
	switch key {
	case "id":
		return &m.ID
	case "name":
		return &m.Name
	case "description":
		return &m.Description
	case "stage":
		return &m.Stage
	case "channel":
		return &m.Channel
	case "owner":
		return &m.Owner
	case "expectation":
		return &m.Expectation
	case "standard":
		return &m.Standard
	case "url":
		return &m.URL
	}
	panic(fmt.Sprintf("exchange: no text field %q", key))
}

// score reads a score cell: converted by --from-scale when given, and
// within 1..scale.
func (rd *reader) score(c cell, label string) (float64, bool) {
	v, ok := parseNumber(c.Text)
	if !ok {
		rd.problem(c, "%s %q is not a number", label, oneLine(c.Text))
		return 0, false
	}
	scale := rd.d.Scale
	if r := rd.opts.FromScale; r != nil {
		if v < r.Lo || v > r.Hi {
			rd.problem(c, "%s %s is outside --from-scale %s", label, formatNumber(v), r.Text)
			return 0, false
		}
		return r.convert(v, scale), true
	}
	if v < 1 || v > float64(scale) {
		rd.problem(c, "%s %s is outside 1..%d; give --scale N for scores up to N (3..10), or --from-scale LOW..HIGH to convert them", label, formatNumber(v), scale)
		return 0, false
	}
	return round2(v), true
}
