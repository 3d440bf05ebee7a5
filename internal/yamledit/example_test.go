package yamledit_test

import (
	"fmt"

	"github.com/ciclo-dev/ciclo/internal/yamledit"
)

func ExampleApply() {
	src := []byte(`title: Taller
moments:
  - id: cita
    name: Pide una cita   # por teléfono
    importance: 4
    dimensions:
      courtesy: {expected: 5, perceived: 3}
`)
	out, err := yamledit.Apply(src, map[string]yamledit.Update{
		"cita": {
			Importance:  yamledit.FormatNumber(3.825),
			Performance: "2.5",
			Perceived:   map[string]string{"courtesy": "3.1"},
			Sample:      40,
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// title: Taller
	// moments:
	//   - id: cita
	//     name: Pide una cita   # por teléfono
	//     importance: 3.83
	//     performance: 2.5
	//     sample: 40
	//     dimensions:
	//       courtesy: {expected: 5, perceived: 3.1}
}
