package diff

import (
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
	b.Label.Texts(func(s string) { sb.WriteString(s + "\n") })
	return sb.String()
}

// TestDecorate marks the changes of both example pairs on the new clock
// face: every changed moment has a tag with its facts, no tag covers a
// moment, a note, another tag or an arrowhead, the removed moments are
// in the panel, and the page holds it all.
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
				if got := labelText(tag); got != strings.Join(lines, "\n")+"\n" {
					t.Errorf("tag of %s:\n%s\nwant:\n%s", id, got, strings.Join(lines, "\n"))
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
