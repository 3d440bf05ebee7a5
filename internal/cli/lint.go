package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/bidi"
	"github.com/ciclo-dev/ciclo/internal/lint"
	"github.com/spf13/cobra"
)

// LintOptions are the options of "ciclo lint".
type LintOptions struct {
	IO     *IOStreams
	Inputs []string
	Format string // text, json or sarif
	Strict bool   // warnings fail too
	Today  string // YYYY-MM-DD for the overdue rule; "" means Now's date
	Lang   string // language of the messages; "" follows each file
	// Now is the clock that gives today's date when Today is empty.
	Now func() time.Time
}

// NewCmdLint builds "ciclo lint".
func NewCmdLint(ios *IOStreams) *cobra.Command {
	opts := &LintOptions{IO: ios, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "lint [FILE|DIR|-]...",
		Short: "Check cycle files against service principles",
		Long: `Validate cycle files and check them against service principles: critical
moments need an owner, a standard and an improvement under way; moments need
owners and scores; the customer should not be passed between departments
within one contact; improvements need owners and should not be overdue.

Findings go to standard output, in the --format chosen; a file that is not
a valid cycle is reported there too, as errors of rule "invalid". A directory
means every *.yaml and *.yml file under it (one without any is misuse, so a
CI job pointed at the wrong folder fails); - reads standard input.

Exit status: 0 when clean (warnings allowed unless --strict), 1 when there
are errors (or warnings with --strict), 2 on misuse. The rules, and how to
silence one on a moment with ignore: [rule-id], are in docs/rules.md.`,
		Example: `  ciclo lint examples/
  ciclo lint --strict --today 2026-06-30 cycle.yaml
  ciclo lint --format sarif cycles/ > ciclo.sarif`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			return lintRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "output format: "+strings.Join(lint.Formats, ", "))
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "fail on warnings too")
	cmd.Flags().StringVar(&opts.Today, "today", "", "date for the overdue rule, YYYY-MM-DD (default: today)")
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "language of the messages: "+languageList()+" (default: each file's language); rule ids never change")
	completeWith(cmd, "format", lint.Formats)
	completeWith(cmd, "lang", cycle.Languages)
	return cmd
}

func lintRun(_ context.Context, opts *LintOptions) error {
	if !slices.Contains(lint.Formats, opts.Format) {
		return misusef(opts.Lang, "unknown lint format %q; use %s", opts.Format, strings.Join(lint.Formats, ", "))
	}
	if opts.Lang != "" && !slices.Contains(cycle.Languages, opts.Lang) {
		return misusef(opts.Lang, "unknown language %q; use %s", opts.Lang, languageList())
	}
	today, err := lintToday(opts)
	if err != nil {
		return err
	}
	inputs, err := expandInputs(opts.IO.ErrOut, opts.Lang, opts.Inputs)
	if err != nil {
		return err
	}
	if err := newGuard(opts.IO, opts.Lang, inputs).check("", "-", ""); err != nil {
		return err
	}
	var findings []lint.Finding
	for _, in := range inputs {
		data, err := readInput(opts.IO, opts.Lang, in)
		var tooLarge cycle.ErrorList
		if errors.As(err, &tooLarge) {
			findings = append(findings, lint.InvalidFindings(in.Display(), err, opts.Lang)...)
			continue
		}
		if err != nil {
			return err
		}
		findings = append(findings, lint.Lint(in.Display(), data, lint.Options{Today: today, Lang: opts.Lang})...)
	}
	lint.Sort(findings)

	var out bytes.Buffer
	switch opts.Format {
	case "json":
		err = lint.WriteJSON(&out, findings)
	case "sarif":
		base, _ := os.Getwd()
		err = lint.WriteSARIF(&out, findings, lint.SARIFOptions{ToolVersion: Version(), BaseDir: base})
	default:
		err = lint.WriteText(&out, findings)
	}
	if err != nil {
		return err
	}
	data := bidi.StripBytes(out.Bytes()) // text: the controls are named by bidi-control, not obeyed
	if opts.Format != "text" {
		data = bidi.EscapeJSON(out.Bytes())
	}
	if err := writeOutput(opts.IO.Out, opts.Lang, "-", data); err != nil {
		return err
	}
	if opts.Format == "text" && len(findings) > 0 {
		fmt.Fprintln(opts.IO.ErrOut, lint.Summary(findings, len(inputs), summaryLang(opts.Lang, findings)))
	}
	if lint.Failed(findings, opts.Strict) {
		return problem()
	}
	return nil
}

// lintToday parses --today, or takes the clock's date.
func lintToday(opts *LintOptions) (time.Time, error) {
	if opts.Today == "" {
		now := time.Now
		if opts.Now != nil {
			now = opts.Now
		}
		return now(), nil
	}
	t, err := time.Parse(time.DateOnly, opts.Today)
	if err != nil {
		return time.Time{}, misusef(opts.Lang, "--today %q is not a date; write it as YYYY-MM-DD", opts.Today)
	}
	return t, nil
}

// summaryLang is the language of the summary line: --lang, or the language
// every finding shares, or English when they differ.
func summaryLang(lang string, fs []lint.Finding) string {
	if lang != "" {
		return lang
	}
	for i, f := range fs {
		if f.Lang != fs[0].Lang || (i == 0 && f.Lang == "") {
			return "en"
		}
	}
	if len(fs) == 0 {
		return "en"
	}
	return fs[0].Lang
}
