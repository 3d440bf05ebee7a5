package report

import (
	"bytes"
	"encoding/json"
	"github.com/ciclo-dev/ciclo/internal/msg"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/ciclo-dev/ciclo/cycle"
)

// examplesPortfolio is the portfolio of the project's examples.
func examplesPortfolio(t *testing.T) []PortfolioCycle {
	t.Helper()
	files, _ := filepath.Glob("../../examples/*.yaml")
	if len(files) < 2 {
		t.Fatal("examples missing")
	}
	var out []PortfolioCycle
	for _, f := range files {
		out = append(out, PortfolioCycle{File: "examples/" + filepath.Base(f), Analysis: load(t, f), Link: strings.TrimSuffix(filepath.Base(f), ".yaml") + ".svg"})
	}
	return out
}

func TestPortfolioGoldens(t *testing.T) {
	cycles := examplesPortfolio(t)
	opts := PortfolioOptions{Today: today, Skipped: []Skipped{{File: "broken.yaml", Reason: "broken.yaml:3:1: error: unknown key"}}}
	js, err := PortfolioJSON(cycles, opts)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "portfolio/examples.json", js)
	golden(t, "portfolio/examples.md", PortfolioMarkdown(cycles, opts))
	opts.Lang = "en"
	golden(t, "portfolio/examples.en.md", PortfolioMarkdown(cycles, opts))
}

func cyc(t *testing.T, file, src string) PortfolioCycle {
	t.Helper()
	c, err := cycle.Parse(file, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return PortfolioCycle{File: file, Analysis: cycle.Analyze(c)}
}

// TestPortfolioRanking: a cycle is as good as its weakest moment, compared
// as a share of each cycle's scale; owners are matched ignoring case and
// ranked by critical moments; SERVQUAL gaps on other scales are put on 1..5.
func TestPortfolioRanking(t *testing.T) {
	// mean 4.33 but one moment at 1: the weakest of the three
	spiky := cyc(t, "spiky.yaml", `title: Spiky
moments:
  - {id: a, name: A, owner: Sales, importance: 5, performance: 1}
  - {id: b, name: B, owner: sales , importance: 2, performance: 5}
  - {id: c, name: C, owner: Desk, importance: 5, performance: 5, improvements: [{action: Fix C, owner: Desk, due: 2026-01-10}]}
`)
	// mean 3, lowest 3: lower mean than spiky, but stronger
	flat := cyc(t, "flat.yaml", `title: Flat
moments:
  - {id: a, name: A, owner: SALES, importance: 5, performance: 3, dimensions: {courtesy: {expected: 5, perceived: 3}}}
  - {id: b, name: B, performance: 3}
`)
	// scale 10: lowest 3/10 is (3-1)/9 = 0.222, between spiky's 0 and flat's 0.5
	ten := cyc(t, "ten.yaml", `title: Ten
scale: 10
moments:
  - {id: a, name: A, owner: Ops, importance: 10, performance: 3, dimensions: {courtesy: {expected: 9, perceived: 5}}}
  - {id: b, name: B, owner: Ops, importance: 9, performance: 9, improvements: [{action: Done one, owner: desk, status: done}, {action: Later, owner: Desk}]}
`)
	none := cyc(t, "none.yaml", "title: Unscored\nmoments:\n  - {id: a, name: A}\n")
	p := NewPortfolio([]PortfolioCycle{flat, none, ten, spiky}, PortfolioOptions{Today: today})

	var order []string
	for _, c := range p.Cycles {
		order = append(order, c.Title)
	}
	if got := strings.Join(order, ","); got != "Spiky,Ten,Flat,Unscored" {
		t.Errorf("cycles ordered %s, want weakest first: Spiky,Ten,Flat,Unscored", got)
	}
	s := p.Cycles[0]
	if s.Weakest == nil || s.Weakest.ID != "a" || *s.MinPerformance != 1 || *s.MeanPerformance != 3.67 || s.Critical != 1 {
		t.Errorf("spiky summary: %+v weakest %+v", s, s.Weakest)
	}
	if p.Cycles[3].Weakest != nil || p.Cycles[3].MinPerformance != nil {
		t.Errorf("an unscored cycle has no weakest moment: %+v", p.Cycles[3])
	}
	// Sales: spiky's A (critical) and B, flat's A (critical by its
	// courtesy gap 2 ≥ 2), spelled as met first (flat comes first)
	if o := p.Owners[0]; o.Owner != "SALES" || o.Critical != 2 || o.Moments != 3 || o.Cycles != 2 {
		t.Errorf("first owner %+v, want Sales with 2 critical of 3 moments in 2 cycles", o)
	}
	if last := p.Owners[len(p.Owners)-1]; last.Owner != "" || last.Moments != 2 {
		t.Errorf("moments without an owner come last: %+v", last)
	}
	// Desk's plan merges "Desk" and "desk"; the done action is counted, not listed
	var desk *PortfolioPlanGroup
	for i := range p.Plan {
		if strings.EqualFold(p.Plan[i].Owner, "desk") {
			desk = &p.Plan[i]
		}
	}
	if desk == nil || len(desk.Items) != 2 || desk.Done != 1 || desk.Items[0].Action != "Fix C" || !desk.Items[0].Overdue || desk.Items[1].Due != "" {
		t.Fatalf("Desk's plan: %+v", desk)
	}
	// courtesy: flat −2 on 1..5; ten −4 on 1..10 is −4×4/9 = −1.78; mean −1.89
	if len(p.Dimensions) != 1 || p.Dimensions[0].Average != -1.89 || p.Dimensions[0].Worst != -2 || p.Dimensions[0].Cycles != 2 {
		t.Errorf("courtesy across cycles: %+v", p.Dimensions)
	}
}

// TestPortfolioHTML: one self-contained page, every diagram as an image
// (ids of different diagrams cannot clash), text escaped.
func TestPortfolioHTML(t *testing.T) {
	cycles := examplesPortfolio(t)
	svg := []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g id="moment-a"/></svg>`)
	for i := range cycles {
		cycles[i].Diagram = svg
	}
	evil := cyc(t, "evil.yaml", "title: \"<script>alert(1)</script>\"\nmoments:\n  - {id: a, name: \"<b>x</b>\", performance: 2}\n")
	evil.Link = "javascript:alert(1)"
	cycles = append(cycles, evil)
	out, err := PortfolioHTML(cycles, PortfolioOptions{Today: today, Lang: "es"})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out)
	if n := strings.Count(page, `<img src="data:image/svg`); n != len(cycles)-1 {
		t.Errorf("%d diagrams embedded, want %d", n, len(cycles)-1)
	}
	if strings.Contains(page, `id="moment-a"`) {
		t.Error("a diagram is inlined: ids of several diagrams would clash")
	}
	for _, bad := range []string{"<script>", "<b>x</b>", `href="javascript:`} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, w := range []string{`<html lang="es">`, "Cartera de ciclos de servicio", `class="range"`, "Momento más débil", "&lt;script&gt;"} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script", "link", "iframe", "object", "embed", "use", "foreignobject":
			t.Errorf("page has a <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			v := strings.ToLower(a.Val)
			switch {
			case strings.HasPrefix(a.Key, "on"):
				t.Errorf("event handler %s", a.Key)
			case a.Key == "src" && !(n.Data == "img" && strings.HasPrefix(v, "data:image/svg+xml;base64,")):
				t.Errorf("<%s src=%.40q>", n.Data, a.Val)
			case a.Key == "href" && (strings.Contains(v, ":") || strings.HasPrefix(v, "//")):
				t.Errorf("<%s href=%q> leaves the page's folder", n.Data, a.Val)
			}
		}
	})
	// a diagram with a script is refused
	cycles[0].Diagram = []byte(`<svg><script>alert(1)</script></svg>`)
	if _, err := PortfolioHTML(cycles, PortfolioOptions{}); err == nil {
		t.Error("a diagram with a script was embedded")
	}
}

// TestPortfolioWords: every portfolio word exists in both languages.
func TestPortfolioWords(t *testing.T) {
	for k, en := range portfolioWords {
		if _, ok := msg.Lookup("es", "portfolio|"+en); !ok {
			t.Errorf("no Spanish for %q", k)
		}
	}
}

// TestPortfolioJSONShape pins the top-level keys.
func TestPortfolioJSONShape(t *testing.T) {
	js, err := PortfolioJSON(examplesPortfolio(t), PortfolioOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"cycles", "owners", "plan", "dimensions", "skipped"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("no %q", k)
		}
	}
	if _, ok := doc["today"]; ok {
		t.Error("today without a date")
	}
}

// TestPortfolioSameTitle: an as-is and a to-be map of one service share a
// title; lists name each with its file.
func TestPortfolioSameTitle(t *testing.T) {
	src := "title: Visit\nmoments:\n  - {id: a, name: A, owner: Desk, importance: 5, performance: 1}\n"
	p := NewPortfolio([]PortfolioCycle{cyc(t, "as-is.yaml", src), cyc(t, "to-be/visit.yaml", src)}, PortfolioOptions{})
	if l := p.Owners[0].List; len(l) != 2 || l[0].Cycle != "Visit (as-is.yaml)" || l[1].Cycle != "Visit (to-be/visit.yaml)" {
		t.Errorf("got %+v", l)
	}
	one := NewPortfolio([]PortfolioCycle{cyc(t, "as-is.yaml", src)}, PortfolioOptions{})
	if one.Owners[0].List[0].Cycle != "Visit" {
		t.Errorf("a unique title is named alone: %+v", one.Owners[0].List[0])
	}
}

// TestPortfolioMarkdownInert: titles, owners, actions and file names from
// cycle files ping no one, link no issue or site, start no formula and
// cannot end the diagram link early to start another.
func TestPortfolioMarkdownInert(t *testing.T) {
	src := "title: \"Call @ops #12 https://evil.example $x$\"\nmoments:\n" +
		"  - {id: a, name: A, owner: \"@owner www.evil.example\", performance: 1, importance: 5, improvements: [{action: \"ping @all\", owner: \"@lead\"}]}\n"
	pc := cyc(t, "a) [x](http:evil.example) | b.yaml", src)
	pc.Link = "./a) [x](http:evil.example) | b.svg"
	out := string(PortfolioMarkdown([]PortfolioCycle{pc}, PortfolioOptions{}))
	for _, bad := range []string{"@ops", "#12", "https://", "www.evil", "@owner", "@all", "@lead", " $x", " | b.yaml"} {
		if strings.Contains(out, bad) {
			t.Errorf("the portfolio keeps %q live:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, "](./a%29%20%5Bx%5D%28http:evil.example%29%20%7C%20b.svg)") {
		t.Errorf("the link's target is not encoded whole:\n%s", out)
	}
}
