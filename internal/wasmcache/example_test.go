package wasmcache_test

import (
	"fmt"
	"path/filepath"

	"github.com/ciclo-dev/ciclo/internal/wasmcache"
)

// Dir tells where go-graphviz keeps its compiled code in this process.
func ExampleDir() {
	dir, err := wasmcache.Dir()
	if err != nil {
		fmt.Println("running without a cache:", err)
		return
	}
	fmt.Println(filepath.Base(filepath.Dir(dir)), filepath.Base(dir))
	// Output: ciclo go-graphviz
}
