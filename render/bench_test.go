package render

import (
	"context"
	"fmt"
	"testing"
)

func BenchmarkDOT(b *testing.B) {
	for _, n := range []int{12, 100, 1000} {
		a := analyse(b, "bench.yaml", genCycle(n, int64(n)))
		b.Run(fmt.Sprintf("moments=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := DOT(a, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRenderSVG(b *testing.B) {
	if err := Warm(context.Background()); err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{12, 100, 1000} {
		a := analyse(b, "bench.yaml", genCycle(n, int64(n)))
		b.Run(fmt.Sprintf("moments=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Render(context.Background(), a, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
