package xdot

import (
	"image"
	"image/color"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	vgfont "gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// rgbaCanvas is a vgimg canvas whose text goes straight onto the RGBA
// image. vgimg sets text through gg, which composites each glyph with a
// general affine transform reading the image one pixel at a time through
// an interface (an allocation per pixel); here the transform is the
// identity, so the glyph masks are composited with draw.DrawMask's RGBA
// fast path instead: the same glyphs at the same positions (gg's rounding
// of the pen position is kept), several times faster.
type rgbaCanvas struct {
	*vgimg.Canvas
	img   *image.RGBA
	dpi   float64
	color color.Color
}

func (c *rgbaCanvas) SetColor(clr color.Color) {
	c.color = clr
	c.Canvas.SetColor(clr)
}

// FillString sets s with its baseline starting at pt (in points, y up).
func (c *rgbaCanvas) FillString(f vgfont.Face, pt vg.Point, s string) {
	if f.Font.Size == 0 {
		return
	}
	face := f.FontFace(c.dpi)
	defer face.Close()
	x := pt.X.Dots(c.dpi)
	y := float64(c.img.Bounds().Dy()) - pt.Y.Dots(c.dpi)
	d := font.Drawer{
		Dst:  c.img,
		Src:  image.NewUniform(c.color),
		Face: face,
		Dot:  fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))},
	}
	d.DrawString(s)
}
