package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunDrawsSVG(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.dot")
	out := filepath.Join(dir, "out.svg")
	dot := `digraph { a [pos="0,0!"]; b [pos="2,0!"]; a -> b }`
	if err := os.WriteFile(in, []byte(dot), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{in, out}); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg", "<title>a</title>", "<title>a&#45;&gt;b</title>"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestRunUsage(t *testing.T) {
	if err := run([]string{"only-one"}); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Fatalf("run with one argument: %v, want a usage error", err)
	}
}
