package yamledit

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestApplyGolden rewrites testdata/taller.yaml (comments, Spanish text, a
// folded description, block and flow mappings, a moment written in braces)
// and compares with a golden, then checks that every line the updates do
// not touch is still there, byte for byte.
func TestApplyGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/taller.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		updates map[string]Update
	}{
		{"replace", map[string]Update{
			// values in place: a block key with a comment after it, a
			// flow mapping, a lone perceived score, a block mapping
			"cita": {Importance: "3.83", Performance: "2.5", Sample: 40,
				Expected:  map[string]string{"courtesy": "4.75", "reliability": "4.6"},
				Perceived: map[string]string{"courtesy": "3.1", "responsiveness": "2.25", "reliability": "4"}},
		}},
		{"insert", map[string]Update{
			// keys the moment lacks: after its nearest earlier key
			"recepcion": {Importance: "4.5", Performance: "3", Sample: 12,
				Expected:  map[string]string{"courtesy": "5"},
				Perceived: map[string]string{"courtesy": "4.2", "access": "3"}},
			// after a block scalar: before the next later key instead
			"diagnostico": {Performance: "2", Perceived: map[string]string{"competence": "3.5"}},
			// a perceived-only score turned into expected + perceived
			"cita": {Expected: map[string]string{"responsiveness": "4", "competence": "4"}, Perceived: map[string]string{"competence": "3"}},
		}},
		{"flow", map[string]Update{
			// a moment in braces: a quoted value, new keys inside braces
			"entrega": {Importance: "4.25", Performance: "3.5", Sample: 7,
				Expected: map[string]string{"access": "5"}, Perceived: map[string]string{"courtesy": "4"}},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Apply(src, tc.updates)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "taller."+tc.name+".golden.yaml")
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("output differs from %s:\n%s", golden, out)
			}
			// the result is a valid cycle with the new values
			c, err := cycle.Parse("taller.yaml", out)
			if err != nil {
				t.Fatalf("the rewritten file is not a valid cycle: %v", err)
			}
			for id, u := range tc.updates {
				m := c.Moment(id)
				for _, v := range []struct {
					got  cycle.Decimal
					want string
				}{{m.Importance, u.Importance}, {m.Performance, u.Performance}} {
					if v.want != "" && v.got.String() != v.want {
						t.Errorf("%s: read %s, wrote %s", id, v.got, v.want)
					}
				}
				for d, want := range u.Perceived {
					if got := m.Dimensions[d].Perceived.String(); got != want {
						t.Errorf("%s.%s.perceived: read %s, wrote %s", id, d, got, want)
					}
				}
				for d, want := range u.Expected {
					if got := m.Dimensions[d].Expected.String(); got != want {
						t.Errorf("%s.%s.expected: read %s, wrote %s", id, d, got, want)
					}
				}
				if u.Sample > 0 && m.Sample != u.Sample {
					t.Errorf("%s: sample %d, wrote %d", id, m.Sample, u.Sample)
				}
			}
			// every comment line of the source is kept
			for _, l := range strings.Split(string(src), "\n") {
				if strings.HasPrefix(strings.TrimSpace(l), "#") && !bytes.Contains(out, []byte(l+"\n")) {
					t.Errorf("comment line %q lost", l)
				}
			}
		})
	}
}

// TestApplyNoChange: no updates give the source back unchanged, and a
// value rewritten to what it was changes nothing.
func TestApplyNoChange(t *testing.T) {
	src, _ := os.ReadFile("testdata/taller.yaml")
	for _, u := range []map[string]Update{nil, {"cita": {Importance: "4", Performance: "3", Perceived: map[string]string{"courtesy": "3"}}}} {
		out, err := Apply(src, u)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, src) {
			t.Errorf("Apply(%v) changed the file:\n%s", u, out)
		}
	}
}

// TestApplyQuoted replaces a quoted value with a plain number, quotes and
// all, and an alias with the number (the anchored value stays).
func TestApplyQuoted(t *testing.T) {
	src := []byte("title: T\nmoments:\n  - {id: a, name: A, importance: '5', performance: \"2\"}\n")
	out, err := Apply(src, map[string]Update{"a": {Importance: "4.5", Performance: "2.25"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "title: T\nmoments:\n  - {id: a, name: A, importance: 4.5, performance: 2.25}\n"
	if string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestApplyCRLF keeps Windows line endings on inserted lines.
func TestApplyCRLF(t *testing.T) {
	src := []byte("title: T\r\nmoments:\r\n  - id: a\r\n    name: A\r\n")
	out, err := Apply(src, map[string]Update{"a": {Importance: "3.5", Perceived: map[string]string{"courtesy": "2"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := "title: T\r\nmoments:\r\n  - id: a\r\n    name: A\r\n    importance: 3.5\r\n    dimensions:\r\n      courtesy: 2\r\n"
	if string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestApplyNoFinalNewline adds a key after a last line without newline.
func TestApplyNoFinalNewline(t *testing.T) {
	src := []byte("title: T\nmoments:\n- id: a\n  performance: 2")
	out, err := Apply(src, map[string]Update{"a": {Importance: "4", Performance: "2.75", Sample: 3}})
	if err != nil {
		t.Fatal(err)
	}
	want := "title: T\nmoments:\n- id: a\n  importance: 4\n  performance: 2.75\n  sample: 3"
	if string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestApplyErrors: nothing is returned when the edit would be wrong.
func TestApplyErrors(t *testing.T) {
	src := []byte("title: T\nmoments:\n  - id: a\n    importance: &imp 4\n  - id: b\n    importance: *imp\n  - id: b\n")
	cases := []struct {
		updates map[string]Update
		want    string
	}{
		{map[string]Update{"zz": {Importance: "3"}}, `no moment with id "zz"`},
		{map[string]Update{"b": {Importance: "3"}}, `"b" is in the file more than once`},
		{map[string]Update{"a": {Importance: "3"}}, "anchor &imp"},
		{map[string]Update{"a": {Performance: "3\n  x: 1"}}, "not a plain number"},
		{map[string]Update{"a": {Performance: "1e3"}}, "not a plain number"},
		{map[string]Update{"a": {Expected: map[string]string{"courtesy": "4"}}}, "needs a perceived score"},
		{map[string]Update{"a": {Perceived: map[string]string{"Bad: x": "4"}}}, "not a dimension name"},
		{map[string]Update{"a": {Sample: -1}}, "not a count"},
	}
	for _, c := range cases {
		out, err := Apply(src, c.updates)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Apply(%v) = %q, %v; want an error with %q", c.updates, out, err, c.want)
		}
		if out != nil {
			t.Errorf("Apply(%v) returned output with an error", c.updates)
		}
	}
}

// TestFormatNumber: whole numbers as integers, up to two decimals.
func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{4: "4", 3.5: "3.5", 3.8333: "3.83", 3.825: "3.83", 2.999: "3", 1.05: "1.05"} {
		if got := FormatNumber(v); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestApplyExamples rewrites every moment of every shipped example (and
// the starters): new importance, performance and sample, a new perceived
// score for a determinant the moment has and one it lacks. The result must
// be a valid cycle reading the new values, with every other line of the
// file kept in order.
func TestApplyExamples(t *testing.T) {
	var names []string
	for _, p := range []string{"../../examples/*.yaml", "../cli/starter/*.yaml"} {
		m, _ := filepath.Glob(p)
		names = append(names, m...)
	}
	if len(names) < 3 {
		t.Fatalf("found %d examples", len(names))
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			c, err := cycle.Parse(name, src)
			if err != nil {
				t.Fatal(err)
			}
			updates := map[string]Update{}
			for i, m := range c.Moments {
				u := Update{Importance: "1.25", Performance: fmt.Sprintf("%d.5", 1+i%2), Sample: 10 + i, Perceived: map[string]string{}}
				for d := range m.Dimensions {
					u.Perceived[d] = "1.75"
					break
				}
				for _, d := range c.DimensionKeys() {
					if _, ok := m.Dimensions[d]; !ok {
						u.Perceived[d] = "2.25"
						break
					}
				}
				updates[m.ID] = u
			}
			out, err := Apply(src, updates)
			if err != nil {
				t.Fatal(err)
			}
			nc, err := cycle.Parse(name, out)
			if err != nil {
				t.Fatalf("rewritten file invalid: %v\n%s", err, out)
			}
			for i, m := range nc.Moments {
				u := updates[m.ID]
				if m.Importance.String() != u.Importance || m.Performance.String() != u.Performance || m.Sample != u.Sample || m.Index != i {
					t.Errorf("%s: read %s, %s, %d", m.ID, m.Importance, m.Performance, m.Sample)
				}
				for d, v := range u.Perceived {
					if m.Dimensions[d].Perceived.String() != v {
						t.Errorf("%s.%s: read %s, wrote %s", m.ID, d, m.Dimensions[d].Perceived, v)
					}
				}
				if old := c.Moments[i]; m.Name != old.Name || m.Description != old.Description || len(m.Improvements) != len(old.Improvements) || len(m.Dimensions) < len(old.Dimensions) {
					t.Errorf("%s: other values changed", m.ID)
				}
			}
			// the lines of the source that hold no score come out in order
			rest := string(out)
			for _, l := range strings.Split(string(src), "\n") {
				k := strings.TrimSpace(l)
				if strings.HasPrefix(k, "importance:") || strings.HasPrefix(k, "performance:") || strings.Contains(l, "{expected") || strings.Contains(l, "perceived:") || isDimensionLine(k) {
					continue
				}
				j := strings.Index(rest, l)
				if j < 0 {
					t.Fatalf("line %q lost or moved", l)
				}
				rest = rest[j+len(l):]
			}
		})
	}
}

// isDimensionLine reports whether a trimmed line sets a determinant.
func isDimensionLine(k string) bool {
	for _, d := range cycle.AllDimensions {
		if strings.HasPrefix(k, d+":") {
			return true
		}
	}
	return false
}
