package cli

import (
	"context"
	"errors"

	"github.com/spf13/cobra"
)

// LintOptions are the options of "ciclo lint".
type LintOptions struct {
	IO     *IOStreams
	Inputs []string
}

// NewCmdLint builds "ciclo lint".
func NewCmdLint(ios *IOStreams) *cobra.Command {
	opts := &LintOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "lint [FILE|DIR|-]...",
		Short: "Validate cycle files",
		Long: `Validate cycle files and report every problem as FILE:LINE:COL: error: MESSAGE
on standard output. A directory means every *.yaml and *.yml file under it;
- reads standard input. Exit status 1 when any file has an error.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			return lintRun(cmd.Context(), opts)
		},
	}
	return cmd
}

func lintRun(_ context.Context, opts *LintOptions) error {
	inputs, err := expandInputs(opts.Inputs)
	if err != nil {
		return err
	}
	failed := false
	for _, in := range inputs {
		_, err := loadCycle(opts.IO, in)
		if err == nil {
			continue
		}
		var ee *exitError
		if errors.As(err, &ee) {
			return err
		}
		printErrors(opts.IO.Out, err)
		failed = true
	}
	if failed {
		return errProblem
	}
	return nil
}
