package render

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestCalloutsCarryMomentNumbers: in notes-panel mode each callout disc,
// and the disc of its panel row, shows its moment's number, so that a
// disc beside moment 15 cannot be read as moment 11.
func TestCalloutsCarryMomentNumbers(t *testing.T) {
	a := analyse(t, "gen40.yaml", genCycle(40, 3))
	svg, err := Render(context.Background(), a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	root := parseSVG(t, svg)
	callouts := groups(root, "callout")
	keys := groups(root, "panel-key")
	rows := groups(root, "panel-row")
	if len(callouts) < 5 {
		t.Fatalf("%d callouts; the test needs a cycle in panel mode", len(callouts))
	}
	if len(keys) != len(callouts) || len(rows) != len(callouts) {
		t.Fatalf("%d callouts, %d panel keys, %d panel rows", len(callouts), len(keys), len(rows))
	}
	numbered := 0
	for _, m := range a.Moments {
		c, ok := callouts["note-"+m.ID]
		if len(m.Improvements) == 0 {
			if ok {
				t.Errorf("moment %s has no improvements but a callout", m.ID)
			}
			continue
		}
		want := fmt.Sprint(m.Number())
		if got := strings.Join(texts(c), " "); got != want {
			t.Errorf("callout of moment %s reads %q, want %q", m.ID, got, want)
		}
		if got := strings.Join(texts(keys["panel-key-"+m.ID]), " "); got != want {
			t.Errorf("panel key of moment %s reads %q, want %q", m.ID, got, want)
		}
		if row := strings.Join(texts(rows["panel-row-"+m.ID]), " "); !strings.Contains(row, strings.Fields(m.Name)[0]) {
			t.Errorf("panel row of moment %s reads %q, without the moment's name", m.ID, row)
		}
		if m.Number() != numbered+1 {
			numbered = -1000 // numbers differ from a plain count somewhere
		} else {
			numbered++
		}
	}
	if numbered > 0 {
		t.Fatal("every moment up to the last annotated has notes; the test cannot tell moment numbers from a count")
	}
}
