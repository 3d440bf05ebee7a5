package xdot

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// ParseColor resolves a Graphviz colour as it appears in xdot output:
//
//   - "#rrggbb" or "#rrggbbaa" (what Graphviz normally writes);
//   - "H,S,V" or "H S V" (optionally followed by alpha), each in [0,1];
//   - a colour name, case-insensitive, optionally prefixed by "/x11/" or
//     "/svg/": the SVG/X11 names, "grayN"/"greyN" (N from 0 to 100),
//     "transparent", "none" and "invis";
//   - a linear "[...]" or radial "(...)" gradient, which resolves to its
//     first stop's colour.
//
// Other Brewer colour-scheme names ("/blues9/3") are an error: Graphviz
// resolves them before writing xdot.
func ParseColor(s string) (color.NRGBA, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return color.NRGBA{}, errors.New("empty colour")
	}
	switch t[0] {
	case '#':
		return parseHex(t)
	case '[', '(':
		return parseGradient(t)
	case '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return parseHSV(t)
	}
	name := strings.ToLower(t)
	for _, pre := range []string{"/x11/", "/svg/"} {
		name = strings.TrimPrefix(name, pre)
	}
	name = strings.ReplaceAll(name, " ", "")
	switch name {
	case "transparent", "none", "invis":
		return color.NRGBA{}, nil
	}
	if c, ok := colornames.Map[name]; ok {
		return color.NRGBA(c), nil // opaque, so premultiplied = straight
	}
	for _, pre := range []string{"gray", "grey"} {
		if rest, ok := strings.CutPrefix(name, pre); ok && rest != "" {
			n, err := strconv.Atoi(rest)
			if err == nil && n >= 0 && n <= 100 {
				v := uint8(math.Round(float64(n) * 255 / 100))
				return color.NRGBA{v, v, v, 255}, nil
			}
		}
	}
	if c, ok := x11Extra[name]; ok {
		return c, nil
	}
	return color.NRGBA{}, fmt.Errorf("unknown colour %q", s)
}

// x11Extra holds the X11 names Graphviz knows that are not SVG names.
var x11Extra = map[string]color.NRGBA{
	"lightgoldenrod": {0xee, 0xdd, 0x82, 0xff},
	"navyblue":       {0x00, 0x00, 0x80, 0xff},
	"violetred":      {0xd0, 0x20, 0x90, 0xff},
	"lightslateblue": {0x84, 0x70, 0xff, 0xff},
	"crimson":        {0xdc, 0x14, 0x3c, 0xff},
}

func parseHex(t string) (color.NRGBA, error) {
	h := t[1:]
	if len(h) != 6 && len(h) != 8 {
		return color.NRGBA{}, fmt.Errorf("colour %q: want #rrggbb or #rrggbbaa", t)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return color.NRGBA{}, fmt.Errorf("colour %q: bad hex digits", t)
	}
	if len(h) == 6 {
		v = v<<8 | 0xff
	}
	return color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

func parseHSV(t string) (color.NRGBA, error) {
	f := strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	if len(f) != 3 && len(f) != 4 {
		return color.NRGBA{}, fmt.Errorf("colour %q: want \"H,S,V\"", t)
	}
	var v [4]float64
	v[3] = 1
	for i, s := range f {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) {
			return color.NRGBA{}, fmt.Errorf("colour %q: %q is not a number", t, s)
		}
		v[i] = math.Max(0, math.Min(1, x))
	}
	h, s, val := v[0]*6, v[1], v[2]
	i := math.Floor(h)
	fr := h - i
	pp, q, u := val*(1-s), val*(1-s*fr), val*(1-s*(1-fr))
	var r, g, b float64
	switch int(i) % 6 {
	case 0:
		r, g, b = val, u, pp
	case 1:
		r, g, b = q, val, pp
	case 2:
		r, g, b = pp, val, u
	case 3:
		r, g, b = pp, q, val
	case 4:
		r, g, b = u, pp, val
	default:
		r, g, b = val, pp, q
	}
	c8 := func(x float64) uint8 { return uint8(math.Round(x * 255)) }
	return color.NRGBA{c8(r), c8(g), c8(b), c8(v[3])}, nil
}

// parseGradient returns the first stop colour of an xdot gradient:
// "[x0 y0 x1 y1 n s0 len -c0 ...]" or "(x0 y0 r0 x1 y1 r1 n s0 len -c0 ...)".
func parseGradient(t string) (color.NRGBA, error) {
	nums := 5
	if t[0] == '(' {
		nums = 7
	}
	p := opParser{s: t[1:]}
	for range nums {
		if _, err := p.float(); err != nil {
			return color.NRGBA{}, fmt.Errorf("gradient %q: %w", t, err)
		}
	}
	if _, err := p.float(); err != nil { // first stop offset
		return color.NRGBA{}, fmt.Errorf("gradient %q: %w", t, err)
	}
	s, err := p.str()
	if err != nil {
		return color.NRGBA{}, fmt.Errorf("gradient %q: %w", t, err)
	}
	if s != "" && (s[0] == '[' || s[0] == '(') {
		return color.NRGBA{}, fmt.Errorf("gradient %q: nested gradient", t)
	}
	return ParseColor(s)
}
