package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/msg"
	"github.com/ciclo-dev/ciclo/internal/responses"
)

// ImportResponsesOptions are the options of
// "ciclo import --responses FILE.csv CYCLE.yaml".
type ImportResponsesOptions struct {
	IO        *IOStreams
	Responses string // the CSV of raw answers; "-" reads standard input
	Cycle     string // the cycle file whose scores are rewritten in place
	Lang      string // language of messages; "" follows the cycle file
}

// importResponsesRun aggregates the answers into means and writes them,
// with each moment's sample, into the cycle file, keeping its comments,
// order and layout (see docs/format.md, "Survey responses"). Answers not
// counted are warnings on ErrOut; a header naming an unknown moment or
// measure is an error and nothing is written. The file is replaced whole
// or not at all, and only when the result is still a valid cycle.
func importResponsesRun(_ context.Context, opts *ImportResponsesOptions) error {
	if opts.Cycle == "" || opts.Cycle == "-" {
		return misusef(opts.Lang, "import --responses rewrites the cycle file in place: name a file, not -")
	}
	if opts.Responses == "" {
		return misusef(opts.Lang, "import --responses needs a CSV file of answers")
	}
	in := input{Name: opts.Cycle}
	if fi, err := os.Stat(opts.Cycle); err != nil {
		return misusef(opts.Lang, "cannot read %s: %w", opts.Cycle, unwrapPath(err))
	} else if !fi.Mode().IsRegular() {
		return misusef(opts.Lang, "%s is not a regular file; import --responses rewrites a cycle file", opts.Cycle)
	} else if fi.Mode().Perm()&0o222 == 0 {
		// replacing the file would succeed in a writable folder, and
		// quietly undo the user's "read-only"
		return misusef(opts.Lang, "%s is read-only; import --responses rewrites it in place: make it writable first", opts.Cycle)
	}
	src, err := readInput(opts.IO, opts.Lang, in)
	if err != nil {
		return err
	}
	c, err := cycle.Parse(in.Display(), src)
	if err != nil {
		printErrors(opts.IO.ErrOut, err, opts.Lang)
		return problem()
	}
	lang := opts.Lang
	if lang == "" {
		lang = c.Language
	}

	var r io.Reader
	name := opts.Responses
	if name == "-" {
		r, name = opts.IO.In, stdinName
	} else {
		f, err := os.Open(name)
		if err != nil {
			return misusef(opts.Lang, "cannot read %s: %w", name, unwrapPath(err))
		}
		defer f.Close()
		r = f
	}
	res, err := responses.Aggregate(name, r, c)
	var he *responses.HeaderError
	if errors.As(err, &he) {
		for _, line := range strings.Split(he.Text(lang), "\n") {
			loc, msg, _ := strings.Cut(line, ": ")
			fmt.Fprintf(opts.IO.ErrOut, "%s: error: %s\n", loc, msg)
		}
		fmt.Fprintf(opts.IO.ErrOut, "ciclo: %s\n", importWord(lang, "unchanged", opts.Cycle))
		return problem()
	}
	if err != nil {
		return misuse(err)
	}
	for _, p := range res.Problems {
		fmt.Fprintf(opts.IO.ErrOut, "%s: warning: %s\n", p.Location(), p.Text(lang))
	}
	out, err := res.Apply(src)
	if err == nil {
		// never write a file ciclo could not read back
		_, err = cycle.Parse(in.Display(), out)
	}
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "ciclo: %v\nciclo: %s\n", err, importWord(lang, "unchanged", opts.Cycle))
		return problem()
	}
	// The file may have been saved from an editor while the answers were
	// read: writing now would lose that edit.
	if beforeResponsesWrite != nil {
		beforeResponsesWrite()
	}
	if now, err := os.ReadFile(opts.Cycle); err != nil || !bytes.Equal(now, src) {
		fmt.Fprintf(opts.IO.ErrOut, "ciclo: %s changed while the answers were read; run the import again\nciclo: %s\n", opts.Cycle, importWord(lang, "unchanged", opts.Cycle))
		return problem()
	}
	if err := writeFileAtomic(opts.Lang, opts.Cycle, out); err != nil {
		return misuse(err)
	}
	writeImportSummary(opts.IO.Out, res, opts.Cycle, lang)
	return nil
}

// beforeResponsesWrite, when set by a test, runs between reading the
// cycle file and writing it back.
var beforeResponsesWrite func()

// writeImportSummary lists each mean written, then one line of totals.
func writeImportSummary(w io.Writer, res *responses.Result, file, lang string) {
	written := 0
	for _, id := range res.Moments() {
		var parts []string
		for _, col := range res.Columns {
			if col.Moment != id || col.N == 0 {
				continue
			}
			measure := col.Measure
			if col.Dimension != "" {
				measure = cycle.DimensionName(col.Dimension, lang) + " " + importWord(lang, col.Measure)
			} else {
				measure = importWord(lang, measure)
			}
			parts = append(parts, fmt.Sprintf("%s %s (n=%d)", measure, col.Mean, col.N))
			written++
		}
		fmt.Fprintf(w, "%s: %s; %s %d\n", id, strings.Join(parts, ", "), importWord(lang, "sample"), res.Samples[id])
	}
	fmt.Fprintln(w, importWord(lang, "summary", written, res.Respondents, file, len(res.Problems)))
}

// importWords are the fixed words of import --responses in English; ciclo's
// catalog (internal/msg) translates them under the context "import".
var importWords = map[string]string{
	"importance":  msg.Nc("import", "importance"),
	"performance": msg.Nc("import", "performance"),
	"expected":    msg.Nc("import", "expected"),
	"perceived":   msg.Nc("import", "perceived"),
	"sample":      msg.Nc("import", "sample"),
	"summary":     msg.Nc("import", "wrote %d means from %d respondents into %s; %d answers not counted"),
	"unchanged":   msg.Nc("import", "%s left unchanged"),
}

func importWord(lang, key string, args ...any) string {
	w := msg.Tc(lang, "import", importWords[key])
	if len(args) == 0 {
		return w
	}
	return fmt.Sprintf(w, args...)
}
