package render

import (
	"math"

	"github.com/ciclo-dev/ciclo/cycle"
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
const cornerShare = 0.15

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
	if d.paged && span < math.Pi {
		// on a page, points evenly along the curve, not by angle: a
		// tight corner gets as many as a side, and no wiggle
		return d.trackAt(r).arc(d.at(r, t0), d.at(r, t1), t1 > t0)
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
// the two on a slant), the first at 12 o'clock, clockwise. On a named
// page it packs the ring (pack) at a first estimate of its size, for
// buildMoments to tell the boxes in the ring's columns; fits packs it
// again at every size tried.
func (d *diagram) spread() {
	d.theta = make([]float64, d.n)
	if d.round() || d.n < 2 {
		for i := range d.theta {
			d.theta[i] = math.Pi/2 - 2*math.Pi*float64(i)/float64(d.n)
		}
		return
	}
	if d.paged {
		saved := d.R
		d.R = d.packedRadius()
		d.pack()
		d.R = saved
		return
	}
	const samples = 1440
	gap := d.ringGap()
	r := 1000.0 // any size: the shares do not depend on it
	saved := d.R
	d.R = r
	need := func(t, w, h float64) float64 {
		v := d.tangentAt(r, t, 1)
		return math.Min((w+gap)/math.Max(math.Abs(v.X), 1e-9), (h+gap)/math.Max(math.Abs(v.Y), 1e-9))
	}
	// cumulative share of the tallest box's needs, clockwise from 12
	cum := make([]float64, samples+1)
	step := 2 * math.Pi / samples
	for s := 1; s <= samples; s++ {
		t := math.Pi/2 - (float64(s)-0.5)*step
		cum[s] = cum[s-1] + d.speed(r, t)/need(t, d.W, d.H)*step
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
		// boxes of their own sizes: each takes, around the ring, a
		// share as large as the room it needs where it sits
		f := make([]float64, d.n)
		for i, m := range d.moments {
			f[i] = need(d.theta[i], max(m.w, 1), max(m.h, 1)) / need(d.theta[i], d.W, d.H)
		}
		c := make([]float64, d.n+1)
		for i := range d.n {
			c[i+1] = c[i] + (f[i]+f[(i+1)%d.n])/2
		}
		place(func(i int) float64 { return c[i] / c[d.n] })
	}
	d.R = saved
}

// track is the ring curve of a named page (a rounded rectangle) walked
// by arc length: pieces clockwise from 12 o'clock (half the top, a
// corner, the right side, a corner, the bottom, a corner, the left side,
// a corner, the other half of the top). A straight piece starts at from
// and runs along dir; a corner turns clockwise about from, radius c,
// starting at angle phi.
type track struct {
	pieces [9]trackPiece
	c      float64
	length float64
}

type trackPiece struct {
	length    float64
	from, dir pt
	phi       float64
	corner    bool
}

// newTrack is the ring curve of half-width d.R on a named page.
func (d *diagram) newTrack() *track { return d.trackAt(d.R) }

// trackAt is the ring curve of half-width r on a named page.
func (d *diagram) trackAt(r float64) *track {
	a, b, c := r, d.vertical(r), d.corner(r)
	x, y := a-c, b-c
	arc := math.Pi * c / 2
	t := &track{c: c, length: 4*x + 4*y + 2*math.Pi*c}
	t.pieces = [9]trackPiece{
		{length: x, from: pt{X: 0, Y: b}, dir: pt{X: 1}},
		{length: arc, from: pt{X: x, Y: y}, phi: math.Pi / 2, corner: true},
		{length: 2 * y, from: pt{X: a, Y: y}, dir: pt{Y: -1}},
		{length: arc, from: pt{X: x, Y: -y}, phi: 0, corner: true},
		{length: 2 * x, from: pt{X: x, Y: -b}, dir: pt{X: -1}},
		{length: arc, from: pt{X: -x, Y: -y}, phi: -math.Pi / 2, corner: true},
		{length: 2 * y, from: pt{X: -a, Y: -y}, dir: pt{Y: 1}},
		{length: arc, from: pt{X: -x, Y: y}, phi: -math.Pi, corner: true},
		{length: x, from: pt{X: -x, Y: b}, dir: pt{X: 1}},
	}
	return t
}

// at is the point at arc length s clockwise from 12 o'clock, the unit
// tangent there (clockwise) and the index of the piece it lies on.
func (t *track) at(s float64) (p, u pt, piece int) {
	if s >= t.length || s < 0 {
		s = math.Mod(s, t.length)
		if s < 0 {
			s += t.length
		}
	}
	for i := range t.pieces {
		pc := &t.pieces[i]
		if s > pc.length && i < len(t.pieces)-1 {
			s -= pc.length
			continue
		}
		s = min(s, pc.length)
		if !pc.corner {
			return pc.from.Add(pc.dir.Mul(s)), pc.dir, i
		}
		phi := pc.phi
		if t.c > 0 {
			phi -= s / t.c
		}
		sin, cos := math.Sincos(phi)
		return pc.from.Add(pt{X: t.c * cos, Y: t.c * sin}), pt{X: sin, Y: -cos}, i
	}
	return t.pieces[0].from, t.pieces[0].dir, 0
}

// pack sets the moments' parameters on a named page for the ring of
// half-width d.R: the first at 12 o'clock, then clockwise, every two
// neighbours the same distance apart (the end marker in the gap after
// the last moment takes its place in the row), so that boxes of
// different sizes share the ring with no room lost between them. Where a
// box turns a corner of the ring its size along the ring jumps, so the
// gap is found by bisection (to a tenth of a point), not by iteration;
// what is left over goes to the top run (evenTop), which may move the
// first moment a little off 12 o'clock.
func (d *diagram) pack() {
	items := make([]packItem, 0, d.n+1)
	for _, m := range d.moments {
		items = append(items, packItem{w: m.w, h: m.h})
	}
	for _, e := range d.a.Handoffs {
		if i, j := e.From.Index, e.To.Index; e.Kind != cycle.Branch && j == (i+1)%d.n && i < len(items) {
			items[i].after = handoffRoom
		}
	}
	for _, p := range d.pills {
		if p.gap {
			items = append(items, packItem{w: p.w, h: p.h})
		}
	}
	m := len(items)
	if m < 2 {
		d.theta = []float64{math.Pi / 2}
		return
	}
	tr := d.newTrack()
	s := make([]float64, m+1)
	lo, hi := 0.0, d.packGap
	if hi <= 0 {
		hi = d.ringGap()
	}
	// bracket the gap, from the last one found
	for tr.chain(items, hi, s) < tr.length && hi < tr.length {
		lo, hi = hi, hi*2+1
	}
	if lo == 0 && tr.chain(items, 0, s) < tr.length {
		for hi/2 > 0.05 && tr.chain(items, hi/2, s) > tr.length {
			hi /= 2
		}
		lo = hi / 2
	}
	lo = lastBelow(func(g float64) float64 { return tr.chain(items, g, s) - tr.length }, lo, hi, 0.1)
	d.packGap = lo
	tr.chain(items, lo, s)
	tr.evenTop(items, s)
	d.theta = d.theta[:0]
	for i := range d.n {
		p, _, _ := tr.at(s[i])
		d.theta = append(d.theta, math.Atan2(p.Y, p.X))
	}
	d.gapTheta = math.NaN()
	if m > d.n {
		p, _, _ := tr.at(s[d.n])
		d.gapTheta = math.Atan2(p.Y, p.X)
	}
}

// evenTop shares out the room left over where the chain of items at s
// closes, at the top of the ring: the boxes on the top run keep the ends
// of the run and stand evenly apart between them, so that the room is
// not one wide gap before the first moment. The other boxes stay where
// they are.
func (t *track) evenTop(items []packItem, s []float64) {
	m := len(items)
	v := t.pieces[0].from.Y // the top's height
	top := func(i int) bool {
		p, _, _ := t.at(s[i])
		return p.Y > v-0.5
	}
	// the run: items first..m-1 and 0..last, every one on the top
	first, last := m, -1
	for first > 1 && top(first-1) {
		first--
	}
	for last+1 < first-1 && top(last+1) {
		last++
	}
	if first == m || last < 0 {
		return // the run does not go over 12 o'clock
	}
	run := make([]int, 0, m-first+last+1)
	for i := first; i < m; i++ {
		run = append(run, i)
	}
	for i := 0; i <= last; i++ {
		run = append(run, i)
	}
	if len(run) < 3 {
		return
	}
	x := func(i int) float64 {
		p, _, _ := t.at(s[i])
		return p.X
	}
	x0, x1 := x(run[0]), x(run[len(run)-1])
	free := x1 - x0 - items[run[0]].w/2 - items[run[len(run)-1]].w/2
	for k, i := range run[:len(run)-1] {
		if k > 0 {
			free -= items[i].w
		}
		free -= items[i].after
	}
	gap := free / float64(len(run)-1)
	at := x0 + items[run[0]].w/2
	for k, i := range run[1 : len(run)-1] {
		at += gap + items[run[k]].after + items[i].w/2
		if at < 0 {
			s[i] = t.length + at
		} else {
			s[i] = at
		}
		at += items[i].w / 2
	}
}

// packedRadius estimates the half-width at which the packed ring just
// closes: the boxes (half their width and half their height each along
// it) and the least gaps once round a rounded rectangle of the ring's
// shape.
func (d *diagram) packedRadius() float64 {
	need := 0.0
	for _, m := range d.moments {
		need += (m.w+m.h)/2 + d.ringGap()
	}
	return need / (4*(1+d.ey) - (8-2*math.Pi)*cornerShare*min(1, d.ey))
}

// packItem is a box on the ring, for pack: after is room it wants
// between it and the next beyond the ring's gap.
type packItem struct{ w, h, after float64 }

// handoffRoom is the room a handoff's arrow wants beyond the ring's gap,
// in design points, so that its dashes show before its head (in the
// ring's gap alone the shaft is a few points, and reads as solid).
const handoffRoom = 10.0

// chain places items along the track from 12 o'clock, each g from the
// one before, writing their arc lengths to s, and returns where the
// first would come again (the length the chain needs).
func (t *track) chain(items []packItem, g float64, s []float64) float64 {
	ext := func(it packItem, u pt) float64 { return math.Abs(u.X)*it.w/2 + math.Abs(u.Y)*it.h/2 }
	m := len(items)
	sum := 0.0
	for i := range m {
		s[i] = sum
		j := (i + 1) % m
		a, b := items[i], items[j]
		p, u, pi := t.at(sum)
		step := ext(a, u) + ext(b, u) + g + a.after
		_, u2, pj := t.at(sum + step)
		if pi != pj || t.pieces[pi].corner || u2 != u {
			// round a corner the boxes are nearer than along the ring:
			// the least step (to a tenth of a point) that keeps the gap,
			// which grows as the box moves on
			sep := func(st float64) float64 {
				q, _, _ := t.at(sum + st)
				return rect{X: p.X, Y: p.Y, W: a.w, H: a.h}.Sep(rect{X: q.X, Y: q.Y, W: b.w, H: b.h}) - g - a.after
			}
			lo, hi := 0.0, step
			for sep(hi) < 0 && hi < t.length {
				lo, hi = hi, hi*1.5+1
			}
			step = firstAbove(sep, lo, hi, 0.1)
		}
		sum += step
	}
	s[m] = sum
	return sum
}

// lastBelow is, to within tol, the largest x in [lo, hi] with f(x) <= 0,
// given f(lo) <= 0 < f(hi) and f growing, perhaps by jumps.
func lastBelow(f func(float64) float64, lo, hi, tol float64) float64 {
	lo, _ = narrow(f, lo, hi, tol, func(y float64) bool { return y <= 0 })
	return lo
}

// firstAbove is, to within tol, the least x in [lo, hi] with f(x) >= 0,
// given f(lo) < 0 <= f(hi) and f growing.
func firstAbove(f func(float64) float64, lo, hi, tol float64) float64 {
	_, hi = narrow(f, lo, hi, tol, func(y float64) bool { return y < 0 })
	return hi
}

// narrow shrinks [lo, hi], where below(f(lo)) and not below(f(hi)), to
// within tol: regula falsi with the Illinois step (the end that stays has
// its value halved), a halving every third step so that a jump in f
// cannot hold it back.
func narrow(f func(float64) float64, lo, hi, tol float64, below func(float64) bool) (float64, float64) {
	flo, fhi := f(lo), f(hi)
	switch {
	case !below(flo):
		return lo, lo
	case below(fhi):
		return hi, hi
	}
	side := 0
	for i := 0; hi-lo > tol && i < 64; i++ {
		x := (lo + hi) / 2
		if i%3 != 2 && fhi != flo {
			x = lo - flo*(hi-lo)/(fhi-flo)
			x = min(max(x, lo+tol/4), hi-tol/4)
		}
		fx := f(x)
		if below(fx) {
			lo, flo = x, fx
			if side == -1 {
				fhi /= 2
			}
			side = -1
		} else {
			hi, fhi = x, fx
			if side == 1 {
				flo /= 2
			}
			side = 1
		}
	}
	return lo, hi
}

// param is the arc length, clockwise from 12 o'clock, of the point of
// the track nearest p (p is on it, up to rounding).
func (t *track) param(p pt) float64 {
	best, at, sum := math.Inf(1), 0.0, 0.0
	for i := range t.pieces {
		pc := &t.pieces[i]
		var s, miss float64
		if pc.corner {
			v := p.Sub(pc.from)
			turn := math.Mod(pc.phi-math.Atan2(v.Y, v.X)+4*math.Pi, 2*math.Pi)
			if turn > math.Pi*1.25 {
				turn -= 2 * math.Pi // just before the corner starts
			}
			s = min(max(turn, 0), math.Pi/2) * t.c
			q, _, _ := t.at(sum + s)
			miss = q.Sub(p).Len()
		} else {
			v := p.Sub(pc.from)
			s = min(max(v.X*pc.dir.X+v.Y*pc.dir.Y, 0), pc.length)
			miss = pc.from.Add(pc.dir.Mul(s)).Sub(p).Len()
		}
		if miss < best {
			best, at = miss, sum+s
		}
		sum += pc.length
	}
	return math.Mod(at, t.length)
}

// arc is the track from p0 to p1 (clockwise, or anticlockwise when back)
// as Bézier segments, first point included: points evenly along it (3
// points apart, at most 120 of them), joined smoothly.
func (t *track) arc(p0, p1 pt, back bool) []pt {
	s0, s1 := t.param(p0), t.param(p1)
	dist := math.Mod(s1-s0+2*t.length, t.length) // clockwise
	dir := 1.0
	if back {
		dist, dir = math.Mod(s0-s1+2*t.length, t.length), -1
	}
	k := min(max(int(math.Ceil(dist/3)), 2), 120)
	step := dir * dist / float64(k)
	pts := make([]pt, k+1)
	for i := range pts {
		pts[i], _, _ = t.at(s0 + step*float64(i))
	}
	before, _, _ := t.at(s0 - step)
	after, _, _ := t.at(s0 + step*float64(k+1))
	return smooth(before, pts, after)
}
