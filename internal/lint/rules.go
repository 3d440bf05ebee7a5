package lint

import (
	"fmt"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
)

// Severity is how much a finding matters: an error fails `ciclo lint`, a
// warning fails it only with --strict.
type Severity string

// The severities, as they appear in every output format.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// The stable rule ids. Scripts, SARIF consumers and `ignore:` lists depend
// on them; never rename one.
const (
	CriticalWithoutImprovement = "critical-without-improvement"
	CriticalWithoutOwner       = "critical-without-owner"
	MissingOwner               = "missing-owner"
	Handoff                    = "handoff"
	HandoffChain               = "handoff-chain"
	MissingStandard            = "missing-standard"
	Unscored                   = "unscored"
	Overdue                    = "overdue"
	ImprovementWithoutOwner    = "improvement-without-owner"
	// UnknownRule reports an `ignore:` entry that names no rule.
	UnknownRule = "unknown-rule"
	// Invalid reports a file that is not a valid cycle (bad YAML, unknown
	// keys, out-of-range scores...): the service rules cannot run on it.
	Invalid = "invalid"
)

// DocsURL is where docs/rules.md is published; each rule's help lives at
// DocsURL#<id>.
const DocsURL = "https://github.com/ciclo-dev/ciclo/blob/main/docs/rules.md"

// Rule is one lint rule: its id, severity, documentation and check, in one
// value. The same value runs the check, feeds the text, JSON and SARIF
// outputs, and writes the table of docs/rules.md (TestRulesDocumented
// fails when the page and the registry disagree).
type Rule struct {
	ID       string
	Severity Severity
	// Summary is one line: when the rule fires.
	Summary string
	// When and PointsAt fill the rule's row of the table in docs/rules.md:
	// when it fires and where its findings point, in Markdown.
	When, PointsAt string
	// Help says why it matters to the customer and how to fix it.
	Help string
	// Silenceable tells whether a moment's `ignore:` list may name the rule.
	Silenceable bool
	// AsIs is the severity in an as-is map (state: as-is, the default),
	// when it differs from Severity: a finding about the service itself,
	// which an as-is map documents rather than designs, is a warning
	// there. Severity holds in a to-be map.
	AsIs Severity

	// check reports the rule's findings on an analysed cycle; nil for
	// invalid, which the parser reports.
	check func(*checker, *cycle.Analysis)
}

// SeverityDoc writes the rule's severity as docs/rules.md gives it:
// "error", or "error; warning in an as-is map".
func (r Rule) SeverityDoc() string {
	if r.AsIs != "" && r.AsIs != r.Severity {
		return string(r.Severity) + "; " + string(r.AsIs) + " in an as-is map"
	}
	return string(r.Severity)
}

// SeverityIn returns the rule's severity in a cycle of the given state,
// "as-is" or "to-be".
func (r Rule) SeverityIn(state string) Severity {
	if state != "to-be" && r.AsIs != "" {
		return r.AsIs
	}
	return r.Severity
}

// HelpURI is the address of the rule's section in docs/rules.md.
func (r Rule) HelpURI() string { return DocsURL + "#" + r.ID }

// rules is the registry: every rule, in the order of docs/rules.md. It is
// filled in by init, since the check of unknown-rule reads it.
var rules []Rule

func init() { rules = registry() }

func registry() []Rule {
	return []Rule{
		{
			ID: CriticalWithoutImprovement, Severity: Error, Silenceable: true,
			When:     "a critical moment has no improvement that is not `done`",
			PointsAt: "the moment's `id` (its `improvements` list when every one is done)",
			check:    checkCriticalWithoutImprovement,
			Summary:  "A critical moment has no improvement that is not done.",
			Help: "A critical moment is where the customer's opinion of the whole service is being decided, and " +
				"today it is going badly. Knowing it and planning nothing leaves the customer to keep living it. " +
				"Add an improvement (action, owner, due date) under the moment, or, if the last one worked, " +
				"update the moment's scores so it is no longer critical.",
		},
		{
			ID: CriticalWithoutOwner, Severity: Error, Silenceable: true,
			When:     "a critical moment has no `owner`",
			PointsAt: "the moment's `id`",
			check:    checkCriticalWithoutOwner,
			Summary:  "A critical moment has no owner.",
			Help: "When nobody answers for the moment that hurts most, every department can say it is not theirs " +
				"and the customer is left alone with the problem. Give the moment an owner: the department or " +
				"role that answers for it.",
		},
		{
			ID: MissingOwner, Severity: Warning, Silenceable: true,
			When:     "a moment that is not critical has no `owner`",
			PointsAt: "the moment's `id`",
			check:    checkMissingOwner,
			Summary:  "A moment has no owner.",
			Help: "\"That's not my department\" starts with moments nobody owns. Every contact with the customer " +
				"needs someone who answers for it. Set the moment's owner. (A critical moment without owner is " +
				"reported as critical-without-owner instead.)",
		},
		{
			ID: Handoff, Severity: Warning, Silenceable: true,
			When:     "the customer is passed to another owner within one contact",
			PointsAt: "the `owner` of the moment the customer is passed to",
			check:    checkHandoff,
			Summary:  "The customer is passed to another owner within one contact (same channel, different owners).",
			Help: "Each time the customer is passed from one department to another within the same contact they " +
				"wait, repeat themselves, and feel handled like a parcel. Let one owner carry the contact through, " +
				"or give the first person the knowledge and the authority to solve it. If the handoff is deliberate " +
				"and invisible to the customer, silence it on the receiving moment.",
		},
		{
			ID: HandoffChain, Severity: Error, AsIs: Warning, Silenceable: true,
			When:     "the customer passes through three or more owners in a row on one channel",
			PointsAt: "the `owner` of the moment where the third owner takes over",
			check:    checkHandoffChain,
			Summary:  "The customer passes through three or more owners in a row on one channel.",
			Help: "Being bounced through three departments in one contact is one of the surest ways to lose a " +
				"customer: by the third transfer they have explained their problem three times. Merge the steps " +
				"under one owner, or empower the first owner to finish the job.",
		},
		{
			ID: MissingStandard, Severity: Warning, Silenceable: true,
			When:     "a critical moment has no `standard`",
			PointsAt: "the moment's `id`",
			check:    checkMissingStandard,
			Summary:  "A critical moment has no service standard.",
			Help: "A standard (the norm: what is done, how fast, how well) turns a good intention into something " +
				"staff can be trained on and measured against. A critical moment without one will depend on who " +
				"happens to be on shift. Write the moment's standard.",
		},
		{
			ID: Unscored, Severity: Warning, Silenceable: true,
			When:     "a moment lacks `importance` or `performance`",
			PointsAt: "the moment's `id`",
			check:    checkUnscored,
			Summary:  "A moment lacks importance or performance.",
			Help: "Without both scores ciclo cannot tell whether the moment is critical nor place it in the " +
				"importance-performance matrix, so a moment that hurts can hide. Ask customers how much the moment " +
				"matters and how it goes today, and record importance and performance.",
		},
		{
			ID: Overdue, Severity: Warning, Silenceable: true,
			When:     "an improvement not `done` is past its `due` date",
			PointsAt: "the improvement's `due`",
			check:    checkOverdue,
			Summary:  "An improvement that is not done is past its due date.",
			Help: "A promise kept late is a promise broken: the customer is still living the old moment. Finish " +
				"the improvement and mark it done, or agree on a new due date with its owner. Pin the date with " +
				"--today for reproducible runs.",
		},
		{
			ID: ImprovementWithoutOwner, Severity: Warning, Silenceable: true,
			When:     "an improvement has no `owner`",
			PointsAt: "the improvement's `action`",
			check:    checkImprovementWithoutOwner,
			Summary:  "An improvement has no owner.",
			Help: "An action that belongs to everyone gets done by no one. Name the person or role who will carry " +
				"the improvement out.",
		},
		bidiRule,
		{
			ID: UnknownRule, Severity: Error, Silenceable: true,
			When:     "an `ignore` entry names no rule, or one that cannot be silenced",
			PointsAt: "the entry in `ignore`",
			check:    checkUnknownRule,
			Summary:  "A moment's ignore list names a rule that does not exist or cannot be silenced.",
			Help: "A misspelt id silences nothing, and the ignore list then tells its readers something false. " +
				"Fix the id (the message suggests the closest one) or remove the entry. A cycle that must also " +
				"pass an older ciclo, which lacks a newer rule, may add unknown-rule to the same ignore list.",
		},
		{
			ID: Invalid, Severity: Error, Silenceable: false,
			When:     "the file is not a valid cycle (bad YAML, unknown key, score out of range...)",
			PointsAt: "the offending YAML node",
			Summary:  "The file is not a valid cycle: invalid YAML or an invalid cycle.",
			Help: "The service rules only run on a valid cycle. Fix the problem at the position given; the " +
				"message says what is wrong (and suggests the key meant, when one is close). `ciclo schema` gives " +
				"the JSON Schema for editor completion.",
		},
	}
}

// Rules returns every rule, in a stable order: the service rules first, in
// the order of docs/rules.md, then unknown-rule and invalid.
func Rules() []Rule { return append([]Rule(nil), rules...) }

// Lookup returns the rule with the given id.
func Lookup(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// ruleIndex returns the index of id in Rules(), or -1.
func ruleIndex(id string) int {
	for i, r := range rules {
		if r.ID == id {
			return i
		}
	}
	return -1
}

func severityOf(id, state string) Severity {
	if r, ok := Lookup(id); ok {
		return r.SeverityIn(state)
	}
	return Error
}

// rulesTable writes the table of docs/rules.md from the registry.
func rulesTable() string {
	var b strings.Builder
	b.WriteString("| id | severity | fires when | points at |\n| --- | --- | --- | --- |\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.ID, r.SeverityDoc(), r.When, r.PointsAt)
	}
	return b.String()
}
