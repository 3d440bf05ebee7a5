package render

import (
	"context"
	"github.com/ciclo-dev/ciclo/render/draw"
	"strings"
	"testing"
	"unicode/utf8"
)

const hostile = `title: 'T \N \G "quoted" {brace} <b>bold</b> & <script>alert(1)</script>'
customer: 'C \l \E |pipe| {x} &amp; ]]> <!--'
organization: 'O \T \H \L'
moments:
  - id: evil
    name: 'N1 \N \l \G "q" {b} <i>x</i> & <script>alert(2)</script> \\ end'
    owner: 'Own \E "o" <o> &lt;'
    importance: 5
    performance: 1
    improvements:
      - action: 'Act \N <script>alert(4)</script> {a|b} "x"'
        owner: 'Who \G'
  - id: evil2
    name: 'N2 &lt;b&gt; &amp; ]] > <svg onload=alert(5)> %s %d'
    url: 'https://example.com/a\b"c<d>{e}'
  - id: evil3
    name: 'N3 data'
`

func TestInjection(t *testing.T) {
	a := analyse(t, "hostile.yaml", []byte(hostile))
	// the parser already refuses other schemes; render must refuse them
	// too, whatever it is handed
	a.Moments[0].URL = "javascript:alert(3)"
	a.Moments[2].URL = "data:text/html,<script>alert(6)</script>"
	dot, err := DOT(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	svg, err := Render(context.Background(), a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	root := parseSVG(t, svg)
	all := strings.Join(texts(root), " ")
	for _, lit := range []string{
		`\N`, `\G`, `\l`, `\E`, `\T`, `\H`, `\L`, `"quoted"`, `{brace}`, `<b>bold</b>`, `<script>alert(1)</script>`,
		`|pipe|`, `&amp;`, `]]>`, `<!--`, `"q"`, `<i>x</i>`, `<script>alert(2)</script>`, `\\`,
		`<o>`, `&lt;`, `<script>alert(4)</script>`, `{a|b}`, `<svg`, `onload=alert(5)>`, `%s`, `%d`,
	} {
		if !strings.Contains(all, lit) {
			t.Errorf("the text %q is not shown literally", lit)
		}
	}
	// the node and graph names never leak in through \N or \G
	if strings.Contains(all, "N1 evil") || strings.Contains(all, "T cycle") {
		t.Error("an escape sequence was expanded")
	}
	inert(t, root)
	// the tooltip of a linked moment shows its name literally too
	var tips []string
	root.walk(func(n *svgNode) {
		for _, at := range n.Attrs {
			if at.Name.Local == "title" && strings.HasPrefix(at.Value, "N2 ") {
				tips = append(tips, at.Value)
			}
		}
	})
	if len(tips) == 0 {
		t.Error("no tooltip on the linked moment")
	}
	for _, tip := range tips {
		if tip != `N2 &lt;b&gt; &amp; ]] > <svg onload=alert(5)> %s %d` {
			t.Errorf("tooltip %q is not the name", tip)
		}
	}
	if !strings.Contains(string(svg), `https://example.com/a%5Cb%22c%3Cd%3E%7Be%7D`) {
		t.Error("the https link is missing or not percent-encoded")
	}
	for _, bad := range []string{"javascript:", "data:text"} {
		if strings.Contains(string(dot), bad) || strings.Contains(string(svg), bad) {
			t.Errorf("%s link emitted", bad)
		}
	}
}

// inert fails t for anything in the SVG that could run or lead elsewhere
// than an http(s) link: script-like elements, event attributes, other
// links.
func inert(t *testing.T, root *svgNode) {
	t.Helper()
	root.walk(func(n *svgNode) {
		switch strings.ToLower(n.XMLName.Local) {
		case "script", "foreignobject", "iframe":
			t.Errorf("element <%s> in the output", n.XMLName.Local)
		}
		for _, at := range n.Attrs {
			name := strings.ToLower(at.Name.Local)
			if strings.HasPrefix(name, "on") {
				t.Errorf("event attribute %s=%q", at.Name.Local, at.Value)
			}
			if name == "href" && !strings.HasPrefix(at.Value, "https://") && !strings.HasPrefix(at.Value, "http://") {
				t.Errorf("non-http link %q", at.Value)
			}
		}
	})
}

func TestSafeURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/x?a=1&b=2": "https://example.com/x?a=1&b=2",
		"HTTP://Example.com":            "HTTP://Example.com",
		"https://e.com/a b\\c":          "https://e.com/a%20b%5Cc",
		"javascript:alert(1)":           "",
		"JAVASCRIPT://e.com/%0aalert":   "",
		"ftp://e.com/f":                 "",
		"//e.com/x":                     "",
		"/relative":                     "",
		"https:opaque":                  "",
	} {
		if got := safeURL(in); got != want {
			t.Errorf("safeURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWrap(t *testing.T) {
	lines := wrap("Extraordinarily telecommunications acknowledgement of a short word", 60, 10, false)
	for _, l := range lines {
		if w := textWidth(l, 10, false); w > 60 {
			t.Errorf("line %q is %.1fpt wide, more than 60", l, w)
		}
	}
	if got := joinBroken(lines); strings.ReplaceAll("Extraordinarily telecommunications acknowledgement of a short word", " ", "") != strings.ReplaceAll(got, " ", "") {
		t.Errorf("wrap lost text: %q", lines)
	}
	if got := wrap("", 50, 10, false); len(got) != 1 {
		t.Errorf("wrap of empty text: %q", got)
	}
}

// TestWrapNoOrphans: at any width, a broken long word leaves no lone
// letter (nor two) on its last line, a bullet is never left alone on a
// line, and nothing is lost or overflows.
func TestWrapNoOrphans(t *testing.T) {
	texts := []string{
		"Supercalifragilisticoespialidosoextraordinariamentelargo",
		"• Simplificarelcontratomarcoeliminandoanexostécnicosredundantesquenadielee https://intranet.example.com/contratos/marco/v3.pdf",
		"Firma el contrato marco de servicios profesionales",
	}
	for _, text := range texts {
		for maxW := 30.0; maxW <= 220; maxW++ {
			lines := wrap(text, maxW, 9, true)
			for i, l := range lines {
				if w := textWidth(l, 9, true); w > maxW {
					t.Errorf("width %g: line %q is %.1f pt wide", maxW, l, w)
				}
				if l == "•" {
					t.Errorf("width %g: a lone bullet on line %d of %q", maxW, i+1, lines)
				}
			}
			last := lines[len(lines)-1]
			if f := strings.Fields(last); len(lines) > 1 && len(f) == 1 && utf8.RuneCountInString(f[0]) < 3 {
				t.Errorf("width %g: %q ends on the fragment %q", maxW, lines, last)
			}
			if strings.ReplaceAll(joinBroken(lines), " ", "") != strings.ReplaceAll(text, " ", "") {
				t.Errorf("width %g: wrap lost text: %q", maxW, lines)
			}
		}
	}
}

// TestWrapKeepsMarksWithTheirWord: an opening mark with no letter (the
// '"!' of '"! CRITICAL"', '«!') never ends a line that has words before
// it: it goes on with the word it opens (the journey's legend read '"!'
// at a line's end and 'CRITICAL"' under it).
func TestWrapKeepsMarksWithTheirWord(t *testing.T) {
	text := `Critical moment: ringed point, double border, "! CRITICAL" and «! CRÍTICO»`
	for maxW := 60.0; maxW <= 260; maxW++ {
		lines := draw.Wrap(text, maxW, 9, false)
		for i, l := range lines[:len(lines)-1] {
			f := strings.Fields(l)
			if last := f[len(f)-1]; len(f) > 1 && strings.Trim(last, `"!«`) == "" {
				t.Errorf("width %g: line %d %q ends on %q", maxW, i+1, l, last)
			}
		}
		if strings.ReplaceAll(joinBroken(lines), " ", "") != strings.ReplaceAll(text, " ", "") {
			t.Errorf("width %g: wrap lost text: %q", maxW, lines)
		}
	}
}
