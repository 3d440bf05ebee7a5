//go:build unix

package watch

import (
	"path/filepath"
	"syscall"
	"testing"
)

// A watched file replaced by a FIFO must not block the reload (and the
// server) until something writes to it.
func TestFIFOIsNotRead(t *testing.T) {
	file := filepath.Join(t.TempDir(), "c.yaml")
	if err := syscall.Mkfifo(file, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	s := &Server{path: file}
	if st := s.read(); st.readErr != "is not a regular file" {
		t.Errorf("read gave %+v, want a refusal", st)
	}
}
