package draw_test

import (
	"fmt"
	"strings"

	"github.com/ciclo-dev/ciclo/render/draw"
)

// A drawing of two boxes joined by an arrow, with a half-filled dot and a
// legend, on a page sized to its content.
func Example() {
	d := &draw.Drawing{Name: "two", Background: "#FFFFFF", Ink: "#1F2933"}
	a := &draw.Box{Meta: draw.Meta{ID: "moment-a", Class: "moment"}, Shape: draw.Rounded,
		Rect: draw.Rect{X: 0, Y: 0, W: 120, H: 40}, Fill: "#F0F4F8", Stroke: draw.Stroke{Color: "#627D98"}}
	a.Label.Add("Book a table", 100, draw.Font{Size: 11, Bold: true}, "")
	b := &draw.Box{Meta: draw.Meta{ID: "moment-b", Class: "moment"}, Shape: draw.Rectangle, Double: true,
		Rect: draw.Rect{X: 200, Y: 0, W: 120, H: 40}, Fill: "#FDE8E8", Stroke: draw.Stroke{Color: "#B42318"}}
	b.Label.Add("Arrive", 100, draw.Font{Size: 11, Bold: true}, "")
	r := &draw.Route{Meta: draw.Meta{ID: "edge-1", Class: "sequence"}, From: a, To: b,
		Path: draw.Line(draw.Pt{X: 60, Y: 0}, draw.Pt{X: 140 - draw.ArrowLen, Y: 0}), Head: draw.ArrowNormal, Tip: draw.Pt{X: 140, Y: 0},
		Stroke: draw.Stroke{Color: "#52606D", Dash: draw.Dashed}}
	dot := &draw.Marker{Kind: draw.Dot, At: draw.Pt{X: 0, Y: -30}, Size: 8, Color: "#1F2933", Fill: 0.5}
	d.Add(a, b, r, dot)

	d.Legend = draw.NewLegend("Legend", draw.DefaultLegend)
	d.Legend.AddRow("handoff", "Handoff", &draw.Route{Path: draw.Line(draw.Pt{X: -24}, draw.Pt{X: 15}),
		Head: draw.ArrowNormal, Tip: draw.Pt{X: 24}, Stroke: draw.Stroke{Dash: draw.Dashed}})
	d.Legend.Place(100, -60)
	d.FitPage(28.8)

	w, h := d.Page.W, d.Page.H
	fmt.Printf("page %.0f × %.0f pt\n", w, h)
	src := string(d.DOT())
	fmt.Println(strings.Contains(src, `"moment-a" -> "moment-b"`))
	fmt.Println(strings.Contains(src, "style=wedged"))
	// Output:
	// page 382 × 209 pt
	// true
	// true
}
