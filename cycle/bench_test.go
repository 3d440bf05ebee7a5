package cycle

import (
	"fmt"
	"strings"
	"testing"
)

// benchSource writes a cycle of n moments with owners, channels, scores,
// dimensions, improvements and an occasional branch, like bench/gen.
func benchSource(n int) []byte {
	var b strings.Builder
	b.WriteString("title: Benchmark service\ncustomer: A customer\nscale: 5\nmoments:\n")
	owners := []string{"Front desk", "Sales", "Workshop", "Call centre", "Billing"}
	channels := []string{"in person", "phone", "web", "email"}
	for i := range n {
		fmt.Fprintf(&b, "  - id: m%d\n    name: Moment number %d of the service\n", i+1, i+1)
		fmt.Fprintf(&b, "    owner: %s\n    channel: %s\n", owners[i%len(owners)], channels[i%len(channels)])
		fmt.Fprintf(&b, "    importance: %d\n    performance: %d\n", 1+i%5, 1+(i*3)%5)
		fmt.Fprintf(&b, "    dimensions:\n      courtesy: {expected: 5, perceived: %d}\n      reliability: %d\n", 1+i%5, 1+(i*2)%5)
		if i%3 == 0 {
			fmt.Fprintf(&b, "    improvements:\n      - {action: Fix step %d, owner: %s, due: 2027-01-15, pillar: processes}\n", i+1, owners[(i+1)%len(owners)])
		}
		if i+3 < n && i%7 == 0 {
			fmt.Fprintf(&b, "    next: [m%d, m%d]\n", i+2, i+3)
		}
	}
	return []byte(b.String())
}

var benchSizes = []int{12, 100, 1000}

func BenchmarkParse(b *testing.B) {
	for _, n := range benchSizes {
		src := benchSource(n)
		b.Run(fmt.Sprintf("moments=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Parse("bench.yaml", src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkAnalyze(b *testing.B) {
	for _, n := range benchSizes {
		c, err := Parse("bench.yaml", benchSource(n))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("moments=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Analyze(c)
			}
		})
	}
}

// BenchmarkManyUnknownNext parses 5,000 moments whose next names an unknown
// id of the same length as every id: the suggestions are bounded by
// suggestCells, so the file is refused in a fraction of a second.
func BenchmarkManyUnknownNext(b *testing.B) {
	var s strings.Builder
	s.WriteString("title: t\nmoments:\n")
	for i := range MaxMoments {
		fmt.Fprintf(&s, "  - {id: m%04d, name: M, next: [x%04d]}\n", i, i)
	}
	src := []byte(s.String())
	for b.Loop() {
		if _, err := Parse("x.yaml", src); err == nil {
			b.Fatal("accepted")
		}
	}
}
