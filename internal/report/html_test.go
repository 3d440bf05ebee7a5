package report

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func renderHTML(t *testing.T, path string, opts HTMLOptions) ([]byte, *html.Node) {
	t.Helper()
	a := load(t, path)
	if opts.Today.IsZero() {
		opts.Today = today
	}
	out, err := HTML(a, opts)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("html does not parse: %v", err)
	}
	return out, doc
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// checkOffline fails when the page could fetch anything: scripts, linked
// resources, remote src/href other than <a> links to the evidence URLs,
// @import or remote url() in styles.
func checkOffline(t *testing.T, doc *html.Node, allowed map[string]bool) {
	t.Helper()
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "link", "iframe", "object", "embed", "img", "image", "use", "foreignobject":
				t.Errorf("page has a <%s> element", n.Data)
			}
			for _, a := range n.Attr {
				key := a.Key
				if a.Namespace != "" {
					key = a.Namespace + ":" + a.Key
				}
				val := strings.ToLower(strings.TrimSpace(a.Val))
				remote := strings.HasPrefix(val, "http:") || strings.HasPrefix(val, "https:") || strings.HasPrefix(val, "//")
				switch {
				case strings.HasPrefix(key, "on"):
					t.Errorf("event handler %s on <%s>", key, n.Data)
				case key == "src" && val != "":
					t.Errorf("<%s src=%q>", n.Data, a.Val)
				case (key == "href" || strings.HasSuffix(key, "href")) && remote:
					if n.Data != "a" || !allowed[a.Val] {
						t.Errorf("<%s %s=%q> is not an evidence link", n.Data, key, a.Val)
					}
				case key == "style" && (strings.Contains(val, "url(") || strings.Contains(val, "@import")):
					t.Errorf("style attribute fetches: %q", a.Val)
				}
			}
		}
		if n.Type == html.TextNode && n.Parent != nil && n.Parent.Data == "style" {
			css := strings.ToLower(n.Data)
			if strings.Contains(css, "@import") || strings.Contains(css, "url(") {
				t.Errorf("style sheet fetches: %q", css)
			}
		}
	})
}

func byID(doc *html.Node, id string) *html.Node {
	var found *html.Node
	walk(doc, func(n *html.Node) {
		if v, ok := attr(n, "id"); ok && v == id && found == nil {
			found = n
		}
	})
	return found
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func TestHTMLSelfContainedWithCharts(t *testing.T) {
	for _, f := range []string{"testdata/clinic.yaml", "testdata/garantia.yaml"} {
		t.Run(f, func(t *testing.T) {
			a := load(t, f)
			allowed := map[string]bool{}
			for _, m := range a.Moments {
				if m.URL != "" {
					allowed[m.URL] = true
				}
			}
			_, doc := renderHTML(t, f, HTMLOptions{})
			checkOffline(t, doc, allowed)
			for _, id := range []string{"chart-ipa", "chart-curve", "chart-servqual"} {
				n := byID(doc, id)
				if n == nil || n.Data != "svg" {
					t.Errorf("no <svg id=%q>", id)
					continue
				}
				if c, _ := attr(n, "class"); c != "chart" {
					t.Errorf("%s has class %q", id, c)
				}
				// A chart draws something: paths and words.
				var paths, texts int
				walk(n, func(c *html.Node) {
					switch c.Data {
					case "path":
						paths++
					case "text":
						texts++
					}
				})
				if paths < 5 || texts < 5 {
					t.Errorf("%s has %d paths and %d texts", id, paths, texts)
				}
			}
			// Every moment number is plotted in the IPA chart.
			plotted := map[string]bool{}
			walk(byID(doc, "chart-ipa"), func(n *html.Node) {
				if n.Data == "text" {
					for _, num := range strings.Split(textOf(n), ", ") {
						plotted[num] = true
					}
				}
			})
			for _, m := range a.Moments {
				if m.Quadrant != "" && !plotted[fmt.Sprint(m.Number())] {
					t.Errorf("moment %d not plotted", m.Number())
				}
			}
			if byID(doc, "cycle-diagram") != nil {
				t.Error("diagram shown though none was given")
			}
		})
	}
}

func TestHTMLQuadrantLinesAtMidpoint(t *testing.T) {
	// Scale 4: the midpoint is 2.5, between the ticks 2 and 3. The dashed
	// lines must sit halfway between them.
	a := parseString(t, `
title: Mid
scale: 4
moments:
  - {id: a, name: A, importance: 4, performance: 1}
  - {id: b, name: B, importance: 1, performance: 4}
`)
	v := newView(a, Options{})
	svg, err := ipaChart(v)
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	for _, q := range []string{"Concentrate here", "Keep up the good work", "Low priority", "Possible overkill"} {
		if !strings.Contains(s, q) {
			t.Errorf("quadrant label %q missing", q)
		}
	}
	// The two dashed lines cross at the centre of the plotted range
	// 0.5..scale+0.5, which is the midpoint (1+scale)/2.
	re := regexp.MustCompile(`<path d="M([0-9.]+),([0-9.]+)L([0-9.]+),([0-9.]+)" style="[^"]*stroke-dasharray:4,3"`)
	lines := re.FindAllStringSubmatch(s, -1)
	if len(lines) != 2 {
		t.Fatalf("found %d dashed quadrant lines, want 2", len(lines))
	}
	num := func(x string) float64 {
		f, err := strconv.ParseFloat(x, 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	v1, h := lines[0][1:], lines[1][1:]
	if num(v1[0]) != num(v1[2]) || num(h[1]) != num(h[3]) {
		t.Fatalf("first line not vertical or second not horizontal: %v %v", v1, h)
	}
	if x, mid := num(v1[0]), (num(h[0])+num(h[2]))/2; math.Abs(x-mid) > 0.05 {
		t.Errorf("vertical line at x=%v, centre of the range at %v", x, mid)
	}
	if y, mid := num(h[1]), (num(v1[1])+num(v1[3]))/2; math.Abs(y-mid) > 0.05 {
		t.Errorf("horizontal line at y=%v, centre of the range at %v", y, mid)
	}
}

func TestHTMLEscapes(t *testing.T) {
	out, doc := renderHTML(t, "testdata/escape.yaml", HTMLOptions{})
	// html/template percent-encodes the angle brackets of the link.
	checkOffline(t, doc, map[string]bool{"https://example.org/evidence?a=1&b=%3c2%3e": true})
	s := string(out)
	for _, bad := range []string{"<script>alert", "<img src=x", "<b>bold", "</td></tr></table><script>", "onerror=alert(1)>"} {
		if strings.Contains(s, bad) {
			t.Errorf("unescaped %q in the page", bad)
		}
	}
	h1 := ""
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "h1" {
			h1 = textOf(n)
		}
	})
	if want := `<script>alert('t&c')</script> "Quoted" & Co`; h1 != want {
		t.Errorf("title shows %q, want %q", h1, want)
	}
	if !strings.Contains(textOf(doc), `{{.Title}} ${x} \N`) {
		t.Error("template-like text not shown literally")
	}
}

func TestHTMLDeterministic(t *testing.T) {
	a1, _ := renderHTML(t, "testdata/clinic.yaml", HTMLOptions{})
	a2, _ := renderHTML(t, "testdata/clinic.yaml", HTMLOptions{})
	if !bytes.Equal(a1, a2) {
		t.Error("two renderings of the same cycle differ")
	}
	if bytes.Contains(a1, []byte("<?xml")) || bytes.Contains(a1, []byte("base64")) {
		t.Error("page carries an XML prolog or embedded font data")
	}
}

const diagram = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
 "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generated by graphviz -->
<svg width="100pt" height="50pt" viewBox="0 0 100 50" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="moment-only" class="moment critical"><a xlink:href="https://example.org/e"><text x="10" y="20">Only &lt;b&gt;</text></a></g>
</svg>
`

func TestHTMLDiagram(t *testing.T) {
	out, doc := renderHTML(t, "testdata/minimal.yaml", HTMLOptions{Diagram: []byte(diagram)})
	n := byID(doc, "cycle-diagram")
	if n == nil || n.Data != "svg" {
		t.Fatal("diagram not inlined as <svg id=cycle-diagram>")
	}
	if bytes.Contains(out, []byte("<!DOCTYPE svg")) || bytes.Contains(out, []byte("<?xml")) {
		t.Error("diagram prolog or doctype kept")
	}
	if byID(doc, "moment-only") == nil {
		t.Error("diagram content lost")
	}
	checkOffline(t, doc, map[string]bool{"https://example.org/e": true})
	// A big diagram shrunk to the column is unreadable: a control without
	// script (the page allows none) shows it at full size, scrolling.
	zoom := byID(doc, "diagram-zoom")
	if zoom == nil || zoom.Data != "input" {
		t.Fatal("no full-size toggle beside the diagram")
	}
	if typ, _ := attr(zoom, "type"); typ != "checkbox" {
		t.Fatalf("full-size toggle is a %q input, want a checkbox", typ)
	}
	for _, w := range []string{`<label for="diagram-zoom"`, "Show at full size", "input.zoom:checked ~ .scroll svg { max-width: none;"} {
		if !bytes.Contains(out, []byte(w)) {
			t.Errorf("page lacks %q", w)
		}
	}
	if out, _ := renderHTML(t, "testdata/minimal.yaml", HTMLOptions{}); bytes.Contains(out, []byte(`id="diagram-zoom"`)) {
		t.Error("full-size toggle without a diagram")
	}

	a := load(t, "testdata/minimal.yaml")
	for _, bad := range []string{
		`<svg><script>alert(1)</script></svg>`,
		`<svg><g onclick="x()"/></svg>`,
		`<svg><image href="https://tracker.example/p.png"/></svg>`,
		`<svg><style>@import url(https://x.example/a.css);</style></svg>`,
		`<svg><rect style="fill:url(https://x.example/#p)"/></svg>`,
		`<svg><a href="javascript:alert(1)">x</a></svg>`,
		`not svg at all`,
	} {
		if _, err := HTML(a, HTMLOptions{Diagram: []byte(bad)}); err == nil {
			t.Errorf("diagram %q accepted", bad)
		}
	}
}

func TestHTMLLanguage(t *testing.T) {
	out, _ := renderHTML(t, "testdata/garantia.yaml", HTMLOptions{})
	for _, w := range []string{`<html lang="es">`, "Plan de acción", "Brechas SERVQUAL", "VENCIDA", "Concentrarse aquí"} {
		if !bytes.Contains(out, []byte(w)) {
			t.Errorf("Spanish page lacks %q", w)
		}
	}
}

// TestHTMLViews shows the journey and the blueprint after the cycle
// diagram, a figure for each of their pages, their ids prefixed so that
// every id of the page is unique.
func TestHTMLViews(t *testing.T) {
	svg := func(kind string) []byte {
		return []byte(`<svg xmlns="http://www.w3.org/2000/svg"><g id="moment-call" class="node moment ` + kind + `"/><g id="title"/></svg>`)
	}
	page, _ := renderHTML(t, "testdata/minimal.yaml", HTMLOptions{Diagram: svg("cycle"), Journey: [][]byte{svg("journey"), svg("journey")}, Blueprint: [][]byte{svg("blueprint")}})
	out := string(page)
	for _, want := range []string{`<svg id="journey-diagram"`, `id="journey-moment-call"`, `<svg id="journey-diagram-2"`, `id="journey-2-moment-call"`, `<svg id="blueprint-diagram"`, `id="blueprint-moment-call"`, `id="moment-call"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	ids := map[string]int{}
	for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(out, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q appears %d times", id, n)
		}
	}
	if _, err := HTML(load(t, "testdata/minimal.yaml"), HTMLOptions{Journey: [][]byte{[]byte(`<svg><script>alert(1)</script></svg>`)}}); err == nil {
		t.Error("a journey with a script was inlined")
	}
}

// TestWithDate: the date in a sentence of the report is set in a span
// that keeps it on one line (a printed report broke "2026-12-01" after
// its hyphen, across two pages), and the sentence around it is escaped.
func TestWithDate(t *testing.T) {
	got := string(withDate("due <before> %s & after", "2026-12-01"))
	want := `due &lt;before&gt; <span class="nowrap">2026-12-01</span> &amp; after`
	if got != want {
		t.Errorf("withDate = %q, want %q", got, want)
	}
	if got := string(withDate("no date", "2026-12-01")); got != "no date" {
		t.Errorf("withDate without %%s = %q", got)
	}
	if got := string(withDate("%s", "<b>")); got != `<span class="nowrap">&lt;b&gt;</span>` {
		t.Errorf("withDate escapes the date: %q", got)
	}
}
