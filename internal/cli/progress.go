package cli

import (
	"fmt"
	"io"
)

// progressMin is the smallest batch that shows a progress line.
const progressMin = 10

// progress shows "rendering N/M" on a terminal's stderr for large
// batches, rewriting one line. On anything but a terminal (CI logs) it
// writes nothing.
type progress struct {
	w     io.Writer
	n, of int
	on    bool
}

func newProgress(ios *IOStreams, total int) *progress {
	return &progress{w: ios.ErrOut, of: total, on: ios.ErrIsTerminal && total >= progressMin}
}

// step counts one finished file.
func (p *progress) step() {
	p.n++
	if p.on {
		fmt.Fprintf(p.w, "\rrendering %d/%d", p.n, p.of)
	}
}

// clear erases the line so that a message can be printed.
func (p *progress) clear() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// done erases the line for good.
func (p *progress) done() {
	p.clear()
	p.on = false
}
