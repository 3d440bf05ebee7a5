// Command floor draws a DOT file as SVG with go-graphviz and nothing else:
// no YAML, no analysis, no DOT building, no command line library. It is the
// fastest any program built on go-graphviz can turn a DOT file into SVG in
// one process, and bench/compare.sh times it beside ciclo and native
// Graphviz so that the cost of ciclo's own work can be told apart from the
// cost of loading Graphviz in WebAssembly.
//
// Usage: go run ./bench/floor IN.dot OUT.svg
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/goccy/go-graphviz"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 2 {
		return errors.New("usage: floor IN.dot OUT.svg")
	}
	src, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	ctx := context.Background()
	gv, err := graphviz.New(ctx)
	if err != nil {
		return err
	}
	defer gv.Close()
	g, err := graphviz.ParseBytes(src)
	if err != nil {
		return err
	}
	defer g.Close()
	gv.SetLayout(graphviz.NOP2)
	var buf bytes.Buffer
	if err := gv.Render(ctx, g, graphviz.SVG, &buf); err != nil {
		return err
	}
	if buf.Len() == 0 {
		return errors.New("empty output")
	}
	return os.WriteFile(args[1], buf.Bytes(), 0o644)
}
