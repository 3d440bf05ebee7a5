package xdot

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// pngBand is the number of rows compressed as one unit by encodePNG. It
// is fixed, not derived from the number of processors, so that the bytes
// do not depend on the machine.
const pngBand = 64

// maxSide bounds each side of an encoded image, so that a band stays far
// below the 2 GiB limit of a PNG chunk.
const maxSide = 1 << 20

// PNG row filter types.
const (
	filterSub = 1
	filterUp  = 2
)

// encodePNG writes img as an 8-bit RGB PNG, dropping alpha: every image
// Rasterize paints is opaque (it starts from an opaque background and
// paints over it). It is image/png's job done faster on drawings, which
// are mostly flat colour:
//
//   - a row equal to the row above is written with the Up filter, all
//     zeros, without computing the other filters;
//   - other rows choose between Up and Sub by the smaller sum of
//     absolute values (the heuristic of the PNG specification, on the two
//     cheapest filters; on drawings Paeth and the full five-filter search
//     of image/png made files less than 1% smaller for twice the time);
//   - bands of pngBand rows are filtered and deflated (at BestSpeed) in
//     parallel, each ending on a byte boundary with a sync flush, and the
//     streams are concatenated into one zlib stream whose Adler-32 is
//     combined from the bands'.
//
// The output is the same for the same image on any number of processors.
func encodePNG(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	if width <= 0 || height <= 0 || width > maxSide || height > maxSide {
		return fmt.Errorf("xdot: cannot encode a %d×%d image as png", width, height)
	}
	rowLen := 1 + 3*width
	nb := (height + pngBand - 1) / pngBand
	type band struct {
		z     []byte // deflated, ending in a sync flush (or the final block)
		adler uint32
		n     int // uncompressed length
	}
	bands := make([]band, nb)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), nb) {
		wg.Go(func() {
			fw, _ := flate.NewWriter(nil, flate.BestSpeed) // the level is valid
			raw := make([]byte, pngBand*rowLen)
			for {
				i := int(next.Add(1) - 1)
				if i >= nb {
					return
				}
				y0 := b.Min.Y + i*pngBand
				y1 := min(y0+pngBand, b.Max.Y)
				n := 0
				for y := y0; y < y1; y++ {
					filterRow(raw[n:n+rowLen], img, y)
					n += rowLen
				}
				var z bytes.Buffer
				z.Grow(n / 16)
				fw.Reset(&z)
				_, _ = fw.Write(raw[:n]) // writes to a bytes.Buffer do not fail
				if i == nb-1 {
					_ = fw.Close()
				} else {
					_ = fw.Flush()
				}
				bands[i] = band{z: z.Bytes(), adler: adler32.Checksum(raw[:n]), n: n}
			}
		})
	}
	wg.Wait()

	pw := &pngWriter{w: w}
	pw.write([]byte("\x89PNG\r\n\x1a\n"))
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB; compression, filter and interlace 0
	pw.chunk("IHDR", ihdr[:])
	// zlib header: deflate, 32K window, fastest level; 0x7801 % 31 == 0.
	pw.chunk("IDAT", []byte{0x78, 0x01})
	sum := uint32(1)
	for _, bd := range bands {
		pw.chunk("IDAT", bd.z)
		sum = adler32Combine(sum, bd.adler, bd.n)
	}
	pw.chunk("IDAT", binary.BigEndian.AppendUint32(nil, sum))
	pw.chunk("IEND", nil)
	return pw.err
}

// filterRow writes row y of img, converted to RGB and filtered, with its
// filter-type byte first, into dst (1+3×width bytes).
func filterRow(dst []byte, img *image.RGBA, y int) {
	b := img.Bounds()
	width := b.Dx()
	off := img.PixOffset(b.Min.X, y)
	cur := img.Pix[off : off+4*width]
	if y == b.Min.Y {
		// The row above is all zeros: Up is None.
		dst[0] = filterUp
		for x := range width {
			copy(dst[1+3*x:1+3*x+3], cur[4*x:4*x+3])
		}
		return
	}
	prev := img.Pix[off-img.Stride : off-img.Stride+4*width]
	out := dst[1:]
	if bytes.Equal(cur, prev) {
		dst[0] = filterUp
		clear(out)
		return
	}
	// Up, and its cost.
	up := 0
	for x := range width {
		for c := range 3 {
			d := cur[4*x+c] - prev[4*x+c]
			out[3*x+c] = d
			up += abs8(d)
		}
	}
	// Sub, abandoned as soon as it costs more than Up.
	sub := 0
	for c := range 3 {
		sub += abs8(cur[c])
	}
	for x := 1; x < width && sub < up; x++ {
		for c := range 3 {
			sub += abs8(cur[4*x+c] - cur[4*x-4+c])
		}
	}
	if sub >= up {
		dst[0] = filterUp
		return
	}
	dst[0] = filterSub
	for c := range 3 {
		out[c] = cur[c]
	}
	for x := 1; x < width; x++ {
		for c := range 3 {
			out[3*x+c] = cur[4*x+c] - cur[4*x-4+c]
		}
	}
}

// abs8 is the absolute value of d read as a signed byte.
func abs8(d uint8) int {
	if d < 128 {
		return int(d)
	}
	return 256 - int(d)
}

// adler32Combine returns the Adler-32 of the concatenation of two byte
// strings, from their checksums a1 and a2 and the length of the second
// (zlib's adler32_combine).
func adler32Combine(a1, a2 uint32, len2 int) uint32 {
	const base = 65521
	rem := uint32(len2 % base)
	sum1 := a1 & 0xffff
	sum2 := rem * sum1 % base
	sum1 += a2&0xffff + base - 1
	sum2 += a1>>16 + a2>>16 + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= base<<1 {
		sum2 -= base << 1
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum2<<16 | sum1
}

// pngWriter writes PNG chunks, keeping the first error.
type pngWriter struct {
	w   io.Writer
	err error
}

func (p *pngWriter) write(b []byte) {
	if p.err == nil {
		_, p.err = p.w.Write(b)
	}
}

// chunk writes one chunk: length, type, data and CRC of type and data.
func (p *pngWriter) chunk(typ string, data []byte) {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(data)))
	copy(hdr[4:], typ)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	p.write(hdr[:])
	p.write(data)
	p.write(binary.BigEndian.AppendUint32(nil, crc.Sum32()))
}
