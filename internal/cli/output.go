package cli

import (
	"io"
	"os"
	"path/filepath"
)

// writeFileAtomic writes data to path whole or not at all: it writes a
// temporary file in the same directory and renames it over path. An
// existing file keeps its permissions, a symbolic link keeps pointing at
// the file it names, which is the one replaced, and a device or FIFO is
// written into, not replaced. A link that leads nowhere or loops is an
// error, never replaced by a file. Errors are said in lang.
func writeFileAtomic(lang, path string, data []byte) error { return writeOut(lang, path, data, false) }

// writeFileDurable is writeFileAtomic that returns once the file is on
// disk, whole, under its name: the new content is synced before the
// rename and the directory after it, so that a power cut leaves the old
// file or the new, never an empty one (the workshop's --apply, whose
// journal then records the write). Rendering many files does without.
func writeFileDurable(lang, path string, data []byte) error { return writeOut(lang, path, data, true) }

// writeOut is writeFileAtomic, durable when asked.
func writeOut(lang, path string, data []byte, durable bool) error {
	target, err := finalPath(lang, path)
	if err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(target); err == nil {
		switch {
		case fi.Mode().IsRegular():
			mode = fi.Mode().Perm()
		case !fi.IsDir():
			// a device or FIFO (-o /dev/null, -o /dev/stdout): write into
			// it; renaming over it would replace the device with a file
			return writeInto(lang, target, data)
		}
	}
	dir := filepath.Dir(target)
	f, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return errorf(lang, "cannot write %s: %w", path, unwrapPath(err))
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
		return errorf(lang, "cannot write %s: %w", path, err)
	}
	if err := f.Chmod(mode); err != nil {
		return errorf(lang, "cannot write %s: %w", path, err)
	}
	if durable {
		if err := f.Sync(); err != nil {
			return errorf(lang, "cannot write %s: %w", path, err)
		}
	}
	if err := f.Close(); err != nil {
		return errorf(lang, "cannot write %s: %w", path, err)
	}
	if err := os.Rename(tmp, target); err != nil {
		return errorf(lang, "cannot write %s: %w", path, unwrapPath(err))
	}
	ok = true
	if durable {
		if d, err := os.Open(dir); err == nil {
			err = d.Sync()
			d.Close()
			if err != nil {
				return errorf(lang, "cannot write %s: %w", path, err)
			}
		}
	}
	return nil
}

// writeInto writes data into an existing special file.
func writeInto(lang, path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return errorf(lang, "cannot write %s: %w", path, unwrapPath(err))
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return errorf(lang, "cannot write %s: %w", path, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return errorf(lang, "cannot write %s: %w", path, unwrapPath(err))
	}
	return nil
}

// writeOutput writes data to the named output: "-" or "" is w (stdout),
// anything else a file written atomically. Failures are misuse (exit 2),
// said in lang.
func writeOutput(w io.Writer, lang, name string, data []byte) error {
	if name == "" || name == "-" {
		if _, err := w.Write(data); err != nil {
			return misusef(lang, "cannot write output: %w", err)
		}
		return nil
	}
	if err := writeFileAtomic(lang, name, data); err != nil {
		return misuse(err)
	}
	return nil
}
