package watch

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ciclo-dev/ciclo/internal/msg"
)

// DefaultDebounce is how long the server waits after the last file event
// before it reads the file again.
const DefaultDebounce = 100 * time.Millisecond

// Options configure a Server.
type Options struct {
	// File is the cycle file to watch. It need not exist yet. A symbolic
	// link is followed, when the server starts, to the file it names.
	File string
	// Build turns the file into what the page shows. Required.
	Build Builder
	// Theme is the theme a page gets when it names none; "" means the
	// first of Themes.
	Theme string
	// Debounce is the quiet time after the last file event before the file
	// is read again; 0 means DefaultDebounce.
	Debounce time.Duration
	// MaxSize bounds the bytes read from the file; a larger file is
	// reported with its size, as a file that cannot be read. 0 means no
	// bound.
	MaxSize int64
	// Log receives one line per change of state and warnings; nil discards.
	Log io.Writer
}

// Server is the live preview of one cycle file.
type Server struct {
	opts  Options
	path  string // absolute path of the file
	dir   string // its directory, which is watched
	base  string // its name within dir
	theme string // default theme
	log   io.Writer

	// allowed is set by Serve before the HTTP server starts, never after.
	allowed hostPolicy

	mu       sync.Mutex
	cur      fileState
	lastGood []byte        // content of the last version that built cleanly; nil if none
	changed  chan struct{} // closed and replaced whenever cur changes

	cacheMu sync.Mutex // held across builds: builds run one at a time
	cache   map[cacheKey]built
}

// fileState is one observed version of the file.
type fileState struct {
	version uint64
	missing bool   // the file does not exist
	readErr string // the file exists but cannot be read
	src     []byte
}

type cacheKey struct {
	sum  [sha256.Size]byte
	look Look
}

type built struct {
	snap *Snapshot
	err  error
}

// New returns a server for opts.File. It reads and builds the file once, so
// the first page already shows it.
func New(ctx context.Context, opts Options) (*Server, error) {
	if opts.Build == nil {
		return nil, errors.New("watch: no builder")
	}
	path, err := filepath.Abs(opts.File)
	if err != nil {
		return nil, fmt.Errorf("resolving %s: %w", opts.File, err)
	}
	// A link is followed to the file it names, whose folder is the one
	// an editor saves into; a link made later is not.
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	s := &Server{
		opts:    opts,
		path:    path,
		dir:     filepath.Dir(path),
		base:    filepath.Base(path),
		theme:   validTheme(opts.Theme, Themes[0]),
		log:     opts.Log,
		changed: make(chan struct{}),
		cache:   map[cacheKey]built{},
	}
	if s.log == nil {
		s.log = io.Discard
	}
	s.reload(ctx)
	return s, nil
}

// Serve watches the file and serves the preview on ln until ctx is done,
// then shuts down cleanly: open event streams end, the HTTP server stops
// and the watcher is closed. It returns nil after a shutdown asked for by
// ctx, and closes ln in every case.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.allowed = newHostPolicy(ln.Addr())
	w, err := newWatcher(s.dir)
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second, // a body sent slowly holds nothing long
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    8 << 10,
		// Requests live under ctx, so open event streams end on shutdown
		// instead of holding Shutdown up.
		BaseContext: func(net.Listener) context.Context { return ctx },
		ErrorLog:    log.New(s.log, "ciclo: watch: ", 0),
	}
	watchDone := make(chan struct{})
	go func() {
		defer close(watchDone)
		s.watch(ctx, w)
	}()
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	select {
	case <-ctx.Done():
	case err := <-serveErr:
		cancel()
		<-watchDone
		return fmt.Errorf("serving the preview: %w", err)
	}
	shutdownCtx, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		// a client that stops reading holds its stream until its write
		// times out (sse.Options.WriteWait): close it now, the stop was
		// asked for
		srv.Close()
	}
	<-watchDone
	return nil
}

// state returns the current version of the file, the last good content and
// a channel closed at the next change.
func (s *Server) state() (fileState, []byte, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur, s.lastGood, s.changed
}

// reload reads the file and, when what it holds changed, builds it in the
// default theme, updates the state and wakes every open page.
func (s *Server) reload(ctx context.Context) {
	next := s.read()
	s.mu.Lock()
	prev := s.cur
	s.mu.Unlock()
	if prev.version > 0 && next.missing == prev.missing && next.readErr == prev.readErr && string(next.src) == string(prev.src) {
		return // a touch, a chmod, or a save of the same bytes
	}

	good := false
	var problems int
	lang := "" // the file's language, when it says; English else
	if !next.missing && next.readErr == "" {
		b := s.build(ctx, next.src, Look{Theme: s.theme, View: Views[0]})
		if b.snap != nil {
			lang = b.snap.Lang
		}
		switch {
		case b.err != nil:
			problems = 1
		case len(b.snap.Errors) > 0:
			problems = len(b.snap.Errors)
		default:
			good = true
		}
	}

	s.mu.Lock()
	next.version = prev.version + 1
	s.cur = next
	if good {
		s.lastGood = next.src
	}
	close(s.changed)
	s.changed = make(chan struct{})
	lastGood := s.lastGood
	s.mu.Unlock()
	s.prune(next.src, lastGood)

	if prev.version == 0 {
		return // the first read is reported by the caller
	}
	var line string
	switch {
	case next.missing:
		line = msg.Sprintf(lang, "%s was removed; waiting for it to come back", s.opts.File)
	case next.readErr != "":
		line = msg.Sprintf(lang, "cannot read %s: %s", s.opts.File, next.readErr)
	case good:
		line = msg.Sprintf(lang, "%s updated", s.opts.File)
	default:
		line = fmt.Sprintf(msg.Plural(lang, problems, "%s has %d problem; showing the last good version", "%s has %d problems; showing the last good version"), s.opts.File, problems)
	}
	fmt.Fprintf(s.log, "ciclo: %s\n", line)
}

// read reads the file, bounded by MaxSize (plus one byte).
func (s *Server) read() fileState {
	// A file replaced by a FIFO or device would block the reload, and with
	// it the server, until something wrote to it.
	if fi, err := os.Stat(s.path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return fileState{readErr: "is not a regular file"}
	}
	f, err := os.Open(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return fileState{missing: true}
	}
	if err != nil {
		return fileState{readErr: unwrapPath(err).Error()}
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return fileState{readErr: "is a directory"}
	}
	var r io.Reader = f
	if s.opts.MaxSize > 0 {
		r = io.LimitReader(f, s.opts.MaxSize+1)
	}
	src, err := io.ReadAll(r)
	if err != nil {
		return fileState{readErr: unwrapPath(err).Error()}
	}
	if s.opts.MaxSize > 0 && int64(len(src)) > s.opts.MaxSize {
		// Say how large it really is, not how much was read.
		if fi, err := f.Stat(); err == nil && fi.Size() > s.opts.MaxSize {
			return fileState{readErr: fmt.Sprintf("it is %d bytes; the limit is %d bytes", fi.Size(), s.opts.MaxSize)}
		}
	}
	if src == nil {
		src = []byte{}
	}
	return fileState{src: src}
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// build runs the Builder on src in look, once per content and look. A
// panicking Builder is reported as an error instead of ending the server.
func (s *Server) build(ctx context.Context, src []byte, look Look) (b built) {
	key := cacheKey{sha256.Sum256(src), look}
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if b, ok := s.cache[key]; ok {
		return b
	}
	defer func() {
		if r := recover(); r != nil {
			b = built{err: fmt.Errorf("building the preview failed: %v", r)}
		}
		if b.snap == nil && b.err == nil {
			b.err = errors.New("building the preview gave nothing")
		}
		s.cache[key] = b
	}()
	// The build is cached for every client, so the request that asked for
	// it going away (a tab switching theme midway) must not cut it short.
	snap, err := s.opts.Build(context.WithoutCancel(ctx), s.opts.File, src, look)
	return built{snap: snap, err: err}
}

// prune drops cached builds of content that is neither current nor the
// last good version.
func (s *Server) prune(cur, lastGood []byte) {
	keep := map[[sha256.Size]byte]bool{sha256.Sum256(cur): true}
	if lastGood != nil {
		keep[sha256.Sum256(lastGood)] = true
	}
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	for k := range s.cache {
		if !keep[k.sum] {
			delete(s.cache, k)
		}
	}
}
