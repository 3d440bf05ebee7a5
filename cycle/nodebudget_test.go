package cycle

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// budgetFiles returns every file the budget sweep parses: the seeds of the
// fuzzer (starters, bad files, examples) and the fuzz corpus.
func budgetFiles(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, name := range seedFiles(t) {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = src
	}
	corpus, err := filepath.Glob("testdata/fuzz/*/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range corpus {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if b, ok := corpusBytes(string(src)); ok {
			out[name] = b
		}
	}
	return out
}

// corpusBytes reads the []byte value of a Go fuzz corpus file.
func corpusBytes(s string) ([]byte, bool) {
	for _, line := range strings.Split(s, "\n") {
		if rest, ok := strings.CutPrefix(line, "[]byte("); ok {
			v, err := strconv.Unquote(strings.TrimSuffix(rest, ")"))
			if err != nil {
				return nil, false
			}
			return []byte(v), true
		}
	}
	return nil, false
}

// nodesNeeded returns how many nodes parsing src visits with the default
// budget.
func nodesNeeded(src []byte) int {
	p := &parser{file: "f.yaml", nodeBudget: maxNodes}
	p.parse(src)
	return p.nodes
}

// sweepAll is the most nodes a file may need for the sweep to try every
// budget; an alias bomb needs a million, and a million parses of it take
// hours.
const sweepAll = 10_000

// budgets returns the budgets to try for a file that needs need nodes:
// every one from 1 to need+1, or for a file over sweepAll (each of whose
// parses near its need costs a tenth of a second) the first thousand, the
// last five and ten spread evenly between.
func budgets(need int) []int {
	var out []int
	if need <= sweepAll {
		for b := 1; b <= need+1; b++ {
			out = append(out, b)
		}
		return out
	}
	for b := 1; b <= 1000; b++ {
		out = append(out, b)
	}
	for b := need - 3; b <= need+1; b++ {
		out = append(out, b)
	}
	for i := 1; i < 10; i++ {
		out = append(out, 1000+i*(need-1000)/10)
	}
	return out
}

// TestNodeBudgetEverywhere parses every known file with node budgets from 1
// up to what it needs, so that the budget runs out at every point of the
// parser: each run gives a cycle or positioned problems, never a panic.
func TestNodeBudgetEverywhere(t *testing.T) {
	files := budgetFiles(t)
	if len(files) < 10 {
		t.Fatalf("only %d files to sweep", len(files))
	}
	for name, src := range files {
		need := nodesNeeded(src)
		for _, budget := range budgets(need) {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("%s with a budget of %d nodes: panic: %v", name, budget, r)
					}
				}()
				c, err := ParseWith("fuzz.yaml", src, ParseOptions{NodeBudget: budget})
				if err != nil {
					checkErrorList(t, src, err)
					return
				}
				if budget < need {
					t.Fatalf("%s parsed with %d nodes of the %d it needs", name, budget, need)
				}
				checkCycle(t, c)
			}()
		}
	}
}
