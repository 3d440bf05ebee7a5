package exchange

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// doneAfter is a context that reports itself cancelled from its n-th
// Err call on, as if Ctrl-C came while the import was reading.
type doneAfter struct {
	context.Context
	n, calls int
}

func (c *doneAfter) Err() error {
	c.calls++
	if c.calls >= c.n {
		return context.Canceled
	}
	return nil
}

func (c *doneAfter) Done() <-chan struct{} { return nil }

func (c *doneAfter) Deadline() (time.Time, bool) { return time.Time{}, false }

// bigCSV is a valid sheet of rows moments in the rows layout.
func bigCSV(rows int) []byte {
	var b strings.Builder
	b.WriteString("title,Big\nmoment,importance,performance\n")
	for i := range rows {
		fmt.Fprintf(&b, "Moment %d,4,3\n", i)
	}
	return []byte(b.String())
}

// TestImportCancelled: an import interrupted while it reads the rows
// stops there, returning the context's error and no result.
func TestImportCancelled(t *testing.T) {
	data := bigCSV(20_000)
	ctx := &doneAfter{Context: context.Background(), n: 50}
	res, err := ImportContext(ctx, "big.csv", data, Options{})
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("got %v, %v; want context.Canceled and no result", res, err)
	}
	if ctx.calls != ctx.n {
		t.Errorf("the context was asked %d times after it was done; the read should stop at once", ctx.calls-ctx.n)
	}
	// the same sheet, not interrupted, reads to its end (it is over the
	// moment limit, which is only found after reading every row)
	if _, err := ImportContext(context.Background(), "big.csv", data, Options{}); err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("uninterrupted: %v, want the moment limit", err)
	}
}
