package cli

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

const workshopFixture = `version: 1
title: Phone repair
moments:
  - id: arrive
    name: Arrives at the counter
    owner: Front desk
    description: The customer explains what happened to the phone.
    importance: 5
    performance: 4
  - id: diagnose
    name: Phone is diagnosed
    owner: Workshop
    importance: 5
    performance: 2
    improvements:
      - action: Text the diagnosis within the hour
        owner: Workshop lead
  - id: pickup
    name: Picks up the phone
    owner: Front desk
    importance: 2
    performance: 5
    improvements:
      - action: Evening pickup hours
`

func TestWorkshopFlags(t *testing.T) {
	var got *WorkshopOptions
	run := func(_ context.Context, o *WorkshopOptions) error { got = o; return nil }
	cmd := NewCmdWorkshop(&IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, run)
	cmd.SetArgs([]string{"cycle.yaml", "--lan", "--addr", "10.0.0.5:9000", "--journal", "day1.jsonl", "--dots", "5", "--max-participants", "40"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.File != "cycle.yaml" || !got.LAN || got.Addr != "10.0.0.5:9000" || got.Journal != "day1.jsonl" || got.Dots != 5 || got.MaxParticipants != 40 {
		t.Errorf("options %+v", got)
	}
	cmd = NewCmdWorkshop(&IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, run)
	cmd.SetArgs([]string{"c.yaml"})
	cmd.Execute()
	if got.LAN || got.Addr != "127.0.0.1:8080" || got.Dots != 3 || got.MaxParticipants != 200 || got.Journal != "" || got.View != "cycle" || got.Theme != "default" {
		t.Errorf("defaults %+v", got)
	}
	if j := defaultJournal(filepath.Join("dir", "cycle.yaml")); j != filepath.Join("dir", "cycle.workshop.jsonl") {
		t.Errorf("default journal %s", j)
	}
}

func TestWorkshopAddresses(t *testing.T) {
	lan := func() (net.IP, error) { return net.IPv4(192, 168, 1, 20), nil }
	tests := []struct {
		addr           string
		lan            bool
		fac, part, bad string
	}{
		{addr: "127.0.0.1:8080", fac: "127.0.0.1:8080"},
		{addr: "localhost:0", fac: "127.0.0.1:0"},
		{addr: "127.0.0.1:8080", lan: true, fac: "127.0.0.1:8080", part: "192.168.1.20:8080"},
		{addr: "10.1.2.3:9000", lan: true, fac: "127.0.0.1:9000", part: "10.1.2.3:9000"},
		{addr: "0.0.0.0:8080", lan: true, bad: "every interface"},
		{addr: ":8080", bad: "every interface"},
		{addr: "[::]:8080", lan: true, bad: "every interface"},
		{addr: "10.1.2.3:9000", bad: "add --lan"},
		{addr: "nonsense", bad: "want host:port"},
	}
	for _, tt := range tests {
		fac, part, err := workshopAddrs(&WorkshopOptions{Addr: tt.addr, LAN: tt.lan, LANAddr: lan})
		if tt.bad != "" {
			if err == nil || !strings.Contains(err.Error(), tt.bad) {
				t.Errorf("%s lan=%v: err %v, want %q", tt.addr, tt.lan, err, tt.bad)
			}
			continue
		}
		if err != nil || fac != tt.fac || part != tt.part {
			t.Errorf("%s lan=%v: %q %q %v; want %q %q", tt.addr, tt.lan, fac, part, err, tt.fac, tt.part)
		}
	}
	_, _, err := workshopAddrs(&WorkshopOptions{Addr: "127.0.0.1:0", LAN: true, LANAddr: func() (net.IP, error) { return nil, errors.New("no network") }})
	if err == nil {
		t.Error("--lan without a network: no error")
	}
}

func TestWorkshopMisuse(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	os.WriteFile(file, []byte(workshopFixture), 0o644)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("title: x\nmoments:\n  - id: a\n    nam: A\n"), 0o644)
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"workshop", filepath.Join(dir, "nope.yaml")}, ExitMisuse, "cannot read"},
		{[]string{"workshop", "-"}, ExitMisuse, "not standard input"},
		{[]string{"workshop", file, "--dots", "0"}, ExitMisuse, "--dots"},
		{[]string{"workshop", file, "--view", "nope"}, ExitMisuse, `unknown view "nope"`},
		{[]string{"workshop", file, "--theme", "neon"}, ExitMisuse, `unknown theme "neon"`},
		{[]string{"workshop", file, "--addr", "0.0.0.0:0", "--lan"}, ExitMisuse, "every interface"},
		{[]string{"workshop", bad, "--addr", "127.0.0.1:0"}, ExitProblem, "bad.yaml:4:5"},
	} {
		var errOut bytes.Buffer
		code := Main(context.Background(), tt.args, &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &errOut})
		if code != tt.code || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut.String(), tt.code, tt.want)
		}
	}
}

var (
	facURLRE  = regexp.MustCompile(`(http://127\.0\.0\.1:\d+/f\?k=[A-Za-z0-9_-]+)`)
	joinURLRE = regexp.MustCompile(`participants open (http://\S+/) and type the code (\S+)`)
)

// runWorkshop runs "ciclo workshop" in the background and returns the
// facilitator's URL, the participants' URL, the code and a stop function.
func runWorkshop(t *testing.T, args ...string) (fac, join, code string, errOut *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errOut = &syncBuffer{}
	ios := &IOStreams{In: strings.NewReader(""), Out: &syncBuffer{}, ErrOut: errOut}
	exit := make(chan int, 1)
	go func() { exit <- Main(ctx, append([]string{"workshop"}, args...), ios) }()
	var once sync.Once
	result := -1
	stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case result = <-exit:
			case <-time.After(30 * time.Second):
				t.Error("ciclo workshop did not stop after cancel")
			}
		})
		return result
	}
	t.Cleanup(func() { stop() })
	deadline := time.Now().Add(30 * time.Second)
	for {
		out := errOut.String()
		f, j := facURLRE.FindStringSubmatch(out), joinURLRE.FindStringSubmatch(out)
		if f != nil && j != nil && strings.Contains(out, "Ctrl-C") {
			return f[1], j[1], j[2], errOut, stop
		}
		select {
		case c := <-exit:
			t.Fatalf("ciclo workshop exited with %d: %s", c, out)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no URLs printed; stderr: %s", out)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestWorkshopStartsAndStops(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	os.WriteFile(file, []byte(workshopFixture), 0o644)
	fac, join, code, errOut, stop := runWorkshop(t, file, "--addr", "127.0.0.1:0")
	if strings.Contains(join, ":0/") || !regexp.MustCompile(`^[A-Z0-9]{4}-[A-Z0-9]{4}$`).MatchString(code) {
		t.Errorf("join %s code %s", join, code)
	}
	if !strings.HasPrefix(fac, strings.TrimSuffix(join, "/")) {
		t.Errorf("without --lan both pages are on loopback: %s, %s", fac, join)
	}
	out := errOut.String()
	if !strings.Contains(out, "loopback only") || !strings.Contains(out, "▄") {
		t.Errorf("stderr lacks the loopback note or the QR code: %s", out)
	}
	if c := stop(); c != ExitOK {
		t.Errorf("exit %d", c)
	}
	if _, err := os.Stat(filepath.Join(dir, "cycle.workshop.jsonl")); err != nil {
		t.Errorf("no journal beside the file: %v", err)
	}
}

func TestWorkshopLANListensOnTheAddressItPrints(t *testing.T) {
	if ln, err := net.Listen("tcp", "127.0.0.2:0"); err != nil {
		t.Skipf("no 127.0.0.2 to stand for a LAN address: %v", err)
	} else {
		ln.Close()
	}
	file := filepath.Join(t.TempDir(), "cycle.yaml")
	os.WriteFile(file, []byte(workshopFixture), 0o644)
	errOut := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- workshopRun(ctx, &WorkshopOptions{
			IO: &IOStreams{In: strings.NewReader(""), Out: &syncBuffer{}, ErrOut: errOut}, File: file,
			Addr: "127.0.0.1:0", LAN: true, Dots: 3, MaxParticipants: 200, View: "cycle", Theme: "default",
			LANAddr: func() (net.IP, error) { return net.IPv4(127, 0, 0, 2), nil },
		})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("workshop: %v", err)
		}
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(errOut.String(), "Ctrl-C") {
		if time.Now().After(deadline) {
			t.Fatalf("not started: %s", errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	out := errOut.String()
	fac, join := facURLRE.FindStringSubmatch(out), joinURLRE.FindStringSubmatch(out)
	if fac == nil || join == nil {
		t.Fatalf("no addresses: %s", out)
	}
	port := join[1][strings.LastIndex(join[1], ":")+1 : len(join[1])-1]
	if !strings.HasPrefix(join[1], "http://127.0.0.2:") || !strings.HasPrefix(fac[1], "http://127.0.0.1:"+port+"/f?k=") {
		t.Errorf("participants at %s, facilitator at %s: want the LAN address and loopback on the same port", join[1], fac[1])
	}
	if !strings.Contains(out, "plain HTTP") {
		t.Errorf("no warning about plain HTTP: %s", out)
	}
	// The participants' page answers on the LAN address; the facilitator's
	// does not.
	for path, want := range map[string]int{"/": 200, "/f": 404} {
		resp, err := http.Get(join[1] + strings.TrimPrefix(path, "/"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("LAN %s: %d, want %d", path, resp.StatusCode, want)
		}
	}
	// Nothing listens on the other interfaces' addresses for this port.
	if c, err := net.Dial("tcp", "127.0.0.3:"+port); err == nil {
		c.Close()
		t.Errorf("something answers on 127.0.0.3:%s: listening on every interface?", port)
	}
}

// TestWorkshopPage: --page and --orientation lay the projector's diagram
// out for the page, as render does; an unknown page is misuse.
func TestWorkshopPage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	os.WriteFile(file, []byte(workshopFixture), 0o644)
	fac, _, _, _, stop := runWorkshop(t, file, "--addr", "127.0.0.1:0", "--page", "a4", "--orientation", "landscape")
	jar, _ := cookiejar.New(nil)
	resp, err := (&http.Client{Jar: jar}).Get(fac) // sets the facilitator's cookie, then /f
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	page.ReadFrom(resp.Body)
	resp.Body.Close()
	if !regexp.MustCompile(`<svg width="841\.89pt" height="595\.28pt"`).Match(page.Bytes()) {
		svg := page.String()
		if i := strings.Index(svg, "<svg"); i >= 0 {
			svg = svg[i:min(len(svg), i+200)]
		}
		t.Errorf("the projector's diagram is not laid out for A4 landscape: %s", svg)
	}
	if c := stop(); c != ExitOK {
		t.Errorf("exit %d", c)
	}
	if code, _, stderr := run(t, "", "workshop", file, "--page", "a5"); code != ExitMisuse || !strings.Contains(stderr, "unknown page") {
		t.Errorf("--page a5: exit %d, stderr %q", code, stderr)
	}
}
