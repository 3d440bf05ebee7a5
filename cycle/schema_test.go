package cycle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// compileSchema compiles Schema() with formats asserted (due is a date).
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("cycle.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("cycle.schema.json")
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return sch
}

// yamlInstance decodes a YAML cycle the way an editor's YAML language
// server sees it, as a JSON value: mapping keys become strings and
// timestamps the text they were written as.
func yamlInstance(t *testing.T, src []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatalf("YAML: %v", err)
	}
	data, err := json.Marshal(normalise(v))
	if err != nil {
		t.Fatalf("to JSON: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

func normalise(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = normalise(x)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[fmt.Sprint(k)] = normalise(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalise(x)
		}
		return out
	case time.Time:
		if v.Equal(v.Truncate(24 * time.Hour)) {
			return v.Format("2006-01-02")
		}
		return v.Format(time.RFC3339Nano)
	}
	return v
}

// TestSchemaAcceptsValidFiles validates the starters, the examples and a
// file with every field against the schema; the parser accepts them all.
func TestSchemaAcceptsValidFiles(t *testing.T) {
	sch := compileSchema(t)
	files := map[string][]byte{}
	for _, pattern := range []string{"../internal/cli/starter/*.yaml", "../examples/*.yaml", "../examples/*/*.yaml"} {
		names, _ := filepath.Glob(pattern)
		for _, name := range names {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			files[name] = src
		}
	}
	if len(files) < 2 {
		t.Fatalf("found %d files; the starters at least should be there", len(files))
	}
	files["every field"] = []byte(y(
		"# yaml-language-server: $schema=cycle.schema.json",
		"version: 1",
		"title: Warranty claim",
		"customer: Customer",
		"organization: Store",
		"language: es",
		"scale: 7",
		"servqual: 10",
		"quadrants: mean",
		"state: to-be",
		"closed: false",
		"critical: {importance: 6, performance: 3, gap: 2}",
		"moments:",
		"  - id: counter",
		"    name: Arrives",
		"    description: First contact",
		"    stage: during",
		"    channel: in person",
		"    owner: Front desk",
		"    expectation: Quick",
		"    standard: 2 minutes",
		"    importance: 7",
		"    performance: 2",
		"    critical: true",
		"    url: https://example.org/survey",
		"    dimensions:",
		"      responsiveness: 2",
		"      courtesy: {expected: 5, perceived: 3}",
		"    pains: [No receipt]",
		"    evidence: [Counter sign]",
		"    backstage: [Looks up the purchase]",
		"    support: [Sales system]",
		"    improvements:",
		"      - action: Accept the history",
		"        owner: Manager",
		"        due: 2026-12-15",
		"        pillar: processes",
		"        status: doing",
		"    next: diagnose",
		"    ignore: missing-standard",
		"  - id: diagnose",
		"    name: 2026-01-01",
		"    owner: 42",
		"    next: [counter, 3]",
		"    ignore: [unscored, overdue]",
		"  - id: '3'",
		"    name: Numbered",
		"  - id: 4",
		"    name: Numbered too",
		"    next: [counter]",
	))
	files["decimal scores"] = []byte(y(
		"title: Survey means",
		"critical: {importance: 3.5, performance: 2.25, gap: 1.5}",
		"moments:",
		"  - id: a",
		"    name: A",
		"    importance: 3.83",
		"    performance: 2.1",
		"    sample: 40",
		"    dimensions:",
		"      courtesy: {expected: 4.75, perceived: 3.10}",
		"      access: 2.5",
	))
	for name, src := range files {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse(name, src); err != nil {
				t.Fatalf("parser rejects it: %v", err)
			}
			if err := sch.Validate(yamlInstance(t, src)); err != nil {
				t.Errorf("schema rejects it: %v", err)
			}
		})
	}
}

// TestSchemaRejectsBadFiles checks that the schema catches what an editor
// can catch, each problem alone in an otherwise valid file, and that the
// parser rejects the same files.
func TestSchemaRejectsBadFiles(t *testing.T) {
	sch := compileSchema(t)
	moment := func(lines ...string) []byte {
		return []byte(y(append([]string{"title: x", "moments:", "  - id: a", "    name: A"}, lines...)...))
	}
	tests := []struct {
		name string
		src  []byte
		// want is a substring of the schema's error: it names the
		// keyword or the location that failed.
		want string
	}{
		{"unknown top-level key", []byte(y("title: x", "colour: red", okMoments)), "colour"},
		{"unknown moment key", moment("    onwer: B"), "onwer"},
		{"unknown dimension", moment("    dimensions: {curtesy: 3}"), "curtesy"},
		{"bad id", []byte(y("title: x", "moments: [{id: Bad Id, name: A}]")), "/moments/0/id"},
		{"negative id", []byte(y("title: x", "moments: [{id: -1, name: A}]")), "/moments/0/id"},
		{"missing title", []byte(y(okMoments)), "title"},
		{"missing moments", []byte(y("title: x")), "moments"},
		{"empty moments", []byte(y("title: x", "moments: []")), "/moments"},
		{"missing name", []byte(y("title: x", "moments: [{id: a}]")), "name"},
		{"empty title", []byte(y("title: ' '", okMoments)), "/title"},
		{"version 2", []byte(y("version: 2", "title: x", okMoments)), "/version"},
		{"language fr", []byte(y("title: x", "language: fr", okMoments)), "/language"},
		{"scale 11", []byte(y("title: x", "scale: 11", okMoments)), "/scale"},
		{"closed yes", []byte(y("title: x", "closed: 'yes'", okMoments)), "/closed"},
		{"score 11", moment("    importance: 11"), "/moments/0/importance"},
		{"score 4.125", moment("    performance: 4.125"), "/moments/0/performance"},
		{"score 0.5", moment("    performance: 0.5"), "/moments/0/performance"},
		{"sample 0", moment("    sample: 0"), "/moments/0/sample"},
		{"sample 2.5", moment("    sample: 2.5"), "/moments/0/sample"},
		{"score as a word", moment("    importance: high"), "/moments/0/importance"},
		{"javascript url", moment("    url: 'javascript:alert(1)'"), "/moments/0/url"},
		{"relative url", moment("    url: /a/b"), "/moments/0/url"},
		{"critical not bool", moment("    critical: 'yes'"), "/moments/0/critical"},
		{"bad pillar", moment("    improvements: [{action: x, pillar: speed}]"), "/moments/0/improvements/0/pillar"},
		{"text too long", moment("    owner: " + strings.Repeat("x", MaxText+1)), "/moments/0/owner"},
		{"long text too long", moment("    description: " + strings.Repeat("x", MaxLongText+1)), "/moments/0/description"},
		{"bad status", moment("    improvements: [{action: x, status: finished}]"), "/moments/0/improvements/0/status"},
		{"bad due date", moment("    improvements: [{action: x, due: 2026-02-30}]"), "/moments/0/improvements/0/due"},
		{"due day first", moment("    improvements: [{action: x, due: 15/12/2026}]"), "/moments/0/improvements/0/due"},
		{"improvement without action", moment("    improvements: [{owner: x}]"), "action"},
		{"dimension mapping without perceived", moment("    dimensions: {courtesy: {expected: 4}}"), "/moments/0/dimensions/courtesy"},
		{"pains not a list", moment("    pains: slow"), "/moments/0/pains"},
		{"next twice", moment("    next: [a, a]"), "/moments/0/next"},
		{"next null", moment("    next:"), "/moments/0/next"},
		{"five-dimension key in a ten-determinant file", moment("    dimensions: {empathy: 3}"), "empathy"},
		{"determinant in a five-dimension file", []byte(y("title: x", "servqual: 5", "moments: [{id: a, name: A, dimensions: {courtesy: 3}}]")), "courtesy"},
		{"servqual 7", []byte(y("title: x", "servqual: 7", okMoments)), "/servqual"},
		{"quadrants median", []byte(y("title: x", "quadrants: median", okMoments)), "/quadrants"},
		{"state future", []byte(y("title: x", "state: future", okMoments)), "/state"},
		{"evidence not a list", moment("    evidence: sign"), "/moments/0/evidence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse("bad.yaml", tt.src); err == nil {
				t.Errorf("parser accepts it")
			}
			err := sch.Validate(yamlInstance(t, tt.src))
			if err == nil {
				t.Fatalf("schema accepts:\n%s", tt.src)
			}
			if !strings.Contains(fmt.Sprintf("%#v", err), tt.want) {
				t.Errorf("schema error does not mention %q:\n%#v", tt.want, err)
			}
		})
	}
}

// TestSchemaFollowsTheModel: the schema's enumerations are the model's, so
// a language, a SERVQUAL model or a state added to one is added to both.
func TestSchemaFollowsTheModel(t *testing.T) {
	var doc struct {
		Properties map[string]struct {
			Enum []any `json:"enum"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(Schema(), &doc); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string][]string{"language": Languages, "servqual": ServqualModels, "quadrants": QuadrantSplits, "state": States} {
		var got []string
		for _, v := range doc.Properties[key].Enum {
			got = append(got, fmt.Sprint(v))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("schema %s: %v, model %v", key, got, want)
		}
	}
}
