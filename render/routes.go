package render

import (
	"fmt"
	"math"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// DOT returns the DOT text of the diagram of a, with every node and edge
// position pinned (points, for Graphviz's neato -n2). opts.Format is
// ignored. The same analysis and options always give the same bytes.
func DOT(a *cycle.Analysis, opts Options) ([]byte, error) {
	opts.Format = FormatDOT
	o, err := checkInput(a, opts)
	if err != nil {
		return nil, err
	}
	return views[o.View](a, o).DOT(), nil
}

// checkInput validates the analysis and the options.
func checkInput(a *cycle.Analysis, opts Options) (Options, error) {
	if a == nil || a.Cycle == nil || len(a.Moments) == 0 {
		return opts, fmt.Errorf("render: the cycle has no moments")
	}
	if len(a.Moments) > cycle.MaxMoments {
		return opts, fmt.Errorf("render: %d moments is more than the %d ciclo draws", len(a.Moments), cycle.MaxMoments)
	}
	return opts.normalize(a.Cycle.Language)
}

// boundaryAngle finds, by bisection, the parameter between in (on the
// ring curve of horizontal semi-axis r, inside box) and out (outside it)
// where the curve crosses the box's border.
func (d *diagram) boundaryAngle(r float64, box rect, in, out float64) float64 {
	for range 40 {
		mid := (in + out) / 2
		if box.Contains(d.at(r, mid)) {
			in = mid
		} else {
			out = mid
		}
	}
	return out
}

// ringEdge routes a clockwise arc of the ring from box a at parameter aa
// to box b at parameter ab (ab < aa). It returns the spline and the arrow
// tip.
func (d *diagram) ringEdge(a rect, aa float64, b rect, ab float64) ([]pt, pt) {
	r := d.R
	s := d.boundaryAngle(r, a, aa, d.leave(r, a, aa, ab))
	e := d.boundaryAngle(r, b, ab, d.leave(r, b, ab, aa))
	tip := d.at(r, e)
	base := e + draw.ArrowLen/d.speed(r, e)
	if base > s-1e-3 {
		// too short for an arc: the arrowhead alone, across the gap
		p0 := d.at(r, s)
		return draw.Line(p0, p0.Add(tip.Sub(p0).Mul(0.01))), tip
	}
	return d.arcAt(r, s, base), tip
}

// leave is a parameter between from (on the ring curve inside box) and to
// where the curve is outside box: halfway when it is, else the first of
// 32 steps from from that is (to when none). Halfway between two
// neighbours can lie inside the larger of them where the ring turns a
// corner.
func (d *diagram) leave(r float64, box rect, from, to float64) float64 {
	if mid := (from + to) / 2; !box.Contains(d.at(r, mid)) {
		return mid
	}
	const steps = 32
	for i := 1; i < steps; i++ {
		if t := from + (to-from)*float64(i)/steps; !box.Contains(d.at(r, t)) {
			return t
		}
	}
	return to
}

// branchRadius is the radius of a branch's lane: laneFirst (plus
// laneStep per lane) inside the deepest inner face of the moments it
// passes.
func (d *diagram) branchRadius(b *branch) float64 {
	return d.R - b.deepest - d.innerBand() - laneFirst - float64(b.lane)*laneStep
}

// reach is how far, from their centres towards the ring's centre, the
// boxes at the positions from start, clockwise, over length reach.
func (d *diagram) reach(start, length float64) float64 {
	deepest := 0.0
	for k := 0.0; k <= length; k++ {
		m := int(math.Mod(start+k, float64(d.n)))
		w, h := d.size(m)
		deepest = max(deepest, extent(w, h, d.theta[m]))
	}
	return deepest
}

// branchRoute routes a branch the shorter way round: inward from the
// source's inner face to its lane, along the lane, which follows the
// inside of the ring, and out to the target's inner face. On a named page,
// where the ring turns a corner, a neighbour may stand in front of part
// of a face: when the route passes through a box, the ends slide along
// their faces (the target's first, then the source's) to the offsets
// whose route passes through the fewest (behind), if any does better.
func (d *diagram) branchRoute(b *branch) ([]pt, pt) {
	if !d.paged || d.round() || b.edge.From == b.edge.To {
		return d.branchRouteAt(b, b.offFrom, b.offTo, false)
	}
	if d.routes == nil || d.routesR != d.R {
		d.routes, d.routesR = map[*branch]branchPath{}, d.R
	}
	if r, ok := d.routes[b]; ok {
		return r.path, r.tip
	}
	path, tip := d.pagedBranchRoute(b)
	d.routes[b] = branchPath{path, tip}
	return path, tip
}

// branchPath is a branch's route and its arrow's tip.
type branchPath struct {
	path []pt
	tip  pt
}

// pagedBranchRoute is branchRoute on a named page.
func (d *diagram) pagedBranchRoute(b *branch) ([]pt, pt) {
	path, tip, worst := d.slideEnds(b, false)
	// a short branch has little room for its lane between the bends,
	// which may overshoot into a hook or a loop (a narrow ring): one
	// direct curve instead, when it turns less, passes through no more
	// boxes and crosses no other branch
	if b.length <= shortBranch && wiggle(path) > math.Pi {
		if p, tp, n := d.slideEnds(b, true); n <= worst && wiggle(p) < wiggle(path) && !d.crossesBranches(b, p) {
			path, tip = p, tp
		}
	}
	return path, tip
}

// slideEnds is the route of branch b (direct: branchRouteAt) from its
// ends' offsets or, when that passes through a box, from the offsets
// along their faces (the target's first, then the source's) whose route
// passes through the fewest; with that count.
func (d *diagram) slideEnds(b *branch, direct bool) ([]pt, pt, int) {
	path, tip := d.branchRouteAt(b, b.offFrom, b.offTo, direct)
	worst := d.behind(b, path)
	offFrom, offTo := b.offFrom, b.offTo
	for _, to := range []bool{true, false} {
		k, off := b.edge.From.Index, offFrom
		if to {
			k, off = b.edge.To.Index, offTo
		}
		half := d.faceHalf(k)
		for step := 3.0; step <= 2*half && worst > 0; step += 3 {
			for _, o := range []float64{off + step, off - step} {
				if math.Abs(o) > half {
					continue
				}
				f, t := offFrom, o
				if !to {
					f, t = o, offTo
				}
				p, tp := d.branchRouteAt(b, f, t, direct)
				if n := d.behind(b, p); n < worst {
					path, tip, worst = p, tp, n
					offFrom, offTo = f, t
					if n == 0 {
						break
					}
				}
			}
		}
	}
	return path, tip, worst
}

// faceHalf is how far along moment k's face, from its middle, a branch
// may end: to a little short of the box's rounded corners.
func (d *diagram) faceHalf(k int) float64 {
	bx := d.moments[k].box
	u := d.faceNormal(d.newTrack(), k)
	return math.Max(math.Abs(u.Y)*bx.W/2+math.Abs(u.X)*bx.H/2-draw.CornerRadius-2, 0)
}

// faceNormal is the outward normal of ring (a named page's track) where
// moment k's box stands: the direction its branches leave and reach it.
func (d *diagram) faceNormal(ring *track, k int) pt {
	_, v, _ := ring.at(ring.param(d.moments[k].box.Centre()))
	return pt{X: -v.Y, Y: v.X} // left of the way clockwise: outward
}

// behind counts the samples of a branch's path that fall inside a moment
// box other than its ends, or within branchClear of it, among the two
// moments on either side of each end (the lane keeps clear of those
// further along: reach).
func (d *diagram) behind(b *branch, path []pt) int { return d.behindBy(b, path, branchClear) }

// behindBy is behind with the boxes grown by grow (shrunk when negative).
func (d *diagram) behindBy(b *branch, path []pt, grow float64) int {
	var boxes []rect
	seen := map[int]bool{b.edge.From.Index: true, b.edge.To.Index: true}
	for _, end := range []float64{b.start, b.start + b.length} {
		for k := -2.0; k <= 2; k++ {
			m := int(math.Mod(math.Floor(end)+k+2*float64(d.n), float64(d.n)))
			if !seen[m] {
				seen[m] = true
				boxes = append(boxes, d.moments[m].box.Grow(grow))
			}
		}
	}
	n := 0
	draw.EachSample(path, 8, func(p pt) {
		for _, r := range boxes {
			if r.Contains(p) {
				n++
			}
		}
	})
	return n
}

// branchRouteAt is branchRoute with the ends offFrom and offTo along their
// faces (branch.offFrom, branch.offTo); direct draws, instead of the lane
// and its bends, one curve from the source's face (leaving as the route
// does) to the arrow's base (arriving square).
func (d *diagram) branchRouteAt(b *branch, offFrom, offTo float64, direct bool) ([]pt, pt) {
	i, j := b.edge.From.Index, b.edge.To.Index
	step := 2 * math.Pi / float64(d.n)
	dir := b.dir
	var ring *track
	if d.paged && !d.round() {
		ring = d.newTrack()
	}
	// normal is the direction a branch leaves or reaches moment k's box:
	// on a named page square to the ring where the box stands (on a
	// rounded rectangle the radial is a slant), else the radial
	normal := func(k int) pt {
		if ring == nil {
			return draw.Unit(d.radial(k))
		}
		return d.faceNormal(ring, k)
	}
	face := func(k int, off float64) (pt, float64) {
		bx := d.moments[k].box
		c := pt{X: bx.X, Y: bx.Y}
		u := normal(k)
		q := c.Add(pt{X: u.Y, Y: -u.X}.Mul(off)) // along the face, clockwise
		rad := draw.CornerRadius
		if d.moments[k].ma.Critical {
			rad = 0 // square corners
		}
		p := draw.RoundedExit(bx, rad, q, u.Mul(-1))
		return p, d.param(p)
	}
	ps, as := face(i, offFrom)
	pe, ae := face(j, offTo)
	// unwrap the angles so that travel from as to ae goes in dir
	span := (ae - as) * dir
	for span <= 0 {
		ae += 2 * math.Pi * dir
		span = (ae - as) * dir
	}
	if i == j {
		ae = as + dir*0.5*step
		pe = d.at(ps.Len(), ae)
		span = 0.5 * step
	}
	tipDir := draw.Unit(math.Atan2(pe.Y, pe.X))
	switch {
	case d.round():
		tipDir = draw.Unit(ae)
	case ring != nil && i != j:
		tipDir = normal(j)
	}
	base := pe.Sub(tipDir.Mul(draw.ArrowLen))
	r0 := d.branchRadius(b)
	// A branch is one smooth curve: it leaves the source's face straight
	// inward, bends into its lane (the ring curve r0, parallel to the
	// ring), follows it and bends out to arrive straight at the target.
	// The bends are the curves P(u) = lane(θ(u)) + λ(u)·ray(θ(u)) with
	// θ = θ0 ± Δu² and λ = λ0(1−u)²: radial at the box, tangent to the lane
	// where they meet it.
	lane := func(t float64) pt { return d.at(r0, t) }
	ray := func(t float64) pt {
		if d.round() {
			return draw.Unit(t)
		}
		return draw.Unit(math.Atan2(lane(t).Y, lane(t).X))
	}
	depth := func(p pt, t float64) float64 { return p.Len() - lane(t).Len() }
	d0, d1 := depth(ps, as), depth(base, ae)
	bend := func(dep, t float64) float64 { // the angle a bend spans
		return min(1.3*max(dep, 0)/max(d.speed(r0, t), 1), span/3)
	}
	b0, b1 := bend(d0, as), bend(d1, ae)
	const steps = 10
	var poly []pt
	for k := 0; k <= steps; k++ {
		u := float64(k) / steps
		t := as + dir*b0*u*u
		poly = append(poly, lane(t).Add(ray(t).Mul(d0*(1-u)*(1-u))))
	}
	l0, l1 := as+dir*b0, ae-dir*b1
	if n := int(math.Abs(l1-l0) / (math.Pi / 60)); n > 0 && (l1-l0)*dir > 0 {
		for k := 1; k < n; k++ {
			poly = append(poly, lane(l0+(l1-l0)*float64(k)/float64(n)))
		}
	}
	for k := steps; k >= 0; k-- {
		u := float64(k) / steps
		t := ae - dir*b1*u*u
		poly = append(poly, lane(t).Add(ray(t).Mul(d1*(1-u)*(1-u))))
	}
	// the arrow's base exactly (on a page the arrow arrives along the
	// ring's normal, which the radial bend ends beside)
	poly[len(poly)-1] = base
	// the tangents at the ends: straight in and out of the boxes
	out := ray(as)
	if ring != nil {
		out = normal(i)
	}
	path := smooth(ps.Add(out.Mul(poly[1].Sub(ps).Len())), poly, base.Add(tipDir.Mul(poly[len(poly)-2].Sub(base).Len())))
	if direct {
		l := 0.4 * base.Sub(ps).Len()
		path = []pt{ps, ps.Sub(out.Mul(l)), base.Sub(tipDir.Mul(l)), base}
	}
	return path, pe
}

// crossesBranches reports whether path, a route for branch b, crosses the
// route of another branch over the same stretch of the ring (away from a
// moment they share).
func (d *diagram) crossesBranches(b *branch, path []pt) bool {
	n := float64(d.n)
	covers := func(o *branch, k float64) bool { return math.Mod(k-o.start+2*n, n) <= o.length }
	mine := draw.Samples(path, 8)
	for _, o := range d.branches {
		if o == b || o.edge.From == o.edge.To {
			continue
		}
		near := false
		for k := -1.0; k <= b.length+1 && !near; k++ {
			near = covers(o, math.Floor(b.start)+k)
		}
		if !near {
			continue
		}
		op, _ := d.branchRouteAt(o, o.offFrom, o.offTo, false)
		theirs := draw.Samples(op, 8)
		shared := func(p pt) bool {
			for _, m := range []int{b.edge.From.Index, b.edge.To.Index} {
				if m == o.edge.From.Index || m == o.edge.To.Index {
					if d.moments[m].box.Grow(8).Contains(p) {
						return true
					}
				}
			}
			return false
		}
		for x := 1; x < len(mine); x++ {
			for y := 1; y < len(theirs); y++ {
				if segmentsMeet(mine[x-1], mine[x], theirs[y-1], theirs[y]) && !shared(mine[x]) {
					return true
				}
			}
		}
	}
	return false
}

// segmentsMeet reports whether segments ab and cd cross.
func segmentsMeet(a, b, c, e pt) bool {
	side := func(p, q, r pt) float64 { return (q.X-p.X)*(r.Y-p.Y) - (q.Y-p.Y)*(r.X-p.X) }
	d1, d2 := side(c, e, a), side(c, e, b)
	d3, d4 := side(a, b, c), side(a, b, e)
	return d1*d2 < 0 && d3*d4 < 0
}

// shortBranch is the longest branch, in positions round the ring, that
// may be drawn as one direct curve (branchRouteAt).
const shortBranch = 3

// wiggle is the turning of a path counted without sign less its net
// turning, in radians.
func wiggle(path []pt) float64 {
	var abs, net, prevA float64
	var prev pt
	n := 0
	draw.EachSample(path, 8, func(p pt) {
		if n > 0 {
			v := p.Sub(prev)
			if v.Len() < 0.5 {
				return
			}
			a := math.Atan2(v.Y, v.X)
			if n > 1 {
				turn := math.Remainder(a-prevA, 2*math.Pi)
				abs += math.Abs(turn)
				net += turn
			}
			prevA = a
		}
		prev = p
		n++
	})
	return abs - math.Abs(net)
}

// edgeRoute is the spline of an edge of the cycle and its arrow tip: a
// branch along its lane, any other edge along the ring.
func (d *diagram) edgeRoute(e cycle.Edge) ([]pt, pt) {
	if e.Kind == cycle.Branch {
		return d.branchRoute(d.branchOf(e))
	}
	i, j := e.From.Index, e.To.Index
	aj := d.theta[j]
	if aj >= d.theta[i] {
		aj -= 2 * math.Pi
	}
	return d.ringEdge(d.moments[i].box, d.theta[i], d.moments[j].box, aj)
}

// pillRoute is the spline of the arrow from a moment to its end marker
// and its tip.
func (d *diagram) pillRoute(p *pill) ([]pt, pt) {
	m := d.moments[p.moment]
	if p.gap {
		pa := d.param(p.box.Centre())
		for pa >= d.theta[p.moment] {
			pa -= 2 * math.Pi
		}
		return d.ringEdge(m.box, d.theta[p.moment], p.box, pa)
	}
	u := draw.Unit(d.radial(p.moment))
	s := draw.RayExit(m.box, pt{X: m.box.X, Y: m.box.Y}, u.Mul(-1))
	tip := draw.RayExit(p.box, pt{X: p.box.X, Y: p.box.Y}, u)
	return draw.Line(s, tip.Add(u.Mul(draw.ArrowLen))), tip
}

// branchOf finds the layout of a branch edge.
func (d *diagram) branchOf(e cycle.Edge) *branch {
	if b := d.branchAt[[2]*cycle.Moment{e.From, e.To}]; b != nil {
		return b
	}
	return &branch{edge: e, deepest: d.reach(0, 0)}
}

// branchClear is how far outside a box a branch's path counts as passing
// through it (behind): a path along a box's border reads as a line on
// its frame.
const branchClear = 6.0
