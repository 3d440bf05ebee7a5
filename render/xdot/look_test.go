package xdot_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ciclo-dev/ciclo/render/xdot"
)

// TestLook writes the cycle drawing as PNG, PDF, SVG and xdot to the
// directory given by -look, for people to inspect. It does nothing
// without -look.
func TestLook(t *testing.T) {
	if *lookDir == "" {
		return
	}
	d, out := cycleDrawing(t)
	var png, pdf bytes.Buffer
	if err := xdot.PNG(d, &png, xdot.PNGOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := xdot.PDF(d, &pdf); err != nil {
		t.Fatal(err)
	}
	write(t, "cycle", png.Bytes(), pdf.Bytes(), out)

	out = layout(t, featuresDOT, "xdot", "svg")
	d, err := xdot.FromXDOT(out["xdot"])
	if err != nil {
		t.Fatal(err)
	}
	png.Reset()
	pdf.Reset()
	if err := xdot.PNG(d, &png, xdot.PNGOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := xdot.PDF(d, &pdf); err != nil {
		t.Fatal(err)
	}
	write(t, "features", png.Bytes(), pdf.Bytes(), out)
}

func write(t *testing.T, base string, png, pdf []byte, out map[string][]byte) {
	files := map[string][]byte{".png": png, ".pdf": pdf, ".svg": out["svg"], ".xdot": out["xdot"]}
	for ext, b := range files {
		if err := os.WriteFile(filepath.Join(*lookDir, base+ext), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// featuresDOT uses shapes, arrowheads, clusters and fonts beyond the cycle.
const featuresDOT = `digraph G {
  label="Rasgos: clústeres, flechas, fuentes"; fontname="Helvetica-Bold"; compound=true;
  node [fontname=Helvetica];
  subgraph cluster_a { label="Grupo A"; style=filled; fillcolor="#eeeeee"; color="#888888";
    a [label=<<b>Negrita</b> y <i>cursiva</i> y <u>subrayado</u>>, shape=box];
    b [shape=ellipse, style=filled, fillcolor="0.6 0.3 0.9", penwidth=2];
    subgraph cluster_b { label="Interior"; color=red; c [shape=circle, fontname="Times-Italic"]; } }
  d [shape=diamond, fontname="Courier-Bold", label="código"];
  e [shape=hexagon, style="filled", fillcolor="yellow:blue", label="gradiente"];
  f [shape=doublecircle, label="fin"];
  a -> b [label="sí", style=dashed, color="#ff000080"];
  b -> c [arrowhead=odot, style="setlinewidth(3)"];
  c -> d [arrowhead=diamond, headlabel="cabeza", taillabel="cola", style=dotted];
  d -> e [dir=both, arrowtail=inv, color="red:blue"];
  e -> f [arrowhead=vee, style=bold];
  a -> f [constraint=false, arrowhead=box];
}`
