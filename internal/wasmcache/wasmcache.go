// Package wasmcache keeps the compiled code of go-graphviz's WebAssembly
// module in a directory only the current user owns, and makes a cache
// that cannot be used cost speed instead of a panic.
//
// go-graphviz v0.2.10 compiles Graphviz to native code in its package
// init and keeps the result in os.TempDir()/go-graphviz: on Unix a
// directory in /tmp that another user can create first, fill, or replace
// files in, and whose files are loaded and run as native code. A corrupt,
// unreadable or unwritable cache makes that init panic, before main runs.
//
// This package is initialised before go-graphviz: Go initialises the
// packages of a program in dependency order, breaking ties by import path,
// and github.com/ciclo-dev/... sorts before github.com/goccy/... and
// github.com/tetratelabs/... while this package imports only the standard
// library. Its init prepares <user cache dir>/ciclo (0700, owned by the
// user, every cache file checked and the bad ones removed; a file found
// whole is stamped in <user cache dir>/ciclo/checked with its device,
// inode, size and time, and read again only once it changes) and points the
// temporary directory variable at it; when that cannot be done safely it
// points it at a path where nothing can be created, and go-graphviz runs
// without a cache. render's init then calls Restore, so the rest of the
// program and its child processes see the temporary directory the user
// set. Render re-instantiates the module with Do.
package wasmcache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
)

// Sub is the directory, under the user cache directory, that holds
// go-graphviz's cache (go-graphviz adds "go-graphviz" to it).
const Sub = "ciclo"

// minFree is the free space, in bytes, a first run needs to write the
// compiled module (about 6 MB) without running out midway (a variable for
// tests).
var minFree uint64 = 64 << 20

var (
	mu       sync.Mutex
	envName  = tempEnv()
	saved    string // the variable's value before init
	wasSet   bool   // whether it was set at all
	restored bool
	dir      string // the directory given to go-graphviz; "" when the cache is off
	reason   error  // why the cache is off
)

func init() {
	// go-graphviz's init loads the compiled module (a few megabytes of
	// short-lived allocations): the collector waits until Restore, or
	// until the heap reaches startLimit, instead of running several
	// times during it (4 ms of a 50 ms start)
	gcPercent, memLimit = debug.SetGCPercent(-1), debug.SetMemoryLimit(startLimit)
	saved, wasSet = os.LookupEnv(envName)
	dir, reason = prepare()
	point()
}

// point sets the temporary directory variable for go-graphviz's init.
func point() {
	if dir != "" {
		os.Setenv(envName, dir)
		return
	}
	// os.TempDir()/go-graphviz under the null device cannot be created,
	// so go-graphviz compiles without a cache.
	os.Setenv(envName, os.DevNull)
}

// Restore gives the temporary directory variable back the value it had
// when the program started. render's init calls it once go-graphviz is
// initialised; calling it again does nothing.
func Restore() {
	mu.Lock()
	defer mu.Unlock()
	if restored {
		return
	}
	restored = true
	restore()
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memLimit)
}

// startLimit bounds the heap while the collector waits at start.
const startLimit = 256 << 20

// gcPercent and memLimit are the collector's settings before init.
var gcPercent int
var memLimit int64

func restore() {
	if wasSet {
		os.Setenv(envName, saved)
	} else {
		os.Unsetenv(envName)
	}
}

// Do runs f, which initialises go-graphviz's module again, with the
// temporary directory pointed at the private cache (checked again), and
// restores it after.
func Do(f func()) {
	mu.Lock()
	defer mu.Unlock()
	dir, reason = prepare()
	point()
	defer restore()
	f()
}

// Dir returns the directory go-graphviz's cache lives in (with
// "go-graphviz" added), or "" and the reason when it runs without one.
func Dir() (string, error) {
	mu.Lock()
	defer mu.Unlock()
	if dir == "" {
		return "", reason
	}
	return filepath.Join(dir, "go-graphviz"), nil
}

// tempEnv names the variable os.TempDir reads first.
func tempEnv() string {
	if runtime.GOOS == "windows" {
		return "TMP"
	}
	return "TMPDIR"
}

// prepare makes <user cache dir>/ciclo/go-graphviz safe to use and returns
// <user cache dir>/ciclo, or "" and why not.
func prepare() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	if !filepath.IsAbs(base) {
		return "", fmt.Errorf("user cache directory %q is not absolute", base)
	}
	top := filepath.Join(base, Sub)
	gv := filepath.Join(top, "go-graphviz")
	if err := os.MkdirAll(base, 0o700); err != nil {
		return "", err
	}
	// Each folder is checked before anything is made inside it.
	for _, d := range []string{top, gv} {
		if err := os.Mkdir(d, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return "", err
		}
		if err := private(d); err != nil {
			return "", err
		}
	}
	seen := readChecked(top)
	good, now, err := clean(gv, seen)
	if err != nil {
		return "", err
	}
	if !maps.Equal(seen, now) {
		writeChecked(top, now) // a cache that cannot keep it is checked again next time
	}
	if good == 0 {
		// The first run writes the compiled module: a full disk or a
		// directory that refuses files would make go-graphviz panic.
		if err := writable(gv); err != nil {
			return "", err
		}
	}
	return top, nil
}

// private checks that d is a directory, not a link, owned by the current
// user and closed to everyone else; a directory of the user's that others
// may enter is closed.
func private(d string) error {
	fi, err := os.Lstat(d)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a directory", d)
	}
	if !ownedByMe(fi) {
		return fmt.Errorf("%s belongs to another user", d)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(d, 0o700); err != nil {
			return fmt.Errorf("%s is open to other users: %w", d, err)
		}
	}
	return nil
}

// clean checks every entry under the go-graphviz directory: version
// directories must be private, cache files regular, the user's and whole
// (as wazero reads them); anything else is removed. A file found whole
// before (seen: its path and stamp) and not changed since is not read
// again. It returns how many good cache files remain, and the stamps of
// those found whole.
func clean(gv string, seen map[string]string) (int, map[string]string, error) {
	good := 0
	whole := map[string]string{}
	vers, err := os.ReadDir(gv)
	if err != nil {
		return 0, nil, err
	}
	for _, v := range vers {
		vp := filepath.Join(gv, v.Name())
		if !v.IsDir() || private(vp) != nil {
			if err := os.RemoveAll(vp); err != nil {
				return 0, nil, err
			}
			continue
		}
		files, err := os.ReadDir(vp)
		if err != nil {
			return 0, nil, err
		}
		version := wazeroVersion(v.Name())
		for _, f := range files {
			fp := filepath.Join(vp, f.Name())
			if st, ok := validFile(fp, version, seen[fp]); ok {
				good++
				if st != "" {
					whole[fp] = st
				}
				continue
			}
			if inFlight(fp) {
				continue // another ciclo starting now is writing it
			}
			if err := os.RemoveAll(fp); err != nil {
				return 0, nil, err
			}
		}
	}
	return good, whole, nil
}

// wazeroVersion reads the version from a directory named
// wazero-<version>-<arch>-<os>.
func wazeroVersion(name string) string {
	s := strings.TrimPrefix(name, "wazero-")
	suffix := "-" + runtime.GOARCH + "-" + runtime.GOOS
	if s == name || !strings.HasSuffix(s, suffix) {
		return ""
	}
	return strings.TrimSuffix(s, suffix)
}

// validFile reports whether path is a regular file of the current user
// holding a whole compiled module as wazero v1.10 writes it: the magic
// "WAZEVO", the wazero version, the function offsets, the native code
// with its CRC-32C, and the optional source map, nothing missing and
// nothing after. A file from another wazero version is left for wazero,
// which recompiles over it. It also returns the file's stamp (see
// stamp); a file whose stamp is seen, found whole at an earlier start
// and not written since, is not read again.
func validFile(path, version, seen string) (string, bool) {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || !ownedByMe(fi) || version == "" {
		return "", false
	}
	st := stamp(fi)
	if st != "" && st == seen {
		return st, true
	}
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	return st, validModule(f, fi.Size(), version)
}

// checkedName is the file, in the private cache directory, that keeps
// the stamps of the cache files found whole: the path, a tab, the stamp.
const checkedName = "checked"

// readChecked reads the stamps of the cache files found whole before.
func readChecked(top string) map[string]string {
	out := map[string]string{}
	fp := filepath.Join(top, checkedName)
	fi, err := os.Lstat(fp)
	if err != nil || !fi.Mode().IsRegular() || !ownedByMe(fi) || fi.Size() > 1<<16 {
		return out
	}
	b, err := os.ReadFile(fp)
	if err != nil {
		return out
	}
	for _, line := range strings.Split(string(b), "\n") {
		if path, st, ok := strings.Cut(line, "\t"); ok && path != "" && st != "" {
			out[path] = st
		}
	}
	return out
}

// writeChecked writes the stamps, replacing the file whole (a file
// written halfway is never read as stamps).
func writeChecked(top string, stamps map[string]string) {
	var b strings.Builder
	for _, path := range slices.Sorted(maps.Keys(stamps)) {
		if !strings.ContainsAny(path, "\t\n") {
			fmt.Fprintf(&b, "%s\t%s\n", path, stamps[path])
		}
	}
	f, err := os.CreateTemp(top, ".checked-*")
	if err != nil {
		return
	}
	_, werr := f.WriteString(b.String())
	if errors.Join(werr, f.Close()) != nil || os.Rename(f.Name(), filepath.Join(top, checkedName)) != nil {
		os.Remove(f.Name())
	}
}

// inFlight reports whether path is a recent temporary file, which wazero
// writes and then renames into place: removing it under another process
// starting at the same moment would make that process's init panic.
func inFlight(path string) bool {
	if !strings.HasSuffix(path, ".tmp") {
		return false
	}
	fi, err := os.Lstat(path)
	return err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) < 10*time.Minute
}

var (
	magic      = []byte("WAZEVO")
	castagnoli = crc32.MakeTable(crc32.Castagnoli)
)

// validModule checks a compiled module of size bytes read from r.
func validModule(r io.Reader, size int64, version string) bool {
	var b [8]byte
	head := make([]byte, len(magic)+1)
	if _, err := io.ReadFull(r, head); err != nil || !bytes.Equal(head[:len(magic)], magic) {
		return false
	}
	v := make([]byte, int(head[len(magic)]))
	if _, err := io.ReadFull(r, v); err != nil {
		return false
	}
	if string(v) != version {
		return true // stale: wazero notices and recompiles
	}
	if _, err := io.ReadFull(r, b[:4]); err != nil {
		return false
	}
	left := size - int64(len(head)+len(v)+4)
	n := int64(binary.LittleEndian.Uint32(b[:4]))
	if n*8 > left {
		return false
	}
	if _, err := io.CopyN(io.Discard, r, n*8); err != nil {
		return false
	}
	left -= n * 8
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return false
	}
	left -= 8
	codeLen := binary.LittleEndian.Uint64(b[:])
	if codeLen > uint64(left) {
		return false
	}
	h := crc32.New(castagnoli)
	if _, err := io.CopyN(h, r, int64(codeLen)); err != nil {
		return false
	}
	left -= int64(codeLen)
	if codeLen > 0 {
		if _, err := io.ReadFull(r, b[:4]); err != nil || binary.LittleEndian.Uint32(b[:4]) != h.Sum32() {
			return false
		}
		left -= 4
	}
	if _, err := io.ReadFull(r, b[:1]); err != nil {
		return false
	}
	left--
	switch b[0] {
	case 0:
		return left == 0
	case 1:
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return false
		}
		left -= 8
		m := binary.LittleEndian.Uint64(b[:])
		return m <= uint64(left)/16 && int64(m)*16 == left
	}
	return false
}

// writable checks that a file of the compiled module's size can be
// created in d.
func writable(d string) error {
	if free, ok := freeSpace(d); ok && free < minFree {
		return fmt.Errorf("%s: only %d MiB free", d, free>>20)
	}
	f, err := os.CreateTemp(d, ".probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	err = errors.Join(f.Close(), os.Remove(name))
	return err
}
