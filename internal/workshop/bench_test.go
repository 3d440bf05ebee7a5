package workshop

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// soakCycle is a cycle of n moments with improvements, like a real map.
func soakCycle(n int) string {
	var b strings.Builder
	b.WriteString("title: Soak\nmoments:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - id: m%02d\n    name: Moment number %d of the soak\n    owner: Team %d\n    importance: 3\n    performance: 3\n    improvements:\n      - action: Improve moment %d\n", i+1, i+1, i%4+1, i+1)
	}
	return b.String()
}

// rssKiB reads this process's resident set size (Linux; 0 elsewhere).
func rssKiB() int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	return 0
}

// BenchmarkRedrawSoak is a workshop's long session in one process: 5,000
// redraws of the room's diagram (14 moments, ciclo's real renderer) through
// the server's redraw path, each after a rating that changes a median. It
// reports the growth of the Go heap and of the resident set between the
// 500th redraw (warm) and the last, in MiB: a bounded session keeps both
// near zero. CICLO_SOAK_DRAWS changes the count.
//
//	go test ./internal/workshop -run '^$' -bench RedrawSoak -benchtime 1x
func BenchmarkRedrawSoak(b *testing.B) {
	draws := 5000
	if n, err := strconv.Atoi(os.Getenv("CICLO_SOAK_DRAWS")); err == nil && n > 0 {
		draws = n
	}
	src := soakCycle(14)
	c := parseFixture(b, src)
	s, err := New(context.Background(), Options{File: "soak.yaml", Src: []byte(src), Cycle: c,
		Journal: filepath.Join(b.TempDir(), "soak.jsonl")})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.mu.Lock()
	s.ss.phase, s.ss.reveal = PhaseScoring, true
	s.mu.Unlock()
	join := record{Kind: "join", P: "p1", Tok: tokenHash(newToken())}
	s.j.append(join)
	s.ss.apply(join)
	ctx := context.Background()
	warm := min(500, draws/2)
	var m0, m1 runtime.MemStats
	var rss0, rss1 int
	for b.Loop() {
		for i := range draws {
			s.mu.Lock()
			s.ss.byID["p1"].actions = 0 // one participant, many answers: the cap is not measured here
			s.mu.Unlock()
			if code, e := s.Rate("p1", Rating{ID: fmt.Sprintf("soak-%06d", i), Moment: fmt.Sprintf("m%02d", i%14+1), Importance: []int{1, 2, 4, 5}[i%4], Performance: []int{5, 4, 2, 1}[i%4]}); e != nil {
				b.Fatalf("rate: %d %v", code, e)
			}
			if err := s.Redraw(ctx); err != nil {
				b.Fatal(err)
			}
			if i == warm {
				runtime.GC()
				runtime.ReadMemStats(&m0)
				rss0 = rssKiB()
			}
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	rss1 = rssKiB()
	if s.draws < draws {
		b.Fatalf("%d redraws for %d ratings: the scores did not change each time", s.draws, draws)
	}
	mib := func(x float64) float64 { return x / (1 << 20) }
	b.ReportMetric(float64(draws), "redraws")
	b.ReportMetric(mib(float64(m1.HeapAlloc)-float64(m0.HeapAlloc)), "heap-growth-MiB")
	b.ReportMetric(mib(float64(m1.Sys)-float64(m0.Sys)), "sys-growth-MiB")
	b.ReportMetric(float64(rss1-rss0)/1024, "rss-growth-MiB")
	b.ReportMetric(float64(rss1)/1024, "rss-final-MiB")
}
