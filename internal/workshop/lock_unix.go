//go:build unix

package workshop

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on f for the life of the process (or
// until f is closed), so two workshops never write one journal.
func lockFile(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return errJournalBusy
	}
	return err
}
