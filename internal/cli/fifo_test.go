//go:build unix

package cli

import (
	"path/filepath"
	"syscall"
	"testing"
)

// A FIFO inside a folder would block the run for ever: it is skipped.
func TestFolderSkipsFIFOs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "good.yaml", validCycle)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	if code, _, errOut := run(t, "", "lint", dir); code != ExitOK && code != ExitProblem {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, _, errOut := run(t, "", "render", dir, "-o", filepath.Join(dir, "out"))
	if code != ExitOK {
		t.Fatalf("render: exit %d: %s", code, errOut)
	}
}
