package report

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/ciclo-dev/ciclo/cycle"
)

//go:embed portfolio.html.tmpl
var portfolioSource string

// baseCSS is the single-cycle report's style sheet, which the portfolio
// page shares so that both look alike.
var baseCSS = func() string {
	_, rest, _ := strings.Cut(htmlSource, "<style>")
	css, _, _ := strings.Cut(rest, "</style>")
	return css
}()

var portfolioTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("portfolio").Funcs(template.FuncMap{
		"t":        func(string) string { return "" },
		"status":   func(string) string { return "" },
		"dim":      func(string) string { return "" },
		"avg":      formatAvg,
		"neg":      func(f float64) bool { return f < 0 },
		"inc":      func(i int) int { return i + 1 },
		"num":      func(p *float64) string { return num(*p) },
		"rangebar": rangeBar,
		"withDate": withDate,
		"crit":     func(int) string { return "" },
	}).Parse(portfolioSource))
}) // parsed on first use, not at every start of ciclo

// portfolioData is what the portfolio template sees.
type portfolioData struct {
	*Portfolio
	Lang                             string
	BaseCSS                          template.CSS
	TodayW                           string
	Moments, Critical, Open, Overdue int
	Thumbs                           []thumb
	// Calm are the owners without a critical moment, named in one line.
	Calm []PortfolioOwner
}

// thumb is one cycle's small diagram.
type thumb struct {
	Title, File, Caption, Link string
	Src                        template.URL
	Critical                   int
}

// PortfolioHTML writes the portfolio as one self-contained page: the
// Markdown portfolio's sections, each cycle's lowest and mean performance
// drawn on its scale, and each cycle's diagram small (an image, so the
// diagrams' ids and styles cannot clash), linked to Link when given.
func PortfolioHTML(cycles []PortfolioCycle, opts PortfolioOptions) ([]byte, error) {
	lang := portfolioLang(cycles, opts.Lang)
	p := NewPortfolio(cycles, opts)
	d := &portfolioData{Portfolio: p, Lang: lang, BaseCSS: template.CSS(baseCSS), TodayW: p.Today}
	if d.TodayW == "" {
		d.TodayW = word(lang, "none")
	}
	for _, o := range p.Owners {
		if o.Critical == 0 {
			d.Calm = append(d.Calm, o)
		}
	}
	for _, c := range p.Cycles {
		d.Moments += c.Moments
		d.Critical += c.Critical
		d.Open += c.OpenActions
		d.Overdue += c.Overdue
		if len(c.diagram) == 0 {
			continue
		}
		svg, err := diagramSVG(c.diagram)
		if err != nil {
			return nil, fmt.Errorf("diagram of %s: %w", c.File, err)
		}
		caption := ""
		if c.Weakest != nil {
			caption = fmt.Sprintf("%s %s/%d · %s %s/%d", pword(lang, "lowest"), num(*c.MinPerformance), c.Scale, pword(lang, "mean"), num(*c.MeanPerformance), c.Scale)
		}
		d.Thumbs = append(d.Thumbs, thumb{
			Title: c.Title, File: c.File, Caption: caption, Link: c.Link, Critical: c.Critical,
			Src: template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg)),
		})
	}
	t, err := portfolioTemplate().Clone()
	if err != nil {
		return nil, err
	}
	t.Funcs(template.FuncMap{
		"t":      func(k string) string { return pword(lang, k) },
		"status": func(s string) string { return word(lang, s) },
		"dim":    func(s string) string { return cycle.DimensionName(s, lang) },
		"crit": func(n int) string {
			if n == 1 {
				return "1 " + pword(lang, "critical_one")
			}
			return fmt.Sprintf("%d %s", n, pword(lang, "critical_count"))
		},
	})
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return nil, fmt.Errorf("html template: %w", err)
	}
	return buf.Bytes(), nil
}

// rangeBar draws a cycle's lowest and mean performance on a track that
// spans its scale: the distance between the dots is how far the weakest
// moment falls below the rest.
func rangeBar(c PortfolioSummary) template.HTML {
	if c.MinNormalized == nil {
		return ""
	}
	lo, mean := *c.MinNormalized*100, *c.MeanNormalized*100
	return template.HTML(fmt.Sprintf(`<span class="range" role="img" aria-label="%s/%d – %s/%d"><span class="span" style="left:%.1f%%;width:%.1f%%"></span><span class="min" style="left:%.1f%%"></span><span class="mean" style="left:%.1f%%"></span></span>`,
		num(*c.MinPerformance), c.Scale, num(*c.MeanPerformance), c.Scale, lo, mean-lo, lo, mean))
}
