package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
)

// denseSource writes a cycle of n moments, each leading to the next k
// moments (wrapping round), with owners and channels (a quarter of the
// edges are handoffs).
func denseSource(n, k int) []byte {
	var b strings.Builder
	b.WriteString("title: Dense service\nscale: 5\nmoments:\n")
	owners := []string{"Front desk", "Sales", "Workshop", "Call centre", "Billing"}
	channels := []string{"in person", "phone", "web", "email"}
	for i := range n {
		fmt.Fprintf(&b, "  - id: m%d\n    name: Moment %d\n    owner: %s\n    channel: %s\n", i, i, owners[i%len(owners)], channels[i%len(channels)])
		fmt.Fprintf(&b, "    importance: %d\n    performance: %d\n    next: [", 1+i%5, 1+(i*3)%5)
		for j := 1; j <= k; j++ {
			if j > 1 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "m%d", (i+j)%n)
		}
		b.WriteString("]\n")
	}
	return []byte(b.String())
}

// BenchmarkParseAnalyzeLint is the whole of `ciclo lint` but reading the
// file. "5000x20" is 5,000 moments with 20 next each (100,000 edges): the
// parser reads and checks every edge, then refuses the file because its
// diagram would draw more than cycle.MaxDrawn arrows, so Lint reports it.
// "760x20" is the largest such cycle the parser accepts, parsed, analysed
// and linted.
func BenchmarkParseAnalyzeLint(b *testing.B) {
	b.Run("5000x20", func(b *testing.B) {
		src := denseSource(cycle.MaxMoments, cycle.MaxNext)
		b.ReportAllocs()
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if fs := Lint("dense.yaml", src, Options{}); len(fs) == 0 {
				b.Fatal("no findings")
			}
		}
	})
	b.Run("760x20", func(b *testing.B) {
		src := denseSource(760, cycle.MaxNext)
		b.ReportAllocs()
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			c, err := cycle.Parse("dense.yaml", src)
			if err != nil {
				b.Fatal(err)
			}
			Check(cycle.Analyze(c), Options{})
		}
	})
}

// BenchmarkHandoffChainsManyEntries lints a cycle where 2,500 entries hand
// the customer into one long back-and-forth between two owners: a search
// from each entry in turn would walk the run 2,500 times.
func BenchmarkHandoffChainsManyEntries(b *testing.B) {
	var s strings.Builder
	s.WriteString("title: t\nclosed: false\nmoments:\n")
	n := 2500
	// chain c0..c(n-1) alternating owners A/B on phone
	for i := 0; i < n; i++ {
		o := "A"
		if i%2 == 1 {
			o = "B"
		}
		fmt.Fprintf(&s, "  - {id: c%d, name: C, owner: %s, channel: phone, importance: 3, performance: 3}\n", i, o)
	}
	// entries e_i with owner B leading to c0 (owner A): handoff into the chain
	for i := 0; i < n; i++ {
		next := "c0"
		fmt.Fprintf(&s, "  - {id: e%d, name: E, owner: B, channel: phone, importance: 3, performance: 3, next: [%s, e%d]}\n", i, next, (i+1)%n)
	}
	src := []byte(s.String())
	c, err := cycle.Parse("x.yaml", src)
	if err != nil {
		b.Fatal(err)
	}
	a := cycle.Analyze(c)
	for b.Loop() {
		Check(a, Options{})
	}
}
