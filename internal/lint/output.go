package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/ciclo-dev/ciclo/internal/msg"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// SeverityWord names a severity in lang, for people; JSON and SARIF keep
// the ids "error" and "warning".
func SeverityWord(s Severity, lang string) string { return msg.T(lang, string(s)) }

// The severities, for the catalog.
var _ = []string{msg.N("error"), msg.N("warning")}

// Summary counts findings for people, in lang: "1 error, 2 warnings in 3
// files".
func Summary(fs []Finding, files int, lang string) string {
	errs, warnings := Count(fs)
	return msg.Sprintf(lang, "%s, %s in %s",
		fmt.Sprintf(msg.Plural(lang, errs, "%d error", "%d errors"), errs),
		fmt.Sprintf(msg.Plural(lang, warnings, "%d warning", "%d warnings"), warnings),
		fmt.Sprintf(msg.Plural(lang, files, "%d file", "%d files"), files))
}

// Formats lists the output formats of `ciclo lint --format`.
var Formats = []string{"text", "json", "sarif"}

// WriteText writes one finding per line as FILE:LINE:COL: SEVERITY: MESSAGE
// [RULE], the severity in the finding's language.
func WriteText(w io.Writer, fs []Finding) error {
	var b bytes.Buffer
	for _, f := range fs {
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]\n", f.File, f.Line, f.Column, SeverityWord(f.Severity, f.Lang), f.Message, f.Rule)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteJSON writes the findings as a JSON array of objects with the keys
// file, line, column, severity, rule and message (and moment, when the
// finding concerns one); [] when there are none.
func WriteJSON(w io.Writer, fs []Finding) error {
	if fs == nil {
		fs = []Finding{}
	}
	return encode(w, fs)
}

func encode(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding findings: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// SARIFOptions tune the SARIF output.
type SARIFOptions struct {
	// ToolVersion is ciclo's version, recorded as tool.driver.version when
	// not empty.
	ToolVersion string
	// BaseDir, when set, is the directory absolute file names are made
	// relative to (normally the working directory, the repository root in CI).
	BaseDir string
}

// SARIFSchema is the schema URI written in SARIF logs.
const SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// The SARIF 2.1.0 objects ciclo writes, fields in a fixed order.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string          `json:"id"`
		Name                 string          `json:"name"`
		ShortDescription     sarifText       `json:"shortDescription"`
		FullDescription      sarifText       `json:"fullDescription"`
		Help                 sarifHelp       `json:"help"`
		HelpURI              string          `json:"helpUri"`
		DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
	}
)

// WriteSARIF writes the findings as a SARIF 2.1.0 log with one run, as
// GitHub code scanning accepts it: every rule's metadata (with help text and
// a helpUri into docs/rules.md) and one result per finding, located by a
// relative, slash-separated artifact URI and a start line and column
// (counted in Unicode code points).
func WriteSARIF(w io.Writer, fs []Finding, opts SARIFOptions) error {
	driver := sarifDriver{
		Name:           "ciclo",
		InformationURI: "https://github.com/ciclo-dev/ciclo",
		Version:        opts.ToolVersion,
	}
	for _, r := range rules {
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   r.ID,
			Name:                 camel(r.ID),
			ShortDescription:     sarifText{Text: r.Summary},
			FullDescription:      sarifText{Text: r.Summary + " " + r.Help},
			Help:                 sarifHelp{Text: r.Help, Markdown: fmt.Sprintf("%s\n\n%s\n\n[More about `%s`](%s)", r.Summary, r.Help, r.ID, r.HelpURI())},
			HelpURI:              r.HelpURI(),
			DefaultConfiguration: sarifRuleConfig{Level: string(r.Severity)},
		})
	}
	results := make([]sarifResult, 0, len(fs))
	for _, f := range fs {
		results = append(results, sarifResult{
			RuleID:    f.Rule,
			RuleIndex: ruleIndex(f.Rule),
			Level:     string(f.Severity),
			Message:   sarifText{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: ArtifactURI(f.File, opts.BaseDir)},
				Region:           sarifRegion{StartLine: max(f.Line, 1), StartColumn: max(f.Column, 1)},
			}}},
		})
	}
	log := sarifLog{
		Schema:  SARIFSchema,
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: results}},
	}
	return encode(w, log)
}

// camel turns a rule id into the CamelCase name SARIF viewers show.
func camel(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// ArtifactURI turns a file name into a SARIF artifact URI: a relative path
// with forward slashes, percent-encoded where needed. An absolute name is
// made relative to base when it lies under it, and is otherwise written as a
// file:// URI.
func ArtifactURI(file, base string) string {
	p := file
	abs := filepath.IsAbs(p)
	if abs && base != "" {
		if rel, err := filepath.Rel(base, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			p, abs = rel, false
		}
	}
	p = filepath.ToSlash(p)
	if abs {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // Windows: C:/x becomes /C:/x
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	p = strings.TrimPrefix(p, "./")
	esc := (&url.URL{Path: p}).EscapedPath()
	if first, _, _ := strings.Cut(esc, "/"); strings.Contains(first, ":") {
		esc = "./" + esc // a colon in the first segment would read as a scheme
	}
	return esc
}
