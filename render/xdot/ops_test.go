package xdot_test

import (
	"errors"
	"image/color"
	"reflect"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/render/xdot"
)

func TestParseOps(t *testing.T) {
	tests := []struct {
		in   string
		want []xdot.Op
	}{
		{"", nil},
		{"  \n ", nil},
		{"E 1 2 3 4 e 5 6 7 8", []xdot.Op{
			xdot.Ellipse{Center: xdot.Point{X: 1, Y: 2}, RX: 3, RY: 4, Filled: true},
			xdot.Ellipse{Center: xdot.Point{X: 5, Y: 6}, RX: 7, RY: 8},
		}},
		{"P 3 0 0 1 0 0 1 p 2 1.5 -2 3e1 4", []xdot.Op{
			xdot.Polygon{Points: []xdot.Point{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 0, Y: 1}}, Filled: true},
			xdot.Polygon{Points: []xdot.Point{{X: 1.5, Y: -2}, {X: 30, Y: 4}}},
		}},
		{"L 2 0 0 10 10 ", []xdot.Op{xdot.Polyline{Points: []xdot.Point{{X: 0, Y: 0}, {X: 10, Y: 10}}}}},
		{"B 4 0 0 1 1 2 2 3 3 b 1 9 9", []xdot.Op{
			xdot.Bezier{Points: []xdot.Point{{X: 0, Y: 0}, {X: 1, Y: 1}, {X: 2, Y: 2}, {X: 3, Y: 3}}},
			xdot.Bezier{Points: []xdot.Point{{X: 9, Y: 9}}, Filled: true},
		}},
		// Byte counts, not rune counts; spaces and dashes inside strings.
		{"T 162 301.8 0 142.41 26 -Atención, señal, ¿qué? ", []xdot.Op{
			xdot.Text{Pos: xdot.Point{X: 162, Y: 301.8}, Align: xdot.AlignCenter, Width: 142.41, Text: "Atención, señal, ¿qué?"},
		}},
		{"T 1 2 -1 3 5 - a -b T 1 2 1 0 0 -", []xdot.Op{
			xdot.Text{Pos: xdot.Point{X: 1, Y: 2}, Align: xdot.AlignLeft, Width: 3, Text: " a -b"},
			xdot.Text{Pos: xdot.Point{X: 1, Y: 2}, Align: xdot.AlignRight},
		}},
		{"F 14 15 -Courier-Oblique t 3", []xdot.Op{
			xdot.Font{Size: 14, Name: "Courier-Oblique"},
			xdot.FontChars{Flags: xdot.Bold | xdot.Italic},
		}},
		{"c 9 -#ff000080 C 7 -#a0bce5 c 5 -black", []xdot.Op{
			xdot.PenColor{Spec: "#ff000080", Color: color.NRGBA{255, 0, 0, 128}},
			xdot.FillColor{Spec: "#a0bce5", Color: color.NRGBA{0xa0, 0xbc, 0xe5, 255}},
			xdot.PenColor{Spec: "black", Color: color.NRGBA{0, 0, 0, 255}},
		}},
		{"S 15 -setlinewidth(2) S 6 -dashed", []xdot.Op{
			xdot.Style{Spec: "setlinewidth(2)"}, xdot.Style{Spec: "dashed"},
		}},
		{"I 1 2 3 4 5 -a.png", []xdot.Op{
			xdot.Image{Rect: xdot.Rect{Min: xdot.Point{X: 1, Y: 2}, Max: xdot.Point{X: 4, Y: 6}}, Name: "a.png"},
		}},
	}
	for _, tc := range tests {
		got, err := xdot.ParseOps(tc.in)
		if err != nil {
			t.Errorf("ParseOps(%q): %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseOps(%q)\n got %#v\nwant %#v", tc.in, got, tc.want)
		}
	}
}

func TestParseOpsErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		msg    string
	}{
		{"X 1 2", 0, `unknown operation "X"`},
		{"Ex 1 2 3 4", 0, `unknown operation "Ex"`},
		{"E 1 2 3", 7, "missing number"},
		{"E 1 2 a 4", 6, `"a" is not a number`},
		{"E 1 2 NaN 4", 6, "not a number"},
		{"E 1 2 -3 4", 10, "negative radius"},
		{"P 0", 3, "0 points"},
		{"P -1 0 0", 2, "not a count"},
		{"P 999999999 0 0", 11, "input too short"},
		{"L 2 0 0 1", 3, "input too short"},
		{"L 2 0 0 1 x", 10, `"x" is not a number`},
		{"B 3 0 0 1 1 2 2", 15, "1+3k"},
		{"T 1 2 2 3 1 -a", 9, "alignment"},
		{"T 1 2 0 3 5 -ab", 13, "5 bytes announced, 2 left"},
		{"T 1 2 0 3 1 -abc", 14, `followed by 'b'`},
		{"T 1 2 0 3 1 a", 12, "must start with '-'"},
		{"F -1 1 -a", 4, "negative font size"},
		{"c 4 -blah", 9, `unknown colour "blah"`},
		{"C 3 -#12", 8, "#rrggbb"},
		{"t x", 2, "not a count"},
		{"S", 1, "missing count"},
	}
	for _, tc := range tests {
		ops, err := xdot.ParseOps(tc.in)
		var oe *xdot.OpError
		if !errors.As(err, &oe) {
			t.Errorf("ParseOps(%q) = %v, %v; want an *OpError", tc.in, ops, err)
			continue
		}
		if oe.Offset != tc.offset || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("ParseOps(%q) error %q at offset %d; want offset %d containing %q", tc.in, err, oe.Offset, tc.offset, tc.msg)
		}
		if ops != nil {
			t.Errorf("ParseOps(%q) returned ops with an error", tc.in)
		}
	}
}

func TestParseColor(t *testing.T) {
	tests := []struct {
		in   string
		want color.NRGBA
	}{
		{"#1f3a5f", color.NRGBA{0x1f, 0x3a, 0x5f, 255}},
		{"#FFFFFE00", color.NRGBA{255, 255, 254, 0}},
		{"navy", color.NRGBA{0, 0, 0x80, 255}},
		{"LightGrey", color.NRGBA{0xd3, 0xd3, 0xd3, 255}},
		{"/x11/red", color.NRGBA{255, 0, 0, 255}},
		{"gray50", color.NRGBA{128, 128, 128, 255}},
		{"grey0", color.NRGBA{0, 0, 0, 255}},
		{"lightgoldenrod", color.NRGBA{0xee, 0xdd, 0x82, 255}},
		{"transparent", color.NRGBA{}},
		{"0 0 1", color.NRGBA{255, 255, 255, 255}},
		{"0.0,1.0,1.0", color.NRGBA{255, 0, 0, 255}},
		{"0.3333 1 1 0.5", color.NRGBA{0, 255, 0, 128}},
		{"[0 0 100 0 2 0 7 -#ff0000 1 7 -#0000ff]", color.NRGBA{255, 0, 0, 255}},
		{"(0 0 0 50 50 50 2 0 4 -blue 1 3 -red)", color.NRGBA{0, 0, 255, 255}},
	}
	for _, tc := range tests {
		got, err := xdot.ParseColor(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseColor(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "#12345", "#gggggg", "nosuchcolour", "/blues9/3", "gray101", "1 2", "[0 0 1 1 2 0 3 -red]", "[0 0 1 1", "(1 2 3 4 5 6 1 0 9 -[nested])"} {
		if c, err := xdot.ParseColor(bad); err == nil {
			t.Errorf("ParseColor(%q) = %v, want an error", bad, c)
		}
	}
}

func TestOpCodes(t *testing.T) {
	ops, err := xdot.ParseOps("E 0 0 1 1 e 0 0 1 1 P 1 0 0 p 1 0 0 L 1 0 0 B 1 0 0 b 1 0 0 T 0 0 0 0 1 -a t 0 F 1 1 -a c 3 -red C 3 -red S 1 -x I 0 0 1 1 1 -a")
	if err != nil {
		t.Fatal(err)
	}
	var got []byte
	for _, op := range ops {
		got = append(got, op.Code())
	}
	if string(got) != "EePpLBbTtFcCSI" {
		t.Errorf("codes %q", got)
	}
}

func FuzzParseOps(f *testing.F) {
	for _, s := range []string{
		"c 7 -#000080 C 9 -#eef5ffcc b 4 0 0 1 1 2 2 3 3",
		"F 14 9 -Helvetica c 7 -#000000 t 1 T 273.71 158.8 -1 31.1 4 -Bold",
		"S 15 -setlinewidth(2) E 306 162 55.58 18 e 1 1 1 1",
		"P 3 0 0 1 1 2 0 p 2 0 0 1 1 L 2 0 0 1 1 I 0 0 1 1 1 -x",
		"C 38 -[0 0 100 0 2 0 7 -#ff0000 1 4 -blue]",
		"T 1 2 0 3 5 -ab",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ops, err := xdot.ParseOps(s)
		if err != nil {
			var oe *xdot.OpError
			if !errors.As(err, &oe) || oe.Offset < 0 || oe.Offset > len(s) {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		for _, op := range ops {
			switch o := op.(type) {
			case xdot.Bezier:
				if (len(o.Points)-1)%3 != 0 {
					t.Fatalf("bezier with %d points", len(o.Points))
				}
			case xdot.Polygon:
				if len(o.Points) == 0 {
					t.Fatal("empty polygon")
				}
			}
		}
	})
}
