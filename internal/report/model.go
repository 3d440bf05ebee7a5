package report

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
)

// Options control the human-readable reports (Markdown and HTML).
type Options struct {
	// Lang is the language of fixed words, "en" or "es"; "" means the
	// cycle's own language.
	Lang string
	// Today is the date overdue actions are judged against: an action
	// not done whose due date is before Today is overdue. The zero time
	// marks nothing overdue. Only the calendar date counts.
	Today time.Time
}

// dateLayout is how dates are written: YYYY-MM-DD.
const dateLayout = "2006-01-02"

// view is what the Markdown and HTML reports show, computed once.
type view struct {
	Lang         string
	Title        string
	Customer     string
	Organization string
	Today        string // "" when no date was given
	Scale        int
	Mid          string // the quadrant midpoint, as written
	DimHead      string // "Determinant" (ten-determinant model) or "Dimension" (five), in words
	Split        cycle.Split
	IPANote      string // which split the quadrants use, in words
	Thresholds   cycle.Thresholds
	Moments      []*momentView
	Critical     []*momentView
	Quadrants    []quadrantView // the four quadrants in fixed order, then unscored
	Dimensions   []dimensionView
	Handoffs     []handoffView
	Plan         []*ownerGroup
	OpenActions  int
	Overdue      int
}

type momentView struct {
	Number      int
	ID          string
	Name        string
	Description string
	Owner       string
	Channel     string
	Stage       string
	Expectation string
	Standard    string
	URL         string
	Importance  cycle.Decimal // zero when unset
	Performance cycle.Decimal // zero when unset
	Sample      int           // ratings behind the scores, 0 when unknown
	Critical    bool
	Reasons     []string
	Quadrant    cycle.Quadrant
	QuadrantW   string // the quadrant in words, "" when unscored
	Pains       []string
	// Details lists every field the file gives the moment, for the
	// per-moment section: one row a field, empty fields left out.
	Details []detailRow
}

// detailRow is one field of a moment in the per-moment section.
type detailRow struct {
	Label  string
	Values []string // one for a text, several for a list
	URL    bool     // the value is a link
}

type quadrantView struct {
	Key     string // a cycle.Quadrant, or "unscored"
	Label   string
	Moments []*momentView
}

type dimensionView struct {
	Key     string
	Label   string
	Average float64
	Gaps    []momentGap // moments scoring both values, file order
}

type momentGap struct {
	Moment *momentView
	Gap    cycle.Decimal
}

type handoffView struct {
	From, To *momentView
	Channel  string
}

type ownerGroup struct {
	Owner      string // "" for unassigned
	Label      string
	Items      []*planItem
	Overdue    int
	OpenAction int
}

type planItem struct {
	Action  string
	Owner   string
	Due     string // "" when undated
	Overdue bool
	Status  string // key: planned, doing, done
	StatusW string
	Pillar  string // key, "" when unset
	PillarW string
	Moment  *momentView
	due     time.Time
	order   int // position in the file, for stable ordering
}

// newView computes the report view of an analysis.
func newView(a *cycle.Analysis, opts Options) *view {
	c := a.Cycle
	lang := opts.Lang
	if lang == "" {
		lang = c.Language
	}
	if lang == "" {
		lang = "en"
	}
	v := &view{
		Lang: lang, Title: c.Title, Customer: c.Customer, Organization: c.Organization,
		Scale: c.Scale, Thresholds: c.Thresholds, Mid: formatMid(c.Scale),
		Split: a.Split, DimHead: word(lang, "determinant"),
	}
	if c.Servqual == 5 {
		v.DimHead = word(lang, "dimension")
	}
	if a.Split.Rule == "mean" {
		v.IPANote = fmt.Sprintf(word(lang, "ipa_note_mean"), formatSplit(a.Split.Importance), formatSplit(a.Split.Performance))
	} else {
		v.IPANote = fmt.Sprintf(word(lang, "ipa_note"), "("+v.Mid+")")
	}
	var today time.Time
	if !opts.Today.IsZero() {
		y, m, d := opts.Today.Date()
		today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		v.Today = today.Format(dateLayout)
	}

	byID := map[string]*momentView{}
	for _, m := range a.Moments {
		mv := &momentView{
			Number: m.Number(), ID: m.ID, Name: m.Name, Description: m.Description,
			Owner: m.Owner, Channel: m.Channel, Stage: m.Stage,
			Expectation: m.Expectation, Standard: m.Standard, URL: m.URL,
			Importance: m.Importance, Performance: m.Performance, Sample: m.Sample,
			Critical: m.Critical, Quadrant: m.Quadrant,
			QuadrantW: quadrantWord(lang, m.Quadrant), Pains: m.Pains,
		}
		for _, r := range m.Reasons {
			mv.Reasons = append(mv.Reasons, r.Text(lang))
		}
		mv.Details = details(m.Moment, lang)
		v.Moments = append(v.Moments, mv)
		byID[m.ID] = mv
		if m.Critical {
			v.Critical = append(v.Critical, mv)
		}
	}

	for _, q := range []cycle.Quadrant{cycle.ConcentrateHere, cycle.KeepUp, cycle.LowPriority, cycle.PossibleOverkill, cycle.None} {
		qv := quadrantView{Key: string(q), Label: quadrantWord(lang, q)}
		if q == cycle.None {
			qv.Key, qv.Label = "unscored", word(lang, "unscored")
		}
		for _, mv := range v.Moments {
			if mv.Quadrant == q {
				qv.Moments = append(qv.Moments, mv)
			}
		}
		v.Quadrants = append(v.Quadrants, qv)
	}

	for _, d := range cycle.SortedDimensions(a.DimensionGaps) {
		dv := dimensionView{Key: d, Label: cycle.DimensionName(d, lang), Average: a.DimensionGaps[d]}
		for _, m := range a.Moments {
			if g, ok := m.Gaps[d]; ok {
				dv.Gaps = append(dv.Gaps, momentGap{Moment: byID[m.ID], Gap: g})
			}
		}
		v.Dimensions = append(v.Dimensions, dv)
	}

	for _, e := range a.Handoffs {
		v.Handoffs = append(v.Handoffs, handoffView{From: byID[e.From.ID], To: byID[e.To.ID], Channel: e.From.Channel})
	}

	v.Plan = plan(a, byID, lang, today)
	for _, g := range v.Plan {
		v.OpenActions += g.OpenAction
		v.Overdue += g.Overdue
	}
	return v
}

// plan groups the improvements by owner (alphabetically, unassigned last)
// and orders each group by due date, undated last, then by position in
// the file.
func plan(a *cycle.Analysis, byID map[string]*momentView, lang string, today time.Time) []*ownerGroup {
	groups := map[string]*ownerGroup{}
	order := 0
	for _, m := range a.Moments {
		for _, im := range m.Improvements {
			it := &planItem{
				Action: im.Action, Owner: im.Owner, Status: im.Status,
				StatusW: word(lang, im.Status), Pillar: im.Pillar,
				PillarW: pillarWord(lang, im.Pillar), Moment: byID[m.ID],
				due: im.Due, order: order,
			}
			order++
			if im.HasDue() {
				it.Due = im.Due.Format(dateLayout)
				it.Overdue = im.Overdue(today)
			}
			g := groups[im.Owner]
			if g == nil {
				g = &ownerGroup{Owner: im.Owner, Label: im.Owner}
				if im.Owner == "" {
					g.Label = word(lang, "unassigned")
				}
				groups[im.Owner] = g
			}
			g.Items = append(g.Items, it)
			if !im.Done() {
				g.OpenAction++
			}
			if it.Overdue {
				g.Overdue++
			}
		}
	}
	out := make([]*ownerGroup, 0, len(groups))
	for _, g := range groups {
		sort.SliceStable(g.Items, func(i, j int) bool {
			a, b := g.Items[i], g.Items[j]
			return dueBefore(a.due, b.due, a.order, b.order)
		})
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return ownerBefore(out[i].Owner, out[j].Owner) })
	return out
}

// details lists the fields of a moment for the per-moment section, in the
// order of docs/format.md, leaving out those the file does not give.
func details(m *cycle.Moment, lang string) []detailRow {
	var out []detailRow
	text := func(key, value string) {
		if value != "" {
			out = append(out, detailRow{Label: word(lang, key), Values: []string{value}})
		}
	}
	list := func(key string, values []string) {
		if len(values) > 0 {
			out = append(out, detailRow{Label: word(lang, key), Values: values})
		}
	}
	text("description", m.Description)
	text("stage", m.Stage)
	text("channel", m.Channel)
	text("owner", m.Owner)
	text("expectation", m.Expectation)
	text("standard", m.Standard)
	list("pains", m.Pains)
	var dims []string
	for _, d := range cycle.SortedDimensions(m.Dimensions) {
		sc := m.Dimensions[d]
		if sc.HasGap() {
			dims = append(dims, fmt.Sprintf(word(lang, "dimension_gap"), cycle.DimensionName(d, lang), sc.Expected, sc.Perceived, formatGap(sc.Gap())))
		} else {
			dims = append(dims, fmt.Sprintf(word(lang, "dimension_perceived"), cycle.DimensionName(d, lang), sc.Perceived))
		}
	}
	list("dimensions", dims)
	list("evidence", m.Evidence)
	list("backstage", m.Backstage)
	list("support", m.Support)
	if m.URL != "" {
		out = append(out, detailRow{Label: word(lang, "link"), Values: []string{m.URL}, URL: true})
	}
	return out
}

// formatSplit writes a quadrant split with at most two decimals: "4",
// "3.5", "4.33".
func formatSplit(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

// formatMid writes the quadrant midpoint (1 + scale) / 2: "3" or "3.5".
func formatMid(scale int) string {
	if (1+scale)%2 == 0 {
		return fmt.Sprint((1 + scale) / 2)
	}
	return fmt.Sprintf("%d.5", (1+scale)/2)
}

// score writes a score exactly ("4", "3.83"), or the none word when unset.
func (v *view) score(s cycle.Decimal) string {
	if s.IsZero() {
		return word(v.Lang, "none")
	}
	return s.String()
}

// Sampled reports whether any moment says how many ratings its scores
// rest on; the reports then show a column of them.
func (v *view) Sampled() bool {
	for _, m := range v.Moments {
		if m.Sample > 0 {
			return true
		}
	}
	return false
}

// gap writes a gap exactly, with its sign: "−2", "+1", "−1.25", "0".
func formatGap(g cycle.Decimal) string {
	switch g.Cmp(cycle.Decimal{}) {
	case -1:
		return "−" + cycle.Decimal{}.Sub(g).String()
	case 1:
		return "+" + g.String()
	}
	return "0"
}

// formatAvg writes an average gap with two decimals and its sign.
func formatAvg(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	switch {
	case s == "-0.00" || s == "0.00":
		return "0.00"
	case strings.HasPrefix(s, "-"):
		return "−" + s[1:]
	}
	return "+" + s
}
