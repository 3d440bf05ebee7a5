// Command workshop is the load benchmark of "ciclo workshop": it starts
// the command as a process, lets N participants join, then has all of them
// rate every moment of a cycle at once over HTTP, as phones would (each
// participant sends its ratings one after another; all participants at the
// same time, each pausing a random 0..-think between two ratings, far less
// than a person needs to read a moment and tap twice), re-sending some
// ratings with the same id as a phone retrying would. -think 0 makes it a
// closed-loop stress test: 200 requests always outstanding. It reports:
//
//   - ratings accepted and ratings in the journal (they must be equal, with
//     no id twice: retries count once);
//   - the acknowledgement latency (p50, p99, max);
//   - how long after the last acknowledgement the facilitator's event
//     stream shows the final medians;
//   - the process's peak resident memory (VmHWM, Linux).
//
// It exits 1 when a target is missed (exactly once, p99 < 100 ms, final
// medians within 1 s, peak memory < 200 MiB).
//
//	go run ./bench/workshop                       # builds ./cmd/ciclo first
//	go run ./bench/workshop -ciclo ./ciclo -participants 200 -moments 14
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("ciclo", "", "ciclo binary (default: build ./cmd/ciclo into a temporary directory)")
	people := flag.Int("participants", 200, "participants")
	moments := flag.Int("moments", 14, "moments in the cycle")
	retryEvery := flag.Int("retry-every", 10, "re-send every Nth rating with the same id (0: never)")
	think := flag.Duration("think", 500*time.Millisecond, "longest pause of a participant between two ratings (uniformly random from 0; 0: none, a closed-loop stress test)")
	flag.Parse()
	res, err := run(*bin, *people, *moments, *retryEvery, *think)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/workshop:", err)
		os.Exit(2)
	}
	fmt.Print(res.report())
	if !res.ok() {
		os.Exit(1)
	}
}

type result struct {
	people, moments     int
	accepted, retries   int
	journal, duplicates int
	p50, p99, max       time.Duration
	final               time.Duration
	peakKiB             int
	wall, think         time.Duration
}

func (r result) ok() bool {
	return r.accepted == r.people*r.moments && r.journal == r.accepted && r.duplicates == 0 &&
		r.p99 < 100*time.Millisecond && r.final <= time.Second && r.peakKiB < 200*1024
}

func (r result) report() string {
	mark := func(ok bool) string {
		if ok {
			return "ok"
		}
		return "MISSED"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "participants %d, moments %d, pause between ratings 0..%v: %d ratings sent in %v (+%d retries of acknowledged ratings)\n", r.people, r.moments, r.think, r.people*r.moments, r.wall.Round(time.Millisecond), r.retries)
	fmt.Fprintf(&b, "accepted %d, in the journal %d, duplicate ids %d   [%s]\n", r.accepted, r.journal, r.duplicates, mark(r.accepted == r.people*r.moments && r.journal == r.accepted && r.duplicates == 0))
	fmt.Fprintf(&b, "ack latency p50 %v, p99 %v, max %v   [%s: p99 < 100ms]\n", r.p50.Round(100*time.Microsecond), r.p99.Round(100*time.Microsecond), r.max.Round(100*time.Microsecond), mark(r.p99 < 100*time.Millisecond))
	fmt.Fprintf(&b, "final medians on the facilitator's stream %v after the last ack   [%s: <= 1s]\n", r.final.Round(time.Millisecond), mark(r.final <= time.Second))
	fmt.Fprintf(&b, "peak memory (VmHWM) %.1f MiB   [%s: < 200 MiB]\n", float64(r.peakKiB)/1024, mark(r.peakKiB < 200*1024))
	return b.String()
}

// cycleYAML is a cycle of n moments, each with an improvement.
func cycleYAML(n int) string {
	var b strings.Builder
	b.WriteString("title: Load benchmark\nmoments:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - id: m%02d\n    name: Moment number %d\n    owner: Team %d\n    importance: 3\n    performance: 3\n    improvements:\n      - action: Improve moment %d\n", i+1, i+1, i%4+1, i+1)
	}
	return b.String()
}

// score is participant p's rating of moment m: spread over the scale so
// the medians are not trivial.
func score(p, m int) (imp, perf int) { return 1 + (p+m)%5, 1 + (3*p+m)%5 }

func median(xs []int) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return float64(xs[n/2])
	}
	return float64(xs[n/2-1]+xs[n/2]) / 2
}

var (
	facRE  = regexp.MustCompile(`(http://127\.0\.0\.1:\d+)/f\?k=([A-Za-z0-9_-]+)`)
	codeRE = regexp.MustCompile(`type the code (\S+)`)
)

func run(bin string, people, moments, retryEvery int, think time.Duration) (result, error) {
	res := result{people: people, moments: moments, think: think}
	dir, err := os.MkdirTemp("", "ciclo-bench-workshop-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(dir)
	if bin == "" {
		bin = filepath.Join(dir, "ciclo")
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/ciclo").CombinedOutput(); err != nil {
			return res, fmt.Errorf("go build (run from the repository root): %v\n%s", err, out)
		}
	}
	file := filepath.Join(dir, "cycle.yaml")
	journal := filepath.Join(dir, "cycle.workshop.jsonl")
	if err := os.WriteFile(file, []byte(cycleYAML(moments)), 0o644); err != nil {
		return res, err
	}
	cmd := exec.Command(bin, "workshop", file, "--addr", "127.0.0.1:0", "--max-participants", strconv.Itoa(people))
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		return res, err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	var out strings.Builder
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
		if strings.Contains(sc.Text(), "Ctrl-C") {
			break
		}
	}
	go io.Copy(io.Discard, stderr)
	f, c := facRE.FindStringSubmatch(out.String()), codeRE.FindStringSubmatch(out.String())
	if f == nil || c == nil {
		return res, fmt.Errorf("the workshop did not start:\n%s", out.String())
	}
	base, secret, code := f[1], f[2], c[1]
	hc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: people + 10}}
	post := func(path, cookie, body string) (int, *http.Response, error) {
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(body))
		req.Header.Set("Origin", base)
		req.Header.Set("Content-Type", "application/json")
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		resp, err := hc.Do(req)
		if err != nil {
			return 0, nil, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, resp, nil
	}
	u, err := url.Parse(base)
	if err != nil {
		return res, err
	}
	fac := "ciclo_f_" + u.Port() + "=" + secret // the facilitator's cookie is named after the port
	for _, a := range []string{`{"action":"phase","phase":"scoring"}`, `{"action":"reveal","on":true}`} {
		if st, _, err := post("/f/action", fac, a); err != nil || st != 200 {
			return res, fmt.Errorf("facilitator action %s: %d %v", a, st, err)
		}
	}
	// Everyone joins (at once, as a room does when the code goes up), so
	// each phone holds its own connection when the rating starts.
	cookies := make([]string, people)
	joinErr := make(chan error, people)
	var jwg sync.WaitGroup
	for i := range cookies {
		jwg.Add(1)
		go func() {
			defer jwg.Done()
			st, resp, err := post("/join", "", `{"code":"`+code+`"}`)
			if err != nil || st != 200 {
				joinErr <- fmt.Errorf("join %d: %d %v", i, st, err)
				return
			}
			for _, ck := range resp.Cookies() {
				cookies[i] = ck.Name + "=" + ck.Value
			}
		}()
	}
	jwg.Wait()
	close(joinErr)
	if err := <-joinErr; err != nil {
		return res, err
	}

	// The expected final medians.
	want := map[string][2]float64{}
	for m := range moments {
		var is, fs []int
		for p := range people {
			i, f := score(p, m)
			is, fs = append(is, i), append(fs, f)
		}
		want[fmt.Sprintf("m%02d", m+1)] = [2]float64{median(is), median(fs)}
	}
	// The facilitator's event stream, watched for the final medians.
	finalAt := make(chan time.Time, 1)
	go watchFinal(base, fac, want, people, finalAt)

	var mu sync.Mutex
	var lat []time.Duration
	var lastAck time.Time
	var firstErr error
	start := time.Now()
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for p := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			rng := rand.New(rand.NewPCG(uint64(p), 7))
			for m := range moments {
				if think > 0 {
					time.Sleep(time.Duration(rng.Int64N(int64(think))))
				}
				i, f := score(p, m)
				body := fmt.Sprintf(`{"id":"p%03d-m%02d-rating","m":"m%02d","i":%d,"f":%d}`, p, m+1, m+1, i, f)
				sends := 1
				if retryEvery > 0 && (p*moments+m)%retryEvery == 0 {
					sends = 2
				}
				for s := range sends {
					t0 := time.Now()
					st, _, err := post("/p/rate", cookies[p], body)
					d := time.Since(t0)
					mu.Lock()
					switch {
					case err != nil || st != 200:
						if firstErr == nil {
							firstErr = fmt.Errorf("rating %s: %d %v", body, st, err)
						}
					case s == 0:
						res.accepted++
						lat = append(lat, d)
						if now := time.Now(); now.After(lastAck) {
							lastAck = now
						}
					default:
						res.retries++
					}
					mu.Unlock()
				}
			}
		}()
	}
	close(gate)
	wg.Wait()
	res.wall = time.Since(start)
	if firstErr != nil {
		return res, firstErr
	}
	select {
	case t := <-finalAt:
		res.final = max(0, t.Sub(lastAck))
	case <-time.After(10 * time.Second):
		res.final = 10 * time.Second
	}
	res.peakKiB = peakKiB(cmd.Process.Pid)
	cmd.Process.Signal(syscall.SIGINT)
	cmd.Wait()

	slices.Sort(lat)
	res.p50, res.p99, res.max = lat[len(lat)/2], lat[(len(lat)*99+99)/100-1], lat[len(lat)-1]
	ids, err := journalIDs(journal)
	if err != nil {
		return res, err
	}
	for _, n := range ids {
		res.journal += n
		if n > 1 {
			res.duplicates++
		}
	}
	return res, nil
}

// watchFinal reads the facilitator's events until one shows every moment
// with all ratings and the expected medians, and sends the time it arrived.
func watchFinal(base, cookie string, want map[string][2]float64, people int, at chan<- time.Time) {
	req, _ := http.NewRequest(http.MethodGet, base+"/f/events", nil)
	req.Header.Set("Cookie", cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	br := bufio.NewReaderSize(resp.Body, 1<<20)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			continue
		}
		var ev struct {
			Stats []struct {
				ID          string
				N           int
				Importance  *float64
				Performance *float64
			}
		}
		if json.Unmarshal([]byte(data), &ev) != nil || len(ev.Stats) != len(want) {
			continue
		}
		done := true
		for _, s := range ev.Stats {
			w := want[s.ID]
			if s.N != people || s.Importance == nil || *s.Importance != w[0] || *s.Performance != w[1] {
				done = false
				break
			}
		}
		if done {
			at <- time.Now()
			return
		}
	}
}

// peakKiB reads a process's peak resident set size (Linux).
func peakKiB(pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	return 0
}

// journalIDs counts the rating records per id.
func journalIDs(path string) (map[string]int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, line := range strings.Split(string(data), "\n") {
		var rec struct{ K, ID string }
		if json.Unmarshal([]byte(line), &rec) == nil && rec.K == "rate" {
			out[rec.ID]++
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no ratings in the journal")
	}
	return out, nil
}
