package cli

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
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
		if strings.HasPrefix(c.Name, "ciclo_f_") {
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

// bigCycle is a cycle of n moments with comments, so writing it takes a
// while; journal is a workshop journal for it in which one participant
// rated every moment.
func bigCycle(n int) (src, journal string) {
	var b, j strings.Builder
	b.WriteString("# A long cycle, scored in a workshop\ntitle: Long cycle\nmoments:\n")
	for i := range n {
		fmt.Fprintf(&b, "  # moment %d\n  - id: m%04d\n    name: Moment %d   # keep this comment\n    importance: 3\n    performance: 3\n", i+1, i+1, i+1)
	}
	src = b.String()
	sum := sha256.Sum256([]byte(src))
	fmt.Fprintf(&j, `{"k":"start","file":"cycle.yaml","sum":"%s","code":"ACDEFGHJ"}`+"\n", hex.EncodeToString(sum[:]))
	j.WriteString(`{"k":"join","p":"p1","tok":"00"}` + "\n")
	for i := range n {
		fmt.Fprintf(&j, `{"k":"rate","p":"p1","id":"rating-%04d","m":"m%04d","i":%d,"f":%d}`+"\n", i+1, i+1, 1+i%5, 1+(i+2)%5)
	}
	return src, j.String()
}

func TestWorkshopApply(t *testing.T) {
	dir := t.TempDir()
	file, journal := filepath.Join(dir, "cycle.yaml"), filepath.Join(dir, "cycle.workshop.jsonl")
	src, jr := bigCycle(3)
	saveFile(t, file, src)
	saveFile(t, journal, jr)
	run := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := Main(context.Background(), append([]string{"workshop", file, "--apply"}, args...), &IOStreams{In: strings.NewReader("y\n"), Out: &out, ErrOut: &errOut})
		return code, out.String(), errOut.String()
	}
	// Standard input is not a terminal: nothing is written without --yes.
	code, diff, errOut := run()
	if code != ExitProblem || !strings.Contains(errOut, "--yes") || !strings.Contains(diff, "     name: Moment 2   # keep this comment\n-    importance: 3\n-    performance: 3\n+    importance: 2\n+    performance: 4\n+    sample: 1\n   # moment 3\n") {
		t.Errorf("without --yes: exit %d, diff %q, stderr %q", code, diff, errOut)
	}
	if got, _ := os.ReadFile(file); string(got) != src {
		t.Errorf("written without --yes")
	}
	// Standard input is /dev/null, a character device but no terminal:
	// refused the same way, without a question asked of it.
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	var nullOut, nullErr bytes.Buffer
	if code := Main(context.Background(), []string{"workshop", file, "--apply"}, &IOStreams{In: devnull, Out: &nullOut, ErrOut: &nullErr}); code != ExitProblem ||
		strings.Contains(nullErr.String(), "[y/N]") || !strings.Contains(nullErr.String(), "--yes") {
		t.Errorf("stdin /dev/null: exit %d, stderr %q", code, nullErr.String())
	}
	// Edited since the workshop began: refused without --force.
	edited := strings.Replace(src, "# A long cycle", "# An edited cycle", 1)
	saveFile(t, file, edited)
	if code, _, errOut := run("--yes"); code != ExitProblem || !strings.Contains(errOut, "changed on disk") {
		t.Errorf("edited file: exit %d, %q", code, errOut)
	}
	if got, _ := os.ReadFile(file); string(got) != edited {
		t.Errorf("an edited file was written over")
	}
	if code, _, errOut := run("--yes", "--force"); code != ExitOK {
		t.Errorf("--force: exit %d, %q", code, errOut)
	}
	got, _ := os.ReadFile(file)
	if !strings.Contains(string(got), "# An edited cycle") || !strings.Contains(string(got), "    name: Moment 1   # keep this comment\n    importance: 1\n    performance: 3\n    sample: 1\n") {
		t.Errorf("after --force:\n%s", got)
	}
	// Applied: a second run has nothing to do.
	if code, _, errOut := run("--yes"); code != ExitOK || !strings.Contains(errOut, "already holds") {
		t.Errorf("second apply: exit %d, %q", code, errOut)
	}
	if code, _, errOut := func() (int, string, string) {
		var o, e bytes.Buffer
		c := Main(context.Background(), []string{"workshop", file, "--yes"}, &IOStreams{In: strings.NewReader(""), Out: &o, ErrOut: &e})
		return c, o.String(), e.String()
	}(); code != ExitMisuse || !strings.Contains(errOut, "go with --apply") {
		t.Errorf("--yes without --apply: %d %q", code, errOut)
	}
}

func TestWorkshopApplySurvivesSIGKILL(t *testing.T) {
	bin := buildCiclo(t)
	// Long descriptions make a file of about 4 MiB, so writing it takes a
	// few milliseconds: long enough to kill ciclo in the middle of it.
	src, jr := bigCycle(2000)
	long := "    description: " + strings.Repeat("A long description that makes the file big. ", 45) + "\n"
	src = strings.ReplaceAll(src, "    importance: 3\n", long+"    importance: 3\n")
	sum := sha256.Sum256([]byte(src))
	jr = regexp.MustCompile(`"sum":"[0-9a-f]+"`).ReplaceAllString(jr, `"sum":"`+hex.EncodeToString(sum[:])+`"`)
	// The new file, from an apply that runs to the end.
	ref := t.TempDir()
	saveFile(t, filepath.Join(ref, "cycle.yaml"), src)
	saveFile(t, filepath.Join(ref, "cycle.workshop.jsonl"), jr)
	start := time.Now()
	if out, err := exec.Command(bin, "workshop", filepath.Join(ref, "cycle.yaml"), "--apply", "--yes").CombinedOutput(); err != nil {
		t.Fatalf("apply: %v\n%s", err, out[max(0, len(out)-2000):])
	}
	full := time.Since(start)
	want, _ := os.ReadFile(filepath.Join(ref, "cycle.yaml"))
	if string(want) == src {
		t.Fatal("the apply changed nothing")
	}
	outcomes := map[string]int{}
	check := func(trial int, file string) {
		got, err := os.ReadFile(file)
		switch {
		case err != nil:
			t.Errorf("trial %d: %v", trial, err)
		case string(got) == src:
			outcomes["old"]++
		case string(got) == string(want):
			outcomes["new"]++
		default:
			t.Errorf("trial %d: the file is neither the old nor the new one (%d bytes)", trial, len(got))
		}
	}
	run := func(dir string) *exec.Cmd {
		file := filepath.Join(dir, "cycle.yaml")
		saveFile(t, file, src)
		saveFile(t, filepath.Join(dir, "cycle.workshop.jsonl"), jr)
		cmd := exec.Command(bin, "workshop", file, "--apply", "--yes")
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// Kill points spread over the whole run.
	const spread = 6
	for i := range spread {
		dir := t.TempDir()
		cmd := run(dir)
		time.Sleep(full * time.Duration(i+1) / spread)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		check(i, filepath.Join(dir, "cycle.yaml"))
	}
	// Killed the moment the new content's temporary file appears; a kill
	// that leaves the temporary file behind came before the rename, in the
	// middle of writing. Tried until that happens (or 10 times).
	for i := 0; i < 10 && outcomes["mid-write"] == 0; i++ {
		dir := t.TempDir()
		w, err := fsnotify.NewWatcher()
		if err != nil {
			t.Fatal(err)
		}
		w.Add(dir)
		cmd := run(dir)
		func() {
			timeout := time.After(60 * time.Second)
			for {
				select {
				case ev := <-w.Events:
					if ev.Has(fsnotify.Create) && strings.HasSuffix(ev.Name, ".tmp") {
						cmd.Process.Signal(syscall.SIGKILL)
						return
					}
				case <-timeout:
					t.Errorf("no temporary file appeared")
					cmd.Process.Signal(syscall.SIGKILL)
					return
				}
			}
		}()
		cmd.Wait()
		w.Close()
		if tmps, _ := filepath.Glob(filepath.Join(dir, ".cycle.yaml.*.tmp")); len(tmps) > 0 {
			outcomes["mid-write"]++
		}
		check(spread+i, filepath.Join(dir, "cycle.yaml"))
	}
	t.Logf("a full apply of a 4 MiB file takes %v; %d kills left the old file, %d the new one; %d killed mid-write", full.Round(time.Millisecond), outcomes["old"], outcomes["new"], outcomes["mid-write"])
	if outcomes["mid-write"] == 0 {
		t.Errorf("no kill landed while the file was being written")
	}
}
