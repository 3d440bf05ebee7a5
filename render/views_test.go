package render

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/testtool"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// newViews are the views besides the clock face, which have their own
// tests in this file.
var newViews = []string{"journey", "blueprint", "ipa"}

// viewGoldenCases: every example in its own language and the default
// theme, and airline in the other themes and in Spanish, for each view.
func viewGoldenCases(t *testing.T) []goldenCase {
	var cases []goldenCase
	// every example, in every theme, in its own language and in the other
	// one: NAME, NAME-THEME, NAME-lang-L, NAME-THEME-lang-L
	for _, v := range newViews {
		for _, f := range examples(t) {
			base := strings.TrimSuffix(filepath.Base(f), ".yaml")
			other := "es"
			if load(t, f).Cycle.Language == "es" {
				other = "en"
			}
			for i, th := range Themes {
				for _, lang := range []string{"", other} {
					name := v + "-" + base
					if i > 0 {
						name += "-" + th
					}
					if lang != "" {
						name += "-lang-" + lang
					}
					cases = append(cases, goldenCase{name, f, Options{View: v, Theme: th, Lang: lang}})
				}
			}
		}
	}
	return cases
}

// viewSVGGoldens are the view cases whose SVG is kept too.
var viewSVGGoldens = map[string]bool{"journey-airline": true, "blueprint-airline": true, "ipa-airline": true, "ipa-garantia": true}

func TestViewGoldens(t *testing.T) {
	for _, c := range viewGoldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			a := load(t, c.file)
			got := goldenDOT(t, c)
			if !bytes.HasPrefix(got, []byte(`digraph `+c.opts.View+` {`)) {
				t.Fatalf("not the %s view: %.40q", c.opts.View, got)
			}
			if !viewSVGGoldens[c.name] {
				return
			}
			svg, err := Render(context.Background(), a, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			root := parseSVG(t, svg)
			ms := groups(root, "moment")
			crit := groups(root, "critical")
			for _, m := range a.Moments {
				if c.opts.View == "ipa" && !(scored(m.Importance) && scored(m.Performance)) {
					continue
				}
				if ms["moment-"+m.ID] == nil {
					t.Errorf("no group moment-%s", m.ID)
				}
				if _, ok := crit["moment-"+m.ID]; ok != m.Critical {
					t.Errorf("moment-%s: critical class %v, want %v", m.ID, ok, m.Critical)
				}
			}
			compareGolden(t, filepath.Join("testdata", "golden", c.name+".svg"), svg)
		})
	}
}

// viewMarks are, per view, the SVG classes of the marks that must not
// overlap one another: boxes, words, notes and the legend.
var viewMarks = map[string][]string{
	"journey":   {"title", "stage", "axis", "moment", "note", "legend"},
	"blueprint": {"title", "stage", "lane-name", "line-label", "moment", "cell", "legend", "fail-point"},
	"ipa":       {"title", "axis", "quadrant", "moment", "point-label", "point-key", "unscored", "legend"},
}

// marks lists the items of d whose first class is one of classes, with
// the legend as one item (its frame).
func marks(d *draw.Drawing, classes []string) map[string]draw.Rect {
	out := map[string]draw.Rect{}
	k := 0
	d.Each(func(it Item) {
		var m *draw.Meta
		switch x := it.(type) {
		case *draw.Box:
			m = &x.Meta
		case *draw.Marker:
			m = &x.Meta
		default:
			return
		}
		cls := strings.Fields(m.Class)
		if len(cls) == 0 || !slices.Contains(classes, cls[0]) || (cls[0] == "legend" && m.ID != "legend") {
			return
		}
		k++
		out[fmt.Sprintf("%s#%d", cmpOrID(m.ID, cls[0]), k)] = it.Bounds()
	})
	return out
}

// Item is the drawing model's item, named for the tests.
type Item = draw.Item

func cmpOrID(id, class string) string {
	if id == "" {
		return class
	}
	return id
}

// TestViewsNoOverlap draws generated cycles of 3 to 60 moments in every
// view and wants no two marks (boxes, words, notes, the legend) to
// overlap, every mark inside the page, every moment in the SVG, and in
// the matrix every point's label inside the plot's frame.
func TestViewsNoOverlap(t *testing.T) {
	sizes := []int{3, 4, 7, 12, 20, 31, 45, 60}
	for _, v := range newViews {
		for _, n := range sizes {
			for seed := int64(1); seed <= 2; seed++ {
				t.Run(fmt.Sprintf("%s/n%d-seed%d", v, n, seed), func(t *testing.T) {
					a := analyse(t, "gen.yaml", genCycle(n, seed*1000+int64(n)))
					o, err := checkInput(a, Options{View: v})
					if err != nil {
						t.Fatal(err)
					}
					d := views[v](a, o)
					marksApart(t, d.Page, marks(d, viewMarks[v]))
					if v == "ipa" {
						// every name beside a point lies inside the plot's frame
						var frame draw.Rect
						d.Each(func(it Item) {
							if b, ok := it.(*draw.Box); ok && b.ID == "frame" {
								frame = b.Rect
							}
						})
						for id, r := range marks(d, []string{"point-label"}) {
							if !contains(frame, r) {
								t.Errorf("%s %v leaves the frame %v", id, r, frame)
							}
						}
					}
					if n > 12 && seed == 2 {
						return // the SVG of the larger ones adds little
					}
					svg, err := Write(context.Background(), d, Options{})
					if err != nil {
						t.Fatal(err)
					}
					root := parseSVG(t, svg.Data)
					want := n
					if v == "ipa" {
						want = 0
						for _, m := range a.Moments {
							if scored(m.Importance) && scored(m.Performance) {
								want++
							}
						}
					}
					if got := len(groups(root, "moment")); got != want {
						t.Errorf("%d moment groups in the SVG, want %d", got, want)
					}
					// outlined marks read back from the SVG do not overlap
					var boxes []bbox
					for _, cls := range []string{"moment", "note", "cell"} {
						for _, g := range groups(root, cls) {
							if b, ok := shapeBox(g); ok {
								boxes = append(boxes, b)
							}
						}
					}
					for i := range boxes {
						for j := i + 1; j < len(boxes); j++ {
							if boxes[i].overlaps(boxes[j]) {
								t.Errorf("SVG boxes %v and %v overlap", boxes[i], boxes[j])
							}
						}
					}
				})
			}
		}
	}
}

// marksApart wants every mark on the page and no two overlapping.
func marksApart(t *testing.T, page draw.Rect, ms map[string]draw.Rect) {
	t.Helper()
	ids := slices.Sorted(maps.Keys(ms))
	for i, x := range ids {
		if !contains(page, ms[x]) {
			t.Errorf("%s %v is outside the page %v", x, ms[x], page)
		}
		for _, y := range ids[i+1:] {
			if ms[x].Sep(ms[y]) < 0 {
				t.Errorf("%s %v overlaps %s %v", x, ms[x], y, ms[y])
			}
		}
	}
}

func contains(page, r draw.Rect) bool {
	return r.X-r.W/2 >= page.X-page.W/2-0.01 && r.X+r.W/2 <= page.X+page.W/2+0.01 &&
		r.Y-r.H/2 >= page.Y-page.H/2-0.01 && r.Y+r.H/2 <= page.Y+page.H/2+0.01
}

// TestViewsInjection draws the hostile cycle in every view: every text
// shows literally, nothing executes, no link but http(s).
func TestViewsInjection(t *testing.T) {
	a := analyse(t, "hostile.yaml", []byte(hostile))
	a.Moments[0].URL = "javascript:alert(3)"
	a.Moments[2].URL = "data:text/html,<script>alert(6)</script>"
	for _, v := range newViews {
		t.Run(v, func(t *testing.T) {
			svg, err := Render(context.Background(), a, Options{View: v})
			if err != nil {
				t.Fatal(err)
			}
			root := parseSVG(t, svg)
			// wrapped words are joined back: compare without spaces
			all := strings.ReplaceAll(joinBroken(texts(root)), " ", "")
			lits := []string{`\N`, `\G`, `"quoted"`, `{brace}`, `<b>bold</b>`, `<script>alert(1)</script>`}
			if v != "ipa" { // the matrix shows short names only
				lits = append(lits, `<i>x</i>`, `<script>alert(2)</script>`, `onload=alert(5)>`, `%s`, `%d`, `"q"`)
			}
			if v == "journey" {
				lits = append(lits, `<script>alert(4)</script>`, `{a|b}`, `Who \G`)
			}
			if v != "ipa" {
				lits = append(lits, `Own \E "o" <o> &lt;`)
			}
			for _, lit := range lits {
				if !strings.Contains(all, strings.ReplaceAll(lit, " ", "")) {
					t.Errorf("the text %q is not shown literally", lit)
				}
			}
			if strings.Contains(all, "N1evil") || strings.Contains(all, "T"+v) {
				t.Error("an escape sequence was expanded")
			}
			inert(t, root)
			for _, bad := range []string{"javascript:", "data:text"} {
				if strings.Contains(string(svg), bad) {
					t.Errorf("%s link emitted", bad)
				}
			}
		})
	}
}

// TestViewsInkMatchesLibrsvg: each view's PNG of every example has the
// ink of librsvg's rendering of its SVG (airline in every theme), and its
// PDF carries the moments' names as text.
func TestViewsInkMatchesLibrsvg(t *testing.T) {
	testtool.Need(t, "rsvg-convert", "librsvg2-bin")
	for _, v := range newViews {
		for _, file := range examples(t) {
			themes := []string{"default"}
			if strings.HasSuffix(file, "airline.yaml") {
				themes = Themes
			}
			for _, theme := range themes {
				t.Run(v+"/"+filepath.Base(file)+"/"+theme, func(t *testing.T) {
					o := Options{View: v, Theme: theme, Scale: 2}
					ours, _ := raster(t, file, o)
					svg, err := Render(context.Background(), load(t, file), Options{View: v, Theme: theme})
					if err != nil {
						t.Fatal(err)
					}
					theirs := testtool.Rsvg(t, svg, 144)
					// 3% of any ink, not the clock face's 2%: these views
					// are long hairlines on white (grid, dividers, lane
					// rules) whose antialiased fringe the two rasterisers
					// spread differently; dark ink is held as tightly
					testtool.SameInk(t, ours, theirs, 0.03, 0.05)
				})
			}
		}
	}
}

func TestViewsPDFText(t *testing.T) {
	for _, v := range newViews {
		t.Run(v, func(t *testing.T) {
			a := load(t, "../examples/airline.yaml")
			b, err := Render(context.Background(), a, Options{View: v, Format: FormatPDF})
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(testtool.PDFText(t, b)), " ")
			words := []string{oneLine(a.Cycle.Title), vocabulary["en"].Legend}
			for _, m := range a.Moments {
				words = append(words, strings.Fields(shortName(m.Name, ipaNameLen))[0])
			}
			for _, w := range words {
				if !strings.Contains(text, w) {
					t.Errorf("%q is not in the PDF text", w)
				}
			}
		})
	}
}

// TestBlueprintWithoutLaneFields: a cycle whose moments give no
// evidence, backstage or support draws those lanes empty, says they are
// not in the file, and every word it shows is the file's or a fixed word
// of the view.
func TestBlueprintWithoutLaneFields(t *testing.T) {
	for _, file := range []string{"testdata/repair12.yaml", "testdata/garantia_es.yaml"} {
		a := load(t, file)
		o, err := checkInput(a, Options{View: "blueprint"})
		if err != nil {
			t.Fatal(err)
		}
		d := blueprintView(a, o)
		vw := viewVocabulary[o.Lang]
		var ids []string
		d.Each(func(it Item) {
			if b, ok := it.(*draw.Box); ok {
				ids = append(ids, b.ID)
			}
		})
		for _, id := range ids {
			for _, lane := range []string{"evidence-", "backstage-", "support-"} {
				if strings.HasPrefix(id, lane) {
					t.Errorf("%s: a cell %s is drawn for a field the file lacks", file, id)
				}
			}
		}
		// what the drawing says comes from the file or the fixed words
		var fixed []string
		for _, w := range []*words{vocabulary[o.Lang]} {
			fixed = append(fixed, w.Legend, w.Customer, w.Critical, w.End)
		}
		fixed = append(fixed, vw.LaneEvidence, vw.LaneCustomer, vw.LaneFront, vw.LaneBack, vw.LaneSupport,
			vw.LineInteraction, vw.LineVisibility, vw.LineInternal, vw.NoneGiven, vw.FailPoint,
			vw.LegAction, vw.LegFail, vw.LegHandoff, vw.LegBranch, vw.LegReturn, vw.LegEnd, vw.LegNext, "1")
		var source strings.Builder
		c := a.Cycle
		source.WriteString(c.Title + "\n" + c.Customer + "\n" + c.Organization + "\n")
		for _, m := range a.Moments {
			fmt.Fprintf(&source, "%d\n%s\n%s\n%s\n%s\n%s\n", m.Number(), m.Name, m.Owner, m.Channel, m.Standard, m.Stage)
		}
		src := strings.Join(strings.Fields(source.String()), " ")
		none := 0
		d.Texts(func(s string) {
			s = strings.TrimSuffix(strings.TrimSpace(s), "…")
			s = strings.TrimPrefix(s, vocabulary[o.Lang].Customer+": ")
			if s == vw.NoneGiven {
				none++
			}
			if s == "" || strings.Contains(src, s) || slices.ContainsFunc(fixed, func(f string) bool { return strings.Contains(f, s) }) {
				return // (a fixed word may wrap onto two lines)
			}
			if strings.HasSuffix(s, " · ! "+vocabulary[o.Lang].Critical) {
				return // the number of a critical moment
			}
			t.Errorf("%s: the blueprint says %q, which is neither in the file nor a fixed word", file, s)
		})
		if none != 3 {
			t.Errorf("%s: %d lanes say %q, want 3", file, none, vw.NoneGiven)
		}
	}
}

// TestJourneyCompare overlays an older version with a removed moment, an
// added one and a rescored one: old points only for moments in both, at
// the old score; the removed one named in the legend.
func TestJourneyCompare(t *testing.T) {
	oldSrc := `title: Repair 2025
moments:
  - {id: arrive, name: Arrives, importance: 4, performance: 4}
  - {id: gone, name: Fills a paper form, importance: 3, performance: 2}
  - {id: fix, name: Phone is fixed, importance: 5, performance: 1}
`
	newSrc := `title: Repair 2026
moments:
  - {id: arrive, name: Arrives, importance: 4, performance: 4}
  - {id: fix, name: Phone is fixed, importance: 5, performance: 4}
  - {id: added, name: Gets a text when ready, importance: 3, performance: 5}
`
	old := analyse(t, "old.yaml", []byte(oldSrc))
	a := analyse(t, "new.yaml", []byte(newSrc))
	o, err := checkInput(a, Options{View: "journey", Compare: old})
	if err != nil {
		t.Fatal(err)
	}
	d := journeyView(a, o)
	byID := map[string]draw.Rect{}
	d.Each(func(it Item) {
		if b, ok := it.(*draw.Box); ok && b.ID != "" {
			byID[b.ID] = b.Rect
		}
	})
	for _, id := range []string{"compare-arrive", "compare-fix"} {
		if _, ok := byID[id]; !ok {
			t.Errorf("no old point %s", id)
		}
	}
	for _, id := range []string{"compare-added", "compare-gone"} {
		if _, ok := byID[id]; ok {
			t.Errorf("old point %s drawn for a moment not in both versions", id)
		}
	}
	// same score, same height; rescored 1 -> 4: the old point is lower
	if byID["compare-arrive"].Y != byID["performance-arrive"].Y {
		t.Error("an unchanged score is drawn at another height")
	}
	if !(byID["compare-fix"].Y < byID["performance-fix"].Y-50) {
		t.Errorf("the rescored moment's old point %v is not well below the new %v", byID["compare-fix"], byID["performance-fix"])
	}
	// the old point sits where the new curve would put a score of 1
	if byID["compare-fix"].Y != byID["importance-gone"].Y && byID["compare-fix"].Y >= byID["performance-arrive"].Y {
		t.Error("the old point is not at the old score")
	}
	var legend []string
	for _, r := range d.Legend.Rows {
		r.Text.Label.Texts(func(s string) { legend = append(legend, r.Kind+": "+s) })
	}
	all := strings.Join(legend, "\n")
	if !strings.Contains(all, "compare: ") || !strings.Contains(all, "Repair 2025") {
		t.Errorf("no legend row for the older curve:\n%s", all)
	}
	if !strings.Contains(all, "removed: ") || !strings.Contains(all, "Fills a paper form") {
		t.Errorf("the removed moment is not named:\n%s", all)
	}
	// an older version with the same title is named by its file
	same := analyse(t, "versions/2025.yaml", []byte(strings.Replace(oldSrc, "Repair 2025", "Repair 2026", 1)))
	o.Compare = same
	legend = nil
	for _, r := range journeyView(a, o).Legend.Rows {
		r.Text.Label.Texts(func(s string) { legend = append(legend, r.Kind+": "+s) })
	}
	if all := strings.Join(legend, "\n"); !strings.Contains(all, "versions/2025.yaml") {
		t.Errorf("an older version of the same title is not named by its file:\n%s", all)
	}
	// without --compare, nothing of it
	o.Compare = nil
	plain := journeyView(a, o).DOT()
	if bytes.Contains(plain, []byte("compare")) {
		t.Error("compare marks drawn without an older version")
	}
}

// TestIPAQuadrants: every scored moment's disc lies in the quadrant the
// analysis counts it in, even on a divider (scale 5: a score of 3), and
// the quadrant names are in the file's language.
func TestIPAQuadrants(t *testing.T) {
	for _, file := range []string{"testdata/repair12.yaml", "testdata/garantia_es.yaml", "../examples/airline.yaml"} {
		a := load(t, file)
		o, _ := checkInput(a, Options{View: "ipa"})
		d := ipaView(a, o)
		var dx, dy float64
		discs := map[string]draw.Rect{}
		var texts []string
		d.Each(func(it Item) {
			b, ok := it.(*draw.Box)
			if !ok {
				return
			}
			switch {
			case b.ID == "divider-performance":
			case strings.HasPrefix(b.ID, "moment-"):
				discs[strings.TrimPrefix(b.ID, "moment-")] = b.Rect
			}
			b.Label.Texts(func(s string) { texts = append(texts, s) })
		})
		for _, it := range d.Items {
			if r, ok := it.(*draw.Route); ok {
				switch r.ID {
				case "divider-performance":
					dx = r.Path[0].X
				case "divider-importance":
					dy = r.Path[0].Y
				}
			}
		}
		onDivider := 0
		si, sp := ipaSplit(a)
		for _, m := range a.Moments {
			r, ok := discs[m.ID]
			if m.Quadrant == cycle.None {
				if ok {
					t.Errorf("%s: unscored %s drawn", file, m.ID)
				}
				continue
			}
			if scoreValue(m.Importance) == si || scoreValue(m.Performance) == sp {
				onDivider++
			}
			hiP, hiI := r.X > dx, r.Y > dy
			var q cycle.Quadrant
			switch {
			case hiI && !hiP:
				q = cycle.ConcentrateHere
			case hiI && hiP:
				q = cycle.KeepUp
			case !hiI && !hiP:
				q = cycle.LowPriority
			default:
				q = cycle.PossibleOverkill
			}
			if q != m.Quadrant || r.X == dx || r.Y == dy {
				t.Errorf("%s: %s drawn in %s at %v, the analysis says %s", file, m.ID, q, r, m.Quadrant)
			}
		}
		t.Logf("%s: %d moments on a divider", file, onDivider)
		for _, q := range viewVocabulary[o.Lang].Quadrants {
			if !slices.Contains(texts, q) {
				t.Errorf("%s: quadrant name %q missing", file, q)
			}
		}
	}
}

// TestViewsOnPaper lays every view of airline and of a 20-moment cycle
// out on a4 and slide: the page is the paper's size, everything is on
// it, and names below the minimum are warned about, never silent.
func TestViewsOnPaper(t *testing.T) {
	for _, v := range newViews {
		for _, page := range []string{"a4", "slide"} {
			for name, a := range map[string]*cycle.Analysis{"airline": load(t, "../examples/airline.yaml"), "gen20": analyse(t, "gen.yaml", genCycle(20, 20))} {
				t.Run(v+"/"+page+"/"+name, func(t *testing.T) {
					o, err := checkInput(a, Options{View: v, Page: page})
					if err != nil {
						t.Fatal(err)
					}
					d := views[v](a, o)
					p, _ := draw.LookupPaper(page)
					if !(d.Page.W == p.W && d.Page.H == p.H || d.Page.W == p.H && d.Page.H == p.W) || d.Paper != page {
						t.Fatalf("page %v %q, want the %s paper", d.Page, d.Paper, page)
					}
					if c := d.Content(); !contains(d.Page, c) {
						t.Errorf("content %v leaves the page %v", c, d.Page)
					}
					small := d.MinTextSize() < draw.MinNoteSize-0.01
					if small && len(d.Warnings) == 0 {
						t.Errorf("text at %.1f pt and no warning", d.MinTextSize())
					}
				})
			}
		}
	}
}

func TestSplitText(t *testing.T) {
	for v, want := range map[float64]string{3: "3", 5.5: "5.5", 10: "10", 3.456: "3.46", 7.1: "7.1"} {
		if got := splitText(v); got != want {
			t.Errorf("splitText(%g) = %q, want %q", v, got, want)
		}
	}
}

// TestJourneyOverview: beyond 200 moments the curves keep their lines,
// and points only where a moment is critical.
func TestJourneyOverview(t *testing.T) {
	a := analyse(t, "big.yaml", genCycle(300, 300))
	o, _ := checkInput(a, Options{View: "journey"})
	ids := map[string]bool{}
	journeyView(a, o).Each(func(it Item) {
		if b, ok := it.(*draw.Box); ok {
			ids[b.ID] = true
		}
	})
	crit := 0
	for _, m := range a.Moments {
		if ids["importance-"+m.ID] {
			t.Errorf("importance point of %s drawn", m.ID)
		}
		if want := m.Critical && scored(m.Performance); ids["performance-"+m.ID] != want {
			t.Errorf("performance point of %s: %v, want %v", m.ID, !want, want)
		}
		if m.Critical {
			crit++
		}
	}
	if crit == 0 {
		t.Fatal("no critical moment: the test lost its point")
	}
}

// TestBlueprintLanes: a moment's evidence, backstage and support lists
// fill its cells, item by item, at most bpItems of them and the rest
// counted; a moment without them keeps its cells empty.
func TestBlueprintLanes(t *testing.T) {
	long := strings.Repeat("very long item ", 20)
	lists := map[string][3][]string{
		"arrive":   {{"Queue ticket", "Counter sign"}, {"Triage <b>&</b>"}, {"Ticket system"}},
		"diagnose": {nil, {"a", "b", "c", "d", "e", "f", "g", "h"}, {long}},
	}
	defer func(e, b, s func(*cycle.MomentAnalysis) []string) { evidenceOf, backstageOf, supportOf = e, b, s }(evidenceOf, backstageOf, supportOf)
	evidenceOf = func(m *cycle.MomentAnalysis) []string { return lists[m.ID][0] }
	backstageOf = func(m *cycle.MomentAnalysis) []string { return lists[m.ID][1] }
	supportOf = func(m *cycle.MomentAnalysis) []string { return lists[m.ID][2] }
	a := analyse(t, "repair.yaml", []byte(`title: Repair
moments:
  - {id: arrive, name: Arrives, owner: Desk, channel: shop}
  - {id: diagnose, name: Diagnosis, owner: Workshop, channel: shop}
  - {id: pickup, name: Picks up, owner: Desk, channel: shop}
`))
	o, _ := checkInput(a, Options{View: "blueprint"})
	d := blueprintView(a, o)
	cells := map[string][]string{}
	d.Each(func(it Item) {
		if b, ok := it.(*draw.Box); ok && strings.HasPrefix(b.Class, "cell ") {
			b.Label.Texts(func(s string) { cells[b.ID] = append(cells[b.ID], s) })
		}
	})
	want := map[string]string{
		"evidence-arrive":    "• Queue ticket|• Counter sign",
		"backstage-arrive":   "• Triage <b>&</b>",
		"support-arrive":     "• Ticket system",
		"backstage-diagnose": "• a|• b|• c|• d|• e|• f|and 2 more",
	}
	for id, w := range want {
		if got := strings.Join(cells[id], "|"); got != w {
			t.Errorf("%s: %q, want %q", id, got, w)
		}
	}
	if s := strings.Join(cells["support-diagnose"], " "); !strings.HasSuffix(s, "…") || len([]rune(s)) > bpItemLen+10 {
		t.Errorf("a long item is not cut: %q", s)
	}
	for _, id := range []string{"evidence-diagnose", "evidence-pickup", "backstage-pickup", "support-pickup"} {
		if _, ok := cells[id]; ok {
			t.Errorf("cell %s drawn for a moment without that list", id)
		}
	}
	// the lanes with entries no longer say they have none
	none := 0
	d.Texts(func(s string) {
		if s == viewVocabulary["en"].NoneGiven {
			none++
		}
	})
	if none != 0 {
		t.Errorf("%d lanes say they have nothing", none)
	}
}

// TestJourneyBreaksAtUnscored: the journey's curves break at a moment
// with no score (hotel's concierge has none), rather than running
// through its column at a score it was never given, and the moment is
// marked "not scored" under the axis; the moments either side keep
// their points.
func TestJourneyBreaksAtUnscored(t *testing.T) {
	a := load(t, "../examples/hotel.yaml")
	for _, page := range []string{"", "a4"} {
		o, err := checkInput(a, Options{View: "journey", Page: page})
		if err != nil {
			t.Fatal(err)
		}
		d := journeyView(a, o)
		found := false
		for _, p := range allPages(d) {
			var col *draw.Box
			for _, it := range p.Items {
				if b, ok := it.(*draw.Box); ok && b.ID == "moment-concierge" {
					col = b
				}
			}
			if col == nil {
				continue
			}
			cx := col.Rect.X
			var mark, before, after bool
			for _, it := range p.Items {
				switch x := it.(type) {
				case *draw.Box:
					mark = mark || x.ID == "unscored-concierge" && math.Abs(x.Rect.X-cx) < 1
					before = before || x.ID == "performance-breakfast"
					after = after || x.ID == "performance-check-out"
				case *draw.Route:
					if !strings.Contains(x.Class, "curve") {
						continue
					}
					for i := 1; i < len(x.Path); i++ {
						if x0, x1 := x.Path[i-1].X, x.Path[i].X; min(x0, x1) < cx-1 && max(x0, x1) > cx+1 {
							t.Errorf("page %q: %s runs through the unscored concierge's column (x %.0f to %.0f across %.0f)", page, x.ID, x0, x1, cx)
						}
					}
				}
			}
			if !mark || !before || !after {
				t.Errorf("page %q: marked %v, points either side %v %v", page, mark, before, after)
			}
			found = true
		}
		if !found {
			t.Errorf("page %q: no moment-concierge box", page)
		}
	}
}

// TestBlueprintEndMarker: where the customer leaves, the blueprint draws
// the end marker as the clock face does, a dark pill with the end word
// in white, astride the moment's lower edge, and the moment's own text
// no longer carries the word (banco's "FIN" read as a line of its last
// moment's name); the legend's sample is the same pill.
func TestBlueprintEndMarker(t *testing.T) {
	a := load(t, "../examples/banco.yaml")
	for _, page := range []string{"", "a4"} {
		o, err := checkInput(a, Options{View: "blueprint", Page: page})
		if err != nil {
			t.Fatal(err)
		}
		d := blueprintView(a, o)
		end := vocabulary[o.Lang].End
		found := 0
		for _, p := range allPages(d) {
			boxes := map[string]*draw.Box{}
			for _, it := range p.Items {
				if b, ok := it.(*draw.Box); ok {
					boxes[b.ID] = b
				}
			}
			for _, m := range a.Moments {
				box, pill := boxes["moment-"+m.ID], boxes["end-"+m.ID]
				if box == nil {
					continue
				}
				var text string
				box.Label.Texts(func(s string) { text += s + " " })
				if slices.Contains(strings.Fields(text), end) {
					t.Errorf("page %q: %s's box reads %q, with the end word in it", page, m.ID, text)
				}
				if !a.Cycle.IsEnd(m.Moment) {
					if pill != nil {
						t.Errorf("page %q: %s has an end marker and is no end", page, m.ID)
					}
					continue
				}
				found++
				if pill == nil || pill.Fill == "" || pill.Label.Lines[0].Spans[0].Text != end {
					t.Fatalf("page %q: %s ends the cycle and has no dark end pill: %+v", page, m.ID, pill)
				}
				if lo := box.Rect.Min().Y; pill.Rect.Min().Y > lo || pill.Rect.Max().Y < lo || !contains(box.Rect.Grow(1), rect{X: pill.Rect.X, Y: lo, W: pill.Rect.W, H: 0}) {
					t.Errorf("page %q: %s's end pill %v is not astride its box's lower edge %v", page, m.ID, pill.Rect, box.Rect)
				}
				_, th := box.Label.Size()
				if textBottom := box.Rect.Y - th/2; pill.Rect.Max().Y > textBottom+0.5 {
					t.Errorf("page %q: %s's end pill reaches %.1f, over the box's text, which ends at %.1f", page, m.ID, pill.Rect.Max().Y, textBottom)
				}
			}
		}
		if found == 0 {
			t.Errorf("page %q: no moment of banco ends the cycle: the test shows nothing", page)
		}
		var sample bool
		for _, p := range allPages(d) {
			if p.Legend == nil {
				continue
			}
			for _, r := range p.Legend.Rows {
				if r.Kind == "end" {
					b, ok := r.Sample[0].(*draw.Box)
					sample = ok && b.Fill != "" && b.Shape == draw.Rounded
				}
			}
		}
		if !sample {
			t.Errorf("page %q: the legend's end sample is not the dark pill", page)
		}
	}
}

// TestJourneyNotesOneWay: on a paper the journey shows its notes one way:
// under their moments, or, once some must be numbered callouts with a
// panel, all of them when that costs no page (airline's on a slide had
// callouts on its first page and notes under the moments on its second).
func TestJourneyNotesOneWay(t *testing.T) {
	files, _ := filepath.Glob("../examples/*.yaml")
	for _, file := range files {
		a := load(t, file)
		for _, page := range []string{"a4", "slide"} {
			o, err := checkInput(a, Options{View: "journey", Page: page})
			if err != nil {
				t.Fatal(err)
			}
			callouts, inline := 0, 0
			for _, p := range allPages(journeyView(a, o)) {
				for _, it := range p.Items {
					if b, ok := it.(*draw.Box); ok && strings.HasPrefix(b.ID, "note-") {
						if strings.Contains(b.Class, "callout") {
							callouts++
						} else {
							inline++
						}
					}
				}
			}
			t.Logf("%s on %s: %d callouts, %d notes under their moments", filepath.Base(file), page, callouts, inline)
			if callouts > 0 && inline > 0 {
				t.Errorf("%s on %s: %d callouts and %d notes under their moments", filepath.Base(file), page, callouts, inline)
			}
		}
	}
}
