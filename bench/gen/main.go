// Command gen writes synthetic cycle files for benchmarks: realistic-looking
// moments with owners, channels, scores, improvements and a few branches,
// reproducible from a seed.
//
//	go run ./bench/gen -moments 12 -seed 1 > cycle.yaml
//	go run ./bench/gen -moments 12 -count 300 -dir /tmp/cycles
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	moments := flag.Int("moments", 12, "moments per cycle")
	count := flag.Int("count", 1, "number of cycles; more than 1 needs -dir")
	dir := flag.String("dir", "", "write cycle-NNN.yaml files into this directory instead of stdout")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*moments, *count, *dir, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(moments, count int, dir string, seed uint64) error {
	if count > 1 && dir == "" {
		return fmt.Errorf("-count %d needs -dir", count)
	}
	if dir == "" {
		return write(os.Stdout, moments, seed)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := 0; i < count; i++ {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("cycle-%03d.yaml", i)))
		if err != nil {
			return err
		}
		if err := write(f, moments, seed+uint64(i)); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

var (
	verbs    = []string{"Calls", "Arrives", "Waits", "Explains", "Signs", "Pays", "Receives", "Asks", "Checks", "Returns", "Chooses", "Books"}
	objects  = []string{"the help line", "at the counter", "for a turn", "the problem", "the contract", "the invoice", "the product", "for a refund", "the status online", "the form", "a delivery slot", "an appointment with the specialist"}
	owners   = []string{"Front desk", "Sales", "Workshop", "Call centre", "Billing", "Logistics", "Store manager", "Customer care"}
	channels = []string{"in person", "phone", "web", "email", "app"}
	pillars  = []string{"treatment", "processes", "responsiveness", "organization"}
)

func write(w io.Writer, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 0x6369636c6f))
	var b strings.Builder
	fmt.Fprintf(&b, "title: Synthetic service %d\ncustomer: A customer of the synthetic service\nscale: 5\nmoments:\n", seed)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - id: m%d\n", i+1)
		fmt.Fprintf(&b, "    name: %s %s\n", verbs[r.IntN(len(verbs))], objects[r.IntN(len(objects))])
		fmt.Fprintf(&b, "    owner: %s\n", owners[r.IntN(len(owners))])
		fmt.Fprintf(&b, "    channel: %s\n", channels[r.IntN(len(channels))])
		imp, perf := 1+r.IntN(5), 1+r.IntN(5)
		fmt.Fprintf(&b, "    importance: %d\n    performance: %d\n", imp, perf)
		if imp >= 4 && perf <= 2 {
			fmt.Fprintf(&b, "    standard: Answer within %d minutes\n", 2+r.IntN(10))
			fmt.Fprintf(&b, "    improvements:\n      - action: Fix step %d of the process\n        owner: %s\n        due: 2027-%02d-%02d\n        pillar: %s\n",
				i+1, owners[r.IntN(len(owners))], 1+r.IntN(12), 1+r.IntN(28), pillars[r.IntN(len(pillars))])
		}
		// An occasional branch forward that rejoins the sequence.
		if i+3 < n && r.IntN(8) == 0 {
			fmt.Fprintf(&b, "    next: [m%d, m%d]\n", i+2, i+3)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
