package watch_test

import (
	"fmt"

	"github.com/ciclo-dev/ciclo/internal/watch"
)

func ExampleFinding_Location() {
	f := watch.Finding{File: "cycle.yaml", Line: 12, Column: 5, Severity: "error", Message: `unknown key "ownr"`}
	fmt.Println(f.Location())
	// Output: cycle.yaml:12:5
}
