package workshop

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/ciclo-dev/ciclo/cycle"
)

// Phases of a workshop, in the order a facilitator usually opens them.
const (
	PhaseLobby   = "lobby"   // participants join; nothing to answer yet
	PhaseScoring = "scoring" // participants rate the moments
	PhaseVoting  = "voting"  // participants put their dots on improvements
	PhaseClosed  = "closed"  // answers are closed
)

// Phases lists the phases; a facilitator may open any of them at any time.
var Phases = []string{PhaseLobby, PhaseScoring, PhaseVoting, PhaseClosed}

// rating is one participant's current rating of one moment.
type rating struct{ imp, perf int }

// participant is one joined phone.
type participant struct {
	id      string
	actions int            // accepted ratings and votes, bounded
	dots    map[string]int // improvement key -> dots
	used    int            // sum of dots
	// last is the order (record.S) of the latest answer taken on each
	// moment ("m:ID") and improvement ("x:KEY")
	last map[string]int64
}

// stale reports whether an answer ordered seq on target (see
// participant.last) comes after a later one was taken: the phone retried
// an answer it had already replaced.
func (p *participant) stale(target string, seq int64) bool {
	return seq > 0 && p.last[target] >= seq
}

// took notes the order of an answer taken on target.
func (p *participant) took(target string, seq int64) {
	if seq > 0 {
		if p.last == nil {
			p.last = map[string]int64{}
		}
		p.last[target] = seq
	}
}

// improvement is one improvement of the file that can receive dots.
type improvement struct {
	Key    string // "<moment id>#<index>", stable for the file
	Moment *cycle.Moment
	Action string
	Owner  string
}

// session is the workshop's state: what the journal's records add up to.
// It is not safe for concurrent use; Server guards it.
type session struct {
	c        *cycle.Cycle
	code     string
	sum      string // SHA-256 of the file when the workshop began
	phase    string
	reveal   bool                    // the room's scores are on show
	tally    bool                    // the dot tallies are on show
	byToken  map[string]*participant // SHA-256 of the token -> participant
	byID     map[string]*participant
	order    []*participant
	ratings  map[string]map[string]rating // moment id -> participant id -> rating
	seen     map[string]bool              // participant id + "\x00" + request id: accepted once
	improves []improvement
	impIndex map[string]int
	accepted int // rating records accepted, retries not counted
	votes    int
	dots     int // dots per participant
}

func newSession(c *cycle.Cycle, dots int) *session {
	s := &session{
		c:        c,
		dots:     dots,
		phase:    PhaseLobby,
		byToken:  map[string]*participant{},
		byID:     map[string]*participant{},
		ratings:  map[string]map[string]rating{},
		seen:     map[string]bool{},
		impIndex: map[string]int{},
	}
	for _, m := range c.Moments {
		s.ratings[m.ID] = map[string]rating{}
		for i, im := range m.Improvements {
			if im.Done() {
				continue
			}
			key := m.ID + "#" + strconv.Itoa(i)
			s.impIndex[key] = len(s.improves)
			s.improves = append(s.improves, improvement{Key: key, Moment: m, Action: im.Action, Owner: im.Owner})
		}
	}
	return s
}

// apply adds one journal record to the state. Records that no longer fit
// the file (a moment since removed, a score off the scale) are skipped and
// reported, so a journal outlives an edit of the file.
func (s *session) apply(r record) error {
	switch r.Kind {
	case "start":
		s.code, s.sum = r.Code, r.Sum
	case "join":
		p := &participant{id: r.P, dots: map[string]int{}}
		s.byToken[r.Tok] = p
		s.byID[r.P] = p
		s.order = append(s.order, p)
	case "rate":
		p := s.byID[r.P]
		if p == nil {
			return fmt.Errorf("rating by unknown participant %q", r.P)
		}
		if err := s.checkRating(r.M, r.I, r.F); err != nil {
			return err
		}
		s.ratings[r.M][p.id] = rating{r.I, r.F}
		p.took("m:"+r.M, r.S)
		s.seen[p.id+"\x00"+r.ID] = true
		p.actions++
		s.accepted++
	case "vote":
		p := s.byID[r.P]
		if p == nil {
			return fmt.Errorf("vote by unknown participant %q", r.P)
		}
		if err := s.checkVote(p, r.X, r.N); err != nil {
			return err
		}
		p.used += r.N - p.dots[r.X]
		if r.N == 0 {
			delete(p.dots, r.X)
		} else {
			p.dots[r.X] = r.N
		}
		p.took("x:"+r.X, r.S)
		s.seen[p.id+"\x00"+r.ID] = true
		p.actions++
		s.votes++
	case "round":
		if r.Phase != "" {
			s.phase = r.Phase
		}
		if r.Reveal != nil {
			s.reveal = *r.Reveal
		}
		if r.Tally != nil {
			s.tally = *r.Tally
		}
	case "apply":
		s.sum = r.Sum
	default:
		return fmt.Errorf("unknown record kind %q", r.Kind)
	}
	return nil
}

// checkRating validates a rating against the file.
func (s *session) checkRating(moment string, imp, perf int) error {
	if _, ok := s.ratings[moment]; !ok {
		return fmt.Errorf("no moment %q in the file", moment)
	}
	if imp < 1 || imp > s.c.Scale || perf < 1 || perf > s.c.Scale {
		return fmt.Errorf("scores run 1..%d", s.c.Scale)
	}
	return nil
}

// checkVote validates a participant's new dot count on an improvement.
func (s *session) checkVote(p *participant, key string, n int) error {
	if _, ok := s.impIndex[key]; !ok {
		return fmt.Errorf("no improvement %q in the file", key)
	}
	if n < 0 || p.used-p.dots[key]+n > s.dots {
		return fmt.Errorf("each participant has %d dots", s.dots)
	}
	return nil
}

// Stat is the room's answer for one moment.
type Stat struct {
	Moment *cycle.Moment
	// N is how many participants rated the moment.
	N int
	// Importance and Performance are the medians of the room's ratings
	// (a half when N is even and the middle two differ); 0 when N is 0.
	Importance, Performance float64
	// ImpMin..ImpMax and PerfMin..PerfMax are the ranges of the ratings:
	// the room's spread.
	ImpMin, ImpMax, PerfMin, PerfMax int
	// ImpHist and PerfHist count the ratings per score, index 0 for 1.
	ImpHist, PerfHist []int
}

// stats computes every moment's Stat, in file order.
func (s *session) stats() []Stat {
	out := make([]Stat, 0, len(s.c.Moments))
	for _, m := range s.c.Moments {
		st := Stat{Moment: m, ImpHist: make([]int, s.c.Scale), PerfHist: make([]int, s.c.Scale)}
		rs := s.ratings[m.ID]
		st.N = len(rs)
		if st.N > 0 {
			imps := make([]int, 0, st.N)
			perfs := make([]int, 0, st.N)
			for _, r := range rs {
				imps = append(imps, r.imp)
				perfs = append(perfs, r.perf)
				st.ImpHist[r.imp-1]++
				st.PerfHist[r.perf-1]++
			}
			st.Importance, st.ImpMin, st.ImpMax = median(imps)
			st.Performance, st.PerfMin, st.PerfMax = median(perfs)
		}
		out = append(out, st)
	}
	return out
}

// median returns the median of xs (not empty), its minimum and maximum.
// It sorts xs.
func median(xs []int) (med float64, lo, hi int) {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		med = float64(xs[n/2])
	} else {
		med = float64(xs[n/2-1]+xs[n/2]) / 2
	}
	return med, xs[0], xs[n-1]
}

// roomCycle returns a copy of the file's cycle whose moments carry the
// room's medians as their scores (exact: a median is whole or a half) and
// the number of ratings as their sample, where the room rated them;
// moments the room did not rate keep the file's scores. The file's cycle
// is untouched.
func roomCycle(c *cycle.Cycle, stats []Stat) *cycle.Cycle {
	rc := *c
	rc.Moments = make([]*cycle.Moment, len(c.Moments))
	for i, m := range c.Moments {
		mm := *m
		if st := stats[i]; st.N > 0 {
			mm.Importance = cycle.DecimalOf(st.Importance)
			mm.Performance = cycle.DecimalOf(st.Performance)
			mm.Sample = st.N
		}
		rc.Moments[i] = &mm
	}
	return &rc
}

// Change is a moment whose criticality differs between the file's scores
// and the room's.
type Change struct {
	Moment *cycle.Moment
	// Critical is the moment's criticality under the room's scores; under
	// the file's it is the opposite.
	Critical bool
	// Reasons say why the moment is critical under the room's scores
	// (when Critical), or was under the file's (when not).
	Reasons []cycle.Reason
}

// changes lists the moments whose criticality differs between the file
// analysis and the room analysis, in file order.
func changes(file, room *cycle.Analysis) []Change {
	var out []Change
	for i, fm := range file.Moments {
		rm := room.Moments[i]
		if fm.Critical == rm.Critical {
			continue
		}
		ch := Change{Moment: fm.Moment, Critical: rm.Critical, Reasons: rm.Reasons}
		if !rm.Critical {
			ch.Reasons = fm.Reasons
		}
		out = append(out, ch)
	}
	return out
}

// Tally is the dots an improvement received.
type Tally struct {
	improvement
	Dots   int
	Voters int
}

// tallies lists every open improvement with its dots, most dots first,
// file order among equals.
func (s *session) tallies() []Tally {
	out := make([]Tally, len(s.improves))
	for i, im := range s.improves {
		out[i].improvement = im
	}
	for _, p := range s.order {
		for k, n := range p.dots {
			t := &out[s.impIndex[k]]
			t.Dots += n
			t.Voters++
		}
	}
	slices.SortStableFunc(out, func(a, b Tally) int { return b.Dots - a.Dots })
	return out
}
