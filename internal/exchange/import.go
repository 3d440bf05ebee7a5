package exchange

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
)

// Input formats.
const (
	FormatCSV     = "csv"
	FormatXLSX    = "xlsx"
	FormatMermaid = "mermaid"
)

// Options control an import.
type Options struct {
	// Format is csv, xlsx or mermaid; "" tells it from the name and the
	// content.
	Format string
	// Sheet names the workbook sheet to read; "" takes the first sheet
	// that has a header or row labels ciclo recognises.
	Sheet string
	// Scale is the cycle's scale (3..10); 0 takes the sheet's own "scale"
	// row, else 5.
	Scale int
	// FromScale converts scores from another range onto 1..Scale; nil
	// means scores are already on 1..Scale (ParseRange reads the flag).
	FromScale *scoreRange
	// Map maps a header or row label to a field key (see Fields), or to
	// "-" to leave it out on purpose; ParseMap reads --map flags.
	Map map[string]string
	// Lang is the cycle's language (en or es); "" takes the sheet's
	// "language" row, else the language of its headers. Messages and the
	// file's comments are in it.
	Lang string
	// Output is the name the cycle will be written under, for the hint
	// in its comment; "" writes FILE.
	Output string
}

// Note is something the import tells the user, at a place in the input.
type Note struct {
	Where string // FILE:LINE:COL, FILE:Sheet!B3, or a moment's origin
	Text  string
}

func (n Note) String() string {
	if n.Where == "" {
		return n.Text
	}
	return n.Where + ": " + n.Text
}

// Problems are what stopped an import: every one, with its place.
type Problems []Note

func (p Problems) Error() string {
	lines := make([]string, len(p))
	for i, n := range p {
		lines[i] = n.String()
	}
	return strings.Join(lines, "\n")
}

// Result is an imported cycle.
type Result struct {
	YAML     []byte // the commented cycle file, valid
	Notes    []Note // columns and labels kept in descriptions, guesses made
	Layout   string // LayoutRows, LayoutLanes or FormatMermaid
	Sheet    string // the workbook sheet read, "" for CSV and Mermaid
	Language string // the cycle's language
	Moments  int
}

// Fields lists the field keys --map accepts, in the order of the sheet
// ciclo exports.
func Fields() []string {
	var out []string
	for _, f := range momentFields {
		out = append(out, f.Key)
	}
	for _, d := range cycle.AllDimensions {
		out = append(out, dimPrefix+d+".expected", dimPrefix+d+".perceived")
	}
	return out
}

// ParseMap reads --map COLUMN=FIELD flags into Options.Map.
func ParseMap(flags []string) (map[string]string, error) {
	out := map[string]string{}
	for _, fl := range flags {
		col, key, ok := strings.Cut(fl, "=")
		col, key = strings.TrimSpace(col), strings.TrimSpace(key)
		if !ok || normalize(col) == "" || key == "" {
			return nil, fmt.Errorf("invalid --map %q: write COLUMN=FIELD, e.g. --map \"Nota cliente=performance\"", fl)
		}
		if key != "-" {
			f := index.byKey[key]
			if f == nil || f.Kind == kMeta {
				return nil, fmt.Errorf("invalid --map %q: %q is not a field; fields: %s, or - to leave the column out", fl, key, strings.Join(Fields(), ", "))
			}
		}
		out[normalize(col)] = key
	}
	return out, nil
}

// DetectFormat tells the format of an input from its name, then its content.
func DetectFormat(name string, data []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return FormatXLSX
	case ".mmd", ".mermaid":
		return FormatMermaid
	case ".csv", ".tsv", ".txt":
		if isMermaid(data) {
			return FormatMermaid
		}
		return FormatCSV
	}
	if len(data) > 4 && string(data[:4]) == "PK\x03\x04" {
		return FormatXLSX
	}
	if isMermaid(data) {
		return FormatMermaid
	}
	return FormatCSV
}

// Import reads a sheet or a Mermaid journey and writes a cycle file. It
// fails, writing nothing, on anything it cannot read faithfully: no
// recognisable header, a binary or oversized file, a formula, a score that
// is not a number or is out of range. Everything it reads but cannot map is
// kept (in a moment's description or a comment at the top) and listed in
// Result.Notes.
func Import(name string, data []byte, opts Options) (*Result, error) {
	return ImportContext(context.Background(), name, data, opts)
}

// ImportContext is Import stopping when ctx is done (Ctrl-C): the rows
// and cells are read checking it as they go, and it returns ctx.Err()
// and no result, so nothing is written.
func ImportContext(ctx context.Context, name string, data []byte, opts Options) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lang := opts.Lang
	if len(data) > MaxSheetSize {
		return nil, errors.New(tr(lang, "%s is larger than %d MiB; ciclo reads sheets up to that size", name, MaxSheetSize>>20))
	}
	if opts.Map == nil {
		opts.Map = map[string]string{}
	}
	format := opts.Format
	if format == "" {
		format = DetectFormat(name, data)
	}
	d := &draft{Scale: opts.Scale, Output: opts.Output}
	if d.Output == "-" {
		d.Output = ""
	}
	rd := &reader{opts: &opts, lang: lang, d: d}
	res := &Result{}
	switch format {
	case FormatMermaid:
		if !isMermaid(data) {
			return nil, errors.New(tr(lang, "%s is not a Mermaid journey: its first line must be \"journey\"", name))
		}
		rd.t = &table{File: name}
		if d.Scale == 0 {
			d.Scale = 5
		}
		if lang == "" {
			lang = "en"
		}
		rd.lang = lang
		readMermaid(name, data, rd)
		if len(opts.Map) > 0 || opts.Sheet != "" {
			rd.notes = append(rd.notes, Note{Where: name, Text: tr(lang, "--map and --sheet are for sheets; a Mermaid journey has neither")})
		}
		res.Layout = FormatMermaid
		d.Source = filepath.Base(name) + " (Mermaid journey)"
	case FormatCSV, FormatXLSX:
		var t *table
		var err error
		if format == FormatCSV {
			t, err = readCSV(ctx, name, data, lang)
		} else {
			rd.workbook = true
			t, err = readXLSX(ctx, name, data, opts.Sheet, lang, looksLikeCycle(&opts))
		}
		if err != nil {
			return nil, err
		}
		rd.t = t
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		layout, at, ok := rd.detect()
		if !ok {
			where := name
			if t.Sheet != "" {
				where += ":" + t.Sheet
			}
			return nil, errors.New(tr(lang, "%s: no recognisable header: no row and no first column names the moments (moment, step, touchpoint, momento, paso...); name that column, or use --map COLUMN=name", where))
		}
		rd.countVotes(layout, at)
		if lang == "" {
			lang = "en"
			if rd.esVotes > rd.enVotes {
				lang = "es"
			}
		}
		rd.lang = lang
		rd.esVotes, rd.enVotes = 0, 0
		if d.Scale == 0 {
			d.Scale = rd.sheetScale(layout, at)
		}
		if layout == LayoutRows {
			rd.readRows(at)
		} else {
			rd.readLanes(at)
		}
		if format == FormatCSV && opts.Sheet != "" {
			rd.notes = append(rd.notes, Note{Where: name, Text: tr(lang, "--sheet is for workbooks; a CSV file has one sheet")})
		}
		for _, label := range sortedKeys(opts.Map) {
			if !rd.mapped[label] {
				rd.notes = append(rd.notes, Note{Where: name, Text: tr(lang, "--map %q: no column or row label is called that", label)})
			}
		}
		res.Layout, res.Sheet = layout, t.Sheet
		d.Source = filepath.Base(name)
		if t.Sheet != "" {
			d.Source += fmt.Sprintf(" [%s]", t.Sheet)
		}
		d.Source += ", " + layoutWord(lang, layout)
	default:
		return nil, fmt.Errorf("unknown import format %q; use csv, xlsx or mermaid", format)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opts.FromScale != nil {
		d.Converted = opts.FromScale.Text
	}
	if d.Language == "" || opts.Lang != "" {
		d.Language = lang
	}
	if len(rd.problems) > 0 {
		return nil, Problems(rd.problems)
	}
	if len(d.Moments) == 0 {
		return nil, errors.New(tr(lang, "%s: the header is there but no moment below it has a name", name))
	}
	if len(d.Moments) > cycle.MaxMoments {
		return nil, errors.New(tr(lang, "%s has %d moments; a cycle holds at most %d", name, len(d.Moments), cycle.MaxMoments))
	}
	if d.Title == "" {
		base := filepath.Base(name)
		d.Title = strings.TrimSuffix(base, filepath.Ext(base))
		rd.notes = append(rd.notes, Note{Where: name, Text: tr(lang, "no title in the sheet; the file name %q is the title", d.Title)})
	}
	fillStages(d)
	if !laneKeys && d.hasLanes() {
		rd.notes = append(rd.notes, Note{Where: name, Text: tr(lang, "evidence, backstage and support are kept in each moment's description until ciclo reads them as keys")})
	}
	assignIDs(d, &rd.notes, lang)
	out, err := yamlOf(d, lang)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The result must be a valid cycle; say so in the input's terms when
	// it is not (an unknown id in next, an oversized text...).
	if _, err := cycle.Parse(name, out); err != nil {
		var list cycle.ErrorList
		if errors.As(err, &list) {
			var ps Problems
			for _, e := range list {
				ps = append(ps, Note{Where: momentOrigin(d, out, e.Pos.Line), Text: tr(lang, "the imported cycle would be invalid: %s", e.Text(lang))})
			}
			return nil, ps
		}
		return nil, err
	}
	if rd.t.Encoding != "" {
		rd.notes = append([]Note{{Where: name, Text: tr(lang, "read as %s text, not UTF-8; check the accents", rd.t.Encoding)}}, rd.notes...)
	}
	res.YAML, res.Notes, res.Language, res.Moments = out, rd.notes, lang, len(d.Moments)
	return res, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// layoutWord names a layout in the header comment.
func layoutWord(lang, layout string) string {
	if layout == LayoutLanes {
		return tr(lang, "lanes as rows")
	}
	return tr(lang, "moments as rows")
}

// countVotes counts the language of the recognised labels of the layout.
func (rd *reader) countVotes(layout string, at int) {
	if layout == LayoutRows {
		for _, c := range rd.t.Rows[at] {
			if f, _ := rd.resolve(c.Text); f != nil {
				rd.vote(c.Text)
			}
		}
		return
	}
	for r := range rd.t.Rows {
		if c := rd.t.at(r, at); c.Text != "" {
			if f, _ := rd.resolve(c.Text); f != nil {
				rd.vote(c.Text)
			}
		}
	}
}

// sheetScale finds a "scale" label row in the sheet, else 5.
func (rd *reader) sheetScale(layout string, at int) int {
	for r, row := range rd.t.Rows {
		if layout == LayoutRows && r >= at {
			break
		}
		cells := nonBlank(row)
		if len(cells) >= 2 {
			if f, _ := rd.resolve(cells[0].Text); f != nil && f.Key == "scale" {
				if v, ok := parseNumber(cells[1].Text); ok && v == float64(int(v)) && v >= 3 && v <= 10 {
					return int(v)
				}
			}
		}
	}
	return 5
}

// fillStages gives a moment whose stage cell is blank the stage of the
// moment before it, as a merged stage cell (or a CSV saved from one)
// means; a stage cell "-" says the moment has none.
func fillStages(d *draft) {
	staged := false
	for _, m := range d.Moments {
		staged = staged || m.Stage != ""
	}
	if !staged {
		return
	}
	for i, m := range d.Moments {
		if m.Stage == "" && !m.NoStage && i > 0 && !d.Moments[i-1].NoStage {
			m.Stage = d.Moments[i-1].Stage
		}
	}
}

func (d *draft) hasLanes() bool {
	for _, m := range d.Moments {
		if len(m.Evidence)+len(m.Backstage)+len(m.Support) > 0 {
			return true
		}
	}
	return false
}

// momentOrigin names where in the input the moment written at line of
// the YAML came from: moments are the "  - " items after "moments:".
func momentOrigin(d *draft, yamlText []byte, line int) string {
	n, in := -1, false
	for i, l := range strings.Split(string(yamlText), "\n") {
		if i+1 > line {
			break
		}
		switch {
		case l == "moments:":
			in = true
		case in && strings.HasPrefix(l, "  - "):
			n++
		}
	}
	if n >= 0 && n < len(d.Moments) {
		return d.Source + ", " + d.Moments[n].Origin
	}
	return d.Source
}
