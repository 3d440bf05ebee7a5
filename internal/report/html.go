package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"github.com/ciclo-dev/ciclo/internal/bidi"
	"html/template"
	"io"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"github.com/ciclo-dev/ciclo/cycle"
)

// HTMLOptions control the HTML report.
type HTMLOptions struct {
	Options
	// Diagram is the cycle diagram as an SVG document, shown at the top
	// of the report; nil leaves it out. Whatever precedes the root svg
	// element (XML prolog, doctype, comments) is dropped.
	Diagram []byte
	// Journey and Blueprint are the journey curve and the service
	// blueprint, one SVG document (checked like Diagram) for each page
	// they take on the report's paper, shown after the cycle diagram; nil
	// leaves each out. Their ids are prefixed "journey-" and "blueprint-"
	// (then "journey-2-", … on further pages) so that they stay unique in
	// the page.
	Journey, Blueprint [][]byte
	// PrintPage is the paper the diagrams are laid out for, in points
	// (width, height): printed, each then takes a page of that size of
	// its own with no margin, so that it prints at its real size (its
	// own margins inside it), names at the size they were laid out at.
	// Zero for diagrams sized to their content, which print within the
	// report's margins, shrunk to fit.
	PrintPage [2]float64
	// ViewsPaged: Journey and Blueprint are laid out on PrintPage too
	// (else each is one picture sized to its content)
	ViewsPaged bool
}

//go:embed report.html.tmpl
var htmlSource string

var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		// The real word lookup needs the language; it is bound per call.
		"t":   func(string) string { return "" },
		"gap": formatGap,
		"avg": formatAvg,
		"neg": func(f float64) bool { return f < 0 },
		"svg": func(s string) template.HTML { return template.HTML(s) },
		// withDate fills the %s of a sentence with a date the line may
		// not break in (a browser breaks after its hyphens: "2026-12-" on
		// one page, "01." on the next)
		"withDate": withDate,
	}).Parse(htmlSource))
}) // parsed on first use, not at every start of ciclo

// htmlData is what the template sees.
type htmlData struct {
	*view
	Diagram string // inline SVG, trusted: produced by ciclo
	// Journey and Blueprint: inline SVG of the other views' pages.
	Journey, Blueprint []string
	IPA                string
	Gaps               string
	Curve              string
	// PrintW and PrintH are HTMLOptions.PrintPage (0 for none), and
	// ViewsPaged HTMLOptions.ViewsPaged when PrintPage is set
	PrintW, PrintH float64
	ViewsPaged     bool
}

// HTML writes the report of an analysis as one self-contained HTML page:
// no external style sheets, scripts, fonts or images; the charts
// (importance-performance matrix, performance along the cycle, SERVQUAL
// gaps) and the optional cycle diagram are inline SVG. Text from the
// cycle file is escaped. The same input gives the same bytes.
func HTML(a *cycle.Analysis, opts HTMLOptions) ([]byte, error) {
	v := newView(a, opts.Options)
	d := &htmlData{view: v, PrintW: opts.PrintPage[0], PrintH: opts.PrintPage[1]}
	d.ViewsPaged = opts.ViewsPaged && d.PrintW > 0
	if len(opts.Diagram) > 0 {
		diagram, err := diagramSVG(opts.Diagram)
		if err != nil {
			return nil, err
		}
		d.Diagram = inlineSVG(diagram, "cycle-diagram", "diagram", v.Title)
	}
	for _, x := range []struct {
		src  [][]byte
		dst  *[]string
		name string
	}{{opts.Journey, &d.Journey, "journey"}, {opts.Blueprint, &d.Blueprint, "blueprint"}} {
		for i, page := range x.src {
			svg, err := diagramSVG(page)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", x.name, err)
			}
			prefix, id := x.name+"-", x.name+"-diagram"
			if i > 0 {
				prefix, id = fmt.Sprintf("%s-%d-", x.name, i+1), fmt.Sprintf("%s-diagram-%d", x.name, i+1)
			}
			*x.dst = append(*x.dst, inlineSVG(prefixIDs(svg, prefix), id, "diagram", word(v.Lang, "diagram_"+x.name)))
		}
	}
	ipa, err := ipaChart(v)
	if err != nil {
		return nil, fmt.Errorf("importance-performance chart: %w", err)
	}
	d.IPA = inlineSVG(ipa, "chart-ipa", "chart", word(v.Lang, "ipa"))
	curve, err := curveChart(v)
	if err != nil {
		return nil, fmt.Errorf("performance chart: %w", err)
	}
	d.Curve = inlineSVG(curve, "chart-curve", "chart", word(v.Lang, "curve"))
	gaps, err := gapChart(v)
	if err != nil {
		return nil, fmt.Errorf("servqual chart: %w", err)
	}
	if gaps != nil {
		d.Gaps = inlineSVG(gaps, "chart-servqual", "chart", word(v.Lang, "servqual"))
	}

	t, err := htmlTemplate().Clone()
	if err != nil {
		return nil, fmt.Errorf("html template: %w", err)
	}
	t.Funcs(template.FuncMap{"t": func(key string) string { return word(v.Lang, key) }})
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return nil, fmt.Errorf("html template: %w", err)
	}
	// No text may display in another order than it is written.
	return bidi.StripBytes(buf.Bytes()), nil
}

// withDate is format, escaped, with its one %s replaced by date in a
// span that keeps it on one line (class nowrap).
func withDate(format, date string) template.HTML {
	before, after, ok := strings.Cut(format, "%s")
	if !ok {
		return template.HTML(template.HTMLEscapeString(format))
	}
	return template.HTML(template.HTMLEscapeString(before) + `<span class="nowrap">` + template.HTMLEscapeString(date) + `</span>` + template.HTMLEscapeString(after))
}

// diagramSVG checks a diagram before it is inlined: it must contain an
// svg element and nothing that could run or fetch anything: no scripts,
// foreign content, frames or event handlers; links (href) only on <a>
// elements and only to http, https or fragments; other references only to
// fragments or data; no @import or remote url() in styles.
func diagramSVG(data []byte) ([]byte, error) {
	if !bytes.Contains(data, []byte("<svg")) {
		return nil, fmt.Errorf("diagram is not an svg document")
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	inStyle := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return data, nil
			}
			return nil, fmt.Errorf("reading diagram: %w", z.Err())
		case html.TextToken:
			if inStyle {
				if err := checkCSS(string(z.Text())); err != nil {
					return nil, err
				}
			}
		case html.EndTagToken:
			inStyle = false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			name := strings.ToLower(tok.Data)
			switch name {
			case "script", "foreignobject", "iframe", "object", "embed", "link", "meta", "base":
				return nil, fmt.Errorf("diagram contains a <%s> element", tok.Data)
			}
			inStyle = name == "style"
			for _, at := range tok.Attr {
				key := strings.ToLower(at.Key)
				if at.Namespace != "" {
					key = strings.ToLower(at.Namespace) + ":" + key
				}
				val := strings.TrimSpace(strings.ToLower(at.Val))
				switch {
				case strings.HasPrefix(key, "on"):
					return nil, fmt.Errorf("diagram contains an event handler %q", at.Key)
				case key == "href" || strings.HasSuffix(key, ":href") || key == "src":
					local := strings.HasPrefix(val, "#")
					web := strings.HasPrefix(val, "http://") || strings.HasPrefix(val, "https://")
					if !local && !(web && name == "a" && key != "src") {
						return nil, fmt.Errorf("diagram links to %q from <%s>", at.Val, tok.Data)
					}
				case key == "style":
					if err := checkCSS(val); err != nil {
						return nil, err
					}
				}
			}
		}
	}
}

// checkCSS refuses styles that fetch: @import and url() other than
// fragments and data.
func checkCSS(css string) error {
	css = strings.ToLower(css)
	if strings.Contains(css, "@import") {
		return fmt.Errorf("diagram style contains @import")
	}
	for rest := css; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return nil
		}
		rest = rest[i+4:]
		arg := strings.TrimLeft(rest, " \t\n'\"")
		if !strings.HasPrefix(arg, "#") && !strings.HasPrefix(arg, "data:") {
			return fmt.Errorf("diagram style fetches url(%s", strings.SplitN(rest, ")", 2)[0])
		}
	}
}

// svgID matches an id attribute.
var svgID = regexp.MustCompile(`(\s)id="`)

// prefixIDs puts prefix before every id of an SVG document, so that
// several diagrams (which share ids such as moment-ID) can sit in one
// page.
func prefixIDs(svg []byte, prefix string) []byte {
	return svgID.ReplaceAll(svg, []byte(`${1}id="`+prefix))
}
