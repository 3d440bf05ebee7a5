package cli

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/msg"
	"io/fs"
	"os"
	"slices"

	"github.com/spf13/cobra"
)

//go:embed starter/*.yaml
var starters embed.FS

// InitOptions are the options of "ciclo init".
type InitOptions struct {
	IO   *IOStreams
	File string
	Lang string
}

// defaultInitFile is the file "ciclo init" writes when none is named.
const defaultInitFile = "cycle.yaml"

// NewCmdInit builds "ciclo init".
func NewCmdInit(ios *IOStreams) *cobra.Command {
	opts := &InitOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starter cycle",
		Long: `Write a commented starter cycle to FILE (default cycle.yaml), or to standard
output when FILE is -. It never overwrites an existing file.`,
		Example: `  ciclo init
  ciclo init --lang es garantia.yaml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = defaultInitFile
			if len(args) == 1 {
				opts.File = args[0]
			}
			return initRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Lang, "lang", "en", "language of the starter: "+languageList())
	completeWith(cmd, "lang", cycle.Languages)
	return cmd
}

// starter returns the starter cycle in lang.
func starter(lang string) ([]byte, error) {
	data, err := fs.ReadFile(starters, "starter/"+lang+".yaml")
	if err != nil || !slices.Contains(cycle.Languages, lang) {
		return nil, misusef(lang, "unknown language %q; use %s", lang, languageList())
	}
	return data, nil
}

func initRun(_ context.Context, opts *InitOptions) error {
	data, err := starter(opts.Lang)
	if err != nil {
		return err
	}
	if opts.File == "-" {
		return writeOutput(opts.IO.Out, opts.Lang, "-", data)
	}
	f, err := os.OpenFile(opts.File, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return misusef(opts.Lang, "%s already exists; not overwriting it", opts.File)
		}
		return misusef(opts.Lang, "cannot write %s: %w", opts.File, unwrapPath(err))
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(opts.File)
		return misusef(opts.Lang, "cannot write %s: %w", opts.File, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(opts.File)
		return misusef(opts.Lang, "cannot write %s: %w", opts.File, err)
	}
	fmt.Fprintln(opts.IO.ErrOut, msg.Sprintf(opts.Lang, "wrote %s; check it with: ciclo lint %s", opts.File, opts.File))
	return nil
}
