package workshop

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ciclo-dev/ciclo/cycle"
)

const fixture = `title: Phone repair
moments:
  - id: arrive
    name: Arrives at the counter
    owner: Front desk
    importance: 5
    performance: 4
  - id: diagnose
    name: Phone is diagnosed
    owner: Workshop
    importance: 5
    performance: 2
    improvements:
      - action: Text the diagnosis
      - action: Loan phone
        status: done
  - id: pickup
    name: Picks up the phone
    owner: Front desk
    improvements:
      - action: Evening pickup
`

// stubDraw stands in for the renderer where the drawing is not the point:
// it lists the scores it was given, so tests see what would be drawn.
func stubDraw(_ context.Context, a *cycle.Analysis) ([]byte, error) {
	var b strings.Builder
	b.WriteString("<svg>")
	for _, m := range a.Moments {
		fmt.Fprintf(&b, `<g id="moment-%s" data-scores="%v/%v" data-critical="%v"></g>`, m.ID, m.Importance, m.Performance, m.Critical)
	}
	b.WriteString("</svg>")
	return []byte(b.String()), nil
}

type testServer struct {
	s       *Server
	base    string // the facilitator's (loopback) listener
	lanBase string // the participants' listener, when asked for
	journal string
	stop    func()
}

func parseFixture(t testing.TB, src string) *cycle.Cycle {
	t.Helper()
	c, err := cycle.Parse("cycle.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// start serves a workshop on fixture; lan adds a participants' listener on
// 127.0.0.2 standing for the room's network.
func start(t testing.TB, journal string, lan bool, tweak func(*Options)) *testServer {
	t.Helper()
	if journal == "" {
		journal = filepath.Join(t.TempDir(), "cycle.workshop.jsonl")
	}
	opts := Options{File: "cycle.yaml", Src: []byte(fixture), Cycle: parseFixture(t, fixture), Journal: journal, Draw: stubDraw}
	if tweak != nil {
		tweak(&opts)
	}
	s, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ls := Listeners{Facilitator: ln}
	ts := &testServer{s: s, base: "http://" + ln.Addr().String(), journal: journal}
	if lan {
		pl, err := net.Listen("tcp", "127.0.0.2:0")
		if err != nil {
			t.Skipf("cannot listen on 127.0.0.2: %v", err)
		}
		ls.Participants = pl
		ts.lanBase = "http://" + pl.Addr().String()
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ls) }()
	var once sync.Once
	ts.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Serve: %v", err)
			}
		})
	}
	t.Cleanup(ts.stop)
	return ts
}

// client is one browser: a cookie jar and the origin it posts from.
type client struct {
	t    testing.TB
	base string
	hc   *http.Client
}

func (ts *testServer) client(t testing.TB, base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: base, hc: &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// do sends a request; body nil means GET. It returns the status and the
// decoded JSON body (nil when not JSON).
func (c *client) do(method, path string, body any, hdr map[string]string) (int, map[string]any) {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		switch b := body.(type) {
		case string:
			r = strings.NewReader(b)
		default:
			data, _ := json.Marshal(b)
			r = bytes.NewReader(data)
		}
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Origin", c.base)
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	json.Unmarshal(data, &out)
	return resp.StatusCode, out
}

func (c *client) post(path string, body any) (int, map[string]any) {
	return c.do(http.MethodPost, path, body, nil)
}

// facilitator returns a client holding the facilitator's cookie.
func (ts *testServer) facilitator(t testing.TB) *client {
	t.Helper()
	c := ts.client(t, ts.base)
	if code, _ := c.do(http.MethodGet, "/f?k="+ts.s.Secret(), nil, nil); code != http.StatusSeeOther {
		t.Fatalf("opening the facilitator's page: %d", code)
	}
	return c
}

func (c *client) action(body map[string]any) {
	c.t.Helper()
	if code, resp := c.post("/f/action", body); code != http.StatusOK {
		c.t.Fatalf("action %v: %d %v", body, code, resp)
	}
}

// joined returns a participant who joined through base.
func (ts *testServer) joined(t testing.TB, base string) *client {
	t.Helper()
	c := ts.client(t, base)
	if code, resp := c.post("/join", map[string]string{"code": strings.ToLower(ts.s.Code())}); code != http.StatusOK {
		t.Fatalf("join: %d %v", code, resp)
	}
	return c
}

func rate(id, m string, i, f int) Rating {
	return Rating{ID: id, Moment: m, Importance: i, Performance: f}
}

func journalKinds(t testing.TB, path string) map[string]int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, _, err := readRecords(f, path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range recs {
		out[r.Kind]++
	}
	return out
}

func TestRatingFlowAndMedians(t *testing.T) {
	ts := start(t, "", false, nil)
	fac := ts.facilitator(t)
	ps := []*client{ts.joined(t, ts.base), ts.joined(t, ts.base), ts.joined(t, ts.base)}

	// Scoring is not open yet.
	if code, resp := ps[0].post("/p/rate", rate("early-rating", "arrive", 3, 3)); code != http.StatusConflict || resp["error"] != "closed" {
		t.Errorf("rating in the lobby: %d %v", code, resp)
	}
	fac.action(map[string]any{"action": "phase", "phase": "scoring"})
	for i, p := range ps {
		// diagnose: importance 5,4,4 (median 4), performance 1,2,4 (median 2, range 1–4)
		if code, resp := p.post("/p/rate", rate(fmt.Sprintf("rating-%d-diag", i), "diagnose", []int{5, 4, 4}[i], []int{1, 2, 4}[i])); code != http.StatusOK {
			t.Fatalf("rate: %d %v", code, resp)
		}
	}
	// arrive: two ratings, performance 1 and 2: median 1.5.
	ps[0].post("/p/rate", rate("rating-0-arrive", "arrive", 5, 1))
	ps[1].post("/p/rate", rate("rating-1-arrive", "arrive", 4, 2))

	st := ts.s.RoomScores()
	if d := st["diagnose"]; d.N != 3 || d.Importance != 4 || d.Performance != 2 || d.PerfMin != 1 || d.PerfMax != 4 {
		t.Errorf("diagnose: %+v", d)
	}
	if a := st["arrive"]; a.N != 2 || a.Importance != 4.5 || a.Performance != 1.5 {
		t.Errorf("arrive: %+v", a)
	}
	if _, ok := st["pickup"]; ok {
		t.Errorf("pickup has no ratings but a stat")
	}

	// A participant changing an answer replaces it: one rating per person.
	ps[2].post("/p/rate", rate("rating-2-diag-again", "diagnose", 4, 1))
	if d := ts.s.RoomScores()["diagnose"]; d.N != 3 || d.Performance != 1 {
		t.Errorf("after a changed answer: %+v", d)
	}

	// Before the reveal the facilitator sees counts, not medians.
	_, state := fac.do(http.MethodGet, "/f/state", nil, nil)
	for _, s := range state["stats"].([]any) {
		if _, has := s.(map[string]any)["importance"]; has {
			t.Errorf("medians before the reveal: %v", s)
		}
	}
	// Nor whether the room made a moment critical: arrive's row is
	// marked as in the file until the reveal.
	if panel := state["panel"].(string); !strings.Contains(panel, `<tr id="stat-arrive" class="">`) {
		t.Errorf("the room's criticality shows before the reveal: %s", panel)
	}
	// The File / Room switch waits for the reveal too: before it the
	// diagram is the file's whatever the switch says.
	if panel := state["panel"].(string); !strings.Contains(panel, `data-scores="room" aria-pressed="true" disabled>`) {
		t.Errorf("the File / Room switch is live before the reveal: %s", panel)
	}
	fac.action(map[string]any{"action": "reveal", "on": true})
	_, state = fac.do(http.MethodGet, "/f/state", nil, nil)
	if panel := state["panel"].(string); !strings.Contains(panel, `<tr id="stat-arrive" class="critical changed">`) || strings.Contains(panel, " disabled>") {
		t.Errorf("arrive's row or the switch after the reveal: %s", panel)
	}
	got := map[string]any{}
	for _, s := range state["stats"].([]any) {
		m := s.(map[string]any)
		got[m["id"].(string)] = m["performance"]
	}
	if got["arrive"] != 1.5 || got["diagnose"] != 1.0 || got["pickup"] != nil {
		t.Errorf("revealed medians: %v", got)
	}
	// arrive becomes critical under the room's scores (4.5 ≥ 4, 1.5 ≤ 2).
	if panel := state["panel"].(string); !strings.Contains(panel, `id="changes"`) || !strings.Contains(panel, "Arrives at the counter") {
		t.Errorf("the panel does not list arrive's change of criticality: %s", panel)
	}
	// The room's diagram draws the medians, exactly.
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, state = fac.do(http.MethodGet, "/f/state", nil, nil)
		if strings.Contains(state["diagram"].(string), `id="moment-arrive" data-scores="4.5/1.5" data-critical="true"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the room's diagram never drew the medians: %s", state["diagram"])
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The switch shows the file's scores again.
	fac.action(map[string]any{"action": "scores", "scores": "file"})
	if _, state = fac.do(http.MethodGet, "/f/state", nil, nil); !strings.Contains(state["diagram"].(string), `data-scores="5/4"`) {
		t.Errorf("file scores: %s", state["diagram"])
	}

	// A participant's state holds their own answers only.
	_, mine := ps[1].do(http.MethodGet, "/p/state", nil, nil)
	if m := mine["mine"].(map[string]any); len(m) != 2 || fmt.Sprint(m["arrive"]) != "[4 2]" {
		t.Errorf("participant state: %v", mine["mine"])
	}
}

func TestRetriedRatingCountsOnce(t *testing.T) {
	ts := start(t, "", false, nil)
	ts.facilitator(t).action(map[string]any{"action": "phase", "phase": "scoring"})
	p := ts.joined(t, ts.base)
	for range 3 {
		if code, resp := p.post("/p/rate", rate("same-rating-id", "arrive", 3, 3)); code != http.StatusOK {
			t.Fatalf("rate: %d %v", code, resp)
		}
	}
	// Concurrent retries of one id: still one.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.post("/p/rate", rate("concurrent-id", "pickup", 2, 2))
		}()
	}
	wg.Wait()
	ts.stop()
	if n := journalKinds(t, ts.journal)["rate"]; n != 2 {
		t.Errorf("journal holds %d ratings, want 2 (retries counted once)", n)
	}
}

func TestResumeFromJournal(t *testing.T) {
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	ts := start(t, journal, false, nil)
	code := ts.s.Code()
	ts.facilitator(t).action(map[string]any{"action": "phase", "phase": "scoring"})
	p := ts.joined(t, ts.base)
	p.post("/p/rate", rate("rating-one", "arrive", 2, 5))
	p.post("/p/rate", rate("rating-two", "pickup", 4, 1))
	ts.stop()

	// A crash mid-write leaves half a line: it was never acknowledged.
	f, err := os.OpenFile(journal, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"k":"rate","p":"p1","id":"torn`)
	f.Close()

	ts2 := start(t, journal, false, nil)
	if ts2.s.Code() != code {
		t.Errorf("code changed on resume: %s, was %s", ts2.s.Code(), code)
	}
	if r := ts2.s.Resumed; r.Participants != 1 || r.Ratings != 2 {
		t.Errorf("resumed %+v", r)
	}
	if st := ts2.s.RoomScores(); st["arrive"].Importance != 2 || st["pickup"].Performance != 1 {
		t.Errorf("scores after resume: %v", st)
	}
	// The same phone (its cookie) is still the same participant, scoring
	// is still open, and its retry of an acknowledged rating counts once.
	p.base = ts2.base
	p.hc.Jar.SetCookies(mustURL(t, ts2.base), p.hc.Jar.Cookies(mustURL(t, ts.base)))
	if code, resp := p.post("/p/rate", rate("rating-one", "arrive", 2, 5)); code != http.StatusOK {
		t.Fatalf("retry after restart: %d %v", code, resp)
	}
	ts2.stop()
	if n := journalKinds(t, journal)["rate"]; n != 2 {
		t.Errorf("%d ratings in the journal, want 2", n)
	}
	data, _ := os.ReadFile(journal)
	if bytes.Contains(data, []byte("torn")) {
		t.Errorf("the torn line was kept")
	}
}

func TestDamagedJournalIsAnError(t *testing.T) {
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	ts := start(t, journal, false, nil)
	ts.stop()
	data, _ := os.ReadFile(journal)
	os.WriteFile(journal, append([]byte("garbage\n"), data...), 0o600)
	_, err := New(context.Background(), Options{File: "cycle.yaml", Src: []byte(fixture), Cycle: parseFixture(t, fixture), Journal: journal, Draw: stubDraw})
	if err == nil || !strings.Contains(err.Error(), "j.jsonl:1: damaged") {
		t.Errorf("err = %v", err)
	}
	// A journal of another file is refused.
	journal2 := filepath.Join(t.TempDir(), "j.jsonl")
	start(t, journal2, false, nil).stop()
	_, err = New(context.Background(), Options{File: "other.yaml", Src: []byte(fixture), Cycle: parseFixture(t, fixture), Journal: journal2, Draw: stubDraw})
	if err == nil || !strings.Contains(err.Error(), "belongs to cycle.yaml") {
		t.Errorf("err = %v", err)
	}
}

// TestOtherFileAsJournalIsKept gives --journal files that are not
// journals: a one-line note (no newline at its end, or one), and a
// one-line flow-YAML cycle. ciclo refuses them and leaves each as it was
// (a crash's cut last line is dropped only from a journal; it wiped
// them). A journal cut short while its first record was written is still
// taken, as new.
func TestOtherFileAsJournalIsKept(t *testing.T) {
	dir := t.TempDir()
	for _, content := range []string{"my only line", "my only line\n", `{title: Car rental, moments: [{id: a, name: Picks up}]}`} {
		journal := filepath.Join(dir, "notes.txt")
		os.WriteFile(journal, []byte(content), 0o600)
		_, err := New(context.Background(), Options{File: "cycle.yaml", Src: []byte(fixture), Cycle: parseFixture(t, fixture), Journal: journal, Draw: stubDraw})
		if err == nil || !strings.Contains(err.Error(), "is not a ciclo workshop journal") {
			t.Errorf("%q: err = %v", content, err)
		}
		if got, _ := os.ReadFile(journal); string(got) != content {
			t.Errorf("%q became %q", content, got)
		}
	}
	journal := filepath.Join(dir, "cut.jsonl")
	os.WriteFile(journal, []byte(`{"k":"sta`), 0o600)
	ts := start(t, journal, false, nil)
	ts.stop()
	if n := journalKinds(t, journal)["start"]; n != 1 {
		t.Errorf("a journal cut in its first record: %d start records after, want 1", n)
	}
}

// TestLateRetryDoesNotOverwrite sends a phone's answers out of order, as
// a retry on a flaky network may: its newer rating of a moment (order 2),
// then a retry of the older one (order 1), which arrived last and was
// taken; the same for a vote's total. The latest answer counts, after a
// restart from the journal too; an answer without an order (an older
// page) still replaces the one before it.
func TestLateRetryDoesNotOverwrite(t *testing.T) {
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	ts := start(t, journal, false, func(o *Options) { o.Dots = 3 })
	fac := ts.facilitator(t)
	fac.action(map[string]any{"action": "phase", "phase": "scoring"})
	p := ts.joined(t, ts.base)
	newer, older := rate("newer-answer-b", "arrive", 5, 5), rate("older-answer-a", "arrive", 2, 2)
	newer.Seq, older.Seq = 2, 1
	for _, r := range []Rating{newer, older} {
		if code, resp := p.post("/p/rate", r); code != http.StatusOK {
			t.Fatalf("rate %s: %d %v", r.ID, code, resp)
		}
	}
	if st := ts.s.RoomScores()["arrive"]; st.Importance != 5 || st.Performance != 5 {
		t.Errorf("after a late retry of the older answer the room has %v, %v; want 5, 5", st.Importance, st.Performance)
	}
	fac.action(map[string]any{"action": "phase", "phase": "voting"})
	for _, v := range []Vote{{ID: "vote-newer-2", Improvement: "diagnose#0", Dots: 1, Seq: 4}, {ID: "vote-older-1", Improvement: "diagnose#0", Dots: 3, Seq: 3}} {
		if code, resp := p.post("/p/vote", v); code != http.StatusOK {
			t.Fatalf("vote %s: %d %v", v.ID, code, resp)
		}
	}
	if code, resp := p.post("/p/vote", Vote{ID: "vote-other-3", Improvement: "pickup#0", Dots: 2, Seq: 5}); code != http.StatusOK || resp["left"] != 0.0 {
		t.Errorf("with 1 dot kept on diagnose#0, 2 more on pickup#0: %d %v (the older total of 3 was taken)", code, resp)
	}
	ts.stop()

	ts2 := start(t, journal, false, func(o *Options) { o.Dots = 3 })
	if st := ts2.s.RoomScores()["arrive"]; st.Importance != 5 {
		t.Errorf("after a restart the room has %v; want 5", st.Importance)
	}
	p.base = ts2.base
	p.hc.Jar.SetCookies(mustURL(t, ts2.base), p.hc.Jar.Cookies(mustURL(t, ts.base)))
	ts2.facilitator(t).action(map[string]any{"action": "phase", "phase": "scoring"})
	late := rate("older-answer-c", "arrive", 1, 1)
	late.Seq = 1
	p.post("/p/rate", late)
	if st := ts2.s.RoomScores()["arrive"]; st.Importance != 5 {
		t.Errorf("a late retry after a restart was taken: %v", st.Importance)
	}
	p.post("/p/rate", rate("unordered-answer", "arrive", 3, 3))
	if st := ts2.s.RoomScores()["arrive"]; st.Importance != 3 {
		t.Errorf("an answer without an order did not replace the one before: %v", st.Importance)
	}
	ts2.stop()
}

func TestDotVoting(t *testing.T) {
	ts := start(t, "", false, func(o *Options) { o.Dots = 3 })
	fac := ts.facilitator(t)
	p := ts.joined(t, ts.base)
	if code, _ := p.post("/p/vote", Vote{ID: "vote-0001", Improvement: "diagnose#0", Dots: 1}); code != http.StatusConflict {
		t.Errorf("vote before voting opened: %d", code)
	}
	fac.action(map[string]any{"action": "phase", "phase": "voting"})
	if code, resp := p.post("/p/vote", Vote{ID: "vote-0002", Improvement: "diagnose#0", Dots: 2}); code != http.StatusOK || resp["left"] != 1.0 {
		t.Errorf("vote: %d %v", code, resp)
	}
	if code, _ := p.post("/p/vote", Vote{ID: "vote-0003", Improvement: "pickup#0", Dots: 2}); code != http.StatusBadRequest {
		t.Errorf("a fourth dot accepted: %d", code)
	}
	if code, _ := p.post("/p/vote", Vote{ID: "vote-0004", Improvement: "diagnose#1", Dots: 1}); code != http.StatusBadRequest {
		t.Errorf("a vote on a done improvement accepted: %d", code)
	}
	if code, resp := p.post("/p/vote", Vote{ID: "vote-0005", Improvement: "pickup#0", Dots: 1}); code != http.StatusOK || resp["left"] != 0.0 {
		t.Errorf("vote: %d %v", code, resp)
	}
	// Revealing the room's scores does not show the dots: they have
	// their own reveal, so the room votes without seeing the others'.
	fac.action(map[string]any{"action": "reveal", "on": true})
	_, state := fac.do(http.MethodGet, "/f/state", nil, nil)
	panel := state["panel"].(string)
	if strings.Contains(panel, `id="tallies"`) || !strings.Contains(panel, "3 of 3 dots placed") {
		t.Errorf("tallies before their reveal: %s", panel)
	}
	fac.action(map[string]any{"action": "tally", "on": true})
	_, state = fac.do(http.MethodGet, "/f/state", nil, nil)
	panel = state["panel"].(string)
	i, j := strings.Index(panel, "Text the diagnosis"), strings.Index(panel, "Evening pickup")
	if i < 0 || j < 0 || i > j || !strings.Contains(panel, "<strong>2</strong>") {
		t.Errorf("tallies: most dots first expected: %s", panel)
	}
}

func mustURL(t testing.TB, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestResumeAfterTheFileChanged(t *testing.T) {
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	ts := start(t, journal, false, nil)
	ts.facilitator(t).action(map[string]any{"action": "phase", "phase": "scoring"})
	p := ts.joined(t, ts.base)
	p.post("/p/rate", rate("rating-arrive", "arrive", 2, 5))
	p.post("/p/rate", rate("rating-pickup", "pickup", 4, 1))
	ts.stop()
	// pickup is removed from the file before the restart.
	edited := fixture[:strings.Index(fixture, "  - id: pickup")]
	var log strings.Builder
	ts2 := start(t, journal, false, func(o *Options) {
		o.Src, o.Cycle, o.Log = []byte(edited), parseFixture(t, edited), &log
	})
	if r := ts2.s.Resumed; !r.FileChanged || r.Skipped != 1 || r.Ratings != 1 {
		t.Errorf("resumed %+v", r)
	}
	if !strings.Contains(log.String(), `1 journal records no longer fit cycle.yaml`) || strings.Count(log.String(), "\n") != 1 {
		t.Errorf("log: %q", log.String())
	}
	if st := ts2.s.RoomScores(); st["arrive"].N != 1 || len(st) != 1 {
		t.Errorf("scores %v", st)
	}
}

func TestOneWorkshopPerJournal(t *testing.T) {
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	ts := start(t, journal, false, nil)
	_, err := New(context.Background(), Options{File: "cycle.yaml", Src: []byte(fixture), Cycle: parseFixture(t, fixture), Journal: journal, Draw: stubDraw})
	if err == nil || !strings.Contains(err.Error(), "in use by another ciclo workshop") {
		t.Errorf("a second workshop on the journal: %v", err)
	}
	ts.stop()
	s, err := New(context.Background(), Options{File: "cycle.yaml", Src: []byte(fixture), Cycle: parseFixture(t, fixture), Journal: journal, Draw: stubDraw})
	if err != nil {
		t.Fatalf("after the first stopped: %v", err)
	}
	s.Close()
}
