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
