//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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

// -o /dev/null or a FIFO must be written into, never replaced by a file
// (a rename over a device succeeds as root). A FIFO stands in for the
// device here, so that a regression cannot break the machine's /dev/null.
func TestOutputIntoSpecialFile(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "c.yaml", validCycle)
	fifo := filepath.Join(dir, "pipe.svg")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	link := filepath.Join(dir, "link.svg")
	if err := os.Symlink("pipe.svg", link); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{fifo, link} {
		got := make(chan []byte)
		go func() {
			data, _ := os.ReadFile(fifo) // opens once the writer does
			got <- data
		}()
		if code, _, errOut := run(t, "", "render", in, "-o", out); code != ExitOK {
			t.Fatalf("-o %s: exit %d: %s", out, code, errOut)
		}
		select {
		case data := <-got:
			if !strings.Contains(string(data), "<svg") {
				t.Errorf("-o %s: the reader got %d bytes, no svg", out, len(data))
			}
		case <-time.After(time.Minute): // a guard against a hang, not a timing
			t.Fatalf("-o %s: nothing was written into the FIFO", out)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced: %v", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link to the FIFO was replaced: %v", err)
	}
}
