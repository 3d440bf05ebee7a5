package sse

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// feed is a Source whose state the test sets: each set closes the channel
// handed out with the previous state.
type feed struct {
	mu      sync.Mutex
	ev      *Event
	changed chan struct{}
	err     error
	calls   int
}

func newFeed(ev *Event) *feed { return &feed{ev: ev, changed: make(chan struct{})} }

func (f *feed) next() (*Event, <-chan struct{}, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	ev := f.ev
	f.ev = nil // sent: nothing new until the next set
	return ev, f.changed, f.err
}

func (f *feed) set(ev *Event, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ev, f.err = ev, err
	close(f.changed)
	f.changed = make(chan struct{})
}

// serve starts a server whose one handler runs Serve on f; done is closed
// when a stream's Serve returns.
func serve(t *testing.T, opts Options, f *feed) (url string, done <-chan struct{}, stop context.CancelFunc) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	d := make(chan struct{})
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		Serve(w, r, opts, f.next)
		close(d)
	}))
	srv.Config.BaseContext = func(net.Listener) context.Context { return ctx }
	srv.Start()
	t.Cleanup(func() { cancel(); srv.Close() })
	return srv.URL, d, cancel
}

// open GETs url and returns a reader of its lines.
func open(t *testing.T, url string) (*http.Response, *bufio.Reader) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp, bufio.NewReader(resp.Body)
}

// block reads up to the next blank line: one event or comment.
func block(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	var b strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("after %q: %v", b.String(), err)
		}
		if line == "\n" {
			return b.String()
		}
		b.WriteString(line)
	}
}

func TestServeSendsEachChange(t *testing.T) {
	f := newFeed(&Event{Name: "update", ID: "1", Data: []byte(`{"n":1}`)})
	url, done, _ := serve(t, Options{}, f)
	resp, r := open(t, url)
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream; charset=utf-8" || resp.Header.Get("X-Accel-Buffering") != "no" {
		t.Errorf("headers %v", resp.Header)
	}
	if got := block(t, r); got != "retry: 1000\n" {
		t.Errorf("first block %q", got)
	}
	if got := block(t, r); got != "event: update\nid: 1\ndata: {\"n\":1}\n" {
		t.Errorf("first event %q", got)
	}
	// A change with nothing new to send sends nothing; the next one does.
	f.set(nil, nil)
	f.set(&Event{Name: "update", Data: []byte(`{"n":2}`)}, nil)
	if got := block(t, r); got != "event: update\ndata: {\"n\":2}\n" {
		t.Errorf("second event %q", got)
	}
	resp.Body.Close() // the client leaves
	f.set(nil, nil)   // a write may be needed to notice; none comes, the context ends it
	<-done
}

func TestServeStopsOnShutdownAndError(t *testing.T) {
	f := newFeed(&Event{Data: []byte("x")})
	url, done, stop := serve(t, Options{}, f)
	_, r := open(t, url)
	block(t, r)
	if got := block(t, r); got != "data: x\n" {
		t.Errorf("event %q", got)
	}
	stop() // the server's base context ends: shutting down
	<-done // the stream is over (the test hangs otherwise)

	f = newFeed(&Event{Data: []byte("y")})
	url, done, _ = serve(t, Options{}, f)
	_, r = open(t, url)
	block(t, r)
	block(t, r)
	f.set(nil, errors.New("gone"))
	<-done
	if rest, _ := io.ReadAll(r); len(rest) != 0 {
		t.Errorf("after the source's error: %q", rest)
	}
}

func TestServeKeepsAlive(t *testing.T) {
	f := newFeed(nil)
	url, _, _ := serve(t, Options{Heartbeat: time.Millisecond}, f)
	_, r := open(t, url)
	block(t, r)
	if got := block(t, r); got != ": ping\n" {
		t.Errorf("idle stream sent %q, want a ping comment", got)
	}
}

// TestServeGap: changes that come within the gap are sent as one event,
// with the state after the last of them.
func TestServeGap(t *testing.T) {
	f := newFeed(&Event{Data: []byte("1")})
	url, _, _ := serve(t, Options{Gap: 100 * time.Millisecond}, f)
	_, r := open(t, url)
	block(t, r)
	block(t, r)
	f.set(&Event{Data: []byte("2")}, nil)
	f.set(&Event{Data: []byte("3")}, nil)
	if got := block(t, r); got != "data: 3\n" {
		t.Errorf("after two quick changes: %q, want the last state alone", got)
	}
}

func TestServeHead(t *testing.T) {
	f := newFeed(&Event{Data: []byte("x")})
	url, done, _ := serve(t, Options{}, f)
	resp, err := http.Head(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	<-done
	if resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" || f.calls != 0 {
		t.Errorf("HEAD: %v, source asked %d times", resp.Header, f.calls)
	}
}

func TestEncode(t *testing.T) {
	for _, tc := range []struct {
		ev   Event
		want string
	}{
		{Event{Data: []byte("a")}, "data: a\n\n"},
		{Event{Name: "update", ID: "7", Data: []byte("a\nb\r\nc")}, "event: update\nid: 7\ndata: a\ndata: b\ndata: c\n\n"},
		{Event{Name: "up\ndata: forged", ID: "1\r2", Data: nil}, "event: updata: forged\nid: 12\ndata: \n\n"},
	} {
		if got := string(tc.ev.encode()); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.ev, got, tc.want)
		}
	}
}

// TestServeDropsAClientThatStopsReading opens a stream with a bare
// connection that never reads, and sends events larger than the
// connection's buffers: the write blocks, and Serve ends once it has
// waited WriteWait, instead of holding the stream (and the server's
// shutdown) for as long as the client stays connected.
func TestServeDropsAClientThatStopsReading(t *testing.T) {
	big := []byte(strings.Repeat("x", 8<<20))
	f := newFeed(&Event{Data: big})
	url, done, _ := serve(t, Options{WriteWait: 50 * time.Millisecond}, f)
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("the stream to a client that reads nothing is still open after a minute")
	}
}
