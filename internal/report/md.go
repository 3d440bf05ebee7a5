package report

import (
	"fmt"
	"github.com/ciclo-dev/ciclo/internal/bidi"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
)

// Markdown writes the report of an analysis as CommonMark (with GitHub
// tables): the moments and their scores, the critical moments with their
// reasons, the importance-performance quadrants, the SERVQUAL gaps per
// determinant, handoffs and the action plan by owner and due date. Text
// from the cycle file is escaped so that it shows literally.
func Markdown(a *cycle.Analysis, opts Options) []byte {
	v := newView(a, opts)
	w := &mdWriter{v: v}
	w.write()
	return []byte(w.b.String())
}

type mdWriter struct {
	v *view
	b strings.Builder
}

func (w *mdWriter) t(key string) string { return word(w.v.Lang, key) }

func (w *mdWriter) line(format string, args ...any) {
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

func (w *mdWriter) write() {
	v := w.v
	w.line("# %s", md(v.Title))
	w.line("")
	w.line("*%s*", w.t("report"))
	w.line("")
	if v.Customer != "" {
		w.line("- %s: %s", w.t("customer"), md(v.Customer))
	}
	if v.Organization != "" {
		w.line("- %s: %s", w.t("organization"), md(v.Organization))
	}
	w.line("- %s: 1–%d", w.t("scale"), v.Scale)
	if v.Today != "" {
		w.line("- %s: %s", w.t("date"), v.Today)
	}
	w.line("- %s: %s %d · %s %d · %s %d · %s %d · %s %d", w.t("summary"),
		w.t("moments_count"), len(v.Moments), w.t("critical_count"), len(v.Critical),
		w.t("handoffs_count"), len(v.Handoffs),
		w.t("open_actions"), v.OpenActions, w.t("overdue_actions"), v.Overdue)
	w.line("")
	w.moments()
	w.critical()
	w.quadrants()
	w.gaps()
	w.handoffs()
	w.plan()
	w.details()
}

// details writes every moment with every field its file gives.
func (w *mdWriter) details() {
	w.line("## %s", w.t("details"))
	w.line("")
	for _, m := range w.v.Moments {
		w.line("### %d. %s", m.Number, md(m.Name))
		w.line("")
		if len(m.Details) == 0 {
			w.line("%s", w.t("none"))
			w.line("")
			continue
		}
		for _, d := range m.Details {
			if d.URL {
				w.line("- **%s:** <%s>", d.Label, mdURL(d.Values[0]))
				continue
			}
			if len(d.Values) == 1 {
				w.line("- **%s:** %s", d.Label, md(d.Values[0]))
				continue
			}
			w.line("- **%s:**", d.Label)
			for _, x := range d.Values {
				w.line("  - %s", md(x))
			}
		}
		w.line("")
	}
}

func (w *mdWriter) moments() {
	v := w.v
	w.line("## %s", w.t("moments"))
	w.line("")
	// the ratings column only when some moment gives its sample
	sampleHead, sampleRule := "", ""
	if v.Sampled() {
		sampleHead, sampleRule = " "+w.t("sample")+" |", " ---: |"
	}
	w.line("| # | %s | %s | %s | %s | %s |%s %s | %s |", w.t("moment"), w.t("owner"), w.t("channel"),
		w.t("importance"), w.t("performance"), sampleHead, w.t("quadrant"), w.t("critical"))
	w.line("| ---: | --- | --- | --- | ---: | ---: |%s --- | --- |", sampleRule)
	for _, m := range v.Moments {
		crit := ""
		if m.Critical {
			crit = "**" + w.t("yes") + "**"
		}
		q := m.QuadrantW
		if q == "" {
			q = w.t("none")
		}
		sample := ""
		if v.Sampled() {
			sample = " " + w.t("none") + " |"
			if m.Sample > 0 {
				sample = fmt.Sprintf(" %d |", m.Sample)
			}
		}
		w.line("| %d | %s | %s | %s | %s | %s |%s %s | %s |", m.Number, md(m.Name), orNone(w, md(m.Owner)),
			orNone(w, md(m.Channel)), v.score(m.Importance), v.score(m.Performance), sample, q, crit)
	}
	w.line("")
}

func orNone(w *mdWriter, s string) string {
	if s == "" {
		return w.t("none")
	}
	return s
}

func (w *mdWriter) critical() {
	v := w.v
	w.line("## %s", w.t("critical_moments"))
	w.line("")
	if len(v.Critical) == 0 {
		w.line("%s", w.t("no_critical"))
		w.line("")
		return
	}
	for _, m := range v.Critical {
		w.line("### %d. %s", m.Number, md(m.Name))
		w.line("")
		// Details as one paragraph with hard line breaks (a trailing
		// backslash), so they do not merge with the list of reasons.
		var details []string
		if m.Owner != "" {
			details = append(details, fmt.Sprintf("**%s:** %s", w.t("owner"), md(m.Owner)))
		}
		if m.Expectation != "" {
			details = append(details, fmt.Sprintf("**%s:** %s", w.t("expectation"), md(m.Expectation)))
		}
		if m.Standard != "" {
			details = append(details, fmt.Sprintf("**%s:** %s", w.t("standard"), md(m.Standard)))
		} else {
			details = append(details, fmt.Sprintf("**%s:** *%s*", w.t("standard"), w.t("no_standard")))
		}
		if len(m.Pains) > 0 {
			ps := make([]string, len(m.Pains))
			for i, p := range m.Pains {
				ps[i] = md(p)
			}
			details = append(details, fmt.Sprintf("**%s:** %s", w.t("pains"), strings.Join(ps, "; ")))
		}
		if m.URL != "" {
			details = append(details, fmt.Sprintf("**%s:** <%s>", w.t("link"), mdURL(m.URL)))
		}
		w.line("%s", strings.Join(details, "\\\n"))
		w.line("")
		if len(m.Reasons) > 0 {
			w.line("**%s:**", w.t("reasons"))
			w.line("")
			for _, r := range m.Reasons {
				w.line("- %s", md(r))
			}
			w.line("")
		}
	}
}

func (w *mdWriter) quadrants() {
	v := w.v
	w.line("## %s", w.t("ipa"))
	w.line("")
	w.line("%s", v.IPANote)
	w.line("")
	for _, q := range v.Quadrants {
		if len(q.Moments) == 0 {
			continue
		}
		w.line("### %s", q.Label)
		w.line("")
		for _, m := range q.Moments {
			if q.Key == "unscored" {
				w.line("- %d\\. %s", m.Number, md(m.Name))
				continue
			}
			sample := ""
			if m.Sample > 0 {
				sample = ", " + cycle.Ratings(m.Sample, v.Lang)
			}
			w.line("- %d\\. %s (%s %s, %s %s%s)", m.Number, md(m.Name),
				strings.ToLower(w.t("importance")), m.Importance,
				strings.ToLower(w.t("performance")), m.Performance, sample)
		}
		w.line("")
	}
}

// section writes a heading and, when the section has no items, the
// words saying so (reporting false) or else its note (reporting true).
func (w *mdWriter) section(heading, empty, note string, n int) bool {
	w.line("## %s", w.t(heading))
	w.line("")
	if n == 0 {
		w.line("%s", w.t(empty))
		w.line("")
		return false
	}
	w.line("%s", w.t(note))
	w.line("")
	return true
}

func (w *mdWriter) gaps() {
	v := w.v
	if !w.section("servqual", "no_gaps", "servqual_note", len(v.Dimensions)) {
		return
	}
	w.line("| %s | %s | %s |", w.v.DimHead, w.t("average_gap"), w.t("by_moment"))
	w.line("| --- | ---: | --- |")
	for _, d := range v.Dimensions {
		var parts []string
		for _, g := range d.Gaps {
			parts = append(parts, fmt.Sprintf("%d. %s %s", g.Moment.Number, md(g.Moment.Name), formatGap(g.Gap)))
		}
		w.line("| %s | %s | %s |", d.Label, formatAvg(d.Average), strings.Join(parts, "; "))
	}
	w.line("")
}

func (w *mdWriter) handoffs() {
	v := w.v
	if !w.section("handoffs", "no_handoffs", "handoffs_note", len(v.Handoffs)) {
		return
	}
	for _, h := range v.Handoffs {
		w.line("- %d\\. %s (%s) → %d. %s (%s), %s", h.From.Number, md(h.From.Name), md(h.From.Owner),
			h.To.Number, md(h.To.Name), md(h.To.Owner), md(h.Channel))
	}
	w.line("")
}

func (w *mdWriter) plan() {
	v := w.v
	w.line("## %s", w.t("plan"))
	w.line("")
	if len(v.Plan) == 0 {
		w.line("%s", w.t("no_plan"))
		w.line("")
		return
	}
	if v.Today != "" {
		w.line(w.t("plan_note"), v.Today)
		w.line("")
	}
	for _, g := range v.Plan {
		w.line("### %s", md(g.Label))
		w.line("")
		w.line("| %s | %s | %s | %s | %s |", w.t("due"), w.t("action"), w.t("moment"), w.t("pillar"), w.t("status"))
		w.line("| --- | --- | --- | --- | --- |")
		for _, it := range g.Items {
			due := it.Due
			if due == "" {
				due = "*" + w.t("undated") + "*"
			}
			if it.Overdue {
				due += " **" + w.t("overdue") + "**"
			}
			pillar := it.PillarW
			if pillar == "" {
				pillar = w.t("none")
			}
			w.line("| %s | %s | %d. %s | %s | %s |", due, md(it.Action), it.Moment.Number, md(it.Moment.Name), pillar, it.StatusW)
		}
		w.line("")
	}
}

// mdURL writes a link destination inside <...>: the parser allows only
// http and https URLs; spaces, angle brackets and backslashes are
// percent-encoded so the autolink cannot be broken.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E", "\\", "%5C").Replace(u)
}

// mdSpecial are the characters escaped in text from the file: every one
// that can start inline markup, a table cell boundary or an HTML tag or
// entity.
const mdSpecial = "\\`*_[]<>|~&#!"

// md escapes text from the cycle file for Markdown: special characters
// get a backslash and line breaks become spaces, so the text shows
// literally and stays on its line (or table row).
func md(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case bidi.Is(r):
			// left out: it would make the text display in another order
		case r < 0x80 && strings.ContainsRune(mdSpecial, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
