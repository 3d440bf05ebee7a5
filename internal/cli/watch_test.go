package cli

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a command writing while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const watchFixture = `version: 1
title: Phone repair
customer: Customer with a broken phone
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
  - id: pickup
    name: Picks up the phone
    owner: Front desk
`

var urlRE = regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/) `)

// runWatch runs "ciclo watch" in the background and returns the page's
// URL, the stderr buffer and a stop function returning the exit code.
func runWatch(t *testing.T, args ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errOut := &syncBuffer{}
	ios := &IOStreams{In: strings.NewReader(""), Out: &syncBuffer{}, ErrOut: errOut}
	code := make(chan int, 1)
	go func() { code <- Main(ctx, append([]string{"watch"}, args...), ios) }()
	var once sync.Once
	exit := -1
	stop := func() int {
		once.Do(func() {
			cancel()
			select {
			case exit = <-code:
			case <-time.After(30 * time.Second):
				t.Error("ciclo watch did not stop after cancel")
			}
		})
		return exit
	}
	t.Cleanup(func() { stop() })
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := urlRE.FindStringSubmatch(errOut.String()); m != nil {
			return m[1], errOut, stop
		}
		select {
		case c := <-code:
			t.Fatalf("ciclo watch exited with %d: %s", c, errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no URL printed; stderr: %s", errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestWatchMisuse(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	if err := os.WriteFile(file, []byte(watchFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"watch", filepath.Join(dir, "nope.yaml")}, "cannot read"},
		{"directory", []string{"watch", dir}, "is a directory"},
		{"no file", []string{"watch"}, "accepts 1 arg"},
		{"bad theme", []string{"watch", file, "--theme", "neon", "--addr", "127.0.0.1:0"}, `unknown theme "neon"`},
		{"bad addr", []string{"watch", file, "--addr", "127.0.0.1:notaport"}, "cannot listen on 127.0.0.1:notaport"},
		{"port in use", []string{"watch", file, "--addr", busy.Addr().String()}, "cannot listen on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errOut bytes.Buffer
			code := Main(context.Background(), tt.args, &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &errOut})
			if code != ExitMisuse || !strings.Contains(errOut.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut.String(), ExitMisuse, tt.want)
			}
		})
	}
}

func TestWatchStartsAndStopsCleanly(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cycle.yaml")
	if err := os.WriteFile(file, []byte(watchFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	url, errOut, stop := runWatch(t, file, "--addr", "127.0.0.1:0")
	if strings.Contains(url, ":0/") {
		t.Errorf("printed port 0 instead of the real one: %s", url)
	}
	if strings.Contains(errOut.String(), "warning") {
		t.Errorf("warned on loopback: %s", errOut.String())
	}
	if code := stop(); code != ExitOK {
		t.Errorf("exit %d after Ctrl-C, want 0; stderr: %s", code, errOut.String())
	}
}

func TestWatchWarnsWhenNotLoopback(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cycle.yaml")
	if err := os.WriteFile(file, []byte(watchFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, stop := runWatch(t, file, "--addr", "0.0.0.0:0")
	if !strings.Contains(errOut.String(), "warning: 0.0.0.0:0 is not a loopback address") {
		t.Errorf("no warning for 0.0.0.0: %s", errOut.String())
	}
	if code := stop(); code != ExitOK {
		t.Errorf("exit %d, want 0", code)
	}
}

func TestWatchOpenFailureIsAWarning(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cycle.yaml")
	if err := os.WriteFile(file, []byte(watchFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errOut := &syncBuffer{}
	opened := make(chan string, 1)
	opts := &WatchOptions{
		IO: &IOStreams{ErrOut: errOut}, File: file, Addr: "127.0.0.1:0", Open: true, Theme: "default",
		OpenURL: func(url string) error { opened <- url; return errors.New("no display") },
	}
	done := make(chan error, 1)
	go func() { done <- watchRun(ctx, opts) }()
	var url string
	select {
	case url = <-opened:
	case err := <-done:
		t.Fatalf("watch ended early: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("the browser was never opened")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("watch: %v", err)
	}
	if !strings.Contains(errOut.String(), "warning: cannot open a browser: no display; open "+url+" yourself") {
		t.Errorf("stderr: %s", errOut.String())
	}
}

func TestLoopbackAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:0": true, "[::1]:8080": true, "127.1.2.3:80": true,
		":8080": false, "0.0.0.0:8080": false, "192.168.1.2:8080": false, "example.com:80": false, "nonsense": false,
	} {
		if got := loopbackAddr(addr); got != want {
			t.Errorf("loopbackAddr(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestBuildPreview(t *testing.T) {
	snap, err := buildPreview(context.Background(), "cycle.yaml", []byte(watchFixture), "default")
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Errors) != 0 || snap.Title != "Phone repair" || snap.Lang != "en" {
		t.Fatalf("errors %v, title %q, lang %q", snap.Errors, snap.Title, snap.Lang)
	}
	svg := string(snap.SVG)
	for _, g := range []string{`<g id="moment-arrive" class="node moment">`, `<g id="moment-diagnose" class="node moment critical">`, `<g id="moment-pickup" class="node moment">`} {
		if !strings.Contains(svg, g) {
			t.Errorf("SVG lacks %s", g)
		}
	}
	if len(snap.Critical) != 1 || snap.Critical[0].ID != "diagnose" || snap.Critical[0].Number != 2 ||
		snap.Critical[0].Owner != "Workshop" || len(snap.Critical[0].Reasons) != 1 || !strings.Contains(snap.Critical[0].Reasons[0], "performance 2") {
		t.Errorf("critical: %+v", snap.Critical)
	}

	bad := strings.Replace(watchFixture, "    performance: 2", "    performanse: 2", 1)
	snap, err = buildPreview(context.Background(), "cycle.yaml", []byte(bad), "default")
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Errors) != 1 {
		t.Fatalf("errors: %+v", snap.Errors)
	}
	e := snap.Errors[0]
	if e.Location() != "cycle.yaml:14:5" || e.Severity != "error" || !strings.Contains(e.Message, `did you mean "performance"`) {
		t.Errorf("error: %+v at %s", e, e.Location())
	}
}

func TestBuildPreviewShowsTextLiterally(t *testing.T) {
	src := strings.Replace(watchFixture, "name: Arrives at the counter", `name: "<b>A</b> & \"\\N\" {x}"`, 1)
	for _, theme := range []string{"default", "print", "contrast"} {
		snap, err := buildPreview(context.Background(), "cycle.yaml", []byte(src), theme)
		if err != nil || len(snap.Errors) > 0 {
			t.Fatalf("%v %v", err, snap.Errors)
		}
		svg := string(snap.SVG)
		if strings.Contains(svg, "<b>") {
			t.Errorf("%s: markup from the file reached the SVG", theme)
		}
		if !strings.Contains(svg, `&lt;b&gt;A&lt;/b&gt; &amp; &quot;\N&quot; {x}`) {
			t.Errorf("%s: name not shown literally", theme)
		}
	}
}

func TestWatchListensOnLoopbackByDefault(t *testing.T) {
	cmd := NewCmdWatch(&IOStreams{})
	if got := cmd.Flags().Lookup("addr").DefValue; got != "127.0.0.1:8080" || !loopbackAddr(got) {
		t.Errorf("--addr defaults to %q, want 127.0.0.1:8080 (the README's default)", got)
	}
}
