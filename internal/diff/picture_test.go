package diff

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render"
	"github.com/ciclo-dev/ciclo/render/draw"
)

func load(t *testing.T, path string) *cycle.Analysis {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return analyse(t, string(data))
}

func labelText(b *draw.Box) string {
	var sb strings.Builder
	for _, l := range b.Label.Lines {
		for _, sp := range l.Spans {
			sb.WriteString(sp.Text)
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

// TestDecorate marks the changes of both example pairs on the new clock
// face: every changed moment has a tag with its number and its facts, no
// tag covers a moment, a note, another tag or an arrowhead, the removed
// moments are in the panel, and the page holds it all.
func TestDecorate(t *testing.T) {
	for _, tc := range []struct {
		pair, lang string
		tags       map[string][]string
		removed    []string
	}{
		{"garantia", "es", map[string][]string{
			"historial":   {"NUEVO"},
			"mostrador":   {"desempeño 3 → 4 ▲"},
			"diagnostico": {"importancia 4 → 5 ▲", "desempeño 4 → 3 ▼", "ahora crítico (antes no)"},
			"avance":      {"desempeño 3 → 4 ▲", "1 puntuación SERVQUAL cambia", "ya no es crítico"},
			"seguimiento": {"desempeño 2 → 3 ▲"},
		}, []string{"3 · compra", "4 · excepcion", "Designar un suplente"}},
		{"airline", "en", map[string][]string{
			"bag-tag":   {"NEW"},
			"gate-info": {"moved 5 → 4", "performance 3 → 7 ▲", "2 SERVQUAL scores changed", "no longer critical"},
			"boarding":  {"importance 6 → 8 ▲", "performance 6 → 5 ▼", "now critical (was not)"},
			"baggage":   {"performance 4 → 6 ▲"},
		}, []string{"3 · bag-drop", "2 improvements dropped with it"}},
	} {
		t.Run(tc.pair, func(t *testing.T) {
			old := load(t, "../../examples/"+tc.pair+".yaml")
			new := load(t, "../../examples/to-be/"+tc.pair+".yaml")
			dr, _, err := render.ViewDrawing(new, render.Options{Lang: tc.lang})
			if err != nil {
				t.Fatal(err)
			}
			Decorate(dr, Compare(old, new), tc.lang)
			var tags, others []*draw.Box
			var tips []draw.Pt
			byID := map[string]*draw.Box{}
			dr.Each(func(it draw.Item) {
				switch x := it.(type) {
				case *draw.Box:
					byID[x.ID] = x
					if strings.HasPrefix(x.ID, "diff-tag-") {
						tags = append(tags, x)
					} else if x.Shape != draw.Plain && !strings.HasPrefix(x.ID, "diff-new-") {
						others = append(others, x)
					}
				case *draw.Route:
					if x.Head != draw.NoArrow {
						tips = append(tips, x.Tip)
					}
				}
			})
			if len(tags) != len(tc.tags) {
				t.Errorf("%d tags, want %d", len(tags), len(tc.tags))
			}
			for id, lines := range tc.tags {
				tag := byID["diff-tag-"+id]
				if tag == nil {
					t.Errorf("no tag for %s", id)
					continue
				}
				// the moment's number heads the tag
				num := numberOf(byID["moment-"+id])
				if num == "" {
					t.Errorf("moment %s shows no number", id)
				}
				want := append([]string{num + " · " + lines[0]}, lines[1:]...)
				if got := labelText(tag); got != strings.Join(want, "\n")+"\n" {
					t.Errorf("tag of %s:\n%s\nwant:\n%s", id, got, strings.Join(want, "\n"))
				}
			}
			for i, tag := range tags {
				r := tag.Rect
				for _, o := range others {
					if overlap(r, o.Bounds()) > 0 {
						t.Errorf("%s covers %s", tag.ID, o.ID)
					}
				}
				for _, o := range tags[i+1:] {
					if overlap(r, o.Rect) > 0 {
						t.Errorf("%s covers %s", tag.ID, o.ID)
					}
				}
				for _, p := range tips {
					if r.Grow(draw.ArrowLen).Contains(p) {
						t.Errorf("%s hides an arrowhead at %v", tag.ID, p)
					}
				}
			}
			for id, lines := range tc.tags {
				if (lines[0] == "NEW" || lines[0] == "NUEVO") != (byID["diff-new-"+id] != nil) {
					t.Errorf("%s: dashed outline %v, added %v", id, byID["diff-new-"+id] != nil, lines[0])
				}
			}
			panel := byID["diff-removed"]
			if panel == nil {
				t.Fatal("no removed panel")
			}
			for _, s := range tc.removed {
				if !strings.Contains(labelText(panel), s) {
					t.Errorf("removed panel lacks %q:\n%s", s, labelText(panel))
				}
			}
			page, content := dr.Page, dr.Content()
			if content.Min().X < page.Min().X || content.Max().X > page.Max().X || content.Min().Y < page.Min().Y || content.Max().Y > page.Max().Y {
				t.Errorf("content %v outside page %v", content, page)
			}
		})
	}
}

// BenchmarkDecorate marks 200 rescored and 100 removed moments on the
// clock face of a 300-moment cycle.
func BenchmarkDecorate(b *testing.B) {
	old, new := benchPair(b, 200)
	d := Compare(old, new)
	for b.Loop() {
		b.StopTimer()
		dr, _, err := render.ViewDrawing(new, render.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		Decorate(dr, d, "en")
	}
}

// TestDecorateWarnsOnPaper: on a named paper, marks that shrink the
// moment names below draw.MinNameSize add a warning with the size
// reached (the garantia pair's removed-moments panel on a4); marks that
// fit (a three-moment cycle with one tag) add none.
func TestDecorateWarnsOnPaper(t *testing.T) {
	for _, tc := range []struct {
		name, old, new, page string
		warns                bool
	}{
		{"large", "../../examples/garantia.yaml", "../../examples/to-be/garantia.yaml", "a4", true},
		{"large-auto", "../../examples/garantia.yaml", "../../examples/to-be/garantia.yaml", "auto", false},
		{"small", "testdata/settings-old.yaml", "testdata/settings-new.yaml", "a4", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, new := load(t, tc.old), load(t, tc.new)
			dr, _, err := render.ViewDrawing(new, render.Options{Lang: "en", Page: tc.page})
			if err != nil {
				t.Fatal(err)
			}
			before := len(dr.Warnings)
			Decorate(dr, Compare(old, new), "en")
			added := dr.Warnings[before:]
			if !tc.warns {
				if len(added) != 0 {
					t.Errorf("warnings %q, want none", added)
				}
				return
			}
			if len(added) != 1 {
				t.Fatalf("warnings %q, want one", added)
			}
			boxes := map[string]*draw.Box{}
			for _, it := range dr.Items {
				if b, ok := it.(*draw.Box); ok && strings.HasPrefix(b.ID, "moment-") {
					boxes[b.ID] = b
				}
			}
			got := nameSize(boxes)
			if got >= draw.MinNameSize {
				t.Fatalf("names at %.2f pt and a warning", got)
			}
			want := fmt.Sprintf("on A4, the marks of the changes shrink the picture to moment names of %g pt, below the 9 pt", got)
			if !strings.HasPrefix(added[0], want) {
				t.Errorf("warning %q, want it to start %q", added[0], want)
			}
		})
	}
}

// TestDecorateSettings: the heading names the settings that changed,
// old → new, in the order of Diff.Settings.
func TestDecorateSettings(t *testing.T) {
	old, new := load(t, "testdata/settings-old.yaml"), load(t, "testdata/settings-new.yaml")
	for l, want := range map[string]string{
		"en": "Analysis settings changed: language en → es · scale 5 → 7 · servqual 10 → 5 · quadrants midpoint → mean · state as-is → to-be",
		"es": "Ajustes del análisis cambiados: language en → es · scale 5 → 7 · servqual 10 → 5 · quadrants midpoint → mean · state as-is → to-be",
	} {
		dr, _, err := render.ViewDrawing(new, render.Options{Lang: l})
		if err != nil {
			t.Fatal(err)
		}
		Decorate(dr, Compare(old, new), l)
		var head *draw.Box
		for _, it := range dr.Items {
			if b, ok := it.(*draw.Box); ok && b.ID == "diff-heading" {
				head = b
			}
		}
		if head == nil {
			t.Fatal("no heading")
		}
		// the line may wrap: compare the words
		if got := strings.Join(strings.Fields(labelText(head)), " "); !strings.Contains(got, want) {
			t.Errorf("%s heading:\n%s\nlacks %q", l, got, want)
		}
	}
}

// TestRemovedPanelPlace: the removed-moments panel stands right of the
// drawing on a page sized to it, and below it on a portrait sheet, where
// the right would shrink the picture more.
func TestRemovedPanelPlace(t *testing.T) {
	old := load(t, "../../examples/garantia.yaml")
	new := load(t, "../../examples/to-be/garantia.yaml")
	for _, tc := range []struct {
		page  string
		below bool
	}{{"auto", false}, {"a4", true}} {
		dr, _, err := render.ViewDrawing(new, render.Options{Lang: "en", Page: tc.page})
		if err != nil {
			t.Fatal(err)
		}
		Decorate(dr, Compare(old, new), "en")
		var panel *draw.Box
		var moments []*draw.Box
		for _, it := range dr.Items {
			if b, ok := it.(*draw.Box); ok {
				switch {
				case b.ID == "diff-removed":
					panel = b
				case strings.HasPrefix(b.ID, "moment-"):
					moments = append(moments, b)
				}
			}
		}
		if panel == nil {
			t.Fatalf("%s: no removed panel", tc.page)
		}
		for _, m := range moments {
			right := panel.Rect.Min().X > m.Rect.Max().X
			below := panel.Rect.Max().Y < m.Rect.Min().Y // y grows upwards
			if (tc.below && !below) || (!tc.below && !right) {
				t.Errorf("%s: panel %v beside moment %s %v; want it %s", tc.page, panel.Rect, m.ID, m.Rect, map[bool]string{true: "below", false: "right"}[tc.below])
			}
		}
	}
}
