package yamledit

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkApply rewrites every moment of a cycle of cycle.MaxMoments
// (5,000) moments: importance, performance, sample and two dimensions,
// half of them keys the moment lacks.
func BenchmarkApply(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("# big\ntitle: Big\nmoments:\n")
	updates := map[string]Update{}
	for i := range 5000 {
		fmt.Fprintf(&sb, "  - id: m%d   # moment %d\n    name: Moment %d\n    importance: 3\n    dimensions:\n      courtesy: {expected: 5, perceived: 3}\n", i, i, i)
		updates[fmt.Sprintf("m%d", i)] = Update{Importance: "3.5", Performance: "2.25", Sample: 40,
			Expected: map[string]string{"courtesy": "4.5"}, Perceived: map[string]string{"courtesy": "3.1", "access": "2"}}
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Apply(src, updates); err != nil {
			b.Fatal(err)
		}
	}
}
