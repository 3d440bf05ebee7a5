package xdot_test

import (
	"fmt"
	"image/png"
	"io"
	"testing"

	"github.com/ciclo-dev/ciclo/render/xdot"
)

func benchXDOT(b *testing.B, n int) []byte {
	b.Helper()
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("Momento número %d", i+1)
	}
	return layout(b, circleDOT(names, "Ciclo"), "xdot")["xdot"]
}

func benchPNG(b *testing.B, n int) {
	src := benchXDOT(b, n)
	d, err := xdot.FromXDOT(src)
	if err != nil {
		b.Fatal(err)
	}
	img, err := xdot.Rasterize(d, xdot.PNGOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := xdot.PNG(d, io.Discard, xdot.PNGOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(img.Bounds().Dx()*img.Bounds().Dy())/1e6, "Mpx")
}

func benchPDF(b *testing.B, n int) {
	d, err := xdot.FromXDOT(benchXDOT(b, n))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := xdot.PDF(d, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPNG12 rasterises and encodes a 12-node cycle at the default scale.
func BenchmarkPNG12(b *testing.B) { benchPNG(b, 12) }

// BenchmarkPNG200 rasterises a 200-node cycle; at the default scale it
// exceeds DefaultMaxPixels and is shrunk to fit.
func BenchmarkPNG200(b *testing.B) { benchPNG(b, 200) }

// BenchmarkPDF12 writes a 12-node cycle as PDF.
func BenchmarkPDF12(b *testing.B) { benchPDF(b, 12) }

// BenchmarkPDF200 writes a 200-node cycle as PDF.
func BenchmarkPDF200(b *testing.B) { benchPDF(b, 200) }

// BenchmarkFromXDOT200 reads the xdot text of a 200-node cycle.
func BenchmarkFromXDOT200(b *testing.B) {
	src := benchXDOT(b, 200)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := xdot.FromXDOT(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncode compares the PNG encoder of this package with
// image/png at BestSpeed on the rasterised cycles of 12 and 200 nodes.
func BenchmarkEncode(b *testing.B) {
	for _, n := range []int{12, 200} {
		d, err := xdot.FromXDOT(benchXDOT(b, n))
		if err != nil {
			b.Fatal(err)
		}
		img, err := xdot.Rasterize(d, xdot.PNGOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("nodes=%d/xdot", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := xdot.EncodePNG(io.Discard, img); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("nodes=%d/image-png-bestspeed", n), func(b *testing.B) {
			b.ReportAllocs()
			enc := png.Encoder{CompressionLevel: png.BestSpeed}
			for b.Loop() {
				if err := enc.Encode(io.Discard, img); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
