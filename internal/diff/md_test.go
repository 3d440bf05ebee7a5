package diff

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ciclo-dev/ciclo/cycle"
)

// bigCycle is a cycle of n moments with long names and owners, scored
// with s, each with a long improvement.
func bigCycle(n, s int, prefix string) string {
	var b strings.Builder
	b.WriteString("title: Big\nmoments:\n")
	long := strings.Repeat("very long words ", 60)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - {id: %s%d, name: \"Moment %d %s\", owner: \"Owner %d\", channel: phone, importance: 5, performance: %d, improvements: [{action: \"Fix %d %s\", owner: Ana}]}\n",
			prefix, i, i, long, i%7, s, i, long)
	}
	return b.String()
}

func TestMarkdownFitsGitHub(t *testing.T) {
	// 100 moments: every one rescored, half renamed away (removed and
	// added), each with 1,000-character texts.
	old := analyse(t, bigCycle(100, 4, "m"))
	src := bigCycle(50, 1, "m") + strings.SplitN(bigCycle(100, 1, "n"), "moments:\n", 2)[1]
	d := Compare(old, analyse(t, src))
	body := Markdown([]File{{Diff: d}}, MDOptions{Lang: "en"})
	if len(body) > GitHubLimit {
		t.Fatalf("body is %d bytes, over %d", len(body), GitHubLimit)
	}
	text := string(body)
	if !strings.HasPrefix(text, "**Changes to the cycle:** 100 moments added, 50 moments removed") {
		t.Errorf("summary line: %.200s", text)
	}
	if !strings.Contains(text, "> Cut short: ") || !strings.Contains(text, "65,536") {
		t.Errorf("no truncation note at the end:\n%s", text[len(text)-400:])
	}
	for i, line := range strings.Split(text, "\n") {
		// a row holds at most 6 cells of MaxCellLines cut lines
		if n := utf8.RuneCountInString(line); n > 6*MaxCellLines*(MaxCellRunes+40) {
			t.Errorf("line %d is %d characters", i+1, n)
		}
	}
	// Unlimited, nothing is cut: the same rows up to the cut.
	full := string(Markdown([]File{{Diff: d}}, MDOptions{Lang: "en", Limit: 1 << 30}))
	if strings.Contains(full, "Cut short") || !strings.HasPrefix(full, strings.SplitN(text, "\n> Cut short", 2)[0]) {
		t.Errorf("unlimited body differs before the cut or is cut")
	}
	// The note counts the rows left out.
	rows := func(s string) int { return strings.Count(s, "\n| ") - 2*strings.Count(s, "\n#### ") }
	var left int
	fmt.Sscanf(text[strings.Index(text, "> Cut short: ")+len("> Cut short: "):], "%d", &left)
	if got := rows(full) - rows(text); got != left {
		t.Errorf("note says %d rows left out, %d were", left, got)
	}
}

func TestMarkdownEscapes(t *testing.T) {
	old := analyse(t, cycleOf("{id: a, name: A}"))
	new := analyse(t, cycleOf("{id: a, name: A}", `{id: b, name: "Call @support about #12 | <b>bold</b> [x](http://e) *em*", owner: "Desk_1"}`,
		`{id: c, name: "See https://evil.example or www.evil.example, ftp://x", owner: "$\\color{red}{PAID}$ ![img](http://t.example/p.png)"}`))
	body := string(Markdown([]File{{Diff: Compare(old, new)}}, MDOptions{}))
	for _, bad := range []string{"@support", "#12", "<b>", "[x](http", "*em*", "Desk_1",
		"https://", "http://", "www.evil", "ftp://", " $", "![img]"} {
		if strings.Contains(body, bad) {
			t.Errorf("body keeps %q live:\n%s", bad, body)
		}
	}
	if !strings.Contains(body, "\\| &lt;b&gt;bold&lt;/b&gt; \\[x\\](http\u2060://e) \\*em\\*") {
		t.Errorf("escaped name missing:\n%s", body)
	}
}

func TestSummaryPlural(t *testing.T) {
	d := compare(t, cycleOf("{id: a, name: A, importance: 5, performance: 4}"),
		cycleOf("{id: a, name: A, importance: 5, performance: 1}", "{id: b, name: B}"))
	if got, want := d.Summary("en"), "1 moment added, 1 score change (0 up, 1 down), 1 became critical."; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if got, want := d.Summary("es"), "1 momento añadido, 1 cambio de puntuación (0 sube, 1 baja), 1 pasa a ser crítico."; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

func TestHTMLEscapesAndChecksPicture(t *testing.T) {
	d := compare(t, cycleOf("{id: a, name: A}"), cycleOf("{id: a, name: A}", `{id: b, name: "<script>alert(1)</script>"}`))
	page, err := HTML([]File{{Diff: d, Picture: []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>`)}}, HTMLOptions{Lang: "es"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if strings.Contains(s, "<script>") || !strings.Contains(s, "&lt;script&gt;") {
		t.Errorf("name not escaped")
	}
	if !strings.Contains(s, `<svg id="diff-picture-1"`) || strings.Contains(s, "<?xml") {
		t.Errorf("picture not inlined")
	}
	if !strings.Contains(s, "Momentos añadidos") || !strings.Contains(s, `<html lang="es">`) {
		t.Errorf("not in Spanish")
	}
	if _, err := HTML([]File{{Diff: d, Picture: []byte(`<svg onload="x()"></svg>`)}}, HTMLOptions{}); err == nil {
		t.Errorf("a picture with an event handler was inlined")
	}
}

// BenchmarkCompare compares two 100-moment and two 1,000-moment cycles
// (every moment rescored, half renamed) and writes the Markdown.
func BenchmarkCompare(b *testing.B) {
	for _, n := range []int{100, 1000} {
		old, new := benchPair(b, n)
		b.Run(fmt.Sprintf("moments=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d := Compare(old, new)
				Markdown([]File{{Diff: d}}, MDOptions{})
			}
		})
	}
}

func benchPair(b *testing.B, n int) (*cycle.Analysis, *cycle.Analysis) {
	parse := func(src string) *cycle.Analysis {
		c, err := cycle.Parse("bench.yaml", []byte(src))
		if err != nil {
			b.Fatal(err)
		}
		return cycle.Analyze(c)
	}
	src := bigCycle(n/2, 1, "m") + strings.SplitN(bigCycle(n, 1, "n"), "moments:\n", 2)[1]
	return parse(bigCycle(n, 4, "m")), parse(src)
}
