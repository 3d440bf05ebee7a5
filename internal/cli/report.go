package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/report"
	"github.com/ciclo-dev/ciclo/render"
	"github.com/ciclo-dev/ciclo/render/draw"
	"github.com/spf13/cobra"
)

// ReportOptions are the options of "ciclo report".
type ReportOptions struct {
	IO   *IOStreams
	File string
	// Inputs are the arguments; more than one, or a directory, make a
	// portfolio report (see portfolioRun).
	Inputs []string
	Format string // json, md or html; "" means from Output's extension, else json
	Output string
	Today  string // YYYY-MM-DD; "" means Now's date
	Lang   string // en or es; "" means the cycle's language
	// Page and Orientation lay the HTML report's diagrams out for a page
	// (the journey and the blueprint over as many pages as they take);
	// the command's defaults are a4 portrait, as the report prints.
	Page, Orientation string

	// Now gives the current time when Today is empty.
	Now func() time.Time
	// Diagram draws the cycle diagram (SVG) for the HTML report, in lang;
	// nil leaves the diagram out.
	Diagram func(ctx context.Context, a *cycle.Analysis, lang string) ([]byte, error)
	// ViewDiagram draws another view (journey, blueprint) for the HTML
	// report, beside the cycle diagram: an SVG for each page it takes; nil
	// leaves them out.
	ViewDiagram func(ctx context.Context, a *cycle.Analysis, lang, view string) ([][]byte, error)
}

// NewCmdReport builds "ciclo report".
func NewCmdReport(ios *IOStreams) *cobra.Command {
	opts := &ReportOptions{IO: ios, Now: time.Now}
	opts.Diagram = func(ctx context.Context, a *cycle.Analysis, lang string) ([]byte, error) {
		return reportDiagram(ctx, a, render.Options{Lang: lang, Page: opts.Page, Orientation: opts.Orientation})
	}
	opts.ViewDiagram = func(ctx context.Context, a *cycle.Analysis, lang, view string) ([][]byte, error) {
		return reportPages(ctx, a, render.Options{Lang: lang, View: view, Page: opts.Page, Orientation: opts.Orientation})
	}
	cmd := &cobra.Command{
		Use:   "report FILE|DIR...",
		Short: "Write the analysis of a cycle, or the portfolio of many",
		Long: `Write the analysis of a cycle: its moments and scores, the critical moments
and why, the importance-performance quadrants, SERVQUAL gaps per determinant,
handoffs, and the action plan grouped by owner and ordered by due date, with
overdue actions flagged (not done and due before --today).

Formats: json (the analysis, for programs), md (Markdown) and html (one
self-contained page with inline SVG charts, printable). Without -f the
format comes from -o's extension (.json, .md, .html; another extension
needs -f), else json. FILE may be - to read standard input. The report is
written whole or not at all, and never over FILE itself.

With several files or a directory (every *.yaml and *.yml under it), the
report is a portfolio: each cycle's weakest moment, lowest and mean
performance and critical count side by side, weakest cycle first; owners
ranked by the critical moments they answer for across cycles; the open
actions of every cycle by owner and due date; SERVQUAL gaps across cycles.
The HTML portfolio shows each cycle's diagram small; Markdown and HTML link
each cycle to its diagram (NAME.svg beside the file, when there is one) or
to its file. Invalid files are reported, listed in the report as not
included, and the exit status is 1.`,
		Example: `  ciclo report examples/airline.yaml -f json
  ciclo report cycle.yaml -o report.html
  ciclo report cycle.yaml -f md --today 2026-09-01 --lang es
  ciclo report cycles/ -o portfolio.html
  ciclo report onboarding.yaml card-loss.yaml -f md`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File, opts.Inputs = args[0], args
			if isPortfolio(args) {
				return portfolioRun(cmd.Context(), opts)
			}
			return reportRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "", "output format: json, md or html (default: from -o's extension, else json)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "-", "output file, or - for standard output")
	cmd.Flags().StringVar(&opts.Today, "today", "", "the date overdue actions are judged against, YYYY-MM-DD (default: today)")
	cmd.Flags().StringVar(&opts.Page, "page", "a4", "page the HTML report's diagrams are laid out for: "+strings.Join(draw.PaperNames, ", "))
	cmd.Flags().StringVar(&opts.Orientation, "orientation", "portrait", "orientation of that page: "+strings.Join(draw.Orientations, ", ")+" (the report prints portrait)")
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "language of fixed words and error messages: "+languageList()+" (default: the cycle's language)")
	completeWith(cmd, "format", reportFormats)
	completeWith(cmd, "lang", cycle.Languages)
	completeWith(cmd, "page", draw.PaperNames)
	completeWith(cmd, "orientation", draw.Orientations)
	return cmd
}

// reportFormats lists the formats of ciclo report, in help order.
var reportFormats = []string{"json", "md", "html"}

// reportFormat decides the format: the flag, else -o's extension, else json.
func reportFormat(lang, format, output string) (string, error) {
	if format == "" {
		switch ext := strings.ToLower(filepath.Ext(output)); ext {
		case ".md", ".markdown":
			return "md", nil
		case ".html", ".htm":
			return "html", nil
		case ".json", "":
			return "json", nil
		default:
			return "", misusef(lang, "cannot tell the report format from %q; use -f json, md or html, or name the output .json, .md or .html", ext)
		}
	}
	for _, f := range reportFormats {
		if format == f {
			return f, nil
		}
	}
	return "", misusef(lang, "unknown report format %q; use json, md or html", format)
}

// parseToday reads --today, or takes today's date from now.
func parseToday(lang, s string, now func() time.Time) (time.Time, error) {
	if s == "" {
		if now == nil {
			now = time.Now
		}
		y, m, d := now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, misusef(lang, "invalid --today %q: want YYYY-MM-DD", s)
	}
	return t, nil
}

// checkLang validates --lang; "" is allowed and means the cycle's language.
func checkLang(lang string) error {
	if lang == "" {
		return nil
	}
	for _, l := range cycle.Languages {
		if lang == l {
			return nil
		}
	}
	return misusef(lang, "unknown language %q; use %s", lang, languageList())
}

func reportRun(ctx context.Context, opts *ReportOptions) error {
	format, today, err := reportSettings(opts)
	if err != nil {
		return err
	}
	if err := newGuard(opts.IO, opts.Lang, []input{{Name: opts.File}}).check("", opts.Output, ""); err != nil {
		return err
	}
	a, err := loadOne(opts.IO, opts.File, opts.Lang)
	if err != nil {
		return err
	}
	ro := report.Options{Lang: opts.Lang, Today: today}
	var data []byte
	switch format {
	case "json":
		data, err = report.JSONWith(a, ro)
	case "md":
		data = report.Markdown(a, ro)
	case "html":
		ho := report.HTMLOptions{Options: ro}
		ho.PrintPage, ho.ViewsPaged = reportPrintPage(opts.Page, opts.Orientation, len(a.Moments))
		lang := opts.Lang
		if lang == "" {
			lang = a.Cycle.Language
		}
		if opts.Diagram != nil {
			ho.Diagram, err = opts.Diagram(ctx, a, lang)
			if err != nil {
				return fmt.Errorf("drawing the cycle diagram: %w", err)
			}
		}
		if opts.ViewDiagram != nil {
			if ho.Journey, err = opts.ViewDiagram(ctx, a, lang, "journey"); err != nil {
				return fmt.Errorf("drawing the journey: %w", err)
			}
			if ho.Blueprint, err = opts.ViewDiagram(ctx, a, lang, "blueprint"); err != nil {
				return fmt.Errorf("drawing the blueprint: %w", err)
			}
		}
		data, err = report.HTML(a, ho)
	}
	if err != nil {
		return fmt.Errorf("writing %s report: %w", format, err)
	}
	return writeOutput(opts.IO.Out, opts.Lang, opts.Output, data)
}

// reportDiagram draws the cycle diagram for the HTML report.
func reportDiagram(ctx context.Context, a *cycle.Analysis, o render.Options) ([]byte, error) {
	o.Format = render.FormatSVG
	return render.Render(ctx, a, o)
}

// reportPrintPage is the paper, in points, that the HTML report's
// diagrams are laid out for, and whether the journey and the blueprint
// are too (reportPagedMax), so that each prints on a page of that size
// at its real size; zero when the page is auto or its orientation is
// left to each diagram.
func reportPrintPage(page, orientation string, moments int) ([2]float64, bool) {
	paper, ok := draw.LookupPaper(page)
	o := strings.ToLower(orientation)
	if !ok || o != "portrait" && o != "landscape" {
		return [2]float64{}, false
	}
	w, h := paper.Oriented(o, 1)
	return [2]float64{w, h}, moments <= reportPagedMax
}

// reportPagedMax is the most moments whose journey and blueprint the HTML
// report lays out on its paper; a longer cycle's are one picture each, as
// on --page auto.
const reportPagedMax = 60

// reportPages draws a view for the HTML report: an SVG for each of the
// pages it takes on the report's paper (one on --page auto), so that a
// printed report shows it at the size it was laid out for rather than a
// wide row shrunk to the page's width.
func reportPages(ctx context.Context, a *cycle.Analysis, o render.Options) ([][]byte, error) {
	if len(a.Moments) > reportPagedMax {
		o.Page = "auto" // one overview picture: dozens of pages would bury the report
	}
	d, o, err := render.ViewDrawing(a, o)
	if err != nil {
		return nil, err
	}
	o.Format = render.FormatSVG
	var out [][]byte
	for _, p := range append([]*draw.Drawing{d}, d.More...) {
		svg, err := render.Write(ctx, p, o)
		if err != nil {
			return nil, err
		}
		out = append(out, svg.Data)
	}
	return out, nil
}
