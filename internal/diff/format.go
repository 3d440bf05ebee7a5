package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// jsonDoc is the JSON shape of a diff. The keys added, removed, changed
// (with id, field, old, new), became_critical and no_longer_critical are
// pinned (README, "Diff"); moved, improvements and cycle are additions.
type jsonDoc struct {
	Added            []string          `json:"added"`
	Removed          []string          `json:"removed"`
	Changed          []jsonChange      `json:"changed"`
	BecameCritical   []string          `json:"became_critical"`
	NoLongerCritical []string          `json:"no_longer_critical"`
	Moved            []jsonMove        `json:"moved"`
	Improvements     []jsonImprovement `json:"improvements"`
	Cycle            []jsonField       `json:"cycle"`
}

type jsonChange struct {
	ID    string `json:"id"`
	Field string `json:"field"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
}

type jsonMove struct {
	ID        string `json:"id"`
	OldNumber int    `json:"old_number"`
	NewNumber int    `json:"new_number"`
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

// nonNil turns a nil slice into an empty one, so JSON shows [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// JSON encodes the diff, indented, with a final newline.
func (d *Diff) JSON() ([]byte, error) {
	doc := jsonDoc{
		Added: nonNil(d.Added), Removed: nonNil(d.Removed),
		BecameCritical: nonNil(d.BecameCritical), NoLongerCritical: nonNil(d.NoLongerCritical),
		Changed: []jsonChange{}, Moved: []jsonMove{}, Improvements: []jsonImprovement{}, Cycle: []jsonField{},
	}
	for _, c := range d.Changed {
		doc.Changed = append(doc.Changed, jsonChange(c))
	}
	for _, m := range d.Moved {
		doc.Moved = append(doc.Moved, jsonMove(m))
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
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encoding diff: %w", err)
	}
	return buf.Bytes(), nil
}

// Text writes the diff for people, one change per line, in a stable
// order: cycle settings, moments added, removed, moved, field changes,
// criticality, improvements. Values are JSON literals (strings quoted);
// an unset value is written (unset). An empty diff is "no changes".
func (d *Diff) Text() []byte {
	var b strings.Builder
	line := func(format string, args ...any) {
		fmt.Fprintf(&b, format, args...)
		b.WriteByte('\n')
	}
	if d.Empty() {
		line("no changes")
		return []byte(b.String())
	}
	for _, c := range d.Cycle {
		line("cycle: %s: %s → %s", c.Field, value(c.Old), value(c.New))
	}
	for _, id := range d.Added {
		line("added: %s", id)
	}
	for _, id := range d.Removed {
		line("removed: %s", id)
	}
	for _, m := range d.Moved {
		line("moved: %s: %d → %d", m.ID, m.OldNumber, m.NewNumber)
	}
	for _, c := range d.Changed {
		line("changed: %s: %s: %s → %s", c.ID, c.Field, value(c.Old), value(c.New))
	}
	for _, id := range d.BecameCritical {
		line("became critical: %s", id)
	}
	for _, id := range d.NoLongerCritical {
		line("no longer critical: %s", id)
	}
	for _, im := range d.Improvements {
		switch im.Kind {
		case ImprovementChanged:
			line("improvement changed: %s: %s: %s: %s → %s", im.Moment, value(im.Action), im.Field, value(im.Old), value(im.New))
		default:
			line("improvement %s: %s: %s", im.Kind, im.Moment, value(im.Action))
		}
	}
	return []byte(b.String())
}

// value writes a changed value as a JSON literal, or (unset).
func value(v any) string {
	if v == nil {
		return "(unset)"
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}
