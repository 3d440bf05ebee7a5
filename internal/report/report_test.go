package report

import (
	"bytes"
	"flag"
	"github.com/ciclo-dev/ciclo/internal/msg"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// today is the date every golden report is written on.
var today = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

func load(t *testing.T, path string) *cycle.Analysis {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := cycle.Parse(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return cycle.Analyze(c)
}

// fixtures are this package's cycles and the project's examples.
func fixtures(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	own, _ := filepath.Glob("testdata/*.yaml")
	for _, f := range own {
		out[strings.TrimSuffix(filepath.Base(f), ".yaml")] = f
	}
	examples, _ := filepath.Glob("../../examples/*.yaml")
	for _, f := range examples {
		out["examples/"+strings.TrimSuffix(filepath.Base(f), ".yaml")] = f
	}
	if len(own) == 0 {
		t.Fatal("no fixtures in testdata")
	}
	return out
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", filepath.FromSlash(name))
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test -update and review the diff\n--- got ---\n%s", path, got)
	}
}

func TestGolden(t *testing.T) {
	for name, path := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			a := load(t, path)
			golden(t, name+".md", Markdown(a, Options{Today: today}))
			js, err := JSONWith(a, Options{Today: today})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name+".json", js)
		})
	}
}

func TestMarkdownLanguage(t *testing.T) {
	a := load(t, "testdata/garantia.yaml")
	es := string(Markdown(a, Options{Today: today}))
	en := string(Markdown(a, Options{Today: today, Lang: "en"}))
	for _, w := range []string{"## Plan de acción", "## Momentos críticos", "marcado como crítico", "Concentrarse aquí"} {
		if !strings.Contains(es, w) {
			t.Errorf("Spanish report lacks %q", w)
		}
	}
	for _, w := range []string{"## Action plan", "## Critical moments", "marked critical in the file", "Concentrate here"} {
		if !strings.Contains(en, w) {
			t.Errorf("report with --lang en lacks %q", w)
		}
	}
	if strings.Contains(en, "Plan de acción") {
		t.Error("English report has Spanish headings")
	}
}

func TestWordsComplete(t *testing.T) {
	for key, en := range words {
		for _, lang := range cycle.Languages[1:] {
			ctxKey := en
			if pillarKeys[key] {
				ctxKey = "pillar|" + en
			}
			if _, ok := msg.Lookup(lang, ctxKey); !ok {
				t.Errorf("%s lacks %q (word %s)", lang, ctxKey, key)
			}
		}
	}
	for _, d := range cycle.Dimensions {
		if cycle.DimensionName(d, "es") == d {
			t.Errorf("no Spanish name for %s", d)
		}
	}
	for _, p := range cycle.Pillars {
		if pillarWord("es", p) == p && p != "" {
			t.Errorf("no Spanish name for pillar %s", p)
		}
	}
}

func parseString(t *testing.T, src string) *cycle.Analysis {
	t.Helper()
	c, err := cycle.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return cycle.Analyze(c)
}

const planCycle = `
title: Plan
moments:
  - id: a
    name: A
    owner: Desk
    improvements:
      - {action: undated-b, owner: Zed}
      - {action: late, owner: Zed, due: 2026-09-30}
      - {action: today, owner: Zed, due: 2026-10-01}
      - {action: done-late, owner: Zed, due: 2026-01-01, status: done}
      - {action: unowned, due: 2026-01-01}
  - id: b
    name: B
    improvements:
      - {action: undated-a, owner: Zed}
      - {action: early, owner: zed-lower, due: 2025-01-01, status: doing}
      - {action: first, owner: Ana, due: 2027-01-01}
`

func TestPlanOrderAndOverdue(t *testing.T) {
	v := newView(parseString(t, planCycle), Options{Today: today})
	var got []string
	for _, g := range v.Plan {
		var items []string
		for _, it := range g.Items {
			s := it.Action
			if it.Overdue {
				s += "!"
			}
			items = append(items, s)
		}
		got = append(got, g.Label+": "+strings.Join(items, " "))
	}
	want := []string{
		"Ana: first",
		"Zed: done-late late! today undated-b undated-a",
		"zed-lower: early!",
		"Unassigned: unowned!",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if v.Overdue != 3 || v.OpenActions != 7 {
		t.Errorf("overdue %d, open %d; want 3, 7", v.Overdue, v.OpenActions)
	}
	// Without a date nothing is overdue.
	if v := newView(parseString(t, planCycle), Options{}); v.Overdue != 0 {
		t.Errorf("overdue without today = %d", v.Overdue)
	}
}

func TestJSONOverdue(t *testing.T) {
	js, err := JSONWith(parseString(t, planCycle), Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(js), `"overdue": true`); n != 3 {
		t.Errorf("%d overdue flags in JSON, want 3", n)
	}
	plain, err := JSON(parseString(t, planCycle))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(plain), "overdue") {
		t.Error("JSON without a date flags overdue actions")
	}
}

func TestMarkdownEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, 1-2":    "plain text, 1-2",
		"a|b":                `a\|b`,
		"<script>":           `\<script\>`,
		"*x* _y_ `z` [l](u)": "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u)",
		"a\nb":               "a b",
		`back\slash & #`:     `back\\slash \& \#`,
	} {
		if got := md(in); got != want {
			t.Errorf("md(%q) = %q, want %q", in, got, want)
		}
	}
	out := string(Markdown(load(t, "testdata/escape.yaml"), Options{Today: today}))
	if m := regexp.MustCompile(`(^|[^\\])<(script|img|b>)`).FindString(out); m != "" {
		t.Errorf("unescaped markup %q from the file in the Markdown report", m)
	}
	if !strings.Contains(out, `\<script\>alert('t\&c')`) {
		t.Error("escaped title missing")
	}
	// Every table row keeps its column count despite | in the text.
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "| 1 |") && strings.Count(strings.ReplaceAll(l, `\|`, ""), "|") != 9 {
			t.Errorf("broken table row: %s", l)
		}
	}
}

func TestFormatting(t *testing.T) {
	for scale, want := range map[int]string{5: "3", 4: "2.5", 10: "5.5", 3: "2"} {
		if got := formatMid(scale); got != want {
			t.Errorf("formatMid(%d) = %s, want %s", scale, got, want)
		}
	}
	for f, want := range map[float64]string{-1.666: "−1.67", 0.5: "+0.50", -0.001: "0.00", 0: "0.00"} {
		if got := formatAvg(f); got != want {
			t.Errorf("formatAvg(%v) = %s, want %s", f, got, want)
		}
	}
	for g, want := range map[int64]string{-200: "−2", 100: "+1", 0: "0", -125: "−1.25", 30: "+0.3"} {
		if got := formatGap(cycle.Hundredths(g)); got != want {
			t.Errorf("formatGap(%d hundredths) = %s, want %s", g, got, want)
		}
	}
}

func ExampleMarkdown() {
	c, _ := cycle.Parse("visit.yaml", []byte(`
title: Visit
moments:
  - {id: call, name: Calls, owner: Desk, importance: 5, performance: 1}
`))
	out := Markdown(cycle.Analyze(c), Options{Today: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
	os.Stdout.Write(out[:bytes.Index(out, []byte("## Critical"))])
	// Output:
	// # Visit
	//
	// *Service cycle report*
	//
	// - Scale: 1–5
	// - Report date: 2026-01-02
	// - Summary: moments 1 · critical 1 · handoffs 0 · open actions 0 · overdue 0
	//
	// ## Moments
	//
	// | # | Moment | Owner | Channel | Importance | Performance | Quadrant | Critical |
	// | ---: | --- | --- | --- | ---: | ---: | --- | --- |
	// | 1 | Calls | Desk | — | 5 | 1 | Concentrate here | **yes** |
}
