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
