package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/goccy/go-graphviz"
)

// engine is the one Graphviz instance, created on first use and kept warm.
// go-graphviz is not safe for concurrent use, not even across instances, so
// every Graphviz call holds mu.
var engine struct {
	mu sync.Mutex
	gv *graphviz.Graphviz
}

// Render draws the diagram of a in opts.Format: svg (the default), png,
// pdf, dot (the pinned DOT text, as DOT returns) or xdot (the same layout
// with Graphviz's drawing operations).
//
// PNG and PDF are painted from the xdot of the very layout the SVG comes
// from, so they show the same edges, outlines and words, set in the
// Liberation fonts embedded in the binary (metric-compatible with the
// Helvetica that Graphviz sizes labels for); characters those fonts lack
// are painted as xdot.Replacement (see MissingGlyphs). Only the layout holds the
// Graphviz lock; painting runs outside it, so in a batch the painting of
// one diagram overlaps the layout of the next. A PNG larger than
// MaxPixels at opts.Scale is drawn at the largest scale that fits; one
// that does not fit even at ShrinkScale gives an error wrapping ErrTooLarge.
// A PDF page over 200 inches is scaled down to fit. Invalid options give an error
// wrapping ErrUnsupported. The same input and options always give the
// same bytes.
//
// Layout cannot be cancelled once started; ctx is checked before layout
// and before painting. The input is bounded by cycle.MaxMoments.
func Render(ctx context.Context, a *cycle.Analysis, opts Options) ([]byte, error) {
	dr, err := Draw(ctx, a, opts)
	return dr.Data, err
}

// Drawing is a rendered diagram with what its caller may want to tell the
// user about it.
type Drawing struct {
	Data []byte
	// Missing lists, for PNG and PDF, the characters painted as
	// xdot.Replacement because the embedded fonts lack them (as
	// MissingGlyphs, from the same layout); nil for other formats.
	Missing []rune
	// Warnings say what the layout had to give up on a named page (type
	// below the sizes ciclo keeps, notes that did not fit), in the
	// diagram's language, for the caller to print.
	Warnings []string
}

// Draw is Render, also telling which characters a PNG or PDF could not
// draw, from the one layout it makes.
func Draw(ctx context.Context, a *cycle.Analysis, opts Options) (Drawing, error) {
	o, err := checkInput(a, opts)
	if err != nil {
		return Drawing{}, err
	}
	return Write(ctx, views[o.View](a, o), o)
}

// XDOT draws the diagram of a as xdot: Render with opts.Format set to
// FormatXDOT.
func XDOT(ctx context.Context, a *cycle.Analysis, opts Options) ([]byte, error) {
	opts.Format = FormatXDOT
	return Render(ctx, a, opts)
}

// Warm starts the Graphviz instance ahead of the first Render, so that a
// batch or a live preview does not pay for it on its first drawing.
func Warm(ctx context.Context) error {
	engine.mu.Lock()
	defer engine.mu.Unlock()
	_, err := instance(ctx)
	return err
}

// instance returns the warm Graphviz instance; engine.mu must be held.
func instance(ctx context.Context) (*graphviz.Graphviz, error) {
	if engine.gv != nil {
		return engine.gv, nil
	}
	gv, err := graphviz.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("starting graphviz: %w", err)
	}
	engine.gv = gv
	return gv, nil
}

// discard closes the instance after a failure, so that the next call
// starts a fresh one; engine.mu must be held.
func discard() {
	if engine.gv != nil {
		_ = engine.gv.Close()
		engine.gv = nil
	}
}

// bigLayout is the size of DOT source (about 250 moments) from which a
// layout runs with GOMAXPROCS 1. Graphviz runs as WebAssembly code that the
// Go scheduler cannot preempt; while a long call runs, a garbage collection
// on another processor spins and signals the blocked thread until the call
// returns. Measured on a 1000-moment cycle: 0.81 s with two processors,
// 0.60 s with one. Small layouts are short enough not to matter, and a batch
// keeps painting and writing in parallel between them.
const bigLayout = 256 << 10

// layout runs Graphviz's neato -n2 (nop2: every position given) on the DOT
// source and renders it in format.
func layout(ctx context.Context, src []byte, format Format) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Graphviz cannot be interrupted midway; a cancelled context must not
	// leave the shared instance half-way through a call.
	ctx = context.WithoutCancel(ctx)
	engine.mu.Lock()
	defer engine.mu.Unlock()
	recycle() // wasm.go: a heap grown past MaxWasmMemory starts afresh
	gv, err := instance(ctx)
	if err != nil {
		return nil, err
	}
	if len(src) >= bigLayout {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	}
	g, err := parseDOT(ctx, src)
	if err != nil {
		discard()
		return nil, fmt.Errorf("graphviz: parsing the diagram: %w", err)
	}
	var buf bytes.Buffer
	gv.SetLayout(graphviz.NOP2)
	if err := gv.Render(ctx, g, graphviz.Format(format), &buf); err != nil {
		g.Close()
		discard()
		return nil, fmt.Errorf("graphviz: drawing %s: %w", format, err)
	}
	g.Close()
	if buf.Len() == 0 {
		return nil, errors.New("graphviz: drawing " + string(format) + ": empty output")
	}
	if format == FormatSVG {
		return tidySVG(buf.Bytes()), nil
	}
	return buf.Bytes(), nil
}

// tidySVG writes the hyphens Graphviz escapes as &#45; in id and class
// attributes as plain hyphens, so the ids read exactly as docs/format.md
// pins them (id="moment-<id>"). Ids are [a-z0-9_-] only, so nothing else
// in them needs escaping; comments keep &#45;, where "--" is not allowed.
// It is one scan of the SVG for its attributes (a regular expression
// took as long as a tenth of Graphviz's layout of a large cycle).
func tidySVG(svg []byte) []byte {
	if !bytes.Contains(svg, escapedHyphen) {
		return svg
	}
	out := make([]byte, 0, len(svg))
	done := 0 // svg[:done] is in out
	for at := 0; ; {
		k := bytes.Index(svg[at:], attrOpen)
		if k < 0 {
			break
		}
		k += at
		if !bytes.HasSuffix(svg[:k], idName) && !bytes.HasSuffix(svg[:k], className) {
			at = k + 1
			continue
		}
		start := k + len(attrOpen)
		end := bytes.IndexByte(svg[start:], '"')
		if end < 0 {
			break
		}
		end += start
		if val := svg[start:end]; bytes.Contains(val, escapedHyphen) {
			out = append(out, svg[done:start]...)
			out = append(out, bytes.ReplaceAll(val, escapedHyphen, hyphen)...)
			done = end
		}
		at = end + 1
	}
	return append(out, svg[done:]...)
}

var (
	attrOpen      = []byte(`="`)
	idName        = []byte(` id`)
	className     = []byte(` class`)
	escapedHyphen = []byte("&#45;")
	hyphen        = []byte("-")
)
