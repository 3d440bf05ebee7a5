package lint

import (
	"fmt"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
)

// A handoff chain is defined on the handoff graph: the moments of the cycle
// and only its handoff edges (docs/format.md#handoffs: same channel, both owners set
// and different; the edge that closes the cycle counts like any other, as
// it does in the report). All moments joined by handoff edges share one
// channel.
//
// The customer enters a run of handoffs at an entry: a moment with a handoff
// leaving it and none arriving. A run with no entry (handoffs in a closed
// loop) is entered at its first moment in file order. From each entry ciclo
// follows every walk along handoff edges; the walk may go back and forth
// between two owners. The first moment where such a walk reaches a third
// different owner is where the chain forms: handoff-chain fires there, once
// per moment, naming the shortest such walk.
//
// So Front desk → Workshop → Front desk is two owners (two handoff
// warnings, no chain), while Sales → Billing → Support, or Sales → Billing
// → Sales → Support, is a chain of three at the Support moment.

// chain is a walk that reaches a third owner at its last moment.
type chain struct {
	walk []*cycle.Moment
}

// handoffChains returns the chains of the cycle, one per moment where a
// chain forms, in the order found.
func handoffChains(a *cycle.Analysis) []chain {
	ms := a.Cycle.Moments
	n := len(ms)
	out := make([][]*cycle.Moment, n)
	in := make([]int, n)
	for _, e := range a.Handoffs {
		out[e.From.Index] = append(out[e.From.Index], e.To)
		in[e.To.Index]++
	}
	reached := make([]bool, n)
	mark := func(start int) {
		stack := []int{start}
		reached[start] = true
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, w := range out[v] {
				if !reached[w.Index] {
					reached[w.Index] = true
					stack = append(stack, w.Index)
				}
			}
		}
	}
	var entries []int
	for i := range ms {
		if len(out[i]) > 0 && in[i] == 0 {
			entries = append(entries, i)
			mark(i)
		}
	}
	for i := range ms {
		if len(out[i]) > 0 && !reached[i] {
			entries = append(entries, i)
			mark(i)
		}
	}

	fired := make([]bool, n)
	var chains []chain
	for _, e := range entries {
		for _, c := range chainsFrom(ms[e], out) {
			last := c.walk[len(c.walk)-1]
			if !fired[last.Index] {
				fired[last.Index] = true
				chains = append(chains, c)
			}
		}
	}
	return chains
}

// chainsFrom searches breadth first from entry over states (moment, second
// owner met), and returns the shortest walk to each moment where a third
// owner is met, in the order found.
func chainsFrom(entry *cycle.Moment, out [][]*cycle.Moment) []chain {
	type state struct {
		m      *cycle.Moment
		second string // the second owner met; "" at the entry
	}
	type node struct {
		state
		parent int // index in nodes, -1 for the entry
	}
	first := entry.Owner
	nodes := []node{{state: state{m: entry}, parent: -1}}
	seen := map[state]bool{{m: entry}: true}
	done := map[*cycle.Moment]bool{}
	var found []chain
	for i := 0; i < len(nodes); i++ {
		cur := nodes[i]
		for _, w := range out[cur.m.Index] {
			next := state{m: w, second: cur.second}
			switch {
			case cur.second == "":
				next.second = w.Owner // a handoff: w.Owner differs from first
			case w.Owner != first && w.Owner != cur.second:
				if !done[w] {
					done[w] = true
					walk := []*cycle.Moment{w}
					for j := i; j >= 0; j = nodes[j].parent {
						walk = append(walk, nodes[j].m)
					}
					reverse(walk)
					found = append(found, chain{walk: walk})
				}
				continue
			}
			if !seen[next] {
				seen[next] = true
				nodes = append(nodes, node{state: next, parent: i})
			}
		}
	}
	return found
}

func reverse(ms []*cycle.Moment) {
	for i, j := 0, len(ms)-1; i < j; i, j = i+1, j-1 {
		ms[i], ms[j] = ms[j], ms[i]
	}
}

// maxWalk is the longest walk written in full in a message; a longer one
// (a long back-and-forth before the third owner) keeps its first two and
// last three steps.
const maxWalk = 6

// describeWalk writes a walk as "Owner" (id) → "Owner" (id) → ...
func describeWalk(walk []*cycle.Moment) string {
	var parts []string
	for i, m := range walk {
		if len(walk) > maxWalk && i >= 2 && i < len(walk)-3 {
			if i == 2 {
				parts = append(parts, fmt.Sprintf("… %d more …", len(walk)-5))
			}
			continue
		}
		parts = append(parts, fmt.Sprintf("%q (%s)", m.Owner, m.ID))
	}
	return strings.Join(parts, " → ")
}
