package watch

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// newWatcher watches dir. The file's directory is watched rather than the
// file itself: editors that save by renaming a temporary file over the
// original, or by deleting and recreating it, replace the inode a watch on
// the file would follow.
func newWatcher(dir string) (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", dir, err)
	}
	if err := w.Add(dir); err != nil {
		w.Close()
		return nil, fmt.Errorf("watching %s: %w", dir, err)
	}
	return w, nil
}

// watch reloads the file after each burst of events that name it, until
// ctx is done or the watcher closes.
func (s *Server) watch(ctx context.Context, w *fsnotify.Watcher) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var fire <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if !s.concerns(ev) {
				continue
			}
			timer.Reset(s.opts.Debounce)
			fire = timer.C
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(s.log, "ciclo: warning: watching %s: %v\n", s.dir, err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: read the file again to be sure.
				timer.Reset(s.opts.Debounce)
				fire = timer.C
			}
		case <-fire:
			fire = nil
			s.reload(ctx)
		}
	}
}

// concerns reports whether ev is about the watched file.
func (s *Server) concerns(ev fsnotify.Event) bool {
	return filepath.Base(ev.Name) == s.base && filepath.Clean(filepath.Dir(ev.Name)) == s.dir
}
