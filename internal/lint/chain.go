package lint

import (
	"fmt"
	"github.com/ciclo-dev/ciclo/internal/msg"
	"slices"
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
// The search runs from every entry at once (see chainsFrom), so it costs
// time linear in moments plus handoffs however many entries there are.
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

	return chainsFrom(ms, entries, out)
}

// chainsFrom searches breadth first from every entry at once and returns
// the shortest walk to each moment where a third owner is met, in the
// order found.
//
// A walk that has met two owners alternates between them, so its state at
// a moment is the moment and the other owner of the pair ("" at an entry,
// where only one owner has been met). A moment reached with two different
// other owners already makes every handoff leaving it a chain (the next
// owner differs from the moment's, and cannot be both others), and leads on
// to the same states, so a third is not kept: at most three states a
// moment, and the search is linear in moments plus handoffs.
func chainsFrom(ms []*cycle.Moment, entries []int, out [][]*cycle.Moment) []chain {
	type node struct {
		m      *cycle.Moment
		other  string
		parent int // index in nodes, -1 for an entry
	}
	n := len(ms)
	var nodes []node
	atEntry := make([]bool, n)
	others := make([][]string, n) // the other owners a moment was reached with, at most two
	visit := func(m *cycle.Moment, other string, parent int) {
		i := m.Index
		if other == "" {
			if atEntry[i] {
				return
			}
			atEntry[i] = true
		} else {
			if len(others[i]) == 2 || slices.Contains(others[i], other) {
				return
			}
			others[i] = append(others[i], other)
		}
		nodes = append(nodes, node{m: m, other: other, parent: parent})
	}
	for _, e := range entries {
		visit(ms[e], "", -1)
	}
	fired := make([]bool, n)
	var found []chain
	for i := 0; i < len(nodes); i++ {
		cur := nodes[i]
		for _, w := range out[cur.m.Index] {
			if cur.other == "" || w.Owner == cur.other {
				visit(w, cur.m.Owner, i) // w.Owner differs from cur.m.Owner: a handoff
				continue
			}
			if !fired[w.Index] { // a third owner
				fired[w.Index] = true
				walk := []*cycle.Moment{w}
				for j := i; j >= 0; j = nodes[j].parent {
					walk = append(walk, nodes[j].m)
				}
				reverse(walk)
				found = append(found, chain{walk: walk})
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
func describeWalk(walk []*cycle.Moment, lang string) string {
	var parts []string
	for i, m := range walk {
		if len(walk) > maxWalk && i >= 2 && i < len(walk)-3 {
			if i == 2 {
				parts = append(parts, msg.Sprintf(lang, "… %d more …", len(walk)-5))
			}
			continue
		}
		parts = append(parts, fmt.Sprintf("%q (%s)", m.Owner, m.ID))
	}
	return strings.Join(parts, " → ")
}
