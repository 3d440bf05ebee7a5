package wasmcache

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// module builds a compiled module as wazero v1.10 writes it.
func module(version string, code []byte, sourceMap bool) []byte {
	var b bytes.Buffer
	b.WriteString("WAZEVO")
	b.WriteByte(byte(len(version)))
	b.WriteString(version)
	binary.Write(&b, binary.LittleEndian, uint32(2)) // two functions
	binary.Write(&b, binary.LittleEndian, uint64(0))
	binary.Write(&b, binary.LittleEndian, uint64(8))
	binary.Write(&b, binary.LittleEndian, uint64(len(code)))
	b.Write(code)
	binary.Write(&b, binary.LittleEndian, crc32.Checksum(code, crc32.MakeTable(crc32.Castagnoli)))
	if sourceMap {
		b.WriteByte(1)
		binary.Write(&b, binary.LittleEndian, uint64(1))
		binary.Write(&b, binary.LittleEndian, uint64(3))
		binary.Write(&b, binary.LittleEndian, uint64(4))
	} else {
		b.WriteByte(0)
	}
	return b.Bytes()
}

func TestValidModule(t *testing.T) {
	code := bytes.Repeat([]byte{0x90, 0xc3}, 1000)
	good := module("v1.10.1", code, false)
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 1
	for _, c := range []struct {
		name string
		data []byte
		want bool
	}{
		{"whole", good, true},
		{"with a source map", module("v1.10.1", code, true), true},
		{"another wazero version (wazero recompiles)", module("v1.9.0", code, false), true},
		{"truncated", good[:len(good)/2], false},
		{"one byte short", good[:len(good)-1], false},
		{"a byte more", append(bytes.Clone(good), 0), false},
		{"a flipped byte", flipped, false},
		{"empty", nil, false},
		{"not a module", []byte("#!/bin/sh\nrm -rf ~\n"), false},
	} {
		if got := validModule(bytes.NewReader(c.data), int64(len(c.data)), "v1.10.1"); got != c.want {
			t.Errorf("%s: valid %v, want %v", c.name, got, c.want)
		}
	}
}

// prepare makes a private folder, removes what cannot be trusted and
// keeps whole modules.
func TestPrepare(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CACHE_HOME", "")
	top, err := prepare()
	if err != nil {
		t.Fatal(err)
	}
	if top != filepath.Join(home, ".cache", "ciclo") {
		t.Fatalf("cache in %s", top)
	}
	ver := filepath.Join(top, "go-graphviz", "wazero-v1.10.1-"+runtime.GOARCH+"-"+runtime.GOOS)
	os.MkdirAll(ver, 0o777)
	os.Chmod(ver, 0o777)
	good := filepath.Join(ver, "good")
	os.WriteFile(good, module("v1.10.1", []byte{1, 2, 3}, false), 0o600)
	bad := filepath.Join(ver, "bad")
	os.WriteFile(bad, []byte("WAZEVO"), 0o600)
	link := filepath.Join(ver, "link")
	os.Symlink(good, link)
	writing := filepath.Join(ver, "good.123.tmp") // another process's write under way
	os.WriteFile(writing, []byte("WAZ"), 0o600)
	stale := filepath.Join(ver, "old.456.tmp") // left by a crash long ago
	os.WriteFile(stale, []byte("WAZ"), 0o600)
	os.Chtimes(stale, time.Now().Add(-time.Hour), time.Now().Add(-time.Hour))
	stray := filepath.Join(top, "go-graphviz", "stray-file")
	os.WriteFile(stray, nil, 0o600)
	os.Chmod(top, 0o755)
	if _, err := prepare(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(writing); err != nil {
		t.Errorf("a write under way was removed: %v", err)
	}
	for _, p := range []string{bad, link, stray, stale} {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s was kept", filepath.Base(p))
		}
	}
	if _, err := os.Stat(good); err != nil {
		t.Errorf("the whole module was removed: %v", err)
	}
	for _, d := range []string{top, ver} {
		if fi, _ := os.Stat(d); fi.Mode().Perm() != 0o700 {
			t.Errorf("%s is %v, want 0700", d, fi.Mode().Perm())
		}
	}
	// A cache folder that is a link is not used.
	os.RemoveAll(top)
	os.Symlink(t.TempDir(), top)
	if _, err := prepare(); err == nil {
		t.Error("a linked cache folder was used")
	}
}

// A disk too full for the first write means no cache, not a panic midway.
func TestFullDiskMeansNoCache(t *testing.T) {
	if _, ok := freeSpace(os.TempDir()); !ok {
		t.Skip("free space is not known on this system")
	}
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CACHE_HOME", "")
	defer func(m uint64) { minFree = m }(minFree)
	minFree = 1 << 62
	if _, err := prepare(); err == nil || !strings.Contains(err.Error(), "MiB free") {
		t.Errorf("prepare on a full disk: %v", err)
	}
}

// A module found whole is stamped and not read again at the next start;
// written again (a new modification time), it is read and checked anew.
func TestCheckedOnce(t *testing.T) {
	if stamp(mustStat(t, t.TempDir())) == "" {
		t.Skip("files carry no inode here: every start reads every file")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CACHE_HOME", "")
	top, err := prepare()
	if err != nil {
		t.Fatal(err)
	}
	ver := filepath.Join(top, "go-graphviz", "wazero-v1.10.1-"+runtime.GOARCH+"-"+runtime.GOOS)
	os.MkdirAll(ver, 0o700)
	good := filepath.Join(ver, "good")
	whole := module("v1.10.1", bytes.Repeat([]byte{7}, 64), false)
	os.WriteFile(good, whole, 0o600)
	if _, err := prepare(); err != nil {
		t.Fatal(err)
	}
	if got := readChecked(top)[good]; got == "" || got != stamp(mustStat(t, good)) {
		t.Fatalf("the whole module is stamped %q", got)
	}
	// the same bytes count, the same inode and time, other contents: the
	// stamp says it was checked, so it is not read (what the stamp saves)
	then := mustStat(t, good).ModTime()
	broken := bytes.Clone(whole)
	broken[len(broken)/2] ^= 1
	f, err := os.OpenFile(good, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt(broken, 0)
	f.Close()
	os.Chtimes(good, then, then)
	if _, err := prepare(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(good); err != nil {
		t.Fatalf("a stamped module was read again: %v", err)
	}
	// written again: a new time, read and found broken, removed
	later := then.Add(time.Second)
	os.Chtimes(good, later, later)
	if _, err := prepare(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(good); err == nil {
		t.Error("a module written since its check was not checked again")
	}
	if _, ok := readChecked(top)[good]; ok {
		t.Error("the removed module keeps its stamp")
	}
}

func mustStat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// Restore gives the collector back the settings it had before init (the
// test binary imports no go-graphviz, so nothing has restored them yet).
func TestRestoreCollector(t *testing.T) {
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("while waiting for Restore the collector runs at %d%%", p)
	}
	Restore()
	if p := debug.SetGCPercent(gcPercent); p != gcPercent || p < 0 {
		t.Errorf("after Restore the collector runs at %d%%, want %d%%", p, gcPercent)
	}
	if l := debug.SetMemoryLimit(-1); l != memLimit {
		t.Errorf("after Restore the memory limit is %d, want %d", l, memLimit)
	}
}
