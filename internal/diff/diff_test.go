package diff

import (
	"encoding/json"
	"github.com/ciclo-dev/ciclo/internal/msg"
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
	if got := string(d.Text("en")); got != "no changes\n" {
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
	want := []Move{{ID: "d", OldNumber: 4, NewNumber: 1, OldAfter: Ref{Number: 3, ID: "c", Name: "C"}}}
	if !reflect.DeepEqual(d.Moved, want) {
		t.Errorf("moves %+v, want %+v", d.Moved, want)
	}
	if !strings.Contains(string(d.Text("en")), "moved: #1 d \"D\": 4 → 1, was: after #3 c, now: first\n") {
		t.Errorf("text:\n%s", d.Text("en"))
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
		{ID: "a", Field: "performance", Old: cycle.Whole(4), New: cycle.Whole(2)},
		{ID: "b", Field: "critical", Old: nil, New: false},
		{ID: "b", Field: "dimensions.courtesy.perceived", Old: cycle.Whole(3), New: cycle.Whole(4)},
	}
	if !reflect.DeepEqual(d.Changed, want) {
		t.Errorf("changed:\n%+v\nwant:\n%+v", d.Changed, want)
	}
	// b was critical by its courtesy gap of 2; now marked not critical.
	if !reflect.DeepEqual(d.NoLongerCritical, []string{"b"}) || len(d.BecameCritical) != 0 {
		t.Errorf("became %v, no longer %v", d.BecameCritical, d.NoLongerCritical)
	}
	text := string(d.Text("en"))
	for _, l := range []string{
		`changed: #1 a "Arrives at the desk": name: "Arrives" → "Arrives at the desk"`,
		`changed: #1 a "Arrives at the desk": channel: (unset) → "phone"`,
		`changed: #1 a "Arrives at the desk": performance: 4 → 2 (down)`,
		`changed: #2 b "Pays": critical: (unset) → false`,
		`changed: #2 b "Pays": dimensions.courtesy.perceived: 3 → 4 (up)`,
		`no longer critical: #2 b "Pays": was: courtesy gap: expected 5, perceived 3 (2 ≥ 2); now: marked not critical in the file`,
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
	text := string(d.Text("en"))
	for _, l := range []string{
		`improvement closed: #1 a "A": "Close me"`,
		`improvement reopened: #1 a "A": "Reopen me"`,
		`improvement removed: #1 a "A": "Drop me"`,
		`improvement added: #1 a "A": "New one"`,
		`improvement changed: #1 a "A": "Retime": due: "2026-01-01" → "2026-02-01"`,
		"removed: #2 gone \"Gone\"\n  improvement dropped with it: \"Whatever\" (planned)",
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
	js, err := compare(t, old, new).JSON("en")
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
		"changed":            []any{map[string]any{"id": "a", "field": "performance", "old": 4.0, "new": 1.0, "number": 2.0, "name": "A", "direction": "down"}},
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
	js, _ = compare(t, src, src).JSON("en")
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
	if got := string(d.Text("en")); !strings.Contains(got, "#2 b \"B\": next: (unset) → []") {
		t.Errorf("text %q", got)
	}
	// The pinned shape: changed is [{"id", "field", "old", "new"}]; unset and empty stay apart
	js, err := d.JSON("en")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Changed []map[string]any `json:"changed"`
	}
	if err := json.Unmarshal(js, &got); err != nil {
		t.Fatal(err)
	}
	want := []map[string]any{{"id": "b", "field": "next", "old": nil, "new": []any{}, "number": 2.0, "name": "B"}}
	if !reflect.DeepEqual(got.Changed, want) {
		t.Errorf("JSON changed = %#v, want %#v", got.Changed, want)
	}
}

// TestDecimalScores: a change of a hundredth is a change, printed exactly
// in text and JSON; 4 and 4.00 are the same score.
func TestDecimalScores(t *testing.T) {
	old := cycleOf("{id: a, name: A, importance: 4.00, performance: 2.51, dimensions: {courtesy: {expected: 4.75, perceived: 3.1}}}")
	new := "title: T\ncritical: {performance: 2.5}\nmoments:\n  - {id: a, name: A, importance: 4, performance: 2.5, sample: 40, dimensions: {courtesy: {expected: 4.75, perceived: 3.10}}}\n"
	d := compare(t, old, new)
	text := string(d.Text("en"))
	for _, want := range []string{
		"cycle: critical.performance: 2 → 2.5",
		"changed: #1 a \"A\": performance: 2.51 → 2.5 (down)",
		"changed: #1 a \"A\": sample: (unset) → 40",
		"became critical: #1 a \"A\"",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, ": importance:") || strings.Contains(text, "courtesy") {
		t.Errorf("4 and 4.00, 3.1 and 3.10 are the same score:\n%s", text)
	}
	js, err := d.JSON("en")
	if err != nil || !strings.Contains(string(js), `"old": 2.51`) || !strings.Contains(string(js), `"new": 2.5`) {
		t.Errorf("JSON: %v\n%s", err, js)
	}
}

// A moment can move relative to the others and keep its number: the move
// then says which moment it followed and follows.
func TestMoveKeepsNumber(t *testing.T) {
	d := compare(t, cycleOf(plain("a", "b", "c")...), cycleOf(plain("c", "b", "a")...))
	text := string(d.Text("en"))
	if !strings.Contains(text, `moved: #2 b "B": 2 → 2, was: after #1 a, now: after #1 c`) {
		t.Errorf("text:\n%s", text)
	}
	es := string(d.Text("es"))
	if !strings.Contains(es, `movido: #2 b "B": 2 → 2, antes: tras #1 a, ahora: tras #1 c`) {
		t.Errorf("Spanish text:\n%s", es)
	}
}

func TestAddedRemovedMoments(t *testing.T) {
	old := cycleOf(
		"{id: a, name: Arrives}",
		`{id: gone, name: Old form, owner: Desk, importance: 5, performance: 1, improvements: [
      {action: Shorter form, owner: Ana, due: 2026-12-15, status: doing},
      {action: Online form}]}`,
	)
	new := cycleOf("{id: fresh, name: New app, owner: IT}", "{id: a, name: Arrives}")
	d := compare(t, old, new)
	if len(d.AddedMoments) != 1 || d.AddedMoments[0].Ref != (Ref{Number: 1, ID: "fresh", Name: "New app"}) || d.AddedMoments[0].Owner != "IT" {
		t.Errorf("added %+v", d.AddedMoments)
	}
	if len(d.RemovedMoments) != 1 || d.RemovedMoments[0].Number != 2 || !d.RemovedMoments[0].Critical || len(d.RemovedMoments[0].Improvements) != 2 {
		t.Fatalf("removed %+v", d.RemovedMoments)
	}
	text := string(d.Text("en"))
	want := "added: #1 fresh \"New app\"\n" +
		"removed: #2 gone \"Old form\"\n" +
		"  improvement dropped with it: \"Shorter form\" (doing, Ana, due 2026-12-15)\n" +
		"  improvement dropped with it: \"Online form\" (planned)\n"
	if text != want {
		t.Errorf("text:\n%s\nwant:\n%s", text, want)
	}
	if es := string(d.Text("es")); !strings.Contains(es, "  mejora que se va con él: \"Shorter form\" (en curso, Ana, vence 2026-12-15)\n") {
		t.Errorf("Spanish text:\n%s", es)
	}
	js, _ := d.JSON("en")
	var doc struct {
		Removed []struct {
			Number       int
			ID           string
			Critical     bool
			Reasons      []string
			Improvements []map[string]any
		} `json:"removed_moments"`
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	r := doc.Removed
	if len(r) != 1 || r[0].Number != 2 || r[0].ID != "gone" || !r[0].Critical || len(r[0].Reasons) != 1 ||
		len(r[0].Improvements) != 2 || r[0].Improvements[0]["due"] != "2026-12-15" || r[0].Improvements[1]["owner"] != nil {
		t.Errorf("removed_moments: %s", js)
	}
}

func TestHandoffs(t *testing.T) {
	// a -> b on the phone with two owners is a handoff; moving b to the
	// desk's owner removes it, and a new phone moment c with another
	// owner adds b -> c.
	old := cycleOf(
		"{id: a, name: Calls, owner: Desk, channel: phone}",
		"{id: b, name: Is transferred, owner: Sales, channel: phone}",
	)
	new := cycleOf(
		"{id: a, name: Calls, owner: Desk, channel: phone}",
		"{id: b, name: Is transferred, owner: Desk, channel: phone}",
		"{id: c, name: Is called back, owner: Billing, channel: phone}",
	)
	d := compare(t, old, new)
	var added, removed []string
	for _, h := range d.HandoffsAdded {
		added = append(added, h.From.ID+">"+h.To.ID)
	}
	for _, h := range d.HandoffsRemoved {
		removed = append(removed, h.From.ID+">"+h.To.ID)
	}
	// old: a>b and b>a (the return); new: b>c and c>a
	if !reflect.DeepEqual(added, []string{"b>c", "c>a"}) || !reflect.DeepEqual(removed, []string{"a>b", "b>a"}) {
		t.Errorf("handoffs added %v, removed %v", added, removed)
	}
	text := string(d.Text("en"))
	for _, l := range []string{
		`handoff added: #2 b "Is transferred" (Desk) → #3 c "Is called back" (Billing), phone`,
		`handoff removed: #1 a "Calls" (Desk) → #2 b "Is transferred" (Sales), phone`,
	} {
		if !strings.Contains(text, l+"\n") {
			t.Errorf("text lacks %q:\n%s", l, text)
		}
	}
	if es := string(d.Text("es")); !strings.Contains(es, "traspaso eliminado: #1 a") {
		t.Errorf("Spanish text:\n%s", es)
	}
}

func TestFlipReasons(t *testing.T) {
	old := cycleOf(
		"{id: a, name: A, importance: 5, performance: 4}",
		"{id: b, name: B, importance: 5, performance: 1}",
	)
	new := cycleOf(
		"{id: a, name: A, importance: 5, performance: 2, dimensions: {courtesy: {expected: 5, perceived: 2}}}",
		"{id: b, name: B, importance: 5, performance: 4}",
	)
	d := compare(t, old, new)
	if len(d.Flips) != 2 || !d.Flips[0].Critical || len(d.Flips[0].After) != 2 || len(d.Flips[0].Before) != 0 || d.Flips[1].Critical || len(d.Flips[1].Before) != 1 {
		t.Fatalf("flips %+v", d.Flips)
	}
	text := string(d.Text("en"))
	for _, l := range []string{
		`became critical: #1 a "A": was: not critical; now: importance 5 ≥ 4 and performance 2 ≤ 2; courtesy gap: expected 5, perceived 2 (3 ≥ 2)`,
		`no longer critical: #2 b "B": was: importance 5 ≥ 4 and performance 1 ≤ 2; now: not critical`,
	} {
		if !strings.Contains(text, l+"\n") {
			t.Errorf("text lacks %q:\n%s", l, text)
		}
	}
	if es := string(d.Text("es")); !strings.Contains(es, `dejó de ser crítico: #2 b "B": antes: importancia 5 ≥ 4 y desempeño 1 ≤ 2; ahora: no crítico`) {
		t.Errorf("Spanish text:\n%s", es)
	}
	js, _ := d.JSON("es")
	var doc struct {
		Criticality []struct {
			ID         string
			Critical   bool
			ReasonsOld []string `json:"reasons_old"`
			ReasonsNew []string `json:"reasons_new"`
		}
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	c := doc.Criticality
	if len(c) != 2 || c[0].ID != "a" || !c[0].Critical || len(c[0].ReasonsOld) != 0 || len(c[0].ReasonsNew) != 2 ||
		!strings.HasPrefix(c[1].ReasonsOld[0], "importancia") {
		t.Errorf("criticality: %s", js)
	}
}

func TestScoreDirection(t *testing.T) {
	for _, tc := range []struct {
		c    Change
		want int
	}{
		{Change{Field: "performance", Old: 2, New: 4}, 1},
		{Change{Field: "importance", Old: 4, New: 2}, -1},
		{Change{Field: "dimensions.courtesy.expected", Old: 3.5, New: 4.0}, 1},
		{Change{Field: "performance", Old: nil, New: 4}, 0},
		{Change{Field: "name", Old: "a", New: "b"}, 0},
	} {
		if got := tc.c.Direction(); got != tc.want {
			t.Errorf("%+v: direction %d, want %d", tc.c, got, tc.want)
		}
	}
}

func TestWordsComplete(t *testing.T) {
	for _, l := range cycle.Languages[1:] {
		for k, en := range words {
			if _, ok := msg.Lookup(l, "diff."+k+"|"+en); !ok || en == "" {
				t.Errorf("%s lacks %q", l, k)
			}
		}
	}
}
