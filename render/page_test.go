package render

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/render/draw"
)

var (
	pdfMediaBox = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)
	svgFontSize = regexp.MustCompile(`font-size="([0-9.]+)"`)
	warnSize    = regexp.MustCompile(`names at ([0-9.]+) pt`)
)

// TestPageSizes draws cycles of 6, 14, 24 and 36 moments on a4 and slide
// and checks the page: the SVG is the paper's size, the PDF page is the
// paper exactly, the PNG has 96 pixels per inch at scale 1, every shape
// lies on the page, and type read back from the SVG below the 7 pt
// ciclo keeps for notes always comes with a warning naming the size the
// names reached (the figures are logged: generated names of up to 14
// words make every box tall, so larger cycles warn today).
func TestPageSizes(t *testing.T) {
	for _, n := range []int{6, 14, 24, 36} {
		for _, page := range []string{"a4", "slide"} {
			t.Run(fmt.Sprintf("%s-%d", page, n), func(t *testing.T) {
				a := analyse(t, "gen.yaml", genCycle(n, int64(n)))
				paper, _ := draw.LookupPaper(page)
				opts := Options{Page: page}
				svg, err := Draw(context.Background(), a, opts)
				if err != nil {
					t.Fatal(err)
				}
				root := parseSVG(t, svg.Data)
				w, _ := strconv.ParseFloat(strings.TrimSuffix(root.attr("width"), "pt"), 64)
				h, _ := strconv.ParseFloat(strings.TrimSuffix(root.attr("height"), "pt"), 64)
				if math.Abs(w*h-paper.W*paper.H) > 1 || math.Abs(max(w, h)-max(paper.W, paper.H)) > 0.01 {
					t.Errorf("SVG %g × %g pt on %s (%g × %g)", w, h, page, paper.W, paper.H)
				}
				// every shape on the page (SVG y runs up from 0 to -h)
				root.walk(func(n *svgNode) {
					if n.XMLName.Local != "g" || !strings.Contains(n.attr("class"), "node") {
						return
					}
					if b, ok := shapeBox(n); ok && (b.x0 < -0.5 || b.x1 > w+0.5 || b.y0 < -h-0.5 || b.y1 > 0.5) {
						t.Errorf("%s %v is off the %g × %g page", n.attr("id"), b, w, h)
					}
				})
				smallest := math.Inf(1)
				for _, m := range svgFontSize.FindAllSubmatch(svg.Data, -1) {
					s, _ := strconv.ParseFloat(string(m[1]), 64)
					smallest = min(smallest, s)
				}
				reached := 0.0
				for _, warn := range svg.Warnings {
					if m := warnSize.FindStringSubmatch(warn); m != nil {
						reached, _ = strconv.ParseFloat(m[1], 64)
					}
				}
				switch {
				case reached == 0 && smallest < draw.MinNoteSize-0.01:
					t.Errorf("type at %g pt with no warning", smallest)
				case reached > 0 && reached >= draw.MinNameSize:
					t.Errorf("warned of names at %g pt", reached)
				}
				t.Logf("%s, %d moments: smallest type %.2f pt, warned names at %.1f pt (0: no warning)", page, n, smallest, reached)

				opts.Format = FormatPDF
				pdf, err := Render(context.Background(), a, opts)
				if err != nil {
					t.Fatal(err)
				}
				m := pdfMediaBox.FindSubmatch(pdf)
				if m == nil {
					t.Fatal("no MediaBox in the PDF")
				}
				pw, _ := strconv.ParseFloat(string(m[1]), 64)
				ph, _ := strconv.ParseFloat(string(m[2]), 64)
				if math.Abs(pw-w) > 0.01 || math.Abs(ph-h) > 0.01 {
					t.Errorf("PDF page %g × %g pt; the SVG is %g × %g", pw, ph, w, h)
				}
				opts.Format, opts.Scale = FormatPNG, 1
				b, err := Render(context.Background(), a, opts)
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				if got, want := img.Bounds().Dx(), int(w/72*96+0.5); got != want {
					t.Errorf("PNG %d pixels wide, want %d (96 per inch)", got, want)
				}
			})
		}
	}
}
