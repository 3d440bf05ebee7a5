package cli

import (
	"context"
	"fmt"

	"github.com/ciclo-dev/ciclo/internal/report"
	"github.com/spf13/cobra"
)

// ReportOptions are the options of "ciclo report".
type ReportOptions struct {
	IO     *IOStreams
	File   string
	Format string
	Output string
}

// NewCmdReport builds "ciclo report".
func NewCmdReport(ios *IOStreams) *cobra.Command {
	opts := &ReportOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "report FILE",
		Short: "Write the analysis of a cycle",
		Long: `Write the analysis of a cycle: its moments, the critical moments and why,
the importance-performance quadrants, SERVQUAL gaps and handoffs.
FILE may be - to read standard input.`,
		Example: `  ciclo report examples/airline.yaml -f json`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return reportRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "json", "output format: json")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "-", "output file, or - for standard output")
	return cmd
}

func reportRun(_ context.Context, opts *ReportOptions) error {
	if opts.Format != "json" {
		return misuse(fmt.Errorf("unknown report format %q; use json", opts.Format))
	}
	a, err := loadOne(opts.IO, opts.File)
	if err != nil {
		return err
	}
	data, err := report.JSON(a)
	if err != nil {
		return fmt.Errorf("encoding report: %w", err)
	}
	return writeOutput(opts.IO.Out, opts.Output, data)
}
