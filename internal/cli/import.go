package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ciclo-dev/ciclo/internal/exchange"
	"github.com/ciclo-dev/ciclo/internal/msg"
	"github.com/spf13/cobra"
)

// ImportOptions are the options of "ciclo import".
type ImportOptions struct {
	IO        *IOStreams
	File      string   // the sheet or Mermaid file; - is standard input
	Output    string   // the cycle file to write; - is standard output
	Sheet     string   // workbook sheet; "" finds it
	Scale     int      // the cycle's scale; 0 takes the sheet's, else 5
	FromScale string   // LOW..HIGH or %: convert scores from that range
	Map       []string // COLUMN=FIELD
	Lang      string   // en or es; "" follows the sheet
	// Responses is a CSV of raw survey answers; when set, FILE is the
	// cycle file whose scores are rewritten from them (importResponsesRun).
	Responses string
}

// NewCmdImport builds "ciclo import". runF replaces importRun in tests of
// the flags; nil runs the command.
func NewCmdImport(ios *IOStreams, runF func(context.Context, *ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "import FILE | import --responses ANSWERS.csv CYCLE.yaml",
		Short: "Make a cycle file from a spreadsheet (CSV, XLSX) or a Mermaid journey",
		Long: `Make a cycle file from a spreadsheet (CSV or XLSX) or a Mermaid journey.

Sheets come in two layouts, told apart automatically: moments as rows
(a header row: moment, owner, importance...) and lanes as rows (the first
column holds the labels, one column per moment, as journey maps are laid
out). Headers and labels are recognised in English and Spanish with their
usual synonyms (step, touchpoint, paso, responsable, área, desempeño...);
docs/import.md lists them all. A Mermaid journey gives the title, sections
as stages, and each task as a moment with its score as performance and its
actors as owner.

Nothing is dropped silently: a column or label that names no field is
listed on standard error with its place and kept in each moment's
description; rows that fit nowhere become comments at the top of the file.
Ids are made from the names (lowercase, accents folded, unique). Scores must
lie within 1..scale; --from-scale converts them from another range.

The result is a commented, valid cycle file; run ciclo lint on it to see
what the data lacks. Anything the import cannot read faithfully (no
recognisable header, a binary file, a workbook over the size limits, a
formula, a score that is not a number) is an error and nothing is written.
The output is written whole or not at all, and never over FILE.

With --responses ANSWERS.csv, FILE is an existing cycle file instead: the
raw answers (one row per respondent, one column per moment and measure,
such as counter.importance or counter.courtesy.perceived) become means
with their sample, written into FILE in place, keeping its comments, order
and layout. Blank answers are skipped; answers outside 1..scale are
reported with their row and column and not counted; a column that names an
unknown moment or measure stops the import and nothing is written
(docs/format.md, "Survey responses").`,
		Example: `  ciclo import journey.xlsx -o journey.yaml
  ciclo import momentos.csv --from-scale -2..2 -o momentos.yaml
  ciclo import survey.xlsx --sheet Results --scale 10 --map "Nota=performance"
  ciclo import README.md -o day.yaml          # the first mermaid journey block
  ciclo import --responses survey.csv cycle.yaml   # means and samples into the file`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			if opts.Responses != "" {
				if cmd.Flags().Changed("output") || opts.Sheet != "" || opts.Scale != 0 || opts.FromScale != "" || len(opts.Map) > 0 {
					return misusef(opts.Lang, "--responses rewrites CYCLE in place and takes only --lang")
				}
				return importResponsesRun(cmd.Context(), &ImportResponsesOptions{IO: opts.IO, Responses: opts.Responses, Cycle: opts.File, Lang: opts.Lang})
			}
			return importRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "-", "cycle file to write, or - for standard output")
	cmd.Flags().StringVar(&opts.Sheet, "sheet", "", "workbook sheet to read (default: the first one with a recognisable header)")
	cmd.Flags().IntVar(&opts.Scale, "scale", 0, "the cycle's scale, 3..10: scores run 1..N (default: the sheet's scale row, else 5)")
	cmd.Flags().StringVar(&opts.FromScale, "from-scale", "", "convert scores from this range onto 1..scale: -2..2, 1..10, 0..100 or %")
	cmd.Flags().StringArrayVar(&opts.Map, "map", nil, "COLUMN=FIELD: read a column (or row label) as a field, e.g. \"Nota=performance\"; FIELD - leaves it out (repeatable)")
	cmd.Flags().StringVar(&opts.Responses, "responses", "", "a CSV of raw survey answers: write their means and samples into the cycle FILE")
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "the cycle's language, en or es, also of messages and comments (default: the sheet's)")
	return cmd
}

func importRun(ctx context.Context, opts *ImportOptions) error {
	if err := checkLang(opts.Lang); err != nil {
		return err
	}
	if opts.Scale != 0 && (opts.Scale < 3 || opts.Scale > 10) {
		return misusef(opts.Lang, "invalid --scale %d: a cycle's scale runs from 3 to 10", opts.Scale)
	}
	xo := exchange.Options{Sheet: opts.Sheet, Scale: opts.Scale, Lang: opts.Lang, Output: opts.Output}
	if opts.FromScale != "" {
		r, err := exchange.ParseRange(opts.FromScale)
		if err != nil {
			return misuse(err)
		}
		xo.FromScale = r
	}
	m, err := exchange.ParseMap(opts.Map)
	if err != nil {
		return misuse(err)
	}
	xo.Map = m
	if err := newGuard(opts.IO, opts.Lang, []input{{Name: opts.File}}).check("", opts.Output, ""); err != nil {
		return err
	}
	data, err := readSheet(opts.IO, opts.Lang, opts.File)
	if err != nil {
		return err
	}
	name := opts.File
	if name == "-" {
		name = stdinName
	}
	res, err := exchange.ImportContext(ctx, name, data, xo)
	if ctx.Err() != nil && (err == nil || errors.Is(err, ctx.Err())) {
		return ctx.Err() // interrupted: exit 130, nothing written
	}
	if err != nil {
		var ps exchange.Problems
		if errors.As(err, &ps) {
			for _, p := range ps {
				fmt.Fprintf(opts.IO.ErrOut, "%s: error: %s\n", p.Where, p.Text)
			}
			return problem()
		}
		fmt.Fprintf(opts.IO.ErrOut, "ciclo: %v\n", err)
		return problem()
	}
	word := msg.Tc(res.Language, "import", msg.Nc("import", "note"))
	for _, n := range res.Notes {
		fmt.Fprintf(opts.IO.ErrOut, "%s: %s: %s\n", n.Where, word, n.Text)
	}
	return writeOutput(opts.IO.Out, opts.Lang, opts.Output, res.YAML)
}

// readSheet reads an input to import, bounded by the size limit (one byte
// more is read so the limit can be reported).
func readSheet(ios *IOStreams, lang, name string) ([]byte, error) {
	var r io.Reader = ios.In
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, misusef(lang, "cannot read %s: %w", name, unwrapPath(err))
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, misusef(lang, "cannot read %s: is a directory", name)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, exchange.MaxSheetSize+1))
	if err != nil {
		return nil, misusef(lang, "cannot read %s: %w", name, unwrapPath(err))
	}
	return data, nil
}
