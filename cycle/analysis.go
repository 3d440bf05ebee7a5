package cycle

import (
	"sort"

	"github.com/ciclo-dev/ciclo/internal/msg"
)

// Quadrant is an importance-performance quadrant (Martilla & James).
type Quadrant string

// The four quadrants, and None for a moment that lacks a score.
const (
	None             Quadrant = ""
	ConcentrateHere  Quadrant = "concentrate-here"
	KeepUp           Quadrant = "keep-up"
	LowPriority      Quadrant = "low-priority"
	PossibleOverkill Quadrant = "possible-overkill"
)

// ReasonKind tells why a moment is critical.
type ReasonKind string

// The reasons a moment can be critical.
const (
	// Marked: the file marks the moment critical: true.
	Marked ReasonKind = "marked"
	// LowScore: important and poorly performed.
	LowScore ReasonKind = "score"
	// Gap: a SERVQUAL dimension falls short of expectation by the threshold.
	Gap ReasonKind = "gap"
)

// Reason is one cause of a moment's criticality, with the figures behind it.
type Reason struct {
	Kind        ReasonKind
	Importance  Decimal // LowScore
	Performance Decimal // LowScore
	Dimension   string  // Gap
	Expected    Decimal // Gap
	Perceived   Decimal // Gap
	Threshold   Thresholds
	// Sample is how many ratings the scores rest on (the moment's
	// sample), 0 when unknown; LowScore and Gap.
	Sample int
}

// String describes the reason in English.
func (r Reason) String() string { return r.Text("en") }

// Text describes the reason in the language lang ("en" or "es"), with
// the exact values compared and, when known, the number of ratings.
func (r Reason) Text(lang string) string {
	sample := ""
	if r.Sample > 0 && r.Kind != Marked {
		sample = msg.Sprintf(lang, ", on %s", Ratings(r.Sample, lang))
	}
	switch r.Kind {
	case Marked:
		return msg.T(lang, "marked critical in the file")
	case LowScore:
		return msg.Sprintf(lang, "importance %s ≥ %s and performance %s ≤ %s%s", r.Importance, r.Threshold.Importance, r.Performance, r.Threshold.Performance, sample)
	case Gap:
		return msg.Sprintf(lang, "%s gap: expected %s, perceived %s (%s ≥ %s)%s", DimensionName(r.Dimension, lang), r.Expected, r.Perceived, r.Expected.Sub(r.Perceived), r.Threshold.Gap, sample)
	}
	return string(r.Kind)
}

// Ratings says how many ratings a score rests on: "40 ratings",
// "1 rating", in the language lang.
func Ratings(n int, lang string) string {
	if n == 1 {
		return msg.T(lang, "1 rating")
	}
	return msg.Sprintf(lang, "%d ratings", n)
}

// MomentAnalysis is what the analysis says of one moment.
type MomentAnalysis struct {
	*Moment
	Critical bool
	// Reasons that make the moment critical by the thresholds, plus Marked
	// when the file marks it. Empty for a moment that is not critical. A
	// moment explicitly marked critical: false has no reasons.
	Reasons  []Reason
	Quadrant Quadrant
	// Gaps maps each dimension with both scores to perceived - expected,
	// exactly.
	Gaps map[string]Decimal
}

// Split is where the importance-performance quadrants divide: a score
// strictly above the split is high, at or below it low, so a point on a
// divider counts as low on that axis.
type Split struct {
	// Rule is the file's quadrants key: "midpoint", the middle of the
	// scale, (1 + scale) / 2; or "mean", the cycle's mean importance and
	// mean performance over the moments that have both scores.
	Rule        string
	Importance  float64
	Performance float64

	// The split exactly: a score s is high when s·den > num, s in
	// hundredths.
	impNum, perfNum, den int64
}

// Quadrant places a pair of scores; None when either is unset (0).
func (s Split) Quadrant(importance, performance Decimal) Quadrant {
	if importance.IsZero() || performance.IsZero() {
		return None
	}
	return quadrant(importance.Hundredths()*s.den > s.impNum, performance.Hundredths()*s.den > s.perfNum)
}

// SplitOf computes where the cycle's quadrants divide, by its quadrants
// key. A mean split of a cycle with no scored moment falls back to the
// midpoint.
func SplitOf(c *Cycle) Split {
	mid := Whole(1 + c.Scale).Hundredths() // twice the midpoint
	s := Split{Rule: "midpoint", impNum: mid, perfNum: mid, den: 2}
	if c.Quadrants == "mean" {
		s.Rule = "mean"
		var n, si, sp int64
		for _, m := range c.Moments {
			if !m.Importance.IsZero() && !m.Performance.IsZero() {
				n++
				si += m.Importance.Hundredths()
				sp += m.Performance.Hundredths()
			}
		}
		if n > 0 {
			s.impNum, s.perfNum, s.den = si, sp, n
		}
	}
	s.Importance = float64(s.impNum) / float64(s.den) / 100
	s.Performance = float64(s.perfNum) / float64(s.den) / 100
	return s
}

// Analysis is the analysed cycle.
type Analysis struct {
	Cycle *Cycle
	// Split is where the quadrants divide.
	Split    Split
	Moments  []*MomentAnalysis // in file order
	Edges    []Edge
	Handoffs []Edge
	// DimensionGaps maps each dimension scored with both values in at
	// least one moment to the average of its gaps over the cycle (the
	// exact sum divided by the count).
	DimensionGaps map[string]float64
}

// Critical returns the critical moments in file order.
func (a *Analysis) Critical() []*MomentAnalysis {
	var out []*MomentAnalysis
	for _, m := range a.Moments {
		if m.Critical {
			out = append(out, m)
		}
	}
	return out
}

// Lookup returns the analysis of the moment with the given id, or nil.
func (a *Analysis) Lookup(id string) *MomentAnalysis {
	if m := a.Cycle.Moment(id); m != nil && m.Index < len(a.Moments) && a.Moments[m.Index].Moment == m {
		return a.Moments[m.Index]
	}
	for _, m := range a.Moments {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// Analyze computes criticality, quadrants, gaps and handoffs of a parsed
// cycle.
func Analyze(c *Cycle) *Analysis {
	a := &Analysis{Cycle: c, Edges: c.Edges(), Split: SplitOf(c), DimensionGaps: map[string]float64{}}
	sums := map[string]Decimal{}
	counts := map[string]int{}
	for _, m := range c.Moments {
		ma := &MomentAnalysis{Moment: m, Gaps: map[string]Decimal{}}
		ma.Reasons = computedReasons(c, m)
		ma.Critical = len(ma.Reasons) > 0
		if m.Critical != nil {
			ma.Critical = *m.Critical
			if *m.Critical {
				ma.Reasons = append([]Reason{{Kind: Marked, Threshold: c.Thresholds}}, ma.Reasons...)
			} else {
				ma.Reasons = nil
			}
		}
		ma.Quadrant = a.Split.Quadrant(m.Importance, m.Performance)
		for _, d := range c.DimensionKeys() {
			if s, ok := m.Dimensions[d]; ok && s.HasGap() {
				ma.Gaps[d] = s.Gap()
				sums[d] = sums[d].Add(s.Gap())
				counts[d]++
			}
		}
		a.Moments = append(a.Moments, ma)
	}
	for d, n := range counts {
		a.DimensionGaps[d] = float64(sums[d].Hundredths()) / float64(n) / unit
	}
	for _, e := range a.Edges {
		if e.Handoff {
			a.Handoffs = append(a.Handoffs, e)
		}
	}
	return a
}

// computedReasons applies the thresholds, dimensions in canonical order.
func computedReasons(c *Cycle, m *Moment) []Reason {
	t := c.Thresholds
	var out []Reason
	if !m.Importance.IsZero() && !m.Performance.IsZero() && m.Importance.Cmp(t.Importance) >= 0 && m.Performance.Cmp(t.Performance) <= 0 {
		out = append(out, Reason{Kind: LowScore, Importance: m.Importance, Performance: m.Performance, Threshold: t, Sample: m.Sample})
	}
	for _, d := range c.DimensionKeys() {
		s, ok := m.Dimensions[d]
		if ok && s.HasGap() && s.Expected.Sub(s.Perceived).Cmp(t.Gap) >= 0 {
			out = append(out, Reason{Kind: Gap, Dimension: d, Expected: s.Expected, Perceived: s.Perceived, Threshold: t, Sample: m.Sample})
		}
	}
	return out
}

// QuadrantOf places a moment by its scores: a score strictly above the
// scale's midpoint (1 + scale) / 2 is high, at or below it low, compared
// exactly (3.01 is above the midpoint 3 of a 5-point scale, 3 is not). It
// returns None when either score is unset (zero).
func QuadrantOf(scale int, importance, performance Decimal) Quadrant {
	if importance.IsZero() || performance.IsZero() {
		return None
	}
	mid := Whole(1 + scale) // twice the midpoint
	return quadrant(importance.Mul(2).Cmp(mid) > 0, performance.Mul(2).Cmp(mid) > 0)
}

// quadrant names the quadrant of high or low importance and performance.
func quadrant(hi, hp bool) Quadrant {
	switch {
	case hi && !hp:
		return ConcentrateHere
	case hi && hp:
		return KeepUp
	case !hi && !hp:
		return LowPriority
	}
	return PossibleOverkill
}

// SortedDimensions returns the keys of a dimension map in canonical order:
// the ten determinants, or the five dimensions, each in its own order.
func SortedDimensions[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	order := Dimensions
	for k := range m {
		if k == "assurance" || k == "empathy" {
			order = Dimensions5
			break
		}
	}
	for _, d := range order {
		if _, ok := m[d]; ok {
			out = append(out, d)
		}
	}
	if len(out) != len(m) { // keys outside the canonical ten, defensively sorted
		var rest []string
		for k := range m {
			if !contains(order, k) {
				rest = append(rest, k)
			}
		}
		sort.Strings(rest)
		out = append(out, rest...)
	}
	return out
}
