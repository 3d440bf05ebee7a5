package exchange

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Limits on what a sheet may hold, so a hostile file fails fast.
const (
	// MaxSheetSize is the largest CSV, XLSX or Mermaid file read, in bytes.
	MaxSheetSize = 10 << 20
	// MaxUnzipped is the most a workbook may unpack to, in bytes: a zip
	// bomb (a small file that unpacks to gigabytes) is refused before it
	// is unpacked.
	MaxUnzipped = 64 << 20
	// MaxCells bounds the cells of one sheet that are read.
	MaxCells = 1_000_000
)

// cell is one cell of a sheet with where it came from.
type cell struct {
	Text string // trimmed; a leading ' before = + - @ (Excel's text mark) dropped
	Raw  string // a workbook cell's stored value (a date's serial number), else Text
	Line int    // 1-based row (the CSV line)
	Col  int    // 1-based column (the CSV field number)
	Char int    // 1-based character column in a CSV line; 0 in a workbook
}

// table is one sheet read into cells, blank rows included.
type table struct {
	File  string   // the file name, for messages
	Sheet string   // the workbook sheet, "" for CSV
	Rows  [][]cell // Rows[i][j] is row i+1, column j+1
	// Sheets lists the workbook's sheets, for messages.
	Sheets []string
	// Encoding names the encoding a CSV file was read in when it was not
	// UTF-8 ("UTF-16", "Windows-1252"), for a note.
	Encoding string
}

// at returns the cell at 0-based row r and column c, or a blank one.
func (t *table) at(r, c int) cell {
	if r < len(t.Rows) && c < len(t.Rows[r]) {
		return t.Rows[r][c]
	}
	return cell{Line: r + 1, Col: c + 1}
}

// width is the number of columns of the widest row.
func (t *table) width() int {
	w := 0
	for _, r := range t.Rows {
		w = max(w, len(r))
	}
	return w
}

// where names a cell for messages: FILE:LINE:COL for a CSV file,
// FILE:Sheet!B3 for a workbook.
func (t *table) where(c cell) string {
	if t.Sheet != "" {
		return fmt.Sprintf("%s:%s!%s", t.File, t.Sheet, cellName(c.Line, c.Col))
	}
	ch := c.Char
	if ch == 0 {
		ch = 1
	}
	return fmt.Sprintf("%s:%d:%d", t.File, c.Line, ch)
}

// cellName is a spreadsheet reference: column letters then the row, "B3".
func cellName(row, col int) string {
	return colName(col) + strconv.Itoa(row)
}

// colName is a column's letters: 1 is A, 27 is AA.
func colName(col int) string {
	s := ""
	for col > 0 {
		col--
		s = string(rune('A'+col%26)) + s
		col /= 26
	}
	return s
}

// cleanText trims a cell and drops the apostrophe spreadsheets put before
// text that would otherwise be taken for a formula (export writes it too).
// Control characters other than line breaks and tabs (a NUL past the
// first 8 KiB, an escape sequence) and invalid UTF-8 become spaces and
// U+FFFD: no drawing, page or terminal downstream can hold them.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n' && r != '\t' && r != '\r') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	s = strings.TrimSpace(strings.Trim(s, "\u00a0\ufeff"))
	if len(s) > 1 && s[0] == '\'' && formulaLike(s[1:]) {
		s = strings.TrimSpace(s[1:])
	}
	return s
}

// formulaLike reports whether a spreadsheet could take text for a formula
// (or DDE call) when it opens a CSV: it starts with = + - @, a tab, a
// carriage return or a line feed, or has = + - @ after leading blanks
// (some programs trim them first).
func formulaLike(s string) bool {
	if s == "" {
		return false
	}
	if strings.ContainsRune("\t\r\n", rune(s[0])) {
		return true
	}
	t := strings.TrimLeft(s, " \t\r\n\u00a0")
	return t != "" && strings.ContainsRune("=+-@", rune(t[0]))
}

// looksBinary reports whether data cannot be a text sheet: a NUL byte or
// other control characters in its first 8 KiB. (Text in another encoding
// than UTF-8 is reported separately.)
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	control := 0
	for _, b := range head {
		if b == 0 {
			return true
		}
		if b < 0x09 || (b > 0x0d && b < 0x20) {
			control++
		}
	}
	return control > len(head)/100
}

// readCSV reads a CSV file: UTF-8 (a BOM is dropped), UTF-16 with a BOM,
// or Windows-1252 (what spreadsheet programs save as plain "CSV" in
// Western Europe and the Americas) when it is not UTF-8; the separator
// (comma, semicolon or tab) from Excel's "sep=" first line, else found from
// the first lines.
func readCSV(ctx context.Context, name string, data []byte, lang string) (*table, error) {
	encoding := ""
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		decoded, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("%s", tr(lang, "%s is not a text CSV file (it holds binary data); save the sheet as \"CSV UTF-8\"", name))
		}
		data, encoding = decoded, "UTF-16"
	}
	if looksBinary(data) {
		return nil, fmt.Errorf("%s", tr(lang, "%s is not a text CSV file (it holds binary data); save the sheet as \"CSV UTF-8\"", name))
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		decoded, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(decoded) {
			return nil, fmt.Errorf("%s", tr(lang, "%s is not UTF-8 text; save the sheet as \"CSV UTF-8\"", name))
		}
		data, encoding = decoded, "Windows-1252"
	}
	comma := sniffSeparator(data)
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.HasPrefix(first, []byte("sep=")) {
		if sep := []rune(strings.TrimSpace(string(first[4:]))); len(sep) == 1 && sep[0] != '"' && sep[0] != '\n' {
			comma = sep[0]
			data = data[len(first):] // line 1 becomes blank: line numbers stay true
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := &table{File: name, Encoding: encoding}
	lines := bytes.Split(data, []byte("\n"))
	// charCol turns the reader's byte column into a character column.
	// Fields come in order along a line, so the count goes on from the
	// previous field's: a line of a million cells costs its length once,
	// not once a cell.
	memoLine, memoByte, memoRunes := 0, 0, 0
	charCol := func(line, col int) int {
		if line < 1 || line > len(lines) || col < 1 || col-1 > len(lines[line-1]) {
			return col
		}
		if line != memoLine || col-1 < memoByte {
			memoLine, memoByte, memoRunes = line, 0, 0
		}
		memoRunes += utf8.RuneCount(lines[line-1][memoByte : col-1])
		memoByte = col - 1
		return memoRunes + 1
	}
	cells := 0
	var lastLine, lastCol int // where the last field read starts
	for {
		if err := ctx.Err(); err != nil {
			return nil, err // stopped (Ctrl-C): checked once a line
		}
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			// With lazy quotes (a bare " inside a cell is common) a quote
			// opened and never closed takes the rest of the file into one
			// cell, silently: the last field starts with a quote then,
			// and the file does not end with one.
			if lastLine > 0 && lastCol-1 < len(lines[lastLine-1]) && lines[lastLine-1][lastCol-1] == '"' &&
				!bytes.HasSuffix(bytes.TrimRight(data, "\r\n"), []byte(`"`)) {
				return nil, fmt.Errorf("%s:%d:%d: %s", name, lastLine, charCol(lastLine, lastCol), tr(lang, "this quote is never closed, so the rest of the file would be one cell; close it or remove it"))
			}
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:%d:%d: %s", name, pe.Line, charCol(pe.Line, pe.Column), tr(lang, "not a valid CSV line: %v", pe.Err))
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		for len(t.Rows) < line-1 {
			t.Rows = append(t.Rows, nil) // lines the reader skipped as empty
		}
		row := make([]cell, len(rec))
		for i, s := range rec {
			l, c := r.FieldPos(i)
			text := cleanText(s)
			row[i] = cell{Text: text, Raw: text, Line: l, Col: i + 1, Char: charCol(l, c)}
		}
		if len(rec) > 0 {
			lastLine, lastCol = r.FieldPos(len(rec) - 1)
		}
		cells += len(row)
		if cells > MaxCells {
			return nil, fmt.Errorf("%s", tr(lang, "%s has more than %d cells; ciclo reads sheets up to that size", name, MaxCells))
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// sniffSeparator picks the separator that splits the first lines most
// consistently: semicolon (Spanish Excel), tab, else comma.
func sniffSeparator(data []byte) rune {
	head := string(data[:min(len(data), 4096)])
	lines := strings.Split(head, "\n")
	if len(lines) > 10 {
		lines = lines[:10]
	}
	best, bestN := ',', 0
	for _, sep := range []rune{',', ';', '\t'} {
		n := 0
		for _, l := range lines {
			n += strings.Count(l, string(sep))
		}
		if n > bestN {
			best, bestN = sep, n
		}
	}
	return best
}

// readXLSX reads one sheet of a workbook: the named one, else the first
// whose rows or first column look like a cycle (pick is told which).
// Formulas are refused (their values are not stored reliably); merged
// cells give their value to every cell they cover.
func readXLSX(ctx context.Context, name string, data []byte, sheet string, lang string, pick func(*table) bool) (*table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: MaxUnzipped,
	})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return nil, fmt.Errorf("%s", tr(lang, "%s unpacks to more than %d MiB; ciclo refuses it (a sheet of moments is far smaller)", name, MaxUnzipped>>20))
		}
		return nil, fmt.Errorf("%s", tr(lang, "%s is not a readable XLSX workbook: %v", name, err))
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheet != "" {
		found := false
		for _, s := range sheets {
			if s == sheet || strings.EqualFold(s, sheet) {
				sheet, found = s, true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("%s", tr(lang, "%s has no sheet %q; its sheets: %s", name, sheet, quoteList(sheets)))
		}
		return readSheet(ctx, f, name, sheet, sheets, lang)
	}
	var first *table
	for _, s := range sheets {
		t, err := readSheet(ctx, f, name, s, sheets, lang)
		if err != nil {
			return nil, err
		}
		if first == nil {
			first = t
		}
		if pick(t) {
			return t, nil
		}
	}
	if first == nil {
		return nil, fmt.Errorf("%s", tr(lang, "%s has no sheets", name))
	}
	return first, nil
}

// readSheet reads one worksheet into a table.
func readSheet(ctx context.Context, f *excelize.File, name, sheet string, sheets []string, lang string) (*table, error) {
	t := &table{File: name, Sheet: sheet, Sheets: sheets}
	vals, err := f.GetRows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	raws, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	cells := 0
	for r, vs := range vals {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		row := make([]cell, len(vs))
		for i, v := range vs {
			text := cleanText(v)
			rv := text
			if r < len(raws) && i < len(raws[r]) {
				rv = strings.TrimSpace(raws[r][i])
			}
			row[i] = cell{Text: text, Raw: rv, Line: r + 1, Col: i + 1}
		}
		cells += len(row)
		if cells > MaxCells {
			return nil, fmt.Errorf("%s", tr(lang, "%s has more than %d cells; ciclo reads sheets up to that size", name, MaxCells))
		}
		t.Rows = append(t.Rows, row)
	}
	// formulas: refuse any, naming the first. A formula whose value was
	// never computed reads as a blank cell, so every cell of the sheet's
	// used range is asked, not only those with a value.
	rowsN, colsN := len(t.Rows), t.width()
	if dim, err := f.GetSheetDimension(sheet); err == nil {
		if _, end, ok := strings.Cut(dim, ":"); ok {
			if c, r, err := excelize.CellNameToCoordinates(end); err == nil && r*c <= MaxCells {
				rowsN, colsN = max(rowsN, r), max(colsN, c)
			}
		}
	}
	// The used range is a rectangle: a cell at XFD1 and another at
	// A1048576 are two cells, but a range of 17 billion to scan.
	if rowsN*colsN > MaxCells {
		return nil, fmt.Errorf("%s", tr(lang, "%s: the sheet spans %d rows by %d columns (to %s), more than %d cells; ciclo reads sheets up to that size: delete the far-away cells or copy the moments to a new sheet", t.where(cell{Line: 1, Col: 1}), rowsN, colsN, cellName(rowsN, colsN), MaxCells))
	}
	for r := 1; r <= rowsN; r++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for c := 1; c <= colsN; c++ {
			if fx, _ := f.GetCellFormula(sheet, cellName(r, c)); fx != "" {
				return nil, fmt.Errorf("%s: %s", t.where(cell{Line: r, Col: c}), tr(lang, "the cell holds a formula (=%s); ciclo reads values only: copy the sheet and paste it as values", fx))
			}
		}
	}
	merged, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// Filling merged ranges costs their area: the areas filled, summed
	// over all ranges (they may overlap, each a million cells), stay
	// within MaxCells too.
	filled := 0
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 > len(t.Rows) || r2 < r1 || c2 < c1 {
			continue
		}
		filled += (min(r2, len(t.Rows)) - r1 + 1) * (c2 - c1 + 1)
		if filled > MaxCells {
			return nil, fmt.Errorf("%s", tr(lang, "%s: the merged ranges cover more than %d cells in all; ciclo reads sheets up to that size", t.where(cell{Line: r1, Col: c1}), MaxCells))
		}
		src := t.at(r1-1, c1-1)
		for r := r1; r <= r2 && r <= len(t.Rows); r++ {
			for c := c1; c <= c2; c++ {
				for len(t.Rows[r-1]) < c {
					t.Rows[r-1] = append(t.Rows[r-1], cell{Line: r, Col: len(t.Rows[r-1]) + 1})
				}
				t.Rows[r-1][c-1].Text, t.Rows[r-1][c-1].Raw = src.Text, src.Raw
			}
		}
	}
	return t, nil
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
