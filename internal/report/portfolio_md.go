package report

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
)

// PortfolioMarkdown writes the portfolio as CommonMark with GitHub tables:
// the cycles weakest first (lowest performance beside the mean, critical
// count, a link to each diagram), owners ranked by critical moments, the
// open actions of every cycle by owner and due date, the SERVQUAL gaps
// across cycles, and the inputs left out.
func PortfolioMarkdown(cycles []PortfolioCycle, opts PortfolioOptions) []byte {
	lang := portfolioLang(cycles, opts.Lang)
	p := NewPortfolio(cycles, opts)
	t := func(k string) string { return pword(lang, k) }
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("# %s", t("portfolio"))
	line("")
	sum := fmt.Sprintf("%d %s", len(p.Cycles), t("cycles_count"))
	if p.Today != "" {
		sum += fmt.Sprintf(" · %s: %s", t("date"), p.Today)
	}
	line("*%s*", sum)
	line("")

	line("## %s", t("ranking"))
	line("")
	line("%s", t("ranking_note"))
	line("")
	line("| # | %s | %s | %s | %s | %s | %s | %s | %s |", t("cycle"), t("weakest"), t("lowest"), t("mean"), t("col_critical"), t("col_moments"), t("col_open"), t("col_overdue"))
	line("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
	for i, c := range p.Cycles {
		title := pmd(c.Title)
		if c.Link != "" {
			title = fmt.Sprintf("[%s](%s)", title, pmdURL(c.Link))
		}
		title += " <br>" + pmdCode(c.File)
		weak, low, mean := t("no_scores"), t("none"), t("none")
		if c.Weakest != nil {
			weak = pmd(c.Weakest.Name)
			if c.Weakest.Owner != "" {
				weak += " (" + pmd(c.Weakest.Owner) + ")"
			}
			low = fmt.Sprintf("%s/%d", num(*c.MinPerformance), c.Scale)
			mean = fmt.Sprintf("%s/%d", num(*c.MeanPerformance), c.Scale)
		}
		line("| %d | %s | %s | %s | %s | %d | %d | %d | %d |", i+1, title, weak, low, mean, c.Critical, c.Moments, c.OpenActions, c.Overdue)
	}
	line("")

	line("## %s", t("owners"))
	line("")
	line("%s", t("owners_note"))
	line("")
	line("| %s | %s | %s | %s | %s |", t("owner"), t("critical_moments_n"), t("moments_owned"), t("col_cycles"), t("where"))
	line("| --- | ---: | ---: | ---: | --- |")
	var calm []string
	for _, o := range p.Owners {
		name := pmd(o.Owner)
		if o.Owner == "" {
			name = "*" + t("unassigned") + "*"
		}
		if o.Critical == 0 {
			calm = append(calm, fmt.Sprintf("%s (%d)", name, o.Moments))
			continue
		}
		var where []string
		for _, m := range o.List {
			where = append(where, pmd(m.Cycle)+": "+pmd(m.Name))
		}
		line("| %s | %d | %d | %d | %s |", name, o.Critical, o.Moments, o.Cycles, strings.Join(where, "; "))
	}
	if len(calm) > 0 {
		line("")
		line("**%s** %s", t("calm_owners"), strings.Join(calm, " · "))
	}
	line("")

	line("## %s", t("plan_all"))
	line("")
	today := p.Today
	if today == "" {
		today = t("none")
	}
	line(t("plan_all_note"), today)
	if len(p.Plan) == 0 {
		line("")
		line("%s", t("no_plan"))
	}
	for _, g := range p.Plan {
		name := pmd(g.Owner)
		if g.Owner == "" {
			name = t("unassigned")
		}
		line("")
		line("### %s", name)
		line("")
		line("%d %s · %d %s · %d %s", len(g.Items), t("open_n"), g.Overdue, t("overdue_actions"), g.Done, t("done_count"))
		if len(g.Items) == 0 {
			continue
		}
		line("")
		line("| %s | %s | %s | %s | %s |", t("due"), t("action"), t("cycle"), t("moment"), t("status"))
		line("| --- | --- | --- | --- | --- |")
		for _, it := range g.Items {
			due := it.Due
			if due == "" {
				due = t("undated")
			}
			if it.Overdue {
				due += " **" + t("overdue") + "**"
			}
			line("| %s | %s | %s | %s | %s |", due, pmd(it.Action), pmd(it.Moment.Cycle), pmd(it.Moment.Name), word(lang, it.Status))
		}
	}
	line("")

	line("## %s", t("servqual_all"))
	line("")
	line("%s", t("servqual_all_note"))
	line("")
	if len(p.Dimensions) == 0 {
		line("%s", t("no_gaps"))
	} else {
		line("| %s | %s | %s | %s | %s |", t("determinant"), t("average_gap"), t("worst"), t("col_moments"), t("col_cycles"))
		line("| --- | ---: | ---: | ---: | ---: |")
		for _, d := range p.Dimensions {
			line("| %s | %s | %s | %d | %d |", pmd(cycle.DimensionName(d.Dimension, lang)), formatAvg(d.Average), formatAvg(d.Worst), d.Moments, d.Cycles)
		}
	}
	if len(p.Skipped) > 0 {
		line("")
		line("## %s", t("skipped"))
		line("")
		line("%s", t("skipped_note"))
		line("")
		for _, s := range p.Skipped {
			line("- %s: %s", pmdCode(s.File), pmd(s.Reason))
		}
	}
	return []byte(b.String())
}

// num writes a score or a mean for people as the reports do: whole
// numbers bare, others with one decimal (the JSON keeps two).
func num(v float64) string { return cycle.DecimalOf(v).Short() }

// pmd escapes text from a cycle file for the portfolio's Markdown as md
// does, and also keeps GitHub from acting on it: a word joiner (U+2060,
// invisible) after # and @ so that "#12" links no issue and "@team"
// pings no one, and after a URL's scheme or "www" so that it links
// nowhere; $ would start a math formula.
func pmd(s string) string {
	s = pmdReference.ReplaceAllString(md(s), "$1\u2060$2")
	s = pmdAutolink.ReplaceAllString(s, "$1\u2060$2")
	return strings.ReplaceAll(s, "$", `\$`)
}

var (
	pmdReference = regexp.MustCompile(`([#@])([0-9A-Za-z])`)
	pmdAutolink  = regexp.MustCompile(`(?i)\b(https?|ftp|www)([:.])`)
)

// pmdURL writes a link's target: also ( ) [ ] | encoded, so a file name
// cannot end the link early and start another.
func pmdURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", "[", "%5B", "]", "%5D", "|", "%7C").Replace(mdURL(u))
}

// pmdCode writes a file name as inline code inside a table row: no
// backquote, no line break, and | escaped (GitHub splits cells on it even
// in code).
func pmdCode(s string) string {
	return "`" + strings.NewReplacer("`", "'", "|", `\|`, "\n", " ", "\r", " ").Replace(s) + "`"
}
