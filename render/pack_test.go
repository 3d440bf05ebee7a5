package render

import (
	"fmt"
	"math"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// TestPackProperty lays generated cycles of 6 to 40 moments out on each
// named paper and checks the ring the page layout packs: neighbours on
// the ring keep at least the ring's gap, and along each straight run of
// the ring (a row or a column) every two neighbours stand the same
// distance apart, so that no room is lost between boxes of different
// sizes; the top run, where the ring closes, is even too (evenTop).
func TestPackProperty(t *testing.T) {
	for _, page := range []string{"a4", "slide", "a3"} {
		paper, _ := draw.LookupPaper(page)
		for n := 6; n <= 40; n += 7 {
			t.Run(fmt.Sprintf("%s-%d", page, n), func(t *testing.T) {
				a := analyse(t, "gen.yaml", pageCycle(n, int64(n)+7))
				o, err := Options{Page: page}.normalize("en")
				if err != nil {
					t.Fatal(err)
				}
				d := pagedLayout(a, o, paper).d
				// the straight runs: the ring's sides, at x = ±R or y = ±V
				side := func(r rect) string {
					switch v := d.vertical(d.R); {
					case math.Abs(r.Y-v) < 0.01:
						return "top"
					case math.Abs(r.Y+v) < 0.01:
						return "bottom"
					case math.Abs(r.X-d.R) < 0.01:
						return "right"
					case math.Abs(r.X+d.R) < 0.01:
						return "left"
					}
					return ""
				}
				gaps := map[string][]float64{}
				for i, m := range d.moments {
					next := d.moments[(i+1)%d.n].box
					g := m.box.Sep(next)
					if g < d.ringGap()-0.05 {
						t.Errorf("moments %d and %d are %.2f pt apart (want at least %g)", i+1, (i+1)%d.n+1, g, d.ringGap())
					}
					if i == d.n-1 && len(d.pills) > 0 && d.pills[len(d.pills)-1].gap {
						continue // the end marker stands between the last and the first
					}
					if s := side(m.box); s != "" && s == side(next) {
						gaps[s] = append(gaps[s], g)
					}
				}
				for s, gs := range gaps {
					lo, hi := math.Inf(1), math.Inf(-1)
					for _, g := range gs {
						lo, hi = min(lo, g), max(hi, g)
					}
					if hi-lo > 0.5 {
						t.Errorf("the %s of the ring has gaps from %.2f to %.2f pt: %v", s, lo, hi, gs)
					}
				}
			})
		}
	}
}

// TestRingEdgesBendOneWay draws small and mid-sized cycles on each named
// paper and follows every arrow between neighbours along the ring: going
// clockwise round a rounded rectangle, such an arrow only ever turns
// clockwise (or runs straight); a turn the other way is a wiggle, which
// points spaced by angle rather than along the curve put in the ring's
// tight corners (up to 2.6° back per sample step; spaced along the curve,
// under 0.8°, where a side meets a corner).
func TestRingEdgesBendOneWay(t *testing.T) {
	for _, page := range []string{"a4", "slide"} {
		for _, n := range []int{3, 4, 5, 8, 14} {
			d := pagedDiagram(t, page, n, int64(n)+3)
			for _, e := range d.a.Edges {
				if e.Kind == cycle.Branch {
					continue
				}
				path, _ := d.edgeRoute(e)
				pts := draw.Samples(path, 16)
				back := 0.0 // the largest anticlockwise turn, in degrees
				for i := 2; i < len(pts); i++ {
					u, v := pts[i-1].Sub(pts[i-2]), pts[i].Sub(pts[i-1])
					if u.Len() < 1e-6 || v.Len() < 1e-6 {
						continue
					}
					turn := math.Atan2(u.X*v.Y-u.Y*v.X, u.X*v.X+u.Y*v.Y) * 180 / math.Pi
					back = max(back, turn)
				}
				if back > 1 {
					t.Errorf("%s, %d moments: the arrow %d→%d turns back %.1f° (a wiggle)", page, n, e.From.Number(), e.To.Number(), back)
				}
			}
		}
	}
}

// TestRingArrowsOnBorders draws cycles on named pages and checks every
// arrow between neighbours: it leaves its source's border and its tip
// touches its target's, each within half a point (not inside the box,
// where the box would hide the head), and the arrow runs forward. Where
// the ring turns a corner, halfway between two neighbours can lie inside
// the larger one; the head then was drawn hidden inside it (36 moments
// on A4, moments 34 to 35).
func TestRingArrowsOnBorders(t *testing.T) {
	onBorder := func(r rect, p pt) bool {
		return r.Grow(0.5).Contains(p) && !r.Grow(-0.5).Contains(p)
	}
	for _, c := range []struct {
		page string
		n    int
		seed int64
	}{{"a4", 36, 36}, {"slide", 36, 36}, {"a4", 24, 24}, {"slide", 14, 14}, {"a4", 8, 11}, {"slide", 5, 8}} {
		d := pagedDiagram(t, c.page, c.n, c.seed)
		for _, e := range d.a.Edges {
			if e.Kind == cycle.Branch {
				continue
			}
			from, to := d.moments[e.From.Index].box, d.moments[e.To.Index].box
			path, tip := d.edgeRoute(e)
			if !onBorder(from, path[0]) || !onBorder(to, tip) {
				t.Errorf("%s, %d moments: the arrow %d→%d runs from %v to %v; the boxes are %v and %v", c.page, c.n, e.From.Number(), e.To.Number(), path[0], tip, from, to)
			}
			if end := path[len(path)-1]; to.Grow(-0.5).Contains(end) {
				t.Errorf("%s, %d moments: the arrow %d→%d ends at %v, inside %v", c.page, c.n, e.From.Number(), e.To.Number(), end, to)
			}
		}
	}
}

// pagedDiagram lays a generated cycle of n moments out for page as
// pagedClock does.
func pagedDiagram(t *testing.T, page string, n int, seed int64) *diagram {
	t.Helper()
	paper, _ := draw.LookupPaper(page)
	o, err := Options{Page: page}.normalize("en")
	if err != nil {
		t.Fatal(err)
	}
	return pagedLayout(analyse(t, "gen.yaml", pageCycle(n, seed)), o, paper).d
}

// TestCriticalOutline checks that a critical moment's second outline is
// the box the layout keeps its gaps from and ends its arrows on: the drawn
// box's bounds are the laid-out box, on the default page and on a named
// one. Before, the outline stood 4 points outside it, eating the ring's
// gap (9 of 16 points between two critical neighbours) and the arrowheads.
func TestCriticalOutline(t *testing.T) {
	a := load(t, "../examples/hotel.yaml")
	for _, page := range []string{"", "slide"} {
		o, err := Options{Page: page}.normalize("en")
		if err != nil {
			t.Fatal(err)
		}
		d := newDiagram(a, o)
		if page != "" {
			paper, _ := draw.LookupPaper(page)
			d = pagedLayout(a, o, paper).d
		}
		critical := 0
		for _, m := range d.moments {
			b := d.momentBox(m)
			if !m.ma.Critical {
				continue
			}
			critical++
			if got := b.Bounds(); math.Abs(got.W-m.box.W) > 1e-9 || math.Abs(got.H-m.box.H) > 1e-9 || got.X != m.box.X || got.Y != m.box.Y {
				t.Errorf("page %q, moment %s: drawn outline %v, laid-out box %v", page, m.ma.ID, got, m.box)
			}
		}
		if critical == 0 {
			t.Fatal("hotel has no critical moment")
		}
	}
}

// TestBranchesLeaveSquare draws cycles with branches on A4 and a slide
// and checks how every branch meets its moments there: it leaves from the
// point of the source's face that lies on the ring's normal through the
// box (at the branch's offset along the face, or, when the route from
// there passes through a box, at another point of the face whose route
// passes through fewer), not on the slant towards the ring's centre
// (which drew S-bends, hotel 5→8), and its arrowhead
// arrives square to the ring (within 3°; at a corner box it came in up to
// 68° askew when the radial bend ended beside the arrow's base).
func TestBranchesLeaveSquare(t *testing.T) {
	for _, page := range []string{"a4", "slide"} {
		paper, _ := draw.LookupPaper(page)
		for _, n := range []int{8, 12, 16, 20} {
			a := analyse(t, "branches.yaml", branchCycle(n, 100+int64(n)))
			o, err := Options{Page: page}.normalize("en")
			if err != nil {
				t.Fatal(err)
			}
			d := pagedLayout(a, o, paper).d
			ring := d.newTrack()
			for _, b := range d.branches {
				i, j := b.edge.From.Index, b.edge.To.Index
				if i == j {
					continue
				}
				path, tip := d.branchRoute(b)
				c := d.moments[i].box.Centre()
				_, v, _ := ring.at(ring.param(c))
				// along the face (clockwise tangent v) the start is off the
				// centre by the branch's offset, unless that route passes
				// through a box and the one drawn through fewer
				want := b.offFrom
				if at, _ := d.branchRouteAt(b, b.offFrom, b.offTo, false); d.behind(b, at) > 0 {
					if d.behind(b, path) >= d.behind(b, at) {
						t.Errorf("%s, %d moments: branch %d→%d slid its ends and still passes through as many boxes", page, n, i+1, j+1)
					}
					want = path[0].Sub(c).X*v.X + path[0].Sub(c).Y*v.Y
					if math.Abs(want) > d.faceHalf(i)+1e-9 {
						t.Errorf("%s, %d moments: branch %d→%d leaves %.1f pt along a face of half %.1f", page, n, i+1, j+1, want, d.faceHalf(i))
					}
				}
				if along := path[0].Sub(c); math.Abs(along.X*v.X+along.Y*v.Y-want) > 0.5 {
					t.Errorf("%s, %d moments: branch %d→%d leaves %.1f pt along the face, want %.1f", page, n, i+1, j+1, along.X*v.X+along.Y*v.Y, want)
				}
				_, w, _ := ring.at(ring.param(d.moments[j].box.Centre()))
				in, normal := tip.Sub(path[len(path)-1]), pt{X: -w.Y, Y: w.X}
				if a := math.Abs(math.Atan2(in.X*normal.Y-in.Y*normal.X, in.X*normal.X+in.Y*normal.Y)) * 180 / math.Pi; a > 3 {
					t.Errorf("%s, %d moments: branch %d→%d arrives %.1f° off square", page, n, i+1, j+1, a)
				}
			}
		}
	}
}

// TestHandoffRoom: on a page a handoff's two moments stand handoffRoom
// further apart than the ring's gap, so that its arrow's dashes show
// before its head (in the gap alone its shaft was a few points and read
// as solid, unlike the legend's dashed sample); other neighbours keep the
// common gap.
func TestHandoffRoom(t *testing.T) {
	for _, file := range []string{"hotel", "banco", "airline"} {
		a := load(t, "../examples/"+file+".yaml")
		for _, page := range []string{"a4", "slide"} {
			paper, _ := draw.LookupPaper(page)
			o, err := Options{Page: page}.normalize(a.Cycle.Language)
			if err != nil {
				t.Fatal(err)
			}
			d := pagedLayout(a, o, paper).d
			handoffs := 0
			for _, e := range d.a.Edges {
				i, j := e.From.Index, e.To.Index
				if e.Kind == cycle.Branch || j != (i+1)%d.n {
					continue
				}
				sep := d.moments[i].box.Sep(d.moments[j].box)
				if e.Handoff {
					handoffs++
					if sep < d.packGap+handoffRoom-0.5 {
						t.Errorf("%s on %s: handoff %d→%d has %.1f pt between its boxes; the gap is %.1f, a handoff wants %g more", file, page, e.From.Number(), e.To.Number(), sep, d.packGap, handoffRoom)
					}
				} else if sep < d.packGap-0.5 {
					t.Errorf("%s on %s: %d→%d has %.1f pt between its boxes, less than the gap %.1f", file, page, e.From.Number(), e.To.Number(), sep, d.packGap)
				}
			}
			if handoffs == 0 {
				t.Errorf("%s on %s: no handoff between neighbours; the test shows nothing", file, page)
			}
		}
	}
}
