package render

import (
	"context"
	"errors"
	"unsafe"

	"github.com/ciclo-dev/ciclo/internal/wasmcache"
	"github.com/goccy/go-graphviz/cgraph"
	"github.com/tetratelabs/wazero/api"
)

// go-graphviz has been initialised by now (render imports it), with its
// compiled-code cache in the private directory wasmcache prepared: give
// the rest of the program, and its child processes, the temporary
// directory the user set.
func init() { wasmcache.Restore() }

// MaxWasmMemory is the size of Graphviz's WebAssembly heap past which the
// module is started afresh before the next drawing. go-graphviz v0.2.10 never
// frees the output of a drawing inside that heap, and a WebAssembly heap
// never shrinks, so a long-lived process (ciclo watch, a workshop server,
// a big batch) would grow by about one drawing's size per drawing.
const MaxWasmMemory = 16 << 20

// Re-instantiating the module means running go-graphviz's package inits
// again: the wasm package's builds a new runtime and module from the
// embedded binary (and the compilation cache), cgraph's allocates its
// graph descriptors in it, gvc's registers its plugin callbacks with it.
// They are reached by name because go-graphviz offers no way to do it;
// TestRecycle fails if the pinned version changes them.
//
//go:linkname gvWasmInit github.com/goccy/go-graphviz/internal/wasm.init.0
func gvWasmInit()

//go:linkname gvCgraphInit github.com/goccy/go-graphviz/cgraph.init.0
func gvCgraphInit()

//go:linkname gvGvcInit github.com/goccy/go-graphviz/gvc.init.0
func gvGvcInit()

// gvModule is the start of go-graphviz's internal wasm.WasmModule: its
// first field is the module instance.
type gvModule struct {
	mod api.Module
}

//go:linkname gvMod github.com/goccy/go-graphviz/internal/wasm.mod
var gvMod *gvModule

// wasmMemory returns the size of Graphviz's WebAssembly heap in bytes.
func wasmMemory() uint32 {
	if gvMod == nil || gvMod.mod == nil || gvMod.mod.Memory() == nil {
		return 0
	}
	return gvMod.mod.Memory().Size()
}

// engineStats counts what the engine did, for tests and benchmarks.
var engineStats struct {
	drawings int // layouts since the module was last started
	recycled int // times the module was started afresh
}

// recycle starts Graphviz's module afresh, before a layout, when its heap
// has grown past MaxWasmMemory; engine.mu must be held. It costs about as
// much as the start of a process (the compiled code comes from the
// cache); a process that draws once never pays it.
func recycle() {
	if wasmMemory() > maxWasmMemory {
		restart()
	}
	engineStats.drawings++
}

// maxWasmMemory is MaxWasmMemory, lowered by tests.
var maxWasmMemory uint32 = MaxWasmMemory

// restart drops the Graphviz instance and the module under it and builds
// new ones; engine.mu must be held.
func restart() {
	discard()
	old := gvMod
	wasmcache.Do(func() {
		gvWasmInit()
		gvCgraphInit()
		gvGvcInit()
	})
	if old != nil && old.mod != nil {
		_ = old.mod.Close(context.Background())
	}
	engineStats.drawings = 0
	engineStats.recycled++
}

// parseDOT is graphviz.ParseBytes without its pass over every node from
// Go (setupNodeLabelIfEmpty, about 30 µs a node, a tenth of a
// 1000-moment layout), which gives a node without a label the label
// "\N". Every node ciclo's DOT writer writes has its label, so the pass
// changes nothing; TestParseDOT checks the output is the same, byte for
// byte, for every golden DOT.
func parseDOT(ctx context.Context, src []byte) (*cgraph.Graph, error) {
	p, err := gvMemRead(ctx, string(src))
	if err != nil {
		return nil, err
	}
	if p == nil {
		if err := gvLastError(); err != nil {
			return nil, err
		}
		return nil, errors.New("no graph")
	}
	return gvToGraph(p), nil
}

//go:linkname gvMemRead github.com/goccy/go-graphviz/internal/wasm.MemRead
func gvMemRead(ctx context.Context, src string) (unsafe.Pointer, error)

//go:linkname gvToGraph github.com/goccy/go-graphviz/cgraph.toGraph
func gvToGraph(unsafe.Pointer) *cgraph.Graph

//go:linkname gvLastError github.com/goccy/go-graphviz/cgraph.lastError
func gvLastError() error
