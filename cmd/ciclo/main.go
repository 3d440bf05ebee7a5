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

	"github.com/ciclo-dev/ciclo/internal/cli"
)

func main() { os.Exit(run()) }

func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first signal cancels ctx and ciclo winds down; a second one then
	// ends the process at once, as it would without ciclo's handler.
	go func() {
		<-ctx.Done()
		stop()
	}()
	return cli.Main(ctx, os.Args[1:], cli.System())
}
