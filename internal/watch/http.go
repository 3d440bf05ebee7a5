package watch

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/ciclo-dev/ciclo/internal/sse"
)

// hostPolicy decides which Host headers are the server's own.
type hostPolicy struct {
	port  string
	hosts map[string]bool // lower-case host names and IP literals, without port
	anyIP bool            // listening on every interface: any IP literal is ours
}

// newHostPolicy allows localhost, 127.0.0.1 and [::1] on the listener's
// port, plus the address it listens on. Names other than localhost are
// never allowed: a DNS-rebinding attack needs one.
func newHostPolicy(addr net.Addr) hostPolicy {
	p := hostPolicy{hosts: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	if ta, ok := addr.(*net.TCPAddr); ok {
		p.port = strconv.Itoa(ta.Port)
		switch {
		case ta.IP == nil || ta.IP.IsUnspecified():
			p.anyIP = true
		default:
			p.hosts[ta.IP.String()] = true
		}
	} else if _, port, err := net.SplitHostPort(addr.String()); err == nil {
		p.port = port
	}
	return p
}

// allows reports whether the Host header names this server.
func (p hostPolicy) allows(hostHeader string) bool {
	host, port, err := net.SplitHostPort(hostHeader)
	if err != nil {
		// No port: the scheme's default, which is ours only on port 80.
		host, port = hostHeader, "80"
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	}
	if port != p.port || host == "" {
		return false
	}
	host = strings.ToLower(host)
	if ip := net.ParseIP(host); ip != nil {
		if p.anyIP {
			return true
		}
		return p.hosts[ip.String()]
	}
	return host == "localhost"
}

// ServeHTTP serves the page, the event stream and the diagram, and refuses
// everything else.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")

	if !s.allowed.allows(r.Host) {
		http.Error(w, "forbidden: this preview answers only to its own address (Host "+r.Host+" refused)", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// Paths are compared literally, never mapped to files.
	switch r.URL.Path {
	case "/":
		s.servePage(w, r)
	case "/events":
		s.serveEvents(w, r)
	case "/diagram.svg":
		s.serveDiagram(w, r)
	default:
		http.NotFound(w, r)
	}
}

// lookOf is the theme and view a request names (?theme=…&view=…),
// defaults for what it does not name or names wrong.
func (s *Server) lookOf(r *http.Request) Look {
	q := r.URL.Query()
	return Look{Theme: validTheme(q.Get("theme"), s.theme), View: validView(q.Get("view"))}
}

func (s *Server) servePage(w http.ResponseWriter, r *http.Request) {
	v := s.view(r.Context(), s.lookOf(r))
	nonce := newNonce()
	var buf bytes.Buffer
	if err := pageTemplate().Execute(&buf, pageData{view: v, Nonce: nonce}); err != nil {
		http.Error(w, "cannot render the page", http.StatusInternalServerError)
		fmt.Fprintf(s.log, "ciclo: warning: rendering the page: %v\n", err)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'nonce-"+nonce+"'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// serveDiagram serves the diagram on show (the last good one) as a file.
func (s *Server) serveDiagram(w http.ResponseWriter, r *http.Request) {
	v := s.view(r.Context(), s.lookOf(r))
	if v.SVG == "" {
		http.Error(w, "no diagram yet: the file has never been valid", http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	h.Set("Content-Type", "image/svg+xml")
	h.Set("Content-Length", strconv.Itoa(len(v.SVG)))
	w.Write([]byte(v.SVG))
}

// serveEvents streams the page's state: one "update" event at once, then
// one per change, until the client leaves or the server shuts down
// (internal/sse runs the stream).
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	look := s.lookOf(r)
	ctx := r.Context()
	var sent uint64
	sse.Serve(w, r, sse.Options{}, func() (*sse.Event, <-chan struct{}, error) {
		cur, _, changed := s.state()
		if cur.version == sent {
			return nil, changed, nil
		}
		v := s.view(ctx, look)
		data, err := json.Marshal(s.event(v))
		if err != nil {
			fmt.Fprintf(s.log, "ciclo: warning: encoding an update: %v\n", err)
			return nil, nil, err
		}
		sent = v.Version
		return &sse.Event{Name: "update", ID: strconv.FormatUint(v.Version, 10), Data: data}, changed, nil
	})
}

// newNonce returns a fresh random CSP nonce.
func newNonce() string {
	var b [18]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b[:])
}
