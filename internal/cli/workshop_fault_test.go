package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildCiclo builds the ciclo binary for tests that run it as a process.
func buildCiclo(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "ciclo")
	cmd := exec.Command("go", "build", "-o", bin, "../../cmd/ciclo")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// workshopProc is "ciclo workshop" running as a process.
type workshopProc struct {
	cmd       *exec.Cmd
	fac, join string // the facilitator's URL (with the secret), the participants'
	code      string
	stderr    *syncBuffer
}

func startWorkshopProc(t *testing.T, bin string, args ...string) *workshopProc {
	t.Helper()
	p := &workshopProc{cmd: exec.Command(bin, append([]string{"workshop"}, args...)...), stderr: &syncBuffer{}}
	pipe, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.cmd.Process.Kill(); p.cmd.Wait() })
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pipe)
		once := sync.Once{}
		for sc.Scan() {
			fmt.Fprintln(p.stderr, sc.Text())
			if strings.Contains(sc.Text(), "Ctrl-C") {
				once.Do(func() { close(ready) })
			}
		}
		io.Copy(io.Discard, pipe)
	}()
	select {
	case <-ready:
	case <-time.After(60 * time.Second):
		t.Fatalf("the workshop did not start: %s", p.stderr.String())
	}
	out := p.stderr.String()
	f, j := facURLRE.FindStringSubmatch(out), joinURLRE.FindStringSubmatch(out)
	if f == nil || j == nil {
		t.Fatalf("no URLs: %s", out)
	}
	p.fac, p.join, p.code = f[1], strings.TrimSuffix(j[1], "/"), j[2]
	return p
}

// rawPost posts JSON with the page's Origin and an optional cookie.
func rawPost(base, path, cookie, body string) (int, string, *http.Response, error) {
	req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(body))
	req.Header.Set("Origin", base)
	req.Header.Set("Content-Type", "application/json")
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", nil, err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data), resp, nil
}

// facilitatorCookie opens the facilitator's URL and returns its cookie.
func (p *workshopProc) facilitatorCookie(t *testing.T) string {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(p.fac)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == "ciclo_f" {
			return c.Name + "=" + c.Value
		}
	}
	t.Fatalf("no facilitator cookie: %v", resp.Header)
	return ""
}

type ackedRating struct {
	cookie, id, body string
}

func TestWorkshopSurvivesSIGKILL(t *testing.T) {
	bin := buildCiclo(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	saveFile(t, file, workshopFixture)
	journal := filepath.Join(dir, "session.jsonl")
	p := startWorkshopProc(t, bin, file, "--addr", "127.0.0.1:0", "--journal", journal)
	facCookie := p.facilitatorCookie(t)
	if code, body, _, err := rawPost(p.join, "/f/action", facCookie, `{"action":"phase","phase":"scoring"}`); err != nil || code != 200 {
		t.Fatalf("opening scoring: %d %s %v", code, body, err)
	}
	const people = 16
	cookies := make([]string, people)
	for i := range cookies {
		code, body, resp, err := rawPost(p.join, "/join", "", `{"code":"`+p.code+`"}`)
		if err != nil || code != 200 {
			t.Fatalf("join: %d %s %v", code, body, err)
		}
		for _, c := range resp.Cookies() {
			cookies[i] = c.Name + "=" + c.Value
		}
	}

	// A burst: every participant rates again and again; the process is
	// killed once enough ratings were acknowledged, while others are in
	// flight.
	moments := []string{"arrive", "diagnose", "pickup"}
	var mu sync.Mutex
	var acked []ackedRating
	killAt := 150
	killed := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	for i := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				id := fmt.Sprintf("p%02d-rating-%04d", i, n)
				body := fmt.Sprintf(`{"id":%q,"m":%q,"i":%d,"f":%d}`, id, moments[n%3], 1+n%5, 1+(n+i)%5)
				code, _, _, err := rawPost(p.join, "/p/rate", cookies[i], body)
				if err != nil {
					return // the process is gone
				}
				if code == 200 {
					mu.Lock()
					acked = append(acked, ackedRating{cookies[i], id, body})
					if len(acked) >= killAt {
						once.Do(func() {
							p.cmd.Process.Signal(syscall.SIGKILL)
							close(killed)
						})
					}
					mu.Unlock()
				}
			}
		}()
	}
	select {
	case <-killed:
	case <-time.After(60 * time.Second):
		t.Fatal("the burst never reached the kill point")
	}
	wg.Wait()
	p.cmd.Wait()

	// Restart on the same journal.
	p2 := startWorkshopProc(t, bin, file, "--addr", "127.0.0.1:0", "--journal", journal)
	if !strings.Contains(p2.stderr.String(), "resuming") || p2.code != p.code {
		t.Errorf("restart did not resume (code %s, was %s): %s", p2.code, p.code, p2.stderr.String())
	}
	ids := journalRatingIDs(t, journal)
	for _, a := range acked {
		if ids[a.id] != 1 {
			t.Errorf("acknowledged rating %s is in the journal %d times", a.id, ids[a.id])
		}
	}
	for id, n := range ids {
		if n != 1 {
			t.Errorf("rating %s journalled %d times", id, n)
		}
	}
	// Phones retry what they sent before the crash: acknowledged again,
	// counted once.
	for _, a := range acked[len(acked)-20:] {
		if code, body, _, err := rawPost(p2.join, "/p/rate", a.cookie, a.body); err != nil || code != 200 {
			t.Fatalf("retry after restart: %d %s %v", code, body, err)
		}
	}
	p2.cmd.Process.Signal(os.Interrupt)
	p2.cmd.Wait()
	after := journalRatingIDs(t, journal)
	if len(after) != len(ids) {
		t.Errorf("retries added ratings: %d, then %d", len(ids), len(after))
	}
	t.Logf("%d ratings acknowledged before the kill, %d in the journal", len(acked), len(ids))
}

// journalRatingIDs counts the rating records per id in a journal.
func journalRatingIDs(t *testing.T, path string) map[string]int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, line := range strings.Split(string(data), "\n") {
		var rec struct {
			K, ID string
		}
		if json.Unmarshal([]byte(line), &rec) == nil && rec.K == "rate" {
			out[rec.ID]++
		}
	}
	return out
}
