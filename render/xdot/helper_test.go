package xdot_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/goccy/go-graphviz"

	"github.com/ciclo-dev/ciclo/render/xdot"
)

var lookDir = flag.String("look", "", "write the test drawings (PNG, PDF, SVG) to this directory for inspection")

// gvMu serialises go-graphviz, which is not safe for concurrent use.
var gvMu sync.Mutex

// layout runs Graphviz on src and returns its output in each format.
func layout(tb testing.TB, src string, formats ...string) map[string][]byte {
	tb.Helper()
	gvMu.Lock()
	defer gvMu.Unlock()
	ctx := context.Background()
	gv, err := graphviz.New(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	defer gv.Close()
	out := make(map[string][]byte)
	for _, f := range formats {
		// A fresh graph per format: rendering one graph twice lays it out
		// again from the first layout's state.
		g, err := graphviz.ParseBytes([]byte(src))
		if err != nil {
			tb.Fatal(err)
		}
		defer g.Close()
		var buf bytes.Buffer
		if err := gv.Render(ctx, g, graphviz.Format(f), &buf); err != nil {
			tb.Fatalf("render %s: %v", f, err)
		}
		if buf.Len() == 0 {
			tb.Fatalf("render %s: empty output", f)
		}
		out[f] = buf.Bytes()
	}
	return out
}

// Words of the labels of cycleDOT, every one of which must be painted.
var cycleWords = []string{
	"Atención,", "señal,", "¿qué?", "Llegada", "Recepción", "Espera", "Diagnóstico",
	"Propuesta", "Decisión", "Ejecución", "Entrega", "Pago", "Seguimiento", "Reclamo",
	"Ciclo", "servicio", "traspaso", "Crítico",
}

// cycleDOT is a 12-node cycle pinned on a circle (neato), like the ciclo
// clock face: boxes with outlines, arrowheads, a bold label, a dashed
// edge, a filled critical node with a thick border, and Spanish text.
func cycleDOT() string {
	names := []string{
		"Atención, señal, ¿qué?", "Llegada", "Recepción", "Espera", "Diagnóstico", "Propuesta",
		"Decisión", "Ejecución", "Entrega", "Pago", "Seguimiento", "Reclamo",
	}
	return circleDOT(names, "Ciclo de servicio")
}

func circleDOT(names []string, title string) string {
	var b strings.Builder
	n := len(names)
	r := math.Max(3, float64(n)*0.28)
	fmt.Fprintf(&b, "digraph cycle {\n layout=neato; splines=true; overlap=true;\n")
	fmt.Fprintf(&b, " label=<<b>%s</b>>; labelloc=t; fontname=\"Helvetica\"; fontsize=20;\n", title)
	fmt.Fprintf(&b, " node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f8fc\", color=\"#1f3a5f\", fontname=\"Helvetica\", fontsize=12];\n")
	fmt.Fprintf(&b, " edge [color=\"#333333\", fontname=\"Helvetica\", fontsize=10];\n")
	fmt.Fprintf(&b, " center [pos=\"0,0!\", shape=plaintext, style=\"\", label=\"Crítico = borde grueso\", fontname=\"Times-Roman\"];\n")
	for i, name := range names {
		a := math.Pi/2 - 2*math.Pi*float64(i)/float64(n)
		extra := ""
		if i == 3 {
			extra = `, penwidth=3, fillcolor="#ffe0e0", xlabel="Crítico", fontname="Helvetica-Bold"`
		}
		fmt.Fprintf(&b, " m%d [pos=\"%.3f,%.3f!\", label=\"%d. %s\"%s];\n", i, r*math.Cos(a), r*math.Sin(a), i+1, name, extra)
	}
	for i := range names {
		extra := ""
		if i == 5 {
			extra = `, style=dashed, label="traspaso", penwidth=1.5`
		}
		fmt.Fprintf(&b, " m%d -> m%d [arrowhead=normal%s];\n", i, (i+1)%n, extra)
	}
	b.WriteString("}\n")
	return b.String()
}

// cycleDrawing lays out cycleDOT and reads its xdot.
func cycleDrawing(tb testing.TB) (*xdot.Drawing, map[string][]byte) {
	tb.Helper()
	out := layout(tb, cycleDOT(), "xdot", "svg")
	d, err := xdot.FromXDOT(out["xdot"])
	if err != nil {
		tb.Fatal(err)
	}
	return d, out
}
