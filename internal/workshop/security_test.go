package workshop

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestWrongCodeRefused(t *testing.T) {
	ts := start(t, "", false, nil)
	c := ts.client(t, ts.base)
	if code, resp := c.post("/join", map[string]string{"code": "AAAA-AAAA"}); code != http.StatusForbidden || resp["error"] != "bad-code" {
		t.Errorf("wrong code: %d %v", code, resp)
	}
	if code, _ := c.do(http.MethodGet, "/p/state", nil, nil); code != http.StatusUnauthorized {
		t.Errorf("state without joining: %d", code)
	}
	// Typed in lower case with spaces: accepted.
	if code, _ := c.post("/join", map[string]string{"code": " " + strings.ToLower(strings.ReplaceAll(ts.s.Code(), "-", " ")) + " "}); code != http.StatusOK {
		t.Errorf("right code typed loosely: %d", code)
	}
}

func TestJoinCodeShape(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		c := newCode()
		if len(c) != codeLen || strings.Trim(c, codeAlphabet) != "" {
			t.Fatalf("code %q", c)
		}
		seen[c] = true
	}
	if len(seen) < 199 {
		t.Errorf("codes repeat: %d distinct of 200", len(seen))
	}
	// At least 30 bits, without look-alike characters.
	bits := 0.0
	for n := 1.0; n < pow(float64(len(codeAlphabet)), codeLen); n *= 2 {
		bits++
	}
	if bits < 30 {
		t.Errorf("%v bits", bits)
	}
	for _, bad := range "01OILSZB58UV" {
		if strings.ContainsRune(codeAlphabet, bad) {
			t.Errorf("ambiguous %q in the alphabet", bad)
		}
	}
}

func pow(x float64, n int) float64 {
	r := 1.0
	for range n {
		r *= x
	}
	return r
}

func TestJoinRateLimit(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	ts := start(t, "", false, func(o *Options) { o.Now = clock })
	c := ts.client(t, ts.base)
	for i := range joinBurst {
		if code, _ := c.post("/join", map[string]string{"code": "WRONG-" + string(rune('A'+i))}); code != http.StatusForbidden {
			t.Fatalf("attempt %d: %d", i, code)
		}
	}
	// The allowance is spent: even the right code is refused now.
	code, resp := c.post("/join", map[string]string{"code": ts.s.Code()})
	if code != http.StatusTooManyRequests || resp["error"] != "rate-limited" {
		t.Fatalf("after %d wrong codes: %d %v", joinBurst, code, resp)
	}
	// One more attempt after joinRefill.
	mu.Lock()
	now = now.Add(joinRefill)
	mu.Unlock()
	if code, _ := c.post("/join", map[string]string{"code": ts.s.Code()}); code != http.StatusOK {
		t.Errorf("after waiting: %d", code)
	}
}

func TestForeignHostAndOrigin(t *testing.T) {
	ts := start(t, "", false, nil)
	fac := ts.facilitator(t)
	for _, host := range []string{"evil.example:80", "attacker.test", strings.Replace(ts.base[len("http://"):], "127.0.0.1", "localhost.evil", 1)} {
		if code, resp := fac.do(http.MethodGet, "/f/state", nil, map[string]string{"Host": host}); code != http.StatusForbidden || resp["error"] != "host" {
			t.Errorf("Host %s: %d %v", host, code, resp)
		}
	}
	// localhost on the same port is the server's own name.
	if code, _ := fac.do(http.MethodGet, "/", nil, map[string]string{"Host": "localhost" + ts.base[len("http://127.0.0.1"):]}); code != http.StatusOK {
		t.Errorf("localhost: %d", code)
	}
	for _, origin := range []string{"http://evil.example", "null", "", "https://" + ts.base[len("http://"):]} {
		code, resp := fac.do(http.MethodPost, "/f/action", `{"action":"phase","phase":"scoring"}`, map[string]string{"Origin": origin})
		if code != http.StatusForbidden || resp["error"] != "origin" {
			t.Errorf("Origin %q: %d %v", origin, code, resp)
		}
	}
	if ph := ts.s.ss.phase; ph != PhaseLobby {
		t.Errorf("a cross-origin action changed the phase to %s", ph)
	}
}

func TestOversizedBody(t *testing.T) {
	ts := start(t, "", false, nil)
	ts.facilitator(t).action(map[string]any{"action": "phase", "phase": "scoring"})
	p := ts.joined(t, ts.base)
	big := `{"id":"abcdefgh","m":"arrive","i":3,"f":3,"x":"` + strings.Repeat("a", maxBody) + `"}`
	if code, resp := p.post("/p/rate", big); code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized rating: %d %v", code, resp)
	}
	if code, _ := p.post("/join", `{"code":"`+strings.Repeat("A", 2*maxBody)+`"}`); code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized join: %d", code)
	}
	if code, _ := p.post("/p/rate", `{"id":"abcdefgh","m":"arrive","i":3,"f":3,"extra":1}`); code != http.StatusBadRequest {
		t.Errorf("unknown field: %d", code)
	}
	for _, bad := range []Rating{rate("short", "arrive", 3, 3), rate("rating-xyz", "nowhere", 3, 3), rate("rating-xyz", "arrive", 0, 3), rate("rating-xyz", "arrive", 3, 6), rate("../../etc", "arrive", 3, 3)} {
		if code, _ := p.post("/p/rate", bad); code != http.StatusBadRequest {
			t.Errorf("%+v accepted: %d", bad, code)
		}
	}
}

func TestMissingOrForgedToken(t *testing.T) {
	ts := start(t, "", false, nil)
	ts.facilitator(t).action(map[string]any{"action": "phase", "phase": "scoring"})
	c := ts.client(t, ts.base)
	if code, _ := c.post("/p/rate", rate("rating-abc", "arrive", 3, 3)); code != http.StatusUnauthorized {
		t.Errorf("no token: %d", code)
	}
	forged := map[string]string{"Cookie": participantCookie + "=" + newToken()}
	if code, _ := c.do(http.MethodPost, "/p/rate", rate("rating-abc", "arrive", 3, 3), forged); code != http.StatusUnauthorized {
		t.Errorf("forged token: %d", code)
	}
	// The journal holds the token's hash, which is no token.
	ts.joined(t, ts.base)
	hash := ""
	for h := range ts.s.ss.byToken {
		hash = h
	}
	if code, _ := c.do(http.MethodGet, "/p/state", nil, map[string]string{"Cookie": participantCookie + "=" + hash}); code != http.StatusUnauthorized {
		t.Errorf("the journal's hash used as a token: %d", code)
	}
	// The cookie is HttpOnly and SameSite=Strict.
	resp, err := http.Post(ts.base+"/join", "application/json", strings.NewReader(`{"code":"`+ts.s.Code()+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("join without Origin: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, ts.base+"/join", strings.NewReader(`{"code":"`+ts.s.Code()+`"}`))
	req.Header.Set("Origin", ts.base)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	sc := resp.Header.Get("Set-Cookie")
	if !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Strict") || len(strings.TrimPrefix(strings.SplitN(sc, ";", 2)[0], participantCookie+"=")) < 40 {
		t.Errorf("Set-Cookie %q", sc)
	}
}

func TestParticipantCap(t *testing.T) {
	ts := start(t, "", false, func(o *Options) { o.MaxParticipants = 2 })
	ts.joined(t, ts.base)
	ts.joined(t, ts.base)
	c := ts.client(t, ts.base)
	if code, resp := c.post("/join", map[string]string{"code": ts.s.Code()}); code != http.StatusForbidden || resp["error"] != "full" {
		t.Errorf("third participant: %d %v", code, resp)
	}
}

func TestParticipantCannotActAsFacilitator(t *testing.T) {
	ts := start(t, "", true, nil)
	p := ts.joined(t, ts.base)
	for _, path := range []string{"/f/action", "/f/state", "/f/events", "/f/qr.svg", "/f", "/f.js"} {
		method := http.MethodGet
		var body any
		if path == "/f/action" {
			method, body = http.MethodPost, `{"action":"phase","phase":"closed"}`
		}
		if code, _ := p.do(method, path, body, nil); code != http.StatusForbidden {
			t.Errorf("participant %s %s: %d", method, path, code)
		}
		// A wrong secret gives nothing either.
		if code, _ := p.do(http.MethodGet, "/f?k="+newToken(), nil, nil); code != http.StatusForbidden {
			t.Errorf("wrong secret: %d", code)
		}
	}
	// On the room's network the facilitator's routes do not exist, even
	// with the secret.
	lp := ts.joined(t, ts.lanBase)
	for _, path := range []string{"/f?k=" + ts.s.Secret(), "/f/state", "/f/qr.svg"} {
		if code, _ := lp.do(http.MethodGet, path, nil, nil); code != http.StatusNotFound {
			t.Errorf("LAN %s: %d", path, code)
		}
	}
	lp.hc.Jar.SetCookies(mustURL(t, ts.lanBase), []*http.Cookie{{Name: facilitatorCookie + mustURL(t, ts.lanBase).Port(), Value: ts.s.Secret()}})
	if code, _ := lp.do(http.MethodPost, "/f/action", `{"action":"phase","phase":"closed"}`, nil); code != http.StatusNotFound {
		t.Errorf("LAN action with the secret: %d", code)
	}
	if ph := ts.s.ss.phase; ph != PhaseLobby {
		t.Errorf("phase changed to %s", ph)
	}
	// Only literal paths exist.
	for _, path := range []string{"/../cycle.yaml", "/cycle.yaml", "/p/../f/action", "/static/x", "/%2e%2e/etc/passwd"} {
		if code, _ := p.do(http.MethodGet, path, nil, nil); code != http.StatusNotFound && code != http.StatusMovedPermanently {
			t.Errorf("%s: %d", path, code)
		}
	}
}

func TestPagesHaveStrictCSP(t *testing.T) {
	ts := start(t, "", false, nil)
	fac := ts.facilitator(t)
	for _, path := range []string{"/", "/f", "/ws.css", "/p.js", "/f/qr.svg"} {
		req, _ := http.NewRequest(http.MethodGet, ts.base+path, nil)
		resp, err := fac.hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(csp, "default-src 'none'") || strings.Contains(csp, "http") || strings.Contains(csp, "*") {
			t.Errorf("%s: %d CSP %q", path, resp.StatusCode, csp)
		}
	}
}

func TestPagesSpeakTheFilesLanguage(t *testing.T) {
	es := strings.Replace(fixture, "title: Phone repair", "title: Reparación\nlanguage: es", 1)
	ts := start(t, "", false, func(o *Options) { o.Src = []byte(es); o.Cycle = parseFixture(t, es) })
	fac := ts.facilitator(t)
	_, state := fac.do(http.MethodGet, "/f/state", nil, nil)
	if h := state["header"].(string); !strings.Contains(h, "participantes") {
		t.Errorf("facilitator header not in Spanish: %s", h)
	}
	req, _ := http.NewRequest(http.MethodGet, ts.base+"/", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body := make([]byte, 64<<10)
	n, _ := io.ReadFull(resp.Body, body)
	page := string(body[:n])
	if !strings.Contains(page, `lang="es"`) || !strings.Contains(page, "Código del taller") || !strings.Contains(page, `\u00bfCu\u00e1nto le importa`) && !strings.Contains(page, "¿Cuánto le importa") {
		t.Errorf("participant page not in Spanish")
	}
	// Every word exists in both languages.
	for _, l := range []string{"en", "es"} {
		if err := allSet(facVocabulary()[l]); err != nil {
			t.Errorf("%s facilitator: %v", l, err)
		}
		if err := allSet(partVocabulary()[l]); err != nil {
			t.Errorf("%s participant: %v", l, err)
		}
	}
}

// allSet reports the first empty string field of a words struct.
func allSet(v any) error {
	rv := reflect.ValueOf(v)
	for i := range rv.NumField() {
		f := rv.Field(i)
		if f.Kind() == reflect.String && f.String() == "" {
			return fmt.Errorf("%s is empty", rv.Type().Field(i).Name)
		}
		if f.Kind() == reflect.Map && f.Len() == 0 {
			return fmt.Errorf("%s is empty", rv.Type().Field(i).Name)
		}
	}
	return nil
}

func TestAnswersPerParticipantAreCapped(t *testing.T) {
	ts := start(t, "", false, nil)
	ts.facilitator(t).action(map[string]any{"action": "phase", "phase": "scoring"})
	p := ts.joined(t, ts.base)
	limit := ts.s.maxActions()
	for i := range limit {
		if code, resp := p.post("/p/rate", rate(fmt.Sprintf("rating-%05d", i), "arrive", 1+i%5, 3)); code != http.StatusOK {
			t.Fatalf("rating %d of %d: %d %v", i, limit, code, resp)
		}
	}
	if code, resp := p.post("/p/rate", rate("one-too-many", "arrive", 3, 3)); code != http.StatusTooManyRequests || resp["error"] != "too-many" {
		t.Errorf("answer %d: %d %v", limit+1, code, resp)
	}
}

func TestLimiterMemoryIsBounded(t *testing.T) {
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	l := newLimiter(func() time.Time { return now })
	for i := range maxLimiters {
		addr := fmt.Sprintf("10.%d.%d.%d", i>>16, (i>>8)&255, i&255)
		for range joinBurst {
			l.attempt(addr, func() bool { return false })
		}
	}
	if limited, _ := l.attempt("192.168.0.1", func() bool { return true }); !limited {
		t.Errorf("a new address allowed while %d spent addresses are tracked", maxLimiters)
	}
	if len(l.m) > maxLimiters {
		t.Errorf("%d addresses tracked", len(l.m))
	}
	// Once their allowances are whole again they are forgotten.
	now = now.Add(joinBurst * joinRefill)
	if limited, ok := l.attempt("192.168.0.1", func() bool { return true }); limited || !ok || len(l.m) != 0 {
		t.Errorf("allowances refilled: limited %v, %d tracked", limited, len(l.m))
	}
}

func TestParticipantCapUnderConcurrentJoins(t *testing.T) {
	ts := start(t, "", false, func(o *Options) { o.MaxParticipants = 5 })
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := ts.client(t, ts.base)
			code, _ := c.post("/join", map[string]string{"code": ts.s.Code()})
			mu.Lock()
			codes[code]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if codes[http.StatusOK] != 5 || codes[http.StatusForbidden] != 15 {
		t.Errorf("statuses %v", codes)
	}
	ids := map[string]bool{}
	for _, p := range ts.s.ss.order {
		ids[p.id] = true
	}
	if len(ids) != 5 {
		t.Errorf("participant ids %v", ids)
	}
}

// Join requests sent together, with their bodies held back and released
// at once, get no more wrong guesses than the allowance; right codes sent
// together from one address (a room behind one address, the load
// benchmark) all get in.
func TestJoinRateLimitHoldsForRequestsSentTogether(t *testing.T) {
	ts := start(t, "", false, nil)
	host := ts.base[len("http://"):]
	const n = 4 * joinBurst
	send := func(code string) map[int]int {
		body := `{"code":"` + code + `"}`
		conns := make([]net.Conn, n)
		for i := range conns {
			c, err := net.Dial("tcp", host)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			conns[i] = c
			// Everything but the body's last byte.
			fmt.Fprintf(c, "POST /join HTTP/1.1\r\nHost: %s\r\nOrigin: http://%s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", host, host, len(body), body[:len(body)-1])
		}
		for _, c := range conns {
			io.WriteString(c, body[len(body)-1:])
		}
		statuses := map[int]int{}
		for _, c := range conns {
			c.SetReadDeadline(time.Now().Add(10 * time.Second))
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			statuses[resp.StatusCode]++
		}
		return statuses
	}
	if got := send(ts.s.Code()); got[http.StatusOK] != n {
		t.Errorf("%d right codes sent together from one address: %v; want all in", n, got)
	}
	if got := send("AAAA-AAAA"); got[http.StatusForbidden] != joinBurst || got[http.StatusTooManyRequests] != n-joinBurst {
		t.Errorf("%d wrong codes sent together: %v; want %d checked, the rest refused", n, got, joinBurst)
	}
}

// A device is one address for the join limit: IPv4 in either spelling,
// IPv6 with or without its zone; two phones of one IPv6 network (one /64)
// are two devices, or the room would share one allowance.
func TestJoinLimitAddressKey(t *testing.T) {
	same := [][2]string{
		{"10.0.0.7", "::ffff:10.0.0.7"},
		{"fe80::1%wlan0", "fe80::1"},
		{"2001:db8:1:2::1", "2001:db8:1:2:0::1"},
	}
	for _, p := range same {
		if addrKey(p[0]) != addrKey(p[1]) {
			t.Errorf("%s and %s are limited apart: %s, %s", p[0], p[1], addrKey(p[0]), addrKey(p[1]))
		}
	}
	differ := [][2]string{{"10.0.0.7", "10.0.0.8"}, {"2001:db8:1:2::1", "2001:db8:1:3::1"},
		{"2001:db8:1:2::1", "2001:db8:1:2:abcd:ef01:2345:6789"}, {"fe80::1%wlan0", "fe80::99%wlan0"}}
	for _, p := range differ {
		if addrKey(p[0]) == addrKey(p[1]) {
			t.Errorf("%s and %s share one allowance", p[0], p[1])
		}
	}
	r := &http.Request{RemoteAddr: "[2001:db8:1:2::42]:51000", Header: http.Header{"X-Forwarded-For": {"10.9.9.9"}}}
	if got := clientAddr(r); got != "2001:db8:1:2::42" {
		t.Errorf("clientAddr = %s", got)
	}
}

// One participant cannot hold hundreds of event streams open (each one a
// connection and a goroutine for hours): a fifth ends the oldest, so a
// phone reconnecting after its Wi-Fi dropped is never refused for streams
// the server still thinks open.
func TestEventStreamsPerParticipantAreCapped(t *testing.T) {
	ts := start(t, "", false, nil)
	p := ts.joined(t, ts.base)
	var cookie string
	for _, c := range p.hc.Jar.Cookies(mustURL(t, ts.base)) {
		if c.Name == participantCookie {
			cookie = c.Name + "=" + c.Value
		}
	}
	type opened struct {
		body *bufio.Reader
		stop func()
	}
	open := func() opened {
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.base+"/p/events", nil)
		req.Header.Set("Cookie", cookie)
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("stream: %d", resp.StatusCode)
		}
		body := bufio.NewReader(resp.Body)
		// Up to the first event: the stream is counted by then.
		for {
			line, err := body.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(line, "data:") {
				break
			}
		}
		return opened{body, func() { cancel(); resp.Body.Close() }}
	}
	var streams []opened
	for range 3 * maxStreams {
		streams = append(streams, open())
	}
	defer func() {
		for _, s := range streams {
			s.stop()
		}
	}()
	// The oldest ones were ended by the server; the newest are open.
	for i, s := range streams {
		ended := make(chan error, 1)
		go func() {
			_, err := io.Copy(io.Discard, s.body)
			ended <- err
		}()
		if i < len(streams)-maxStreams {
			select {
			case <-ended:
			case <-time.After(10 * time.Second):
				t.Fatalf("stream %d of %d was not ended", i+1, len(streams))
			}
		}
	}
	ts.s.mu.Lock()
	n := len(ts.s.streams["p1"])
	ts.s.mu.Unlock()
	if n != maxStreams {
		t.Errorf("%d streams open for one participant, want %d", n, maxStreams)
	}
}

// One device on the venue's network cannot hold more than
// maxConnsPerDevice connections to the participants' listener (half-sent
// requests, slowloris): the ones beyond are closed at once, and a closed
// one frees its place.
func TestConnectionsPerDeviceAreCapped(t *testing.T) {
	ts := start(t, "", true, nil)
	host := ts.lanBase[len("http://"):]
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	dial := func() net.Conn {
		c, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		// Half a request, as a slowloris client sends.
		io.WriteString(c, "GET / HTTP/1.1\r\nHost: "+host+"\r\n")
		return c
	}
	// closed reports whether the server closed c (read returns EOF)
	// rather than waiting for the rest of the request.
	closed := func(c net.Conn) bool {
		c.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
		_, err := c.Read(make([]byte, 1))
		var ne net.Error
		return !(errors.As(err, &ne) && ne.Timeout())
	}
	for range maxConnsPerDevice {
		dial()
	}
	extra := dial()
	if !closed(extra) {
		t.Errorf("connection %d from one device was kept open", maxConnsPerDevice+1)
	}
	if closed(conns[0]) {
		t.Fatalf("connection 1 was closed")
	}
	conns[0].Close()
	// The place is free again: a whole request is answered.
	for i := 0; ; i++ {
		c := dial()
		io.WriteString(c, "\r\n")
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("after a place was freed: %d", resp.StatusCode)
			}
			break
		}
		if i == 100 {
			t.Fatalf("a closed connection's place was not freed: %v", err)
		}
		time.Sleep(10 * time.Millisecond) // the server notices the close
	}
}

func TestLimitListenerCountsPerDevice(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := newLimitListener(ln, 2, 3)
	defer l.Close()
	accepted := make(chan net.Conn, 10)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted <- c
		}
	}()
	for range 4 {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	a, b := <-accepted, <-accepted
	select {
	case c := <-accepted:
		t.Errorf("a third connection from one device was accepted: %v", c.RemoteAddr())
	case <-time.After(300 * time.Millisecond):
	}
	a.Close()
	a.Close() // closing twice gives one place back
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	<-accepted
	l.mu.Lock()
	open, by := l.open, l.by["127.0.0.1"]
	l.mu.Unlock()
	if open != 2 || by != 2 {
		t.Errorf("open %d, from the device %d; want 2, 2", open, by)
	}
	b.Close()
}

// Browsers send a host's cookies to every port of it: two workshops on
// one computer must not overwrite each other's facilitator cookie.
func TestFacilitatorCookiesOfTwoWorkshopsCoexist(t *testing.T) {
	a := start(t, "", false, nil)
	b := start(t, "", false, nil)
	c := a.client(t, a.base)
	for _, ts := range []*testServer{a, b} {
		c.base = ts.base
		if code, _ := c.do(http.MethodGet, "/f?k="+ts.s.Secret(), nil, nil); code != http.StatusSeeOther {
			t.Fatalf("opening the facilitator's page: %d", code)
		}
	}
	for _, ts := range []*testServer{a, b} {
		c.base = ts.base
		if code, resp := c.do(http.MethodGet, "/f/state", nil, nil); code != http.StatusOK {
			t.Errorf("facilitator of %s after opening both: %d %v", ts.base, code, resp)
		}
	}
}

// TestBidiControlsLeftOut gives the cycle a moment name and an
// improvement with invisible bidirectional controls (a right-to-left
// override, which displays what follows reversed). The facilitator's
// page, the phone's page and its state leave them out; the diff that
// --apply shows writes each as <U+202E>, since it shows the file.
func TestBidiControlsLeftOut(t *testing.T) {
	const rlo = "\u202e"
	src := strings.NewReplacer("name: Arrives at the counter", "name: Pays "+rlo+"evil", "title: Phone repair", "title: Phone "+rlo+"repair",
		"action: Text the diagnosis", "action: Text "+rlo+"the diagnosis").Replace(fixture)
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	os.WriteFile(file, []byte(src), 0o644)
	ts := start(t, filepath.Join(dir, "j.jsonl"), false, func(o *Options) {
		o.File, o.Src, o.Cycle = file, []byte(src), parseFixture(t, src)
	})
	fac := ts.facilitator(t)
	fac.action(map[string]any{"action": "phase", "phase": "scoring"})
	p := ts.joined(t, ts.base)
	p.post("/p/rate", rate("bidi-rating-1", "arrive", 2, 2))
	_, fstate := fac.do(http.MethodGet, "/f/state", nil, nil)
	_, pstate := p.do(http.MethodGet, "/p/state", nil, nil)
	resp, err := http.Get(ts.base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for name, text := range map[string]string{"facilitator state": fmt.Sprint(fstate), "phone state": fmt.Sprint(pstate), "phone page": string(page)} {
		if strings.Contains(text, rlo) {
			t.Errorf("the %s holds U+202E", name)
		}
	}
	if !strings.Contains(fmt.Sprint(pstate), "Pays evil") || !strings.Contains(fmt.Sprint(pstate), "Text the diagnosis") {
		t.Errorf("the phone state lost the words around the control: %v", pstate)
	}
	plan, err := ts.s.PlanApply()
	if err != nil {
		t.Fatal(err)
	}
	if d := plan.Diff("cycle.yaml"); strings.Contains(d, rlo) || !strings.Contains(d, "Pays <U+202E>evil") {
		t.Errorf("the diff:\n%s", d)
	}
}

// TestHostsOnPort80 checks the names a listener answers to: on port 80 a
// browser sends Host and Origin without the port (the workshop refused
// its own address there); on another port the port is required.
func TestHostsOnPort80(t *testing.T) {
	ts := start(t, "", false, nil)
	for _, c := range []struct {
		addr  net.Addr
		host  string
		allow bool
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80}, "127.0.0.1", true},
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80}, "localhost", true},
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80}, "127.0.0.1:80", true},
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80}, "evil.com", false},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 80}, "[::1]", true},
		{&net.TCPAddr{IP: net.IPv4(192, 168, 1, 20), Port: 80}, "192.168.1.20", true},
		{&net.TCPAddr{IP: net.IPv4(192, 168, 1, 20), Port: 80}, "localhost", false},
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, "127.0.0.1", false},
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, "localhost:8080", true},
	} {
		h := newHandler(ts.s, c.addr, true)
		if h.hosts[c.host] != c.allow {
			t.Errorf("listening on %v, Host %q allowed %v, want %v", c.addr, c.host, h.hosts[c.host], c.allow)
		}
	}
}
