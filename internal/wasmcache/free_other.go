//go:build unix && !linux && !darwin

package wasmcache

// freeSpace is not checked on this system.
func freeSpace(string) (uint64, bool) { return 0, false }
