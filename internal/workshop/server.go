package workshop

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render"
)

// Defaults of Options.
const (
	DefaultDots            = 3
	DefaultMaxParticipants = 200
)

// Options configure a Server.
type Options struct {
	// File is the cycle file's name as the user gave it, for messages.
	File string
	// Src is the file's content when the workshop begins; Cycle is it
	// parsed. Both are required.
	Src   []byte
	Cycle *cycle.Cycle
	// Journal is the path of the journal; required. An existing journal
	// of the same file is resumed.
	Journal string
	// Dots is how many dots each participant places when voting;
	// 0 means DefaultDots.
	Dots int
	// MaxParticipants caps the participants; 0 means
	// DefaultMaxParticipants.
	MaxParticipants int
	// Draw draws a diagram as SVG; nil draws ciclo's cycle diagram in the
	// default theme. Its output is inserted into the facilitator's page as
	// markup, so it must be ciclo's own renderer's (see the package
	// documentation).
	Draw func(ctx context.Context, a *cycle.Analysis) ([]byte, error)
	// Log receives warnings; nil discards.
	Log io.Writer
	// Now is the clock of the join rate limit; nil is time.Now.
	Now func() time.Time
	// Write replaces a file whole or not at all; the facilitator's "write
	// the room's scores" action uses it. nil leaves the action out.
	Write func(path string, data []byte) error
}

// Server is one workshop: the session, its journal and its two pages.
type Server struct {
	opts    Options
	j       *journal
	secret  string // the facilitator's secret
	limiter *limiter
	log     io.Writer
	file    *cycle.Analysis
	// Resumed tells what the journal already held when the server began.
	Resumed Resumed

	mu        sync.Mutex
	ss        *session
	version   uint64
	changed   chan struct{} // closed and replaced at every change
	round     uint64
	roundChan chan struct{} // closed and replaced at every change of round
	scores    string        // "file" or "room": the facilitator's switch
	joinURL   string
	pLocks    map[string]*sync.Mutex // per participant: one answer at a time
	joining   int                    // joins being journalled
	streams   map[string][]*stream   // participant id -> open event streams, oldest first
	nextP     int                    // the number of the last participant id given

	drawMu  sync.Mutex // held across a redraw
	dirty   chan struct{}
	diaMu   sync.Mutex
	fileSVG []byte
	roomSVG []byte
	roomKey string
	draws   int
}

// Resumed summarises a journal read at start.
type Resumed struct {
	Participants, Ratings, Votes int
	// Skipped counts records that no longer fit the file (a moment
	// removed since); they stay in the journal.
	Skipped int
	// FileChanged is set when the file differs from the one the journal
	// began with.
	FileChanged bool
}

// New opens (or resumes) the workshop's journal. Close the server with
// Close, or let Serve end.
func New(ctx context.Context, opts Options) (*Server, error) {
	if opts.Cycle == nil || opts.Src == nil || opts.Journal == "" {
		return nil, errors.New("workshop: Cycle, Src and Journal are required")
	}
	if opts.Dots <= 0 {
		opts.Dots = DefaultDots
	}
	if opts.MaxParticipants <= 0 {
		opts.MaxParticipants = DefaultMaxParticipants
	}
	if opts.Draw == nil {
		opts.Draw = func(ctx context.Context, a *cycle.Analysis) ([]byte, error) {
			return render.Render(ctx, a, render.Options{Format: render.FormatSVG})
		}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{
		opts:      opts,
		secret:    newToken(),
		limiter:   newLimiter(opts.Now),
		log:       opts.Log,
		file:      cycle.Analyze(opts.Cycle),
		ss:        newSession(opts.Cycle, opts.Dots),
		changed:   make(chan struct{}),
		roundChan: make(chan struct{}),
		scores:    "room",
		pLocks:    map[string]*sync.Mutex{},
		streams:   map[string][]*stream{},
		dirty:     make(chan struct{}, 1),
	}
	if s.log == nil {
		s.log = io.Discard
	}
	j, recs, err := openJournal(opts.Journal)
	if err != nil {
		return nil, err
	}
	s.j = j
	sum := fileSum(opts.Src)
	name := baseName(opts.File)
	if len(recs) > 0 {
		if recs[0].Kind != "start" {
			j.close()
			return nil, fmt.Errorf("%s is not a ciclo workshop journal", opts.Journal)
		}
		if recs[0].File != name {
			j.close()
			return nil, fmt.Errorf("the journal %s belongs to %s, not %s; give another --journal", opts.Journal, recs[0].File, name)
		}
		var first error
		for _, r := range recs {
			if err := s.ss.apply(r); err != nil {
				s.Resumed.Skipped++
				if first == nil {
					first = err
				}
			}
		}
		if first != nil {
			fmt.Fprintf(s.log, "ciclo: warning: %d journal records no longer fit %s and are left out (the first: %v); they stay in the journal\n", s.Resumed.Skipped, opts.File, first)
		}
		s.Resumed.Participants = len(s.ss.order)
		for _, p := range s.ss.order {
			if n, err := strconv.Atoi(strings.TrimPrefix(p.id, "p")); err == nil && n > s.nextP {
				s.nextP = n
			}
		}
		s.Resumed.Ratings = s.ss.accepted
		s.Resumed.Votes = s.ss.votes
		s.Resumed.FileChanged = s.ss.sum != sum
	} else {
		start := record{Kind: "start", File: name, Sum: sum, Code: newCode()}
		if err := j.append(start); err != nil {
			j.close()
			return nil, err
		}
		s.ss.apply(start)
	}
	return s, nil
}

// Code is the join code participants type, formatted for reading aloud.
func (s *Server) Code() string { return formatCode(s.ss.code) }

// Secret is the facilitator's secret: the facilitator's page is opened as
// /f?k=SECRET on the loopback address.
func (s *Server) Secret() string { return s.secret }

// fileSum is the hexadecimal SHA-256 of a file's content.
func fileSum(src []byte) string {
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:])
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// Listeners are where a Server answers. Facilitator is on loopback and
// serves both pages; Participants, when not nil (--lan), serves the
// participants' page only, on the address the room reaches.
type Listeners struct {
	Facilitator  net.Listener
	Participants net.Listener
}

// ParticipantURL is the address participants open.
func (s *Server) ParticipantURL(ls Listeners) string {
	ln := ls.Facilitator
	if ls.Participants != nil {
		ln = ls.Participants
	}
	return "http://" + ln.Addr().String() + "/"
}

// JoinURL is ParticipantURL with the join code in its fragment (which
// browsers never send to the server): the QR code's address.
func (s *Server) JoinURL(ls Listeners) string {
	return s.ParticipantURL(ls) + "#" + s.ss.code
}

// FacilitatorURL is the facilitator's page, with the secret.
func (s *Server) FacilitatorURL(ls Listeners) string {
	return "http://" + ls.Facilitator.Addr().String() + "/f?k=" + s.secret
}

// Serve serves the workshop until ctx is done, then stops cleanly: open
// event streams end, the journal is closed. It closes the listeners.
func (s *Server) Serve(ctx context.Context, ls Listeners) error {
	svg, err := s.drawPaused(ctx, s.file)
	if err != nil {
		ls.Facilitator.Close()
		if ls.Participants != nil {
			ls.Participants.Close()
		}
		s.j.close()
		return fmt.Errorf("drawing %s: %w", s.opts.File, err)
	}
	s.diaMu.Lock()
	s.fileSVG = svg
	s.diaMu.Unlock()
	s.mu.Lock()
	s.joinURL = s.JoinURL(ls)
	s.mu.Unlock()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.redrawLoop(ctx)
	}()
	s.markDirty()

	type served struct {
		srv *http.Server
		ln  net.Listener
	}
	var all []served
	all = append(all, served{s.httpServer(ctx, newHandler(s, ls.Facilitator.Addr(), true)), ls.Facilitator})
	if ls.Participants != nil {
		all = append(all, served{s.httpServer(ctx, newHandler(s, ls.Participants.Addr(), false)),
			newLimitListener(ls.Participants, maxConnsPerDevice, max(maxConns, 4*s.opts.MaxParticipants))})
	}
	serveErr := make(chan error, len(all))
	for _, sv := range all {
		go func() { serveErr <- sv.srv.Serve(sv.ln) }()
	}
	select {
	case <-ctx.Done():
	case err = <-serveErr:
		err = fmt.Errorf("serving the workshop: %w", err)
	}
	cancel()
	shutdownCtx, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	for _, sv := range all {
		sv.srv.Shutdown(shutdownCtx)
	}
	wg.Wait()
	if cerr := s.j.close(); err == nil && cerr != nil {
		err = fmt.Errorf("closing the journal: %w", cerr)
	}
	return err
}

// Close closes the journal of a server that is not serving.
func (s *Server) Close() error { return s.j.close() }

func (s *Server) httpServer(ctx context.Context, h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    8 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ErrorLog:          log.New(s.log, "ciclo: workshop: ", 0),
	}
}

// bump wakes every open page; round also wakes the participants'.
// Call with mu held.
func (s *Server) bump(round bool) {
	s.version++
	close(s.changed)
	s.changed = make(chan struct{})
	if round {
		s.round++
		close(s.roundChan)
		s.roundChan = make(chan struct{})
	}
}

// markDirty asks the redraw loop for a new room diagram.
func (s *Server) markDirty() {
	select {
	case s.dirty <- struct{}{}:
	default:
	}
}

// redrawGap is the shortest time between two redraws of the room's
// diagram: a burst of ratings is one redraw, and drawing never takes the
// machine from the ratings for long.
const redrawGap = 300 * time.Millisecond

// redrawLoop redraws the room's diagram whenever the room's scores may
// have changed and the projector shows them, one redraw at a time, at most
// one per redrawGap; changes meanwhile are folded into the next one.
func (s *Server) redrawLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.dirty:
		}
		s.mu.Lock()
		shown := s.ss.reveal && s.scores == "room"
		s.mu.Unlock()
		if !shown {
			continue // drawn when revealed (the reveal marks it dirty)
		}
		if err := s.Redraw(ctx); err != nil && ctx.Err() == nil {
			fmt.Fprintf(s.log, "ciclo: warning: drawing the room's diagram: %v\n", err)
		}
		t := time.NewTimer(redrawGap)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// Redraw draws the diagram under the room's current medians, unless the
// scores it would draw are those of the last drawing. It is what the
// server runs after ratings arrive; it is exported for the soak benchmark.
func (s *Server) Redraw(ctx context.Context) error {
	s.drawMu.Lock()
	defer s.drawMu.Unlock()
	s.mu.Lock()
	stats := s.ss.stats()
	s.mu.Unlock()
	rc := roomCycle(s.opts.Cycle, stats)
	key := scoresKey(rc)
	s.diaMu.Lock()
	same := key == s.roomKey
	s.diaMu.Unlock()
	if same {
		return nil
	}
	svg, err := s.drawPaused(ctx, cycle.Analyze(rc))
	if err != nil {
		return err
	}
	s.diaMu.Lock()
	s.roomSVG, s.roomKey = svg, key
	s.draws++
	s.diaMu.Unlock()
	s.mu.Lock()
	s.bump(false)
	s.mu.Unlock()
	return nil
}

// drawPaused runs the Draw function with the garbage collector paused.
// go-graphviz runs Graphviz as compiled WebAssembly, whose machine code has
// no preemption points: a collection that starts while a layout runs must
// wait for the layout to return before it can stop the world, and every
// goroutine (every participant's answer) waits with it; the load benchmark
// saw acknowledgements stall for the length of a layout. Pausing the
// collector for one draw (tens of milliseconds) keeps answers flowing; it
// catches up right after. A panicking Draw is an error, not a crash.
func (s *Server) drawPaused(ctx context.Context, a *cycle.Analysis) (svg []byte, err error) {
	resume := pauseGC()
	defer func() {
		resume()
		if r := recover(); r != nil {
			svg, err = nil, fmt.Errorf("drawing failed: %v", r)
		}
	}()
	return s.opts.Draw(ctx, a)
}

// gcPauses counts the draws under way with the collector paused, in every
// server of the process: the first pause saves the collector's setting and
// the last one out restores it, so that two draws that overlap (two
// workshops in one process, the first draw and a redraw) cannot leave it
// off for good.
var gcPauses struct {
	sync.Mutex
	n    int
	prev int
}

// pauseGC pauses the collector until the function it returns is called.
func pauseGC() (resume func()) {
	gcPauses.Lock()
	if gcPauses.n == 0 {
		gcPauses.prev = debug.SetGCPercent(-1)
	}
	gcPauses.n++
	gcPauses.Unlock()
	return func() {
		gcPauses.Lock()
		defer gcPauses.Unlock()
		if gcPauses.n--; gcPauses.n == 0 {
			debug.SetGCPercent(gcPauses.prev)
		}
	}
}

// scoresKey fingerprints the scores a diagram of c shows.
func scoresKey(c *cycle.Cycle) string {
	h := sha256.New()
	for _, m := range c.Moments {
		fmt.Fprintf(h, "%v,%v;", m.Importance, m.Performance)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// RoomScores returns the room's medians per moment id, for moments the
// room rated, with how many ratings stand behind each.
func (s *Server) RoomScores() map[string]Stat {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]Stat{}
	for _, st := range s.ss.stats() {
		if st.N > 0 {
			out[st.Moment.ID] = st
		}
	}
	return out
}
