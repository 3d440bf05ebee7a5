package report

import (
	"bytes"
	"encoding/json"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
)

// PortfolioCycle is one cycle of a portfolio.
type PortfolioCycle struct {
	File     string // the name it was read under, as shown and linked
	Analysis *cycle.Analysis
	// Diagram is the cycle diagram as SVG, shown small in the HTML
	// portfolio; nil leaves it out.
	Diagram []byte
	// Link is where the cycle's diagram (or, without one, its file) is,
	// relative to the report, for the Markdown and HTML portfolios; ""
	// links nothing.
	Link string
}

// Skipped is an input left out of a portfolio, and why.
type Skipped struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// PortfolioOptions control a portfolio report.
type PortfolioOptions struct {
	// Lang is the language of fixed words; "" is the language most of
	// the cycles use (English on a tie).
	Lang string
	// Today is the date overdue actions are judged against; zero marks
	// nothing overdue.
	Today time.Time
	// Skipped lists inputs that could not be read, shown in the report
	// so that none is left out silently.
	Skipped []Skipped
}

// Portfolio is the JSON portfolio report: many cycles side by side. Its
// shape is documented in the README; scores keep each cycle's scale, and
// "normalized" values put them on 0..1 (1 is the top of the scale) so that
// cycles on different scales compare.
type Portfolio struct {
	Today      string               `json:"today,omitempty"`
	Cycles     []PortfolioSummary   `json:"cycles"`
	Owners     []PortfolioOwner     `json:"owners"`
	Plan       []PortfolioPlanGroup `json:"plan"`
	Dimensions []PortfolioDimension `json:"dimensions"`
	Skipped    []Skipped            `json:"skipped"`
}

// PortfolioSummary is one cycle's line: its weakest moment beside its mean,
// since a cycle is as good as its weakest moment.
type PortfolioSummary struct {
	File     string `json:"file"`
	Title    string `json:"title"`
	Language string `json:"language"`
	Scale    int    `json:"scale"`
	Moments  int    `json:"moments"`
	Scored   int    `json:"scored"`
	Critical int    `json:"critical"`
	// Weakest is the scored moment with the lowest performance (ties: the
	// more important, then the earlier); nil when no moment is scored.
	Weakest         *PortfolioMoment `json:"weakest"`
	MinPerformance  *float64         `json:"min_performance"`
	MeanPerformance *float64         `json:"mean_performance"`
	// MinNormalized and MeanNormalized are (score - 1) / (scale - 1).
	MinNormalized  *float64 `json:"min_normalized"`
	MeanNormalized *float64 `json:"mean_normalized"`
	OpenActions    int      `json:"open_actions"`
	Overdue        int      `json:"overdue"`
	Link           string   `json:"link,omitempty"`

	diagram []byte
}

// PortfolioMoment names a moment of a cycle of the portfolio. Cycle is
// the cycle's title, followed by its file in brackets when another cycle
// of the portfolio has the same title.
type PortfolioMoment struct {
	File        string   `json:"file"`
	Cycle       string   `json:"cycle"`
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Owner       string   `json:"owner,omitempty"`
	Performance *float64 `json:"performance,omitempty"`
}

// PortfolioOwner is an owner's count of critical moments across cycles.
// Owners are matched ignoring case and surrounding spaces; the spelling
// met first is kept.
type PortfolioOwner struct {
	Owner    string            `json:"owner"` // "" for moments without one
	Critical int               `json:"critical"`
	Moments  int               `json:"moments"`
	Cycles   int               `json:"cycles"`
	List     []PortfolioMoment `json:"critical_moments"`
}

// PortfolioPlanGroup is one owner's open actions across cycles, by due date.
type PortfolioPlanGroup struct {
	Owner   string              `json:"owner"` // "" for unassigned
	Items   []PortfolioPlanItem `json:"actions"`
	Done    int                 `json:"done"`
	Overdue int                 `json:"overdue"`
}

// PortfolioPlanItem is one open action.
type PortfolioPlanItem struct {
	Action  string          `json:"action"`
	Due     string          `json:"due,omitempty"`
	Status  string          `json:"status"`
	Overdue bool            `json:"overdue,omitempty"`
	Moment  PortfolioMoment `json:"moment"`

	due   time.Time
	order int
}

// PortfolioDimension is a SERVQUAL determinant across cycles: the mean gap
// over every moment that scores both values, each gap put on a 1..5 scale
// (gap × 4 / (scale − 1)) so that cycles on other scales add up.
type PortfolioDimension struct {
	Dimension string  `json:"dimension"`
	Average   float64 `json:"average"`
	Moments   int     `json:"moments"`
	Cycles    int     `json:"cycles"`
	Worst     float64 `json:"worst"`
}

// NewPortfolio computes the portfolio of cycles.
func NewPortfolio(cycles []PortfolioCycle, opts PortfolioOptions) *Portfolio {
	p := &Portfolio{Cycles: []PortfolioSummary{}, Owners: []PortfolioOwner{}, Plan: []PortfolioPlanGroup{}, Dimensions: []PortfolioDimension{}, Skipped: []Skipped{}}
	p.Skipped = append(p.Skipped, opts.Skipped...)
	var today time.Time
	if !opts.Today.IsZero() {
		y, m, d := opts.Today.Date()
		today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		p.Today = today.Format(dateLayout)
	}
	owners := map[string]*PortfolioOwner{}
	ownerCycles := map[string]map[string]bool{}
	groups := map[string]*PortfolioPlanGroup{}
	type dimAcc struct {
		sum    float64
		n      int
		cycles map[string]bool
		worst  float64
	}
	dims := map[string]*dimAcc{}
	order := 0
	titles := map[string]int{}
	for _, pc := range cycles {
		titles[pc.Analysis.Cycle.Title]++
	}
	for _, pc := range cycles {
		a, c := pc.Analysis, pc.Analysis.Cycle
		// the cycle as lists name it: its title, and its file when
		// another cycle has the same title (an as-is and a to-be map)
		name := c.Title
		if titles[name] > 1 {
			name += " (" + pc.File + ")"
		}
		s := PortfolioSummary{File: pc.File, Title: c.Title, Language: c.Language, Scale: c.Scale, Moments: len(a.Moments), Link: pc.Link, diagram: pc.Diagram}
		norm := func(v float64) float64 { return round3((v - 1) / float64(c.Scale-1)) }
		var sum float64
		var weakest *cycle.MomentAnalysis
		for _, m := range a.Moments {
			ref := PortfolioMoment{File: pc.File, Cycle: name, ID: m.ID, Name: m.Name, Owner: m.Owner}
			if m.Critical {
				s.Critical++
			}
			if perf := m.Performance.Float64(); perf > 0 {
				s.Scored++
				sum += perf
				if weakest == nil || perf < weakest.Performance.Float64() ||
					(perf == weakest.Performance.Float64() && m.Importance.Float64() > weakest.Importance.Float64()) {
					weakest = m
				}
			}
			key := strings.ToLower(strings.TrimSpace(m.Owner))
			o := owners[key]
			if o == nil {
				o = &PortfolioOwner{Owner: strings.TrimSpace(m.Owner), List: []PortfolioMoment{}}
				owners[key], ownerCycles[key] = o, map[string]bool{}
			}
			o.Moments++
			ownerCycles[key][pc.File] = true
			if m.Critical {
				o.Critical++
				o.List = append(o.List, ref)
			}
			for _, im := range m.Improvements {
				gk := strings.ToLower(strings.TrimSpace(im.Owner))
				g := groups[gk]
				if g == nil {
					g = &PortfolioPlanGroup{Owner: strings.TrimSpace(im.Owner), Items: []PortfolioPlanItem{}}
					groups[gk] = g
				}
				if im.Done() {
					g.Done++
					continue
				}
				s.OpenActions++
				it := PortfolioPlanItem{Action: im.Action, Status: im.Status, Moment: ref, due: im.Due, order: order}
				order++
				if im.HasDue() {
					it.Due = im.Due.Format(dateLayout)
					it.Overdue = im.Overdue(today)
				}
				if it.Overdue {
					g.Overdue++
					s.Overdue++
				}
				g.Items = append(g.Items, it)
			}
			for d, gap := range m.Gaps {
				acc := dims[d]
				if acc == nil {
					acc = &dimAcc{cycles: map[string]bool{}}
					dims[d] = acc
				}
				g := gap.Float64() * 4 / float64(c.Scale-1)
				acc.sum += g
				acc.n++
				acc.cycles[pc.File] = true
				acc.worst = math.Min(acc.worst, g)
			}
		}
		if weakest != nil {
			perf := weakest.Performance.Float64()
			s.Weakest = &PortfolioMoment{File: pc.File, Cycle: name, ID: weakest.ID, Name: weakest.Name, Owner: weakest.Owner, Performance: &perf}
			mean := round2(sum / float64(s.Scored))
			mn, mnn, men := perf, norm(perf), norm(sum/float64(s.Scored))
			s.MinPerformance, s.MeanPerformance, s.MinNormalized, s.MeanNormalized = &mn, &mean, &mnn, &men
		}
		p.Cycles = append(p.Cycles, s)
	}
	// weakest first: lowest normalised minimum, then most critical, then
	// lowest normalised mean, then title
	sort.SliceStable(p.Cycles, func(i, j int) bool {
		a, b := p.Cycles[i], p.Cycles[j]
		if (a.MinNormalized == nil) != (b.MinNormalized == nil) {
			return b.MinNormalized == nil
		}
		if a.MinNormalized != nil && *a.MinNormalized != *b.MinNormalized {
			return *a.MinNormalized < *b.MinNormalized
		}
		if a.Critical != b.Critical {
			return a.Critical > b.Critical
		}
		if a.MeanNormalized != nil && *a.MeanNormalized != *b.MeanNormalized {
			return *a.MeanNormalized < *b.MeanNormalized
		}
		return a.Title < b.Title
	})
	for k, o := range owners {
		o.Cycles = len(ownerCycles[k])
		p.Owners = append(p.Owners, *o)
	}
	// most critical moments first; unowned last; then most moments, name
	sort.Slice(p.Owners, func(i, j int) bool {
		a, b := p.Owners[i], p.Owners[j]
		if (a.Owner == "") != (b.Owner == "") {
			return b.Owner == ""
		}
		if a.Critical != b.Critical {
			return a.Critical > b.Critical
		}
		if a.Moments != b.Moments {
			return a.Moments > b.Moments
		}
		return strings.ToLower(a.Owner) < strings.ToLower(b.Owner)
	})
	for _, g := range groups {
		sort.SliceStable(g.Items, func(i, j int) bool {
			a, b := g.Items[i], g.Items[j]
			return dueBefore(a.due, b.due, a.order, b.order)
		})
		p.Plan = append(p.Plan, *g)
	}
	sort.Slice(p.Plan, func(i, j int) bool { return ownerBefore(p.Plan[i].Owner, p.Plan[j].Owner) })
	for _, d := range cycle.AllDimensions {
		if acc := dims[d]; acc != nil {
			p.Dimensions = append(p.Dimensions, PortfolioDimension{Dimension: d, Average: round2(acc.sum / float64(acc.n)), Moments: acc.n, Cycles: len(acc.cycles), Worst: round2(acc.worst)})
		}
	}
	// largest shortfall first
	sort.SliceStable(p.Dimensions, func(i, j int) bool { return p.Dimensions[i].Average < p.Dimensions[j].Average })
	return p
}

// dueBefore orders actions by due date, undated last, then by their
// order in the files.
func dueBefore(a, b time.Time, orderA, orderB int) bool {
	if a.IsZero() != b.IsZero() {
		return !a.IsZero()
	}
	if !a.Equal(b) {
		return a.Before(b)
	}
	return orderA < orderB
}

// ownerBefore orders owners alphabetically ignoring case, exact spelling
// breaking ties, and the unassigned ("") last.
func ownerBefore(a, b string) bool {
	if (a == "") != (b == "") {
		return b == ""
	}
	if la, lb := strings.ToLower(a), strings.ToLower(b); la != lb {
		return la < lb
	}
	return a < b
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// PortfolioJSON writes the portfolio as indented JSON with a final newline.
func PortfolioJSON(cycles []PortfolioCycle, opts PortfolioOptions) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(NewPortfolio(cycles, opts)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// portfolioLang is opts.Lang, else the language more than half the cycles
// use, else English.
func portfolioLang(cycles []PortfolioCycle, lang string) string {
	if lang != "" {
		return lang
	}
	count := map[string]int{}
	for _, c := range cycles {
		l := c.Analysis.Cycle.Language
		count[l]++
		if l != "" && l != "en" && count[l]*2 > len(cycles) {
			return l
		}
	}
	return "en"
}
