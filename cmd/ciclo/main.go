// Command ciclo maps a service's cycle of service: it validates cycle files,
// analyses them, lints them against service principles and draws them.
//
// Run "ciclo --help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	// First, so that go-graphviz's package init finds its compiled-code
	// cache in a private directory (see the package's documentation).
	_ "github.com/ciclo-dev/ciclo/internal/wasmcache"

	"github.com/ciclo-dev/ciclo/internal/cli"
)

func main() { os.Exit(run()) }

func run() int {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	// The first signal cancels ctx and ciclo winds down, knowing which
	// signal it was (watch ends with 0 on Ctrl-C, 130 on SIGTERM); a
	// second one then ends the process at once, as it would without
	// ciclo's handler.
	go func() {
		s, ok := <-sigs
		if !ok {
			return
		}
		signal.Stop(sigs)
		if s == syscall.SIGTERM {
			cancel(cli.ErrTerminated)
			return
		}
		cancel(cli.ErrInterrupted)
	}()
	return cli.Main(ctx, os.Args[1:], cli.System())
}
