package render

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestNoOverlapProperty draws generated cycles of 3 to 60 moments (fixed
// seeds) and reads the boxes back from the SVG: no two moment boxes or
// notes overlap, the first moment is the topmost and the second lies
// clockwise of it.
//
// On the named pages (a4, slide) the same holds for cycles up to 30
// moments, the badges and the panel's rows included, and the type read
// back from the SVG is at least what the page keeps (9 pt names, 7 pt
// notes, 14 pt title) unless a warning says the size reached.
func TestNoOverlapProperty(t *testing.T) {
	sizes := []int{3, 4, 5, 7, 9, 12, 16, 20, 25, 30, 31, 40, 48, 60}
	for _, page := range []string{"auto", "a4", "slide"} {
		for _, n := range sizes {
			if page != "auto" && n > 30 {
				continue
			}
			for seed := int64(1); seed <= 3; seed++ {
				noOverlap(t, page, n, seed)
			}
		}
	}
}

func noOverlap(t *testing.T, page string, n int, seed int64) {
	t.Run(fmt.Sprintf("%s-n%d-seed%d", page, n, seed), func(t *testing.T) {
		src := genCycle(n, seed*1000+int64(n))
		a := analyse(t, "gen.yaml", src)
		dr, err := Draw(context.Background(), a, Options{Page: page})
		svg := dr.Data
		if err != nil {
			t.Fatal(err)
		}
		root := parseSVG(t, svg)
		type item struct {
			id string
			b  bbox
		}
		var items []item
		moments := groups(root, "moment")
		if len(moments) != n {
			t.Fatalf("%d moment groups, want %d", len(moments), n)
		}
		for _, cls := range []string{"moment", "note"} {
			for id, g := range groups(root, cls) {
				b, ok := shapeBox(g)
				if !ok {
					t.Fatalf("%s has no outline", id)
				}
				items = append(items, item{id, b})
			}
		}
		sort.Slice(items, func(i, j int) bool { return items[i].id < items[j].id })
		for i := range items {
			for j := i + 1; j < len(items); j++ {
				// a badge sits on its own moment's corner
				badge := page != "auto" && strings.TrimPrefix(items[i].id, "moment-") == strings.TrimPrefix(items[j].id, "note-")
				if items[i].b.overlaps(items[j].b) && !badge {
					t.Errorf("%s %v overlaps %s %v", items[i].id, items[i].b, items[j].id, items[j].b)
				}
			}
		}
		first, _ := shapeBox(moments["moment-m1"])
		second, _ := shapeBox(moments["moment-m2"])
		for id, g := range moments {
			b, _ := shapeBox(g)
			// on a page the first moment heads the top row
			if id != "moment-m1" && (b.cy() < first.cy()-0.01 || (page == "auto" && b.cy() <= first.cy()+0.01)) {
				t.Errorf("%s (y %.1f) is not below the first moment (y %.1f)", id, b.cy(), first.cy())
			}
		}
		if second.cx() <= first.cx() {
			t.Errorf("the second moment (x %.1f) is not clockwise of the first (x %.1f)", second.cx(), first.cx())
		}
		if !strings.Contains(string(svg), "<svg") {
			t.Fatal("not an SVG")
		}
		if page == "auto" {
			return
		}
		warned := false
		for _, w := range dr.Warnings {
			warned = warned || warnSize.MatchString(w)
		}
		names, notes, title := math.Inf(1), math.Inf(1), 0.0
		for _, s := range fontSizes(root, "moment") {
			names = min(names, s[1])
		}
		for _, s := range fontSizes(root, "panel-row") {
			notes = min(notes, s[0])
		}
		for _, s := range fontSizes(root, "title") {
			title = s[1]
		}
		if !warned && (names < 9 || notes < 7 || title < 14) {
			t.Errorf("names %g pt, notes %g pt, title %g pt with no warning", names, notes, title)
		}
	})
}

// smallCycle writes a cycle of n moments with names of several lengths;
// with branches, the first moment may skip to the middle one and the last
// but one may go back to the second; open cycles end at the last moment.
func smallCycle(n int, branches, open bool) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "title: Cycle of %d\ncustomer: Somebody\nclosed: %v\nmoments:\n", n, !open)
	for i := range n {
		fmt.Fprintf(&b, "  - id: m%d\n    name: %s\n    owner: Team %d\n    performance: 3\n", i+1,
			strings.Join(genWords[:2+(i*5)%9], " "), i%3)
		switch {
		case branches && i == 0 && n > 3:
			fmt.Fprintf(&b, "    next: [m2, m%d]\n", n/2+1)
		case branches && i == n-2 && n > 4:
			fmt.Fprintf(&b, "    next: [m%d, m2]\n", n)
		}
	}
	return []byte(b.String())
}

// svgCurves returns the points of every cubic Bézier path drawn for the
// edges of the diagram (class "edge", not the legend's samples), sampled
// densely, in SVG coordinates.
func svgCurves(root *svgNode) map[string][][2]float64 {
	out := map[string][][2]float64{}
	for id, g := range groups(root, "edge") {
		if strings.Contains(g.attr("class"), "legend") {
			continue
		}
		g.walk(func(n *svgNode) {
			if n.XMLName.Local != "path" {
				return
			}
			var v []float64
			for _, s := range numRE.FindAllString(n.attr("d"), -1) {
				f, _ := strconv.ParseFloat(s, 64)
				v = append(v, f)
			}
			for i := 0; i+7 < len(v); i += 6 {
				for k := 0; k <= 32; k++ {
					t := float64(k) / 32
					u := 1 - t
					c := [4]float64{u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t}
					x := c[0]*v[i] + c[1]*v[i+2] + c[2]*v[i+4] + c[3]*v[i+6]
					y := c[0]*v[i+1] + c[1]*v[i+3] + c[2]*v[i+5] + c[3]*v[i+7]
					out[id] = append(out[id], [2]float64{x, y})
				}
			}
		})
	}
	return out
}

// TestLegendClearOfEdges draws cycles of 2 to 8 moments, with and without
// branches, closed and open, and wants every edge curve (ring arcs,
// branches, arrows to end markers) at least 8 points away from the legend
// box below the ring and from the notes panel.
func TestLegendClearOfEdges(t *testing.T) {
	for n := 2; n <= 8; n++ {
		for _, branches := range []bool{false, true} {
			for _, open := range []bool{false, true} {
				t.Run(fmt.Sprintf("n%d-branches%v-open%v", n, branches, open), func(t *testing.T) {
					a := analyse(t, "small.yaml", smallCycle(n, branches, open))
					svg, err := Render(context.Background(), a, Options{})
					if err != nil {
						t.Fatal(err)
					}
					root := parseSVG(t, svg)
					legend, ok := shapeBox(groups(root, "legend")["legend"])
					if !ok {
						t.Fatal("no legend box")
					}
					const margin = 8
					for id, pts := range svgCurves(root) {
						for _, p := range pts {
							if p[0] > legend.x0-margin && p[0] < legend.x1+margin && p[1] > legend.y0-margin && p[1] < legend.y1+margin {
								t.Errorf("%s passes through the legend %v at (%.1f, %.1f)", id, legend, p[0], p[1])
								break
							}
						}
					}
				})
			}
		}
	}
}
