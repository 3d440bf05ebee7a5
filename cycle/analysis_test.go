package cycle

import (
	"reflect"
	"testing"
	"time"
)

// mustParse parses src or fails the test.
func mustParse(t *testing.T, src string) *Cycle {
	t.Helper()
	c, err := Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, src)
	}
	return c
}

// wholeThresholds is the Thresholds of three whole numbers.
func wholeThresholds(importance, performance, gap int) Thresholds {
	return Thresholds{Whole(importance), Whole(performance), Whole(gap)}
}

func TestDefaultThresholds(t *testing.T) {
	// round(0.8 s), round(0.4 s), round(0.4 s); 8s and 4s are even, so
	// 0.8s and 0.4s never end in exactly .5 for a whole s.
	tests := []struct {
		scale int
		want  Thresholds
	}{
		{3, wholeThresholds(2, 1, 1)},  // 2.4 -> 2, 1.2 -> 1
		{4, wholeThresholds(3, 2, 2)},  // 3.2 -> 3, 1.6 -> 2
		{5, wholeThresholds(4, 2, 2)},  // 4.0 -> 4, 2.0 -> 2 (docs/format.md's defaults)
		{6, wholeThresholds(5, 2, 2)},  // 4.8 -> 5, 2.4 -> 2
		{7, wholeThresholds(6, 3, 3)},  // 5.6 -> 6, 2.8 -> 3
		{8, wholeThresholds(6, 3, 3)},  // 6.4 -> 6, 3.2 -> 3
		{9, wholeThresholds(7, 4, 4)},  // 7.2 -> 7, 3.6 -> 4
		{10, wholeThresholds(8, 4, 4)}, // 8.0 -> 8, 4.0 -> 4
	}
	for _, tt := range tests {
		if got := DefaultThresholds(tt.scale); got != tt.want {
			t.Errorf("DefaultThresholds(%d) = %+v, want %+v", tt.scale, got, tt.want)
		}
	}
}

func TestQuadrantOf(t *testing.T) {
	tests := []struct {
		scale, importance, performance int
		want                           Quadrant
	}{
		// Scale 5: midpoint (1+5)/2 = 3; 3 is low, 4 is high.
		{5, 4, 3, ConcentrateHere},
		{5, 4, 4, KeepUp},
		{5, 3, 3, LowPriority},
		{5, 3, 4, PossibleOverkill},
		{5, 5, 1, ConcentrateHere},
		{5, 1, 5, PossibleOverkill},
		// Scale 4: midpoint 2.5; 2 is low, 3 is high.
		{4, 3, 2, ConcentrateHere},
		{4, 3, 3, KeepUp},
		{4, 2, 2, LowPriority},
		{4, 2, 3, PossibleOverkill},
		// Scale 10: midpoint 5.5; 5 is low, 6 is high.
		{10, 6, 5, ConcentrateHere},
		{10, 6, 6, KeepUp},
		{10, 5, 5, LowPriority},
		{10, 5, 6, PossibleOverkill},
		{10, 10, 1, ConcentrateHere},
		// Scale 3: midpoint 2; only 3 is high.
		{3, 3, 2, ConcentrateHere},
		{3, 2, 3, PossibleOverkill},
		// A missing score places nothing.
		{5, 0, 3, None},
		{5, 3, 0, None},
		{5, 0, 0, None},
	}
	for _, tt := range tests {
		if got := QuadrantOf(tt.scale, Whole(tt.importance), Whole(tt.performance)); got != tt.want {
			t.Errorf("QuadrantOf(scale %d, importance %d, performance %d) = %q, want %q",
				tt.scale, tt.importance, tt.performance, got, tt.want)
		}
	}
}

// criticalCycle has one moment per rule. Scale 5, default thresholds
// importance >= 4, performance <= 2, gap >= 2.
const criticalCycle = `title: Criticality
moments:
  - id: low-score     # 4 >= 4 and 2 <= 2: critical
    name: A
    importance: 4
    performance: 2
  - id: fair          # performance 3 > 2: not critical
    name: B
    importance: 5
    performance: 3
    dimensions:
      courtesy: {expected: 3, perceived: 4}   # gap +1
  - id: unimportant   # importance 3 < 4: not critical
    name: C
    importance: 3
    performance: 1
  - id: half-scored   # no performance: not critical, no quadrant
    name: D
    importance: 5
  - id: gap           # courtesy 5 - 3 = 2 >= 2: critical
    name: E
    dimensions:
      courtesy: {expected: 5, perceived: 3}     # gap -2
      reliability: {expected: 4, perceived: 3}  # gap -1, 1 < 2
      responsiveness: 1                         # perceived only: no gap
  - id: unmarked      # would be critical by score, but critical: false
    name: F
    importance: 5
    performance: 1
    critical: false
  - id: marked        # critical: true with nothing else
    name: G
    critical: true
  - id: everything    # marked, low score, and two gaps
    name: H
    importance: 5
    performance: 1
    critical: true
    dimensions:
      tangibles: {expected: 5, perceived: 2}    # gap -3
      access: {expected: 4, perceived: 2}       # gap -2
`

func TestCriticality(t *testing.T) {
	c := mustParse(t, criticalCycle)
	a := Analyze(c)
	th := wholeThresholds(4, 2, 2)
	want := map[string]struct {
		critical bool
		reasons  []Reason
		quadrant Quadrant
	}{
		"low-score": {true, []Reason{{Kind: LowScore, Importance: Whole(4), Performance: Whole(2), Threshold: th}}, ConcentrateHere},
		// Performance 3 is at the midpoint, so low: concentrate here,
		// though not critical by the thresholds.
		"fair": {false, nil, ConcentrateHere},
		// importance 3 <= midpoint 3 is low, performance 1 low.
		"unimportant": {false, nil, LowPriority},
		"half-scored": {false, nil, None},
		"gap":         {true, []Reason{{Kind: Gap, Dimension: "courtesy", Expected: Whole(5), Perceived: Whole(3), Threshold: th}}, None},
		"unmarked":    {false, nil, ConcentrateHere},
		"marked":      {true, []Reason{{Kind: Marked, Threshold: th}}, None},
		// Reasons: the mark first, then the score, then gaps in the
		// canonical order of dimensions (access before tangibles).
		"everything": {true, []Reason{
			{Kind: Marked, Threshold: th},
			{Kind: LowScore, Importance: Whole(5), Performance: Whole(1), Threshold: th},
			{Kind: Gap, Dimension: "access", Expected: Whole(4), Perceived: Whole(2), Threshold: th},
			{Kind: Gap, Dimension: "tangibles", Expected: Whole(5), Perceived: Whole(2), Threshold: th},
		}, ConcentrateHere},
	}
	if len(a.Moments) != len(want) {
		t.Fatalf("%d moments analysed, want %d", len(a.Moments), len(want))
	}
	for _, m := range a.Moments {
		w := want[m.ID]
		if m.Critical != w.critical {
			t.Errorf("%s: critical %v, want %v", m.ID, m.Critical, w.critical)
		}
		if !reflect.DeepEqual(m.Reasons, w.reasons) {
			t.Errorf("%s: reasons\n%+v\nwant\n%+v", m.ID, m.Reasons, w.reasons)
		}
		if m.Quadrant != w.quadrant {
			t.Errorf("%s: quadrant %q, want %q", m.ID, m.Quadrant, w.quadrant)
		}
	}
	var crit []string
	for _, m := range a.Critical() {
		crit = append(crit, m.ID)
	}
	if want := []string{"low-score", "gap", "marked", "everything"}; !reflect.DeepEqual(crit, want) {
		t.Errorf("Critical() = %q, want %q", crit, want)
	}
	if a.Lookup("gap").Moment != c.Moment("gap") || a.Lookup("nope") != nil {
		t.Errorf("Lookup is wrong")
	}

	// Per-moment gaps are perceived - expected, for dimensions with both.
	if got, want := a.Lookup("gap").Gaps, map[string]Decimal{"courtesy": Whole(-2), "reliability": Whole(-1)}; !reflect.DeepEqual(got, want) {
		t.Errorf("gaps of gap = %v, want %v", got, want)
	}
	if got := a.Lookup("low-score").Gaps; len(got) != 0 {
		t.Errorf("gaps of an unscored moment = %v, want none", got)
	}
	// Averages over the cycle: courtesy (+1 + -2) / 2 = -0.5; reliability
	// -1 / 1; access -2; tangibles -3; responsiveness has no expected
	// score anywhere, so no average.
	wantAvg := map[string]float64{"courtesy": -0.5, "reliability": -1, "access": -2, "tangibles": -3}
	if !reflect.DeepEqual(a.DimensionGaps, wantAvg) {
		t.Errorf("DimensionGaps = %v, want %v", a.DimensionGaps, wantAvg)
	}
	if got, want := SortedDimensions(a.DimensionGaps), []string{"reliability", "access", "courtesy", "tangibles"}; !reflect.DeepEqual(got, want) {
		t.Errorf("SortedDimensions = %q, want %q", got, want)
	}
}

func TestCriticalityThresholds(t *testing.T) {
	// Scale 10, thresholds importance >= 7, performance <= 5, gap >= 3.
	c := mustParse(t, `title: T
scale: 10
critical: {importance: 7, performance: 5, gap: 3}
moments:
  - id: a        # 7 >= 7 and 5 <= 5: critical
    name: A
    importance: 7
    performance: 5
  - id: b        # 6 < 7: not critical
    name: B
    importance: 6
    performance: 1
  - id: c        # 8 - 6 = 2 < 3: not critical; 9 - 6 = 3: critical
    name: C
    dimensions:
      courtesy: {expected: 8, perceived: 6}
      security: {expected: 9, perceived: 6}
`)
	a := Analyze(c)
	got := []bool{a.Moments[0].Critical, a.Moments[1].Critical, a.Moments[2].Critical}
	if want := []bool{true, false, true}; !reflect.DeepEqual(got, want) {
		t.Errorf("critical = %v, want %v", got, want)
	}
	if r := a.Moments[2].Reasons; len(r) != 1 || r[0].Dimension != "security" {
		t.Errorf("reasons of c = %+v, want the security gap only", r)
	}
}

func TestReasonText(t *testing.T) {
	th := wholeThresholds(4, 2, 2)
	tests := []struct {
		r      Reason
		en, es string
	}{
		{Reason{Kind: Marked, Threshold: th}, "marked critical in the file", "marcado como crítico en el archivo"},
		{Reason{Kind: LowScore, Importance: Whole(5), Performance: Whole(1), Threshold: th},
			"importance 5 ≥ 4 and performance 1 ≤ 2", "importancia 5 ≥ 4 y desempeño 1 ≤ 2"},
		{Reason{Kind: Gap, Dimension: "courtesy", Expected: Whole(5), Perceived: Whole(2), Threshold: th},
			"courtesy gap: expected 5, perceived 2 (3 ≥ 2)", "brecha en cortesía: esperado 5, percibido 2 (3 ≥ 2)"},
	}
	for _, tt := range tests {
		if got := tt.r.Text("en"); got != tt.en {
			t.Errorf("Text(en) = %q, want %q", got, tt.en)
		}
		if got := tt.r.String(); got != tt.en {
			t.Errorf("String() = %q, want %q", got, tt.en)
		}
		if got := tt.r.Text("es"); got != tt.es {
			t.Errorf("Text(es) = %q, want %q", got, tt.es)
		}
	}
}

func TestHandoffs(t *testing.T) {
	c := mustParse(t, `title: Handoffs
moments:
  - {id: a, name: A, channel: phone, owner: Sales}
  - {id: b, name: B, channel: phone, owner: Support}   # a->b: same channel, owners differ
  - {id: c, name: C, channel: phone, owner: Support}   # b->c: same owner
  - {id: d, name: D, channel: web, owner: Billing}     # c->d: channel changes
  - {id: e, name: E, channel: web}                     # d->e: e has no owner
  - {id: f, name: F, owner: X}                         # e->f: f has no channel
  - {id: g, name: G, owner: Y}                         # f->g: no channel on either side
  - {id: h, name: H, channel: phone, owner: Sales}     # g->h: channel changes
  - {id: i, name: I, channel: phone, owner: Quality}   # h->i: handoff; i->a: owners differ too
`)
	a := Analyze(c)
	var got [][2]string
	for _, e := range a.Handoffs {
		if !e.Handoff {
			t.Errorf("edge %s->%s listed as a handoff without the mark", e.From.ID, e.To.ID)
		}
		got = append(got, [2]string{e.From.ID, e.To.ID})
	}
	want := [][2]string{{"a", "b"}, {"h", "i"}, {"i", "a"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("handoffs = %v, want %v", got, want)
	}
	n := 0
	for _, e := range a.Edges {
		if e.Handoff {
			n++
		}
	}
	if n != len(want) {
		t.Errorf("%d edges marked handoff, want %d", n, len(want))
	}
}

type edge struct {
	from, to string
	kind     EdgeKind
}

func edgesOf(c *Cycle) []edge {
	var out []edge
	for _, e := range c.Edges() {
		out = append(out, edge{e.From.ID, e.To.ID, e.Kind})
	}
	return out
}

func TestEdges(t *testing.T) {
	c := mustParse(t, `title: Edges
moments:
  - {id: a, name: A}               # a->b by default
  - {id: b, name: B, next: [c, a]} # b->c is the next in the list; b->a goes back
  - {id: c, name: C, next: [e, d]} # c->e skips ahead; c->d is the next in the list
  - {id: d, name: D}               # d->e by default
  - {id: e, name: E}               # the last: back to the first, as closed
`)
	want := []edge{
		{"a", "b", Sequence},
		{"b", "c", Sequence}, {"b", "a", Branch},
		{"c", "e", Branch}, {"c", "d", Sequence},
		{"d", "e", Sequence},
		{"e", "a", Return},
	}
	if got := edgesOf(c); !reflect.DeepEqual(got, want) {
		t.Errorf("edges\n%v\nwant\n%v", got, want)
	}
	if c.IsEnd(c.Moment("e")) {
		t.Errorf("in a closed cycle the last moment is not an end")
	}

	// Open cycle: no return edge, and the last moment ends the cycle.
	c = mustParse(t, `title: Open
closed: false
moments:
  - {id: a, name: A}
  - {id: b, name: B}
  - {id: c, name: C}
`)
	want = []edge{{"a", "b", Sequence}, {"b", "c", Sequence}}
	if got := edgesOf(c); !reflect.DeepEqual(got, want) {
		t.Errorf("open cycle edges %v, want %v", got, want)
	}
	if !c.IsEnd(c.Moment("c")) || c.IsEnd(c.Moment("a")) {
		t.Errorf("IsEnd is wrong in an open cycle")
	}

	// Open cycle whose last moment names the first: that is the return.
	c = mustParse(t, `title: Loop
closed: false
moments:
  - {id: a, name: A}
  - {id: b, name: B, next: a}
`)
	want = []edge{{"a", "b", Sequence}, {"b", "a", Return}}
	if got := edgesOf(c); !reflect.DeepEqual(got, want) {
		t.Errorf("explicit loop edges %v, want %v", got, want)
	}

	// One moment: nothing to return to.
	c = mustParse(t, "title: One\nmoments: [{id: a, name: A}]\n")
	if got := c.Edges(); len(got) != 0 {
		t.Errorf("single-moment cycle has edges %v", edgesOf(c))
	}

	for k, s := range map[EdgeKind]string{Sequence: "sequence", Branch: "branch", Return: "return"} {
		if k.String() != s {
			t.Errorf("EdgeKind(%d).String() = %q, want %q", k, k.String(), s)
		}
	}
}

func TestReachable(t *testing.T) {
	// Built by hand: Parse refuses unreachable moments.
	a := &Moment{Index: 0, ID: "a", Next: []string{"c"}}
	b := &Moment{Index: 1, ID: "b"}
	c := &Moment{Index: 2, ID: "c"}
	d := &Moment{Index: 3, ID: "d", Next: []string{"b"}}
	cy := &Cycle{Closed: false, Moments: []*Moment{a, b, c, d}}
	// a->c, c->d (the next in the list), d->b: all reached.
	if got, want := cy.Reachable(), []bool{true, true, true, true}; !reflect.DeepEqual(got, want) {
		t.Errorf("Reachable = %v, want %v", got, want)
	}
	// With d ending the cycle (next: []), b is lost.
	d.Next = []string{}
	if got, want := cy.Reachable(), []bool{true, false, true, true}; !reflect.DeepEqual(got, want) {
		t.Errorf("Reachable = %v, want %v", got, want)
	}
	// A next naming an unknown id leads nowhere and breaks nothing.
	a.Next = []string{"zz", "b"}
	if got, want := cy.Reachable(), []bool{true, true, true, true}; !reflect.DeepEqual(got, want) {
		t.Errorf("Reachable = %v, want %v", got, want)
	}
	if got := (&Cycle{}).Reachable(); len(got) != 0 {
		t.Errorf("empty cycle: Reachable = %v", got)
	}
}

func TestScoreGap(t *testing.T) {
	tests := []struct {
		s    Score
		has  bool
		want int
	}{
		{Score{Expected: Whole(5), Perceived: Whole(3)}, true, -2},
		{Score{Expected: Whole(3), Perceived: Whole(5)}, true, 2},
		{Score{Perceived: Whole(3)}, false, 0},
		{Score{Expected: Whole(3)}, false, 0},
	}
	for _, tt := range tests {
		if tt.s.HasGap() != tt.has || tt.s.Gap() != Whole(tt.want) {
			t.Errorf("%+v: HasGap %v Gap %v, want %v %d", tt.s, tt.s.HasGap(), tt.s.Gap(), tt.has, tt.want)
		}
	}
}

func TestReasonTextSpanishNamesTheDeterminant(t *testing.T) {
	r := Reason{Kind: Gap, Dimension: "responsiveness", Expected: Whole(5), Perceived: Whole(2), Threshold: Thresholds{Gap: Whole(2)}}
	if got, want := r.Text("es"), "brecha en capacidad de respuesta: esperado 5, percibido 2 (3 ≥ 2)"; got != want {
		t.Errorf("es: %q, want %q", got, want)
	}
	if got, want := r.Text("en"), "responsiveness gap: expected 5, perceived 2 (3 ≥ 2)"; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
}

func TestImprovementOverdue(t *testing.T) {
	due := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) // as Parse reads "2026-03-01"
	late := time.FixedZone("UTC-10", -10*3600)
	tests := []struct {
		name   string
		im     Improvement
		today  time.Time
		expect bool
	}{
		{"the day after", Improvement{Due: due, Status: "planned"}, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), true},
		{"on the day itself", Improvement{Due: due, Status: "doing"}, time.Date(2026, 3, 1, 23, 59, 0, 0, time.UTC), false},
		// 2026-03-01 23:00 at UTC-10 is already 2026-03-02 in UTC: the
		// calendar date in today's own zone counts, so not overdue yet.
		{"today's own zone", Improvement{Due: due, Status: "planned"}, time.Date(2026, 3, 1, 23, 0, 0, 0, late), false},
		{"done is never overdue", Improvement{Due: due, Status: "done"}, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"no due date", Improvement{Status: "planned"}, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"zero today", Improvement{Due: due, Status: "planned"}, time.Time{}, false},
	}
	for _, tt := range tests {
		if got := tt.im.Overdue(tt.today); got != tt.expect {
			t.Errorf("%s: Overdue = %v, want %v", tt.name, got, tt.expect)
		}
	}
}
