// Package xdot paints Graphviz drawings to PNG and PDF in pure Go.
//
// Graphviz's "xdot" output format annotates every graph, cluster, node and
// edge of a laid-out graph with drawing operations (_draw_, _ldraw_,
// _hdraw_, _tdraw_, _hldraw_, _tldraw_) that describe exactly what its SVG
// renderer draws: polygons, ellipses, Bézier curves, text, colours, line
// styles and fonts. This package reads that text ([FromXDOT]), or a single
// operation list ([ParseOps]), and paints it with gonum.org/v1/plot/vg:
// [PNG] and [Rasterize] through vgimg, [PDF] through fpdf (the library
// under vgpdf, used directly for per-face font embedding and fixed dates).
//
// Reading xdot text needs no Graphviz call, so only the layout itself has
// to run under the caller's Graphviz lock; the painting functions are safe
// for concurrent use.
//
// Text is set in the Liberation fonts shipped inside the binary
// (gonum.org/v1/plot/font/liberation). Liberation Sans, Serif and Mono are
// metric-compatible with Helvetica/Arial, Times and Courier, the faces
// whose built-in metrics Graphviz uses to size labels, so labels keep to
// their boxes. The same drawing gives the same bytes on every machine: no
// system fonts, no timestamps.
//
// Coordinates are Graphviz points (1/72 inch) with y pointing up, the same
// convention as vg, so no flip is needed.
//
// Limits: external images (the I operation) are not painted; gradients are
// painted in their first colour; characters the Liberation fonts lack
// (emoji, CJK) are painted as [Replacement] (□), invisible format
// characters (joiners, variation selectors) are dropped, and
// [MissingGlyphs] lists them beforehand. A fault while painting is
// returned as an error, never a panic.
package xdot
