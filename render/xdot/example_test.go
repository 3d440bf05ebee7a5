package xdot_test

import (
	"bytes"
	"fmt"

	"github.com/ciclo-dev/ciclo/render/xdot"
)

func Example() {
	// xdot text as Graphviz writes it for format "xdot" (normally from
	// go-graphviz, under the caller's Graphviz lock).
	src := `digraph { graph [bb="0,0,62,108"];
	a [_draw_="c 7 -#000000 e 27 90 27 18 ", _ldraw_="F 14 11 -Times-Roman c 7 -#000000 T 27 86.3 0 7 1 -a "];
	b [_draw_="c 7 -#000000 e 27 18 27 18 ", _ldraw_="F 14 11 -Times-Roman c 7 -#000000 T 27 14.3 0 7 1 -b "];
	a -> b [_draw_="c 7 -#000000 B 4 27 71.7 27 63.98 27 54.71 27 46.11 ",
		_hdraw_="S 5 -solid c 7 -#000000 C 7 -#000000 P 3 30.5 46.1 27 36.1 23.5 46.1 "];
}`
	d, err := xdot.FromXDOT([]byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	w, h := d.Size()
	fmt.Printf("page %gx%g points, %d items\n", w, h, len(d.Items))

	var png, pdf bytes.Buffer
	if err := xdot.PNG(d, &png, xdot.PNGOptions{}); err != nil { // 2 px per point
		fmt.Println(err)
		return
	}
	if err := xdot.PDF(d, &pdf); err != nil {
		fmt.Println(err)
		return
	}
	img, _ := xdot.Rasterize(d, xdot.PNGOptions{})
	fmt.Println("png", img.Bounds().Dx(), "x", img.Bounds().Dy(), "pixels;", "pdf", bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")))
	// Output:
	// page 70x116 points, 6 items
	// png 140 x 232 pixels; pdf true
}

func ExampleParseOps() {
	ops, err := xdot.ParseOps("c 7 -#1f3a5f S 6 -dashed B 4 0 0 10 10 20 10 30 0 ")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, op := range ops {
		fmt.Printf("%c %+v\n", op.Code(), op)
	}
	_, err = xdot.ParseOps("E 1 2 x 4")
	fmt.Println(err)
	// Output:
	// c {Spec:#1f3a5f Color:{R:31 G:58 B:95 A:255}}
	// S {Spec:dashed}
	// B {Points:[{X:0 Y:0} {X:10 Y:10} {X:20 Y:10} {X:30 Y:0}] Filled:false}
	// xdot: offset 6: op 'E': "x" is not a number
}
