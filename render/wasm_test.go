package render

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/cgraph"

	"github.com/ciclo-dev/ciclo/cycle"
)

// The module is reached through go-graphviz's internals (wasm.go): a
// version bump must be checked against them before it is taken.
func TestGraphvizVersionIsTheOneRecycled(t *testing.T) {
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(mod), "github.com/goccy/go-graphviz v0.2.10\n") {
		t.Fatal("go-graphviz is no longer v0.2.10: check the init functions and the module variable render/wasm.go reaches, then update this test")
	}
}

// Starting the module afresh gives back its memory and changes nothing
// in what is drawn.
func TestRecycle(t *testing.T) {
	ctx := context.Background()
	a := load(t, "../examples/airline.yaml")
	draw := func(f Format) []byte {
		t.Helper()
		data, err := Render(ctx, a, Options{Format: f})
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	svg, png := draw(FormatSVG), draw(FormatPNG)
	engine.mu.Lock()
	before, oldMod, recycled := wasmMemory(), gvMod, engineStats.recycled
	maxWasmMemory = before - 1 // the next drawing starts the module afresh
	engine.mu.Unlock()
	defer func() { maxWasmMemory = MaxWasmMemory }()
	again := draw(FormatSVG)
	engine.mu.Lock()
	after, newMod, n := wasmMemory(), gvMod, engineStats.recycled
	maxWasmMemory = MaxWasmMemory
	engine.mu.Unlock()
	if n != recycled+1 || newMod == oldMod {
		t.Fatalf("the module was not started afresh (recycled %d → %d)", recycled, n)
	}
	if after >= before {
		t.Errorf("wasm memory %d after recycling, %d before", after, before)
	}
	if !bytes.Equal(again, svg) || !bytes.Equal(draw(FormatSVG), svg) || !bytes.Equal(draw(FormatPNG), png) {
		t.Error("the drawings differ after recycling")
	}
}

// Hundreds of different drawings keep Graphviz's heap within the limit
// and one drawing.
func TestWasmMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("draws 300 diagrams")
	}
	if _, err := Render(context.Background(), load(t, "../examples/airline.yaml"), Options{}); err != nil {
		t.Fatal(err)
	}
	engine.mu.Lock()
	limit := wasmMemory() + 4<<20 // a few hundred drawings more
	maxWasmMemory = limit
	recycled := engineStats.recycled
	engine.mu.Unlock()
	defer func() { engine.mu.Lock(); maxWasmMemory = MaxWasmMemory; engine.mu.Unlock() }()
	src, err := os.ReadFile("../examples/airline.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		s := strings.Replace(string(src), "title: ", fmt.Sprintf("title: v%d ", i), 1)
		if _, err := Render(context.Background(), analyse(t, "x.yaml", []byte(s)), Options{}); err != nil {
			t.Fatal(err)
		}
		engine.mu.Lock()
		m := wasmMemory()
		engine.mu.Unlock()
		// The heap may pass the limit by one drawing; the next starts afresh.
		if m > limit+1<<20 {
			t.Fatalf("drawing %d: wasm memory %d MiB, over the %d MiB limit and one drawing", i, m>>20, limit>>20)
		}
	}
	t.Logf("wasm memory %d MiB, %d recycles", wasmMemory()>>20, engineStats.recycled-recycled)
	if engineStats.recycled == recycled {
		t.Error("300 drawings never reached the limit: the test proves nothing")
	}
}

// BenchmarkRedraws draws b.N different versions of a cycle, as watch does
// on every save, and reports Graphviz's heap at the end.
func BenchmarkRedraws(b *testing.B) {
	src, err := os.ReadFile("../examples/airline.yaml")
	if err != nil {
		b.Fatal(err)
	}
	start := engineStats.recycled
	for i := 0; b.Loop(); i++ {
		s := strings.Replace(string(src), "title: ", fmt.Sprintf("title: v%d ", i), 1)
		c, err := cycle.Parse("x.yaml", []byte(s))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Render(context.Background(), cycle.Analyze(c), Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(wasmMemory())/(1<<20), "wasm-MiB")
	b.ReportMetric(float64(engineStats.recycled-start), "recycles")
}

// TestParseDOT draws every golden DOT twice, parsed by go-graphviz's own
// ParseBytes and by parseDOT (which skips its pass that gives unlabelled
// nodes the label "\N"), and requires the same SVG byte for byte: every
// node ciclo writes has its label.
func TestParseDOT(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.dot")
	if err != nil || len(files) < 50 {
		t.Fatalf("%d golden DOT files: %v", len(files), err)
	}
	ctx := context.Background()
	draw := func(src []byte, parse func([]byte) (*cgraph.Graph, error)) string {
		engine.mu.Lock()
		defer engine.mu.Unlock()
		gv, err := instance(ctx)
		if err != nil {
			t.Fatal(err)
		}
		g, err := parse(src)
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		var buf bytes.Buffer
		gv.SetLayout(graphviz.NOP2)
		if err := gv.Render(ctx, g, graphviz.SVG, &buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	for i, f := range files {
		if i%3 != 0 && !strings.Contains(f, "blueprint") && !strings.Contains(f, "a4") {
			continue // a third of the rest: every view and page is among them
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		theirs := draw(src, graphviz.ParseBytes)
		ours := draw(src, func(b []byte) (*cgraph.Graph, error) { return parseDOT(ctx, b) })
		if ours != theirs {
			t.Errorf("%s: the SVG differs when parsed without go-graphviz's label pass", f)
		}
	}
	if _, err := parseDOT(ctx, []byte("digraph {")); err == nil {
		t.Error("a broken DOT parsed")
	}
}
