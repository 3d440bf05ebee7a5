package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/report"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// isPortfolio reports whether report's arguments ask for a portfolio:
// more than one, or a directory.
func isPortfolio(args []string) bool {
	if len(args) > 1 {
		return true
	}
	fi, err := os.Stat(args[0])
	return err == nil && fi.IsDir()
}

// portfolioRun writes the portfolio report of many cycles. Inputs that
// cannot be read or are invalid are reported on stderr, listed in the
// report as not included, and make the exit status 1; the report of the
// others is still written. With no valid cycle nothing is written.
func portfolioRun(ctx context.Context, opts *ReportOptions) error {
	format, today, err := reportSettings(opts)
	if err != nil {
		return err
	}
	inputs, err := expandInputs(opts.IO.ErrOut, opts.Lang, opts.Inputs)
	if err != nil {
		return err
	}
	if err := newGuard(opts.IO, opts.Lang, inputs).check("", opts.Output, ""); err != nil {
		return err
	}
	var cycles []report.PortfolioCycle
	var skipped []report.Skipped
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		c, err := loadCycle(opts.IO, opts.Lang, in)
		if err != nil {
			var ee *exitError
			if errors.As(err, &ee) {
				fmt.Fprintf(opts.IO.ErrOut, "ciclo: %v\n", ee.err)
				skipped = append(skipped, report.Skipped{File: in.Display(), Reason: ee.err.Error()})
				continue
			}
			printErrors(opts.IO.ErrOut, err, opts.Lang)
			skipped = append(skipped, report.Skipped{File: in.Display(), Reason: firstProblem(err, opts.Lang)})
			continue
		}
		a := cycle.Analyze(c)
		pc := report.PortfolioCycle{File: in.Display(), Analysis: a}
		if format != "json" {
			pc.Link = diagramLink(in, opts.Output)
		}
		cycles = append(cycles, pc)
	}
	if len(cycles) == 0 {
		return problem()
	}
	if format == "html" && opts.Diagram != nil {
		if err := drawAll(ctx, opts, cycles); err != nil {
			return err
		}
	}
	po := report.PortfolioOptions{Lang: opts.Lang, Today: today, Skipped: skipped}
	var data []byte
	switch format {
	case "json":
		data, err = report.PortfolioJSON(cycles, po)
	case "md":
		data = report.PortfolioMarkdown(cycles, po)
	case "html":
		data, err = report.PortfolioHTML(cycles, po)
	}
	if err != nil {
		return fmt.Errorf("writing %s portfolio: %w", format, err)
	}
	if err := writeOutput(opts.IO.Out, opts.Lang, opts.Output, data); err != nil {
		return err
	}
	if len(skipped) > 0 {
		return problem()
	}
	return nil
}

// reportSettings checks the flags every report shares and returns the
// format and the date overdue actions are judged against.
func reportSettings(opts *ReportOptions) (string, time.Time, error) {
	format, err := reportFormat(opts.Lang, opts.Format, opts.Output)
	if err != nil {
		return "", time.Time{}, err
	}
	today, err := parseToday(opts.Lang, opts.Today, opts.Now)
	if err != nil {
		return "", time.Time{}, err
	}
	if err := checkLang(opts.Lang); err != nil {
		return "", time.Time{}, err
	}
	if err := draw.CheckPage(opts.Page, opts.Orientation); err != nil {
		return "", time.Time{}, misuse(err)
	}
	return format, today, nil
}

// drawAll draws the diagrams of a portfolio, a few at once (the layouts
// themselves take turns inside render; the rest overlaps), as render does
// for a batch: GOMAXPROCS+1 workers.
func drawAll(ctx context.Context, opts *ReportOptions, cycles []report.PortfolioCycle) error {
	errs := make([]error, len(cycles))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0)+1, len(cycles)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pc := &cycles[i]
				lang := opts.Lang
				if lang == "" {
					lang = pc.Analysis.Cycle.Language
				}
				d, err := opts.Diagram(ctx, pc.Analysis, lang)
				if err != nil {
					errs[i] = fmt.Errorf("drawing the diagram of %s: %w", pc.File, err)
					continue
				}
				pc.Diagram = d
			}
		}()
	}
	for i := range cycles {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// firstProblem is the first validation problem of an invalid file, and
// how many more there are, for the report's list of inputs left out.
func firstProblem(err error, lang string) string {
	var list cycle.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		return err.Error()
	}
	s := list[0].Location() + ": " + list[0].Text(lang)
	if n := len(list) - 1; n > 0 {
		s += fmt.Sprintf(" (+%d)", n)
	}
	return s
}

// diagramLink is where a cycle's diagram is, relative to the report: the
// SVG beside the file (as ciclo render writes it) when there is one, else
// the file itself. Standard input links nothing.
func diagramLink(in input, output string) string {
	if in.Name == "-" {
		return ""
	}
	target := in.Name
	if svg := besideInput(in.Name, "svg"); fileExists(svg) {
		target = svg
	}
	base := "."
	if output != "" && output != "-" {
		base = filepath.Dir(output)
	}
	absBase, err1 := filepath.Abs(base)
	absTarget, err2 := filepath.Abs(target)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(target)
	}
	rel, err := filepath.Rel(absBase, absTarget)
	if err != nil {
		return filepath.ToSlash(absTarget)
	}
	link := filepath.ToSlash(rel)
	if first, _, _ := strings.Cut(link, "/"); strings.Contains(first, ":") {
		// "javascript:x.svg" or "c:x.svg" is a path, not a scheme
		link = "./" + link
	}
	return link
}

func fileExists(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.Mode().IsRegular()
}
