package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/exchange"
	"github.com/spf13/cobra"
)

// exportFormats are the formats of "ciclo export", with the extensions
// that name them.
var exportFormats = []struct {
	Name string
	Exts []string
}{
	{"csv", []string{".csv"}},
	{"xlsx", []string{".xlsx"}},
	{"mermaid", []string{".mmd", ".mermaid", ".md"}},
}

// ExportOptions are the options of "ciclo export".
type ExportOptions struct {
	IO     *IOStreams
	File   string // the cycle file; - is standard input
	Format string // csv, xlsx or mermaid; "" from Output's extension
	Output string // "" beside File with the format's extension; - is standard output
	Lang   string // language of the headers; "" the cycle's
}

// NewCmdExport builds "ciclo export". runF replaces exportRun in tests of
// the flags; nil runs the command.
func NewCmdExport(ios *IOStreams, runF func(context.Context, *ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "export FILE",
		Short: "Write a cycle as a workshop sheet (CSV, XLSX) or a Mermaid journey",
		Long: `Write a cycle as the sheet a workshop fills in (CSV or XLSX), or as a
Mermaid journey block for Markdown pages.

The sheet has the cycle's title, customer, scale and thresholds as label
and value rows at the top, then one row per moment under a header row in
the cycle's language (--lang changes it); a moment's further improvements
go on rows of their own below it. ciclo import reads it back to the same
cycle. The XLSX sheet freezes the header and accepts only numbers within
1..scale in the score columns; the CSV file is UTF-8 with a byte order
mark so spreadsheet programs show accents right.

The Mermaid journey has the title, a section per run of moments with the
same stage, and a task per moment with its performance (on 1..5, converted
from the cycle's scale) and its owner as actor. With -o NAME.md it is
wrapped in a mermaid code block.

Without -f the format comes from -o's extension (.csv, .xlsx, .mmd, .md).
Without -o the output goes beside FILE with the format's extension
(standard output for -). The output is written whole or not at all, and
never over FILE.`,
		Example: `  ciclo export cycle.yaml -f xlsx              # writes cycle.xlsx
  ciclo export cycle.yaml -o workshop.csv
  ciclo export cycle.yaml -f mermaid -o -      # paste into a Markdown page`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return exportRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "", "csv, xlsx or mermaid (default: from -o's extension)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "output file, or - for standard output (default: beside FILE)")
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "language of the sheet's headers and words: en or es (default: the cycle's language)")
	return cmd
}

// exportFormat decides the format: the flag, else -o's extension.
func exportFormat(lang, format, output string) (string, error) {
	names := make([]string, len(exportFormats))
	for i, f := range exportFormats {
		names[i] = f.Name
	}
	if format != "" {
		if !slices.Contains(names, format) {
			return "", misusef(lang, "unknown export format %q; use %s", format, strings.Join(names, ", "))
		}
		return format, nil
	}
	ext := strings.ToLower(filepath.Ext(output))
	for _, f := range exportFormats {
		if ext != "" && slices.Contains(f.Exts, ext) {
			return f.Name, nil
		}
	}
	return "", misusef(lang, "give -f %s, or an output name ending in .csv, .xlsx, .mmd or .md", strings.Join(names, ", "))
}

func exportRun(_ context.Context, opts *ExportOptions) error {
	if err := checkLang(opts.Lang); err != nil {
		return err
	}
	format, err := exportFormat(opts.Lang, opts.Format, opts.Output)
	if err != nil {
		return err
	}
	out := opts.Output
	if out == "" {
		out = "-"
		if opts.File != "-" {
			ext := "." + format
			if format == "mermaid" {
				ext = ".mmd"
			}
			out = strings.TrimSuffix(opts.File, filepath.Ext(opts.File)) + ext
		}
	}
	if err := newGuard(opts.IO, opts.Lang, []input{{Name: opts.File}}).check("", out, ""); err != nil {
		return err
	}
	a, err := loadOne(opts.IO, opts.File, opts.Lang)
	if err != nil {
		return err
	}
	data, err := exportData(a.Cycle, format, opts.Lang, out)
	if err != nil {
		return fmt.Errorf("writing %s: %w", format, err)
	}
	return writeOutput(opts.IO.Out, opts.Lang, out, data)
}

// exportData writes the cycle in the format; a Mermaid journey going to a
// Markdown file is wrapped in a code block.
func exportData(c *cycle.Cycle, format, lang, out string) ([]byte, error) {
	switch format {
	case "csv":
		return exchange.CSV(c, lang)
	case "xlsx":
		return exchange.XLSX(c, lang)
	}
	data := exchange.Mermaid(c)
	if strings.EqualFold(filepath.Ext(out), ".md") {
		data = append(append([]byte("```mermaid\n"), data...), "```\n"...)
	}
	return data, nil
}
