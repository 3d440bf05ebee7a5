package diff

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
)

func analyse(t *testing.T, src string) *cycle.Analysis {
	t.Helper()
	c, err := cycle.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	return cycle.Analyze(c)
}

// cycleOf builds a cycle file whose moments are the given YAML flow
// mappings, one per line.
func cycleOf(moments ...string) string {
	var b strings.Builder
	b.WriteString("title: T\nmoments:\n")
	for _, m := range moments {
		b.WriteString("  - " + m + "\n")
	}
	return b.String()
}

// plain returns moments named after their ids.
func plain(ids ...string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "{id: " + id + ", name: " + strings.ToUpper(id) + "}"
	}
	return out
}

func compare(t *testing.T, old, new string) *Diff {
	t.Helper()
	return Compare(analyse(t, old), analyse(t, new))
}

func movedIDs(d *Diff) []string {
	var out []string
	for _, m := range d.Moved {
		out = append(out, m.ID)
	}
	return out
}

func TestIdentical(t *testing.T) {
	src := cycleOf(plain("a", "b", "c")...)
	d := compare(t, src, src)
	if !d.Empty() {
		t.Errorf("identical cycles differ: %+v", d)
	}
	if got := string(d.Text()); got != "no changes\n" {
		t.Errorf("text = %q", got)
	}
}

func TestMoved(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new []string
		moved    []string
	}{
		{"insertion moves nothing", []string{"a", "b", "c", "d"}, []string{"a", "x", "b", "c", "d"}, nil},
		{"removal moves nothing", []string{"a", "b", "c", "d"}, []string{"a", "c", "d"}, nil},
		{"one to the front", []string{"a", "b", "c", "d"}, []string{"d", "a", "b", "c"}, []string{"d"}},
		{"one to the back", []string{"a", "b", "c", "d"}, []string{"b", "c", "d", "a"}, []string{"a"}},
		{"swap of neighbours moves the later", []string{"a", "b", "c"}, []string{"b", "a", "c"}, []string{"b"}},
		{"reversal", []string{"a", "b", "c"}, []string{"c", "b", "a"}, []string{"c", "b"}},
		{"insert and move", []string{"a", "b", "c", "d", "e"}, []string{"a", "x", "e", "b", "c", "d"}, []string{"e"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := compare(t, cycleOf(plain(tc.old...)...), cycleOf(plain(tc.new...)...))
			if got := movedIDs(d); !reflect.DeepEqual(got, tc.moved) {
				t.Errorf("moved %v, want %v", got, tc.moved)
			}
			if len(d.Changed) != 0 {
				t.Errorf("reordering changed fields: %+v", d.Changed)
			}
		})
	}
}

func TestMoveNumbers(t *testing.T) {
	d := compare(t, cycleOf(plain("a", "b", "c", "d")...), cycleOf(plain("d", "a", "b", "c")...))
	if want := []Move{{ID: "d", OldNumber: 4, NewNumber: 1}}; !reflect.DeepEqual(d.Moved, want) {
		t.Errorf("moves %+v, want %+v", d.Moved, want)
	}
	if !strings.Contains(string(d.Text()), "moved: d: 4 → 1\n") {
		t.Errorf("text:\n%s", d.Text())
	}
}

func TestAddedRemovedOrder(t *testing.T) {
	d := compare(t,
		cycleOf(plain("a", "r2", "b", "r1")...),
		cycleOf(plain("n2", "a", "b", "n1")...))
	if !reflect.DeepEqual(d.Added, []string{"n2", "n1"}) {
		t.Errorf("added %v, want new file order", d.Added)
	}
	if !reflect.DeepEqual(d.Removed, []string{"r2", "r1"}) {
		t.Errorf("removed %v, want old file order", d.Removed)
	}
}

func TestRescoreAndRename(t *testing.T) {
	old := cycleOf(
		"{id: a, name: Arrives, owner: Desk, importance: 3, performance: 4}",
		"{id: b, name: Pays, dimensions: {courtesy: {expected: 5, perceived: 3}}}",
	)
	new := cycleOf(
		"{id: a, name: Arrives at the desk, owner: Front desk, importance: 3, performance: 2, channel: phone}",
		"{id: b, name: Pays, dimensions: {courtesy: {expected: 5, perceived: 4}}, critical: false}",
	)
	d := compare(t, old, new)
	want := []Change{
		{ID: "a", Field: "name", Old: "Arrives", New: "Arrives at the desk"},
		{ID: "a", Field: "channel", Old: nil, New: "phone"},
		{ID: "a", Field: "owner", Old: "Desk", New: "Front desk"},
		{ID: "a", Field: "performance", Old: 4, New: 2},
		{ID: "b", Field: "critical", Old: nil, New: false},
		{ID: "b", Field: "dimensions.courtesy.perceived", Old: 3, New: 4},
	}
	if !reflect.DeepEqual(d.Changed, want) {
		t.Errorf("changed:\n%+v\nwant:\n%+v", d.Changed, want)
	}
	// b was critical by its courtesy gap of 2; now marked not critical.
	if !reflect.DeepEqual(d.NoLongerCritical, []string{"b"}) || len(d.BecameCritical) != 0 {
		t.Errorf("became %v, no longer %v", d.BecameCritical, d.NoLongerCritical)
	}
	text := string(d.Text())
	for _, l := range []string{
		`changed: a: name: "Arrives" → "Arrives at the desk"`,
		`changed: a: channel: (unset) → "phone"`,
		`changed: a: performance: 4 → 2`,
		`changed: b: critical: (unset) → false`,
		`no longer critical: b`,
	} {
		if !strings.Contains(text, l+"\n") {
			t.Errorf("text lacks %q:\n%s", l, text)
		}
	}
}

func TestCriticalityFlips(t *testing.T) {
	old := cycleOf(
		"{id: a, name: A, importance: 5, performance: 4}",
		"{id: b, name: B, importance: 5, performance: 1}",
		"{id: c, name: C, importance: 5, performance: 4}",
	)
	new := cycleOf(
		"{id: c, name: C, importance: 5, performance: 1}",
		"{id: a, name: A, importance: 5, performance: 2}",
		"{id: b, name: B, importance: 5, performance: 3}",
	)
	d := compare(t, old, new)
	if !reflect.DeepEqual(d.BecameCritical, []string{"c", "a"}) {
		t.Errorf("became critical %v, want [c a] (new order)", d.BecameCritical)
	}
	if !reflect.DeepEqual(d.NoLongerCritical, []string{"b"}) {
		t.Errorf("no longer critical %v", d.NoLongerCritical)
	}
	// Thresholds changed: criticality follows the analysis.
	th := "title: T\ncritical: {importance: 5, performance: 3}\nmoments:\n  - {id: a, name: A, importance: 5, performance: 3}\n"
	d = compare(t, cycleOf("{id: a, name: A, importance: 5, performance: 3}"), th)
	if !reflect.DeepEqual(d.BecameCritical, []string{"a"}) {
		t.Errorf("threshold change: became critical %v", d.BecameCritical)
	}
	if len(d.Cycle) != 2 || d.Cycle[0].Field != "critical.importance" || d.Cycle[1].Field != "critical.performance" {
		t.Errorf("cycle changes %+v", d.Cycle)
	}
}

func TestImprovements(t *testing.T) {
	old := cycleOf(`{id: a, name: A, improvements: [
      {action: Keep, owner: Ana},
      {action: Close me, status: doing},
      {action: Reopen me, status: done},
      {action: Drop me},
      {action: Retime, due: 2026-01-01}]}`,
		`{id: gone, name: Gone, improvements: [{action: Whatever}]}`)
	new := cycleOf(`{id: a, name: A, improvements: [
      {action: New one},
      {action: Keep, owner: Ana},
      {action: Close me, status: done},
      {action: Reopen me, status: planned},
      {action: Retime, due: 2026-02-01, status: doing}]}`,
		`{id: fresh, name: Fresh, improvements: [{action: Whatever}]}`)
	d := compare(t, old, new)
	var got []string
	for _, im := range d.Improvements {
		s := string(im.Kind) + " " + im.Moment + " " + im.Action
		if im.Field != "" {
			b, _ := json.Marshal([]any{im.Field, im.Old, im.New})
			s += " " + string(b)
		}
		got = append(got, s)
	}
	want := []string{
		"removed a Drop me",
		"added a New one",
		`closed a Close me ["status","doing","done"]`,
		`reopened a Reopen me ["status","done","planned"]`,
		`changed a Retime ["status","planned","doing"]`,
		`changed a Retime ["due","2026-01-01","2026-02-01"]`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("improvements:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	text := string(d.Text())
	for _, l := range []string{
		`improvement closed: a: "Close me"`,
		`improvement reopened: a: "Reopen me"`,
		`improvement removed: a: "Drop me"`,
		`improvement added: a: "New one"`,
		`improvement changed: a: "Retime": due: "2026-01-01" → "2026-02-01"`,
	} {
		if !strings.Contains(text, l+"\n") {
			t.Errorf("text lacks %q:\n%s", l, text)
		}
	}
}

func TestDuplicateActions(t *testing.T) {
	old := cycleOf(`{id: a, name: A, improvements: [{action: Call, status: done}, {action: Call}]}`)
	new := cycleOf(`{id: a, name: A, improvements: [{action: Call, status: done}, {action: Call, status: done}]}`)
	d := compare(t, old, new)
	if len(d.Improvements) != 1 || d.Improvements[0].Kind != ImprovementClosed {
		t.Errorf("improvements %+v, want one closed", d.Improvements)
	}
}

func TestJSONShape(t *testing.T) {
	old := cycleOf("{id: a, name: A, importance: 5, performance: 4}", "{id: b, name: B}")
	new := cycleOf("{id: c, name: C}", "{id: a, name: A, importance: 5, performance: 1}")
	js, err := compare(t, old, new).JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"added", "removed", "changed", "became_critical", "no_longer_critical", "moved", "improvements", "cycle"} {
		if _, ok := doc[k].([]any); !ok {
			t.Errorf("key %q is %T, want an array", k, doc[k])
		}
	}
	want := map[string]any{
		"added":              []any{"c"},
		"removed":            []any{"b"},
		"changed":            []any{map[string]any{"id": "a", "field": "performance", "old": 4.0, "new": 1.0}},
		"became_critical":    []any{"a"},
		"no_longer_critical": []any{},
	}
	for k, v := range want {
		if !reflect.DeepEqual(doc[k], v) {
			t.Errorf("%s = %v, want %v", k, doc[k], v)
		}
	}
	// Empty diff: every list present and empty, never null.
	src := cycleOf(plain("a")...)
	js, _ = compare(t, src, src).JSON()
	if strings.Contains(string(js), "null") {
		t.Errorf("empty diff has null:\n%s", js)
	}
}

// "next: []" ends the cycle at a moment: the diagram changes (an end mark
// instead of the return to moment 1), so the diff must say so.
func TestExplicitEnd(t *testing.T) {
	d := compare(t, cycleOf(plain("a", "b")...), cycleOf("{id: a, name: A}", "{id: b, name: B, next: []}"))
	if d.Empty() || len(d.Changed) != 1 || d.Changed[0].Field != "next" {
		t.Fatalf("got %+v, want one change of b's next", d)
	}
	if got := string(d.Text()); !strings.Contains(got, "b: next: (unset) → []") {
		t.Errorf("text %q", got)
	}
	// The pinned shape: changed is [{"id", "field", "old", "new"}]; unset and empty stay apart
	js, err := d.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Changed []map[string]any `json:"changed"`
	}
	if err := json.Unmarshal(js, &got); err != nil {
		t.Fatal(err)
	}
	want := []map[string]any{{"id": "b", "field": "next", "old": nil, "new": []any{}}}
	if !reflect.DeepEqual(got.Changed, want) {
		t.Errorf("JSON changed = %#v, want %#v", got.Changed, want)
	}
}
