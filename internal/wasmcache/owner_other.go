//go:build !unix

package wasmcache

import "os"

// ownedByMe trusts the user cache directory's own permissions where files
// carry no Unix owner.
func ownedByMe(os.FileInfo) bool { return true }

// freeSpace is unknown here.
func freeSpace(string) (uint64, bool) { return 0, false }

// stamp is empty where files carry no inode: every cache file is read
// and checked at every start.
func stamp(os.FileInfo) string { return "" }
