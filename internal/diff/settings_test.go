package diff

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestSettingsAlone changes one setting at a time, moments untouched:
// each is a change (so ciclo diff exits 1), reported in Settings and in
// Cycle, and nowhere else.
func TestSettingsAlone(t *testing.T) {
	base := "title: T\nmoments:\n  - {id: a, name: A, importance: 5, performance: 2}\n  - {id: b, name: B, importance: 2, performance: 4}\n"
	for _, tc := range []struct {
		key, line string
		old, new  any
	}{
		{"language", "language: es\n", "en", "es"},
		{"scale", "scale: 7\n", 5, 7},
		{"servqual", "servqual: 5\n", 10, 5},
		{"quadrants", "quadrants: mean\n", "midpoint", "mean"},
		{"state", "state: to-be\n", "as-is", "to-be"},
	} {
		t.Run(tc.key, func(t *testing.T) {
			d := compare(t, base, tc.line+base)
			if d.Empty() {
				t.Fatalf("%s changed and the diff is empty", tc.key)
			}
			want := FieldChange{Field: tc.key, Old: tc.old, New: tc.new}
			if len(d.Settings) != 1 || d.Settings[0] != want {
				t.Errorf("settings %+v, want [%+v]", d.Settings, want)
			}
			if !strings.Contains(string(d.Text("en")), "setting changed: "+tc.key+": ") {
				t.Errorf("text lacks the setting:\n%s", d.Text("en"))
			}
			js, err := d.JSON("en")
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Settings map[string]map[string]any `json:"settings"`
			}
			if err := json.Unmarshal(js, &doc); err != nil {
				t.Fatal(err)
			}
			if _, ok := doc.Settings[tc.key]; !ok || len(doc.Settings) != 1 {
				t.Errorf("json settings %v, want only %s", doc.Settings, tc.key)
			}
		})
	}
	if d := compare(t, base, base); len(d.Settings) != 0 || !d.Empty() {
		t.Errorf("same file: settings %+v", d.Settings)
	}
}

// TestSettingsJSONKeys: the settings key is added, every earlier key is
// still there, and an empty diff has "settings": {}.
func TestSettingsJSONKeys(t *testing.T) {
	src := cycleOf(plain("a")...)
	js, err := compare(t, src, src).JSON("en")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"added", "removed", "changed", "became_critical", "no_longer_critical", "moved", "improvements", "cycle", "added_moments", "removed_moments", "criticality", "handoffs_added", "handoffs_removed"} {
		if _, ok := doc[k].([]any); !ok {
			t.Errorf("key %q is %T, want an array", k, doc[k])
		}
	}
	if !reflect.DeepEqual(doc["settings"], map[string]any{}) {
		t.Errorf("settings = %#v, want {}", doc["settings"])
	}
}

// TestSettingsGoldens pins every format of a diff whose five settings
// changed (testdata/settings-old.yaml → settings-new.yaml), in English
// and Spanish: testdata/settings.LANG.FORMAT. Regenerate with
// go test ./internal/diff -run TestSettingsGoldens -update.
func TestSettingsGoldens(t *testing.T) {
	d := Compare(load(t, "testdata/settings-old.yaml"), load(t, "testdata/settings-new.yaml"))
	for _, l := range []string{"en", "es"} {
		js, err := d.JSON(l)
		if err != nil {
			t.Fatal(err)
		}
		page, err := HTML([]File{{Title: "Warranty claims", Status: FileChanged, Diff: d}}, HTMLOptions{Lang: l})
		if err != nil {
			t.Fatal(err)
		}
		for format, got := range map[string][]byte{
			"txt":  d.Text(l),
			"json": js,
			"md":   Markdown([]File{{Status: FileChanged, Diff: d}}, MDOptions{Lang: l}),
			"html": page,
		} {
			golden := filepath.Join("testdata", "settings."+l+"."+format)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs (run with -update and read the change):\n%s", golden, got)
			}
		}
	}
}
