package draw

import (
	"net/url"
	"strings"

	"github.com/ciclo-dev/ciclo/internal/bidi"
)

// Clean makes text from a cycle file safe to place anywhere in the output:
// control characters (which XML forbids) become spaces, tabs and carriage
// returns too; line feeds are kept for wrap to honour; invalid UTF-8 is
// replaced; bidirectional formatting characters, which would make a name
// display in another order than it is written, are left out (see
// internal/bidi and the bidi-control lint rule).
func Clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case bidi.Is(r):
			return -1
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			return ' '
		case r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}

// OneLine is clean with line breaks turned into spaces.
func OneLine(s string) string {
	return strings.ReplaceAll(Clean(s), "\n", " ")
}

// HTMLText escapes one line of text for a Graphviz HTML-like label so that
// it is shown literally. Besides the XML characters, a backslash must be
// doubled: Graphviz expands \N, \G, \E, \T, \H and \L even inside HTML-like
// labels and turns \\ into one backslash.
var HTMLText = strings.NewReplacer(
	"&", "&amp;",
	"<", "&lt;",
	">", "&gt;",
	`"`, "&quot;",
	"'", "&#39;",
	`\`, "&#92;&#92;",
).Replace

// Quoted returns s as a DOT quoted string for an attribute that Graphviz
// does not escape-expand (id, class, colours, positions, and the graph
// name).
func Quoted(s string) string { return `"` + quoteEscaper.Replace(s) + `"` }

var (
	quoteEscaper   = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ")
	tooltipEscaper = strings.NewReplacer(`\`, `\\\\`, `"`, `\"`, "&", "&amp;")
)

// TooltipQuoted returns s as a DOT quoted string for a tooltip, shown
// literally: Graphviz unescapes tooltips twice, so each backslash is
// written as four, and its XML writer keeps an & that starts an entity
// (&lt;) as it is, so every & is written as &amp;.
func TooltipQuoted(s string) string {
	return `"` + tooltipEscaper.Replace(OneLine(s)) + `"`
}

// SafeURL returns the link to emit for a moment's url: only absolute
// http and https URLs with a host, with every character that DOT, Graphviz
// escapes or XML could interpret percent-encoded. Anything else gives "".
func SafeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return ""
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if isURLSafe(c) {
			b.WriteByte(c)
			continue
		}
		const hex = "0123456789ABCDEF"
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// isURLSafe reports whether c may appear unencoded in an emitted URL.
func isURLSafe(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~:/?#[]@!$&()*+,;=%", c) >= 0
}
