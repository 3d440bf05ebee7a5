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
	return cli.Main(ctx, os.Args[1:], cli.System())
}
