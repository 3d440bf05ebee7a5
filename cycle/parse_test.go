package cycle

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// y joins lines into a YAML file, so that test cases read line by line and
// positions can be counted by eye: line N of the file is argument N.
func y(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

// problem is one expected error: its exact position and a substring of its
// message.
type problem struct {
	line, col int
	msg       string
}

func (p problem) String() string { return fmt.Sprintf("%d:%d: …%s…", p.line, p.col, p.msg) }

// parseErrors parses src and returns its problems; it fails the test when
// Parse returns an error that is not an ErrorList, or a cycle and an error
// together.
func parseErrors(t *testing.T, src string) ErrorList {
	t.Helper()
	c, err := Parse("test.yaml", []byte(src))
	if err == nil {
		return nil
	}
	if c != nil {
		t.Errorf("Parse returned a cycle together with an error")
	}
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Parse error is %T, not an ErrorList: %v", err, err)
	}
	return list
}

// checkProblems asserts that got holds exactly the want problems, in order.
func checkProblems(t *testing.T, src string, got ErrorList, want []problem) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		g, w := got[i], want[i]
		ok = g.Pos.Line == w.line && g.Pos.Column == w.col && strings.Contains(g.Msg, w.msg)
	}
	if ok {
		return
	}
	var b strings.Builder
	for _, e := range got {
		fmt.Fprintf(&b, "\n\t%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
	}
	t.Errorf("problems differ\nsource:\n%s\ngot:%s\nwant:\n\t%v", src, b.String(), want)
}

// A valid moment, for cases about something else.
const okMoments = "moments: [{id: a, name: A}]"

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []problem
	}{
		// The document.
		{"root is a sequence", y("- a", "- b"),
			[]problem{{1, 1, "a cycle file must be a mapping with a title and moments, found a list"}}},
		{"root is a scalar", y("hello"),
			[]problem{{1, 1, `must be a mapping with a title and moments, found "hello"`}}},
		{"empty file", "",
			[]problem{{1, 1, "file is empty; a cycle needs a title and moments"}}},
		{"only a comment", y("# nothing yet"),
			[]problem{{1, 1, "file is empty"}}},
		{"two documents", y("title: x", okMoments, "---", "title: y"),
			[]problem{{3, 1, "file holds more than one YAML document; a cycle file holds one"}}},
		{"unclosed flow mapping", y("title: x", "moments: [{id: a, name: A]"),
			// The library names the line of the construct it was in: the
			// flow mapping that starts on line 2.
			[]problem{{2, 1, "invalid YAML: did not find expected ',' or '}'"}}},
		{"unclosed flow sequence", y("title: x", "moments:", "- id: a", "  name: [a, b", "- id: c"),
			[]problem{{4, 3, "invalid YAML: did not find expected ',' or ']'"}}},
		{"mapping value in a scalar", y("title: x", "  bad: indent", "moments: x"),
			[]problem{{2, 3, "invalid YAML: mapping values are not allowed in this context; check the indentation"}}},
		{"key without colon", y("title: x", okMoments, "bad"),
			[]problem{{3, 1, "invalid YAML: could not find expected ':'"}}},
		{"tab indentation", y("title: x", "\tmoments: []"),
			[]problem{{2, 1, "invalid YAML: found a tab character that violates indentation; use spaces, not tabs, to indent"}}},
		{"unclosed quote", "title: \"abc\nmoments: []",
			[]problem{{1, 8, "invalid YAML: found unexpected end of stream; close the quote"}}},
		{"unclosed flow at end of file", "[a, b",
			// The library counts a line past the end; the error stays on
			// the last line.
			[]problem{{1, 1, "invalid YAML: did not find expected ',' or ']'"}}},
		{"unknown anchor", y("title: x", "moments:", "  - id: a", "    name: *nope"),
			[]problem{{4, 11, "invalid YAML: unknown anchor 'nope' referenced"}}},

		// Top level.
		{"missing title", y(okMoments),
			[]problem{{1, 1, `missing required key "title"`}}},
		{"missing moments", y("title: x"),
			[]problem{{1, 1, `missing required key "moments": a cycle needs at least one moment`}}},
		{"empty moments", y("title: x", "moments: []"),
			[]problem{{2, 10, "moments must list at least one moment"}}},
		{"moments not a list", y("title: x", "moments: 3"),
			[]problem{{2, 10, `moments must be a list, found "3"`}}},
		{"moments null", y("title: x", "moments:"),
			[]problem{{2, 9, "moments must be a list, found nothing"}}},
		{"empty title", y("title: ''", okMoments),
			[]problem{{1, 8, "title must not be empty"}}},
		{"invisible title", y(`title: "\u200b\u200d\u0001"`, okMoments),
			[]problem{{1, 8, "title holds only invisible characters; write the text it should show"}}},
		{"invisible name", y("title: x", "moments:", "  - id: a", `    name: "\u2066\u2069\u00ad"`),
			[]problem{{4, 11, "moment 1 name holds only invisible characters; write the text it should show"}}},
		{"title a list", y("title: [a]", okMoments),
			[]problem{{1, 8, "title must be text, found a list"}}},
		{"unknown top-level key with suggestion", y("titel: x", okMoments),
			[]problem{
				{1, 1, `missing required key "title"`},
				{1, 1, `unknown key "titel" in the cycle; did you mean "title"?`},
			}},
		{"unknown top-level key without suggestion", y("title: x", okMoments, "colour: red"),
			[]problem{{3, 1, `unknown key "colour" in the cycle; known keys: version, title, customer`}}},
		{"duplicate top-level key", y("title: x", "title: y", okMoments),
			[]problem{{2, 1, `duplicate key "title" in the cycle (first at line 1)`}}},
		{"version 2", y("version: 2", "title: x", okMoments),
			[]problem{{1, 10, `unsupported version "2"; this ciclo reads version 1`}}},
		{"version as text", y("version: '1'", "title: x", okMoments),
			[]problem{{1, 10, `version must be a number, found the text "1"; remove the quotes`}}},
		{"version a list", y("version: [1]", "title: x", okMoments),
			[]problem{{1, 10, "unsupported version a list"}}},
		{"language fr", y("title: x", "language: fr", okMoments),
			[]problem{{2, 11, `language "fr" is not one of en, es`}}},
		{"language close to es", y("title: x", "language: ES", okMoments),
			[]problem{{2, 11, `language "ES" is not one of en, es; did you mean "es"?`}}},
		{"scale 2", y("title: x", "scale: 2", okMoments),
			[]problem{{2, 8, "scale 2 is out of range: it must be from 3 to 10"}}},
		{"scale 11", y("title: x", "scale: 11", okMoments),
			[]problem{{2, 8, "scale 11 is out of range: it must be from 3 to 10"}}},
		{"scale not a number", y("title: x", "scale: five", okMoments),
			[]problem{{2, 8, `scale must be a whole number from 3 to 10, found "five"`}}},
		{"closed yes", y("title: x", "closed: yes", okMoments),
			[]problem{{2, 9, `closed must be true or false, found "yes"`}}},
		{"closed 1", y("title: x", "closed: 1", okMoments),
			[]problem{{2, 9, `closed must be true or false, found "1"`}}},
		{"critical not a mapping", y("title: x", "critical: true", okMoments),
			[]problem{{2, 11, `critical must be a mapping, found "true"`}}},
		{"critical thresholds out of range", y("title: x", "critical: {importance: 6, performance: 0, gap: 6}", okMoments),
			[]problem{
				{2, 24, "critical.importance 6 is out of range: it must be from 1 to 5 (the scale is 5)"},
				{2, 40, "critical.performance 0 is out of range: it must be from 1 to 5 (the scale is 5)"},
				{2, 48, "critical.gap 6 is out of range: it must be from 1 to 5 (the scale is 5)"},
			}},
		{"critical thresholds follow the scale", y("scale: 10", "title: x", "critical: {importance: 11, gap: 11}", okMoments),
			[]problem{
				{3, 24, "critical.importance 11 is out of range: it must be from 1 to 10 (the scale is 10)"},
				{3, 33, "critical.gap 11 is out of range: it must be from 1 to 10 (the scale is 10)"},
			}},
		{"critical unknown threshold", y("title: x", "critical: {importence: 4}", okMoments),
			[]problem{{2, 12, `unknown key "importence" in critical; did you mean "importance"?`}}},

		// Moments.
		{"moment not a mapping", y("title: x", "moments:", "  - 3", "  - [a]"),
			[]problem{
				{3, 5, `moment 1 must be a mapping, found "3"`},
				{4, 5, "moment 2 must be a mapping, found a list"},
			}},
		{"missing id and name", y("title: x", "moments:", "  - name: A", "  - id: b"),
			[]problem{
				{3, 5, "moment 1 has no id"},
				{4, 5, "moment 2 has no name"},
			}},
		{"empty id", y("title: x", "moments:", "  - id: ''", "    name: A"),
			[]problem{{3, 9, "moment 1 id must not be empty"}}},
		{"bad id pattern", y("title: x", "moments:", "  - id: Bad Id", "    name: A"),
			[]problem{{3, 9, `moment id "Bad Id" must use lowercase letters, digits, '-' and '_', starting with a letter or digit`}}},
		{"id starting with a dash", y("title: x", "moments:", "  - id: -a", "    name: A"),
			[]problem{{3, 9, `moment id "-a" must use lowercase letters`}}},
		{"duplicate id points at the second", y("title: x", "moments:", "  - id: a", "    name: A", "  - id: b", "    name: B", "  - id: a", "    name: C"),
			[]problem{{7, 9, `duplicate moment id "a" (first at line 3)`}}},
		{"unknown moment key with suggestion", y("title: x", "moments:", "  - id: a", "    name: A", "    onwer: B"),
			[]problem{{5, 5, `unknown key "onwer" in moment 1; did you mean "owner"?`}}},
		{"transposed letters are one step", y("title: x", "moments:", "  - id: a", "    nmae: A"),
			[]problem{
				{3, 5, "moment 1 has no name"},
				{4, 5, `unknown key "nmae" in moment 1; did you mean "name"?`},
			}},
		{"unknown moment key without suggestion", y("title: x", "moments:", "  - id: a", "    name: A", "    colour: red"),
			[]problem{{5, 5, `unknown key "colour" in moment 1; known keys: id, name, description`}}},
		{"duplicate moment key", y("title: x", "moments:", "  - id: a", "    name: A", "    name: B"),
			[]problem{{5, 5, `duplicate key "name" in moment 1 (first at line 4)`}}},
		{"unknown dimension with suggestion", y("title: x", "moments:", "  - id: a", "    name: A", "    dimensions:", "      curtesy: 3"),
			[]problem{{6, 7, `unknown key "curtesy" in dimensions; did you mean "courtesy"?`}}},
		{"unknown dimension without suggestion", y("title: x", "moments:", "  - id: a", "    name: A", "    dimensions: {speed: 3}"),
			[]problem{{5, 18, `unknown key "speed" in dimensions; known keys: reliability, responsiveness`}}},
		{"unknown improvement key", y("title: x", "moments:", "  - id: a", "    name: A", "    improvements:", "      - action: x", "        ownr: B"),
			[]problem{{7, 9, `unknown key "ownr" in improvement 1 of moment 1; did you mean "owner"?`}}},
		{"unknown score key", y("title: x", "moments:", "  - id: a", "    name: A", "    dimensions:", "      courtesy: {expected: 4, percieved: 3}"),
			[]problem{
				{6, 17, "courtesy needs a perceived score"},
				{6, 31, `unknown key "percieved" in courtesy; did you mean "perceived"?`},
			}},

		// Scores.
		{"scores out of 1..5", y("title: x", "moments:", "  - id: a", "    name: A", "    importance: 6", "    performance: 0"),
			[]problem{
				{5, 17, "importance 6 is out of range: it must be from 1 to 5 (the scale is 5)"},
				{6, 18, "performance 0 is out of range: it must be from 1 to 5 (the scale is 5)"},
			}},
		{"scores out of 1..7", y("scale: 7", "title: x", "moments:", "  - id: a", "    name: A", "    importance: 8", "    performance: 7"),
			[]problem{{6, 17, "importance 8 is out of range: it must be from 1 to 7 (the scale is 7)"}}},
		{"scores out of 1..10", y("scale: 10", "title: x", "moments:", "  - id: a", "    name: A", "    importance: 10", "    performance: 11"),
			[]problem{{7, 18, "performance 11 is out of range: it must be from 1 to 10 (the scale is 10)"}}},
		{"negative score", y("title: x", "moments:", "  - id: a", "    name: A", "    importance: -1"),
			[]problem{{5, 17, "importance -1 is out of range: it must be from 1 to 5"}}},
		{"huge score", y("title: x", "moments:", "  - id: a", "    name: A", "    importance: 99999999999999999999999"),
			[]problem{{5, 17, "importance 99999999999999999999999 is out of range: it must be from 1 to 5"}}},
		{"three decimals", y("title: x", "moments:", "  - id: a", "    name: A", "    performance: 4.125"),
			[]problem{{5, 18, "performance 4.125 has more than two decimal places; write it with two at most"}}},
		{"decimal out of range", y("title: x", "moments:", "  - id: a", "    name: A", "    performance: 5.01", "    importance: 0.99"),
			[]problem{{5, 18, "performance 5.01 is out of range: it must be from 1 to 5"}, {6, 17, "importance 0.99 is out of range: it must be from 1 to 5"}}},
		{"exponent score", y("title: x", "moments:", "  - id: a", "    name: A", "    performance: 4.5e0"),
			[]problem{{5, 18, "performance must be a number from 1 to 5, found 4.5e0"}}},
		{"sample zero", y("title: x", "moments:", "  - id: a", "    name: A", "    sample: 0"),
			[]problem{{5, 13, "sample 0 is out of range: it must be from 1 to 100000000"}}},
		{"sample fractional", y("title: x", "moments:", "  - id: a", "    name: A", "    sample: 2.5"),
			[]problem{{5, 13, "sample must be a whole number from 1 to 100000000, found 2.5"}}},
		{"word score", y("title: x", "moments:", "  - id: a", "    name: A", "    importance: high"),
			[]problem{{5, 17, `importance must be a number from 1 to 5, found "high"`}}},
		{"quoted score", y("title: x", "moments:", "  - id: a", "    name: A", "    importance: '4'"),
			[]problem{{5, 17, `importance must be a number from 1 to 5, found the text "4"; remove the quotes`}}},
		{"infinite score", y("title: x", "moments:", "  - id: a", "    name: A", "    importance: .inf"),
			[]problem{{5, 17, "importance must be a number from 1 to 5, found .inf"}}},
		{"moment critical not bool", y("title: x", "moments:", "  - id: a", "    name: A", "    critical: 'yes'"),
			[]problem{{5, 15, `critical must be true or false, found "yes"`}}},

		// Links.
		{"javascript url", y("title: x", "moments:", "  - id: a", "    name: A", "    url: 'javascript:alert(1)'"),
			[]problem{{5, 10, `url "javascript:alert(1)" must be an http:// or https:// link`}}},
		{"ftp url", y("title: x", "moments:", "  - id: a", "    name: A", "    url: ftp://example.org/a"),
			[]problem{{5, 10, `url "ftp://example.org/a" must be an http:// or https:// link`}}},
		{"relative url", y("title: x", "moments:", "  - id: a", "    name: A", "    url: /evidence/survey.pdf"),
			[]problem{{5, 10, `url "/evidence/survey.pdf" must be an http:// or https:// link`}}},
		{"url without host", y("title: x", "moments:", "  - id: a", "    name: A", "    url: 'https:///x'"),
			[]problem{{5, 10, `url "https:///x" must be an http:// or https:// link`}}},

		// Dimensions.
		{"dimensions not a mapping", y("title: x", "moments:", "  - id: a", "    name: A", "    dimensions: [courtesy]"),
			[]problem{{5, 17, "dimensions must be a mapping, found a list"}}},
		{"dimension mapping without perceived", y("title: x", "moments:", "  - id: a", "    name: A", "    dimensions:", "      courtesy: {expected: 4}"),
			[]problem{{6, 17, "courtesy needs a perceived score"}}},
		{"dimension scores out of range", y("title: x", "moments:", "  - id: a", "    name: A", "    dimensions:", "      courtesy: {expected: 6, perceived: 0}", "      access: 9"),
			[]problem{
				{6, 28, "courtesy.expected 6 is out of range: it must be from 1 to 5 (the scale is 5)"},
				{6, 42, "courtesy.perceived 0 is out of range: it must be from 1 to 5"},
				{7, 15, "access 9 is out of range: it must be from 1 to 5"},
			}},
		{"dimension score a list", y("title: x", "moments:", "  - id: a", "    name: A", "    dimensions:", "      reliability: [1]"),
			[]problem{{6, 20, "reliability must be a number from 1 to 5, found a list"}}},

		// Pains.
		{"pains not a list", y("title: x", "moments:", "  - id: a", "    name: A", "    pains: slow"),
			[]problem{{5, 12, `pains must be a list, found "slow"`}}},
		{"pains not text", y("title: x", "moments:", "  - id: a", "    name: A", "    pains: [ok, [nested], {a: b}, '']"),
			[]problem{
				{5, 17, "a pain must be text, found a list"},
				{5, 27, "a pain must be text, found a mapping"},
				{5, 35, "a pain must not be empty"},
			}},

		// Improvements.
		{"improvements not a list", y("title: x", "moments:", "  - id: a", "    name: A", "    improvements: {action: x}"),
			[]problem{{5, 19, "improvements must be a list, found a mapping"}}},
		{"improvement not a mapping", y("title: x", "moments:", "  - id: a", "    name: A", "    improvements:", "      - just text"),
			[]problem{{6, 9, `improvement 1 of moment 1 must be a mapping, found "just text"`}}},
		{"improvement without action", y("title: x", "moments:", "  - id: a", "    name: A", "    improvements:", "      - owner: B"),
			[]problem{{6, 9, "improvement 1 of moment 1 has no action"}}},
		{"due 30 February", y("title: x", "moments:", "  - id: a", "    name: A", "    improvements:", "      - action: x", "        due: 2026-02-30"),
			[]problem{{7, 14, `due "2026-02-30" is not a date: February 2026 has 28 days`}}},
		{"due day first", y("title: x", "moments:", "  - id: a", "    name: A", "    improvements:", "      - action: x", "        due: 15/12/2026"),
			[]problem{{7, 14, `due "15/12/2026" is not a date; write it as YYYY-MM-DD`}}},
		{"due with a time", y("title: x", "moments:", "  - id: a", "    name: A", "    improvements:", "      - action: x", "        due: 2026-12-15T10:00:00Z"),
			[]problem{{7, 14, `due "2026-12-15T10:00:00Z" is not a date`}}},
		{"pillar close to a known one", y("title: x", "moments:", "  - id: a", "    name: A", "    improvements:", "      - action: x", "        pillar: process"),
			[]problem{{7, 17, `pillar "process" is not one of treatment, processes, responsiveness, organization; did you mean "processes"?`}}},
		{"pillar unknown", y("title: x", "moments:", "  - id: a", "    name: A", "    improvements:", "      - action: x", "        pillar: speed"),
			[]problem{{7, 17, `pillar "speed" is not one of treatment, processes, responsiveness, organization`}}},
		{"status unknown", y("title: x", "moments:", "  - id: a", "    name: A", "    improvements:", "      - action: x", "        status: finished"),
			[]problem{{7, 17, `status "finished" is not one of planned, doing, done`}}},

		// next.
		{"next names an unknown id", y("title: x", "moments:", "  - id: arrive", "    name: A", "    next: [pay]", "  - id: pays", "    name: B"),
			[]problem{{5, 12, `next names unknown moment "pay"; did you mean "pays"?`}}},
		{"next names an unknown id far from any", y("title: x", "moments:", "  - id: arrive", "    name: A", "    next: zzz", "  - id: pay", "    name: B"),
			[]problem{{5, 11, `next names unknown moment "zzz"`}}},
		{"next names itself", y("title: x", "moments:", "  - id: a", "    name: A", "    next: [b, a]", "  - id: b", "    name: B"),
			[]problem{{5, 15, `moment "a" cannot be its own next moment`}}},
		{"next names a moment twice", y("title: x", "moments:", "  - id: a", "    name: A", "    next: [b, b]", "  - id: b", "    name: B"),
			[]problem{{5, 15, `next names "b" twice`}}},
		{"next a mapping", y("title: x", "moments:", "  - id: a", "    name: A", "    next: {b: 1}", "  - id: b", "    name: B"),
			[]problem{{5, 11, "next must be a list, found a mapping"}}},

		// Reachability.
		{"unreachable moment", y("title: x", "closed: false", "moments:", "  - id: a", "    name: A", "    next: c", "  - id: b", "    name: B", "  - id: c", "    name: C"),
			[]problem{{7, 9, `moment "b" cannot be reached from the first moment "a"`}}},
		{"empty next ends the cycle early", y("title: x", "moments:", "  - id: a", "    name: A", "    next: []", "  - id: b", "    name: B"),
			[]problem{{6, 9, `moment "b" cannot be reached from the first moment "a"`}}},
		{"unreachable after a bad moment is not reported", y("title: x", "moments:", "  - 3", "  - id: a", "    name: A", "    next: []", "  - id: b", "    name: B"),
			// The first item is no moment, so indexes would not match the
			// list: reachability is left until the file is fixed.
			[]problem{{3, 5, `moment 1 must be a mapping, found "3"`}}},

		// Merge keys.
		{"merge of a scalar", y("title: x", "moments:", "  - <<: x", "    id: a", "    name: A"),
			[]problem{{3, 9, `a merge key (<<) in moment 1 must name a mapping or a list of mappings, found "x"`}}},
		{"merge of itself", y("title: x", "moments:", "  - <<: &a [*a]", "    id: a", "    name: A"),
			[]problem{{3, 9, "merge keys (<<) in moment 1 nest more than 20 deep"}}},
		{"unknown key inside a merge", y("base: &b {owner: X, colour: red}", "title: x", "moments:", "  - <<: *b", "    id: a", "    name: A"),
			[]problem{
				{1, 1, `unknown key "base" in the cycle`},
				{1, 21, `unknown key "colour" in moment 1`},
			}},

		// Several problems at once, sorted by position.
		{"several problems sorted by position", y(
			"version: 3",
			"title: x",
			"scale: 4",
			"moments:",
			"  - id: a",
			"    name: A",
			"    importance: 5",
			"    next: [b, zz]",
			"  - id: B",
			"    improvements: [{due: tomorrow}]",
			"  - id: a",
			"    name: again",
		), []problem{
			{1, 10, "unsupported version"},
			{7, 17, "importance 5 is out of range: it must be from 1 to 4 (the scale is 4)"},
			{8, 12, `next names unknown moment "b"; did you mean "B"?`},
			{8, 15, `next names unknown moment "zz"`},
			{9, 5, "moment 2 has no name"},
			{9, 9, `moment id "B" must use lowercase letters`},
			{10, 20, "improvement 1 of moment 2 has no action"},
			{10, 26, `due "tomorrow" is not a date`},
			{11, 9, `duplicate moment id "a" (first at line 5)`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseErrors(t, tt.src)
			if len(got) == 0 {
				t.Fatalf("Parse accepted\n%s", tt.src)
			}
			checkProblems(t, tt.src, got, tt.want)
			for _, e := range got {
				if e.File != "test.yaml" {
					t.Errorf("error names file %q, want test.yaml", e.File)
				}
			}
		})
	}
}

// TestParseValid checks what Parse reads from a complete file: every field,
// the defaults, and the forms that are accepted although unusual.
func TestParseValid(t *testing.T) {
	src := y(
		"version: 1",
		"title: Warranty claim",
		"customer: Customer with a broken product",
		"organization: Central Store",
		"language: es",
		"scale: 7",
		"closed: false",
		"critical: {importance: 6, performance: 3, gap: 2}",
		"moments:",
		"  - id: counter",
		"    name: Arrives at the counter",
		"    description: First contact",
		"    stage: during",
		"    channel: in person",
		"    owner: Front desk",
		"    expectation: Be attended in 2 minutes",
		"    standard: Greet within 2 minutes",
		"    importance: 7",
		"    performance: 2.0",
		"    critical: true",
		"    url: https://example.org/survey",
		"    dimensions:",
		"      responsiveness: 2",
		"      courtesy: {expected: 5, perceived: 3}",
		"    pains:",
		"      - No receipt, no warranty",
		"    improvements:",
		"      - action: Accept the customer's history",
		"        owner: Store manager",
		"        due: 2026-12-15",
		"        pillar: processes",
		"        status: doing",
		"      - action: Train the desk",
		"    next: diagnose", // a single id is a list of one
		"    ignore: missing-standard",
		"  - id: diagnose",
		"    name: 2026-01-01", // a timestamp is text too
		"    owner: 42",
	)
	c, err := Parse("ok.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if c.File != "ok.yaml" || c.Version != 1 || c.Title != "Warranty claim" ||
		c.Customer != "Customer with a broken product" || c.Organization != "Central Store" ||
		c.Language != "es" || c.Scale != 7 || c.Closed {
		t.Errorf("top level = %+v", c)
	}
	if want := (wholeThresholds(6, 3, 2)); c.Thresholds != want {
		t.Errorf("thresholds = %+v, want %+v", c.Thresholds, want)
	}
	if len(c.Moments) != 2 {
		t.Fatalf("%d moments, want 2", len(c.Moments))
	}
	m := c.Moments[0]
	if m.Index != 0 || m.Number() != 1 || m.ID != "counter" || m.Name != "Arrives at the counter" ||
		m.Description != "First contact" || m.Stage != "during" || m.Channel != "in person" ||
		m.Owner != "Front desk" || m.Expectation != "Be attended in 2 minutes" ||
		m.Standard != "Greet within 2 minutes" || m.Importance != Whole(7) || m.Performance != Whole(2) ||
		m.Critical == nil || !*m.Critical || m.URL != "https://example.org/survey" {
		t.Errorf("moment 1 = %+v", m)
	}
	if m.Pos != (Pos{10, 5}) {
		t.Errorf("moment 1 at %v, want 10:5", m.Pos)
	}
	if got := m.KeyPos("owner"); got != (Pos{15, 12}) {
		t.Errorf("owner value at %v, want 15:12", got)
	}
	if got := c.Moments[1].KeyPos("standard"); got != (Pos{36, 5}) {
		t.Errorf("absent key falls back to the moment: %v, want 36:5", got)
	}
	if want := (Score{Perceived: Whole(2), Pos: Pos{23, 7}}); m.Dimensions["responsiveness"] != want {
		t.Errorf("responsiveness = %+v, want %+v", m.Dimensions["responsiveness"], want)
	}
	if want := (Score{Expected: Whole(5), Perceived: Whole(3), Pos: Pos{24, 7}}); m.Dimensions["courtesy"] != want {
		t.Errorf("courtesy = %+v, want %+v", m.Dimensions["courtesy"], want)
	}
	if len(m.Pains) != 1 || m.Pains[0] != "No receipt, no warranty" {
		t.Errorf("pains = %q", m.Pains)
	}
	if len(m.Improvements) != 2 {
		t.Fatalf("%d improvements, want 2", len(m.Improvements))
	}
	im := m.Improvements[0]
	if im.Action != "Accept the customer's history" || im.Owner != "Store manager" ||
		!im.Due.Equal(time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)) || !im.HasDue() ||
		im.Pillar != "processes" || im.Status != "doing" || im.Done() {
		t.Errorf("improvement 1 = %+v", im)
	}
	if im2 := m.Improvements[1]; im2.Status != "planned" || im2.HasDue() || im2.Pillar != "" {
		t.Errorf("improvement 2 defaults = %+v", im2)
	}
	if len(m.Next) != 1 || m.Next[0] != "diagnose" || len(m.NextPos) != 1 || m.NextPos[0] != (Pos{34, 11}) {
		t.Errorf("next = %q at %v", m.Next, m.NextPos)
	}
	if !m.Ignores("missing-standard") || m.Ignores("unscored") {
		t.Errorf("ignore = %q", m.Ignore)
	}
	m2 := c.Moments[1]
	if m2.Name != "2026-01-01" || m2.Owner != "42" || m2.Next != nil || m2.Critical != nil {
		t.Errorf("moment 2 = %+v", m2)
	}
	if c.Moment("diagnose") != m2 || c.Moment("nope") != nil {
		t.Errorf("Moment lookup is wrong")
	}
}

// TestParseDefaults checks the defaults of a minimal file.
func TestParseDefaults(t *testing.T) {
	c, err := Parse("min.yaml", []byte(y("title: x", okMoments)))
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != 1 || c.Language != "en" || c.Scale != 5 || !c.Closed {
		t.Errorf("defaults: version %d, language %q, scale %d, closed %v", c.Version, c.Language, c.Scale, c.Closed)
	}
	// Scale 5: round(0.8*5)=4, round(0.4*5)=2, round(0.4*5)=2.
	if want := (wholeThresholds(4, 2, 2)); c.Thresholds != want {
		t.Errorf("thresholds = %+v, want %+v", c.Thresholds, want)
	}
	// Thresholds not given follow the file's scale: scale 10 gives
	// round(8)=8, round(4)=4, round(4)=4; only performance is overridden.
	c, err = Parse("s.yaml", []byte(y("scale: 10", "title: x", "critical: {performance: 5}", okMoments)))
	if err != nil {
		t.Fatal(err)
	}
	if want := (wholeThresholds(8, 5, 4)); c.Thresholds != want {
		t.Errorf("thresholds = %+v, want %+v", c.Thresholds, want)
	}
}

// TestParseMerge checks that YAML merge keys work for shared fields, with
// the keys written in the mapping taking precedence.
func TestParseMerge(t *testing.T) {
	src := y(
		"title: x",
		"moments:",
		"  - &desk {id: a, name: A, owner: Desk, channel: phone}",
		"  - <<: *desk",
		"    id: b",
		"    name: B",
		"  - <<: [{owner: Lab}, *desk]",
		"    id: c",
		"    name: C",
	)
	c, err := Parse("m.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	b, cc := c.Moments[1], c.Moments[2]
	if b.ID != "b" || b.Name != "B" || b.Owner != "Desk" || b.Channel != "phone" {
		t.Errorf("merged moment b = %+v", b)
	}
	// In a list of merges the first mapping wins.
	if cc.Owner != "Lab" || cc.Channel != "phone" {
		t.Errorf("merged moment c: owner %q channel %q, want Lab and phone", cc.Owner, cc.Channel)
	}
}

func TestParseVersionForms(t *testing.T) {
	for _, v := range []string{"1", "1.0", "0x1"} {
		if _, err := Parse("v.yaml", []byte(y("version: "+v, "title: x", okMoments))); err != nil {
			t.Errorf("version: %s: %v", v, err)
		}
	}
}

func TestErrorFormatting(t *testing.T) {
	e := &Error{File: "a.yaml", Pos: Pos{3, 7}, Msg: "bad"}
	if got := e.Error(); got != "a.yaml:3:7: bad" {
		t.Errorf("Error() = %q", got)
	}
	if got := (&Error{Msg: "m"}).Location(); got != "<input>:1:1" {
		t.Errorf("unknown position = %q, want <input>:1:1", got)
	}
	var l ErrorList
	if l.Err() != nil || l.Error() != "no errors" {
		t.Errorf("empty list: Err %v, Error %q", l.Err(), l.Error())
	}
	l.Add("b.yaml", Pos{2, 1}, "second")
	l.Add("a.yaml", Pos{9, 9}, "file a")
	l.Add("b.yaml", Pos{1, 5}, "first")
	l.Add("b.yaml", Pos{1, 5}, "first")
	l.Add("b.yaml", Pos{1, 5}, "also first")
	l.Sort()
	want := "a.yaml:9:9: file a\nb.yaml:1:5: also first\nb.yaml:1:5: first\nb.yaml:2:1: second"
	if got := l.Error(); got != want {
		t.Errorf("sorted list:\n%s\nwant:\n%s", got, want)
	}
	if !(Pos{1, 2}).Before(Pos{1, 3}) || (Pos{2, 1}).Before(Pos{1, 9}) || !(Pos{1, 1}).IsValid() || (Pos{}).IsValid() {
		t.Errorf("Pos ordering is wrong")
	}
}

func TestTooManyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: x\nmoments:\n")
	for i := 0; i < 1500; i++ {
		fmt.Fprintf(&b, "  - id: m%d\n", i) // no name: one problem each
	}
	got := parseErrors(t, b.String())
	if len(got) != maxErrors+1 {
		t.Fatalf("%d problems, want %d and a final note", len(got), maxErrors+1)
	}
	last := got[len(got)-1]
	if !strings.Contains(last.Msg, "too many problems; stopped after 1000") {
		t.Errorf("last problem = %q", last.Msg)
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct{ in, want string }{
		{"curtesy", "courtesy"},
		{"nmae", "name"},
		{"Title", "title"},
		{"importnce", "importance"},
		{"improvement", "improvements"}, // a prefix
		{"colour", ""},
		{"x", ""},
		{"NAME", "name"}, // case only: always close
		{"c", ""},        // one edit from any short word: no suggestion
		{"ab", ""},
		{"stag", "stage"},
	}
	known := append(append([]string{}, momentKeys...), Dimensions...)
	known = append(known, "title")
	for _, tt := range tests {
		if got := Suggest(tt.in, known); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMomentLooksUpTheIndex: Parse builds the id index once, and Moment
// answers from it (so following every next entry is linear in the edges),
// not by scanning the list; Index rebuilds it for a cycle built by hand.
func TestMomentLooksUpTheIndex(t *testing.T) {
	c, err := Parse("i.yaml", []byte("title: t\nmoments:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"))
	if err != nil {
		t.Fatal(err)
	}
	b := c.Moments[1]
	c.Moments = c.Moments[:1] // the index still knows b: Moment did not scan
	if got := c.Moment("b"); got != b {
		t.Fatalf("Moment(b) = %v after Parse, want the moment from the index", got)
	}
	hand := &Cycle{Moments: []*Moment{{ID: "x"}, {ID: "y", Index: 1}}}
	if hand.Moment("y") == nil {
		t.Fatal("a cycle without an index is not scanned")
	}
	hand.Index()
	hand.Moments = nil
	if hand.Moment("y") == nil || hand.Moment("z") != nil {
		t.Fatal("Index did not build the index")
	}
}
