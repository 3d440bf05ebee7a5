// Package sse serves Server-Sent Events streams: the one loop that ciclo's
// live servers (watch's preview, the workshop's pages) run for each open
// stream. It sets the headers, sends the state at once and again at each
// change, keeps an idle connection alive with a comment, flushes after
// every write, and stops when the client leaves, the server shuts down
// (both end the request's context) or a write fails.
//
// What is sent, and to whom, is the caller's: the package writes the
// events the caller's Source returns and nothing else.
package sse

import (
	"bytes"
	"fmt"
	"net/http"
	"time"
)

// DefaultHeartbeat is how often an idle stream sends a comment line, so
// that a dead connection (a phone that left the Wi-Fi) is noticed by a
// failed write and proxies do not close a quiet one.
const DefaultHeartbeat = 20 * time.Second

// Retry is the reconnection delay the stream asks browsers for, in its
// first line.
const Retry = time.Second

// Event is one message of a stream.
type Event struct {
	Name string // the event's type ("update"); "" is a plain message
	ID   string // the last-event id the browser keeps; "" sends none
	// Data is the payload, usually one line of JSON; each line of it is
	// sent as its own data line, as the format requires.
	Data []byte
}

// Source tells a stream what to send: the event for the current state
// (nil when there is nothing new to send) and a channel that is closed
// at the next change. The channel must be taken with the state it goes
// with, so that no change falls between them. An error ends the stream.
type Source func() (ev *Event, changed <-chan struct{}, err error)

// Options shape a stream; the zero value is fine.
type Options struct {
	// Heartbeat is how often an idle stream sends a comment; 0 is
	// DefaultHeartbeat.
	Heartbeat time.Duration
	// Gap is the least time between two looks at the state: changes that
	// come faster are sent together, one event for all. 0 sends each.
	Gap time.Duration
	// WriteWait is how long one write and flush may take; a client that
	// stops reading (its buffers full) is dropped then, instead of
	// holding the stream, and the server's shutdown, for ever. 0 is
	// DefaultWriteWait.
	WriteWait time.Duration
}

// DefaultWriteWait is Options.WriteWait's default.
const DefaultWriteWait = 30 * time.Second

// Serve runs one stream on w for the request r until the request's
// context ends (the client left, or the server shut down and cancelled
// its base context), a write or flush fails, or next returns an error. A
// HEAD request gets the headers alone. Serve returns when the stream is
// over; the caller's handler then returns.
func Serve(w http.ResponseWriter, r *http.Request, opts Options, next Source) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no") // nginx and the like: do not buffer
	if r.Method == http.MethodHead {
		return
	}
	beat := opts.Heartbeat
	if beat <= 0 {
		beat = DefaultHeartbeat
	}
	wait := opts.WriteWait
	if wait <= 0 {
		wait = DefaultWriteWait
	}
	rc := http.NewResponseController(w)
	// each write and its flush get wait to finish (a writer without
	// deadlines, such as a test's recorder, gets none)
	deadline := func() { rc.SetWriteDeadline(time.Now().Add(wait)) }
	ctx := r.Context()
	tick := time.NewTicker(beat)
	defer tick.Stop()
	deadline()
	if _, err := fmt.Fprintf(w, "retry: %d\n\n", Retry.Milliseconds()); err != nil {
		return
	}
	for {
		ev, changed, err := next()
		if err != nil {
			return
		}
		deadline()
		if ev != nil {
			if _, err := w.Write(ev.encode()); err != nil {
				return
			}
		}
		if err := rc.Flush(); err != nil {
			return
		}
	wait:
		for {
			select {
			case <-ctx.Done():
				return
			case <-changed:
				break wait
			case <-tick.C:
				deadline()
				if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
					return
				}
				if err := rc.Flush(); err != nil {
					return
				}
			}
		}
		if opts.Gap > 0 {
			t := time.NewTimer(opts.Gap)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
	}
}

// encode writes the event in the text/event-stream format. Line breaks
// in the name or id, which would end the field early and start another,
// are dropped; the data's lines are sent one data field each.
func (e *Event) encode() []byte {
	var b bytes.Buffer
	field := func(name, value string) {
		b.WriteString(name)
		b.WriteString(": ")
		b.WriteString(value)
		b.WriteByte('\n')
	}
	if e.Name != "" {
		field("event", oneLine(e.Name))
	}
	if e.ID != "" {
		field("id", oneLine(e.ID))
	}
	data := bytes.ReplaceAll(bytes.ReplaceAll(e.Data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		field("data", string(line))
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// oneLine drops line breaks and NUL (which would end or break a field).
func oneLine(s string) string {
	return string(bytes.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == 0 {
			return -1
		}
		return r
	}, []byte(s)))
}
