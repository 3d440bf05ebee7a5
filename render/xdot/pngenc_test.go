package xdot

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"runtime"
	"testing"
)

func TestAdler32Combine(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		b := make([]byte, r.IntN(300_000))
		for i := range b {
			b[i] = byte(r.IntN(4) * 85) // long runs and repeats, like filtered rows
		}
		k := 0
		if len(b) > 0 {
			k = r.IntN(len(b) + 1)
		}
		got := adler32Combine(adler32.Checksum(b[:k]), adler32.Checksum(b[k:]), len(b)-k)
		if want := adler32.Checksum(b); got != want {
			t.Fatalf("len %d split at %d: %08x, want %08x", len(b), k, got, want)
		}
	}
}

// drawingLike paints an opaque image with what diagrams have: flat areas,
// repeated rows, antialiased-looking gradients and noise.
func drawingLike(w, h int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, 7))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{255, 255, 255, 255}
			switch {
			case (x/17+y/13)%5 == 0:
				c = color.RGBA{uint8(x), uint8(y), uint8(x + y), 255}
			case r.IntN(50) == 0:
				c = color.RGBA{uint8(r.Uint32()), uint8(r.Uint32()), uint8(r.Uint32()), 255}
			case y%40 < 3:
				c = color.RGBA{0x52, 0x60, 0x6d, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// TestEncodePNGRoundTrip decodes what encodePNG writes with image/png and
// wants every pixel back, for sizes around the band height, whatever the
// number of processors.
func TestEncodePNGRoundTrip(t *testing.T) {
	sizes := []image.Point{{1, 1}, {1, 200}, {200, 1}, {3, pngBand}, {97, pngBand + 1}, {640, 3*pngBand - 1}, {333, 500}}
	for i, sz := range sizes {
		img := drawingLike(sz.X, sz.Y, uint64(i))
		var one, many bytes.Buffer
		prev := runtime.GOMAXPROCS(1)
		err1 := encodePNG(&one, img)
		runtime.GOMAXPROCS(max(prev, 4))
		err2 := encodePNG(&many, img)
		runtime.GOMAXPROCS(prev)
		if err1 != nil || err2 != nil {
			t.Fatalf("%v: %v, %v", sz, err1, err2)
		}
		if !bytes.Equal(one.Bytes(), many.Bytes()) {
			t.Errorf("%v: the bytes depend on the number of processors", sz)
		}
		back, err := png.Decode(&one)
		if err != nil {
			t.Fatalf("%v: image/png cannot read it: %v", sz, err)
		}
		if back.Bounds() != img.Bounds() {
			t.Fatalf("%v: decoded bounds %v", sz, back.Bounds())
		}
		for y := range sz.Y {
			for x := range sz.X {
				if got, want := color.RGBAModel.Convert(back.At(x, y)), img.At(x, y); got != want {
					t.Fatalf("%v: pixel (%d,%d) is %v, want %v", sz, x, y, got, want)
				}
			}
		}
	}
}

// TestEncodePNGCompresses checks that the filters and compression do
// their work: a drawing-like image compresses far below its raw size.
func TestEncodePNGCompresses(t *testing.T) {
	img := drawingLike(800, 600, 9)
	var buf bytes.Buffer
	if err := encodePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	var std bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&std, img); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes; image/png at BestSpeed %d", buf.Len(), std.Len())
	if raw := 800 * 600 * 3; buf.Len() > raw/3 {
		t.Errorf("%d bytes for %d raw bytes", buf.Len(), raw)
	}
	if buf.Len() > std.Len()*5/4 {
		t.Errorf("%d bytes, more than 25%% over image/png's %d", buf.Len(), std.Len())
	}
}

func TestEncodePNGRejectsEmpty(t *testing.T) {
	if err := encodePNG(&bytes.Buffer{}, image.NewRGBA(image.Rect(0, 0, 0, 5))); err == nil {
		t.Error("no error for an empty image")
	}
}
