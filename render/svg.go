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

// pageSVG gives the SVG the page's exact width and height (Graphviz
// rounds them to whole points).
func pageSVG(svg []byte, page draw.Rect) []byte {
	size := []byte(`<svg width="` + strconv.FormatFloat(page.W, 'f', 2, 64) + `pt" height="` + strconv.FormatFloat(page.H, 'f', 2, 64) + `pt"`)
	if loc := svgSize.FindIndex(svg); loc != nil {
		svg = bytes.Join([][]byte{svg[:loc[0]], size, svg[loc[1]:]}, nil)
	}
	return svg
}
