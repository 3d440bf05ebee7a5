package workshop

import (
	"fmt"
	"io"
	"net/http"
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
	lp.hc.Jar.SetCookies(mustURL(t, ts.lanBase), []*http.Cookie{{Name: facilitatorCookie, Value: ts.s.Secret()}})
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
		if err := allSet(facVocabulary[l]); err != nil {
			t.Errorf("%s facilitator: %v", l, err)
		}
		if err := allSet(partVocabulary[l]); err != nil {
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
			l.fail(addr)
		}
	}
	if l.allow("192.168.0.1") {
		t.Errorf("a new address allowed while %d spent addresses are tracked", maxLimiters)
	}
	if len(l.m) > maxLimiters {
		t.Errorf("%d addresses tracked", len(l.m))
	}
	// Once their allowances are whole again they are forgotten.
	now = now.Add(joinBurst * joinRefill)
	if !l.allow("192.168.0.1") || len(l.m) != 0 {
		t.Errorf("allowances refilled: allow %v, %d tracked", l.allow("192.168.0.1"), len(l.m))
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
