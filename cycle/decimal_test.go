package cycle

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		h    int64 // hundredths
		err  error
		text string // String()
	}{
		{"4", 400, nil, "4"},
		{"4.0", 400, nil, "4"},
		{"3.5", 350, nil, "3.5"},
		{"3.50", 350, nil, "3.5"},
		{"3.500", 350, nil, "3.5"}, // extra zeros are fine
		{"3.83", 383, nil, "3.83"},
		{"0.07", 7, nil, "0.07"},
		{"-1.25", -125, nil, "-1.25"},
		{"10", 1000, nil, "10"},
		{"3.825", 0, ErrDecimalPlaces, ""}, // never rounded silently
		{"2.999", 0, ErrDecimalPlaces, ""},
		{"1234567890123456", 0, ErrDecimalRange, ""},
		{"", 0, errNotDecimal, ""},
		{"3.", 0, errNotDecimal, ""},
		{".5", 0, errNotDecimal, ""},
		{"3,5", 0, errNotDecimal, ""},
		{"3.5e0", 0, errNotDecimal, ""},
		{"+3", 0, errNotDecimal, ""},
		{" 3", 0, errNotDecimal, ""},
		{"0x4", 0, errNotDecimal, ""},
		{"--1", 0, errNotDecimal, ""},
	}
	for _, tt := range tests {
		d, err := ParseDecimal(tt.in)
		if !errors.Is(err, tt.err) {
			t.Errorf("ParseDecimal(%q) error %v, want %v", tt.in, err, tt.err)
			continue
		}
		if err == nil && (d.Hundredths() != tt.h || d.String() != tt.text) {
			t.Errorf("ParseDecimal(%q) = %d hundredths %q, want %d %q", tt.in, d.Hundredths(), d, tt.h, tt.text)
		}
	}
}

func TestDecimalShort(t *testing.T) {
	for h, want := range map[int64]string{
		400: "4", 383: "3.8", 385: "3.9", 310: "3.1", 296: "3.0", 305: "3.1",
		-125: "-1.3", -4: "0.0", 1000: "10", 999: "10.0",
	} {
		if got := Hundredths(h).Short(); got != want {
			t.Errorf("Hundredths(%d).Short() = %q, want %q", h, got, want)
		}
	}
}

func TestDecimalArithmetic(t *testing.T) {
	d := func(s string) Decimal {
		v, err := ParseDecimal(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// 4.1 - 3.1 is exactly 1, and 4.1 - 2.6 exactly 1.5; float64 gives
	// 0.9999999999999996 and 1.4999999999999996.
	if got := d("4.1").Sub(d("3.1")); got != Whole(1) {
		t.Errorf("4.1 - 3.1 = %v", got)
	}
	if got := d("4.1").Sub(d("2.6")); got.Cmp(d("1.5")) != 0 {
		t.Errorf("4.1 - 2.6 = %v", got)
	}
	// means: 170 / 38 = 4.4736... -> 4.47; 185 / 40 = 4.625 -> 4.63;
	// -9 / 4 = -2.25; -9.01 / 4 = -2.2525 -> -2.25; 5 / 0 -> 0
	for _, tt := range []struct {
		sum  Decimal
		n    int
		want string
	}{{Whole(170), 38, "4.47"}, {Whole(185), 40, "4.63"}, {Whole(-9), 4, "-2.25"}, {d("-9.01"), 4, "-2.25"}, {Whole(5), 0, "0"}, {d("4.5"), 2, "2.25"}} {
		if got := tt.sum.Div(tt.n).String(); got != tt.want {
			t.Errorf("%v / %d = %s, want %s", tt.sum, tt.n, got, tt.want)
		}
	}
	for f, want := range map[float64]string{3.825: "3.83", 2.5: "2.5", 4: "4", 3.8333333: "3.83", -1.005: "-1.01", 2.994: "2.99", 2.995: "3"} {
		if got := DecimalOf(f).String(); got != want {
			t.Errorf("DecimalOf(%v) = %s, want %s", f, got, want)
		}
	}
}

func TestDecimalJSON(t *testing.T) {
	for _, s := range []string{"4", "3.83", "-1.65"} {
		v, _ := ParseDecimal(s)
		b, _ := v.MarshalJSON()
		var back Decimal
		if string(b) != s || back.UnmarshalJSON(b) != nil || back != v {
			t.Errorf("%s: JSON %s, back %v", s, b, back)
		}
	}
}

// TestDecimalCriticality applies decimal thresholds exactly. Thresholds:
// importance 3, performance 2.25, gap 1.5 (scale 5, midpoint 3).
func TestDecimalCriticality(t *testing.T) {
	c := mustParse(t, strings.Join([]string{
		"title: Decimals",
		"critical: {importance: 3, performance: 2.25, gap: 1.5}",
		"moments:",
		// 3 >= 3 and 2.25 <= 2.25: both exactly on their thresholds
		"  - {id: on, name: A, importance: 3, performance: 2.25, sample: 40}",
		// 2.98 < 3: below the importance threshold by 0.02
		"  - {id: below, name: B, importance: 2.98, performance: 1}",
		// 2.26 > 2.25: above the performance threshold by 0.01
		"  - {id: above, name: C, importance: 5, performance: 2.26}",
		// expected 4.1 - perceived 2.6 = 1.5 >= 1.5 (float64: 1.4999999999999996)
		"  - {id: gap-on, name: D, dimensions: {courtesy: {expected: 4.1, perceived: 2.6}}}",
		// expected 4.1 - perceived 3.1 = 1 < 1.5; the gap is exactly -1
		"  - {id: gap-under, name: E, dimensions: {courtesy: {expected: 4.1, perceived: 3.1}}}",
		// expected 4.75 - perceived 3.24 = 1.51 >= 1.5
		"  - {id: gap-over, name: F, sample: 1, dimensions: {reliability: {expected: 4.75, perceived: 3.24}}}",
	}, "\n"))
	a := Analyze(c)
	want := map[string]string{
		"on":        "importance 3 ≥ 3 and performance 2.25 ≤ 2.25, on 40 ratings",
		"below":     "",
		"above":     "",
		"gap-on":    "courtesy gap: expected 4.1, perceived 2.6 (1.5 ≥ 1.5)",
		"gap-under": "",
		"gap-over":  "reliability gap: expected 4.75, perceived 3.24 (1.51 ≥ 1.5), on 1 rating",
	}
	for id, reason := range want {
		m := a.Lookup(id)
		var got []string
		for _, r := range m.Reasons {
			got = append(got, r.Text("en"))
		}
		if m.Critical != (reason != "") || strings.Join(got, "; ") != reason {
			t.Errorf("%s: critical %v, reasons %q; want %q", id, m.Critical, got, reason)
		}
	}
	if g := a.Lookup("gap-under").Gaps["courtesy"]; g != Whole(-1) {
		t.Errorf("gap-under courtesy gap = %v, want exactly -1", g)
	}
	// courtesy gaps -1.5 and -1: average -1.25
	if avg := a.DimensionGaps["courtesy"]; avg != -1.25 {
		t.Errorf("average courtesy gap = %v, want -1.25", avg)
	}
	if got := a.Lookup("on").Reasons[0].Text("es"); got != "importancia 3 ≥ 3 y desempeño 2.25 ≤ 2.25, según 40 valoraciones" {
		t.Errorf("Spanish: %s", got)
	}
}

// TestDecimalQuadrants: a score exactly on the midpoint is low; a
// hundredth above it is high.
func TestDecimalQuadrants(t *testing.T) {
	d := func(s string) Decimal { v, _ := ParseDecimal(s); return v }
	tests := []struct {
		scale      int
		imp, perf  string
		want       Quadrant
		arithmetic string
	}{
		{5, "3.01", "3", ConcentrateHere, "2 × 3.01 = 6.02 > 6 = 1 + 5; 2 × 3 = 6, not > 6"},
		{5, "3", "3.01", PossibleOverkill, "importance on the midpoint 3 is low"},
		{5, "3.00", "3.00", LowPriority, "both on the midpoint"},
		{5, "2.99", "4.5", PossibleOverkill, "2.99 < 3"},
		{4, "2.5", "2.51", PossibleOverkill, "scale 4: midpoint 2.5; 2 × 2.5 = 5, not > 5"},
		{4, "2.51", "2.5", ConcentrateHere, "2 × 2.51 = 5.02 > 5"},
		{10, "5.5", "5.51", PossibleOverkill, "scale 10: midpoint 5.5"},
		{7, "4.01", "4.01", KeepUp, "scale 7: midpoint 4"},
	}
	for _, tt := range tests {
		if got := QuadrantOf(tt.scale, d(tt.imp), d(tt.perf)); got != tt.want {
			t.Errorf("scale %d, importance %s, performance %s (%s): %q, want %q", tt.scale, tt.imp, tt.perf, tt.arithmetic, got, tt.want)
		}
	}
}

// TestPublishedTable places the 14 attributes of a published-style
// importance-performance study (a car dealer's service department, mean
// ratings of a survey on a 4-point scale, two decimals each) in their
// quadrants, under the midpoint split that Analyze applies and under the
// mean split, computed here from the table: a score is high when it is
// above the mean of its column over the 14 attributes.
//
// Sums in hundredths: importance 4268 (mean 3.0486), performance 3950
// (mean 2.8214). The midpoint of a 4-point scale is 2.5, below nearly
// every importance mean, so the midpoint split calls most attributes
// important and the mean split separates them better.
func TestPublishedTable(t *testing.T) {
	table := []struct {
		attribute       string
		imp, perf       string
		midpoint, means Quadrant
	}{
		{"Job done right the first time", "3.83", "2.42", ConcentrateHere, ConcentrateHere},
		{"Fair estimate of the cost", "3.61", "2.18", ConcentrateHere, ConcentrateHere},
		{"Work ready when promised", "3.72", "2.97", KeepUp, KeepUp},
		{"Prompt service", "3.24", "3.05", KeepUp, KeepUp},
		{"Courteous service staff", "3.06", "3.41", KeepUp, KeepUp},
		{"Explanation of the work done", "3.28", "2.36", ConcentrateHere, ConcentrateHere},
		{"Car returned clean", "2.51", "3.22", KeepUp, PossibleOverkill},           // 2.51 > 2.5 but < 3.05
		{"Convenient opening hours", "2.88", "2.49", ConcentrateHere, LowPriority}, // 2.88 < 3.05
		{"Service writer knows the car", "3.45", "3.38", KeepUp, KeepUp},
		{"Loaner car available", "2.20", "2.13", LowPriority, LowPriority},
		{"Call when the car is ready", "2.97", "3.12", KeepUp, PossibleOverkill},
		{"Parts in stock", "3.17", "2.71", KeepUp, ConcentrateHere}, // 2.71 < 2.82
		{"Clean waiting room", "2.34", "3.56", PossibleOverkill, PossibleOverkill},
		{"Follow-up call after service", "2.42", "2.50", LowPriority, LowPriority}, // 2.50 on the midpoint: low
	}
	var b strings.Builder
	b.WriteString("title: Car dealer service department\nscale: 4\nmoments:\n")
	for i, row := range table {
		fmt.Fprintf(&b, "  - {id: a%02d, name: %q, importance: %s, performance: %s}\n", i+1, row.attribute, row.imp, row.perf)
	}
	a := Analyze(mustParse(t, b.String()))
	var sumI, sumP Decimal
	for _, m := range a.Moments {
		sumI, sumP = sumI.Add(m.Importance), sumP.Add(m.Performance)
	}
	if sumI != Hundredths(4268) || sumP != Hundredths(3950) {
		t.Fatalf("sums %v, %v; want 42.68, 39.5", sumI, sumP)
	}
	n := len(table)
	count := map[Quadrant]int{}
	for i, m := range a.Moments {
		row := table[i]
		if m.Quadrant != row.midpoint {
			t.Errorf("%s (%s, %s): midpoint split %q, want %q", row.attribute, row.imp, row.perf, m.Quadrant, row.midpoint)
		}
		// above the mean, exactly: score × n > sum
		hi := m.Importance.Mul(n).Cmp(sumI) > 0
		hp := m.Performance.Mul(n).Cmp(sumP) > 0
		q := map[[2]bool]Quadrant{{true, false}: ConcentrateHere, {true, true}: KeepUp, {false, false}: LowPriority, {false, true}: PossibleOverkill}[[2]bool{hi, hp}]
		if q != row.means {
			t.Errorf("%s (%s, %s): mean split %q, want %q", row.attribute, row.imp, row.perf, q, row.means)
		}
		count[m.Quadrant]++
	}
	// the midpoint split puts 11 of 14 attributes in the important half
	if count[ConcentrateHere]+count[KeepUp] != 11 {
		t.Errorf("important under the midpoint: %d, want 11", count[ConcentrateHere]+count[KeepUp])
	}
}
