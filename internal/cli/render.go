package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/lint"
	"github.com/ciclo-dev/ciclo/internal/msg"
	"github.com/ciclo-dev/ciclo/render"
	"github.com/ciclo-dev/ciclo/render/draw"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// RenderOptions are the options of "ciclo render".
type RenderOptions struct {
	IO     *IOStreams
	Inputs []string
	Format string
	Output string
	View   string
	// Compare is an older version of the cycle (a file) whose
	// performance the journey view overlays.
	Compare string
	Theme   string
	Lang    string
	Scale   float64
	// Page and Orientation choose the page the diagram is laid out for
	// (render.Options.Page, render.Options.Orientation).
	Page        string
	Orientation string
	Check       bool
	// Force writes PNG and PDF to standard output even when it is a
	// terminal.
	Force bool
	// Jobs bounds the files in flight at once; 0 means GOMAXPROCS+1.
	// Graphviz lays out one at a time; the rest overlaps around it.
	Jobs int
}

// NewCmdRender builds "ciclo render".
func NewCmdRender(ios *IOStreams) *cobra.Command {
	opts := &RenderOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "render [FILE|DIR|-]...",
		Short: "Draw the cycle-of-service diagram",
		Long: `Draw each cycle as a diagram. --view picks which:
  cycle      the clock face: the moments of truth around a ring, the first
             at 12 o'clock, critical moments marked, improvement notes
             beside their moments and a legend of the marks used;
  journey    the journey curve: performance and importance from moment to
             moment under the stages, expected against perceived, owners
             under the axis and improvement notes below; --compare OLD
             overlays an older version's performance (matched by id);
  blueprint  the service blueprint: evidence, customer actions, frontstage,
             backstage and support lanes, fail points and handoffs;
  ipa        the importance-performance matrix, split as the analysis
             splits it, every scored moment a numbered point.

One input: the output goes beside it, with the same base name and the
format's extension (for a view other than cycle, the view's name before
it: airline.journey.svg), unless -o names a file, a directory, or - for
standard output. Standard input (-) is drawn to standard output unless -o is given.

Several inputs, or a directory (every *.yaml and *.yml under it): -o names
a directory, created if needed, and the outputs mirror the input tree;
without -o each output goes beside its input. A bad file is reported and
skipped while the rest are drawn; the exit status then says so.

The format comes from -f, else from -o's extension, else svg; an -o
extension that names no format needs -f. Outputs are written whole or not
at all: an invalid input leaves an existing output as it was, and no
output is ever written over an input. A directory without cycle files is
reported like an unreadable file. PNG and PDF draw characters their
embedded fonts lack (emoji, Chinese...) as a box, with a warning.

With --check nothing is written: the exit status is 1 and every missing or
stale output is named when any output differs from what would be written
(for CI).

--page lays the diagram out for a4, a3, letter or slide (16:9, 13.333 x
7.5 in) instead of sizing it to its content (auto): moment names stay at
9 pt or more at the page's real size (a clock face of up to 36 moments on
a4, letter and a slide, 40 on a3; from about 30 the number, owner and score
are set smaller, down to 7, 6 and 5 pt, to keep them), notes become numbered
callouts with a panel, and what cannot be kept is said on stderr; a PDF continues what
does not fit on further pages. On a named page a PNG has 96 x --scale pixels per
inch and a PDF is the paper's size exactly.

PNG and PDF are not written to standard output when it is a terminal
(the bytes would garble it) unless --force is given.`,
		Example: `  ciclo render examples/airline.yaml
  ciclo render cycle.yaml -o diagram.png --scale 3
  ciclo render cycle.yaml -o handout.pdf --page a4 --orientation landscape
  ciclo render cycle.yaml -o slide.png --page slide
  ciclo render - --theme print < cycle.yaml > cycle.svg
  ciclo render maps/ -o diagrams/
  ciclo render --check maps/ -o diagrams/
  ciclo render cycle.yaml --view journey --compare last-year.yaml -o journey.pdf`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if cmd.Flags().Changed("jobs") && opts.Jobs < 1 {
				return misusef(opts.Lang, "--jobs %d: give at least 1", opts.Jobs)
			}
			if cmd.Flags().Changed("scale") && opts.Scale <= 0 {
				return misusef(opts.Lang, "--scale %g: give a positive number of pixels per point", opts.Scale)
			}
			return renderRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "", "output format: svg, png, pdf or dot (default: from -o's extension, else svg)")
	f.StringVarP(&opts.Output, "output", "o", "", "output file, directory, or - for standard output (default: beside each input)")
	f.StringVar(&opts.View, "view", "cycle", "diagram view: "+strings.Join(render.Views, ", "))
	f.StringVar(&opts.Compare, "compare", "", "journey view: an older version of the cycle whose performance curve is overlaid")
	f.StringVar(&opts.Theme, "theme", "default", "colour theme: default, print (greyscale) or contrast (colour-blind safe)")
	f.StringVar(&opts.Lang, "lang", "", "language of the fixed words and error messages: "+languageList()+" (default: the cycle's language)")
	f.Float64Var(&opts.Scale, "scale", 0, "PNG pixels per point (default 2; large diagrams are scaled down to fit the pixel budget)")
	addPageFlags(f, &opts.Page, &opts.Orientation)
	f.BoolVar(&opts.Check, "check", false, "write nothing; exit 1 naming every output that is missing or differs")
	f.BoolVar(&opts.Force, "force", false, "write png or pdf to standard output even when it is a terminal")
	f.IntVar(&opts.Jobs, "jobs", 0, "files drawn at once in a batch (default: processors + 1; at most twice the processors + 1)")
	completeWith(cmd, "format", asStrings(render.Formats))
	completeWith(cmd, "view", render.Views)
	completeWith(cmd, "theme", render.Themes)
	completeWith(cmd, "lang", cycle.Languages)
	return cmd
}

// addPageFlags adds --page and --orientation.
func addPageFlags(f *pflag.FlagSet, page, orientation *string) {
	f.StringVar(page, "page", "auto", "page to lay the diagram out for: "+strings.Join(draw.PaperNames, ", ")+" (auto: sized to the content)")
	f.StringVar(orientation, "orientation", "auto", "page orientation: "+strings.Join(draw.Orientations, ", ")+" (auto: the one the diagram fits better)")
}

// isRenderFormat reports whether f is a format ciclo render writes (and
// an extension it recognises).
func isRenderFormat(f string) bool {
	return slices.Contains(render.Formats, render.Format(f))
}

// renderJob is one input and where its diagram goes.
type renderJob struct {
	in     input
	target string // "-" is standard output
	mkdir  bool   // create the target's directory (mirrored batch output)
}

// renderResult is what became of one job.
type renderResult struct {
	warning string // printed on stderr, the output written all the same
	err     error
	problem error // the input cannot be drawn in this format (exit 1) // *exitError for misuse, cycle.ErrorList for invalid input
	stale   string
	lang    string // the language of the words printed for it: --lang, or the file's
}

func renderRun(ctx context.Context, opts *RenderOptions) error {
	format, err := renderFormat(opts.Lang, opts.Format, opts.Output)
	if err != nil {
		return err
	}
	if opts.Scale < 0 || (opts.Scale != 0 && format != "png") {
		return misusef(opts.Lang, "--scale takes a positive number and only applies to png")
	}
	ro := render.Options{Format: render.Format(format), Theme: opts.Theme, Lang: opts.Lang, View: opts.View, Scale: opts.Scale, Page: opts.Page, Orientation: opts.Orientation}
	if err := ro.Check(); err != nil {
		return misuse(err)
	}
	if opts.Compare != "" {
		if ro.View != "journey" {
			return misusef(opts.Lang, "--compare draws an older version on the journey; add --view journey")
		}
		if ro.Compare, err = loadOne(opts.IO, opts.Compare, opts.Lang); err != nil {
			return err
		}
	}
	inputs, err := expandInputs(opts.IO.ErrOut, opts.Lang, opts.Inputs)
	if err != nil {
		return err
	}
	jobs, err := planRender(inputs, opts, format)
	if err != nil {
		return err
	}
	if format == "png" || format == "pdf" {
		for _, j := range jobs {
			if err := notOnTerminal(opts.IO, opts.Lang, j.target, format, opts.Force); err != nil {
				return err
			}
		}
	}
	if opts.Check {
		for _, j := range jobs {
			if j.target == "-" {
				return misusef(opts.Lang, "--check compares output files; it cannot check standard output")
			}
		}
	}

	results := make([]chan renderResult, len(jobs))
	for i := range results {
		results[i] = make(chan renderResult, 1)
	}
	n := opts.Jobs
	if n <= 0 {
		n = runtime.GOMAXPROCS(0) + 1
	}
	// Each file in flight holds its drawing in memory (a large PNG is
	// hundreds of megabytes) while only one Graphviz layout runs at a time,
	// so more workers than processors add memory, not speed.
	n = min(n, 2*runtime.GOMAXPROCS(0)+1)
	// Workers overlap reading, parsing, analysis, DOT building, painting
	// and writing; Graphviz itself runs one layout at a time behind
	// render's lock. Results are reported in input order.
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] <- renderOne(ctx, opts, jobs[i], ro)
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range jobs {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	defer wg.Wait()

	prog := newProgress(opts.IO, len(jobs))
	invalid, misused, stale := 0, 0, 0
	langs := map[string]bool{} // the languages of the files, for the count lines
	for i, j := range jobs {
		var r renderResult
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			prog.done()
			return ctx.Err()
		}
		prog.step()
		var list0 cycle.ErrorList
		if errors.As(r.err, &list0) && len(list0) > 0 && r.lang == "" {
			r.lang = list0[0].Lang
			if opts.Lang != "" {
				r.lang = opts.Lang
			}
		}
		langs[r.lang] = true
		if r.warning != "" {
			prog.clear()
			fmt.Fprintln(opts.IO.ErrOut, r.warning)
		}
		var ee *exitError
		var list cycle.ErrorList
		switch {
		case r.problem != nil:
			invalid++
			prog.clear()
			fmt.Fprintf(opts.IO.ErrOut, "%s: %s: %v\n", j.in.Display(), lint.SeverityWord(lint.Error, r.lang), r.problem)
		case r.err == nil && r.stale != "":
			stale++
			prog.clear()
			fmt.Fprintf(opts.IO.Out, "%s: %s\n", r.stale, j.target)
		case r.err == nil:
		case errors.As(r.err, &list):
			invalid++
			prog.clear()
			printErrors(opts.IO.ErrOut, r.err, opts.Lang)
		case errors.As(r.err, &ee):
			misused++
			prog.clear()
			fmt.Fprintf(opts.IO.ErrOut, "ciclo: %v\n", ee.err)
		default:
			misused++
			prog.clear()
			fmt.Fprintf(opts.IO.ErrOut, "ciclo: %s: %v\n", j.in.Display(), r.err)
		}
	}
	prog.done()
	lang := summaryLanguage(opts.Lang, langs)
	if len(jobs) > 1 && invalid+misused > 0 {
		fmt.Fprintln(opts.IO.ErrOut, msg.Sprintf(lang, "ciclo: %d of %d files failed", invalid+misused, len(jobs)))
	}
	if opts.Check && stale > 0 {
		fmt.Fprintln(opts.IO.ErrOut, msg.Sprintf(lang, "ciclo: %d of %d outputs are missing or stale; run ciclo render without --check", stale, len(jobs)))
	}
	switch {
	case misused > 0:
		return &exitError{code: ExitMisuse}
	case invalid > 0 || stale > 0:
		return problem()
	}
	return nil
}

// renderOne reads, analyses and draws one input, then writes or checks its
// output.
func renderOne(ctx context.Context, opts *RenderOptions, j renderJob, ro render.Options) renderResult {
	c, err := loadCycle(opts.IO, opts.Lang, j.in)
	if err != nil {
		return renderResult{err: err}
	}
	lang := ro.Lang
	if lang == "" {
		lang = c.Language
	}
	dr, err := render.Draw(ctx, cycle.Analyze(c), ro)
	if err != nil {
		if errors.Is(err, render.ErrTooLarge) {
			return renderResult{problem: err, lang: lang}
		}
		if errors.Is(err, render.ErrUnsupported) {
			return renderResult{err: misusef(lang, "%s: %w", j.in.Display(), err)}
		}
		return renderResult{err: fmt.Errorf("drawing: %w", err)}
	}
	data := dr.Data
	warning := glyphWarning(j.in.Display(), string(ro.Format), dr.Missing, lang)
	for _, w := range dr.Warnings {
		if warning != "" {
			warning += "\n"
		}
		warning += j.in.Display() + ": " + lint.SeverityWord(lint.Warning, lang) + ": " + w
	}
	if opts.Check {
		old, err := os.ReadFile(j.target)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return renderResult{stale: "missing"}
		case err != nil:
			return renderResult{err: misusef(opts.Lang, "cannot read %s: %w", j.target, unwrapPath(err))}
		case !bytes.Equal(old, data):
			return renderResult{stale: "stale"}
		}
		return renderResult{}
	}
	if j.mkdir {
		if err := os.MkdirAll(filepath.Dir(j.target), 0o755); err != nil {
			return renderResult{err: misusef(opts.Lang, "cannot write %s: %w", j.target, unwrapPath(err))}
		}
	}
	return renderResult{err: writeOutput(opts.IO.Out, lang, j.target, data), warning: warning, lang: lang}
}

// summaryLanguage is the language of a batch's count lines: --lang, or
// the one language of every file, or English.
func summaryLanguage(flag string, langs map[string]bool) string {
	if flag != "" {
		return flag
	}
	if len(langs) == 1 {
		for l := range langs {
			if l != "" {
				return l
			}
		}
	}
	return "en"
}

// glyphWarning tells which characters the PNG and PDF fonts lack (they are
// drawn as □), so that nobody discovers it in front of a client.
func glyphWarning(name, format string, missing []rune, lang string) string {
	if len(missing) == 0 {
		return ""
	}
	const most = 8
	var chars []string
	for i, r := range missing {
		if i == most {
			chars = append(chars, msg.Sprintf(lang, "and %d more", len(missing)-most))
			break
		}
		chars = append(chars, fmt.Sprintf("%c (U+%04X)", r, r))
	}
	return msg.Sprintf(lang, "%s: %s: the %s fonts have no glyph for %s; they are drawn as □ (svg shows them)",
		name, lint.SeverityWord(lint.Warning, lang), format, strings.Join(chars, ", "))
}

// planRender decides where each input's diagram goes, and refuses plans
// that would write two diagrams to one place.
func planRender(inputs []input, opts *RenderOptions, format string) ([]renderJob, error) {
	out := opts.Output
	ext := format // the extension of outputs ciclo names
	if opts.View != "" && opts.View != render.Views[0] {
		ext = strings.ToLower(opts.View) + "." + format
	}
	single := len(opts.Inputs) == 1 && len(inputs) == 1 && inputs[0].Root == ""
	var jobs []renderJob
	// Every output is checked against every input before anything is
	// written.
	g := newGuard(opts.IO, opts.Lang, inputs)
	if single && inputs[0].Empty {
		return []renderJob{{in: inputs[0]}}, nil // reported when read
	}
	if single {
		in := inputs[0]
		job := renderJob{in: in}
		switch {
		case out == "-" || (out == "" && in.Name == "-"):
			job.target = "-"
		case out == "":
			job.target = besideInput(in.Name, ext)
		case isDir(out) || strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(filepath.Separator)):
			job.target = filepath.Join(out, outputName(in, ext))
			job.mkdir = true
		default:
			job.target = out
		}
		within := "" // -o FILE: the user's own choice, its link followed
		switch {
		case out == "":
			within = filepath.Dir(in.Name)
		case job.mkdir:
			within = out
		}
		if err := g.check(in.Display(), job.target, within); err != nil {
			return nil, err
		}
		if ext := filepath.Ext(job.target); job.target == out && opts.Format == "" && ext != "" && !isRenderFormat(strings.ToLower(ext[1:])) {
			return nil, misusef(opts.Lang, "cannot tell the format from %q; use -f svg, png, pdf or dot, or name the output .svg, .png, .pdf or .dot", ext)
		}
		return []renderJob{job}, nil
	}
	if out == "-" {
		return nil, misusef(opts.Lang, "several diagrams cannot go to standard output; give -o a directory")
	}
	if out != "" {
		if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
			return nil, misusef(opts.Lang, "-o %s is a file; with several inputs -o names a directory", out)
		}
	}
	seen := map[string]string{}
	stdout := 0
	for _, in := range inputs {
		if in.Empty {
			jobs = append(jobs, renderJob{in: in}) // reported when read
			continue
		}
		var target string
		switch {
		case out != "" && in.Root != "":
			target = filepath.Join(out, filepath.FromSlash(strings.TrimSuffix(in.Rel, filepath.Ext(in.Rel))+"."+ext))
		case out != "":
			target = filepath.Join(out, outputName(in, ext))
		case in.Name == "-":
			target = "-"
			stdout++
		default:
			target = besideInput(in.Name, ext)
		}
		if stdout > 1 {
			return nil, misusef(opts.Lang, "standard input (-) can be read once")
		}
		within := out
		switch {
		case out != "":
		case in.Root != "":
			within = in.Root
		default:
			within = filepath.Dir(in.Name)
		}
		if err := g.check(in.Display(), target, within); err != nil {
			return nil, err
		}
		if target != "-" {
			key, err := finalPath(opts.Lang, target)
			if err != nil {
				return nil, misuse(err)
			}
			if first, dup := seen[key]; dup {
				return nil, misusef(opts.Lang, "%s and %s would both be drawn to %s", first, in.Display(), target)
			}
			seen[key] = in.Display()
		}
		jobs = append(jobs, renderJob{in: in, target: target, mkdir: out != ""})
	}
	return jobs, nil
}

// outputName is the file name of an input's diagram inside an output
// directory: its base name with the format's extension ("stdin" for -).
func outputName(in input, format string) string {
	base := "stdin"
	if in.Name != "-" {
		base = filepath.Base(in.Name)
		base = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return base + "." + format
}

// besideInput names the diagram beside its input.
func besideInput(name, format string) string {
	return strings.TrimSuffix(name, filepath.Ext(name)) + "." + format
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// renderFormat picks the format: -f, else -o's extension, else svg.
func renderFormat(lang, flag, output string) (string, error) {
	f := strings.ToLower(flag)
	if f == "" && output != "" && output != "-" {
		if ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(output)), "."); isRenderFormat(ext) {
			f = ext
		}
	}
	if f == "" {
		f = "svg"
	}
	if !isRenderFormat(f) {
		return "", misusef(lang, "unknown format %q; use svg, png, pdf or dot", flag)
	}
	return f, nil
}
