package render

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// TestNoOverlapProperty draws generated cycles of 3 to 60 moments (fixed
// seeds) and reads the boxes back from the SVG: no two moment boxes or
// notes overlap, the first moment is the topmost and the second lies
// clockwise of it.
func TestNoOverlapProperty(t *testing.T) {
	sizes := []int{3, 4, 5, 7, 9, 12, 16, 20, 25, 30, 31, 40, 48, 60}
	for _, n := range sizes {
		for seed := int64(1); seed <= 3; seed++ {
			t.Run(fmt.Sprintf("n%d-seed%d", n, seed), func(t *testing.T) {
				src := genCycle(n, seed*1000+int64(n))
				a := analyse(t, "gen.yaml", src)
				svg, err := Render(context.Background(), a, Options{})
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
						if items[i].b.overlaps(items[j].b) {
							t.Errorf("%s %v overlaps %s %v", items[i].id, items[i].b, items[j].id, items[j].b)
						}
					}
				}
				first, _ := shapeBox(moments["moment-m1"])
				second, _ := shapeBox(moments["moment-m2"])
				for id, g := range moments {
					b, _ := shapeBox(g)
					if id != "moment-m1" && b.cy() <= first.cy()+0.01 {
						t.Errorf("%s (y %.1f) is not below the first moment (y %.1f)", id, b.cy(), first.cy())
					}
				}
				if second.cx() <= first.cx() {
					t.Errorf("the second moment (x %.1f) is not clockwise of the first (x %.1f)", second.cx(), first.cx())
				}
				if !strings.Contains(string(svg), "<svg") {
					t.Fatal("not an SVG")
				}
			})
		}
	}
}
