package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/bidi"
	"github.com/ciclo-dev/ciclo/internal/diff"
	"github.com/ciclo-dev/ciclo/internal/lint"
	"github.com/ciclo-dev/ciclo/render"
	"github.com/spf13/cobra"
)

// diffFormats are the formats of "ciclo diff", in help order.
var diffFormats = []string{"text", "json", "md", "html", "svg", "png", "pdf"}

// isPicture tells the formats that draw the new version.
func isPicture(format string) bool { return format == "svg" || format == "png" || format == "pdf" }

// DiffOptions are the options of "ciclo diff".
type DiffOptions struct {
	IO     *IOStreams
	Old    string
	New    string
	Git    string   // --git REV: compare the files as committed at REV with the working tree
	Paths  []string // with Git: the files and directories compared ("" means the current directory)
	Format string   // one of diffFormats; "" picks from Output's extension, else text
	Output string   // "" or "-" is standard output
	Lang   string   // "" follows the (new) file's language
	Theme  string   // colours of the picture (svg, png, pdf, html)
	// Page and Orientation lay the picture (svg, png, pdf, html) out
	// for a page, as in "ciclo render"; "" or "auto" sizes it to the
	// content.
	Page, Orientation string
	// Force writes png or pdf to standard output even when it is a
	// terminal.
	Force bool
}

// NewCmdDiff builds "ciclo diff".
func NewCmdDiff(ios *IOStreams) *cobra.Command { return newCmdDiff(ios, diffRun) }

// newCmdDiff builds "ciclo diff" running runF, so tests can check the
// parsed options without running the command.
func newCmdDiff(ios *IOStreams, runF func(context.Context, *DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "diff (OLD NEW | --git REV [PATH]...)",
		Short: "Show what changed between two versions of a cycle",
		Long: `Show what changed between two versions of a cycle: moments added (with
their number, id and name), removed (with the improvements that go with
them) and moved, changed fields with old and new values and, for scores,
the direction, moments that became or stopped being critical with the
reasons before and after, handoffs added and removed, and improvements
added, closed, reopened or removed. First come the settings that change how
the whole file is read (language, scale, servqual, quadrants, state), each
with what the change does.

Moments are matched by id. A moment has moved when its place relative to the
other moments changed: inserting one moment moves nothing else; a move says
which moment it followed and follows. Improvements are matched by their
action text within a moment.

With --git REV, each cycle file (*.yaml, *.yml) under the PATHs (default:
the current directory) as committed at REV is compared with the working
tree, new and deleted files included; ciclo runs the git program for it.

Formats: text (one change per line), json (see README), md (a summary line
and tables, for a pull-request comment; kept under GitHub's 65,536
characters, with a note when rows had to be left out), svg, png and pdf
(the clock face of the new version with the changes marked: NEW moments
in a dashed outline, tags with old → new scores and ▲/▼, moves and
criticality, a panel of the removed moments), html (one self-contained
page with that picture and the tables). With --git, svg, png and pdf
draw one file: name it. --page and --orientation lay that picture out for
a sheet of paper or a slide, as in "ciclo render" (svg, png, pdf, html only);
when fitting the marks onto it takes the moment names below 9 pt, a
warning on standard error gives the size reached.

Either file may be - to read standard input. Exit status 0 when nothing
changed, 1 when something did or an input is invalid, 2 on misuse (also
outside a git repository or for an unknown revision with --git).`,
		Example: `  ciclo diff old.yaml new.yaml
  ciclo diff as-is.yaml to-be.yaml -f html -o changes.html
  ciclo diff old.yaml new.yaml -f pdf --page a4 -o changes.pdf
  ciclo diff --git origin/main maps/ -f md > comment.md
  git show HEAD~1:cycle.yaml | ciclo diff - cycle.yaml --format json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.Git != "" {
				return nil
			}
			return cobra.ExactArgs(2)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Git != "" {
				opts.Paths = args
			} else {
				opts.Old, opts.New = args[0], args[1]
			}
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "", "output format: "+strings.Join(diffFormats, ", ")+" (default: from -o's extension, else text)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().StringVar(&opts.Git, "git", "", "compare the cycle files as committed at this revision with the working tree")
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "language of the words: "+languageList()+" (default: the new file's language)")
	cmd.Flags().StringVar(&opts.Theme, "theme", "", "colours of the picture: "+strings.Join(render.Themes, ", "))
	cmd.Flags().BoolVar(&opts.Force, "force", false, "write png or pdf to standard output even when it is a terminal")
	addPageFlags(cmd.Flags(), &opts.Page, &opts.Orientation)
	completeWith(cmd, "format", diffFormats)
	completeWith(cmd, "lang", cycle.Languages)
	completeWith(cmd, "theme", render.Themes)
	return cmd
}

// diffFormat picks the format: -f, else -o's extension, else text.
func diffFormat(lang, flag, output string) (string, error) {
	f := strings.ToLower(flag)
	if f == "" && output != "" && output != "-" {
		ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(output)), ".")
		if ext == "txt" {
			ext = "text"
		}
		if slices.Contains(diffFormats, ext) {
			f = ext
		}
	}
	if f == "" {
		f = "text"
	}
	if !slices.Contains(diffFormats, f) {
		return "", misusef(lang, "unknown diff format %q; use %s", flag, strings.Join(diffFormats, ", "))
	}
	return f, nil
}

func diffRun(ctx context.Context, opts *DiffOptions) error {
	format, err := diffFormat(opts.Lang, opts.Format, opts.Output)
	if err != nil {
		return err
	}
	if opts.Lang != "" && !slices.Contains(cycle.Languages, opts.Lang) {
		return misusef(opts.Lang, "unknown language %q; use %s", opts.Lang, languageList())
	}
	if err := diffPageCheck(opts, format); err != nil {
		return err
	}
	if opts.Git != "" {
		return diffGitRun(ctx, opts, format)
	}
	if opts.Old == "-" && opts.New == "-" {
		return misusef(opts.Lang, "only one of OLD and NEW can be - (standard input)")
	}
	out := opts.Output
	if out == "" {
		out = "-"
	}
	if err := newGuard(opts.IO, opts.Lang, []input{{Name: opts.Old}, {Name: opts.New}}).check("", out, ""); err != nil {
		return err
	}
	// Load both before giving up, so every problem in either file is shown.
	var as [2]*cycle.Analysis
	invalid := false
	for i, name := range []string{opts.Old, opts.New} {
		a, err := loadOne(opts.IO, name, opts.Lang)
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
	f := diffFile{status: diff.FileChanged, old: as[0], new: as[1], diff: diff.Compare(as[0], as[1])}
	return writeDiffs(ctx, opts, format, []diffFile{f}, "")
}

// diffFile is one compared file: path "" for a comparison of two files
// named on the command line.
type diffFile struct {
	path     string
	status   diff.FileStatus
	old, new *cycle.Analysis // nil for the side a file is missing from
	diff     *diff.Diff
}

// changed reports whether the file differs at all.
func (f diffFile) changed() bool { return f.status != diff.FileChanged || !f.diff.Empty() }

// writeDiffs writes the compared files in format, then returns exit 1
// when anything changed. rev is the revision of --git ("" otherwise).
func writeDiffs(ctx context.Context, opts *DiffOptions, format string, files []diffFile, rev string) error {
	lang := opts.Lang
	if lang == "" {
		lang = diffLang(files)
	}
	anyChange := slices.ContainsFunc(files, diffFile.changed)
	out := opts.Output
	if out == "" {
		out = "-"
	}
	if format == "png" || format == "pdf" {
		if err := notOnTerminal(opts.IO, opts.Lang, out, format, opts.Force); err != nil {
			return err
		}
	}
	var data []byte
	var err error
	switch {
	case isPicture(format):
		data, err = pictureOnly(ctx, opts, files, format, lang)
	case format == "json":
		if data, err = diffJSON(files, rev, lang); err == nil {
			data = bidi.EscapeJSON(data)
		}
	case format == "md":
		data = bidi.StripBytes(diff.Markdown(docFiles(files), diff.MDOptions{Lang: lang, Since: rev}))
	case format == "html":
		var df []diff.File
		if df, err = pictured(ctx, opts, files, lang); err == nil {
			data, err = diff.HTML(df, diff.HTMLOptions{Lang: lang, Since: rev})
		}
	default:
		data = bidi.StripBytes(diffText(files, rev, lang))
	}
	if err != nil {
		return err
	}
	if err := writeOutput(opts.IO.Out, opts.Lang, opts.Output, data); err != nil {
		return err
	}
	if anyChange {
		return problem()
	}
	return nil
}

// diffPageCheck refuses unknown pages and orientations, and --page or
// --orientation with a format that draws no picture (text, json, md).
func diffPageCheck(opts *DiffOptions, format string) error {
	if err := (render.Options{Page: opts.Page, Orientation: opts.Orientation}).Check(); err != nil {
		return misuse(err)
	}
	if format == "html" || isPicture(format) {
		return nil
	}
	for _, f := range []struct{ name, value string }{{"--page", opts.Page}, {"--orientation", opts.Orientation}} {
		if f.value != "" && !strings.EqualFold(f.value, "auto") {
			return misusef(opts.Lang, "%s lays out the picture and -f %s draws none; use it with -f svg, png, pdf or html", f.name, format)
		}
	}
	return nil
}

// diffLang is the language of the words when --lang is not given: the
// first new version's, else the first old version's.
func diffLang(files []diffFile) string {
	for _, f := range files {
		if f.new != nil {
			return f.new.Cycle.Language
		}
	}
	for _, f := range files {
		if f.old != nil {
			return f.old.Cycle.Language
		}
	}
	return ""
}

// docFiles turns compared files into the writers' files.
func docFiles(files []diffFile) []diff.File {
	out := make([]diff.File, 0, len(files))
	for _, f := range files {
		df := diff.File{Path: f.path, Status: f.status, Diff: f.diff}
		switch {
		case f.new != nil:
			df.Title = f.new.Cycle.Title
		case f.old != nil:
			df.Title = f.old.Cycle.Title
		}
		out = append(out, df)
	}
	return out
}

// pictured is docFiles with the picture of each changed new version.
func pictured(ctx context.Context, opts *DiffOptions, files []diffFile, lang string) ([]diff.File, error) {
	out := docFiles(files)
	for i, f := range files {
		if f.new == nil || !f.changed() {
			continue
		}
		dr, err := diffPicture(ctx, opts, f, render.FormatSVG, lang)
		if err != nil {
			return nil, err
		}
		pictureWarnings(opts.IO, f.new.Cycle.File, dr.Warnings, lang)
		out[i].Picture = dr.Data
	}
	return out, nil
}

// diffPicture draws the clock face of f's new version with f's changes
// marked (diff.Decorate).
func diffPicture(ctx context.Context, opts *DiffOptions, f diffFile, format render.Format, lang string) (render.Drawing, error) {
	dr, ro, err := render.ViewDrawing(f.new, render.Options{Format: format, Lang: lang, Theme: opts.Theme, Page: opts.Page, Orientation: opts.Orientation})
	if errors.Is(err, render.ErrUnsupported) {
		return render.Drawing{}, misuse(err)
	}
	if err != nil {
		return render.Drawing{}, fmt.Errorf("drawing %s: %w", f.new.Cycle.File, err)
	}
	diff.Decorate(dr, f.diff, ro.Lang)
	out, err := render.Write(ctx, dr, ro)
	if err != nil {
		return render.Drawing{}, fmt.Errorf("drawing %s: %w", f.new.Cycle.File, err)
	}
	return out, nil
}

// pictureOnly draws the one compared file (svg, png or pdf), warning
// about characters the PNG and PDF fonts lack.
func pictureOnly(ctx context.Context, opts *DiffOptions, files []diffFile, format, lang string) ([]byte, error) {
	var one []diffFile
	for _, f := range files {
		if f.changed() || len(files) == 1 {
			one = append(one, f)
		}
	}
	if len(one) != 1 {
		return nil, misusef(lang, "-f %s draws one cycle and %d files changed; name one of them after --git REV, or use -f html for all", format, len(one))
	}
	if one[0].new == nil {
		return nil, misusef(lang, "%s was deleted: there is no new version to draw", one[0].path)
	}
	dr, err := diffPicture(ctx, opts, one[0], render.Format(format), lang)
	if err != nil {
		return nil, err
	}
	if w := glyphWarning(one[0].new.Cycle.File, format, dr.Missing, lang); w != "" {
		fmt.Fprintln(opts.IO.ErrOut, w)
	}
	pictureWarnings(opts.IO, one[0].new.Cycle.File, dr.Warnings, lang)
	return dr.Data, nil
}

// pictureWarnings prints what the picture of file gave up on a named
// page (type below the sizes ciclo keeps: the layout's own warnings, then
// diff.Decorate's when the marks shrank it further), one line each, as
// "ciclo render" does.
func pictureWarnings(ios *IOStreams, file string, warnings []string, lang string) {
	for _, w := range warnings {
		fmt.Fprintln(ios.ErrOut, file+": "+lint.SeverityWord(lint.Warning, lang)+": "+w)
	}
}

// diffText writes one comparison as the diff's text; with --git, each
// file that changed under a line "== PATH (status)", or "no changes".
func diffText(files []diffFile, rev, lang string) []byte {
	if rev == "" {
		return files[0].diff.Text(lang)
	}
	var out []byte
	for _, f := range files {
		if !f.changed() {
			continue
		}
		if len(out) > 0 {
			out = append(out, '\n')
		}
		out = append(out, diff.FileHeader(f.path, f.status, lang)...)
		out = append(out, f.diff.Text(lang)...)
	}
	if out == nil {
		return (&diff.Diff{}).Text(lang)
	}
	return out
}
