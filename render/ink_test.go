package render

import (
	"context"
	"encoding/xml"
	"fmt"
	"image"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/internal/testtool"
)

// writeSVG serialises n (as parseSVG reads it) back to SVG, keeping the
// text of <text> elements only where keep says so.
func writeSVG(b *strings.Builder, n *svgNode, keep func(*svgNode) bool) {
	if n.XMLName.Local == "text" && !keep(n) {
		return
	}
	b.WriteString("<" + n.XMLName.Local)
	for _, a := range n.Attrs {
		name := a.Name.Local
		switch a.Name.Space {
		case "":
		case "xmlns":
			name = "xmlns:" + name
		case "http://www.w3.org/1999/xlink":
			name = "xlink:" + name
		default:
			continue
		}
		b.WriteString(" " + name + `="`)
		xml.EscapeText(b, []byte(a.Value))
		b.WriteString(`"`)
	}
	if n.XMLName.Local == "svg" && n.attr("xmlns") == "" {
		b.WriteString(` xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"`)
	}
	b.WriteString(">")
	if n.XMLName.Local == "text" {
		xml.EscapeText(b, []byte(n.Content))
	}
	for i := range n.Children {
		writeSVG(b, &n.Children[i], keep)
	}
	b.WriteString("</" + n.XMLName.Local + ">")
}

// boxedClasses are the groups whose text must stay inside an outline:
// moments, notes (inline, callouts, panel rows), end markers and the
// legend's rows (inside the legend's frame).
var boxedClasses = []string{"moment", "note", "end", "legend"}

var translateRE = regexp.MustCompile(`translate\(([-0-9.]+) ([-0-9.]+)\)`)

// TestSVGTextStaysInBoxes rasterises the SVG of every example, in every
// theme, on the auto page and on a4, with librsvg as Debian ships it
// (rsvg-convert, the SVG's own font list resolved by fontconfig; the
// machine has DejaVu and Liberation), once with the text of moments,
// notes, end markers and legend rows and once without it. Every pixel
// that text inks must fall inside one of the outlines read back from the
// SVG (a moment, note, panel row, end marker or the legend's frame).
func TestSVGTextStaysInBoxes(t *testing.T) {
	testtool.Need(t, "rsvg-convert", "librsvg2-bin")
	for _, file := range examples(t) {
		for _, theme := range Themes {
			for _, page := range []string{"auto", "a4"} {
				t.Run(fmt.Sprintf("%s/%s/%s", filepath.Base(file), theme, page), func(t *testing.T) {
					svg, err := Render(context.Background(), load(t, file), Options{Theme: theme, Page: page})
					if err != nil {
						t.Fatal(err)
					}
					textInBoxes(t, svg, boxedClasses)
				})
			}
		}
	}
}

// TestViewsTextStaysInBoxes does the same for the journey and the
// blueprint of every example on a4 and on a slide, where their columns
// are narrowest (the journey's may be 88 pt): the text of moments, notes,
// blueprint cells, panel rows and legend rows stays in its outline.
func TestViewsTextStaysInBoxes(t *testing.T) {
	testtool.Need(t, "rsvg-convert", "librsvg2-bin")
	for _, view := range []string{"journey", "blueprint"} {
		for _, file := range examples(t) {
			for _, page := range []string{"a4", "slide"} {
				t.Run(fmt.Sprintf("%s/%s/%s", view, filepath.Base(file), page), func(t *testing.T) {
					svg, err := Render(context.Background(), load(t, file), Options{View: view, Page: page})
					if err != nil {
						t.Fatal(err)
					}
					textInBoxes(t, svg, []string{"moment", "note", "cell", "panel-row", "legend"})
				})
			}
		}
	}
}

// textInBoxes rasterises svg with librsvg at 72 dpi with and without the
// text of the groups of the given classes, and fails when a pixel that
// text inks falls outside every outline of those groups.
func textInBoxes(t *testing.T, svg []byte, classes []string) {
	t.Helper()
	const dpi = 72
	root := parseSVG(t, svg)
	var boxes []bbox
	boxed := map[*svgNode]bool{}
	for _, cls := range classes {
		for _, g := range groups(root, cls) {
			box := shapeBox
			if strings.Contains(g.attr("class"), "critical") {
				box = innerBox // text inside the inner of the two outlines
			}
			if b, ok := box(g); ok {
				boxes = append(boxes, b)
			}
			g.walk(func(n *svgNode) {
				if n.XMLName.Local == "text" {
					boxed[n] = true
				}
			})
		}
	}
	if len(boxes) < 5 {
		t.Fatalf("only %d outlines read back", len(boxes))
	}
	var with, without strings.Builder
	writeSVG(&with, root, func(*svgNode) bool { return true })
	writeSVG(&without, root, func(n *svgNode) bool { return !boxed[n] })
	a := testtool.RsvgAsIs(t, []byte(with.String()), dpi)
	b := testtool.RsvgAsIs(t, []byte(without.String()), dpi)
	var tx, ty float64
	root.walk(func(n *svgNode) {
		if n.attr("id") == "graph0" {
			if m := translateRE.FindStringSubmatch(n.attr("transform")); m != nil {
				tx, _ = strconv.ParseFloat(m[1], 64)
				ty, _ = strconv.ParseFloat(m[2], 64)
			}
		}
	})
	inside := func(x, y float64) bool {
		for _, bx := range boxes {
			if x >= bx.x0-1 && x <= bx.x1+1 && y >= bx.y0-1 && y <= bx.y1+1 {
				return true
			}
		}
		return false
	}
	ink, out := 0, 0
	var first image.Point
	r := a.Bounds()
	for py := r.Min.Y; py < r.Max.Y; py++ {
		for px := r.Min.X; px < r.Max.X; px++ {
			if math.Abs(testtool.Luma(a.At(px, py))-testtool.Luma(b.At(px, py))) < 40 {
				continue
			}
			ink++
			// the pixel's centre in the graph's coordinates
			x, y := (float64(px)+0.5)*72/dpi-tx, (float64(py)+0.5)*72/dpi-ty
			if !inside(x, y) {
				if out == 0 {
					first = image.Pt(px, py)
				}
				out++
			}
		}
	}
	if ink < 500 {
		t.Fatalf("only %d pixels of text ink", ink)
	}
	if out > 0 {
		t.Errorf("%d of %d text pixels fall outside every outline (first at pixel %v)", out, ink, first)
	}
}

// innerBox is the smallest outline drawn in g: the inner one of a
// critical moment's two.
func innerBox(g *svgNode) (bbox, bool) {
	best, found := bbox{}, false
	g.walk(func(n *svgNode) {
		if n.XMLName.Local != "polygon" && n.XMLName.Local != "path" {
			return
		}
		b, ok := shapeBox(&svgNode{XMLName: g.XMLName, Children: []svgNode{*n}})
		if ok && (!found || (b.x1-b.x0)*(b.y1-b.y0) < (best.x1-best.x0)*(best.y1-best.y0)) {
			best, found = b, true
		}
	})
	return best, found
}
