package cli

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/watch"
)

// countingLog counts the lines watch logs for redraws.
type countingLog struct {
	mu      sync.Mutex
	updated int
}

func (l *countingLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	l.updated += bytes.Count(p, []byte(" updated\n"))
	l.mu.Unlock()
	return len(p), nil
}

func (l *countingLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.updated
}

// rssMiB is the process's resident memory (Linux), 0 elsewhere.
func rssMiB() float64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		var kb float64
		if _, err := fmt.Sscanf(l, "VmRSS: %f kB", &kb); err == nil {
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkWatchSoak saves a cycle 1,000 times under ciclo watch (the
// real builder: parse, analyse, draw, lint), each save a different
// version, and reports the process's memory after the first save, the
// 500th and the last. Run it once: go test ./internal/cli -run '^$'
// -bench WatchSoak -benchtime 1x.
func BenchmarkWatchSoak(b *testing.B) {
	const saves = 1000
	src, err := os.ReadFile("../../examples/airline.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		file := filepath.Join(b.TempDir(), "cycle.yaml")
		save := func(i int) {
			s := strings.Replace(string(src), "title: ", fmt.Sprintf("title: v%d ", i), 1)
			if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		save(0)
		log := &countingLog{}
		ctx, cancel := context.WithCancel(context.Background())
		s, err := watch.New(ctx, watch.Options{File: file, Build: buildPreview, Debounce: 5 * time.Millisecond, MaxSize: cycle.MaxFileSize, Log: log})
		if err != nil {
			b.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- s.Serve(ctx, ln) }()
		wait := func(n int, again func()) {
			deadline := time.Now().Add(30 * time.Second)
			for log.count() < n {
				if time.Now().After(deadline) {
					b.Fatalf("save %d not redrawn", n)
				}
				if again != nil {
					again()
				}
				time.Sleep(2 * time.Millisecond)
			}
		}
		// Until the watcher runs, saves go unseen: save until one is seen.
		wait(1, func() { save(1) })
		runtime.GC()
		before := rssMiB()
		var half float64
		for i := 2; i <= saves; i++ {
			save(i)
			wait(i, nil)
			if i == saves/2 {
				runtime.GC()
				half = rssMiB()
			}
		}
		runtime.GC()
		after := rssMiB()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(before, "rss-first-MiB")
		b.ReportMetric(half, "rss-500th-MiB")
		b.ReportMetric(after, "rss-last-MiB")
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-last-MiB")
	}
}
