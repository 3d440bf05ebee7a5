// Package report writes the analysis of a cycle for people and programs:
// JSON (the shape pinned by SPEC section 4), Markdown and a self-contained
// HTML page with inline SVG charts.
//
// Reports are pure functions of the analysis and Options: the date that
// decides which actions are overdue is passed in, never read from the
// clock, so the same input gives the same bytes.
package report

import (
	"bytes"
	"encoding/json"
	"math"

	"github.com/ciclo-dev/ciclo/cycle"
)

// Doc is the JSON report: the analysis itself. The keys title, moments,
// handoffs and dimensions, and the moment keys id, number, name, critical,
// reasons, quadrant and gaps, are pinned; the rest are additions.
type Doc struct {
	Title        string             `json:"title"`
	Customer     string             `json:"customer,omitempty"`
	Organization string             `json:"organization,omitempty"`
	Language     string             `json:"language"`
	Scale        int                `json:"scale"`
	Closed       bool               `json:"closed"`
	Thresholds   Thresholds         `json:"thresholds"`
	Moments      []Moment           `json:"moments"`
	Handoffs     []Handoff          `json:"handoffs"`
	Dimensions   map[string]float64 `json:"dimensions"`
}

// Thresholds are the criticality thresholds in force.
// Each is written with every decimal it has (4, 3.5).
type Thresholds struct {
	Importance  cycle.Decimal `json:"importance"`
	Performance cycle.Decimal `json:"performance"`
	Gap         cycle.Decimal `json:"gap"`
}

// Moment is one moment's analysis.
type Moment struct {
	ID      string `json:"id"`
	Number  int    `json:"number"`
	Name    string `json:"name"`
	Owner   string `json:"owner,omitempty"`
	Channel string `json:"channel,omitempty"`
	Stage   string `json:"stage,omitempty"`
	// Scores and gaps keep every decimal of the file (3.83, -1.25).
	Importance  *cycle.Decimal `json:"importance"`
	Performance *cycle.Decimal `json:"performance"`
	// Sample is how many ratings stand behind the scores, when known.
	Sample       int                      `json:"sample,omitempty"`
	Critical     bool                     `json:"critical"`
	Reasons      []string                 `json:"reasons"`
	Quadrant     *string                  `json:"quadrant"`
	Gaps         map[string]cycle.Decimal `json:"gaps"`
	Next         []string                 `json:"next"`
	Improvements []Improvement            `json:"improvements"`
}

// Improvement is one planned action.
type Improvement struct {
	Action string `json:"action"`
	Owner  string `json:"owner,omitempty"`
	Due    string `json:"due,omitempty"`
	Pillar string `json:"pillar,omitempty"`
	Status string `json:"status"`
	// Overdue is set when the action is not done and its due date is
	// before Options.Today.
	Overdue bool `json:"overdue,omitempty"`
}

// Handoff is an edge on which the customer changes department within one
// contact.
type Handoff struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// NewDoc builds the JSON report of an analysis. Reasons are written in the
// cycle's language; average gaps are rounded to two decimals.
func NewDoc(a *cycle.Analysis) *Doc { return newDoc(a, Options{}) }

// newDoc builds the JSON report: reasons in opts.Lang (the cycle's
// language when empty), overdue actions flagged against opts.Today.
func newDoc(a *cycle.Analysis, opts Options) *Doc {
	c := a.Cycle
	lang := opts.Lang
	if lang == "" {
		lang = c.Language
	}
	d := &Doc{
		Title: c.Title, Customer: c.Customer, Organization: c.Organization,
		Language: c.Language, Scale: c.Scale, Closed: c.Closed,
		Thresholds: Thresholds(c.Thresholds),
		Moments:    []Moment{}, Handoffs: []Handoff{}, Dimensions: map[string]float64{},
	}
	for _, m := range a.Moments {
		jm := Moment{
			ID: m.ID, Number: m.Number(), Name: m.Name, Owner: m.Owner,
			Channel: m.Channel, Stage: m.Stage, Sample: m.Sample,
			Critical: m.Critical, Reasons: []string{}, Gaps: m.Gaps,
			Next: []string{}, Improvements: []Improvement{},
		}
		if !m.Importance.IsZero() {
			v := m.Importance
			jm.Importance = &v
		}
		if !m.Performance.IsZero() {
			v := m.Performance
			jm.Performance = &v
		}
		for _, r := range m.Reasons {
			jm.Reasons = append(jm.Reasons, r.Text(lang))
		}
		if m.Quadrant != cycle.None {
			q := string(m.Quadrant)
			jm.Quadrant = &q
		}
		for _, s := range c.Successors(m.Moment) {
			jm.Next = append(jm.Next, s.ID)
		}
		for _, im := range m.Improvements {
			ji := Improvement{Action: im.Action, Owner: im.Owner, Pillar: im.Pillar, Status: im.Status}
			if im.HasDue() {
				ji.Due = im.Due.Format(dateLayout)
				ji.Overdue = im.Overdue(opts.Today)
			}
			jm.Improvements = append(jm.Improvements, ji)
		}
		d.Moments = append(d.Moments, jm)
	}
	for _, e := range a.Handoffs {
		d.Handoffs = append(d.Handoffs, Handoff{From: e.From.ID, To: e.To.ID})
	}
	for k, v := range a.DimensionGaps {
		d.Dimensions[k] = math.Round(v*100) / 100
	}
	return d
}

// JSON encodes the report of an analysis, indented, with a final newline.
func JSON(a *cycle.Analysis) ([]byte, error) { return JSONWith(a, Options{}) }

// JSONWith is JSON with options: reasons in opts.Lang, and "overdue": true
// on actions past their due date on opts.Today.
func JSONWith(a *cycle.Analysis, opts Options) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(newDoc(a, opts)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
