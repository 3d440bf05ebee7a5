package render

import (
	"encoding/xml"
	"fmt"
	"math"
	"math/rand"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// load parses and analyses a cycle file.
func load(t testing.TB, path string) *cycle.Analysis {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return analyse(t, path, data)
}

func analyse(t testing.TB, name string, data []byte) *cycle.Analysis {
	t.Helper()
	c, err := cycle.Parse(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return cycle.Analyze(c)
}

// svgNode is any SVG element, kept generically.
type svgNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Content  string     `xml:",chardata"`
	Children []svgNode  `xml:",any"`
}

func (n *svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// walk visits n and every descendant.
func (n *svgNode) walk(f func(*svgNode)) {
	f(n)
	for i := range n.Children {
		n.Children[i].walk(f)
	}
}

func parseSVG(t testing.TB, data []byte) *svgNode {
	t.Helper()
	var root svgNode
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	dec.Strict = true
	if err := dec.Decode(&root); err != nil {
		t.Fatalf("SVG is not well-formed XML: %v", err)
	}
	return &root
}

// bbox is a box in SVG coordinates (y down).
type bbox struct{ x0, y0, x1, y1 float64 }

func (b bbox) overlaps(o bbox) bool {
	return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1
}

func (b bbox) cx() float64 { return (b.x0 + b.x1) / 2 }
func (b bbox) cy() float64 { return (b.y0 + b.y1) / 2 }

var numRE = regexp.MustCompile(`-?[0-9]+(?:\.[0-9]+)?`)

// shapeBox is the bounding box of the outline shapes (polygon, polyline,
// path, ellipse) under a group, text excluded.
func shapeBox(g *svgNode) (bbox, bool) {
	b := bbox{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	found := false
	addPt := func(x, y float64) {
		b.x0, b.y0 = min(b.x0, x), min(b.y0, y)
		b.x1, b.y1 = max(b.x1, x), max(b.y1, y)
		found = true
	}
	g.walk(func(n *svgNode) {
		var s string
		switch n.XMLName.Local {
		case "polygon", "polyline":
			s = n.attr("points")
		case "path":
			s = n.attr("d")
		case "ellipse":
			f := func(k string) float64 { v, _ := strconv.ParseFloat(n.attr(k), 64); return v }
			addPt(f("cx")-f("rx"), f("cy")-f("ry"))
			addPt(f("cx")+f("rx"), f("cy")+f("ry"))
			return
		default:
			return
		}
		nums := numRE.FindAllString(s, -1)
		for i := 0; i+1 < len(nums); i += 2 {
			x, _ := strconv.ParseFloat(nums[i], 64)
			y, _ := strconv.ParseFloat(nums[i+1], 64)
			addPt(x, y)
		}
	})
	return b, found
}

// groups returns the <g> elements whose class has the given word, by id.
func groups(root *svgNode, class string) map[string]*svgNode {
	out := map[string]*svgNode{}
	root.walk(func(n *svgNode) {
		if n.XMLName.Local != "g" {
			return
		}
		for _, c := range strings.Fields(n.attr("class")) {
			if c == class {
				out[n.attr("id")] = n
			}
		}
	})
	return out
}

// texts returns the text of every <text> element, in document order.
func texts(root *svgNode) []string {
	var out []string
	root.walk(func(n *svgNode) {
		if n.XMLName.Local == "text" {
			out = append(out, n.Content)
		}
	})
	return out
}

var genWords = strings.Fields(`customer waits receives explains calls visits counter form payment receipt
delivery confirmation appointment document queue manager adviser online branch technician warranty
invoice complaint refund extraordinarily telecommunications acknowledgement`)

// phraser returns a function making phrases of lo to hi words drawn
// from words with r.
func phraser(r *rand.Rand, words []string) func(lo, hi int) string {
	return func(lo, hi int) string {
		k := lo + r.Intn(hi-lo+1)
		p := make([]string, k)
		for i := range p {
			p[i] = words[r.Intn(len(words))]
		}
		return strings.Join(p, " ")
	}
}

// genCycle writes a pseudo-random cycle of n moments as YAML.
func genCycle(n int, seed int64) []byte {
	r := rand.New(rand.NewSource(seed))
	phrase := phraser(r, genWords)
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\ncustomer: %s\nclosed: %v\nmoments:\n", phrase(1, 8), phrase(1, 4), r.Intn(4) > 0)
	for i := range n {
		fmt.Fprintf(&b, "  - id: m%d\n    name: %s\n", i+1, phrase(1, 14))
		if r.Intn(5) > 0 {
			fmt.Fprintf(&b, "    owner: %s\n    channel: %s\n", phrase(1, 4), []string{"phone", "web"}[r.Intn(2)])
		}
		if r.Intn(4) > 0 {
			fmt.Fprintf(&b, "    importance: %d\n    performance: %d\n", 1+r.Intn(5), 1+r.Intn(5))
		}
		if r.Intn(3) == 0 {
			b.WriteString("    improvements:\n")
			for range 1 + r.Intn(3) {
				fmt.Fprintf(&b, "      - action: %s\n        owner: %s\n", phrase(2, 16), phrase(1, 3))
			}
		}
		if n > 4 && r.Intn(8) == 0 {
			seq, other := (i+1)%n+1, r.Intn(n)+1
			if other != seq && other != i+1 {
				fmt.Fprintf(&b, "    next: [m%d, m%d]\n", seq, other)
			}
		}
	}
	return []byte(b.String())
}

// allPages is a drawing's pages: itself, then its further pages (More).
func allPages(d *draw.Drawing) []*draw.Drawing {
	return append([]*draw.Drawing{d}, d.More...)
}

// joinBroken joins the lines of wrapped text as they were before
// draw.Wrap broke them: the hyphen it adds where a word breaks between two
// letters is taken off (the texts the tests wrap have no hyphen of their
// own there).
func joinBroken(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i+1 < len(parts) && strings.HasSuffix(p, "-") {
			r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(p, "-"))
			n, _ := utf8.DecodeRuneInString(strings.TrimLeft(parts[i+1], " "))
			if unicode.IsLetter(r) && unicode.IsLetter(n) {
				p = strings.TrimSuffix(p, "-")
			}
		}
		b.WriteString(p)
	}
	return b.String()
}
