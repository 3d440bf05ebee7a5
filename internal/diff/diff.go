// Package diff compares two versions of a cycle of service: the moments
// added, removed and moved, the fields that changed, the moments that
// became or stopped being critical, and what happened to improvements.
//
// Moments are matched by id: a renamed id is one moment removed and
// another added. Improvements are matched by their action text within a
// moment present in both versions (the n-th occurrence of a text matches
// the n-th occurrence on the other side).
//
// A moment has moved when its position relative to the other shared
// moments changed, not merely its number. Of the moments present in both
// versions, the largest set that keeps its relative order (a longest
// common subsequence of the two id sequences; ids are unique, so it is a
// longest increasing subsequence of old positions taken in new order)
// stays in place, and every other shared moment has moved. Inserting or
// removing one moment therefore moves nothing; moving one moment to
// another place moves that moment only; swapping two neighbours moves one
// of them (the later one in the old order). The choice among equally long
// subsequences is deterministic.
package diff

import (
	"slices"
	"sort"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
)

// Diff is what changed from an old version of a cycle to a new one. Every
// list is in a stable order: moments in file order (added and moved in the
// new file's order, removed in the old file's), then by field.
type Diff struct {
	// Cycle lists changes to the cycle's own keys (title, scale, ...),
	// every one of them, in the order of cycleChanges.
	Cycle []FieldChange
	// Settings repeats, from Cycle, the changes to the keys that change
	// how the analysis reads the file (see SettingKeys), in Cycle's order.
	Settings         []FieldChange
	Added            []string // ids only in the new version, new order
	Removed          []string // ids only in the old version, old order
	Moved            []Move
	Changed          []Change
	BecameCritical   []string // new order
	NoLongerCritical []string // new order
	Improvements     []ImprovementChange

	// AddedMoments are the moments of Added, in the same order.
	AddedMoments []MomentInfo
	// RemovedMoments are the moments of Removed, in the same order, each
	// with the improvements that go with it.
	RemovedMoments []MomentInfo
	// Flips are the moments of BecameCritical and NoLongerCritical, in
	// new order, with the reasons before and after.
	Flips []Flip
	// HandoffsAdded are the handoffs of the new version that the old one
	// lacks (by the ids at both ends), in new edge order; HandoffsRemoved
	// the reverse, in old edge order.
	HandoffsAdded   []Handoff
	HandoffsRemoved []Handoff

	// refs names every moment of either version: new number and name
	// when the moment is in the new version, old ones otherwise.
	refs map[string]Ref
}

// Ref names a moment for a reader: its number (1-based) in the version
// it is taken from, its id and its name.
type Ref struct {
	Number int
	ID     string
	Name   string
}

// MomentInfo is a moment added or removed, with what a reader needs to
// judge the change.
type MomentInfo struct {
	Ref
	Owner        string
	Critical     bool
	Reasons      []cycle.Reason
	Improvements []*cycle.Improvement
}

// Flip is a moment that became critical (Critical true) or stopped being
// critical, with the reasons of the old and the new analysis. A version
// in which the file marks the moment critical: false says so in
// OldMarkedNot or NewMarkedNot; its reasons are then empty.
type Flip struct {
	Ref
	Critical                   bool
	Before, After              []cycle.Reason
	OldMarkedNot, NewMarkedNot bool
}

// Handoff is an edge on which the customer is passed between owners
// within one contact. The refs come from the version the handoff is in.
type Handoff struct {
	From, To           Ref
	FromOwner, ToOwner string
	Channel            string
}

// Ref returns how to name the moment id: by its number and name in the
// new version, or in the old one when it was removed. An id the diff does
// not know (a Diff built by hand) gives a Ref with the id alone.
func (d *Diff) Ref(id string) Ref {
	if r, ok := d.refs[id]; ok {
		return r
	}
	return Ref{ID: id}
}

// FieldChange is one changed setting of the cycle itself.
type FieldChange struct {
	Field string
	Old   any // nil when unset
	New   any // nil when unset
}

// Move is a moment whose position relative to the others changed. Its
// number may stay the same (other moments moved around it), so a move
// also names the moment it followed and follows: "" when it was or is
// the first.
type Move struct {
	ID        string
	OldNumber int // 1-based
	NewNumber int
	OldAfter  Ref // the moment before it in the old version (old number); zero when first
	NewAfter  Ref // the moment before it in the new version; zero when first
}

// Change is one changed field of a moment present in both versions. Old
// and New are strings, ints, bools, []string or cycle.Decimal (scores and
// thresholds, which print and encode exactly), or nil when unset.
// Dimension scores are fields "dimensions.<determinant>.expected" and
// "dimensions.<determinant>.perceived".
type Change struct {
	ID    string
	Field string
	Old   any
	New   any
}

// IsScore reports whether the field is a score: importance, performance
// or a dimension's expected or perceived score.
func (c Change) IsScore() bool {
	return c.Field == "importance" || c.Field == "performance" ||
		strings.HasPrefix(c.Field, "dimensions.")
}

// Direction is +1 when a score went up, -1 when it went down, and 0 for
// a field that is not a score or a score set or unset on one side.
func (c Change) Direction() int {
	if !c.IsScore() {
		return 0
	}
	o, ok1 := number(c.Old)
	n, ok2 := number(c.New)
	switch {
	case !ok1 || !ok2 || o == n:
		return 0
	case n > o:
		return 1
	}
	return -1
}

// number reads a score value, whatever its numeric type.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	case cycle.Decimal:
		return float64(x.Hundredths()) / 100, true
	}
	return 0, false
}

// ImprovementKind tells what happened to an improvement.
type ImprovementKind string

// What can happen to an improvement.
const (
	ImprovementAdded    ImprovementKind = "added"
	ImprovementRemoved  ImprovementKind = "removed"
	ImprovementClosed   ImprovementKind = "closed"   // status became done
	ImprovementReopened ImprovementKind = "reopened" // status was done, is not
	ImprovementChanged  ImprovementKind = "changed"  // another field changed
)

// ImprovementChange is one change to an improvement of a moment present
// in both versions. For ImprovementChanged, Field, Old and New say what
// changed (owner, due, pillar or status); for closed and reopened, Old and
// New are the statuses.
type ImprovementChange struct {
	Moment string
	Action string
	Kind   ImprovementKind
	Field  string
	Old    any
	New    any
}

// Empty reports whether nothing changed.
func (d *Diff) Empty() bool {
	return len(d.Cycle) == 0 && len(d.Added) == 0 && len(d.Removed) == 0 &&
		len(d.Moved) == 0 && len(d.Changed) == 0 && len(d.BecameCritical) == 0 &&
		len(d.NoLongerCritical) == 0 && len(d.Improvements) == 0
}

// Compare reports what changed from the analysis old to the analysis new.
func Compare(old, new *cycle.Analysis) *Diff {
	d := &Diff{refs: map[string]Ref{}}
	d.Cycle = cycleChanges(old.Cycle, new.Cycle)
	for _, c := range d.Cycle {
		if IsSetting(c.Field) {
			d.Settings = append(d.Settings, c)
		}
	}
	for _, m := range old.Moments {
		d.refs[m.ID] = Ref{Number: m.Number(), ID: m.ID, Name: m.Name}
	}
	for _, m := range new.Moments {
		d.refs[m.ID] = Ref{Number: m.Number(), ID: m.ID, Name: m.Name}
	}

	oldIdx := map[string]int{}
	for i, m := range old.Moments {
		oldIdx[m.ID] = i
	}
	newIdx := map[string]int{}
	for i, m := range new.Moments {
		newIdx[m.ID] = i
	}
	for _, m := range new.Moments {
		if _, ok := oldIdx[m.ID]; !ok {
			d.Added = append(d.Added, m.ID)
			d.AddedMoments = append(d.AddedMoments, info(m))
		}
	}
	for _, m := range old.Moments {
		if _, ok := newIdx[m.ID]; !ok {
			d.Removed = append(d.Removed, m.ID)
			d.RemovedMoments = append(d.RemovedMoments, info(m))
		}
	}
	d.Moved = moved(old, new, oldIdx)

	for _, nm := range new.Moments {
		i, ok := oldIdx[nm.ID]
		if !ok {
			continue
		}
		om := old.Moments[i]
		d.Changed = append(d.Changed, momentChanges(om.Moment, nm.Moment)...)
		switch {
		case nm.Critical && !om.Critical:
			d.BecameCritical = append(d.BecameCritical, nm.ID)
		case !nm.Critical && om.Critical:
			d.NoLongerCritical = append(d.NoLongerCritical, nm.ID)
		}
		if nm.Critical != om.Critical {
			d.Flips = append(d.Flips, Flip{
				Ref: d.refs[nm.ID], Critical: nm.Critical,
				Before: om.Reasons, After: nm.Reasons,
				OldMarkedNot: markedNot(om.Moment), NewMarkedNot: markedNot(nm.Moment),
			})
		}
		d.Improvements = append(d.Improvements, improvementChanges(nm.ID, om.Improvements, nm.Improvements)...)
	}
	d.HandoffsAdded = handoffsOnlyIn(new, old)
	d.HandoffsRemoved = handoffsOnlyIn(old, new)
	return d
}

// info describes an added or removed moment.
func info(m *cycle.MomentAnalysis) MomentInfo {
	return MomentInfo{
		Ref:   Ref{Number: m.Number(), ID: m.ID, Name: m.Name},
		Owner: m.Owner, Critical: m.Critical, Reasons: m.Reasons,
		Improvements: m.Improvements,
	}
}

// markedNot reports whether the file marks the moment critical: false.
func markedNot(m *cycle.Moment) bool { return m.Critical != nil && !*m.Critical }

// handoffsOnlyIn returns the handoffs of a whose ends (by id) are not a
// handoff of b, in a's edge order.
func handoffsOnlyIn(a, b *cycle.Analysis) []Handoff {
	type key struct{ from, to string }
	inB := make(map[key]bool, len(b.Handoffs))
	for _, e := range b.Handoffs {
		inB[key{e.From.ID, e.To.ID}] = true
	}
	var out []Handoff
	for _, e := range a.Handoffs {
		if inB[key{e.From.ID, e.To.ID}] {
			continue
		}
		out = append(out, Handoff{
			From:      Ref{Number: e.From.Number(), ID: e.From.ID, Name: e.From.Name},
			To:        Ref{Number: e.To.Number(), ID: e.To.ID, Name: e.To.Name},
			FromOwner: e.From.Owner, ToOwner: e.To.Owner, Channel: e.From.Channel,
		})
	}
	return out
}

// moved returns the shared moments outside a longest increasing
// subsequence of their old positions, taken in new order.
func moved(old, new *cycle.Analysis, oldIdx map[string]int) []Move {
	var seq []int // old positions of shared moments, in new order
	var newPos []int
	for j, m := range new.Moments {
		if i, ok := oldIdx[m.ID]; ok {
			seq = append(seq, i)
			newPos = append(newPos, j)
		}
	}
	keep := lis(seq)
	var out []Move
	before := func(ms []*cycle.MomentAnalysis, i int) Ref {
		if i == 0 {
			return Ref{}
		}
		m := ms[i-1]
		return Ref{Number: m.Number(), ID: m.ID, Name: m.Name}
	}
	for k, i := range seq {
		if !keep[k] {
			out = append(out, Move{
				ID: old.Moments[i].ID, OldNumber: i + 1, NewNumber: newPos[k] + 1,
				OldAfter: before(old.Moments, i), NewAfter: before(new.Moments, newPos[k]),
			})
		}
	}
	return out
}

// lis marks a longest strictly increasing subsequence of seq (patience
// sorting, O(n log n)). Among equally long ones it keeps, at each length,
// the candidate ending with the smallest value seen last.
func lis(seq []int) []bool {
	var tails []int // tails[l] = index in seq of the smallest tail of a run of length l+1
	prev := make([]int, len(seq))
	for k, v := range seq {
		l := sort.Search(len(tails), func(i int) bool { return seq[tails[i]] >= v })
		if l > 0 {
			prev[k] = tails[l-1]
		} else {
			prev[k] = -1
		}
		if l == len(tails) {
			tails = append(tails, k)
		} else {
			tails[l] = k
		}
	}
	keep := make([]bool, len(seq))
	if len(tails) == 0 {
		return keep
	}
	for k := tails[len(tails)-1]; k >= 0; k = prev[k] {
		keep[k] = true
	}
	return keep
}

// text returns nil for an empty string, so unset shows as null.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// score returns nil for an unset (zero) score.
func score(n cycle.Decimal) any {
	if n.IsZero() {
		return nil
	}
	return n
}

// sample is a moment's sample: nil when unknown.
func sample(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// SettingKeys are the cycle's keys that change how the analysis reads
// the file, whatever the moments say: the scale the scores are read on,
// the SERVQUAL model of the dimensions, where the importance-performance
// quadrants split, whether the map is of today's service or a design, and
// the language of the words. A diff reports their changes on their own
// (Diff.Settings), with what each change does.
var SettingKeys = []string{"language", "scale", "servqual", "quadrants", "state"}

// settingIndex looks a setting up by key.
var settingIndex = func() map[string]bool {
	m := make(map[string]bool, len(SettingKeys))
	for _, k := range SettingKeys {
		m[k] = true
	}
	return m
}()

// IsSetting reports whether a cycle key is one of SettingKeys.
func IsSetting(field string) bool { return settingIndex[field] }

// cycleChanges lists the changed keys of the cycle itself.
func cycleChanges(o, n *cycle.Cycle) []FieldChange {
	var out []FieldChange
	add := func(field string, a, b any) {
		if !equal(a, b) {
			out = append(out, FieldChange{Field: field, Old: a, New: b})
		}
	}
	add("title", text(o.Title), text(n.Title))
	add("customer", text(o.Customer), text(n.Customer))
	add("organization", text(o.Organization), text(n.Organization))
	add("language", o.Language, n.Language)
	add("scale", o.Scale, n.Scale)
	add("servqual", o.Servqual, n.Servqual)
	add("quadrants", text(o.Quadrants), text(n.Quadrants))
	add("state", text(o.State), text(n.State))
	add("closed", o.Closed, n.Closed)
	add("critical.importance", o.Thresholds.Importance, n.Thresholds.Importance)
	add("critical.performance", o.Thresholds.Performance, n.Thresholds.Performance)
	add("critical.gap", o.Thresholds.Gap, n.Thresholds.Gap)
	return out
}

func momentChanges(o, n *cycle.Moment) []Change {
	var out []Change
	add := func(field string, a, b any) {
		if !equal(a, b) {
			out = append(out, Change{ID: n.ID, Field: field, Old: a, New: b})
		}
	}
	add("name", text(o.Name), text(n.Name))
	add("description", text(o.Description), text(n.Description))
	add("stage", text(o.Stage), text(n.Stage))
	add("channel", text(o.Channel), text(n.Channel))
	add("owner", text(o.Owner), text(n.Owner))
	add("expectation", text(o.Expectation), text(n.Expectation))
	add("standard", text(o.Standard), text(n.Standard))
	add("importance", score(o.Importance), score(n.Importance))
	add("performance", score(o.Performance), score(n.Performance))
	add("sample", sample(o.Sample), sample(n.Sample))
	add("critical", mark(o.Critical), mark(n.Critical))
	add("url", text(o.URL), text(n.URL))
	add("next", next(o.Next), next(n.Next))
	add("pains", list(o.Pains), list(n.Pains))
	add("evidence", list(o.Evidence), list(n.Evidence))
	add("backstage", list(o.Backstage), list(n.Backstage))
	add("support", list(o.Support), list(n.Support))
	add("ignore", list(o.Ignore), list(n.Ignore))
	for _, dim := range cycle.AllDimensions {
		os, ns := o.Dimensions[dim], n.Dimensions[dim]
		add("dimensions."+dim+".expected", score(os.Expected), score(ns.Expected))
		add("dimensions."+dim+".perceived", score(os.Perceived), score(ns.Perceived))
	}
	return out
}

// mark is the explicit critical mark: nil when unset.
func mark(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

// list returns nil for an empty list, a copy otherwise.
// next is a moment's explicit successors: nil when unset (the default
// successor), an empty list for "next: []" (the cycle ends there).
func next(s []string) any {
	if s == nil {
		return nil
	}
	return slices.Clone(s)
}

func list(s []string) any {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

func equal(a, b any) bool {
	as, aok := a.([]string)
	bs, bok := b.([]string)
	if aok || bok {
		return aok && bok && slices.Equal(as, bs)
	}
	return a == b
}

func due(im *cycle.Improvement) any {
	if !im.HasDue() {
		return nil
	}
	return im.Due.Format("2006-01-02")
}

// improvementChanges matches improvements by action text (trimmed), the
// n-th occurrence with the n-th, and reports removed ones in old order,
// then the rest in new order.
func improvementChanges(id string, olds, news []*cycle.Improvement) []ImprovementChange {
	key := func(im *cycle.Improvement) string { return strings.TrimSpace(im.Action) }
	pending := map[string][]int{} // action -> unmatched old indexes, in order
	for i, im := range olds {
		pending[key(im)] = append(pending[key(im)], i)
	}
	matched := make([]bool, len(olds))
	type pair struct{ o, n *cycle.Improvement }
	var seq []pair
	for _, nm := range news {
		k := key(nm)
		if q := pending[k]; len(q) > 0 {
			pending[k] = q[1:]
			matched[q[0]] = true
			seq = append(seq, pair{olds[q[0]], nm})
		} else {
			seq = append(seq, pair{nil, nm})
		}
	}
	var out []ImprovementChange
	for i, om := range olds {
		if !matched[i] {
			out = append(out, ImprovementChange{Moment: id, Action: om.Action, Kind: ImprovementRemoved})
		}
	}
	for _, p := range seq {
		if p.o == nil {
			out = append(out, ImprovementChange{Moment: id, Action: p.n.Action, Kind: ImprovementAdded})
			continue
		}
		o, n := p.o, p.n
		switch {
		case !o.Done() && n.Done():
			out = append(out, ImprovementChange{Moment: id, Action: n.Action, Kind: ImprovementClosed, Field: "status", Old: o.Status, New: n.Status})
		case o.Done() && !n.Done():
			out = append(out, ImprovementChange{Moment: id, Action: n.Action, Kind: ImprovementReopened, Field: "status", Old: o.Status, New: n.Status})
		case o.Status != n.Status:
			out = append(out, ImprovementChange{Moment: id, Action: n.Action, Kind: ImprovementChanged, Field: "status", Old: o.Status, New: n.Status})
		}
		for _, f := range []struct {
			field string
			a, b  any
		}{
			{"owner", text(o.Owner), text(n.Owner)},
			{"due", due(o), due(n)},
			{"pillar", text(o.Pillar), text(n.Pillar)},
		} {
			if !equal(f.a, f.b) {
				out = append(out, ImprovementChange{Moment: id, Action: n.Action, Kind: ImprovementChanged, Field: f.field, Old: f.a, New: f.b})
			}
		}
	}
	return out
}
