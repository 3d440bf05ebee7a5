package render

import (
	"context"
	"errors"
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

// benchPainted renders cycles of 12, 200 and 1000 moments in format f,
// reporting the output size. A 1000-moment cycle (about 900 inches
// across) is too large for PNG at any readable scale: that case measures
// how fast the refusal (ErrTooLarge) comes, layout included.
func benchPainted(b *testing.B, f Format) {
	if err := Warm(context.Background()); err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{12, 200, 1000} {
		a := analyse(b, "bench.yaml", genCycle(n, int64(n)))
		b.Run(fmt.Sprintf("moments=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			size := 0
			for b.Loop() {
				out, err := Render(context.Background(), a, Options{Format: f})
				if f == FormatPNG && n == 1000 && errors.Is(err, ErrTooLarge) {
					continue
				}
				if err != nil {
					b.Fatal(err)
				}
				size = len(out)
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

// BenchmarkPNG draws PNG at the default scale (a 200-moment cycle shrinks
// to MaxPixels).
func BenchmarkPNG(b *testing.B) { benchPainted(b, FormatPNG) }

// BenchmarkPDF draws PDF (a 1000-moment page is scaled down to 200 inches).
func BenchmarkPDF(b *testing.B) { benchPainted(b, FormatPDF) }
