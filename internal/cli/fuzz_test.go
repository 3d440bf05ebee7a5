package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/lint"
	"github.com/ciclo-dev/ciclo/internal/report"
	"github.com/ciclo-dev/ciclo/render"
	"golang.org/x/net/html"
)

// FuzzOutputs feeds every valid cycle the fuzzer finds through everything
// ciclo derives from it without Graphviz: the DOT, the lint findings and
// the JSON, Markdown and HTML reports. None may panic; the DOT names every
// moment's group, the JSON parses, the HTML parses.
func FuzzOutputs(f *testing.F) {
	examples, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	for _, name := range examples {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("title: \"<b>\\\\N\\\\l {x} & \\\"q\\\"\"\nmoments:\n  - {id: a, name: \"\\\\G <script>\", owner: \"}{|<>\", channel: c, importance: 5, performance: 1}\n  - {id: b, name: B, owner: \"&amp;\", channel: c, next: [a]}\n"))
	f.Add([]byte("title: x\nclosed: false\nlanguage: es\nmoments: [{id: a, name: A, improvements: [{action: \"]]>\", due: 2026-01-01}]}]\n"))
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := cycle.Parse("fuzz.yaml", src)
		if err != nil {
			return
		}
		a := cycle.Analyze(c)
		dot, err := render.DOT(a, render.Options{})
		if err != nil {
			t.Fatalf("DOT: %v", err)
		}
		for _, m := range c.Moments {
			if !bytes.Contains(dot, []byte(`id="moment-`+m.ID+`"`)) {
				t.Fatalf("DOT lacks the group of moment %q", m.ID)
			}
		}
		lint.Check(a, lint.Options{Today: today})
		js, err := report.JSONWith(a, report.Options{Today: today})
		if err != nil || !json.Valid(js) {
			t.Fatalf("JSON report: %v", err)
		}
		report.Markdown(a, report.Options{Today: today})
		page, err := report.HTML(a, report.HTMLOptions{Options: report.Options{Today: today}})
		if err != nil {
			t.Fatalf("HTML report: %v", err)
		}
		if _, err := html.Parse(bytes.NewReader(page)); err != nil {
			t.Fatalf("HTML report does not parse: %v", err)
		}
	})
}
