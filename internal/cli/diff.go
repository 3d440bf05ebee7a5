package cli

import (
	"context"
	"fmt"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/diff"
	"github.com/spf13/cobra"
)

// DiffOptions are the options of "ciclo diff".
type DiffOptions struct {
	IO     *IOStreams
	Old    string
	New    string
	Format string // text or json
}

// NewCmdDiff builds "ciclo diff".
func NewCmdDiff(ios *IOStreams) *cobra.Command {
	opts := &DiffOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what changed between two versions of a cycle",
		Long: `Show what changed between two versions of a cycle: moments added, removed
and moved, changed fields (old and new values), moments that became or
stopped being critical, and improvements added, closed, reopened or removed.

Moments are matched by id. A moment has moved when its place relative to the
other moments changed: inserting one moment moves nothing else.
Improvements are matched by their action text within a moment.

Either file may be - to read standard input. Exit status 0 when nothing
changed, 1 when something did or an input is invalid, 2 on misuse.`,
		Example: `  ciclo diff old.yaml new.yaml
  git show HEAD~1:cycle.yaml | ciclo diff - cycle.yaml --format json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			return diffRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	completeWith(cmd, "format", []string{"text", "json"})
	return cmd
}

func diffRun(_ context.Context, opts *DiffOptions) error {
	if opts.Format != "text" && opts.Format != "json" {
		return misuse(fmt.Errorf("unknown diff format %q; use text or json", opts.Format))
	}
	if opts.Old == "-" && opts.New == "-" {
		return misuse(fmt.Errorf("only one of OLD and NEW can be - (standard input)"))
	}
	// Load both before giving up, so every problem in either file is shown.
	var as [2]*cycle.Analysis
	invalid := false
	for i, name := range []string{opts.Old, opts.New} {
		a, err := loadOne(opts.IO, name, "")
		if isProblem(err) {
			invalid = true
			continue
		}
		if err != nil {
			return err
		}
		as[i] = a
	}
	if invalid {
		return problem()
	}
	d := diff.Compare(as[0], as[1])
	var data []byte
	if opts.Format == "json" {
		var err error
		if data, err = d.JSON(); err != nil {
			return err
		}
	} else {
		data = d.Text()
	}
	if err := writeOutput(opts.IO.Out, "-", data); err != nil {
		return err
	}
	if !d.Empty() {
		return problem()
	}
	return nil
}
