package cycle_test

import (
	"errors"
	"fmt"

	"github.com/ciclo-dev/ciclo/cycle"
)

func ExampleParse() {
	src := []byte(`title: Phone repair
moments:
  - id: arrive
    name: Arrives at the counter
  - id: diagnose
    name: Phone is diagnosed
    next: [pickup]
  - id: pickup
    name: Picks up the phone
`)
	c, err := cycle.Parse("repair.yaml", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range c.Moments {
		var next []string
		for _, s := range c.Successors(m) {
			next = append(next, s.ID)
		}
		fmt.Println(m.Number(), m.ID, "->", next)
	}
	// Output:
	// 1 arrive -> [diagnose]
	// 2 diagnose -> [pickup]
	// 3 pickup -> [arrive]
}

func ExampleParse_errors() {
	src := []byte(`title: Phone repair
moments:
  - id: arrive
    name: Arrives at the counter
    importance: 7
  - id: arrive
    nmae: Arrives again
`)
	_, err := cycle.Parse("repair.yaml", src)
	var list cycle.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e)
		}
	}
	// Output:
	// repair.yaml:5:17: importance 7 is out of range: it must be from 1 to 5 (the scale is 5)
	// repair.yaml:6:5: moment 2 has no name
	// repair.yaml:6:9: duplicate moment id "arrive" (first at line 3)
	// repair.yaml:7:5: unknown key "nmae" in moment 2; did you mean "name"?
}

func ExampleError_Text() {
	src := []byte(`title: Reparación de teléfonos
language: es
moments:
  - id: llega
    name: Llega al mostrador
    importanse: 5
    performance: 7
`)
	_, err := cycle.Parse("reparacion.yaml", src)
	var list cycle.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			// "" follows the file's language; "en" forces English, as Msg.
			fmt.Printf("%s: error: %s\n", e.Location(), e.Text(""))
			fmt.Printf("%s: error: %s\n", e.Location(), e.Text("en"))
		}
	}
	// Output:
	// reparacion.yaml:6:5: error: clave desconocida "importanse" en el momento 1; ¿quiso decir "importance"?
	// reparacion.yaml:6:5: error: unknown key "importanse" in moment 1; did you mean "importance"?
	// reparacion.yaml:7:18: error: performance 7 está fuera de rango: debe ir de 1 a 5 (la escala es de 5)
	// reparacion.yaml:7:18: error: performance 7 is out of range: it must be from 1 to 5 (the scale is 5)
}

func ExampleAnalyze() {
	src := []byte(`title: Phone repair
moments:
  - id: arrive
    name: Arrives at the counter
    channel: in person
    owner: Front desk
    importance: 5
    performance: 4
  - id: diagnose
    name: Phone is diagnosed
    channel: in person
    owner: Workshop
    importance: 5
    performance: 2
    dimensions:
      reliability: {expected: 5, perceived: 3}
`)
	c, err := cycle.Parse("repair.yaml", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	a := cycle.Analyze(c)
	for _, m := range a.Moments {
		fmt.Printf("%s: critical=%v quadrant=%s\n", m.ID, m.Critical, m.Quadrant)
		for _, r := range m.Reasons {
			fmt.Println("  because", r)
		}
	}
	for _, h := range a.Handoffs {
		fmt.Printf("handoff: %s -> %s\n", h.From.ID, h.To.ID)
	}
	fmt.Printf("reliability gap on average: %+.1f\n", a.DimensionGaps["reliability"])
	// Output:
	// arrive: critical=false quadrant=keep-up
	// diagnose: critical=true quadrant=concentrate-here
	//   because importance 5 ≥ 4 and performance 2 ≤ 2
	//   because reliability gap: expected 5, perceived 3 (2 ≥ 2)
	// handoff: arrive -> diagnose
	// handoff: diagnose -> arrive
	// reliability gap on average: -2.0
}

// Scores may be survey means: a Decimal holds them exactly, so the
// thresholds compare them as written.
func ExampleDecimal() {
	imp, _ := cycle.ParseDecimal("3.83")
	perf, _ := cycle.ParseDecimal("2.05")
	threshold := cycle.Whole(4)
	fmt.Println(imp, perf, threshold)      // exact
	fmt.Println(imp.Short(), perf.Short()) // one decimal, for drawings
	fmt.Println(imp.Cmp(threshold) >= 0)   // 3.83 >= 4 is false
	a, _ := cycle.ParseDecimal("4.1")
	b, _ := cycle.ParseDecimal("3.1")
	fa, fb := 4.1, 3.1
	fmt.Println(a.Sub(b) == cycle.Whole(1), fa-fb == 1.0) // exact, unlike float64
	_, err := cycle.ParseDecimal("3.825")
	fmt.Println(err)
	fmt.Println(cycle.Whole(153).Div(40)) // the mean of 40 answers summing to 153
	// Output:
	// 3.83 2.05 4
	// 3.8 2.1
	// false
	// true false
	// more than two decimal places
	// 3.83
}
