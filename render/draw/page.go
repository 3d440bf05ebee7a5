package draw

import (
	"fmt"
	"slices"
	"strings"
)

// Paper is a named page size, in points, portrait (W ≤ H) except for the
// slide, which is landscape by nature.
type Paper struct {
	Name string
	W, H float64
	// MaxMoments is how many moments (or items of a view's own kind) a
	// view lays out on the paper keeping MinNameSize, MinNoteSize and
	// MinTitleSize; beyond, it goes below them and warns.
	MaxMoments int
	// Margin is the room a view leaves around the page's edges, in
	// points: 0.4 inch on paper, which printers need; 0.25 inch on a
	// slide, which is shown on a screen edge to edge.
	Margin float64
}

// Papers are the page sizes one may ask for besides "auto".
var Papers = []Paper{
	{Name: "a4", W: 595.28, H: 841.89, MaxMoments: 24, Margin: 28.8},
	{Name: "a3", W: 841.89, H: 1190.55, MaxMoments: 36, Margin: 28.8},
	{Name: "letter", W: 612, H: 792, MaxMoments: 24, Margin: 28.8},
	{Name: "slide", W: 960, H: 540, MaxMoments: 36, Margin: 18}, // 16:9, 13.333 × 7.5 in
}

// The smallest font sizes a view keeps on a named paper, in points.
const (
	MinNameSize  = 9.0  // the name of an item (a moment)
	MinNoteSize  = 7.0  // notes, legend and secondary text
	MinTitleSize = 14.0 // the title
)

// PaperNames are the values of --page, in help order.
var PaperNames = []string{"auto", "a4", "a3", "letter", "slide"}

// Orientations are the values of --orientation.
var Orientations = []string{"auto", "portrait", "landscape"}

// LookupPaper finds a paper by name ("auto" is not one: it has no size).
func LookupPaper(name string) (Paper, bool) {
	i := slices.IndexFunc(Papers, func(p Paper) bool { return p.Name == strings.ToLower(name) })
	if i < 0 {
		return Paper{}, false
	}
	return Papers[i], true
}

// CheckPage reports whether page and orientation are values ciclo knows.
func CheckPage(page, orientation string) error {
	if page != "" && !slices.Contains(PaperNames, strings.ToLower(page)) {
		return fmt.Errorf("unknown page %q; use %s", page, strings.Join(PaperNames, ", "))
	}
	if orientation != "" && !slices.Contains(Orientations, strings.ToLower(orientation)) {
		return fmt.Errorf("unknown orientation %q; use %s", orientation, strings.Join(Orientations, ", "))
	}
	return nil
}

// Fit is the scale at which content of cw × ch fits a page of w × h (the
// paper as Oriented turns it) inside the paper's margin.
func (p Paper) Fit(w, h, cw, ch float64) float64 {
	return min((w-2*p.Margin)/cw, (h-2*p.Margin)/ch)
}

// Oriented returns the page size of p in the orientation asked:
// "portrait" or "landscape" turn the paper; "auto" (or "") keeps a slide
// landscape and gives other papers the orientation nearer to aspect
// (the content's width over its height; landscape when it is wider than
// tall).
func (p Paper) Oriented(orientation string, aspect float64) (w, h float64) {
	w, h = min(p.W, p.H), max(p.W, p.H)
	switch strings.ToLower(orientation) {
	case "portrait":
	case "landscape":
		w, h = h, w
	default:
		if p.W > p.H || aspect > 1.05 {
			w, h = h, w
		}
	}
	return w, h
}
