package xdot_test

import (
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/render/xdot"
)

// handXDOT is xdot text in the shape Graphviz writes it, with nested
// clusters, escapes, line continuations, ports, comments and a node
// written before the clusters.
const handXDOT = `/* comment */ strict digraph "G" {
	graph [_draw_="c 9 -#fffffe00 C 7 -#ffffff P 4 0 0 0 100 200 100 200 0 ",
		_ldraw_="F 14 11 -Times-Roman c 7 -#000000 T 100 90 0 20 5 -Title ",
		bb="0,0,200,100", pad="0.5"
	];
	node [label="\N"];
	// a line comment
	z	[_draw_="c 7 -#000000 e 10 10 5 5 "];
	subgraph cluster_1 {
		graph [_draw_="c 7 -#000000 p 4 1 1 1 50 50 50 50 1 ", bb="1,1,50,50"];
		subgraph cluster_2 {
			graph [_ldraw_="F 14 11 -Times-Roman c 7 -#000000 T 20 30 0 10 2 -C2 "];
			b	[_draw_="c 7 -#000000 e 20 20 5 5 "];
		}
	}
	a	[_ldraw_="F 14 11 -Times-Roman c 7 -#000000 T 123 267.4 0 104.19 18 -back\\slash \"q\" {b} ",
		_draw_="c 7 -#000000 e 123 271.6 82.9 18 "];
	a:p:n -> b	[_hdraw_="S 5 -solid c 7 -#000000 C 7 -#000000 P 3 1 1 2 2 3 1 ",
		_draw_="c 7 -#000000 B 4 123 253.3 123 246.01 123 237.33 \
123 229.14 ", _ldraw_="F 14 11 -Times" + "-Roman c 7 -#000000 T 1 1 -1 5 6 - \
plain "];
	b -> z [_draw_=<c 7 -#000000 L 2 0 0 1 1>];
}
`

func TestFromXDOT(t *testing.T) {
	d, err := xdot.FromXDOT([]byte(handXDOT))
	if err != nil {
		t.Fatal(err)
	}
	if d.BB != (xdot.Rect{Max: xdot.Point{X: 200, Y: 100}}) || d.Pad != (xdot.Point{X: 36, Y: 36}) {
		t.Errorf("BB %v, Pad %v", d.BB, d.Pad)
	}
	if w, h := d.Size(); w != 272 || h != 172 {
		t.Errorf("Size = %v, %v", w, h)
	}
	var order []string
	for _, it := range d.Items {
		order = append(order, it.Kind+" "+it.Name+" "+it.Attr)
	}
	want := []string{
		"graph G _draw_", "graph G _ldraw_",
		"cluster cluster_1 _draw_", "cluster cluster_2 _ldraw_",
		"node z _draw_", "node b _draw_", "node a _draw_", "node a _ldraw_",
		"edge a->b _draw_", "edge a->b _hdraw_", "edge a->b _ldraw_",
		"edge b->z _draw_",
	}
	if strings.Join(order, "\n") != strings.Join(want, "\n") {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(order, "\n"), strings.Join(want, "\n"))
	}
	text := func(kind, name string) string {
		items := d.Find(kind, name, "_ldraw_")
		if len(items) != 1 {
			t.Fatalf("%s %s: %d _ldraw_ items", kind, name, len(items))
		}
		for _, op := range items[0].Ops {
			if tx, ok := op.(xdot.Text); ok {
				return tx.Text
			}
		}
		return ""
	}
	if got := text("node", "a"); got != `back\slash "q" {b}` {
		t.Errorf("escaped text %q", got)
	}
	if got := text("edge", "a->b"); got != " plain" {
		t.Errorf("continued text %q", got)
	}
	spline := d.Find("edge", "a->b", "_draw_")[0].Ops[1].(xdot.Bezier)
	if len(spline.Points) != 4 || spline.Points[3] != (xdot.Point{X: 123, Y: 229.14}) {
		t.Errorf("continued spline %v", spline.Points)
	}
}

func TestFromXDOTErrors(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"", `1:1: expected "graph" or "digraph", found end of input`},
		{"digraph {", `1:10: missing "}"`},
		{"digraph { a [x=1] }", "no bb attribute"},
		{"digraph { bb=\"0,0,1\" }", `1:14: bb: "0,0,1" is not`},
		{"digraph { bb=\"0,0,10,-1\" }", "empty box"},
		{"digraph { bb=\"0,0,1,1\"; pad=\"x\" }", "1:29: pad:"},
		{"digraph {\n  bb=\"0,0,1,1\"; a [_draw_=\"E 1 2\"]\n}", `xdot: 2:27: node "a" _draw_: offset 5: op 'E': missing number`},
		{"digraph {\n  bb=\"0,0,1,1\"\n  a -> b [_hdraw_=\"Q\"]\n}", `xdot: 3:19: edge "a->b" _hdraw_: offset 0: unknown operation "Q"`},
		{"digraph { a [x=\"1] }", "1:16: unterminated string"},
		{"digraph { a [x=<1<2>] }", "1:16: unterminated HTML string"},
		{"digraph { /* x ", "1:11: unterminated comment"},
		{"digraph { a [x] }", `1:15: expected "=", found "]"`},
		{"digraph { a [x=] }", `1:16: expected a value for "x", found "]"`},
		{"digraph { a -> ; }", `1:16: expected an edge endpoint, found ";"`},
		{"digraph { a:; }", `1:13: expected a port name`},
		{"digraph { } x", `1:13: unexpected "x" after the graph`},
		{"digraph { a @ }", `1:13: unexpected character '@'`},
		{"digraph { graph x }", `1:17: expected "[", found "x"`},
		{"digraph { a [x=\"1\" + 2] }", "'+' must be followed by a quoted string"},
		{"digraph { = }", `1:11: unexpected "="`},
		{"digraph {" + strings.Repeat("{", 200), "nested too deeply"},
	}
	for _, tc := range tests {
		d, err := xdot.FromXDOT([]byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("FromXDOT(%q) = %v; want error containing %q", tc.in, err, tc.msg)
		}
		if d != nil {
			t.Errorf("FromXDOT(%q) returned a drawing with an error", tc.in)
		}
	}
}

func FuzzFromXDOT(f *testing.F) {
	f.Add(handXDOT)
	f.Add("digraph { bb=\"0,0,1,1\" a [_draw_=\"E 1 2 3 4\"]; a -> b -> c; subgraph s { x } }")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := xdot.FromXDOT([]byte(s))
		if err == nil && (d == nil || d.BB.Dx() < 0 || d.BB.Dy() < 0) {
			t.Fatalf("bad drawing %v", d)
		}
	})
}
