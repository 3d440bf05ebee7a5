package lint

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchemaID is the id inside testdata/sarif-schema-2.1.0.json: the
// OASIS SARIF 2.1.0 schema (errata 01), as published by the SARIF TC.
const sarifSchemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := doc.(map[string]any)["id"].(string); id != sarifSchemaID {
		t.Fatalf("schema id %q, want %q", id, sarifSchemaID)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(sarifSchemaID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(sarifSchemaID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	return s.Validate(v)
}

// mixed returns findings from a cycle with service problems, an invalid
// file, an invalid Spanish file and a file read from stdin.
func mixed() []Finding {
	fs := Lint("cycles/shop repair.yaml", []byte(`title: T
moments:
  - id: diagnose
    name: Diagnóstico
    owner: Taller
    importance: 5
    performance: 2
    ignore: [handof]
`), Options{Today: day})
	fs = append(fs, Lint("cycles/broken.yaml", []byte("title: [\n"), Options{})...)
	fs = append(fs, Lint("cycles/garantía.yaml", []byte("title: G\nlanguage: es\nmoments:\n  - {id: a, name: A, performance: 0}\n"), Options{})...)
	fs = append(fs, Lint("<stdin>", []byte("title: T\nmoments:\n  - {id: a, name: A}\n"), Options{})...)
	Sort(fs)
	return fs
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schema := sarifSchema(t)
	for name, fs := range map[string][]Finding{"findings": mixed(), "clean": nil} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteSARIF(&b, fs, SARIFOptions{ToolVersion: "v1.2.3"}); err != nil {
				t.Fatal(err)
			}
			if err := validate(t, schema, b.Bytes()); err != nil {
				t.Fatalf("SARIF output does not validate: %v\n%s", err, b.Bytes())
			}
		})
	}
	// The schema is live: a log breaking it is refused.
	for name, bad := range map[string]string{
		"no version":  `{"runs": []}`,
		"bad level":   `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
		"no message":  `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "r"}]}]}`,
		"line zero":   `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a"}, "region": {"startLine": 0}}}]}]}]}`,
		"unknown key": `{"version": "2.1.0", "runs": [], "extra": 1}`,
	} {
		if validate(t, schema, []byte(bad)) == nil {
			t.Errorf("schema accepted an invalid log (%s)", name)
		}
	}
}

func TestSARIFShape(t *testing.T) {
	fs := mixed()
	var b bytes.Buffer
	if err := WriteSARIF(&b, fs, SARIFOptions{}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name    string  `json:"name"`
					Version *string `json:"version"`
					Rules   []struct {
						ID   string `json:"id"`
						Help struct {
							Text string `json:"text"`
						} `json:"help"`
						HelpURI              string `json:"helpUri"`
						DefaultConfiguration struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || log.Schema != SARIFSchema || len(log.Runs) != 1 {
		t.Fatalf("log header: %+v", log)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "ciclo" || run.Tool.Driver.Version != nil {
		t.Errorf("driver %+v: want name ciclo and no version when none is given", run.Tool.Driver)
	}
	all := Rules()
	if len(run.Tool.Driver.Rules) != len(all) {
		t.Fatalf("%d rules in SARIF, want %d", len(run.Tool.Driver.Rules), len(all))
	}
	for i, r := range run.Tool.Driver.Rules {
		if r.ID != all[i].ID || r.Help.Text != all[i].Help || r.HelpURI != DocsURL+"#"+r.ID || r.DefaultConfiguration.Level != string(all[i].Severity) {
			t.Errorf("rule %d: %+v", i, r)
		}
	}
	if len(run.Results) != len(fs) {
		t.Fatalf("%d results, want %d", len(run.Results), len(fs))
	}
	for i, r := range run.Results {
		f := fs[i]
		loc := r.Locations[0].PhysicalLocation
		if r.RuleID != f.Rule || run.Tool.Driver.Rules[r.RuleIndex].ID != f.Rule || r.Level != string(f.Severity) ||
			r.Message.Text != f.Message || loc.Region.StartLine != f.Line || loc.Region.StartColumn != f.Column {
			t.Errorf("result %d %+v does not match finding %+v", i, r, f)
		}
	}
	uris := map[string]bool{}
	for _, r := range run.Results {
		uris[r.Locations[0].PhysicalLocation.ArtifactLocation.URI] = true
	}
	for _, want := range []string{"cycles/shop%20repair.yaml", "cycles/broken.yaml", "cycles/garant%C3%ADa.yaml", "%3Cstdin%3E"} {
		if !uris[want] {
			t.Errorf("no result located at %q; got %v", want, uris)
		}
	}
	// The invalid Spanish file's problem is reported in Spanish.
	spanish := false
	for _, r := range run.Results {
		if r.Locations[0].PhysicalLocation.ArtifactLocation.URI == "cycles/garant%C3%ADa.yaml" {
			spanish = r.RuleID == Invalid && r.Message.Text == "performance 0 está fuera de rango: debe ir de 1 a 5 (la escala es de 5)"
		}
	}
	if !spanish {
		t.Error("the Spanish file's validation error is not in Spanish in SARIF")
	}
}

func TestArtifactURI(t *testing.T) {
	base := filepath.FromSlash("/work/repo")
	cases := []struct{ file, want string }{
		{"cycles/a.yaml", "cycles/a.yaml"},
		{"./cycles/a.yaml", "cycles/a.yaml"},
		{filepath.FromSlash("/work/repo/cycles/a b.yaml"), "cycles/a%20b.yaml"},
		{filepath.FromSlash("/elsewhere/a.yaml"), "file:///elsewhere/a.yaml"},
		{filepath.FromSlash("/work/repository/a.yaml"), "file:///work/repository/a.yaml"},
		{"<stdin>", "%3Cstdin%3E"},
		{"c:a.yaml", "./c:a.yaml"},
		{"ñandú/ciclo#1.yaml", "%C3%B1and%C3%BA/ciclo%231.yaml"},
	}
	for _, tc := range cases {
		if got := ArtifactURI(tc.file, base); got != tc.want {
			t.Errorf("ArtifactURI(%q) = %q, want %q", tc.file, got, tc.want)
		}
	}
}

func TestJSONOutput(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, nil); err != nil {
		t.Fatal(err)
	}
	if b.String() != "[]\n" {
		t.Errorf("clean JSON = %q, want []", b.String())
	}
	b.Reset()
	fs := mixed()
	if err := WriteJSON(&b, fs); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(fs) {
		t.Fatalf("%d objects, want %d", len(got), len(fs))
	}
	for i, o := range got {
		for _, k := range []string{"file", "line", "column", "severity", "rule", "message"} {
			if _, ok := o[k]; !ok {
				t.Errorf("object %d lacks %q: %v", i, k, o)
			}
		}
		if o["file"] != fs[i].File || o["line"] != float64(fs[i].Line) || o["rule"] != fs[i].Rule {
			t.Errorf("object %d = %v, want %+v", i, o, fs[i])
		}
	}
	if !strings.Contains(b.String(), "→") && !strings.Contains(b.String(), "≥") {
		t.Errorf("JSON escapes non-ASCII text: %s", b.String())
	}
	// The invalid Spanish file's problem, in Spanish.
	want := `"message": "performance 0 está fuera de rango: debe ir de 1 a 5 (la escala es de 5)"`
	if !strings.Contains(b.String(), want) {
		t.Errorf("JSON lacks %s:\n%s", want, b.String())
	}
}

func TestTextOutput(t *testing.T) {
	var b bytes.Buffer
	fs := []Finding{{File: "a.yaml", Line: 3, Column: 9, Severity: Warning, Rule: Unscored, Message: `moment "x" has no importance score`}}
	if err := WriteText(&b, fs); err != nil {
		t.Fatal(err)
	}
	if want := "a.yaml:3:9: warning: moment \"x\" has no importance score [unscored]\n"; b.String() != want {
		t.Errorf("text = %q, want %q", b.String(), want)
	}
}
