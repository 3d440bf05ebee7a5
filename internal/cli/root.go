// Package cli holds ciclo's cobra commands. Each command has an options
// struct, a NewCmdX constructor and an xRun function; every command reads
// and writes through the IOStreams it is given, so tests run commands
// in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/ciclo-dev/ciclo/internal/msg"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes, as the README's "Exit codes" section pins them.
const (
	ExitOK      = 0 // success
	ExitProblem = 1 // invalid input, lint errors, stale output, changes found
	ExitMisuse  = 2 // unknown flag or command, unreadable file, unwritable output
	// ExitInterrupted ends a command stopped by Ctrl-C or SIGTERM midway, as
	// shells report a process ended by SIGINT. (watch treats Ctrl-C as its
	// normal end and exits 0; SIGTERM ends it with 130.)
	ExitInterrupted = 130
)

// The causes a caller gives the context it cancels on a signal (see
// context.WithCancelCause): watch ends with ExitOK when interrupted by
// Ctrl-C, its usual way to stop, and with ExitInterrupted when
// terminated.
var (
	ErrInterrupted = errors.New("interrupted")
	ErrTerminated  = errors.New("terminated")
)

// IOStreams are the standard streams a command uses.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ErrIsTerminal tells whether ErrOut is an interactive terminal, for
	// progress displays.
	ErrIsTerminal bool
	// OutIsTerminal tells whether Out is an interactive terminal, where
	// binary formats are not written unless forced.
	OutIsTerminal bool
}

// System returns the process's own streams.
func System() *IOStreams {
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		ErrIsTerminal: isTerminal(os.Stderr), OutIsTerminal: isTerminal(os.Stdout)}
}

// isTerminal tells whether f is an interactive terminal. A character
// device is not enough: /dev/null is one, and a command whose input is
// /dev/null must not wait for an answer from it.
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// exitError carries an exit code. A nil Err means the command already said
// everything it had to say.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// misuse marks err as the user's misuse: exit 2.
func misuse(err error) error { return &exitError{code: ExitMisuse, err: err} }

// misusef is misuse of an error made from format, translated into lang
// through the catalog (internal/msg); format may wrap an error with %w.
// Its format must be a literal: the catalog test reads it from the code.
func misusef(lang, format string, args ...any) error {
	return misuse(fmt.Errorf(msg.T(lang, format), args...))
}

// errorf is fmt.Errorf with format translated into lang through the
// catalog, for errors a caller may still mark as misuse.
func errorf(lang, format string, args ...any) error {
	return fmt.Errorf(msg.T(lang, format), args...)
}

// problem is exit 1 with nothing more to print.
func problem() error { return &exitError{code: ExitProblem} }

// isProblem reports whether err is exit 1 with nothing more to print.
func isProblem(err error) bool {
	ee, ok := err.(*exitError)
	return ok && ee.code == ExitProblem && ee.err == nil
}

// Version is the ciclo version, from the module build info.
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// NewCmdRoot builds the ciclo command tree.
func NewCmdRoot(ios *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "ciclo",
		Short: "Map, analyse, lint and draw a service's cycle of service",
		Long: `ciclo maps a service's cycle of service: the moments of truth in which a
customer meets an organisation. Describe the moments in a YAML file; ciclo
validates it, finds the critical moments and why, draws the clock-face
diagram, lints it against service principles and writes reports.`,
		Version:       Version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("ciclo {{.Version}}\n")
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return misuse(err) })
	root.AddCommand(
		NewCmdVersion(ios),
		NewCmdSchema(ios),
		NewCmdInit(ios),
		NewCmdLint(ios),
		NewCmdReport(ios),
		NewCmdDiff(ios),
		NewCmdWatch(ios),
		NewCmdRender(ios),
		NewCmdImport(ios, nil),
		NewCmdExport(ios, nil),
		NewCmdWorkshop(ios, nil),
	)
	return root
}

// Main runs ciclo with args and returns the exit code.
func Main(ctx context.Context, args []string, ios *IOStreams) int {
	root := NewCmdRoot(ios)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return ExitOK
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		fmt.Fprintln(ios.ErrOut, "ciclo: interrupted")
		return ExitInterrupted
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(ios.ErrOut, "ciclo: %v\n", ee.err)
		}
		return ee.code
	}
	// Anything cobra reports itself (unknown command, bad arguments) is misuse.
	fmt.Fprintf(ios.ErrOut, "ciclo: %v\n", err)
	if cmd != nil {
		fmt.Fprintf(ios.ErrOut, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return ExitMisuse
}

// NewCmdVersion builds "ciclo version".
func NewCmdVersion(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print ciclo's version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(ios.Out, "ciclo %s\n", Version())
			return err
		},
	}
}
