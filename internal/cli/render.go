package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render"
	"github.com/spf13/cobra"
)

// RenderOptions are the options of "ciclo render".
type RenderOptions struct {
	IO     *IOStreams
	Inputs []string
	Format string
	Output string
	View   string
	Theme  string
	Lang   string
}

// NewCmdRender builds "ciclo render".
func NewCmdRender(ios *IOStreams) *cobra.Command {
	opts := &RenderOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "render [FILE|DIR|-]...",
		Short: "Draw the cycle-of-service diagram",
		Long: `Draw each cycle as the clock-face diagram: the moments of truth around a
ring, the first at 12 o'clock, critical moments marked, improvement notes
beside their moments and a legend of the marks used.

The output goes beside each input, with the same base name and the format's
extension, unless -o names a file, a directory, or - for standard output.
Standard input (-) is drawn to standard output unless -o is given. The
format comes from -f, else from -o's extension, else svg. An invalid input
writes nothing and leaves an existing output as it was.`,
		Example: `  ciclo render examples/airline.yaml
  ciclo render cycle.yaml -o diagram.dot
  ciclo render - --theme print < cycle.yaml > cycle.svg`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			return renderRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "", "output format: svg or dot (png and pdf are not available yet); default from -o's extension, else svg")
	f.StringVarP(&opts.Output, "output", "o", "", "output file, directory, or - for standard output (default: beside the input)")
	f.StringVar(&opts.View, "view", "cycle", "diagram view: cycle")
	f.StringVar(&opts.Theme, "theme", "default", "colour theme: default, print (greyscale) or contrast (colour-blind safe)")
	f.StringVar(&opts.Lang, "lang", "", "language of the fixed words: en or es (default: the cycle's language)")
	return cmd
}

// renderFormats are the formats ciclo render knows, by extension.
var renderFormats = []string{"svg", "png", "pdf", "dot"}

func renderRun(ctx context.Context, opts *RenderOptions) error {
	format, err := renderFormat(opts.Format, opts.Output)
	if err != nil {
		return err
	}
	ro := render.Options{Format: render.Format(format), Theme: opts.Theme, Lang: opts.Lang, View: opts.View}
	if err := ro.Check(); err != nil {
		return misuse(err)
	}
	inputs, err := expandInputs(opts.Inputs)
	if err != nil {
		return err
	}
	outDir := ""
	if opts.Output != "" && opts.Output != "-" {
		if fi, err := os.Stat(opts.Output); err == nil && fi.IsDir() {
			outDir = opts.Output
		} else if len(inputs) > 1 {
			return misuse(fmt.Errorf("with several inputs, -o must name an existing directory"))
		}
	}
	failed := false
	for _, in := range inputs {
		c, err := loadCycle(opts.IO, in)
		if err != nil {
			var ee *exitError
			if errors.As(err, &ee) {
				return err
			}
			printErrors(opts.IO.ErrOut, err)
			failed = true
			continue
		}
		data, err := render.Render(ctx, cycle.Analyze(c), ro)
		if err != nil {
			if errors.Is(err, render.ErrUnsupported) {
				return misuse(err)
			}
			return fmt.Errorf("%s: %w", in.Display(), err)
		}
		if err := writeOutput(opts.IO.Out, renderTarget(in, opts.Output, outDir, format), data); err != nil {
			return err
		}
	}
	if failed {
		return errProblem
	}
	return nil
}

// renderFormat picks the format: -f, else -o's extension, else svg.
func renderFormat(flag, output string) (string, error) {
	f := strings.ToLower(flag)
	if f == "" && output != "" && output != "-" {
		if ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(output)), "."); slices.Contains(renderFormats, ext) {
			f = ext
		}
	}
	if f == "" {
		f = "svg"
	}
	if !slices.Contains(renderFormats, f) {
		return "", misuse(fmt.Errorf("unknown format %q; use svg, png, pdf or dot", flag))
	}
	return f, nil
}

// renderTarget names where one input's diagram goes: stdout ("-") for
// stdin without -o or with -o -, inside outDir when -o is a directory,
// the -o file itself, or beside the input with the format's extension.
func renderTarget(in input, output, outDir, format string) string {
	switch {
	case output == "-":
		return "-"
	case outDir != "":
		base := "stdin"
		if in.Name != "-" {
			base = filepath.Base(in.Name)
		}
		return filepath.Join(outDir, strings.TrimSuffix(base, filepath.Ext(base))+"."+format)
	case output != "":
		return output
	case in.Name == "-":
		return "-"
	}
	return strings.TrimSuffix(in.Name, filepath.Ext(in.Name)) + "." + format
}
