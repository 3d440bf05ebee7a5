package render

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-graphviz"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenCase is one golden comparison.
type goldenCase struct {
	name string // golden file base name
	file string // cycle file
	opts Options
}

func goldenCases(t *testing.T) []goldenCase {
	var cases []goldenCase
	fixtures, _ := filepath.Glob("testdata/*.yaml")
	examples, _ := filepath.Glob("../examples/*.yaml")
	for _, f := range fixtures {
		cases = append(cases, goldenCase{strings.TrimSuffix(filepath.Base(f), ".yaml"), f, Options{}})
	}
	for _, f := range examples {
		name := "example-" + strings.TrimSuffix(filepath.Base(f), ".yaml")
		cases = append(cases, goldenCase{name, f, Options{}})
		for _, page := range []string{"a4", "slide"} {
			cases = append(cases, goldenCase{name + "-" + page, f, Options{Page: page}})
		}
	}
	if len(fixtures) < 8 {
		t.Fatalf("expected the render fixtures under testdata, found %d", len(fixtures))
	}
	for _, th := range Themes[1:] {
		cases = append(cases, goldenCase{"repair12-" + th, "testdata/repair12.yaml", Options{Theme: th}})
	}
	cases = append(cases,
		goldenCase{"repair12-lang-es", "testdata/repair12.yaml", Options{Lang: "es"}},
		goldenCase{"garantia_es-lang-en", "testdata/garantia_es.yaml", Options{Lang: "en"}},
	)
	return cases
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden file (run go test -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test ./render -update and review the diff)", path)
	}
}

// goldenDOT draws c's DOT twice, wants the same bytes, compares them
// with the golden file and returns them.
func goldenDOT(t *testing.T, c goldenCase) []byte {
	t.Helper()
	got, err := DOT(load(t, c.file), c.opts)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := DOT(load(t, c.file), c.opts)
	if !bytes.Equal(got, again) {
		t.Fatal("DOT is not deterministic")
	}
	compareGolden(t, filepath.Join("testdata", "golden", c.name+".dot"), got)
	return got
}

func TestGoldenDOT(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			goldenDOT(t, c)
		})
	}
}

// svgGoldens are the cases whose SVG is also kept as a golden file.
var svgGoldens = map[string]bool{"one": true, "branches": true, "garantia_es": true, "open": true, "repair12-print": true, "decimals": true}

func TestSVG(t *testing.T) {
	ctx := context.Background()
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			a := load(t, c.file)
			got, err := Render(ctx, a, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			root := parseSVG(t, got)
			ms := groups(root, "moment")
			if len(ms) != len(a.Moments) {
				t.Fatalf("%d moment groups, want %d", len(ms), len(a.Moments))
			}
			crit := groups(root, "critical")
			for _, m := range a.Moments {
				g := ms["moment-"+m.ID]
				if g == nil {
					t.Fatalf("no group moment-%s", m.ID)
				}
				if _, ok := crit["moment-"+m.ID]; ok != m.Critical {
					t.Errorf("moment-%s: critical class %v, want %v", m.ID, ok, m.Critical)
				}
			}
			if svgGoldens[c.name] {
				compareGolden(t, filepath.Join("testdata", "golden", c.name+".svg"), got)
			}
		})
	}
}

func TestXDOTHasDrawingOperations(t *testing.T) {
	a := load(t, "testdata/repair12.yaml")
	got, err := XDOT(context.Background(), a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"_draw_", "_ldraw_", "bb=", "xdotversion"} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("xdot output lacks %s", want)
		}
	}
	// it parses back, as the PNG/PDF renderer reads it
	engine.mu.Lock()
	g, err := graphviz.ParseBytes(got)
	if err == nil {
		defer g.Close()
		if bb := g.GetStr("bb"); bb == "" {
			t.Error("no bounding box in the xdot graph")
		}
	}
	engine.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
}

func TestOptionsErrors(t *testing.T) {
	a := load(t, "testdata/one.yaml")
	for _, o := range []Options{
		{Format: "gif"}, {Theme: "neon"}, {Lang: "fr"}, {View: "sankey"},
		{Format: FormatPNG, Scale: MinScale / 2}, {Format: FormatPNG, Scale: MaxScale + 1},
		{Format: FormatPNG, Scale: -1}, {Format: FormatPNG, Scale: math.NaN()}, {Format: FormatPNG, Scale: math.Inf(1)},
	} {
		_, err := Render(context.Background(), a, o)
		if !errors.Is(err, ErrUnsupported) {
			t.Errorf("%+v: got %v, want an ErrUnsupported error", o, err)
		}
		if o.Check() == nil {
			t.Errorf("%+v: Check accepted it", o)
		}
	}
	for _, o := range []Options{
		{Format: FormatDOT, Theme: "print", Lang: "es"}, {Format: FormatPNG}, {Format: FormatPDF},
		{Format: FormatPNG, Scale: MinScale}, {Format: FormatPNG, Scale: MaxScale},
	} {
		if err := o.Check(); err != nil {
			t.Errorf("valid options %+v rejected: %v", o, err)
		}
	}
	if _, err := DOT(nil, Options{}); err == nil {
		t.Error("DOT(nil) gave no error")
	}
}

func TestLanguageAndLegend(t *testing.T) {
	a := load(t, "testdata/garantia_es.yaml")
	es, _ := DOT(a, Options{})
	en, _ := DOT(a, Options{Lang: "en"})
	for _, w := range []string{"Leyenda", "CRÍTICO", "Cliente: "} {
		if !strings.Contains(string(es), w) || strings.Contains(string(en), w) {
			t.Errorf("%q: want it in the Spanish diagram only", w)
		}
	}
	// only marks that appear: no branch or end marker in a closed cycle
	// without branches
	for _, w := range []string{vocabulary["es"].LegBranch, vocabulary["es"].LegEnd, vocabulary["es"].LegCallout} {
		if strings.Contains(string(es), w) {
			t.Errorf("legend explains %q, which does not appear", w)
		}
	}
	// mostrador -> diagnostico changes owner on one channel: a handoff
	if !strings.Contains(string(es), vocabulary["es"].LegHandoff) || !strings.Contains(string(es), `style="dashed"`) {
		t.Error("the handoff is not drawn dashed and explained")
	}
	open, _ := DOT(load(t, "testdata/open.yaml"), Options{})
	if !strings.Contains(string(open), `class="end"`) || !strings.Contains(string(open), vocabulary["en"].LegEnd) {
		t.Error("open cycle: no end marker or no legend entry for it")
	}
	if strings.Contains(string(open), `class="return`) {
		t.Error("open cycle has a return edge")
	}
	br, _ := DOT(load(t, "testdata/branches.yaml"), Options{})
	for _, w := range []string{`class="branch`, vocabulary["en"].LegBranch, `class="sequence handoff"`, `style="dashed"`} {
		if !strings.Contains(string(br), w) {
			t.Errorf("branches: missing %q", w)
		}
	}
}

func TestConcurrentRender(t *testing.T) {
	a := load(t, "testdata/branches.yaml")
	want, err := Render(context.Background(), a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			got, err := Render(context.Background(), a, Options{Theme: Themes[i%3]})
			if err == nil && i%3 == 0 && !bytes.Equal(got, want) {
				err = fmt.Errorf("render %d differs", i)
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Render(ctx, load(t, "testdata/one.yaml"), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	// the shared instance still works
	if _, err := Render(context.Background(), load(t, "testdata/one.yaml"), Options{}); err != nil {
		t.Error(err)
	}
}

func TestMetricsMatchGraphviz(t *testing.T) {
	// a line of every printable ASCII character, regular and bold, plus
	// non-ASCII text: Graphviz's node width must equal our estimate
	var ascii strings.Builder
	for c := byte(33); c < 127; c++ {
		ascii.WriteByte(c)
	}
	for _, s := range []string{ascii.String(), "Atención ¿sí? ñandú", "●●○ 3/5"} {
		for _, bold := range []bool{false, true} {
			body := htmlText(s)
			if bold {
				body = "<B>" + body + "</B>"
			}
			src := fmt.Sprintf(`digraph { n [shape=box fontname=Helvetica margin=0 width=0 height=0 label=<<FONT POINT-SIZE="100">%s</FONT>>] }`, body)
			out, err := layout(context.Background(), []byte(src), FormatXDOT)
			if err != nil {
				t.Fatal(err)
			}
			engine.mu.Lock()
			g, err := graphviz.ParseBytes(out)
			var w string
			if err == nil {
				n, _ := g.NodeByName("n")
				if n != nil {
					w = n.GetStr("width")
				}
				g.Close()
			}
			engine.mu.Unlock()
			var inches float64
			fmt.Sscan(w, &inches)
			est := textWidth(s, 100, bold)
			if d := inches*72 - est; d > 1 || d < -1 {
				t.Errorf("%q bold=%v: graphviz %.2fpt, estimate %.2fpt", s, bold, inches*72, est)
			}
		}
	}
}
