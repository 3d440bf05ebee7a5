package render

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/render/draw"
)

// TestCrowdedPage draws 36 moments on a slide for six generated cycles
// (names of two to five words, a fifth unscored, a quarter with notes):
// at the design sizes their names would print at 8 pt, so the page is
// laid out as crowded (diagram.crowd). It reads every moment's text back
// from the SVG: the name prints at 9 pt or more and is the box's largest
// text, the number and the critical mark at crowdHead or more, the owner
// at crowdOwner, the score at crowdDots; no warning about type.
func TestCrowdedPage(t *testing.T) {
	crowded := 0
	for _, seed := range []int64{36, 1, 2, 3, 4, 5} {
		a := analyse(t, "gen.yaml", pageCycle(36, seed))
		o := Options{Page: "slide"}
		no, err := o.normalize("")
		if err != nil {
			t.Fatal(err)
		}
		paper, _ := draw.LookupPaper("slide")
		if arr := pagedLayout(a, no, paper); arr.d.crowd > 0 {
			crowded++
		}
		svg, err := Draw(context.Background(), a, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range svg.Warnings {
			if warnSize.MatchString(w) {
				t.Errorf("seed %d: %s", seed, w)
			}
		}
		least := map[string]float64{}
		for id, g := range groups(parseSVG(t, svg.Data), "moment") {
			var name, rest float64
			g.walk(func(n *svgNode) {
				if n.XMLName.Local != "text" || strings.TrimSpace(n.Content) == "" {
					return
				}
				s, _ := strconv.ParseFloat(n.attr("font-size"), 64)
				text := strings.TrimSpace(n.Content)
				kind := "name"
				switch {
				case strings.ContainsAny(text, "●○"):
					kind = "score"
				case n.attr("font-style") == "italic":
					kind = "owner"
				case strings.Trim(text, "0123456789") == "" || strings.HasPrefix(text, "!"):
					kind = "number"
				}
				if kind == "name" {
					name = max(name, s)
				} else {
					rest = max(rest, s)
				}
				if v, ok := least[kind]; !ok || s < v {
					least[kind] = s
				}
			})
			if name < rest {
				t.Errorf("seed %d, %s: the name at %g pt is smaller than the box's other text (%g pt)", seed, id, name, rest)
			}
		}
		t.Logf("seed %d: smallest name %g, number %g, owner %g, score %g pt", seed, least["name"], least["number"], least["owner"], least["score"])
		for kind, want := range map[string]float64{"name": draw.MinNameSize, "number": crowdHead, "owner": crowdOwner, "score": crowdDots} {
			if got, ok := least[kind]; !ok || got < want {
				t.Errorf("seed %d: the smallest %s is %g pt (found %v), want %g or more", seed, kind, got, ok, want)
			}
		}
	}
	if crowded < 4 {
		t.Errorf("%d of the six slides laid out as crowded; the test means them to be", crowded)
	}
}
