package sse_test

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/ciclo-dev/ciclo/internal/sse"
)

// A handler that streams a counter's value: the state at once, then at
// every change (here none: the channel never closes).
func ExampleServe() {
	never := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sse.Serve(w, r, sse.Options{}, func() (*sse.Event, <-chan struct{}, error) {
			return &sse.Event{Name: "update", ID: "1", Data: []byte(`{"count":1}`)}, never, nil
		})
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	for range 6 {
		line, _ := r.ReadString('\n')
		fmt.Print(line)
	}
	// Output:
	// retry: 1000
	//
	// event: update
	// id: 1
	// data: {"count":1}
	//
}
