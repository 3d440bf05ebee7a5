package render

import (
	"bytes"
	"context"
	"regexp"
	"testing"
)

func TestTidySVG(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{`<g id="node1" class="node">`, `<g id="node1" class="node">`},
		{`<g id="moment&#45;m1" class="moment critical"><!-- m1&#45;&gt;m2 --><title>m1&#45;&gt;m2</title>`,
			`<g id="moment-m1" class="moment critical"><!-- m1&#45;&gt;m2 --><title>m1&#45;&gt;m2</title>`},
		{`<g id="edge&#45;12" class="edge branch&#45;x"><text>&#45; id=&quot;a&#45;b&quot;</text>`,
			`<g id="edge-12" class="edge branch-x"><text>&#45; id=&quot;a&#45;b&quot;</text>`},
		{`<a xlink:id="x&#45;y" data-id="a&#45;b">`, `<a xlink:id="x&#45;y" data-id="a&#45;b">`},
		{`<g id="a&#45;b`, `<g id="a&#45;b`}, // unterminated: left alone
		{`<g id="" class="&#45;&#45;">`, `<g id="" class="--">`},
	}
	for _, c := range cases {
		if got := tidySVG([]byte(c.in)); string(got) != c.want {
			t.Errorf("tidySVG(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestTidySVGMatchesPattern draws a cycle with branches, handoffs and
// notes, gives every id and class Graphviz's escaped hyphens, and wants
// tidySVG to write them as the regular expression it replaced would.
func TestTidySVGMatchesPattern(t *testing.T) {
	attr := regexp.MustCompile(`(?: id| class)="[^"]*"`)
	hyphen := []byte("&#45;")
	svg, err := Render(context.Background(), load(t, "testdata/branches.yaml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	svg = attr.ReplaceAllFunc(svg, func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("-"), hyphen) })
	if bytes.Count(svg, hyphen) < 10 {
		t.Fatal("the test SVG has too few escaped hyphens to tell anything")
	}
	want := attr.ReplaceAllFunc(svg, func(b []byte) []byte { return bytes.ReplaceAll(b, hyphen, []byte("-")) })
	if got := tidySVG(svg); !bytes.Equal(got, want) {
		t.Error("tidySVG differs from the pattern it replaced")
	}
}
