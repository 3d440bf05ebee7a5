package watch

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeBuild stands in for ciclo's builder: "bad..." files are invalid
// with an error at 2:3 ("bad es:..." ones declare Spanish), "boom" fails,
// "panic" panics, anything else is valid and its first line is the title
// ("es:..." ones are in Spanish).
func fakeBuild(_ context.Context, name string, src []byte, look Look) (*Snapshot, error) {
	theme := look.Theme
	if look.View != Views[0] {
		theme += " view-" + look.View
	}
	text := string(src)
	switch {
	case strings.HasPrefix(text, "bad es:"):
		return &Snapshot{Lang: "es", Errors: []Finding{{File: name, Line: 2, Column: 3, Severity: "error", Message: "roto: " + text}}}, nil
	case strings.HasPrefix(text, "bad"):
		return &Snapshot{Errors: []Finding{{File: name, Line: 2, Column: 3, Severity: "error", Message: "broken: " + text}}}, nil
	case text == "boom":
		return nil, errors.New("renderer exploded")
	case text == "panic":
		panic("builder bug")
	}
	title, _, _ := strings.Cut(text, "\n")
	lang := ""
	if strings.HasPrefix(text, "es:") {
		lang = "es"
	}
	return &Snapshot{
		Title: title,
		Lang:  lang,
		SVG:   []byte(`<svg xmlns="http://www.w3.org/2000/svg" class="theme-` + theme + `"><g id="moment-m" class="moment"><text>` + html.EscapeString(text) + `</text></g></svg>`),
		Findings: []Finding{
			{File: name, Line: 1, Column: 1, Severity: "warning", Rule: "missing-owner", Message: "moment has no owner: " + title},
		},
		Critical: []CriticalMoment{{Number: 1, ID: "m", Name: title, Owner: "Desk", Reasons: []string{"marked critical in the file"}}},
	}, nil
}

type testServer struct {
	url  string // http://127.0.0.1:PORT
	host string // 127.0.0.1:PORT
	port int
	file string
	stop func() error // cancels and returns Serve's result
}

// start serves file (written with content first, unless content is nil).
func start(t *testing.T, content []byte) *testServer {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	if content != nil {
		if err := os.WriteFile(file, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return startFile(t, file)
}

// startFile serves file as named (it may be a link).
func startFile(t *testing.T, file string) *testServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s, err := New(ctx, Options{File: file, Build: fakeBuild, Debounce: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	var once sync.Once
	var result error
	ts := &testServer{
		host: ln.Addr().String(),
		url:  "http://" + ln.Addr().String(),
		port: ln.Addr().(*net.TCPAddr).Port,
		file: file,
	}
	ts.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case result = <-done:
			case <-time.After(30 * time.Second):
				result = errors.New("Serve did not return after cancel")
			}
		})
		return result
	}
	t.Cleanup(func() {
		if err := ts.stop(); err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ts
}

// raw sends one request exactly as written (no client-side path cleaning)
// and returns the status and body.
func raw(t *testing.T, ts *testServer, requestLine, host string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", ts.host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s\r\nHost: %s\r\nConnection: close\r\n\r\n", requestLine, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s: %v", requestLine, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestOnlyThePreviewIsServed(t *testing.T) {
	const secret = "SECRET-CONTENT-OF-THE-FILE"
	ts := start(t, []byte("Title\n"+secret))
	for _, path := range []string{
		"/../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/%2e%2e/",
		"/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
		"/static/../..",
		"/static/../../etc/passwd",
		"//etc/passwd",
		"/./",
		"/cycle.yaml",
		"/" + ts.file,
		"/." + ts.file,
		"/events/../cycle.yaml",
		"/diagram.svg/../cycle.yaml",
		"/index.html",
		"/favicon.ico",
		"/..%5c..%5cetc%5cpasswd",
	} {
		code, body := raw(t, ts, "GET "+path+" HTTP/1.1", ts.host)
		if code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, code)
		}
		if strings.Contains(body, secret) || strings.Contains(body, "root:") {
			t.Errorf("GET %s leaked content: %q", path, body)
		}
	}
	if code, body := raw(t, ts, "GET / HTTP/1.1", ts.host); code != http.StatusOK || !strings.Contains(body, secret) {
		t.Errorf("GET /: status %d, page lacks the diagram", code)
	}
	if code, _ := raw(t, ts, "POST / HTTP/1.1", ts.host); code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: status %d, want 405", code)
	}
}

func TestForeignHostIsRefused(t *testing.T) {
	ts := start(t, []byte("Title"))
	other := fmt.Sprint(ts.port + 1)
	if ts.port == 65535 {
		other = "1"
	}
	refused := []string{
		"evil.com",
		"evil.com:" + fmt.Sprint(ts.port),
		"127.0.0.1:" + other,
		"localhost:" + other,
		"[::1]:" + other,
		"127.0.0.1",
		"localhost.evil.com:" + fmt.Sprint(ts.port),
		"10.0.0.1:" + fmt.Sprint(ts.port),
	}
	for _, host := range refused {
		for _, path := range []string{"/", "/events", "/diagram.svg"} {
			code, body := raw(t, ts, "GET "+path+" HTTP/1.1", host)
			if code != http.StatusForbidden {
				t.Errorf("Host %q, GET %s: status %d, want 403", host, path, code)
			}
			if strings.Contains(body, "<svg") {
				t.Errorf("Host %q, GET %s: served the diagram", host, path)
			}
		}
	}
	// An absolute-form request names its own host, which wins.
	if code, _ := raw(t, ts, "GET http://evil.com/ HTTP/1.1", ts.host); code != http.StatusForbidden {
		t.Errorf("absolute-form request to evil.com: status %d, want 403", code)
	}
	for _, host := range []string{ts.host, "localhost:" + fmt.Sprint(ts.port), "LOCALHOST:" + fmt.Sprint(ts.port), "[::1]:" + fmt.Sprint(ts.port)} {
		if code, _ := raw(t, ts, "GET / HTTP/1.1", host); code != http.StatusOK {
			t.Errorf("Host %q: status %d, want 200", host, code)
		}
	}
}

func TestHostPolicy(t *testing.T) {
	tests := []struct {
		listen string
		host   string
		want   bool
	}{
		{"127.0.0.1:8080", "127.0.0.1:8080", true},
		{"127.0.0.1:8080", "localhost:8080", true},
		{"127.0.0.1:8080", "[::1]:8080", true},
		{"127.0.0.1:8080", "127.0.0.2:8080", false},
		{"127.0.0.1:8080", "evil.com:8080", false},
		{"127.0.0.1:80", "localhost", true},
		{"127.0.0.1:80", "evil.com", false},
		{"192.168.1.5:8080", "192.168.1.5:8080", true},
		{"192.168.1.5:8080", "192.168.1.6:8080", false},
		{"0.0.0.0:8080", "192.168.1.6:8080", true},
		{"0.0.0.0:8080", "[fe80::1]:8080", true},
		{"0.0.0.0:8080", "rebind.example:8080", false},
		{"0.0.0.0:8080", "192.168.1.6:9090", false},
		{"127.0.0.1:8080", "", false},
		{"127.0.0.1:8080", ":8080", false},
	}
	for _, tt := range tests {
		addr, err := net.ResolveTCPAddr("tcp", tt.listen)
		if err != nil {
			t.Fatal(err)
		}
		if got := newHostPolicy(addr).allows(tt.host); got != tt.want {
			t.Errorf("listening on %s, Host %q: allowed %v, want %v", tt.listen, tt.host, got, tt.want)
		}
	}
}

func TestPageHeadersAndEscaping(t *testing.T) {
	ts := start(t, []byte(`<script>alert("x")</script> & {{.}}`))
	resp, err := http.Get(ts.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(body)
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'nonce-", "connect-src 'self'", "img-src data:", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	_, nonce, _ := strings.Cut(csp, "'nonce-")
	nonce, _, _ = strings.Cut(nonce, "'")
	if nonce == "" || !strings.Contains(page, `<script nonce="`+nonce+`">`) {
		t.Errorf("the page's script does not carry the CSP nonce %q", nonce)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("missing X-Content-Type-Options: nosniff")
	}
	for _, bad := range []string{`src="http`, `href="http`, "<script src", `rel="stylesheet"`, "@import", "url(http"} {
		if strings.Contains(page, bad) {
			t.Errorf("page refers to an external resource: %q", bad)
		}
	}
	// The title comes from the file: it is escaped wherever it appears.
	if strings.Contains(page, `<script>alert("x")</script>`) {
		t.Errorf("the file's text reached the page unescaped")
	}
	if !strings.Contains(page, `<h1 id="title">&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; {{.}}</h1>`) {
		t.Errorf("title not shown escaped and literal; page:\n%s", page)
	}
	// A second page gets a fresh nonce.
	resp2, err := http.Get(ts.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.Header.Get("Content-Security-Policy") == csp {
		t.Error("the nonce is reused across responses")
	}
}

func TestDiagramEndpoint(t *testing.T) {
	ts := start(t, []byte("Title"))
	resp, err := http.Get(ts.url + "/diagram.svg?theme=print")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/svg+xml" {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !strings.Contains(string(body), `class="theme-print"`) {
		t.Errorf("diagram not drawn in the print theme: %s", body)
	}
	if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Error("diagram served without a restrictive CSP")
	}
	// An unknown theme falls back to the default.
	resp, err = http.Get(ts.url + "/diagram.svg?theme=%3Cx%3E")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `class="theme-default"`) {
		t.Errorf("unknown theme not replaced by the default: %s", body)
	}
}

func TestDiagramEndpointWithoutValidVersion(t *testing.T) {
	ts := start(t, []byte("bad from the start"))
	resp, err := http.Get(ts.url + "/diagram.svg")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, want 404 when there is no valid version", resp.StatusCode)
	}
}

// stream reads the update events of /events.
type stream struct {
	events chan event
	body   io.Closer
}

func openStream(t *testing.T, ts *testServer, theme string) *stream {
	t.Helper()
	resp, err := http.Get(ts.url + "/events?theme=" + theme)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("/events: status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	st := &stream{events: make(chan event, 100), body: resp.Body}
	go func() {
		defer close(st.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && name == "update":
				var ev event
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev); err != nil {
					t.Errorf("bad event data: %v", err)
					return
				}
				st.events <- ev
			case line == "":
				name = ""
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return st
}

// waitFor reads events until one satisfies ok.
func (st *stream) waitFor(t *testing.T, what string, ok func(event) bool) event {
	t.Helper()
	deadline := time.After(20 * time.Second)
	var last event
	for {
		select {
		case ev, open := <-st.events:
			if !open {
				t.Fatalf("stream ended while waiting for %s; last event: %+v", what, last)
			}
			last = ev
			if ok(ev) {
				return ev
			}
		case <-deadline:
			t.Fatalf("no event with %s; last: state %q, diagram %q, alerts %q", what, last.State, last.Diagram, last.Alerts)
		}
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// renameSave saves like vim or VS Code: a new file renamed over the old.
func renameSave(t *testing.T, path, content string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), ".cycle.yaml.swp")
	write(t, tmp, content)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func TestUpdatesFollowTheFile(t *testing.T) {
	ts := start(t, []byte("First"))
	st := openStream(t, ts, "default")
	first := st.waitFor(t, "the first version", func(ev event) bool { return ev.State == "ok" && strings.Contains(ev.Diagram, "First") })
	if !strings.Contains(first.Panel, "missing-owner") || !strings.Contains(first.Panel, `id="critical-m"`) {
		t.Errorf("panel lacks the findings or critical moments: %s", first.Panel)
	}

	write(t, ts.file, "Second")
	second := st.waitFor(t, "the in-place edit", func(ev event) bool { return strings.Contains(ev.Diagram, "Second") })
	if second.Version <= first.Version || second.Title != "Second" {
		t.Errorf("version %d after %d, title %q", second.Version, first.Version, second.Title)
	}

	renameSave(t, ts.file, "Third")
	st.waitFor(t, "the rename-save", func(ev event) bool { return ev.State == "ok" && strings.Contains(ev.Diagram, "Third") })

	// Invalid: the errors, positioned, above the last good diagram.
	write(t, ts.file, "bad <input>")
	bad := st.waitFor(t, "the invalid state", func(ev event) bool { return ev.State == "invalid" })
	if !bad.Stale || !strings.Contains(bad.Diagram, "Third") {
		t.Errorf("invalid file: last good diagram not kept (stale %v): %s", bad.Stale, bad.Diagram)
	}
	if !strings.Contains(bad.Alerts, `title="`+ts.file+`:2:3">cycle.yaml:2:3</code>`) || !strings.Contains(bad.Alerts, "broken: bad &lt;input&gt;") {
		t.Errorf("alerts lack the positioned, escaped error: %s", bad.Alerts)
	}
	if bad.Title != "Third" {
		t.Errorf("title %q, want the last good one", bad.Title)
	}

	write(t, ts.file, "Fixed")
	fixed := st.waitFor(t, "recovery", func(ev event) bool { return ev.State == "ok" && strings.Contains(ev.Diagram, "Fixed") })
	if fixed.Stale || fixed.Alerts != "" {
		t.Errorf("recovered page still stale (%v) or alerting: %q", fixed.Stale, fixed.Alerts)
	}

	// A failing builder is an unpositioned error, also over the last good.
	write(t, ts.file, "boom")
	boom := st.waitFor(t, "the builder failure", func(ev event) bool { return ev.State == "invalid" })
	if !strings.Contains(boom.Alerts, "renderer exploded") || !strings.Contains(boom.Diagram, "Fixed") {
		t.Errorf("builder failure: alerts %q, diagram %q", boom.Alerts, boom.Diagram)
	}
	write(t, ts.file, "panic")
	p := st.waitFor(t, "the builder panic", func(ev event) bool { return strings.Contains(ev.Alerts, "builder bug") })
	if p.State != "invalid" || !strings.Contains(p.Diagram, "Fixed") {
		t.Errorf("builder panic: state %q, diagram %q", p.State, p.Diagram)
	}
	write(t, ts.file, "Alive")
	st.waitFor(t, "recovery after the panic", func(ev event) bool { return ev.State == "ok" && strings.Contains(ev.Diagram, "Alive") })
}

func TestDeletedAndRecreated(t *testing.T) {
	ts := start(t, []byte("Before"))
	st := openStream(t, ts, "contrast")
	st.waitFor(t, "the first version", func(ev event) bool { return strings.Contains(ev.Diagram, "Before") })

	if err := os.Remove(ts.file); err != nil {
		t.Fatal(err)
	}
	gone := st.waitFor(t, "the missing state", func(ev event) bool { return ev.State == "missing" })
	if !gone.Stale || !strings.Contains(gone.Diagram, "Before") || !strings.Contains(gone.Diagram, "theme-contrast") {
		t.Errorf("deleted file: last diagram not kept in the stream's theme: %s", gone.Diagram)
	}
	if !strings.Contains(gone.Alerts, "cycle.yaml") || !strings.Contains(gone.Status, "missing") {
		t.Errorf("deleted file not shown: alerts %q, status %q", gone.Alerts, gone.Status)
	}

	write(t, ts.file, "After")
	back := st.waitFor(t, "the recreated file", func(ev event) bool { return ev.State == "ok" })
	if back.Stale || !strings.Contains(back.Diagram, "After") {
		t.Errorf("recreated file not shown: stale %v, %s", back.Stale, back.Diagram)
	}
}

func TestStartsWithoutFileOrValidVersion(t *testing.T) {
	ts := start(t, nil)
	st := openStream(t, ts, "default")
	ev := st.waitFor(t, "the first event", func(event) bool { return true })
	if ev.State != "missing" || ev.Key != "" || !strings.Contains(ev.Diagram, "No diagram yet") || ev.Title != "cycle.yaml" {
		t.Errorf("no file: state %q, key %q, title %q, diagram %q", ev.State, ev.Key, ev.Title, ev.Diagram)
	}
	write(t, ts.file, "bad start")
	ev = st.waitFor(t, "the invalid state", func(ev event) bool { return ev.State == "invalid" })
	if ev.Stale || !strings.Contains(ev.Diagram, "No diagram yet") {
		t.Errorf("invalid without a good version: stale %v, diagram %q", ev.Stale, ev.Diagram)
	}
	write(t, ts.file, "Good at last")
	st.waitFor(t, "the first valid version", func(ev event) bool { return ev.State == "ok" && strings.Contains(ev.Diagram, "Good at last") })
}

func TestShutdownEndsOpenStreams(t *testing.T) {
	ts := start(t, []byte("Title"))
	st := openStream(t, ts, "default")
	st.waitFor(t, "the first version", func(event) bool { return true })
	if err := ts.stop(); err != nil {
		t.Fatalf("Serve after cancel: %v", err)
	}
	deadline := time.After(20 * time.Second)
	for {
		select {
		case _, open := <-st.events:
			if !open {
				if _, err := http.Get(ts.url + "/"); err == nil {
					t.Error("the server still answers after shutdown")
				}
				return
			}
		case <-deadline:
			t.Fatal("the event stream stayed open after shutdown")
		}
	}
}

func TestNewNeedsABuilder(t *testing.T) {
	if _, err := New(context.Background(), Options{File: "x.yaml"}); err == nil {
		t.Error("New without a builder succeeded")
	}
}

func TestMaxSizeBoundsTheRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "big.yaml")
	write(t, file, strings.Repeat("x", 100))
	var got int
	build := func(_ context.Context, _ string, src []byte, _ Look) (*Snapshot, error) {
		got = len(src)
		return &Snapshot{}, nil
	}
	s, err := New(context.Background(), Options{File: file, Build: build, MaxSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	// Too large: not built, reported with its real size.
	cur, _, _ := s.state()
	if got != 0 || cur.readErr != "it is 100 bytes; the limit is 10 bytes" {
		t.Errorf("builder got %d bytes, state %q; want no build and the real size", got, cur.readErr)
	}
}

func TestPageWordsFollowTheCycleLanguage(t *testing.T) {
	ts := start(t, []byte("es: Reclamo"))
	body := page(t, ts)
	for _, want := range []string{`<html lang="es">`, "Momentos críticos", "En vivo", "Alto contraste", "advertencia"} {
		if !strings.Contains(body, want) {
			t.Errorf("Spanish page lacks %q", want)
		}
	}
	st := openStream(t, ts, "default")
	write(t, ts.file, "English again")
	ev := st.waitFor(t, "the English version", func(ev event) bool { return ev.Lang == "en" })
	if !strings.Contains(ev.Panel, "Critical moments") || ev.Words.Live != "Live" {
		t.Errorf("panel not back in English: %s", ev.Panel)
	}
}

// TestErrorPageFollowsTheFileLanguage: when the current file is invalid,
// the words around its errors are in the language it declares; when it
// declares none that could be read, in the last valid version's.
func TestErrorPageFollowsTheFileLanguage(t *testing.T) {
	ts := start(t, []byte("bad es: sin versión válida"))
	body := page(t, ts)
	for _, want := range []string{`<html lang="es">`, "El archivo tiene errores", "roto: bad es: sin versión válida"} {
		if !strings.Contains(body, want) {
			t.Errorf("page of a Spanish invalid file lacks %q", want)
		}
	}

	st := openStream(t, ts, "default")
	write(t, ts.file, "English title")
	st.waitFor(t, "the valid English version", func(ev event) bool { return ev.State == "ok" && ev.Lang == "en" })
	write(t, ts.file, "bad es: otra vez")
	es := st.waitFor(t, "the Spanish errors", func(ev event) bool { return ev.State == "invalid" })
	if es.Lang != "es" || es.Words.ErrorsHead != "El archivo tiene errores" || !strings.Contains(es.Alerts, "roto: bad es: otra vez") || !es.Stale {
		t.Errorf("Spanish errors over an English version: lang %q, words %q, alerts %s", es.Lang, es.Words.ErrorsHead, es.Alerts)
	}

	write(t, ts.file, "es: Reclamo")
	st.waitFor(t, "the valid Spanish version", func(ev event) bool { return ev.State == "ok" && ev.Lang == "es" })
	write(t, ts.file, "bad, language unknown")
	unknown := st.waitFor(t, "errors of unknown language", func(ev event) bool { return ev.State == "invalid" })
	if unknown.Lang != "es" {
		t.Errorf("errors of unknown language: page in %q, want the last valid version's es", unknown.Lang)
	}
}

// page fetches the preview page and returns its body.
func page(t *testing.T, ts *testServer) string {
	t.Helper()
	resp, err := http.Get(ts.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

// A client that goes away while its build runs (a tab switching theme)
// must not leave a "context canceled" build cached for everyone.
func TestCancelledRequestDoesNotPoisonTheCache(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "c.yaml")
	write(t, file, "x")
	build := func(ctx context.Context, _ string, _ []byte, _ Look) (*Snapshot, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return &Snapshot{}, nil
	}
	s, err := New(context.Background(), Options{File: file, Build: build})
	if err != nil {
		t.Fatal(err)
	}
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	if b := s.build(gone, []byte("x"), Look{Theme: "print", View: "cycle"}); b.err != nil {
		t.Errorf("build for a client that left: %v", b.err)
	}
	if b := s.build(context.Background(), []byte("x"), Look{Theme: "print", View: "cycle"}); b.err != nil || b.snap == nil {
		t.Errorf("next build: %+v", b)
	}
}

// A watched link into another folder follows the file it names: saving
// that file, in place or by renaming over it, redraws.
func TestLinkedFileIsFollowed(t *testing.T) {
	real := filepath.Join(t.TempDir(), "cycle.yaml")
	write(t, real, "First")
	link := filepath.Join(t.TempDir(), "linked.yaml")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	ts := startFile(t, link)
	st := openStream(t, ts, "default")
	st.waitFor(t, "the first version", func(ev event) bool { return strings.Contains(ev.Diagram, "First") })
	write(t, real, "Second")
	st.waitFor(t, "the edit of the linked file", func(ev event) bool { return strings.Contains(ev.Diagram, "Second") })
	renameSave(t, real, "Third")
	st.waitFor(t, "the rename-save of the linked file", func(ev event) bool { return strings.Contains(ev.Diagram, "Third") })
}
