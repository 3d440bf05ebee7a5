package cycle

import (
	"strings"
	"testing"
)

func mustParseKeys(t *testing.T, src string) *Cycle {
	t.Helper()
	c, err := Parse("k.yaml", []byte(src))
	if err != nil {
		t.Fatalf("%s\n%v", src, err)
	}
	return c
}

func problemsOf(t *testing.T, src string) string {
	t.Helper()
	_, err := Parse("k.yaml", []byte(src))
	if err == nil {
		t.Fatalf("accepted:\n%s", src)
	}
	return err.Error()
}

func TestServqualFive(t *testing.T) {
	c := mustParseKeys(t, "title: t\nservqual: 5\nmoments:\n  - id: a\n    name: A\n    dimensions:\n      assurance: {expected: 5, perceived: 2}\n      empathy: 3\n")
	if c.Servqual != 5 || c.Moments[0].Dimensions["assurance"].Perceived != Whole(2) {
		t.Fatalf("servqual %d, dimensions %v", c.Servqual, c.Moments[0].Dimensions)
	}
	a := Analyze(c)
	if !a.Moments[0].Critical || a.Moments[0].Reasons[0].Dimension != "assurance" {
		t.Errorf("a gap in assurance makes no reason: %+v", a.Moments[0])
	}
	if got := DimensionName("empathy", "es"); got != "empatía" {
		t.Errorf("empathy in Spanish: %q", got)
	}
	if c := mustParseKeys(t, "title: t\nmoments: [{id: a, name: A}]\n"); c.Servqual != 10 {
		t.Errorf("default servqual %d", c.Servqual)
	}
	msg := problemsOf(t, "title: t\nmoments:\n  - {id: a, name: A, dimensions: {empathy: 3}}\n")
	if !strings.Contains(msg, "write servqual: 5 at the top of the file") {
		t.Errorf("empathy in a ten-determinant file: %s", msg)
	}
	msg = problemsOf(t, "title: t\nservqual: 5\nmoments:\n  - {id: a, name: A, dimensions: {courtesy: 3}}\n")
	if !strings.Contains(msg, `"courtesy" counts under "assurance"`) {
		t.Errorf("courtesy in a five-dimension file: %s", msg)
	}
	msg = problemsOf(t, "title: t\nservqual: 7\nmoments: [{id: a, name: A}]\n")
	if !strings.Contains(msg, `servqual "7" is not one of 10, 5`) {
		t.Errorf("servqual 7: %s", msg)
	}
}

func TestQuadrantsMean(t *testing.T) {
	src := "title: t\nquadrants: mean\nmoments:\n" +
		"  - {id: a, name: A, importance: 5, performance: 4}\n" +
		"  - {id: b, name: B, importance: 4, performance: 3}\n" +
		"  - {id: c, name: C, importance: 3, performance: 2}\n"
	a := Analyze(mustParseKeys(t, src))
	if a.Split.Rule != "mean" || a.Split.Importance != 4 || a.Split.Performance != 3 {
		t.Fatalf("split %+v, want mean 4 / 3", a.Split)
	}
	// b sits on both dividers: at or below counts low.
	want := []Quadrant{KeepUp, LowPriority, LowPriority}
	for i, m := range a.Moments {
		if m.Quadrant != want[i] {
			t.Errorf("moment %s in %s, want %s", m.ID, m.Quadrant, want[i])
		}
	}
	mid := Analyze(mustParseKeys(t, strings.Replace(src, "quadrants: mean\n", "", 1)))
	if mid.Split.Rule != "midpoint" || mid.Split.Importance != 3 || mid.Moments[2].Quadrant != LowPriority || mid.Moments[1].Quadrant != ConcentrateHere {
		t.Errorf("midpoint split %+v, quadrants %s %s", mid.Split, mid.Moments[1].Quadrant, mid.Moments[2].Quadrant)
	}
}

func TestStateAndBlueprintLists(t *testing.T) {
	c := mustParseKeys(t, "title: t\nstate: to-be\nmoments:\n  - id: a\n    name: A\n    evidence: [Receipt, \"Sign: open\"]\n    backstage: [Checks stock]\n    support:\n      - Stock system\n")
	m := c.Moments[0]
	if c.State != "to-be" || len(m.Evidence) != 2 || m.Evidence[1] != "Sign: open" || m.Backstage[0] != "Checks stock" || m.Support[0] != "Stock system" {
		t.Fatalf("state %q, moment %+v", c.State, m)
	}
	if c := mustParseKeys(t, "title: t\nmoments: [{id: a, name: A}]\n"); c.State != "as-is" || c.Quadrants != "midpoint" {
		t.Errorf("defaults: state %q, quadrants %q", c.State, c.Quadrants)
	}
	msg := problemsOf(t, "title: t\nmoments:\n  - id: a\n    name: A\n    evidence: [\"\"]\n    support: text\n")
	if !strings.Contains(msg, "an entry of evidence must not be empty") || !strings.Contains(msg, "support must be a list") {
		t.Errorf("bad lists: %s", msg)
	}
	long := strings.Repeat("x", MaxLongText+1)
	if msg := problemsOf(t, "title: t\nmoments:\n  - {id: a, name: A, backstage: ["+long+"]}\n"); !strings.Contains(msg, "the limit is 20000") {
		t.Errorf("long backstage entry: %s", msg[:200])
	}
}

func TestHints(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"title: t\nmoments:\n  - id: a\n    name: A\n    improvements:\n      - action: x\n    due: 2027-01-01\n",
			`unknown key "due" in moment 1; "due" belongs to an improvement: check the indentation`},
		{"title: t\nmoments:\n  - id: a\n    name: A\n    improvements: [{action: x, due: 2027-02-30}]\n",
			`due "2027-02-30" is not a date: February 2027 has 28 days`},
		{"title: t\nmoments:\n  - {id: a, name: A, due: 2027-02-28}\n  - {id: ab, name: B, next: [c]}\n",
			`next names unknown moment "c"` + "\n"},
		{"title: t\nmoments:\n  - {id: Arrival, name: A}\n",
			`write it as "arrival"`},
		{"title: t\nmoments:\n  - {id: arrival, name: A, next: [Arrival]}\n",
			`did you mean "arrival"?`},
	} {
		if msg := problemsOf(t, tc.src) + "\n"; !strings.Contains(msg, tc.want) {
			t.Errorf("%s\ngot:  %s\nwant: %s", tc.src, msg, tc.want)
		}
	}
}

// TestAliasedImprovementsReadOnce: a list of improvements that an alias
// repeats is read once and shared, while the node budget is charged as if
// it were read every time.
func TestAliasedImprovementsReadOnce(t *testing.T) {
	src := "title: t\nmoments:\n  - id: a\n    name: A\n    improvements: &l\n      - {action: x, owner: o}\n      - {action: y}\n" +
		"  - {id: b, name: B, improvements: *l}\n  - {id: c, name: C, improvements: *l}\n"
	c := mustParseKeys(t, src)
	if c.Moments[2].Improvements[1] != c.Moments[0].Improvements[1] || len(c.Moments[1].Improvements) != 2 {
		t.Fatal("the aliased list was read again")
	}
	need := nodesNeeded([]byte(src))
	for budget := 1; budget < need; budget++ {
		if _, err := ParseWith("k.yaml", []byte(src), ParseOptions{NodeBudget: budget}); err == nil {
			t.Fatalf("parsed with %d nodes of %d", budget, need)
		}
	}
	p := &parser{nodeBudget: maxNodes}
	p.parse([]byte(strings.Replace(src, "*l", "[{action: x, owner: o}, {action: y}]", 2)))
	if p.nodes != need {
		t.Errorf("aliases charged %d nodes, the lists written out %d", need, p.nodes)
	}
}

// TestSuggestionsAreBounded: the suggestions of one file stop at a budget
// of work, except for words that differ only in case.
func TestSuggestionsAreBounded(t *testing.T) {
	known := []string{"arrival", "payment", "pickup"}
	budget := 3 * 7 * 7
	if got := suggest("arrivl", known, &budget); got != "arrival" {
		t.Fatalf("suggest within the budget = %q", got)
	}
	if got := suggest("paymnt", known, &budget); got != "" || budget != 0 {
		t.Errorf("suggest past the budget = %q, budget left %d", got, budget)
	}
	if got := suggest("PICKUP", known, &budget); got != "pickup" {
		t.Errorf("a word in another case is always suggested: %q", got)
	}
}
