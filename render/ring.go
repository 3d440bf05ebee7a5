package render

import (
	"math"

	"github.com/ciclo-dev/ciclo/render/draw"
)

// The ring is a circle of radius d.R (the default) or, on a named page, a
// rectangle with rounded corners whose half-width is d.R and half-height
// ey times that, so that the moments line up in rows and columns and the
// ring takes the shape of the room the page leaves it. Curves inside or
// outside the ring (lanes, notes) are parallel to it: the same rectangle
// with both half-sizes moved by the same distance. at(r, t) is the point,
// at angle t from the centre, of the one whose half-width is r. On a
// circle every function here is the plain polar one.

// round reports whether the ring is a circle.
func (d *diagram) round() bool { return d.ey == 1 && !d.paged }

// cornerShare is the ring's corner radius over its smaller half-size.
const cornerShare = 0.3

// vertical is the half-height of the ring curve with half-width r.
func (d *diagram) vertical(r float64) float64 { return r + d.R*(d.ey-1) }

// corner is the corner radius of the ring curve with half-width r: the
// ring's, less what the curve has moved inward from it (so that lanes
// run parallel to the ring).
func (d *diagram) corner(r float64) float64 {
	ring := cornerShare * min(d.R, d.vertical(d.R))
	return min(max(ring-(d.R-r), 0), r, d.vertical(r))
}

// at is the point at parameter t of the ring curve with half-width r: on
// a circle the polar point; on a rounded rectangle the point where the
// ray from the centre at angle t meets it.
func (d *diagram) at(r, t float64) pt {
	if d.round() {
		return draw.Polar(r, t)
	}
	a, b := r, d.vertical(r)
	c := d.corner(r)
	u := draw.Unit(t)
	s := math.Inf(1)
	if math.Abs(u.X) > 1e-12 {
		s = a / math.Abs(u.X)
	}
	if math.Abs(u.Y) > 1e-12 {
		s = math.Min(s, b/math.Abs(u.Y))
	}
	p := u.Mul(s)
	if math.Abs(p.X) <= a-c || math.Abs(p.Y) <= b-c || c <= 0 {
		return p
	}
	// in a corner: where the ray meets the corner's circle (the far root
	// of |s u − q| = c)
	q := pt{X: math.Copysign(a-c, p.X), Y: math.Copysign(b-c, p.Y)}
	bq := u.X*q.X + u.Y*q.Y
	disc := bq*bq - (q.X*q.X + q.Y*q.Y - c*c)
	return u.Mul(bq + math.Sqrt(math.Max(disc, 0)))
}

// within reports whether p lies inside the ring curve of half-width r.
func (d *diagram) within(p pt, r float64) bool {
	a, b := r, d.vertical(r)
	if a <= 0 || b <= 0 {
		return false
	}
	if d.round() {
		return p.Len() <= r
	}
	return draw.RoundedDist(rect{W: 2 * a, H: 2 * b}, d.corner(r), p) <= 0
}

// arcAt is the arc of the ring curve of horizontal semi-axis r from t0 to
// t1 as Bézier segments, first point included: exact circular arcs on a
// circle, a smooth curve through points 2 degrees apart otherwise.
func (d *diagram) arcAt(r, t0, t1 float64) []pt {
	if d.round() {
		return draw.Arc(r, t0, t1)
	}
	span := math.Abs(t1 - t0)
	if !(span < 8*math.Pi) { // NaN or runaway: no arc
		return []pt{d.at(r, t0), d.at(r, t0), d.at(r, t0), d.at(r, t0)}
	}
	k := max(int(math.Ceil(span/(math.Pi/90))), 2)
	pts := make([]pt, k+1)
	for i := range pts {
		pts[i] = d.at(r, t0+(t1-t0)*float64(i)/float64(k))
	}
	// the tangents at the ends are the curve's own
	h := (t1 - t0) / float64(k)
	first := d.at(r, t0-h)
	last := d.at(r, t1+h)
	return smooth(first, pts, last)
}

// smooth joins pts with cubic segments (Catmull-Rom), before and after
// giving the tangents at the ends.
func smooth(before pt, pts []pt, after pt) []pt {
	out := []pt{pts[0]}
	at := func(i int) pt {
		switch {
		case i < 0:
			return before
		case i >= len(pts):
			return after
		}
		return pts[i]
	}
	for i := 0; i+1 < len(pts); i++ {
		p0, p1, p2, p3 := at(i-1), at(i), at(i+1), at(i+2)
		out = append(out, p1.Add(p2.Sub(p0).Mul(1.0/6)), p2.Sub(p3.Sub(p1).Mul(1.0/6)), p2)
	}
	return out
}

// speed is the length of the ring curve of horizontal semi-axis r per
// radian of parameter at t.
func (d *diagram) speed(r, t float64) float64 {
	if d.round() {
		return r
	}
	const h = 1e-4
	return d.at(r, t+h).Sub(d.at(r, t-h)).Len() / (2 * h)
}

// tangentAt is the unit tangent of the ring curve of horizontal semi-axis
// r at t, anticlockwise when dir is 1.
func (d *diagram) tangentAt(r, t, dir float64) pt {
	if d.round() {
		return draw.Tangent(t, dir)
	}
	const h = 1e-4
	v := d.at(r, t+h).Sub(d.at(r, t-h))
	if l := v.Len(); l > 0 {
		return v.Mul(dir / l)
	}
	return draw.Tangent(t, dir)
}

// param is the ring parameter of a point near the ring.
func (d *diagram) param(p pt) float64 {
	return math.Atan2(p.Y, p.X)
}

// radial is the direction, from the centre, of moment k.
func (d *diagram) radial(k int) float64 {
	if d.round() {
		return d.theta[k]
	}
	c := d.moments[k].box
	return math.Atan2(c.Y, c.X)
}

// spread sets the moments' parameters: on a circle evenly; otherwise so
// that each moment gets a share of the curve in proportion to the room
// its box needs along it there (its width plus the ring's gap where the
// ring runs across, its height where it runs up or down, the least of
// the two on a slant), the first at 12 o'clock, clockwise.
func (d *diagram) spread() {
	d.theta = make([]float64, d.n)
	if d.round() || d.n < 2 {
		for i := range d.theta {
			d.theta[i] = math.Pi/2 - 2*math.Pi*float64(i)/float64(d.n)
		}
		return
	}
	const samples = 1440
	gap := d.ringGap()
	r := 1000.0 // any size: the shares do not depend on it
	saved := d.R
	d.R = r
	need := func(t, h float64) float64 {
		v := d.tangentAt(r, t, 1)
		return math.Min((d.W+gap)/math.Max(math.Abs(v.X), 1e-9), (h+gap)/math.Max(math.Abs(v.Y), 1e-9))
	}
	// cumulative share of the tallest box's needs, clockwise from 12
	cum := make([]float64, samples+1)
	step := 2 * math.Pi / samples
	for s := 1; s <= samples; s++ {
		t := math.Pi/2 - (float64(s)-0.5)*step
		cum[s] = cum[s-1] + d.speed(r, t)/need(t, d.H)*step
	}
	total := cum[samples]
	place := func(share func(i int) float64) {
		s := 0
		for i := range d.theta {
			want := total * share(i)
			for s < samples && cum[s+1] < want {
				s++
			}
			frac := 0.0
			if seg := cum[s+1] - cum[s]; seg > 0 {
				frac = (want - cum[s]) / seg
			}
			d.theta[i] = math.Pi/2 - (float64(s)+frac)*step
		}
	}
	place(func(i int) float64 { return float64(i) / float64(d.n) })
	if d.paged {
		// boxes of their own heights: each takes, around the ring, a
		// share as large as the room it needs where it sits
		f := make([]float64, d.n)
		for i, m := range d.moments {
			f[i] = need(d.theta[i], max(m.h, 1)) / need(d.theta[i], d.H)
		}
		c := make([]float64, d.n+1)
		for i := range d.n {
			c[i+1] = c[i] + (f[i]+f[(i+1)%d.n])/2
		}
		place(func(i int) float64 { return c[i] / c[d.n] })
	}
	d.R = saved
}
