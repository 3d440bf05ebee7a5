package workshop

import (
	"bytes"
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ciclo-dev/ciclo/internal/sse"
)

// Limits on what a request may carry.
const (
	// maxBody caps a request body: an answer is a few dozen bytes.
	maxBody = 4 << 10
	// minGap is the shortest time between two updates of the
	// facilitator's page: a burst of ratings is one redraw of the panel.
	minGap = 100 * time.Millisecond
)

// Cookie names: the participant's token and the facilitator's secret.
const (
	participantCookie = "ciclo_p"
	facilitatorCookie = "ciclo_f_"   // + the port: browsers send cookies to every port of a host
	cookieAge         = 12 * 60 * 60 // seconds: a long workshop day
)

// requestID is the shape of a client's id for one answer, which makes a
// retried request count once.
var requestID = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

// handler serves one listener. The facilitator's routes exist only on the
// loopback listener (fac).
type handler struct {
	s     *Server
	fac   bool
	hosts map[string]bool // the Host headers this listener answers to
	// facCookie names the facilitator's cookie after the listener's
	// port, so two workshops on one computer (or any other server on
	// 127.0.0.1, which gets the browser's cookies for 127.0.0.1 too)
	// do not overwrite it.
	facCookie string
	routes    map[string]route
}

// route is one path's method, audience and handler.
type route struct {
	method string
	fac    bool // facilitator only
	serve  func(http.ResponseWriter, *http.Request)
}

func newHandler(s *Server, addr net.Addr, fac bool) *handler {
	h := &handler{s: s, fac: fac, hosts: map[string]bool{}}
	h.routes = map[string]route{
		"/":            {http.MethodGet, false, h.participantPage},
		"/ws.css":      {http.MethodGet, false, asset(cssSource, "text/css; charset=utf-8")},
		"/p.js":        {http.MethodGet, false, asset(participantJS, "text/javascript; charset=utf-8")},
		"/join":        {http.MethodPost, false, h.join},
		"/p/state":     {http.MethodGet, false, h.participantState},
		"/p/events":    {http.MethodGet, false, h.participantEvents},
		"/p/rate":      {http.MethodPost, false, h.rate},
		"/p/vote":      {http.MethodPost, false, h.vote},
		"/f":           {http.MethodGet, true, h.facilitatorPage},
		"/f.js":        {http.MethodGet, true, asset(facilitatorJS, "text/javascript; charset=utf-8")},
		"/f/events":    {http.MethodGet, true, h.facilitatorEvents},
		"/f/action":    {http.MethodPost, true, h.action},
		"/f/qr.svg":    {http.MethodGet, true, h.qr},
		"/f/state":     {http.MethodGet, true, h.facilitatorState},
		"/favicon.ico": {http.MethodGet, false, http.NotFound},
	}

	host, port, _ := net.SplitHostPort(addr.String())
	h.facCookie = facilitatorCookie + port
	names := []string{host}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		names = append(names, "localhost", "127.0.0.1", "::1")
	}
	for _, n := range names {
		h.hosts[strings.ToLower(net.JoinHostPort(n, port))] = true
		if port == "80" {
			// browsers leave the scheme's default port out of Host
			// and Origin
			if strings.Contains(n, ":") {
				n = "[" + n + "]"
			}
			h.hosts[strings.ToLower(n)] = true
		}
	}
	return h
}

const (
	cspPage = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	cspNone = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)

// ServeHTTP checks every request, then routes it by its literal path.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Cross-Origin-Resource-Policy", "same-origin")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Security-Policy", cspNone)

	if !h.hosts[strings.ToLower(r.Host)] {
		fail(w, http.StatusForbidden, "host", "this workshop answers only to its own address")
		return
	}
	post := r.Method == http.MethodPost
	if post {
		// A page of another site (or another port) cannot post here.
		if o := r.Header.Get("Origin"); !strings.EqualFold(o, "http://"+r.Host) {
			fail(w, http.StatusForbidden, "origin", "cross-origin request refused")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	}
	rt, ok := h.routes[r.URL.Path] // compared literally: no file is ever named by a request
	if !ok || (rt.fac && !h.fac) {
		http.NotFound(w, r)
		return
	}
	if r.Method != rt.method && !(rt.method == http.MethodGet && r.Method == http.MethodHead) {
		hd.Set("Allow", rt.method)
		fail(w, http.StatusMethodNotAllowed, "method", "method not allowed")
		return
	}
	if rt.fac && r.URL.Path != "/f" && !h.isFacilitator(r) {
		fail(w, http.StatusForbidden, "facilitator", "only the facilitator's screen may do this")
		return
	}
	rt.serve(w, r)
}

// apiError is the body of every refusal.
type apiError struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

func fail(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, apiError{code, msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status, data = http.StatusInternalServerError, []byte(`{"error":"internal"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	w.Write(data)
}

// decode reads a JSON body into v, refusing bodies over maxBody and
// unknown fields.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(w, http.StatusRequestEntityTooLarge, "too-large", fmt.Sprintf("request bodies are limited to %d bytes", maxBody))
			return false
		}
		fail(w, http.StatusBadRequest, "invalid", "the request is not valid JSON of the expected shape")
		return false
	}
	return true
}

func asset(body, ctype string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write([]byte(body))
	}
}

// clientAddr is the unit of the join rate limit for a request: its
// remote IP (never a header such as X-Forwarded-For, which the sender
// writes), see addrKey.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return addrKey(host)
}

// addrKey names the device behind an IP address for the per-device
// limits: the address itself, an IPv4 address also when written as
// IPv4-mapped IPv6, an IPv6 one without its zone. Not an IPv6 address's
// /64: every phone of a room's network shares that one, so the whole room
// would share one device's allowance. A device that gives itself many
// addresses gets an allowance for each, up to the 4,096 addresses the
// limiter tracks (see docs/workshop.md for what that leaves a guesser).
func addrKey(host string) string {
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	return ip.Unmap().WithZone("").String()
}

func setCookie(w http.ResponseWriter, name, value string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: cookieAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode})
}

// isFacilitator reports whether r carries the facilitator's secret.
func (h *handler) isFacilitator(r *http.Request) bool {
	c, err := r.Cookie(h.facCookie)
	return err == nil && subtle.ConstantTimeCompare([]byte(c.Value), []byte(h.s.secret)) == 1
}

// participant returns the participant whose token r carries, or nil.
func (h *handler) participant(r *http.Request) *participant {
	c, err := r.Cookie(participantCookie)
	if err != nil || len(c.Value) > 100 {
		return nil
	}
	s := h.s
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ss.byToken[tokenHash(c.Value)]
}

// join admits a participant who presents the join code.
func (h *handler) join(w http.ResponseWriter, r *http.Request) {
	addr := clientAddr(r)
	var req struct {
		Code string `json:"code"`
	}
	if !decode(w, r, &req) {
		h.s.limiter.attempt(addr, func() bool { return false }) // spends one
		return
	}
	if p := h.participant(r); p != nil {
		writeJSON(w, http.StatusOK, map[string]any{"ok": true})
		return // already in
	}
	s := h.s
	s.mu.Lock()
	code := s.ss.code
	s.mu.Unlock()
	limited, ok := s.limiter.attempt(addr, func() bool { return codeMatches(req.Code, code) })
	if limited {
		w.Header().Set("Retry-After", strconv.Itoa(int(joinRefill/time.Second)))
		fail(w, http.StatusTooManyRequests, "rate-limited", "too many wrong codes from this device; wait and try again")
		return
	}
	if !ok {
		fail(w, http.StatusForbidden, "bad-code", "wrong join code")
		return
	}
	tok := newToken()
	// A place is reserved under mu (so the cap holds and ids stay unique)
	// and journalled outside it, so answers never wait on a join's sync.
	s.mu.Lock()
	if len(s.ss.order)+s.joining >= s.opts.MaxParticipants {
		s.mu.Unlock()
		fail(w, http.StatusForbidden, "full", "the workshop is full")
		return
	}
	s.joining++
	s.nextP++
	rec := record{Kind: "join", P: "p" + strconv.Itoa(s.nextP), Tok: tokenHash(tok)}
	s.mu.Unlock()
	err := s.j.append(rec)
	s.mu.Lock()
	s.joining--
	if err == nil {
		s.ss.apply(rec)
		s.bump(false)
	}
	s.mu.Unlock()
	if err != nil {
		fail(w, http.StatusServiceUnavailable, "journal", "cannot record the join; try again")
		return
	}
	setCookie(w, participantCookie, tok)
	writeJSON(w, http.StatusOK, map[string]any{"ok": true})
}

// lockParticipant serialises one participant's answers, so a retry waits
// for the original and then finds it recorded.
func (s *Server) lockParticipant(id string) func() {
	s.mu.Lock()
	l := s.pLocks[id]
	if l == nil {
		l = &sync.Mutex{}
		s.pLocks[id] = l
	}
	s.mu.Unlock()
	l.Lock()
	return l.Unlock
}

// maxActions bounds one participant's accepted answers (and so the
// journal and the memory they can fill).
func (s *Server) maxActions() int { return 20*len(s.opts.Cycle.Moments) + 20*len(s.ss.improves) + 100 }

// Rating is one participant's answer for one moment, as the phone sends it.
type Rating struct {
	ID          string `json:"id"` // the client's id for this answer; a retry reuses it
	Moment      string `json:"m"`
	Importance  int    `json:"i"`
	Performance int    `json:"f"`
	// Seq orders the phone's answers on one moment: a retry of an answer
	// it has since replaced, arriving late, is not taken (0: unordered)
	Seq int64 `json:"s,omitempty"`
}

func (h *handler) rate(w http.ResponseWriter, r *http.Request) {
	p := h.joined(w, r)
	var req Rating
	if p == nil || !decode(w, r, &req) {
		return
	}
	if status, e := h.s.Rate(p.id, req); e != nil {
		writeJSON(w, status, e)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "id": req.ID})
}

// joined returns the participant whose token r carries, or refuses the
// request and returns nil.
func (h *handler) joined(w http.ResponseWriter, r *http.Request) *participant {
	p := h.participant(r)
	if p == nil {
		fail(w, http.StatusUnauthorized, "not-joined", "join the workshop first")
	}
	return p
}

// Rate records one rating by participant pid (see answer).
func (s *Server) Rate(pid string, req Rating) (int, *apiError) {
	rec := record{Kind: "rate", P: pid, ID: req.ID, M: req.Moment, I: req.Importance, F: req.Performance, S: req.Seq}
	status, e := s.answer(rec, PhaseScoring, func(*participant) error {
		return s.ss.checkRating(req.Moment, req.Importance, req.Performance)
	})
	if e == nil {
		s.markDirty()
	}
	return status, e
}

// answer records one answer (a rating or a vote) of participant rec.P,
// journalled before it returns. An answer whose id was already accepted is
// acknowledged again and not counted twice; one participant's answers are
// taken one at a time, so a retry racing its original waits for it. check
// validates the answer, with the state locked. It returns the HTTP status
// and the refusal.
func (s *Server) answer(rec record, phase string, check func(*participant) error) (int, *apiError) {
	if !requestID.MatchString(rec.ID) {
		return http.StatusBadRequest, &apiError{"invalid", "an answer needs an id of 8 to 64 letters, digits, - or _"}
	}
	unlock := s.lockParticipant(rec.P)
	defer unlock()
	s.mu.Lock()
	p := s.ss.byID[rec.P]
	status, refusal := http.StatusOK, (*apiError)(nil)
	switch {
	case p == nil:
		status, refusal = http.StatusUnauthorized, &apiError{"not-joined", "join the workshop first"}
	case s.ss.seen[rec.P+"\x00"+rec.ID]:
		s.mu.Unlock()
		return http.StatusOK, nil // a retry of an accepted answer
	case p.stale(answerTarget(rec), rec.S):
		// a retry of an answer the phone has since replaced, arriving
		// after its replacement: acknowledged, so that it stops, and not
		// taken, so that the latest answer counts
		s.mu.Unlock()
		return http.StatusOK, nil
	case s.ss.phase != phase:
		status, refusal = http.StatusConflict, &apiError{"closed", phase + " is not open"}
	case p.actions >= s.maxActions():
		status, refusal = http.StatusTooManyRequests, &apiError{"too-many", "too many answers from this participant"}
	default:
		if err := check(p); err != nil {
			status, refusal = http.StatusBadRequest, &apiError{"invalid", err.Error()}
		}
	}
	s.mu.Unlock()
	if refusal != nil {
		return status, refusal
	}
	if err := s.j.append(rec); err != nil {
		fmt.Fprintf(s.log, "ciclo: warning: %v\n", err)
		return http.StatusServiceUnavailable, &apiError{"journal", "cannot record the answer; try again"}
	}
	s.mu.Lock()
	s.ss.apply(rec)
	s.bump(false)
	s.mu.Unlock()
	return http.StatusOK, nil
}

// answerTarget is what an answer is about, as participant.last keys it:
// the moment of a rating, the improvement of a vote.
func answerTarget(rec record) string {
	if rec.Kind == "vote" {
		return "x:" + rec.X
	}
	return "m:" + rec.M
}

// Vote is one participant's dots on one improvement, as the phone sends
// it: N is the new total, so a retry is harmless.
type Vote struct {
	ID          string `json:"id"`
	Improvement string `json:"x"`
	Dots        int    `json:"n"`
	Seq         int64  `json:"s,omitempty"` // as Rating.Seq, on one improvement
}

func (h *handler) vote(w http.ResponseWriter, r *http.Request) {
	p := h.joined(w, r)
	var req Vote
	if p == nil || !decode(w, r, &req) {
		return
	}
	s := h.s
	rec := record{Kind: "vote", P: p.id, ID: req.ID, X: req.Improvement, N: req.Dots, S: req.Seq}
	if status, e := s.answer(rec, PhaseVoting, func(p *participant) error { return s.ss.checkVote(p, req.Improvement, req.Dots) }); e != nil {
		writeJSON(w, status, e)
		return
	}
	s.mu.Lock()
	left := s.ss.dots - p.used
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "left": left})
}

// action runs one facilitator action.
func (h *handler) action(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Action string `json:"action"`
		Phase  string `json:"phase,omitempty"`
		On     bool   `json:"on,omitempty"`
		Scores string `json:"scores,omitempty"`
		Sum    string `json:"sum,omitempty"`
	}
	if !decode(w, r, &req) {
		return
	}
	s := h.s
	switch req.Action {
	case "preview", "apply":
		s.applyAction(w, req.Action, req.Sum)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch req.Action {
	case "phase":
		if !contains(Phases, req.Phase) {
			fail(w, http.StatusBadRequest, "invalid", "unknown phase")
			return
		}
		if !s.journalRound(w, record{Kind: "round", Phase: req.Phase}) {
			return
		}
	case "reveal":
		on := req.On
		if !s.journalRound(w, record{Kind: "round", Reveal: &on}) {
			return
		}
		s.markDirty()
	case "tally":
		on := req.On
		if !s.journalRound(w, record{Kind: "round", Tally: &on}) {
			return
		}
	case "scores":
		if req.Scores != "file" && req.Scores != "room" {
			fail(w, http.StatusBadRequest, "invalid", "scores are file or room")
			return
		}
		s.scores = req.Scores
		s.bump(false)
		s.markDirty()
	default:
		fail(w, http.StatusBadRequest, "invalid", "unknown action")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true})
}

// applyAction previews or writes the room's medians into the file. From
// the page, a file changed on disk is never written: that needs the
// terminal (ciclo workshop --apply), where the user is asked.
func (s *Server) applyAction(w http.ResponseWriter, action, sum string) {
	if s.opts.Write == nil {
		fail(w, http.StatusNotFound, "invalid", "writing the file is not available here")
		return
	}
	p, err := s.PlanApply()
	if err != nil {
		fail(w, http.StatusConflict, "apply", err.Error())
		return
	}
	name := baseName(s.opts.File)
	if action == "preview" {
		writeJSON(w, http.StatusOK, map[string]any{"diff": p.Diff(name), "empty": p.Empty(),
			"changed": p.ChangedOnDisk, "sum": p.Sum, "moments": p.Moments, "file": name})
		return
	}
	if p.Sum != sum {
		fail(w, http.StatusConflict, "stale", "the room's scores changed since the preview; preview again")
		return
	}
	if err := s.Apply(p, false, s.opts.Write); err != nil {
		fail(w, http.StatusConflict, "apply", err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "file": name, "moments": p.Moments})
}

// journalRound records a change of round and applies it. Call with mu held.
func (s *Server) journalRound(w http.ResponseWriter, rec record) bool {
	if err := s.j.append(rec); err != nil {
		fail(w, http.StatusServiceUnavailable, "journal", "cannot record the change; try again")
		return false
	}
	s.ss.apply(rec)
	s.bump(true)
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// streamEvents runs a Server-Sent Events stream (internal/sse): an
// "update" event with next's data at once, then after each change, at
// most once per gap.
func streamEvents(w http.ResponseWriter, r *http.Request, gap time.Duration, next func() (data []byte, changed <-chan struct{}, err error)) {
	sse.Serve(w, r, sse.Options{Gap: gap}, func() (*sse.Event, <-chan struct{}, error) {
		data, changed, err := next()
		if err != nil {
			return nil, nil, err
		}
		return &sse.Event{Name: "update", Data: data}, changed, nil
	})
}

// maxStreams is the most event streams one participant holds open: a
// phone has one, a second tab or a reconnect one more. Each holds a
// connection and a goroutine for hours, so a new one beyond ends the
// participant's oldest: a phone whose Wi-Fi dropped leaves streams the
// server cannot tell are dead until a write fails, minutes later, and
// its reconnect must not be refused for them.
const maxStreams = 4

// stream is one open event stream of a participant; cancel ends it.
type stream struct{ cancel context.CancelFunc }

func (h *handler) participantEvents(w http.ResponseWriter, r *http.Request) {
	p := h.joined(w, r)
	if p == nil {
		return
	}
	s := h.s
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	me := &stream{cancel}
	s.mu.Lock()
	open := s.streams[p.id]
	if len(open) >= maxStreams {
		open[0].cancel()
		open = open[1:]
	}
	s.streams[p.id] = append(open, me)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		open := slices.DeleteFunc(s.streams[p.id], func(x *stream) bool { return x == me })
		if len(open) == 0 {
			delete(s.streams, p.id)
		} else {
			s.streams[p.id] = open
		}
		s.mu.Unlock()
	}()
	r = r.WithContext(ctx)
	streamEvents(w, r, 0, func() ([]byte, <-chan struct{}, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		data, err := json.Marshal(map[string]any{"phase": s.ss.phase, "round": s.round})
		return data, s.roundChan, err
	})
}

func (h *handler) facilitatorEvents(w http.ResponseWriter, r *http.Request) {
	s := h.s
	sentKey := ""
	streamEvents(w, r, minGap, func() ([]byte, <-chan struct{}, error) {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		e := s.facilitatorEvent()
		if e.Key == sentKey {
			e.Diagram = "" // the page has it: the key says so
		}
		sentKey = e.Key
		data, err := json.Marshal(e)
		return data, changed, err
	})
}

func (h *handler) facilitatorState(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, h.s.facilitatorEvent())
}

// qr serves the join address as a QR code.
func (h *handler) qr(w http.ResponseWriter, r *http.Request) {
	s := h.s
	s.mu.Lock()
	url := s.joinURL
	s.mu.Unlock()
	svg, err := qrSVG(url)
	if err != nil {
		fail(w, http.StatusInternalServerError, "qr", err.Error())
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Content-Length", strconv.Itoa(len(svg)))
	w.Write(svg)
}

// facilitatorPage opens the facilitator's screen. Opened as /f?k=SECRET
// (the address printed in the terminal), it stores the secret in a cookie
// and reloads itself without it, so the secret leaves the address bar.
func (h *handler) facilitatorPage(w http.ResponseWriter, r *http.Request) {
	if k := r.URL.Query().Get("k"); k != "" {
		if subtle.ConstantTimeCompare([]byte(k), []byte(h.s.secret)) != 1 {
			fail(w, http.StatusForbidden, "facilitator", "this is not the facilitator's address; open the one printed in the terminal")
			return
		}
		setCookie(w, h.facCookie, k)
		http.Redirect(w, r, "/f", http.StatusSeeOther)
		return
	}
	if !h.isFacilitator(r) {
		fail(w, http.StatusForbidden, "facilitator", "open the facilitator's address printed in the terminal")
		return
	}
	h.page(w, r, "facilitator", h.s.facilitatorView())
}

func (h *handler) participantPage(w http.ResponseWriter, r *http.Request) {
	h.page(w, r, "participant", h.s.participantView())
}

func (h *handler) page(w http.ResponseWriter, r *http.Request, name string, data any) {
	var buf bytes.Buffer
	if err := pages().ExecuteTemplate(&buf, name, data); err != nil {
		fmt.Fprintf(h.s.log, "ciclo: warning: rendering the %s page: %v\n", name, err)
		fail(w, http.StatusInternalServerError, "internal", "cannot render the page")
		return
	}
	hd := w.Header()
	hd.Set("Content-Security-Policy", cspPage)
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}
