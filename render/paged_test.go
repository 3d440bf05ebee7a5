package render

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// pdfPage is a page object of a PDF.
var pdfPage = regexp.MustCompile(`/Type\s*/Page\b`)

// pagedCases are the journeys laid out in rows on a named paper: airline
// (11 moments) and a 20-moment cycle on a4 portrait and landscape and on
// a slide. keeps says the names must come out at draw.MinNameSize and
// the notes at draw.MinNoteSize or more with no warning: a moment whose
// notes would make its row too tall for that shows a numbered callout
// and its notes go to a panel.
var pagedCases = []struct {
	file, page, orient string
	keeps              bool
}{
	{"airline", "a4", "portrait", true}, {"airline", "a4", "landscape", true}, {"airline", "a4", "auto", true},
	{"airline", "slide", "auto", true},
	{"gen20", "a4", "portrait", true}, {"gen20", "a4", "landscape", true}, {"gen20", "slide", "auto", true},
}

func pagedCycle(t *testing.T, name string) *cycle.Analysis {
	if name == "gen20" {
		return analyse(t, "gen.yaml", genCycle(20, 20))
	}
	return load(t, "../examples/"+name+".yaml")
}

// TestJourneyPaged: on a named paper the journey's rows keep the moment
// names at 9 pt and the notes at 7 pt or more (read back from the SVG of
// every page), every moment is on exactly one page, every page is the
// paper's size with nothing off it and no two marks overlapping, the PDF
// has one page per page, and SVG warns about the pages it leaves out.
func TestJourneyPaged(t *testing.T) {
	testPaged(t, "journey", journeyView, pagedCases)
}

// blueprintPagedCases are the blueprints laid out in rows: every one
// keeps the names at 9 pt, a row of a column or two to a page where the
// cells are tall (airline's on a slide).
var blueprintPagedCases = []struct {
	file, page, orient string
	keeps              bool
}{
	{"airline", "a4", "portrait", true}, {"airline", "a4", "landscape", true}, {"airline", "a4", "auto", true},
	{"airline", "slide", "auto", true},
	{"gen20", "a4", "portrait", true}, {"gen20", "a4", "landscape", true}, {"gen20", "slide", "auto", true},
}

// TestBlueprintPaged: the same promises as TestJourneyPaged for the
// blueprint's rows.
func TestBlueprintPaged(t *testing.T) {
	testPaged(t, "blueprint", blueprintView, blueprintPagedCases)
}

// testPaged checks view (drawn by viewFn) on a named paper: names at
// 9 pt or more (read back from the SVG of every page) or a warning,
// every moment on exactly one page, every page the paper's size with
// nothing off it and no two marks overlapping, one PDF page per page,
// and SVG warning about the pages it leaves out.
func testPaged(t *testing.T, view string, viewFn func(*cycle.Analysis, Options) *draw.Drawing, cases []struct {
	file, page, orient string
	keeps              bool
}) {
	ctx := context.Background()
	for _, c := range cases {
		t.Run(c.file+"/"+c.page+"-"+c.orient, func(t *testing.T) {
			a := pagedCycle(t, c.file)
			o, err := checkInput(a, Options{View: view, Page: c.page, Orientation: c.orient})
			if err != nil {
				t.Fatal(err)
			}
			d := viewFn(a, o)
			paper, _ := draw.LookupPaper(c.page)
			pages := allPages(d)
			seen := map[string]int{}
			names, notes := math.Inf(1), math.Inf(1)
			// the page of each moment, of each inline note or callout, and
			// of each row of the notes panel
			onPage := map[string]int{}
			for i, p := range pages {
				if !(p.Page.W == paper.W && p.Page.H == paper.H || p.Page.W == paper.H && p.Page.H == paper.W) {
					t.Fatalf("page %d is %v, not the %s paper", i+1, p.Page, c.page)
				}
				if c.orient == "landscape" && p.Page.W < p.Page.H || c.orient == "portrait" && p.Page.W > p.Page.H {
					t.Errorf("page %d is %v, not %s", i+1, p.Page, c.orient)
				}
				ms := marks(p, append(slices.Clone(viewMarks[view]), "continued", "continuation")) // and the rows' continuation marks
				ids := slices.Sorted(func(yield func(string) bool) {
					for id := range ms {
						if !yield(id) {
							return
						}
					}
				})
				for j, x := range ids {
					if !contains(p.Page, ms[x]) {
						t.Errorf("page %d: %s %v is outside the page %v", i+1, x, ms[x], p.Page)
					}
					for _, y := range ids[j+1:] {
						if ms[x].Sep(ms[y]) < 0 {
							t.Errorf("page %d: %s %v overlaps %s %v", i+1, x, ms[x], y, ms[y])
						}
					}
				}
				svg, err := Write(ctx, p, Options{})
				if err != nil {
					t.Fatal(err)
				}
				root := parseSVG(t, svg.Data)
				for id, s := range fontSizes(root, "moment") {
					seen[id]++
					onPage[id] = i
					names = min(names, s[1])
				}
				for _, cls := range []string{"note", "panel"} {
					for id, s := range fontSizes(root, cls) {
						if _, dup := onPage[id]; dup && !strings.HasPrefix(id, "notes-panel") {
							t.Errorf("%s on two pages", id)
						}
						onPage[id] = i
						if !math.IsInf(s[0], 1) {
							notes = min(notes, s[0])
						}
					}
				}
				for id := range groups(root, "callout") {
					onPage["callout:"+id] = i
				}
			}
			// every moment's notes are under it, or its callout is and the
			// panel row on its page or on a page of notes after it
			for _, m := range a.Moments {
				if len(m.Improvements) == 0 || view != "journey" {
					continue
				}
				mp := onPage["moment-"+m.ID]
				np, inline := onPage["note-"+m.ID]
				cp, callout := onPage["callout:note-"+m.ID]
				rp, row := onPage["panel-row-"+m.ID]
				switch {
				case callout && row:
					if cp != mp || rp < mp {
						t.Errorf("moment %s on page %d, its callout on %d, its notes on %d", m.ID, mp+1, cp+1, rp+1)
					}
					for j := mp + 1; j <= rp; j++ {
						if ms := fontSizes(parseSVGPage(t, pages[j]), "moment"); len(ms) > 0 {
							t.Errorf("the notes of %s (page %d) come after the moments of page %d", m.ID, mp+1, j+1)
						}
					}
					if rp > 0 && mp == 0 && !strings.Contains(d.MoreNote, fmt.Sprint(m.Number())) {
						t.Errorf("the notes of %s are not on the first page, and the SVG's warning %q does not say so", m.ID, d.MoreNote)
					}
				case inline && !row:
					if np != mp {
						t.Errorf("moment %s on page %d, its notes on %d", m.ID, mp+1, np+1)
					}
				default:
					t.Errorf("moment %s: notes under it %v, callout %v, panel row %v", m.ID, inline, callout, row)
				}
			}
			for _, m := range a.Moments {
				if seen["moment-"+m.ID] != 1 {
					t.Errorf("moment %s is on %d pages, want 1", m.ID, seen["moment-"+m.ID])
				}
			}
			warned := false
			for _, w := range d.Warnings {
				warned = warned || strings.Contains(w, "scaled down to names of")
			}
			t.Logf("%d pages, names %g pt, notes %g pt, warnings %q", len(pages), names, notes, d.Warnings)
			switch {
			case c.keeps && (names < draw.MinNameSize || notes < draw.MinNoteSize || warned):
				t.Errorf("names at %g pt, notes at %g pt (warned %v), want %g and %g pt or more", names, notes, warned, draw.MinNameSize, draw.MinNoteSize)
			case names < draw.MinNameSize && !warned:
				t.Errorf("names at %g pt and no warning", names)
			}
			if c.keeps && c.file == "airline" && len(pages) < 2 {
				t.Errorf("airline on %s in %d page: the rows that keep 9 pt cannot fit one", c.page, len(pages))
			}

			pdf, err := Render(ctx, a, Options{View: view, Page: c.page, Orientation: c.orient, Format: FormatPDF})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(pdfPage.FindAll(pdf, -1)); got != len(pages) {
				t.Errorf("the PDF has %d pages, want %d", got, len(pages))
			}
			svg, err := Draw(ctx, a, Options{View: view, Page: c.page, Orientation: c.orient})
			if err != nil {
				t.Fatal(err)
			}
			if more := len(pages) > 1; more != slices.Contains(svg.Warnings, d.MoreNote) || more && d.MoreNote == "" {
				t.Errorf("%d pages; the SVG's warnings %q", len(pages), svg.Warnings)
			}
		})
	}
}

// TestJourneyPagedGolden keeps the DOT of every page of airline's
// journey on a4, and checks that the auto page is one row as before.
func TestJourneyPagedGolden(t *testing.T) {
	a := load(t, "../examples/airline.yaml")
	o, err := checkInput(a, Options{View: "journey", Page: "a4", Orientation: "landscape"})
	if err != nil {
		t.Fatal(err)
	}
	d := journeyView(a, o)
	var b bytes.Buffer
	for i, p := range allPages(d) {
		fmt.Fprintf(&b, "// page %d\n", i+1)
		b.Write(p.DOT())
	}
	again := journeyView(a, o)
	if !bytes.Equal(again.DOT(), d.DOT()) || len(again.More) != len(d.More) {
		t.Fatal("the paged journey is not deterministic")
	}
	compareGolden(t, filepath.Join("testdata", "golden", "journey-airline-a4-landscape-pages.dot"), b.Bytes())

	auto, _ := checkInput(a, Options{View: "journey"})
	if d := journeyView(a, auto); len(d.More) != 0 || d.Paper != "auto" {
		t.Errorf("--page auto: %d more pages, paper %q", len(d.More), d.Paper)
	}
}

// TestBlueprintPagedGolden keeps the DOT of every page of airline's
// blueprint on a4, and checks that the auto page is one row as before.
func TestBlueprintPagedGolden(t *testing.T) {
	a := load(t, "../examples/airline.yaml")
	o, err := checkInput(a, Options{View: "blueprint", Page: "a4", Orientation: "landscape"})
	if err != nil {
		t.Fatal(err)
	}
	d := blueprintView(a, o)
	if len(d.More) == 0 {
		t.Fatal("airline's blueprint on a4 is one page: its rows at 9 pt cannot fit one")
	}
	var b bytes.Buffer
	for i, p := range allPages(d) {
		fmt.Fprintf(&b, "// page %d\n", i+1)
		b.Write(p.DOT())
	}
	again := blueprintView(a, o)
	if !bytes.Equal(again.DOT(), d.DOT()) || len(again.More) != len(d.More) {
		t.Fatal("the paged blueprint is not deterministic")
	}
	compareGolden(t, filepath.Join("testdata", "golden", "blueprint-airline-a4-landscape-pages.dot"), b.Bytes())

	auto, _ := checkInput(a, Options{View: "blueprint"})
	if d := blueprintView(a, auto); len(d.More) != 0 || d.Paper != "auto" {
		t.Errorf("--page auto: %d more pages, paper %q", len(d.More), d.Paper)
	}
}

// parseSVGPage is the SVG of one page, parsed.
func parseSVGPage(t *testing.T, p *draw.Drawing) *svgNode {
	t.Helper()
	svg, err := Write(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return parseSVG(t, svg.Data)
}

// TestJourneyPanelContinues: a 20-moment journey on a slide has notes
// that go to callouts, their panel rows on the callouts' page or on
// pages of notes alone after it; the SVG's warnings name the notes of
// the first page that only the PDF has, in the file's language.
func TestJourneyPanelContinues(t *testing.T) {
	a := pagedCycle(t, "gen20")
	for _, lang := range []string{"en", "es"} {
		o, err := checkInput(a, Options{View: "journey", Page: "slide", Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		d := journeyView(a, o)
		notesOnly := 0
		for _, p := range allPages(d) {
			if p.Panel != nil && len(p.Items) == 0 {
				notesOnly++
				if p.Panel.Head.ID != "notes-panel-continued" {
					t.Errorf("a page of notes headed %q", p.Panel.Head.ID)
				}
				var head strings.Builder
				p.Panel.Head.Label.Texts(func(s string) { head.WriteString(s) })
				if !strings.Contains(head.String(), a.Cycle.Title) {
					t.Errorf("a page of notes headed %q, without the cycle's title %q", head.String(), a.Cycle.Title)
				}
			}
		}
		if notesOnly == 0 {
			t.Fatal("no page of notes alone: the test shows nothing about the panel continuing")
		}
		svg, err := Draw(context.Background(), a, Options{View: "journey", Page: "slide", Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		says := func(w string) bool {
			for _, f := range []string{journeyVocabulary[lang].WarnNotesPDF, journeyVocabulary[lang].WarnNotesPDFOne} {
				if parts := strings.Split(f, "%s"); strings.Contains(w, parts[1]) && strings.Contains(w, parts[2]) {
					return true
				}
			}
			return false
		}
		if !slices.ContainsFunc(svg.Warnings, says) {
			t.Errorf("%s: the SVG's warnings %q do not say which notes only the PDF has", lang, svg.Warnings)
		}
	}
}

// TestPagesAligned draws the journey and the blueprint of a 20-moment
// cycle and of airline on pages and checks that every page with rows
// keeps its content at one distance from the paper's left edge, inside
// the page: the pages of a handout do not shift left and right. Centred
// one by one, airline's journey on a slide started at 97, 133 and 328 px.
func TestPagesAligned(t *testing.T) {
	for _, name := range []string{"gen20", "airline"} {
		var a *cycle.Analysis
		if name == "airline" {
			a = load(t, "../examples/airline.yaml")
		} else {
			a = pagedCycle(t, name)
		}
		for _, view := range []string{"journey", "blueprint"} {
			for _, page := range []string{"slide", "a4"} {
				o, err := checkInput(a, Options{View: view, Page: page})
				if err != nil {
					t.Fatal(err)
				}
				d := views[view](a, o)
				var gaps []float64
				for _, p := range allPages(d) {
					if len(p.Items) == 0 {
						continue
					}
					c := p.Content()
					gaps = append(gaps, c.Min().X-p.Page.Min().X)
					if c.Min().X < p.Page.Min().X-0.01 || c.Max().X > p.Page.Max().X+0.01 {
						t.Errorf("%s %s on %s: content %v off the page %v", name, view, page, c, p.Page)
					}
				}
				for _, g := range gaps {
					if math.Abs(g-gaps[0]) > 0.01 {
						t.Errorf("%s %s on %s: pages start %v from the left edge", name, view, page, gaps)
						break
					}
				}
			}
		}
	}
}

// TestBlueprintLegendPageHoldsFewer lays garantia's blueprint out on a
// landscape A4: the last page carries the legend beside its row, and a
// row of two moments with it did not keep 9 pt names, so every row was
// cut to one moment (8 pages, each two-thirds blank). The last page now
// takes fewer moments instead: rows of four, 3 pages.
func TestBlueprintLegendPageHoldsFewer(t *testing.T) {
	a := load(t, "../examples/garantia.yaml")
	o, err := Options{View: "blueprint", Page: "a4", Orientation: "landscape"}.normalize("es")
	if err != nil {
		t.Fatal(err)
	}
	d := blueprintView(a, o)
	pages := allPages(d)
	if len(pages) > 3 {
		t.Errorf("%d pages, want 3 or fewer", len(pages))
	}
	if len(d.Warnings) > 0 {
		t.Errorf("warnings %q", d.Warnings)
	}
	if pages[len(pages)-1].Legend == nil {
		t.Error("the last page has no legend")
	}
}

// TestViewsLabelsFitBoxes reads every moment box of the journey and the
// blueprint of every example on a4 and on a slide from the drawing model:
// no line of its text is wider than the box (a critical moment's inside
// its inner outline), however narrow the columns the page chose.
func TestViewsLabelsFitBoxes(t *testing.T) {
	for _, view := range []string{"journey", "blueprint"} {
		for _, file := range examples(t) {
			for _, page := range []string{"a4", "slide"} {
				a := load(t, file)
				o, err := checkInput(a, Options{View: view, Page: page})
				if err != nil {
					t.Fatal(err)
				}
				d := views[view](a, o)
				n := 0
				for _, p := range allPages(d) {
					for _, it := range p.Items {
						b, ok := it.(*draw.Box)
						if !ok || !strings.HasPrefix(b.ID, "moment-") {
							continue
						}
						n++
						if w, _ := b.Label.Size(); w > b.Rect.W+0.01 {
							t.Errorf("%s of %s on %s: %s's text is %.1f pt wide in a box of %.1f", view, filepath.Base(file), page, b.ID, w, b.Rect.W)
						}
					}
				}
				if n != len(a.Moments) {
					t.Errorf("%s of %s on %s: %d moment boxes, want %d", view, filepath.Base(file), page, n, len(a.Moments))
				}
			}
		}
	}
}

// TestBandedPagesBalanced: when a view takes several pages, the moments
// are shared out evenly over them (the last page, with the legend, may
// hold fewer), rather than each page filled in turn and the last moment
// left alone beside the legend with the page before it half empty:
// airline's blueprint on A4 was 4, 4, 2 and 1 moments, garantia's on a
// slide 4, 3 and 1. Beside the last page's moments the legend's rows wrap
// narrower when that draws the page larger, so the last page holds more
// and the whole a page fewer: airline's on A4 was then 3, 3, 3 and 2,
// garantia's on a slide 3, 3 and 2, banco's 4, 3 and 2; on A4 garantia's
// was 4, 3 and 1, hotel's 4, 4, 2 and 1, banco's 3, 3, 2 and 1.
func TestBandedPagesBalanced(t *testing.T) {
	for _, c := range []struct {
		file, page string
		want       []int
	}{
		{"airline", "a4", []int{4, 4, 3}}, {"garantia", "slide", []int{4, 4}}, {"banco", "slide", []int{5, 4}},
		{"garantia", "a4", []int{3, 3, 2}}, {"hotel", "a4", []int{4, 4, 3}}, {"banco", "a4", []int{3, 3, 3}},
	} {
		a := load(t, "../examples/"+c.file+".yaml")
		o, err := checkInput(a, Options{View: "blueprint", Page: c.page})
		if err != nil {
			t.Fatal(err)
		}
		d := blueprintView(a, o)
		var got []int
		for _, p := range allPages(d) {
			n := 0
			for _, it := range p.Items {
				if b, ok := it.(*draw.Box); ok && strings.HasPrefix(b.ID, "moment-") {
					n++
				}
			}
			got = append(got, n)
		}
		if !slices.Equal(got, c.want) || len(d.Warnings) > 0 {
			t.Errorf("%s's blueprint on %s: %v moments a page, warnings %q; want %v and none", c.file, c.page, got, d.Warnings, c.want)
		}
	}
}
