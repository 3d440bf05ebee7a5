package xdot

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// surface is what the painter needs from a canvas. *vgimg.Canvas
// implements it, and so does pdfCanvas.
type surface interface {
	SetColor(color.Color)
	SetLineWidth(vg.Length)
	SetLineDash([]vg.Length, vg.Length)
	Stroke(vg.Path)
	Fill(vg.Path)
	FillString(font.Face, vg.Point, string)
}

// pdfDate is the creation and modification date written into every PDF,
// so that the same drawing always gives the same bytes.
var pdfDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// maxPDFPage is the largest page side PDF viewers accept, in points.
const maxPDFPage = 14400

// PDF paints d as a one-page vector PDF the size of the page (BB grown by
// d.Pad, in points) and writes it to w. Text is real, selectable Unicode
// text in embedded, subsetted Liberation fonts. A page larger than 14,400
// points (200 inches, the limit of PDF viewers) is scaled down to fit,
// whole: it stays sharp at any zoom. The output is deterministic: its
// dates are fixed to 2000-01-01 and its internal catalogues are sorted.
// Characters the fonts lack are painted as [Replacement]. Nothing is
// written when painting fails, and a fault while painting is returned as
// an error, never a panic.
func PDF(d *Drawing, w io.Writer) error { return PDFPages(w, d) }

// PDFPages is [PDF] with one page per drawing, in order, each the size of
// its drawing; fonts are embedded once.
func PDFPages(w io.Writer, pages ...*Drawing) error {
	if len(pages) == 0 {
		return fmt.Errorf("xdot: no page to paint")
	}
	for _, d := range pages {
		pw, ph := d.Size()
		if !(pw > 0 && ph > 0) || math.IsInf(pw, 0) || math.IsInf(ph, 0) {
			return fmt.Errorf("xdot: empty page (%g×%g points)", pw, ph)
		}
	}
	w0, h0 := pages[0].Size()
	k0 := math.Min(1, maxPDFPage/math.Max(w0, h0))
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: w0 * k0, Ht: h0 * k0}})
	doc.SetCatalogSort(true)
	doc.SetCreationDate(pdfDate)
	doc.SetModificationDate(pdfDate)
	doc.SetCompression(true)
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	var buf bytes.Buffer
	err := safely("pdf", func() error {
		fonts := make(map[string]bool)
		for _, d := range pages {
			pw, ph := d.Size()
			k := math.Min(1, maxPDFPage/math.Max(pw, ph)) // page points per drawing point
			doc.AddPageFormat("P", fpdf.SizeType{Wd: pw * k, Ht: ph * k})
			doc.SetLineCapStyle("butt")
			doc.SetLineJoinStyle("miter")
			c := &pdfCanvas{doc: doc, h: ph, fonts: fonts}
			if k < 1 {
				// Scale about the top-left corner: a drawing y of ph−Y from the
				// top lands at k(ph−Y) on the page of height k·ph.
				doc.TransformBegin()
				doc.TransformScale(100*k, 100*k, 0, 0)
			}
			newPainter(c, d).paint(d)
			if k < 1 {
				doc.TransformEnd()
			}
		}
		if err := doc.Error(); err != nil {
			return fmt.Errorf("xdot: pdf: %w", err)
		}
		if err := doc.Output(&buf); err != nil {
			return fmt.Errorf("xdot: pdf: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("xdot: write pdf: %w", err)
	}
	return nil
}

// pdfCanvas paints on an fpdf page. fpdf's y axis points down; points
// arrive y up and are flipped against the page height h.
type pdfCanvas struct {
	doc   *fpdf.Fpdf
	h     float64
	fonts map[string]bool // families registered with doc
	alpha float64
}

func (c *pdfCanvas) SetColor(clr color.Color) {
	n := color.NRGBAModel.Convert(clr).(color.NRGBA)
	c.doc.SetDrawColor(int(n.R), int(n.G), int(n.B))
	c.doc.SetFillColor(int(n.R), int(n.G), int(n.B))
	c.doc.SetTextColor(int(n.R), int(n.G), int(n.B))
	if a := float64(n.A) / 255; a != c.alpha {
		c.doc.SetAlpha(a, "Normal")
		c.alpha = a
	}
}

func (c *pdfCanvas) SetLineWidth(w vg.Length) { c.doc.SetLineWidth(float64(w)) }

func (c *pdfCanvas) SetLineDash(dashes []vg.Length, offs vg.Length) {
	ds := make([]float64, len(dashes))
	for i, d := range dashes {
		ds[i] = float64(d)
	}
	c.doc.SetDashPattern(ds, float64(offs))
}

func (c *pdfCanvas) Stroke(p vg.Path) { c.path(p, "D") }

func (c *pdfCanvas) Fill(p vg.Path) { c.path(p, "F") }

func (c *pdfCanvas) path(p vg.Path, style string) {
	for _, comp := range p {
		x, y := float64(comp.Pos.X), c.h-float64(comp.Pos.Y)
		switch comp.Type {
		case vg.MoveComp:
			c.doc.MoveTo(x, y)
		case vg.LineComp:
			c.doc.LineTo(x, y)
		case vg.CurveComp:
			if len(comp.Control) == 2 {
				c.doc.CurveBezierCubicTo(
					float64(comp.Control[0].X), c.h-float64(comp.Control[0].Y),
					float64(comp.Control[1].X), c.h-float64(comp.Control[1].Y), x, y)
			} else {
				c.doc.LineTo(x, y)
			}
		case vg.CloseComp:
			c.doc.ClosePath()
		}
	}
	c.doc.DrawPath(style)
}

// FillString sets s with its baseline starting at pt. Faces are
// registered (embedded, subsetted) on first use under their unique names.
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	name := f.Name()
	if !c.fonts[name] {
		var ttf bytes.Buffer
		if _, err := f.Face.WriteSourceTo(nil, &ttf); err != nil {
			c.doc.SetError(fmt.Errorf("font %s: %w", name, err))
			return
		}
		c.doc.AddUTF8FontFromBytes(name, "", ttf.Bytes())
		c.fonts[name] = true
	}
	c.doc.SetFont(name, "", math.Max(float64(f.Font.Size), 0.1))
	c.doc.Text(float64(pt.X), c.h-float64(pt.Y), s)
}
