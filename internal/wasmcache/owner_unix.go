//go:build unix

package wasmcache

import (
	"fmt"
	"os"
	"syscall"
)

// ownedByMe reports whether fi belongs to the current user.
func ownedByMe(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}

// stamp identifies a file's contents as last written: its device, inode,
// size and modification time. Writing the file, or putting another in
// its place, changes it; only the user (who owns the private directory)
// could forge it.
func stamp(fi os.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d %d %d %d", st.Dev, st.Ino, fi.Size(), fi.ModTime().UnixNano())
}
