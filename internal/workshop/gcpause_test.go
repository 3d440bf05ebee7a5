package workshop

import (
	"runtime/debug"
	"sync"
	"testing"
)

// TestPauseGCOverlapping pauses the collector from many goroutines at
// once, their pauses overlapping in every order: while any is under way
// the collector is off, and when the last ends it has its setting back.
// Saving and restoring the setting in each pause, as the draws did, can
// leave it off for good (one pause saves another's "off").
func TestPauseGCOverlapping(t *testing.T) {
	old := debug.SetGCPercent(137)
	defer debug.SetGCPercent(old)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			resume := pauseGC()
			if p := debug.SetGCPercent(-1); p != -1 {
				t.Errorf("the collector runs (%d%%) during a pause", p)
			}
			resume()
		}()
	}
	close(start)
	wg.Wait()
	if p := debug.SetGCPercent(137); p != 137 {
		t.Errorf("after every pause the collector is at %d%%, want 137%%", p)
	}
}
