package xdot

import (
	"strings"
	"sync"

	stdfnt "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/vg"
)

// family is one of the three Liberation families.
type family int

const (
	sans family = iota
	serif
	mono
)

var familyNames = [...]string{"Sans", "Serif", "Mono"}

// faceKey selects one of the twelve Liberation faces.
type faceKey struct {
	fam          family
	bold, italic bool
}

var (
	facesOnce sync.Once
	faces     map[faceKey]*opentype.Font
)

func loadFaces() {
	faces = make(map[faceKey]*opentype.Font)
	for _, f := range liberation.Collection() {
		k := faceKey{
			bold:   f.Font.Weight == stdfnt.WeightBold,
			italic: f.Font.Style == stdfnt.StyleItalic,
		}
		switch f.Font.Variant {
		case "Sans":
			k.fam = sans
		case "Mono":
			k.fam = mono
		default:
			k.fam = serif
		}
		faces[k] = f.Face
	}
}

// fontKey maps a Graphviz font name and the t-operation flags to a
// Liberation face. Courier and monospace names map to Mono; Times, serif
// and other serif names to Serif; everything else (Helvetica, Arial,
// sans-serif, unknown names) to Sans. "Bold", "Black", "Heavy" and
// "Semibold" in the name, or the Bold flag, select bold; "Italic" and
// "Oblique" in the name, or the Italic flag, select italic.
func fontKey(name string, flags FontFlags) faceKey {
	n := strings.ToLower(name)
	k := faceKey{fam: sans}
	switch {
	case containsAny(n, "courier", "mono", "consolas", "menlo", "typewriter"):
		k.fam = mono
	case containsAny(n, "sans", "helvetica", "arial", "verdana", "tahoma", "dejavu", "liberation sans"):
		k.fam = sans
	case containsAny(n, "times", "serif", "georgia", "palatino", "garamond", "bookman", "schoolbook", "cambria", "roman"):
		k.fam = serif
	}
	k.bold = flags&Bold != 0 || containsAny(n, "bold", "black", "heavy", "semibold", "demi")
	k.italic = flags&Italic != 0 || containsAny(n, "italic", "oblique")
	return k
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// face returns the vg font face for k at size points. Each face gets a
// distinct name with regular weight and style in its font.Font, because
// vgpdf registers fonts under their name with no style and would fail to
// find a bold or italic variant.
func face(k faceKey, size float64) font.Face {
	facesOnce.Do(loadFaces)
	name := familyNames[k.fam]
	if k.bold {
		name += "Bold"
	}
	if k.italic {
		name += "Italic"
	}
	return font.Face{
		Font: font.Font{Typeface: "Liberation", Variant: font.Variant(name), Size: vg.Length(size)},
		Face: faces[k],
	}
}
