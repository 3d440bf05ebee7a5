package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeFileAtomic writes data to path whole or not at all: it writes a
// temporary file in the same directory and renames it over path.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	ok = true
	return nil
}

// writeOutput writes data to the named output: "-" or "" is w (stdout),
// anything else a file written atomically. Failures are misuse (exit 2).
func writeOutput(w io.Writer, name string, data []byte) error {
	if name == "" || name == "-" {
		if _, err := w.Write(data); err != nil {
			return misuse(fmt.Errorf("cannot write output: %w", err))
		}
		return nil
	}
	if err := writeFileAtomic(name, data); err != nil {
		return misuse(err)
	}
	return nil
}
