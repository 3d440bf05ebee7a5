package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/bidi"
	"github.com/ciclo-dev/ciclo/internal/lint"
	"github.com/ciclo-dev/ciclo/internal/watch"
	"github.com/ciclo-dev/ciclo/render"
	"github.com/spf13/cobra"
)

// WatchOptions are the options of "ciclo watch".
type WatchOptions struct {
	IO    *IOStreams
	File  string
	Addr  string
	Open  bool
	Theme string
	// Page and Orientation lay the preview out for a page (see render).
	Page, Orientation string
	// Build turns the file into the page's content; nil means buildPreview.
	Build watch.Builder
	// OpenURL opens the page in a browser; nil means openBrowser.
	OpenURL func(url string) error
}

// NewCmdWatch builds "ciclo watch".
func NewCmdWatch(ios *IOStreams) *cobra.Command {
	opts := &WatchOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "watch FILE",
		Short: "Preview a cycle live in the browser while you edit it",
		Long: `Serve a live preview of a cycle file: the diagram, its lint problems and its
critical moments, redrawn in the open browser page every time the file is
saved (no reload needed). When the file is invalid the page shows where,
above the last valid diagram; it recovers as soon as the file is fixed.

The preview listens on 127.0.0.1:8080 by default and answers only requests
addressed to it (localhost, 127.0.0.1 or [::1] and its port). --addr with
port 0 picks a free port. The URL is printed on standard error. Ctrl-C stops
it (exit status 0); SIGTERM stops it with exit status 130.`,
		Example: `  ciclo watch cycle.yaml --open
  ciclo watch cycle.yaml --addr 127.0.0.1:0 --theme contrast`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return watchRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	cmd.Flags().BoolVar(&opts.Open, "open", false, "open the preview in the default browser")
	addPageFlags(cmd.Flags(), &opts.Page, &opts.Orientation)
	cmd.Flags().StringVar(&opts.Theme, "theme", "default", "initial theme: "+strings.Join(watch.Themes, "|")+" (switchable in the page)")
	completeWith(cmd, "theme", watch.Themes)
	return cmd
}

func watchRun(ctx context.Context, opts *WatchOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if !slices.Contains(watch.Themes, opts.Theme) {
		return misuse(fmt.Errorf("unknown theme %q; use %s", opts.Theme, strings.Join(watch.Themes, ", ")))
	}
	fi, err := os.Stat(opts.File)
	if err != nil {
		return misuse(fmt.Errorf("cannot read %s: %w", opts.File, unwrapPath(err)))
	}
	if fi.IsDir() {
		return misuse(fmt.Errorf("%s is a directory; watch takes one file", opts.File))
	}
	if err := (render.Options{Page: opts.Page, Orientation: opts.Orientation}).Check(); err != nil {
		return misuse(err)
	}
	build := opts.Build
	if build == nil {
		page := render.Options{Page: opts.Page, Orientation: opts.Orientation}
		build = func(ctx context.Context, name string, src []byte, theme string) (*watch.Snapshot, error) {
			return buildPagePreview(ctx, name, src, theme, page)
		}
	}
	s, err := watch.New(ctx, watch.Options{
		File:    opts.File,
		Build:   build,
		Theme:   opts.Theme,
		MaxSize: cycle.MaxFileSize,
		Log:     opts.IO.ErrOut,
	})
	if err != nil {
		return misuse(err)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return misuse(fmt.Errorf("cannot listen on %s: %w", opts.Addr, err))
	}
	if !loopbackAddr(opts.Addr) {
		fmt.Fprintf(opts.IO.ErrOut, "ciclo: warning: %s is not a loopback address: anyone who can reach this machine can see the preview\n", opts.Addr)
	}
	url := previewURL(ln.Addr())
	fmt.Fprintf(opts.IO.ErrOut, "ciclo: previewing %s at %s (Ctrl-C to stop)\n", opts.File, url)
	if opts.Open {
		open := opts.OpenURL
		if open == nil {
			open = openBrowser
		}
		if err := open(url); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "ciclo: warning: cannot open a browser: %v; open %s yourself\n", err, url)
		}
	}
	if err := s.Serve(ctx, ln); err != nil {
		return err
	}
	if errors.Is(context.Cause(ctx), ErrTerminated) {
		return ctx.Err() // 130: stopped from outside, not by the user's Ctrl-C
	}
	return nil
}

// loopbackAddr reports whether addr's host is a loopback address or
// localhost. An empty host means every interface: not loopback.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// previewURL is the page's address as a local browser reaches it.
func previewURL(addr net.Addr) string {
	ta, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String() + "/"
	}
	ip := ta.IP
	if ip == nil || ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return "http://" + net.JoinHostPort(ip.String(), fmt.Sprint(ta.Port)) + "/"
}

// openBrowser opens url in the desktop's browser, without waiting for it.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; its outcome is not ours to report
	return nil
}

// buildPreview is the default watch.Builder: it parses, analyses, draws
// and lints the file.
func buildPreview(ctx context.Context, name string, src []byte, theme string) (*watch.Snapshot, error) {
	return buildPagePreview(ctx, name, src, theme, render.Options{})
}

// buildPagePreview is buildPreview with the diagram laid out for
// page.Page and page.Orientation.
func buildPagePreview(ctx context.Context, name string, src []byte, theme string, page render.Options) (*watch.Snapshot, error) {
	c, err := cycle.Parse(name, src)
	if err != nil {
		var list cycle.ErrorList
		if !errors.As(err, &list) {
			return nil, err
		}
		// The errors, and the page's words, in the file's language when it
		// could be read.
		snap := &watch.Snapshot{}
		for _, e := range list {
			if e.Lang != "" {
				snap.Lang = e.Lang
				break
			}
		}
		for _, f := range lint.InvalidFindings(name, list, "") {
			f.Rule = "" // an error in the file, not a rule to silence
			snap.Errors = append(snap.Errors, pageFinding(f))
		}
		return snap, nil
	}
	a := cycle.Analyze(c)
	snap := &watch.Snapshot{Title: bidi.Strip(c.Title), Lang: c.Language, Critical: criticalMoments(a)}
	svg, err := render.Render(ctx, a, render.Options{Format: render.FormatSVG, Theme: theme, Page: page.Page, Orientation: page.Orientation})
	if err != nil {
		return nil, fmt.Errorf("drawing %s: %w", name, err)
	}
	snap.SVG = svg
	for _, f := range lint.Check(a, lint.Options{Today: time.Now()}) {
		snap.Findings = append(snap.Findings, pageFinding(f))
	}
	return snap, nil
}

// pageFinding is a lint finding as the preview page shows it.
func pageFinding(f lint.Finding) watch.Finding {
	return watch.Finding{File: f.File, Line: f.Line, Column: f.Column,
		Severity: string(f.Severity), Rule: f.Rule, Message: bidi.Strip(f.Message)}
}

// criticalMoments lists the critical moments with their reasons in the
// cycle's language.
func criticalMoments(a *cycle.Analysis) []watch.CriticalMoment {
	var out []watch.CriticalMoment
	for _, m := range a.Critical() {
		cm := watch.CriticalMoment{Number: m.Number(), ID: m.ID, Name: bidi.Strip(m.Name), Owner: bidi.Strip(m.Owner)}
		for _, r := range m.Reasons {
			cm.Reasons = append(cm.Reasons, bidi.Strip(r.Text(a.Cycle.Language)))
		}
		out = append(out, cm)
	}
	return out
}
