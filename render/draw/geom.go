package draw

import "math"

// Pt is a point in drawing coordinates: points (1/72 inch), y up.
type Pt struct{ X, Y float64 }

// Add returns p + q.
func (p Pt) Add(q Pt) Pt { return Pt{p.X + q.X, p.Y + q.Y} }

// Sub returns p − q.
func (p Pt) Sub(q Pt) Pt { return Pt{p.X - q.X, p.Y - q.Y} }

// Mul returns p scaled by k.
func (p Pt) Mul(k float64) Pt { return Pt{p.X * k, p.Y * k} }

// Len is the distance of p from the origin.
func (p Pt) Len() float64 { return math.Hypot(p.X, p.Y) }

// Polar is the point at distance r from the origin at angle a (radians,
// anticlockwise from 3 o'clock).
func Polar(r, a float64) Pt { return Pt{r * math.Cos(a), r * math.Sin(a)} }

// Unit is the unit vector at angle a.
func Unit(a float64) Pt { return Pt{math.Cos(a), math.Sin(a)} }

// Tangent is the unit tangent of a circle at angle a, anticlockwise when
// dir is 1 and clockwise when dir is −1.
func Tangent(a, dir float64) Pt { return Pt{-math.Sin(a) * dir, math.Cos(a) * dir} }

// Rect is an axis-aligned rectangle: centre X, Y and size W × H.
type Rect struct{ X, Y, W, H float64 }

// Min is the lower-left corner.
func (r Rect) Min() Pt { return Pt{r.X - r.W/2, r.Y - r.H/2} }

// Max is the upper-right corner.
func (r Rect) Max() Pt { return Pt{r.X + r.W/2, r.Y + r.H/2} }

// Centre is the centre.
func (r Rect) Centre() Pt { return Pt{r.X, r.Y} }

// Contains reports whether p is inside r or on its border.
func (r Rect) Contains(p Pt) bool { return math.Abs(p.X-r.X) <= r.W/2 && math.Abs(p.Y-r.Y) <= r.H/2 }

// Sep is the gap between r and o: negative when they overlap.
func (r Rect) Sep(o Rect) float64 {
	return max(math.Abs(r.X-o.X)-(r.W+o.W)/2, math.Abs(r.Y-o.Y)-(r.H+o.H)/2)
}

// Union is the smallest rectangle holding r and o; an empty r (zero size
// at the origin) is treated like any other.
func (r Rect) Union(o Rect) Rect {
	lo := Pt{min(r.X-r.W/2, o.X-o.W/2), min(r.Y-r.H/2, o.Y-o.H/2)}
	hi := Pt{max(r.X+r.W/2, o.X+o.W/2), max(r.Y+r.H/2, o.Y+o.H/2)}
	return FromCorners(lo, hi)
}

// Grow returns r with m added on every side.
func (r Rect) Grow(m float64) Rect { return Rect{r.X, r.Y, r.W + 2*m, r.H + 2*m} }

// FromCorners is the rectangle with corners lo (lower left) and hi.
func FromCorners(lo, hi Pt) Rect {
	return Rect{(lo.X + hi.X) / 2, (lo.Y + hi.Y) / 2, hi.X - lo.X, hi.Y - lo.Y}
}

// Line is a straight segment from a to b as one cubic Bézier segment,
// the form Route.Path takes.
func Line(a, b Pt) []Pt {
	d := b.Sub(a)
	return []Pt{a, a.Add(d.Mul(1.0 / 3)), a.Add(d.Mul(2.0 / 3)), b}
}

// Polyline joins the points with straight segments, as a Bézier path
// (Route.Path).
func Polyline(pts ...Pt) []Pt {
	if len(pts) == 0 {
		return nil
	}
	out := []Pt{pts[0]}
	for i := 1; i < len(pts); i++ {
		out = append(out, Line(pts[i-1], pts[i])[1:]...)
	}
	return out
}

// Arc approximates the arc of radius r about the origin from angle a0 to
// a1 with cubic Bézier segments of at most 45 degrees, first point
// included.
func Arc(r, a0, a1 float64) []Pt {
	k := max(int(math.Ceil(math.Abs(a1-a0)/(math.Pi/4))), 1)
	step := (a1 - a0) / float64(k)
	dir := 1.0
	if step < 0 {
		dir = -1
	}
	h := 4.0 / 3 * math.Tan(math.Abs(step)/4) * r
	out := []Pt{Polar(r, a0)}
	for i := range k {
		s, e := a0+step*float64(i), a0+step*float64(i+1)
		ps, pe := Polar(r, s), Polar(r, e)
		out = append(out, ps.Add(Tangent(s, dir).Mul(h)), pe.Sub(Tangent(e, dir).Mul(h)), pe)
	}
	return out
}

// Samples returns k points along each cubic segment of a Bézier path
// (the first point and every third after it are on the curve), both ends
// included.
func Samples(path []Pt, k int) []Pt {
	if len(path) == 0 {
		return nil
	}
	out := make([]Pt, 0, 1+len(path)/3*max(k, 0))
	EachSample(path, k, func(p Pt) { out = append(out, p) })
	return out
}

// EachSample calls f with each point Samples(path, k) returns, in order,
// without making the list.
func EachSample(path []Pt, k int, f func(Pt)) {
	if len(path) == 0 {
		return
	}
	f(path[0])
	for i := 0; i+3 < len(path); i += 3 {
		for s := 1; s <= k; s++ {
			t := float64(s) / float64(k)
			u := 1 - t
			f(path[i].Mul(u * u * u).Add(path[i+1].Mul(3 * u * u * t)).Add(path[i+2].Mul(3 * u * t * t)).Add(path[i+3].Mul(t * t * t)))
		}
	}
}

// RayExit returns the point where the ray from q (inside r) in direction
// d leaves r.
func RayExit(r Rect, q, d Pt) Pt {
	t := math.Inf(1)
	if d.X > 1e-12 {
		t = min(t, (r.X+r.W/2-q.X)/d.X)
	} else if d.X < -1e-12 {
		t = min(t, (r.X-r.W/2-q.X)/d.X)
	}
	if d.Y > 1e-12 {
		t = min(t, (r.Y+r.H/2-q.Y)/d.Y)
	} else if d.Y < -1e-12 {
		t = min(t, (r.Y-r.H/2-q.Y)/d.Y)
	}
	if math.IsInf(t, 1) || t < 0 {
		t = 0
	}
	return q.Add(d.Mul(t))
}

// RoundedDist is the signed distance from p to the outline of r with
// corners rounded to radius rad: negative inside.
func RoundedDist(r Rect, rad float64, p Pt) float64 {
	qx := math.Abs(p.X-r.X) - (r.W/2 - rad)
	qy := math.Abs(p.Y-r.Y) - (r.H/2 - rad)
	return math.Hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - rad
}

// RoundedExit returns the point where the ray from q (inside r) in
// direction d crosses the outline of r with corners rounded to radius
// rad (see CornerRadius).
func RoundedExit(r Rect, rad float64, q, d Pt) Pt {
	out := RayExit(r, q, d)
	if rad <= 0 || RoundedDist(r, rad, out) <= 1e-9 {
		return out
	}
	in := q
	for range 40 {
		mid := in.Add(out).Mul(0.5)
		if RoundedDist(r, rad, mid) <= 0 {
			in = mid
		} else {
			out = mid
		}
	}
	return in
}

// Simplify returns a Bézier path (Route.Path's form) that stays within
// tol points of path with fewer segments: runs of consecutive segments
// are replaced by one cubic wherever one follows them that closely. The
// joints it keeps are joints of path, with their tangent directions, so
// a path without kinks stays without kinks; its ends are path's. A
// Catmull-Rom curve through closely spaced samples (a branch's bends)
// needs a few segments where it had twenty.
func Simplify(path []Pt, tol float64) []Pt {
	n := (len(path) - 1) / 3 // segments
	if n < 2 || len(path) != 3*n+1 {
		return path
	}
	f := fitter{path: path, tol: tol, pts: make([]Pt, 0, fitSamples*n+1)}
	EachSample(path, fitSamples, func(x Pt) { f.pts = append(f.pts, x) })
	f.arc = make([]float64, len(f.pts))
	for i := 1; i < len(f.pts); i++ {
		f.arc[i] = f.arc[i-1] + f.pts[i].Sub(f.pts[i-1]).Len()
	}
	out := make([]Pt, 1, len(path))
	out[0] = path[0]
	for i := 0; i < n; {
		// the longest run of segments from i that one cubic follows
		j, c1, c2 := i+1, path[3*i+1], path[3*i+2]
		for j < n {
			a, b, ok := f.fit(i, j+1)
			if !ok {
				break
			}
			j, c1, c2 = j+1, a, b
		}
		out = append(out, c1, c2, path[3*j])
		i = j
	}
	return out
}

// fitSamples is the number of samples of each segment Simplify compares.
const fitSamples = 8

// fitter holds a path's samples for Simplify: pts, fitSamples a segment
// from the first point, and arc, the length of the polyline through them
// up to each.
type fitter struct {
	path []Pt
	tol  float64
	pts  []Pt
	arc  []float64
}

// fit fits one cubic to the segments i to j−1 of the path with the same
// ends and end tangent directions; it returns the cubic's control points
// and whether it stays within tol of every sample of those segments.
func (f *fitter) fit(i, j int) (c1, c2 Pt, ok bool) {
	seg := f.path[3*i : 3*j+1]
	p, q := seg[0], seg[len(seg)-1]
	t0, ok0 := direction(seg[0], seg[1], seg[2])
	t1, ok1 := direction(q, seg[len(seg)-2], seg[len(seg)-3])
	if !ok0 || !ok1 {
		return c1, c2, false
	}
	pts := f.pts[fitSamples*i : fitSamples*j+1]
	arc := f.arc[fitSamples*i : fitSamples*j+1]
	total := arc[len(arc)-1] - arc[0]
	if total <= 0 {
		return c1, c2, false
	}
	// least squares for the lengths a and b of the tangents, at the
	// samples' chord-length parameters, as in Schneider's curve fitting
	// (Graphics Gems, 1990): the cubic is p, p+a·t0, q+b·t1, q
	var c11, c12, c22, x1, x2 float64
	t01 := dot(t0, t1)
	for k, x := range pts {
		t := (arc[k] - arc[0]) / total
		u := 1 - t
		b1, b2 := 3*u*u*t, 3*u*t*t
		r := x.Sub(p.Mul(u*u*u + b1).Add(q.Mul(b2 + t*t*t)))
		c11 += b1 * b1
		c12 += b1 * b2 * t01
		c22 += b2 * b2
		x1 += b1 * dot(t0, r)
		x2 += b2 * dot(t1, r)
	}
	det := c11*c22 - c12*c12
	if math.Abs(det) < 1e-12 {
		return c1, c2, false
	}
	a := (x1*c22 - x2*c12) / det
	b := (c11*x2 - c12*x1) / det
	if !(a > 0 && b > 0) {
		return c1, c2, false
	}
	c1, c2 = p.Add(t0.Mul(a)), q.Add(t1.Mul(b))
	// every sample near the cubic's point at its parameter: the curves
	// then stay within tol of each other (the samples are a few points
	// apart)
	for k, x := range pts {
		t := (arc[k] - arc[0]) / total
		u := 1 - t
		c := p.Mul(u * u * u).Add(c1.Mul(3 * u * u * t)).Add(c2.Mul(3 * u * t * t)).Add(q.Mul(t * t * t))
		if d := c.Sub(x); d.X*d.X+d.Y*d.Y > f.tol*f.tol {
			return c1, c2, false
		}
	}
	return c1, c2, true
}

// direction is the unit vector from a towards b, or towards c when b is
// on a.
func direction(a, b, c Pt) (Pt, bool) {
	for _, x := range []Pt{b, c} {
		if d := x.Sub(a); d.Len() > 1e-9 {
			return d.Mul(1 / d.Len()), true
		}
	}
	return Pt{}, false
}

func dot(a, b Pt) float64 { return a.X*b.X + a.Y*b.Y }
