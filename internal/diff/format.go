package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
)

// jsonDoc is the JSON shape of a diff. The keys added, removed, changed
// (with id, field, old, new), became_critical and no_longer_critical are
// pinned (README, "Machine-readable shapes"); the others are additions,
// and so are the keys number, name and direction of a change. settings
// maps each changed key of SettingKeys to its old and new values; those
// changes are in cycle too, with every other changed key of the cycle.
type jsonDoc struct {
	Added            []string              `json:"added"`
	Removed          []string              `json:"removed"`
	Changed          []jsonChange          `json:"changed"`
	BecameCritical   []string              `json:"became_critical"`
	NoLongerCritical []string              `json:"no_longer_critical"`
	Moved            []jsonMove            `json:"moved"`
	Improvements     []jsonImprovement     `json:"improvements"`
	Cycle            []jsonField           `json:"cycle"`
	AddedMoments     []jsonMoment          `json:"added_moments"`
	RemovedMoments   []jsonMoment          `json:"removed_moments"`
	Criticality      []jsonFlip            `json:"criticality"`
	HandoffsAdded    []jsonHandoff         `json:"handoffs_added"`
	HandoffsRemoved  []jsonHandoff         `json:"handoffs_removed"`
	Settings         map[string]jsonOldNew `json:"settings"`
}

// jsonOldNew is a setting's values in the old and the new version.
type jsonOldNew struct {
	Old any `json:"old"`
	New any `json:"new"`
}

type jsonChange struct {
	ID     string `json:"id"`
	Field  string `json:"field"`
	Old    any    `json:"old"`
	New    any    `json:"new"`
	Number int    `json:"number,omitempty"`
	Name   string `json:"name,omitempty"`
	// Direction is "up" or "down" for a score with both values.
	Direction string `json:"direction,omitempty"`
}

// jsonRef names a moment; a null jsonRef (for "after") means first.
type jsonRef struct {
	Number int    `json:"number"`
	ID     string `json:"id"`
	Name   string `json:"name"`
}

type jsonMove struct {
	ID        string   `json:"id"`
	OldNumber int      `json:"old_number"`
	NewNumber int      `json:"new_number"`
	Name      string   `json:"name"`
	OldAfter  *jsonRef `json:"old_after"`
	NewAfter  *jsonRef `json:"new_after"`
}

type jsonField struct {
	Field string `json:"field"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
}

// jsonImprovement has field, old and new only when a field changed; the
// pointers tell "absent" (nil) from "unset" (pointer to nil).
type jsonImprovement struct {
	Moment string  `json:"moment"`
	Action string  `json:"action"`
	Change string  `json:"change"`
	Field  *string `json:"field,omitempty"`
	Old    *any    `json:"old,omitempty"`
	New    *any    `json:"new,omitempty"`
}

// jsonMoment is an added or removed moment; number is its number in the
// version it is in.
type jsonMoment struct {
	jsonRef
	Owner        any              `json:"owner"`
	Critical     bool             `json:"critical"`
	Reasons      []string         `json:"reasons"`
	Improvements []jsonPlanAction `json:"improvements"`
}

type jsonPlanAction struct {
	Action string `json:"action"`
	Owner  any    `json:"owner"`
	Due    any    `json:"due"`
	Status string `json:"status"`
	Pillar any    `json:"pillar"`
}

// jsonFlip: reasons in the language asked for, as the report writes them.
type jsonFlip struct {
	jsonRef
	Critical     bool     `json:"critical"`
	ReasonsOld   []string `json:"reasons_old"`
	ReasonsNew   []string `json:"reasons_new"`
	OldMarkedNot bool     `json:"old_marked_not_critical"`
	NewMarkedNot bool     `json:"new_marked_not_critical"`
}

type jsonHandoff struct {
	From      jsonRef `json:"from"`
	To        jsonRef `json:"to"`
	FromOwner string  `json:"from_owner"`
	ToOwner   string  `json:"to_owner"`
	Channel   string  `json:"channel"`
}

// nonNil turns a nil slice into an empty one, so JSON shows [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func toJSONRef(r Ref) jsonRef { return jsonRef(r) }

// after is nil for the zero Ref (the moment is first).
func after(r Ref) *jsonRef {
	if r.ID == "" {
		return nil
	}
	j := toJSONRef(r)
	return &j
}

func reasonTexts(rs []cycle.Reason, l string) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.Text(l))
	}
	return out
}

func planActions(ims []*cycle.Improvement) []jsonPlanAction {
	out := []jsonPlanAction{}
	for _, im := range ims {
		out = append(out, jsonPlanAction{Action: im.Action, Owner: text(im.Owner), Due: due(im), Status: im.Status, Pillar: text(im.Pillar)})
	}
	return out
}

func jsonMoments(ms []MomentInfo, l string) []jsonMoment {
	out := []jsonMoment{}
	for _, m := range ms {
		out = append(out, jsonMoment{
			jsonRef: toJSONRef(m.Ref), Owner: text(m.Owner), Critical: m.Critical,
			Reasons: reasonTexts(m.Reasons, l), Improvements: planActions(m.Improvements),
		})
	}
	return out
}

func jsonHandoffs(hs []Handoff) []jsonHandoff {
	out := []jsonHandoff{}
	for _, h := range hs {
		out = append(out, jsonHandoff{From: toJSONRef(h.From), To: toJSONRef(h.To), FromOwner: h.FromOwner, ToOwner: h.ToOwner, Channel: h.Channel})
	}
	return out
}

// direction names a change's direction for JSON and row marks: "up",
// "down" or "".
func direction(c Change) string {
	switch c.Direction() {
	case 1:
		return "up"
	case -1:
		return "down"
	}
	return ""
}

// JSON encodes the diff, indented, with a final newline; reasons are
// written in the language l ("en" or "es"; anything else is English).
func (d *Diff) JSON(l string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d.jsonDoc(l)); err != nil {
		return nil, fmt.Errorf("encoding diff: %w", err)
	}
	return buf.Bytes(), nil
}

func (d *Diff) jsonDoc(l string) jsonDoc {
	doc := jsonDoc{
		Added: nonNil(d.Added), Removed: nonNil(d.Removed),
		BecameCritical: nonNil(d.BecameCritical), NoLongerCritical: nonNil(d.NoLongerCritical),
		Changed: []jsonChange{}, Moved: []jsonMove{}, Improvements: []jsonImprovement{}, Cycle: []jsonField{},
		AddedMoments: jsonMoments(d.AddedMoments, l), RemovedMoments: jsonMoments(d.RemovedMoments, l),
		Criticality:   []jsonFlip{},
		HandoffsAdded: jsonHandoffs(d.HandoffsAdded), HandoffsRemoved: jsonHandoffs(d.HandoffsRemoved),
		Settings: map[string]jsonOldNew{},
	}
	for _, c := range d.Settings {
		doc.Settings[c.Field] = jsonOldNew{Old: c.Old, New: c.New}
	}
	for _, c := range d.Changed {
		r := d.Ref(c.ID)
		doc.Changed = append(doc.Changed, jsonChange{ID: c.ID, Field: c.Field, Old: c.Old, New: c.New, Number: r.Number, Name: r.Name, Direction: direction(c)})
	}
	for _, m := range d.Moved {
		doc.Moved = append(doc.Moved, jsonMove{ID: m.ID, OldNumber: m.OldNumber, NewNumber: m.NewNumber, Name: d.Ref(m.ID).Name, OldAfter: after(m.OldAfter), NewAfter: after(m.NewAfter)})
	}
	for _, c := range d.Cycle {
		doc.Cycle = append(doc.Cycle, jsonField(c))
	}
	for _, im := range d.Improvements {
		ji := jsonImprovement{Moment: im.Moment, Action: im.Action, Change: string(im.Kind)}
		if im.Field != "" {
			f, o, n := im.Field, im.Old, im.New
			ji.Field, ji.Old, ji.New = &f, &o, &n
		}
		doc.Improvements = append(doc.Improvements, ji)
	}
	for _, f := range d.Flips {
		doc.Criticality = append(doc.Criticality, jsonFlip{
			jsonRef: toJSONRef(f.Ref), Critical: f.Critical,
			ReasonsOld: reasonTexts(f.Before, l), ReasonsNew: reasonTexts(f.After, l),
			OldMarkedNot: f.OldMarkedNot, NewMarkedNot: f.NewMarkedNot,
		})
	}
	return doc
}

// name writes a moment for people: #3 counter "Arrives at the counter".
func name(r Ref) string {
	var b strings.Builder
	if r.Number > 0 {
		fmt.Fprintf(&b, "#%d ", r.Number)
	}
	b.WriteString(r.ID)
	if r.Name != "" {
		b.WriteString(" " + value(r.Name, ""))
	}
	return b.String()
}

// place says where a moved moment stands: first, or after a moment.
func place(r Ref, l string) string {
	if r.ID == "" {
		return word(l, "first")
	}
	return fmt.Sprintf(word(l, "after"), fmt.Sprintf("#%d %s", r.Number, r.ID))
}

// reasons writes the reasons a moment is or is not critical in one
// version: its reasons, "marked not critical in the file", or "not
// critical".
func reasons(rs []cycle.Reason, markedNot bool, l string) string {
	switch {
	case len(rs) > 0:
		return strings.Join(reasonTexts(rs, l), "; ")
	case markedNot:
		return word(l, "marked_not")
	}
	return word(l, "not_critical")
}

// scoreChange writes old → new, with the direction in words for a score.
func scoreChange(c Change, l string) string {
	s := value(c.Old, l) + " → " + value(c.New, l)
	if dir := direction(c); dir != "" {
		s += " (" + word(l, dir) + ")"
	}
	return s
}

// planLine describes an improvement of an added or removed moment.
func planLine(im *cycle.Improvement, l string) string {
	parts := []string{word(l, im.Status)}
	if im.Owner != "" {
		parts = append(parts, im.Owner)
	}
	if im.HasDue() {
		parts = append(parts, fmt.Sprintf(word(l, "due"), im.Due.Format("2006-01-02")))
	}
	return value(im.Action, l) + " (" + strings.Join(parts, ", ") + ")"
}

// handoffLine writes a handoff: #2 a "A" (Desk) → #3 b "B" (Bank), phone.
func handoffLine(h Handoff) string {
	s := fmt.Sprintf("%s (%s) → %s (%s)", name(h.From), h.FromOwner, name(h.To), h.ToOwner)
	if h.Channel != "" {
		s += ", " + h.Channel
	}
	return s
}

// Text writes the diff for people in the language l, one change per
// line, in a stable order: the settings that change the analysis (each
// with what it changes), the cycle's other keys, moments added, removed (each
// followed by its improvements, indented), moved, field changes,
// criticality, handoffs, improvements. Moments are written as
// #NUMBER id "name"; values are JSON literals (strings quoted), an unset
// value is (unset). An empty diff is "no changes".
func (d *Diff) Text(l string) []byte {
	var b strings.Builder
	line := func(label, format string, args ...any) {
		b.WriteString(word(l, label))
		b.WriteString(": ")
		fmt.Fprintf(&b, format, args...)
		b.WriteByte('\n')
	}
	if d.Empty() {
		b.WriteString(word(l, "no_changes") + "\n")
		return []byte(b.String())
	}
	for _, c := range d.Settings {
		line("setting", "%s: %s → %s (%s)", c.Field, value(c.Old, l), value(c.New, l), word(l, "eff_"+c.Field))
	}
	for _, c := range d.Cycle {
		if !IsSetting(c.Field) {
			line("cycle", "%s: %s → %s", c.Field, value(c.Old, l), value(c.New, l))
		}
	}
	for _, m := range d.AddedMoments {
		line("added", "%s", name(m.Ref))
	}
	for _, m := range d.RemovedMoments {
		line("removed", "%s", name(m.Ref))
		for _, im := range m.Improvements {
			fmt.Fprintf(&b, "  %s: %s\n", word(l, "goes_with_it"), planLine(im, l))
		}
	}
	for _, m := range d.Moved {
		r := d.Ref(m.ID)
		line("moved", "%s: %d → %d, %s: %s, %s: %s", name(r), m.OldNumber, m.NewNumber,
			word(l, "was"), place(m.OldAfter, l), word(l, "now"), place(m.NewAfter, l))
	}
	for _, c := range d.Changed {
		line("changed", "%s: %s: %s", name(d.Ref(c.ID)), c.Field, scoreChange(c, l))
	}
	for _, f := range d.Flips {
		label := "no_longer_critical"
		if f.Critical {
			label = "became_critical"
		}
		line(label, "%s: %s: %s; %s: %s", name(f.Ref),
			word(l, "was"), reasons(f.Before, f.OldMarkedNot, l), word(l, "now"), reasons(f.After, f.NewMarkedNot, l))
	}
	for _, h := range d.HandoffsAdded {
		line("handoff_added", "%s", handoffLine(h))
	}
	for _, h := range d.HandoffsRemoved {
		line("handoff_removed", "%s", handoffLine(h))
	}
	for _, im := range d.Improvements {
		kind := word(l, "improvement") + " " + word(l, "imp_"+string(im.Kind))
		if im.Kind == ImprovementChanged {
			fmt.Fprintf(&b, "%s: %s: %s: %s: %s → %s\n", kind, name(d.Ref(im.Moment)), value(im.Action, l), im.Field, value(im.Old, l), value(im.New, l))
			continue
		}
		fmt.Fprintf(&b, "%s: %s: %s\n", kind, name(d.Ref(im.Moment)), value(im.Action, l))
	}
	return []byte(b.String())
}

// value writes a changed value as a JSON literal, or (unset) in l.
func value(v any, l string) string {
	if v == nil {
		return word(l, "unset")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}
