package msg_test

import (
	"fmt"

	"github.com/ciclo-dev/ciclo/internal/msg"
)

func Example() {
	fmt.Println(msg.Languages())
	fmt.Println(msg.T("es", "Improvements"))
	fmt.Println(msg.Sprintf("es", "%s, %s in %s", "1 error", "2 advertencias", "1 archivo"))
	fmt.Println(msg.Tc("es", "pillar", "responsiveness"))
	// Output:
	// [en es]
	// Mejoras
	// 1 error, 2 advertencias en 1 archivo
	// rapidez de respuesta
}

func ExamplePlural() {
	for _, n := range []int{0, 1, 2} {
		fmt.Println(fmt.Sprintf(msg.Plural("en", n, "%d warning", "%d warnings"), n),
			"/", fmt.Sprintf(msg.Plural("es", n, "%d warning", "%d warnings"), n))
	}
	// Output:
	// 0 warnings / 0 advertencias
	// 1 warning / 1 advertencia
	// 2 warnings / 2 advertencias
}
