package render

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// branchyCycle has n moments, each leading to the next and k-1 others at
// random.
func branchyCycle(n, k int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	b.WriteString("title: Branchy\nmoments:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - id: m%d\n    name: Moment %d\n", i, i)
		if k == 0 {
			continue
		}
		// the moment after it first, so that every moment can be reached
		seen := map[int]bool{(i + 1) % n: true}
		next := []string{fmt.Sprintf("m%d", (i+1)%n)}
		for len(next) < k {
			j := r.IntN(n)
			if j != i && !seen[j] {
				seen[j] = true
				next = append(next, fmt.Sprintf("m%d", j))
			}
		}
		fmt.Fprintf(&b, "    next: [%s]\n", strings.Join(next, ", "))
	}
	return []byte(b.String())
}

// Branches in one lane never cover a common stretch of the ring (the
// lanes are bitmaps; overlaps is the definition), lanes are used outermost
// first, and even a cycle of many branches stays within maxLanes.
func TestLanes(t *testing.T) {
	for _, c := range []struct{ n, k int }{{5, 1}, {12, 2}, {30, 3}, {7, 6}, {300, 20}} {
		for seed := uint64(1); seed <= 3; seed++ {
			a := analyse(t, "branchy.yaml", branchyCycle(c.n, c.k, seed))
			o, err := Options{}.normalize("en")
			if err != nil {
				t.Fatal(err)
			}
			d := newDiagram(a, o)
			if d.lanes > maxLanes {
				t.Errorf("%d moments × %d: %d lanes, more than %d", c.n, c.k, d.lanes, maxLanes)
			}
			byLane := map[int][]*branch{}
			for _, b := range d.branches {
				byLane[b.lane] = append(byLane[b.lane], b)
			}
			for lane, bs := range byLane {
				if lane == maxLanes-1 {
					continue // the innermost lane takes what no lane has room for
				}
				for i := range bs {
					for j := i + 1; j < len(bs); j++ {
						if bs[i].overlaps(bs[j], float64(d.n)) {
							t.Errorf("%d×%d seed %d: lane %d holds overlapping branches %s→%s and %s→%s", c.n, c.k, seed, lane,
								bs[i].edge.From.ID, bs[i].edge.To.ID, bs[j].edge.From.ID, bs[j].edge.To.ID)
						}
					}
				}
			}
			// a branch sits in lane L > 0 only when every outer lane had a
			// branch in its way
			for _, b := range d.branches {
				if b.lane == 0 || b.lane == maxLanes-1 {
					continue
				}
				for outer := 0; outer < b.lane; outer++ {
					blocked := false
					for _, o := range byLane[outer] {
						if o != b && o.length <= b.length && o.overlaps(b, float64(d.n)) {
							blocked = true
						}
					}
					if !blocked {
						t.Errorf("%d×%d: branch %s→%s in lane %d though lane %d was free", c.n, c.k, b.edge.From.ID, b.edge.To.ID, b.lane, outer)
					}
				}
			}
		}
	}
}

// overlaps reports whether two branches cover a common stretch of the
// ring: the definition the lane bitmaps of buildBranches implement.
func (b *branch) overlaps(o *branch, n float64) bool {
	in := func(x, s, l float64) bool { return math.Mod(x-s+2*n, n) <= l }
	return in(b.start, o.start, o.length) || in(o.start, b.start, b.length)
}
