package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
)

// The benchmarks rely on gen's cycles being valid and the same for a seed.
func TestWriteIsValidAndReproducible(t *testing.T) {
	for _, n := range []int{1, 12, 1000} {
		var a, b bytes.Buffer
		if err := write(&a, n, 7); err != nil {
			t.Fatal(err)
		}
		if err := write(&b, n, 7); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%d moments: two runs with seed 7 differ", n)
		}
		c, err := cycle.Parse(fmt.Sprintf("gen-%d.yaml", n), a.Bytes())
		if err != nil {
			t.Fatalf("%d moments: %v", n, err)
		}
		if len(c.Moments) != n {
			t.Errorf("got %d moments, want %d", len(c.Moments), n)
		}
	}
}

func TestRunWritesCount(t *testing.T) {
	dir := t.TempDir()
	if err := run(12, 3, dir, 1); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "cycle-*.yaml"))
	if err != nil || len(files) != 3 {
		t.Fatalf("got %v (%v), want 3 files", files, err)
	}
	first, _ := os.ReadFile(files[0])
	second, _ := os.ReadFile(files[1])
	if bytes.Equal(first, second) {
		t.Error("cycles of a batch should differ (each has its own seed)")
	}
	if err := run(12, 2, "", 1); err == nil {
		t.Error("-count 2 without -dir should fail")
	}
}
