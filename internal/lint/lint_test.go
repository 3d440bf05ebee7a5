package lint

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// loc returns "LINE:COL" of token within the only line of src containing
// line; the column counts code points, like the YAML parser.
func loc(t *testing.T, src, line, token string) string {
	t.Helper()
	found := ""
	for i, l := range strings.Split(src, "\n") {
		if !strings.Contains(l, line) {
			continue
		}
		if found != "" {
			t.Fatalf("fixture: %q is on more than one line", line)
		}
		j := strings.Index(l, token)
		if j < 0 {
			t.Fatalf("fixture: %q not on line %q", token, l)
		}
		found = fmt.Sprintf("%d:%d", i+1, utf8.RuneCountInString(l[:j])+1)
	}
	if found == "" {
		t.Fatalf("fixture: no line contains %q", line)
	}
	return found
}

var day = time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)

// positions returns "LINE:COL" of each finding of rule.
func positions(fs []Finding, rule string) []string {
	var out []string
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, fmt.Sprintf("%d:%d", f.Line, f.Column))
		}
	}
	return out
}

type ruleCase struct {
	name string
	src  string
	// want lists the expected positions as (line substring, token) pairs;
	// empty means the rule must not fire.
	want [][2]string
	// message, when set, must be contained in the first finding's message.
	message string
}

func runRuleCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := Lint("c.yaml", []byte(tc.src), Options{Today: day})
			if got := positions(fs, Invalid); len(got) > 0 {
				t.Fatalf("fixture is invalid: %v", fs)
			}
			want := []string{}
			for _, w := range tc.want {
				want = append(want, loc(t, tc.src, w[0], w[1]))
			}
			got := positions(fs, rule)
			if got == nil {
				got = []string{}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s at %v, want %v\nall findings: %v", rule, got, want, fs)
			}
			for _, f := range fs {
				if f.Rule == rule {
					r, _ := Lookup(rule)
					if f.Severity != r.SeverityIn("as-is") || f.File != "c.yaml" {
						t.Errorf("finding %+v: want severity %s in c.yaml", f, r.SeverityIn("as-is"))
					}
					if tc.message != "" && !strings.Contains(f.Message, tc.message) {
						t.Errorf("message %q does not contain %q", f.Message, tc.message)
					}
					break
				}
			}
		})
	}
}

func TestCriticalWithoutImprovement(t *testing.T) {
	runRuleCases(t, CriticalWithoutImprovement, []ruleCase{
		{name: "critical by score, no improvement", src: `title: T
moments:
  - id: pay
    name: Pays
    owner: Cashier
    standard: Under 2 minutes
    importance: 5
    performance: 1
`, want: [][2]string{{"id: pay", "pay"}}, message: `critical because importance 5 ≥ 4 and performance 1 ≤ 2`},
		{name: "every improvement done", src: `title: T
moments:
  - id: pay
    name: Pays
    owner: Cashier
    standard: Under 2 minutes
    critical: true
    importance: 5
    performance: 4
    improvements:
      - action: Second till
        owner: Manager
        status: done
`, want: [][2]string{{"- action: Second till", "-"}}, message: "every improvement listed is done"},
		{name: "critical by gap lists the dimension", src: `title: T
moments:
  - id: pay
    name: Pays
    owner: Cashier
    standard: Under 2 minutes
    importance: 3
    performance: 3
    dimensions:
      courtesy: {expected: 5, perceived: 2}
`, want: [][2]string{{"id: pay", "pay"}}, message: "courtesy gap: expected 5, perceived 2"},
		{name: "decimal scores print as compared, with the sample", src: `title: T
critical: {performance: 2.5}
moments:
  - id: pay
    name: Pays
    owner: Cashier
    standard: Under 2 minutes
    importance: 4.2
    performance: 2.5
    sample: 40
`, want: [][2]string{{"id: pay", "pay"}}, message: "critical because importance 4.2 ≥ 4 and performance 2.5 ≤ 2.5, on 40 ratings"},
		{name: "just above a decimal threshold", src: `title: T
critical: {performance: 2.5}
moments:
  - id: pay
    name: Pays
    owner: Cashier
    standard: Under 2 minutes
    importance: 4.2
    performance: 2.51
`},
		{name: "critical with an improvement under way", src: `title: T
moments:
  - id: pay
    name: Pays
    owner: Cashier
    standard: Under 2 minutes
    importance: 5
    performance: 1
    improvements:
      - action: Second till
        owner: Manager
        status: doing
`},
		{name: "marked not critical", src: `title: T
moments:
  - id: pay
    name: Pays
    owner: Cashier
    importance: 5
    performance: 1
    critical: false
`},
	})
}

func TestCriticalWithoutOwner(t *testing.T) {
	src := `title: T
moments:
  - id: pay
    name: Pays
    standard: Under 2 minutes
    importance: 5
    performance: 2
    improvements:
      - {action: Second till, owner: Manager}
`
	runRuleCases(t, CriticalWithoutOwner, []ruleCase{
		{name: "critical without owner", src: src, want: [][2]string{{"id: pay", "pay"}}, message: "importance 5 ≥ 4"},
		{name: "critical with owner", src: strings.Replace(src, "    standard:", "    owner: Cashier\n    standard:", 1)},
	})
	// The error replaces the missing-owner warning, never doubles it.
	if got := positions(Lint("c.yaml", []byte(src), Options{}), MissingOwner); len(got) != 0 {
		t.Errorf("missing-owner also fired on a critical moment at %v", got)
	}
}

func TestMissingOwner(t *testing.T) {
	src := `title: T
moments:
  - id: browse
    name: Browses the catalogue
    importance: 3
    performance: 4
`
	runRuleCases(t, MissingOwner, []ruleCase{
		{name: "no owner", src: src, want: [][2]string{{"id: browse", "browse"}}, message: `"browse" has no owner`},
		{name: "owner set", src: strings.Replace(src, "    importance:", "    owner: Web team\n    importance:", 1)},
	})
}

func TestHandoff(t *testing.T) {
	runRuleCases(t, Handoff, []ruleCase{
		{name: "same channel, owners differ", src: `title: T
closed: false
moments:
  - id: call
    name: Calls
    channel: phone
    owner: Switchboard
    importance: 3
    performance: 3
  - id: sales
    name: Talks to sales
    channel: phone
    owner: Sales
    importance: 3
    performance: 3
`, want: [][2]string{{"owner: Sales", "Sales"}}, message: `passed from "Switchboard" to "Sales" on channel "phone"`},
		{name: "the closing edge counts too", src: `title: T
moments:
  - id: call
    name: Calls
    channel: phone
    owner: Switchboard
    importance: 3
    performance: 3
  - id: sales
    name: Talks to sales
    channel: phone
    owner: Sales
    importance: 3
    performance: 3
`, want: [][2]string{{"owner: Switchboard", "Switchboard"}, {"owner: Sales", "Sales"}}},
		{name: "a branch counts", src: `title: T
closed: false
moments:
  - id: call
    name: Calls
    channel: phone
    owner: Switchboard
    importance: 3
    performance: 3
    next: [sales, claims]
  - id: sales
    name: Talks to sales
    channel: web
    owner: Sales
    importance: 3
    performance: 3
    next: []
  - id: claims
    name: Talks to claims
    channel: phone
    owner: Claims
    importance: 3
    performance: 3
`, want: [][2]string{{"owner: Claims", "Claims"}}},
		{name: "different channels", src: `title: T
closed: false
moments:
  - id: call
    name: Calls
    channel: phone
    owner: Switchboard
    importance: 3
    performance: 3
  - id: sales
    name: Visits sales
    channel: in person
    owner: Sales
    importance: 3
    performance: 3
`},
		{name: "same owner", src: `title: T
closed: false
moments:
  - id: call
    name: Calls
    channel: phone
    owner: Sales
    importance: 3
    performance: 3
  - id: quote
    name: Gets a quote
    channel: phone
    owner: Sales
    importance: 3
    performance: 3
`},
	})
}

// chainCycle builds an open cycle of moments on one channel, one per
// owner; a "channel/owner" entry sets a different channel.
func chainCycle(closed bool, owners ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: T\nclosed: %v\nmoments:\n", closed)
	for i, o := range owners {
		channel := "phone"
		if c, own, ok := strings.Cut(o, "/"); ok {
			channel, o = c, own
		}
		fmt.Fprintf(&b, "  - id: m%d\n    name: Step %d\n    channel: %s\n    owner: %s %d\n    importance: 3\n    performance: 3\n",
			i+1, i+1, channel, o, i+1)
	}
	return b.String()
}

func TestHandoffChain(t *testing.T) {
	// Owners are written "Name N" so each line is unique; the owner is
	// the name alone only where it must repeat.
	same := func(src string, names ...string) string {
		for _, n := range names {
			for i := 1; i <= 9; i++ {
				src = strings.ReplaceAll(src, fmt.Sprintf("owner: %s %d\n", n, i), fmt.Sprintf("owner: %s\n    stage: s%d\n", n, i))
			}
		}
		return src
	}
	runRuleCases(t, HandoffChain, []ruleCase{
		{name: "three owners in a row", src: chainCycle(false, "Sales", "Billing", "Support"),
			want:    [][2]string{{"owner: Support 3", "Support"}},
			message: `three owners in a row on channel "phone": "Sales 1" (m1) → "Billing 2" (m2) → "Support 3" (m3)`},
		{name: "four owners: one finding, where the chain forms", src: chainCycle(false, "Sales", "Billing", "Support", "Legal"),
			want: [][2]string{{"owner: Support 3", "Support"}}},
		{name: "back and forth, then a third owner", src: same(chainCycle(false, "Sales", "Billing", "Sales", "Support"), "Sales", "Billing"),
			want: [][2]string{{"owner: Support 4", "Support"}}, message: `"Sales" (m1) → "Billing" (m2) → "Sales" (m3) → "Support 4" (m4)`},
		{name: "a closed loop of handoffs with no way in", src: chainCycle(true, "Sales", "Billing", "Support"),
			want: [][2]string{{"owner: Support 3", "Support"}}},
		{name: "a long back-and-forth is shortened in the message",
			src:     same(chainCycle(false, "Sales", "Billing", "Sales", "Billing", "Sales", "Billing", "Support"), "Sales", "Billing"),
			want:    [][2]string{{"owner: Support 7", "Support"}},
			message: `"Sales" (m1) → "Billing" (m2) → … 2 more … → "Sales" (m5) → "Billing" (m6) → "Support 7" (m7)`},
		{name: "two owners back and forth", src: same(chainCycle(false, "Desk", "Workshop", "Desk"), "Desk")},
		{name: "the channel changes", src: chainCycle(false, "Sales", "Billing", "web/Support")},
		{name: "an owner missing breaks the run", src: strings.Replace(chainCycle(false, "Sales", "Billing", "Support"), "    owner: Billing 2\n", "", 1)},
	})
}

func TestMissingStandard(t *testing.T) {
	src := `title: T
moments:
  - id: pay
    name: Pays
    owner: Cashier
    importance: 5
    performance: 2
    improvements:
      - {action: Second till, owner: Manager}
`
	runRuleCases(t, MissingStandard, []ruleCase{
		{name: "critical without standard", src: src, want: [][2]string{{"id: pay", "pay"}}, message: "no service standard"},
		{name: "critical with standard", src: strings.Replace(src, "    importance:", "    standard: Two minutes\n    importance:", 1)},
		{name: "not critical, no standard", src: strings.Replace(src, "performance: 2", "performance: 4", 1)},
	})
}

func TestUnscored(t *testing.T) {
	base := `title: T
moments:
  - id: wait
    name: Waits
    owner: Front desk
`
	runRuleCases(t, Unscored, []ruleCase{
		{name: "no scores", src: base, want: [][2]string{{"id: wait", "wait"}}, message: "no importance or performance score"},
		{name: "no performance", src: base + "    importance: 3\n", want: [][2]string{{"id: wait", "wait"}}, message: "no performance score"},
		{name: "no importance", src: base + "    performance: 3\n", want: [][2]string{{"id: wait", "wait"}}, message: "no importance score"},
		{name: "both scores", src: base + "    importance: 3\n    performance: 3\n"},
	})
}

func TestOverdue(t *testing.T) {
	src := func(due, status string) string {
		return `title: T
moments:
  - id: wait
    name: Waits
    owner: Front desk
    importance: 3
    performance: 3
    improvements:
      - action: Queue display
        owner: IT
        due: ` + due + `
        status: ` + status + "\n"
	}
	runRuleCases(t, Overdue, []ruleCase{
		{name: "a day late", src: src("2026-03-14", "planned"), want: [][2]string{{"due: 2026-03-14", "2026"}},
			message: `"Queue display" of moment "wait" was due 2026-03-14 and is still planned`},
		{name: "late and doing", src: src("2025-12-31", "doing"), want: [][2]string{{"due: 2025", "2025"}}},
		{name: "due today", src: src("2026-03-15", "planned")},
		{name: "late but done", src: src("2026-03-01", "done")},
	})
	// The zero date disables the rule.
	if got := positions(Lint("c.yaml", []byte(src("2020-01-01", "planned")), Options{}), Overdue); len(got) != 0 {
		t.Errorf("overdue fired without a date: %v", got)
	}
	// Only the calendar date of Today counts, wherever its clock is.
	late := time.Date(2026, 3, 14, 23, 59, 0, 0, time.FixedZone("x", -10*3600))
	if got := positions(Lint("c.yaml", []byte(src("2026-03-14", "planned")), Options{Today: late}), Overdue); len(got) != 0 {
		t.Errorf("overdue fired on the due date itself: %v", got)
	}
}

func TestImprovementWithoutOwner(t *testing.T) {
	src := `title: T
moments:
  - id: wait
    name: Waits
    owner: Front desk
    importance: 3
    performance: 3
    improvements:
      - action: Queue display
        owner: IT
      - action: Call-back service
`
	runRuleCases(t, ImprovementWithoutOwner, []ruleCase{
		{name: "second improvement has no owner", src: src, want: [][2]string{{"action: Call-back", "Call-back"}}, message: `"Call-back service"`},
		{name: "both owned", src: src + "        owner: Contact centre\n"},
	})
}

func TestUnknownRule(t *testing.T) {
	base := `title: T
moments:
  - id: wait
    name: Waits
    owner: Front desk
`
	runRuleCases(t, UnknownRule, []ruleCase{
		{name: "typo", src: base + "    ignore: [unscord]\n", want: [][2]string{{"ignore:", "unscord"}}, message: `did you mean "unscored"?`},
		{name: "block list, second entry", src: base + "    ignore:\n      - unscored\n      - nonsense\n",
			want: [][2]string{{"- nonsense", "nonsense"}}, message: `unknown rule "nonsense"`},
		{name: "invalid cannot be silenced", src: base + "    ignore: invalid\n", want: [][2]string{{"ignore:", "invalid"}}, message: "cannot be silenced"},
		{name: "a known rule", src: base + "    ignore: [unscored]\n"},
		{name: "silenced itself", src: base + "    ignore: [unknown-rule, from-a-newer-ciclo, unscored]\n"},
	})
}

func TestInvalid(t *testing.T) {
	cases := []struct {
		name, src, want, message string
	}{
		{"bad YAML", "title: T\nmoments: [\n", "", "invalid YAML"},
		{"unknown key", "title: T\nmoments:\n  - id: a\n    name: A\n    ownr: X\n", "5:5", `did you mean "owner"?`},
		{"score out of range", "title: T\nmoments:\n  - id: a\n    name: A\n    importance: 9\n", "5:17", "out of range"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := Lint("bad.yaml", []byte(tc.src), Options{Today: day})
			if len(fs) == 0 {
				t.Fatal("no findings")
			}
			for _, f := range fs {
				if f.Rule != Invalid || f.Severity != Error || f.File != "bad.yaml" || f.Line < 1 || f.Column < 1 {
					t.Errorf("finding %+v: want an error of rule invalid in bad.yaml", f)
				}
			}
			if tc.want != "" {
				if got := positions(fs, Invalid); got[0] != tc.want {
					t.Errorf("at %v, want %s", got, tc.want)
				}
			}
			if !strings.Contains(fs[0].Message, tc.message) {
				t.Errorf("message %q does not contain %q", fs[0].Message, tc.message)
			}
		})
	}
}

// TestIgnore checks that each service rule can be silenced on the moment
// its finding is positioned at.
func TestIgnore(t *testing.T) {
	src := `title: T
closed: false
moments:
  - id: a
    name: A
    channel: phone
    owner: Sales
    importance: 5
    performance: 1
    critical: true
    improvements:
      - {action: Old fix, due: 2026-01-01}
  - id: b
    name: B
    channel: phone
    owner: Billing
  - id: c
    name: C
    channel: phone
    owner: Support
    importance: 5
    performance: 1
  - id: d
    name: D
    stage: "after\u202Ecare"
    importance: 3
    performance: 3
`
	noOwner := func(s string) string { return strings.Replace(s, "    owner: Support\n", "", 1) } // c: critical without owner
	all := append(Lint("c.yaml", []byte(src), Options{Today: day}), Lint("c.yaml", []byte(noOwner(src)), Options{Today: day})...)
	fired := map[string]bool{}
	for _, f := range all {
		fired[f.Rule] = true
	}
	for _, r := range Rules() {
		if r.ID == Invalid || r.ID == UnknownRule {
			continue
		}
		if !fired[r.ID] {
			t.Errorf("fixture does not fire %s: %v", r.ID, all)
		}
	}
	silenced := strings.NewReplacer(
		"    name: A\n", "    name: A\n    ignore: [critical-without-improvement, missing-standard, overdue, improvement-without-owner]\n",
		"    name: B\n", "    name: B\n    ignore: [handoff, unscored]\n",
		"    name: C\n", "    name: C\n    ignore: [handoff, handoff-chain, critical-without-improvement, critical-without-owner, missing-standard]\n",
		"    name: D\n", "    name: D\n    ignore: [missing-owner, bidi-control]\n",
	).Replace(src)
	for _, s := range []string{silenced, noOwner(silenced)} {
		if fs := Lint("c.yaml", []byte(s), Options{Today: day}); len(fs) != 0 {
			t.Errorf("silenced fixture still has findings: %v", fs)
		}
	}
}

func TestFindingsSorted(t *testing.T) {
	src := `title: T
moments:
  - id: a
    name: A
    importance: 5
    performance: 1
    improvements:
      - {action: X}
  - id: b
    name: B
`
	fs := Lint("c.yaml", []byte(src), Options{Today: day})
	got := make([]string, len(fs))
	for i, f := range fs {
		got[i] = fmt.Sprintf("%d:%d %s", f.Line, f.Column, f.Rule)
	}
	want := []string{
		"3:9 critical-without-owner",
		"3:9 missing-standard",
		"8:18 improvement-without-owner",
		"9:9 missing-owner",
		"9:9 unscored",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRulesMetadata(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		seen[r.ID] = true
		if r.Summary == "" || r.Help == "" || (r.Severity != Error && r.Severity != Warning) {
			t.Errorf("rule %s lacks metadata: %+v", r.ID, r)
		}
		if !strings.HasSuffix(r.HelpURI(), "docs/rules.md#"+r.ID) {
			t.Errorf("rule %s help URI %s", r.ID, r.HelpURI())
		}
	}
	// docs/rules.md pins these ids and severities (in a to-be map).
	pinned := map[string]Severity{
		"critical-without-improvement": Error, "critical-without-owner": Error, "missing-owner": Warning,
		"handoff": Warning, "handoff-chain": Error, "missing-standard": Warning, "unscored": Warning,
		"overdue": Warning, "improvement-without-owner": Warning,
	}
	for id, sev := range pinned {
		if r, ok := Lookup(id); !ok || r.Severity != sev {
			t.Errorf("rule %s: got %+v, want severity %s", id, r, sev)
		}
	}
}

func TestFailed(t *testing.T) {
	warn := []Finding{{Severity: Warning}}
	errs := []Finding{{Severity: Warning}, {Severity: Error}}
	if Failed(nil, true) || Failed(warn, false) || !Failed(warn, true) || !Failed(errs, false) {
		t.Error("Failed: want errors to fail, warnings only when strict")
	}
}

func ExampleLint() {
	src := []byte(`title: Phone repair
moments:
  - id: diagnose
    name: Phone is diagnosed
    owner: Workshop
    importance: 5
    performance: 2
`)
	fs := Lint("repair.yaml", src, Options{})
	_ = WriteText(os.Stdout, fs)
	// Output:
	// repair.yaml:3:9: error: critical moment "diagnose" has no open improvement (critical because importance 5 ≥ 4 and performance 2 ≤ 2) [critical-without-improvement]
	// repair.yaml:3:9: warning: critical moment "diagnose" has no service standard (critical because importance 5 ≥ 4 and performance 2 ≤ 2) [missing-standard]
}

var update = flag.Bool("update", false, "rewrite docs/rules.md's rule table from the registry")

// TestRulesDocumented keeps docs/rules.md in step with the registry: the
// severity table is the one rulesTable writes from it (go test -update
// rewrites it), and every rule has a section whose anchor its helpUri
// names. A rule cannot exist in the code and not on the page, or the
// reverse.
func TestRulesDocumented(t *testing.T) {
	const path = "../../docs/rules.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	head := "| id | severity | fires when | points at |\n"
	start := strings.Index(text, head)
	if start < 0 {
		t.Fatalf("docs/rules.md has no rule table starting %q", head)
	}
	end := start + strings.Index(text[start:], "\n\n") + 1
	if got, want := text[start:end], rulesTable(); got != want {
		if *update {
			if err := os.WriteFile(path, []byte(text[:start]+want+text[end:]), 0o644); err != nil {
				t.Fatal(err)
			}
		} else {
			t.Errorf("docs/rules.md's rule table is not the registry's; run go test -update\ngot:\n%s\nwant:\n%s", got, want)
		}
	}
	for _, r := range Rules() {
		if !strings.Contains(text, "\n## "+r.ID+"\n") {
			t.Errorf("docs/rules.md has no section \"## %s\" (anchor of %s)", r.ID, r.HelpURI())
		}
		if !strings.Contains(text, "[`"+r.ID+"`](#"+r.ID+")") {
			t.Errorf("docs/rules.md's contents do not link rule %s", r.ID)
		}
	}
	for _, m := range regexp.MustCompile(`(?m)^## ([a-z-]+)$`).FindAllStringSubmatch(text, -1) {
		if _, ok := Lookup(m[1]); !ok {
			t.Errorf("docs/rules.md documents %q, which is no rule", m[1])
		}
	}
}

func TestMessagesFollowTheLanguage(t *testing.T) {
	src := `title: Visita
language: es
moments:
  - id: llamada
    name: Llama
    importance: 5
    performance: 1
  - id: visita
    name: Visita
    owner: Caja
    importance: 3
    performance: 3
`
	spanish := Lint("v.yaml", []byte(src), Options{})
	english := Lint("v.yaml", []byte(src), Options{Lang: "en"})
	if len(spanish) == 0 || len(spanish) != len(english) {
		t.Fatalf("%d Spanish findings, %d English", len(spanish), len(english))
	}
	var es, en []string
	for i := range spanish {
		es = append(es, spanish[i].Message)
		en = append(en, english[i].Message)
		if spanish[i].Rule != english[i].Rule || spanish[i].Line != english[i].Line {
			t.Errorf("language changed rule or position: %+v vs %+v", spanish[i], english[i])
		}
	}
	for _, w := range []string{`el momento crítico "llamada" no tiene responsable`, "es crítico porque importancia 5 ≥ 4 y desempeño 1 ≤ 2"} {
		if !strings.Contains(strings.Join(es, "\n"), w) {
			t.Errorf("Spanish messages lack %q:\n%s", w, strings.Join(es, "\n"))
		}
	}
	if !strings.Contains(strings.Join(en, "\n"), `critical moment "llamada" has no owner`) {
		t.Errorf("--lang en not honoured:\n%s", strings.Join(en, "\n"))
	}
}

// TestInvalidFollowsTheLanguage: validation problems (rule invalid) are in
// the language the file declares, unless Options.Lang says otherwise; in
// English when the file's language cannot be read.
func TestInvalidFollowsTheLanguage(t *testing.T) {
	const es = "title: Visita\nlanguage: es\nmoments:\n  - id: a\n    name: A\n    importance: 9\n"
	const unread = "title: Visita\nlanguage: castellano\nmoments:\n  - id: a\n    name: A\n"
	cases := []struct {
		name, src, lang string
		want            []string
	}{
		{"Spanish file", es, "", []string{"6:17: importance 9 está fuera de rango: debe ir de 1 a 5 (la escala es de 5)"}},
		{"Spanish file, English asked", es, "en", []string{"6:17: importance 9 is out of range: it must be from 1 to 5 (the scale is 5)"}},
		{"English file, Spanish asked", strings.Replace(es, "language: es", "language: en", 1), "es", []string{"6:17: importance 9 está fuera de rango: debe ir de 1 a 5 (la escala es de 5)"}},
		{"unreadable language", unread, "", []string{`2:11: language "castellano" is not one of en, es`}},
		{"unreadable language, Spanish asked", unread, "es", []string{`2:11: language "castellano" no es válido: debe ser uno de en, es`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range Lint("v.yaml", []byte(tc.src), Options{Today: day, Lang: tc.lang}) {
				if f.Rule != Invalid {
					t.Errorf("finding of rule %s", f.Rule)
				}
				got = append(got, fmt.Sprintf("%d:%d: %s", f.Line, f.Column, f.Message))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestStateDecidesSeverity: handoff-chain is a warning in an as-is map (the
// default: it documents today's service) and an error in a to-be map.
func TestStateDecidesSeverity(t *testing.T) {
	src := "title: t\nmoments:\n" +
		"  - {id: a, name: A, owner: Sales, channel: phone, importance: 3, performance: 3}\n" +
		"  - {id: b, name: B, owner: Billing, channel: phone, importance: 3, performance: 3}\n" +
		"  - {id: c, name: C, owner: Support, channel: phone, importance: 3, performance: 3}\n"
	for _, tc := range []struct{ state, want string }{{"", "warning"}, {"state: as-is\n", "warning"}, {"state: to-be\n", "error"}} {
		fs := Lint("c.yaml", []byte(tc.state+src), Options{})
		got := ""
		for _, f := range fs {
			if f.Rule == HandoffChain {
				got = string(f.Severity)
			}
		}
		if got != tc.want {
			t.Errorf("%q: handoff-chain severity %q, want %q (findings %v)", tc.state, got, tc.want, fs)
		}
	}
}

// TestEveryRuleHasItsCheck: each rule of the registry carries the check that
// fires it, except invalid, which the parser reports.
func TestEveryRuleHasItsCheck(t *testing.T) {
	for _, r := range Rules() {
		if (r.check == nil) != (r.ID == Invalid) {
			t.Errorf("rule %s: check %v", r.ID, r.check != nil)
		}
		if r.When == "" || r.PointsAt == "" {
			t.Errorf("rule %s lacks its documentation row", r.ID)
		}
	}
}
