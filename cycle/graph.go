package cycle

// EdgeKind tells how one moment leads to another.
type EdgeKind int

// The kinds of edge in a cycle.
const (
	// Sequence leads to the next moment in the file.
	Sequence EdgeKind = iota
	// Branch is an explicit next that skips ahead or goes back.
	Branch
	// Return closes the cycle: from the last moment back to the first.
	Return
)

// String returns "sequence", "branch" or "return".
func (k EdgeKind) String() string {
	switch k {
	case Branch:
		return "branch"
	case Return:
		return "return"
	}
	return "sequence"
}

// Edge is one step of the customer from a moment to the next.
type Edge struct {
	From, To *Moment
	Kind     EdgeKind
	// Handoff is true when both moments are on the same channel and have
	// different owners: the customer is passed between departments within
	// one contact.
	Handoff bool
}

// Successors returns the moments that follow m: its explicit next list,
// or by default the next moment in the file, and the first moment after
// the last when the cycle is closed.
func (c *Cycle) Successors(m *Moment) []*Moment {
	if m.Next != nil {
		out := make([]*Moment, 0, len(m.Next))
		for _, id := range m.Next {
			if s := c.Moment(id); s != nil {
				out = append(out, s)
			}
		}
		return out
	}
	n := len(c.Moments)
	switch {
	case m.Index+1 < n:
		return []*Moment{c.Moments[m.Index+1]}
	case c.Closed && n > 1:
		return []*Moment{c.Moments[0]}
	}
	return nil
}

// Edges returns every edge of the cycle, ordered by source moment and then
// by the order of its successors.
func (c *Cycle) Edges() []Edge {
	n := len(c.Moments)
	count := 0
	for _, m := range c.Moments {
		if m.Next != nil {
			count += len(m.Next)
		} else {
			count++
		}
	}
	out := make([]Edge, 0, count)
	for _, m := range c.Moments {
		for _, s := range c.Successors(m) {
			e := Edge{From: m, To: s, Kind: Branch}
			switch {
			case s.Index == m.Index+1:
				e.Kind = Sequence
			case s.Index == 0 && m.Index == n-1:
				e.Kind = Return
			}
			e.Handoff = isHandoff(m, s)
			out = append(out, e)
		}
	}
	return out
}

func isHandoff(a, b *Moment) bool {
	return a.Channel != "" && a.Channel == b.Channel &&
		a.Owner != "" && b.Owner != "" && a.Owner != b.Owner
}

// Reachable reports, by moment index, which moments a path from the first
// moment reaches.
func (c *Cycle) Reachable() []bool {
	seen := make([]bool, len(c.Moments))
	if len(c.Moments) == 0 {
		return seen
	}
	stack := []*Moment{c.Moments[0]}
	seen[0] = true
	for len(stack) > 0 {
		m := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, s := range c.Successors(m) {
			if !seen[s.Index] {
				seen[s.Index] = true
				stack = append(stack, s)
			}
		}
	}
	return seen
}

// IsEnd reports whether the customer leaves the cycle after m: m has no
// successor.
func (c *Cycle) IsEnd(m *Moment) bool { return len(c.Successors(m)) == 0 }
