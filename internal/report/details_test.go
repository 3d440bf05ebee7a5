package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
)

const detailSrc = `title: Details
quadrants: mean
state: to-be
moments:
  - id: a
    name: Calls
    description: The first call
    stage: before
    channel: phone
    owner: Desk
    expectation: Quick answer
    standard: Answer in 60 s
    importance: 5
    performance: 2
    critical: false
    url: https://example.org/a
    dimensions:
      courtesy: {expected: 5, perceived: 3}
      access: 4
    pains: [On hold]
    evidence: [Hold music]
    backstage: [Agent looks up the file]
    support: [CRM]
    ignore: [unscored]
  - id: b
    name: Visits
    importance: 3
    performance: 4
`

func detailAnalysis(t *testing.T) *cycle.Analysis {
	t.Helper()
	c, err := cycle.Parse("d.yaml", []byte(detailSrc))
	if err != nil {
		t.Fatal(err)
	}
	return cycle.Analyze(c)
}

// TestDetailsShowEveryField: the per-moment section of the Markdown and
// HTML reports shows every field the file gives a non-critical moment.
func TestDetailsShowEveryField(t *testing.T) {
	a := detailAnalysis(t)
	page, err := HTML(a, HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"md": string(Markdown(a, Options{})), "html": string(page)} {
		for _, want := range []string{"The first call", "before", "Quick answer", "Answer in 60 s", "On hold",
			"Hold music", "Agent looks up the file", "CRM", "courtesy: expected 5, perceived 3 (gap −2)", "access: perceived 4",
			"https://example.org/a"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s report lacks %q", name, want)
			}
		}
	}
	es := string(Markdown(a, Options{Lang: "es"}))
	for _, want := range []string{"## Detalle de los momentos", "cortesía: esperado 5, percibido 3 (brecha −2)", "Tras bambalinas"} {
		if !strings.Contains(es, want) {
			t.Errorf("Spanish report lacks %q", want)
		}
	}
}

// TestReportsSayTheSplit: the quadrants section names the split used and
// where a point on a divider counts.
func TestReportsSayTheSplit(t *testing.T) {
	md := string(Markdown(detailAnalysis(t), Options{}))
	if !strings.Contains(md, "mean importance (4) and mean performance (3)") || !strings.Contains(md, "a point on a divider counts as low") {
		t.Errorf("the quadrants note does not say the split:\n%s", md)
	}
}

// TestJSONCarriesEveryField: the JSON report has every field of every
// moment, the raw scores, and the file's servqual, state and split.
func TestJSONCarriesEveryField(t *testing.T) {
	js, err := JSON(detailAnalysis(t))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["servqual"] != 10.0 || doc["state"] != "to-be" {
		t.Errorf("servqual %v, state %v", doc["servqual"], doc["state"])
	}
	q := doc["quadrants"].(map[string]any)
	if q["split"] != "mean" || q["importance"] != 4.0 || q["performance"] != 3.0 {
		t.Errorf("quadrants %v", q)
	}
	m := doc["moments"].([]any)[0].(map[string]any)
	for key, want := range map[string]string{
		"description": "The first call", "expectation": "Quick answer", "standard": "Answer in 60 s",
		"url": "https://example.org/a", "marked": "false", "pains": "[On hold]", "evidence": "[Hold music]",
		"backstage": "[Agent looks up the file]", "support": "[CRM]", "ignore": "[unscored]",
		"scores": "map[access:map[perceived:4] courtesy:map[expected:5 perceived:3]]",
	} {
		if got := strings.ReplaceAll(strings.TrimSpace(strings.Trim(fmtAny(m[key]), " ")), "  ", " "); got != want {
			t.Errorf("moment key %s = %s, want %s", key, got, want)
		}
	}
	for _, pinned := range []string{"id", "number", "name", "critical", "reasons", "quadrant", "gaps"} {
		if _, ok := m[pinned]; !ok {
			t.Errorf("pinned key %s missing", pinned)
		}
	}
}

func fmtAny(v any) string {
	b, _ := json.Marshal(v)
	s := string(b)
	r := strings.NewReplacer(`"`, "", "{", "map[", "}", "]", ",", " ", ":", ":")
	return strings.ReplaceAll(r.Replace(s), "map[", "map[")
}
