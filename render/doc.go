// Package render draws an analysed cycle of service as the clock-face
// diagram of the ciclo specification (section 3): the moments on a ring,
// the first at 12 o'clock and the rest clockwise in file order, the title
// and customer in the middle, critical moments marked by border, shape and
// a written marker, improvement notes beside their moments (or numbered in
// a notes panel) and a legend of the marks used.
//
// The package computes every position itself: a view (the clock face,
// clockView) turns the analysis into a positioned drawing (package
// render/draw), laid out for the page Options.Page asks for, and Write
// turns any view's drawing into DOT (DOT), which Graphviz
// (github.com/goccy/go-graphviz, in WebAssembly) only draws, with the
// neato -n2 engine, which keeps the given node and edge positions. SVG comes from Graphviz; PNG and PDF are painted in pure Go
// (package render/xdot) from the xdot of the same layout, with embedded
// fonts. The same analysis and options always give the same bytes.
//
// Graphviz is not safe for concurrent use, not even across instances: every
// call goes through one package mutex, on one warm instance that is reused
// from call to call. Its WebAssembly heap only grows (go-graphviz keeps
// every output in it), so the module is started afresh after a drawing
// once the heap passes MaxWasmMemory: a long-lived caller (ciclo watch, a
// workshop server) stays bounded without doing anything. Importing render
// also keeps go-graphviz's compiled code in a private cache (see
// internal/wasmcache).
package render
