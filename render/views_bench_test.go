package render

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkViews draws a cycle of 1000 moments in every view, as the
// drawing model (layout), as SVG and as PDF (Graphviz included): no view is to be
// slower than the clock face (cycle).
func BenchmarkViews(b *testing.B) {
	if err := Warm(context.Background()); err != nil {
		b.Fatal(err)
	}
	a := analyse(b, "bench.yaml", genCycle(1000, 1000))
	for _, v := range Views {
		o, err := checkInput(a, Options{View: v})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("view=%s/layout", v), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				views[v](a, o)
			}
		})
		for _, f := range []Format{FormatSVG, FormatPDF} {
			b.Run(fmt.Sprintf("view=%s/%s", v, f), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Render(context.Background(), a, Options{View: v, Format: f}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
