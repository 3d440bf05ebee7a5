// Package responses turns raw survey answers into a cycle's scores: a CSV
// with one row per respondent and one column per moment and measure is
// aggregated into means, with the number of ratings behind them, and
// written into the cycle file through internal/yamledit, which keeps the
// file's comments, order and layout. docs/format.md ("Survey responses")
// documents the header convention; `ciclo import --responses` is its
// command.
//
// A header names a moment and a measure, separated by dots:
//
//	mostrador.importance
//	mostrador.performance
//	mostrador.courtesy.expected
//	mostrador.courtesy.perceived
//
// Columns without a dot (a respondent id, a date) are ignored. Blank
// answers are skipped; answers that are not numbers within 1..scale are
// reported with their line and column and not counted. A header naming an
// unknown moment or measure, or one measure twice, is an error, and then
// nothing is aggregated.
package responses

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"github.com/ciclo-dev/ciclo/internal/msg"
	"io"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/yamledit"
)

// MaxSize is the largest responses file read, in bytes.
const MaxSize = 64 << 20

// Column is one measure column of the header and what it aggregated to.
type Column struct {
	Header  string // as written in the header
	Index   int    // 0-based position in the row
	Moment  string // moment id
	Measure string // importance, performance, expected or perceived
	// Dimension is the SERVQUAL determinant of an expected or perceived
	// column, "" otherwise.
	Dimension string
	N         int           // answers counted
	Mean      cycle.Decimal // mean of the answers counted, rounded to hundredths; zero when N is 0
	sum       cycle.Decimal
}

// ProblemKind tells why an answer was not counted.
type ProblemKind string

// The kinds of answers not counted.
const (
	OutOfRange ProblemKind = "out-of-range" // a number outside 1..scale
	NotANumber ProblemKind = "not-a-number" // text that is not a number
)

// Problem is one answer that was not counted, or one bad header column.
type Problem struct {
	File         string
	Line, Column int // 1-based; Column counts bytes, as encoding/csv does
	Header       string
	Value        string
	Kind         ProblemKind
	Scale        int
}

// Location is FILE:LINE:COL.
func (p Problem) Location() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column) }

// Text describes the problem in lang ("en" or "es").
func (p Problem) Text(lang string) string {
	format := problemFormats[p.Kind]
	if p.Kind == NotANumber {
		return msg.Sprintf(lang, format, p.Header, p.Value)
	}
	return msg.Sprintf(lang, format, p.Header, p.Value, p.Scale)
}

// Result is the aggregate of a responses file.
type Result struct {
	Respondents int      // data rows
	Columns     []Column // measure columns, in header order
	Problems    []Problem
	// Samples maps each moment with at least one answer counted to its
	// sample: the fewest answers counted for any of its measures, so that
	// no score of the moment rests on fewer ratings than it says.
	Samples map[string]int
}

// HeaderError lists the columns of a header that name an unknown moment
// or measure, or a measure already named.
type HeaderError struct {
	File    string
	Columns []HeaderProblem
}

// HeaderProblem is one bad header column.
type HeaderProblem struct {
	Column int    // 1-based byte column in the header line
	Header string // the column's name
	Kind   HeaderKind
	Arg    string // the unknown part, the column named before, or a suggestion
}

// HeaderKind tells what is wrong with a header column.
type HeaderKind string

// What can be wrong with a header column.
const (
	UnknownMoment  HeaderKind = "unknown-moment"
	UnknownMeasure HeaderKind = "unknown-measure"
	Duplicate      HeaderKind = "duplicate"
)

func (e *HeaderError) Error() string { return e.Text("en") }

// Text lists the bad columns in lang, one a line, as FILE:1:COL: MESSAGE.
func (e *HeaderError) Text(lang string) string {
	var b strings.Builder
	for i, c := range e.Columns {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s:1:%d: ", e.File, c.Column)
		b.WriteString(msg.Sprintf(lang, headerFormats[c.Kind], c.Header, c.Arg))
	}
	return b.String()
}

// Aggregate reads a responses CSV (named file in messages) for cycle c.
// The delimiter is a comma, or a semicolon when the header has semicolons
// and no commas (as spreadsheets write CSV in Spanish locales, where an
// answer may also use a decimal comma). It returns a *HeaderError when
// the header names an unknown moment or measure.
func Aggregate(file string, r io.Reader, c *cycle.Cycle) (*Result, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%s is larger than %d MiB", file, MaxSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a spreadsheet's byte order mark
	cr := csv.NewReader(bytes.NewReader(data))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	semicolon := bytes.IndexByte(first, ';') >= 0 && bytes.IndexByte(first, ',') < 0
	if semicolon {
		cr.Comma = ';'
	}
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s is empty; it needs a header row", file)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	cols, err := columns(file, header, cr, c)
	if err != nil {
		return nil, err
	}
	res := &Result{Samples: map[string]int{}}
	scale := cycle.Whole(c.Scale)
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		res.Respondents++
		for i := range cols {
			col := &cols[i]
			raw := strings.TrimSpace(row[col.Index])
			if raw == "" {
				continue
			}
			v, err := cycle.ParseDecimal(raw)
			if err != nil && semicolon {
				v, err = cycle.ParseDecimal(strings.Replace(raw, ",", ".", 1))
			}
			if err != nil || v.Cmp(cycle.Whole(1)) < 0 || v.Cmp(scale) > 0 {
				l, cn := cr.FieldPos(col.Index)
				kind := OutOfRange
				if err != nil {
					kind = NotANumber
				}
				res.Problems = append(res.Problems, Problem{File: file, Line: l, Column: cn, Header: col.Header, Value: raw, Kind: kind, Scale: c.Scale})
				continue
			}
			col.sum = col.sum.Add(v)
			col.N++
		}
	}
	for i := range cols {
		col := &cols[i]
		col.Mean = col.sum.Div(col.N)
		if n, ok := res.Samples[col.Moment]; col.N > 0 && (!ok || col.N < n) {
			res.Samples[col.Moment] = col.N
		}
	}
	res.Columns = cols
	return res, nil
}

// columns reads the header into measure columns.
func columns(file string, header []string, cr *csv.Reader, c *cycle.Cycle) ([]Column, error) {
	var cols []Column
	var bad []HeaderProblem
	seen := map[string]string{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		_, col := cr.FieldPos(i)
		parts := strings.Split(h, ".")
		if len(parts) < 2 {
			continue // a respondent id, a date: not a measure
		}
		id := parts[0]
		if c.Moment(id) == nil {
			bad = append(bad, HeaderProblem{Column: col, Header: h, Kind: UnknownMoment, Arg: id})
			continue
		}
		k := Column{Header: h, Index: i, Moment: id}
		switch {
		case len(parts) == 2 && (parts[1] == "importance" || parts[1] == "performance"):
			k.Measure = parts[1]
		case len(parts) == 3 && knownDimension(parts[1]) && (parts[2] == "expected" || parts[2] == "perceived"):
			k.Dimension, k.Measure = parts[1], parts[2]
		default:
			bad = append(bad, HeaderProblem{Column: col, Header: h, Kind: UnknownMeasure, Arg: strings.Join(parts[1:], ".")})
			continue
		}
		key := id + "." + k.Dimension + "." + k.Measure
		if first, dup := seen[key]; dup {
			bad = append(bad, HeaderProblem{Column: col, Header: h, Kind: Duplicate, Arg: first})
			continue
		}
		seen[key] = h
		cols = append(cols, k)
	}
	if len(bad) > 0 {
		return nil, &HeaderError{File: file, Columns: bad}
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("%s: the header names no measure; write columns as moment.importance, moment.performance or moment.dimension.perceived (see docs/format.md)", file)
	}
	return cols, nil
}

func knownDimension(d string) bool {
	for _, k := range cycle.AllDimensions {
		if k == d {
			return true
		}
	}
	return false
}

// Updates returns the new scores: the mean of every column with at least
// one answer counted, and each such moment's sample. Columns without
// answers leave the file's value as it is.
func (r *Result) Updates() map[string]yamledit.Update {
	out := map[string]yamledit.Update{}
	for _, col := range r.Columns {
		if col.N == 0 {
			continue
		}
		u := out[col.Moment]
		v := col.Mean.String()
		switch col.Measure {
		case "importance":
			u.Importance = v
		case "performance":
			u.Performance = v
		case "expected":
			if u.Expected == nil {
				u.Expected = map[string]string{}
			}
			u.Expected[col.Dimension] = v
		case "perceived":
			if u.Perceived == nil {
				u.Perceived = map[string]string{}
			}
			u.Perceived[col.Dimension] = v
		}
		u.Sample = r.Samples[col.Moment]
		out[col.Moment] = u
	}
	return out
}

// Apply writes the result into src, the cycle file's bytes, keeping
// everything else as it is. An expected mean without a perceived one
// (in the file or in the answers) is an error, as it would be in the file.
func (r *Result) Apply(src []byte) ([]byte, error) {
	u := r.Updates()
	if len(u) == 0 {
		return nil, errors.New("no answer was counted; the cycle file is left as it is")
	}
	return yamledit.Apply(src, u)
}

// Moments lists the moments with answers, in the order of their first
// column.
func (r *Result) Moments() []string {
	var out []string
	seen := map[string]bool{}
	for _, col := range r.Columns {
		if col.N > 0 && !seen[col.Moment] {
			seen[col.Moment] = true
			out = append(out, col.Moment)
		}
	}
	return out
}
