package render

import (
	"bytes"
	"regexp"
	"strconv"

	"github.com/ciclo-dev/ciclo/render/draw"
)

// svgSize matches the width and height Graphviz gives the SVG, in whole
// points.
var svgSize = regexp.MustCompile(`<svg width="[0-9.]+pt" height="[0-9.]+pt"`)

// FontFamily is the font list the SVG names for its text: faces
// metric-compatible with the Helvetica widths ciclo and Graphviz size text
// with come first (Liberation Sans, Arimo), so that a viewer with any of
// them sets every line exactly as wide as measured; librsvg, given
// Graphviz's "Helvetica,sans-Serif", draws a wider substitute (DejaVu
// Sans) even where Liberation Sans is installed. Helvetica and Arial
// follow for systems that have those, then any sans-serif.
const FontFamily = "Liberation Sans,Arimo,Helvetica,Arial,sans-serif"

// graphvizFamily is the font-family Graphviz writes for fontname
// Helvetica.
var graphvizFamily = []byte(`font-family="Helvetica,sans-Serif"`)

// pageSVG gives the SVG the page's exact width and height (Graphviz
// rounds them to whole points) and names FontFamily for its text.
func pageSVG(svg []byte, page draw.Rect) []byte {
	svg = bytes.ReplaceAll(svg, graphvizFamily, []byte(`font-family="`+FontFamily+`"`))
	size := []byte(`<svg width="` + strconv.FormatFloat(page.W, 'f', 2, 64) + `pt" height="` + strconv.FormatFloat(page.H, 'f', 2, 64) + `pt"`)
	if loc := svgSize.FindIndex(svg); loc != nil {
		svg = bytes.Join([][]byte{svg[:loc[0]], size, svg[loc[1]:]}, nil)
	}
	return svg
}
