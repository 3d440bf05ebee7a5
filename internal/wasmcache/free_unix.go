//go:build linux || darwin

package wasmcache

import "syscall"

// freeSpace returns the bytes an unprivileged user may still write in d.
func freeSpace(d string) (uint64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(d, &st); err != nil {
		return 0, false
	}
	return uint64(st.Bavail) * uint64(st.Bsize), true
}
