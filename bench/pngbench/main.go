// Command pngbench draws one cycle file as PNG or PDF through the render
// package, the way ciclo render will: parse, analyse, render, write. It
// exists so that bench/png.sh can time ciclo's raster output against
// native Graphviz before the CLI's own --format png lands.
//
//	go run ./bench/pngbench -f png -scale 2 -o cycle.png cycle.yaml
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render"
)

func main() {
	format := flag.String("f", "png", "output format: png, pdf or svg")
	scale := flag.Float64("scale", 0, "PNG pixels per point (0: the render package's default)")
	out := flag.String("o", "", "output file (required)")
	theme := flag.String("theme", "", "colour theme (default, print, contrast)")
	flag.Parse()
	if err := run(flag.Args(), render.Options{Format: render.Format(*format), Scale: *scale, Theme: *theme}, *out); err != nil {
		fmt.Fprintln(os.Stderr, "pngbench:", err)
		os.Exit(1)
	}
}

func run(args []string, opts render.Options, out string) error {
	if len(args) != 1 || out == "" {
		return fmt.Errorf("usage: pngbench [-f png|pdf|svg] [-scale S] [-theme T] -o OUT FILE.yaml")
	}
	src, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	c, err := cycle.Parse(args[0], src)
	if err != nil {
		return err
	}
	data, err := render.Render(context.Background(), cycle.Analyze(c), opts)
	if err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	return os.WriteFile(out, data, 0o644)
}
