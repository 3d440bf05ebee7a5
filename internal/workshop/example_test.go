package workshop_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/workshop"
)

// A workshop on loopback: the facilitator opens FacilitatorURL, the room
// opens ParticipantURL with the code (Serve runs until its context ends).
func Example() {
	src := []byte("title: Phone repair\nmoments:\n  - id: arrive\n    name: Arrives at the counter\n")
	c, err := cycle.Parse("cycle.yaml", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "workshop-example")
	defer os.RemoveAll(dir)
	s, err := workshop.New(context.Background(), workshop.Options{
		File: "cycle.yaml", Src: src, Cycle: c,
		Journal: filepath.Join(dir, "cycle.workshop.jsonl"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	ls := workshop.Listeners{Facilitator: ln}
	fmt.Println(len(s.Code()), len(s.ParticipantURL(ls)) > len("http://127.0.0.1:"))
	// Output: 9 true
}
