package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// ciclo is the binary built from this package for the tests that need a
// real process: package inits, signals, the environment.
var ciclo string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ciclo-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ciclo = filepath.Join(dir, "ciclo")
	if out, err := exec.Command("go", "build", "-o", ciclo, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building ciclo: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// nobody is the user that owns the other user's files; only root can
// give files away, and CI runs as root.
const nobody = 65534

func needRoot(t *testing.T) {
	t.Helper()
	if os.Getuid() == 0 {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("this test gives files to another user and needs root, as CI runs")
	}
	t.Skip("skipping: needs root to give files to another user; under CI this test runs")
}

// env is a clean environment with its own home and temporary directory.
func env(home, tmp string, extra ...string) []string {
	e := []string{"HOME=" + home, "TMPDIR=" + tmp, "PATH=" + os.Getenv("PATH")}
	return append(e, extra...)
}

// runCiclo runs ciclo and returns its exit status and standard error.
func runCiclo(t *testing.T, environ []string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(ciclo, args...)
	cmd.Env = environ
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	err := cmd.Run()
	code := cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatal(err)
	}
	return code, errOut.String()
}

func cacheFiles(t *testing.T, home string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(home, ".cache", "ciclo", "go-graphviz", "wazero-*", "*"))
	return files
}

// draw renders an example into home and checks the run went well.
func draw(t *testing.T, environ []string, home string) {
	t.Helper()
	out := filepath.Join(home, "out.svg")
	os.Remove(out)
	code, errOut := runCiclo(t, environ, "render", "../../examples/airline.yaml", "-o", out)
	if code != 0 || strings.Contains(errOut, "panic") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Fatalf("no drawing: %v", err)
	}
}

// A temporary folder whose go-graphviz directory another user created,
// open to all and holding a planted compiled module, is neither used nor
// written to: the cache lives in the user's own cache folder, private.
func TestCacheIgnoresSharedTempDir(t *testing.T) {
	needRoot(t)
	home, tmp := t.TempDir(), t.TempDir()
	shared := filepath.Join(tmp, "go-graphviz")
	planted := filepath.Join(shared, "wazero-v1.10.1-amd64-linux")
	if err := os.MkdirAll(planted, 0o777); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(planted, "65d05e8bbea8a6610d0686e4cb2ab62ff93a257de48b3587eb75f15ddf3c84ca")
	if err := os.WriteFile(key, []byte("not native code"), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{shared, planted, key} {
		if err := os.Chown(p, nobody, nobody); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	e := env(home, tmp)
	for range 2 { // the first run writes the cache, the second reads it
		draw(t, e, home)
	}
	if code, errOut := runCiclo(t, e, "version"); code != 0 {
		t.Fatalf("version: exit %d: %s", code, errOut)
	}
	entries, _ := filepath.Glob(filepath.Join(shared, "*", "*"))
	if len(entries) != 1 || entries[0] != key {
		t.Errorf("the other user's folder was written to: %v", entries)
	}
	if got, _ := os.ReadFile(key); string(got) != "not native code" {
		t.Error("the planted file was changed")
	}
	files := cacheFiles(t, home)
	if len(files) != 1 {
		t.Fatalf("cache files in the private folder: %v", files)
	}
	for _, p := range []string{filepath.Join(home, ".cache", "ciclo"), filepath.Join(home, ".cache", "ciclo", "go-graphviz")} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v, mode %v; want 0700", p, err, fi.Mode().Perm())
		}
	}
}

// A truncated or corrupted compiled module costs one compilation, never a
// panic: it is removed before go-graphviz reads it, and written again.
func TestCorruptCacheIsRebuilt(t *testing.T) {
	home, tmp := t.TempDir(), t.TempDir()
	e := env(home, tmp)
	draw(t, e, home)
	files := cacheFiles(t, home)
	if len(files) != 1 {
		t.Fatalf("cache files: %v", files)
	}
	whole, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(whole)
	flipped[len(flipped)/2] ^= 0xff
	for name, bad := range map[string][]byte{
		"truncated": whole[:len(whole)/2],
		"flipped":   flipped,
		"empty":     {},
	} {
		if err := os.WriteFile(files[0], bad, 0o600); err != nil {
			t.Fatal(err)
		}
		draw(t, e, home)
		if got, _ := os.ReadFile(files[0]); !bytes.Equal(got, whole) {
			t.Errorf("%s cache: not rebuilt (%d bytes, want %d)", name, len(got), len(whole))
		}
	}
}

// A cache folder that another user owns is not used: ciclo runs without
// a cache, and writes nothing into it.
func TestCacheOwnedByAnotherUserIsNotUsed(t *testing.T) {
	needRoot(t)
	home, tmp := t.TempDir(), t.TempDir()
	dir := filepath.Join(home, ".cache", "ciclo")
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o777)
	if err := os.Chown(dir, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	draw(t, env(home, tmp), home)
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("written into the other user's folder: %v", entries)
	}
}

// watch, started as a real process: Ctrl-C (SIGINT) is its usual end,
// exit 0; SIGTERM is an interruption, exit 130. The browser it opens
// sees the temporary folder the user set, not ciclo's cache.
func TestWatchSignalsAndChildEnvironment(t *testing.T) {
	home, tmp := t.TempDir(), t.TempDir()
	bin := t.TempDir()
	seen := filepath.Join(home, "seen")
	script := "#!/bin/sh\nprintf '%s' \"$TMPDIR\" > " + seen + "\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(home, "cycle.yaml")
	src, _ := os.ReadFile("../../examples/airline.yaml")
	os.WriteFile(file, src, 0o644)
	for _, c := range []struct {
		sig  syscall.Signal
		want int
	}{{syscall.SIGINT, 0}, {syscall.SIGTERM, 130}} {
		os.Remove(seen)
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		cmd := exec.CommandContext(ctx, ciclo, "watch", file, "--addr", "127.0.0.1:0", "--open")
		cmd.Env = []string{"HOME=" + home, "TMPDIR=" + tmp, "PATH=" + bin + ":" + os.Getenv("PATH")}
		var errOut lockedBuffer
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for ctx.Err() == nil {
			if _, err := os.Stat(seen); err == nil && strings.Contains(errOut.String(), "previewing") {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		cmd.Process.Signal(c.sig)
		cmd.Wait()
		cancel()
		if got := cmd.ProcessState.ExitCode(); got != c.want {
			t.Errorf("%v: exit %d, want %d; stderr %s", c.sig, got, c.want, errOut.String())
		}
		if got, _ := os.ReadFile(seen); string(got) != tmp {
			t.Errorf("the browser saw TMPDIR=%q, want %q", got, tmp)
		}
	}
}

// workshop, started as a real process, ends as watch does: 0 on Ctrl-C,
// 130 on SIGTERM, and the journal it kept stays beside the file.
func TestWorkshopSignals(t *testing.T) {
	home, tmp := t.TempDir(), t.TempDir()
	file := filepath.Join(home, "cycle.yaml")
	src, err := os.ReadFile("../../examples/airline.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sig  syscall.Signal
		want int
	}{{syscall.SIGINT, 0}, {syscall.SIGTERM, 130}} {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		cmd := exec.CommandContext(ctx, ciclo, "workshop", file, "--addr", "127.0.0.1:0")
		cmd.Env = env(home, tmp)
		var errOut lockedBuffer
		cmd.Stderr = &errOut
		cmd.Stdout = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for ctx.Err() == nil && !strings.Contains(errOut.String(), "Ctrl-C to stop") {
			time.Sleep(20 * time.Millisecond)
		}
		cmd.Process.Signal(c.sig)
		cmd.Wait()
		cancel()
		if got := cmd.ProcessState.ExitCode(); got != c.want {
			t.Errorf("%v: exit %d, want %d; output %s", c.sig, got, c.want, errOut.String())
		}
	}
}

// lockedBuffer is a bytes.Buffer safe to write from the process's output
// copier while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// After ciclo ran as root, another user sharing the temporary folder runs
// it without trouble: nothing of root's is shared (go-graphviz alone left
// a root-owned, 0755 go-graphviz folder there, and every command of the
// next user panicked with "permission denied").
func TestAnotherUserAfterRoot(t *testing.T) {
	needRoot(t)
	tmp := t.TempDir()
	os.Chmod(tmp, 0o1777)
	rootHome := t.TempDir()
	draw(t, env(rootHome, tmp), rootHome)
	// The binary and the example must be readable by nobody.
	bin := filepath.Dir(ciclo)
	os.Chmod(bin, 0o755)
	home := t.TempDir()
	os.Chmod(filepath.Dir(home), 0o755)
	if err := os.Chown(home, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile("../../examples/airline.yaml")
	in := filepath.Join(home, "a.yaml")
	os.WriteFile(in, src, 0o644)
	os.Chown(in, nobody, nobody)
	for _, args := range [][]string{{"version"}, {"render", in}} {
		cmd := exec.Command(ciclo, args...)
		cmd.Env = env(home, tmp)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		out, err := cmd.CombinedOutput()
		if err != nil || strings.Contains(string(out), "panic") {
			t.Errorf("%v as nobody: %v\n%s", args, err, out)
		}
	}
	if fi, err := os.Stat(filepath.Join(home, "a.svg")); err != nil || fi.Size() == 0 {
		t.Errorf("nobody's drawing: %v", err)
	}
	if _, err := os.Stat(filepath.Join(tmp, "go-graphviz")); err == nil {
		t.Error("a go-graphviz folder was left in the shared temporary folder")
	}
}

// -o /dev/stdout is a link only the kernel follows (to a pipe here): it is
// written into, not refused as a link that leads nowhere.
func TestOutputToDevStdout(t *testing.T) {
	cmd := exec.Command(ciclo, "render", "../../examples/airline.yaml", "-o", "/dev/stdout")
	cmd.Env = env(t.TempDir(), t.TempDir())
	out, err := cmd.Output()
	if err != nil || !bytes.HasPrefix(out, []byte("<?xml")) {
		t.Errorf("%v: %.60q", err, out)
	}
}

// Several ciclo processes starting together on an empty cache (make -j)
// all finish: none removes the module another is writing.
func TestConcurrentFirstRuns(t *testing.T) {
	home, tmp := t.TempDir(), t.TempDir()
	errs := make(chan string, 4)
	for i := range 4 {
		go func() {
			cmd := exec.Command(ciclo, "render", "../../examples/airline.yaml", "-o", filepath.Join(home, fmt.Sprintf("%d.svg", i)))
			cmd.Env = env(home, tmp)
			out, err := cmd.CombinedOutput()
			if err != nil || strings.Contains(string(out), "panic") {
				errs <- fmt.Sprintf("run %d: %v\n%s", i, err, out)
				return
			}
			errs <- ""
		}()
	}
	for range 4 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
	if files := cacheFiles(t, home); len(files) != 1 {
		t.Errorf("cache files: %v", files)
	}
}

// A cache folder that cannot be created costs a compilation, not the run.
func TestCacheCannotBeCreated(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "not-a-folder")
	if err := os.WriteFile(home, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.svg")
	code, errOut := runCiclo(t, env(home, t.TempDir()), "render", "../../examples/airline.yaml", "-o", out)
	if code != 0 || strings.Contains(errOut, "panic") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Errorf("no drawing: %v", err)
	}
}

// TestBinaryToDevNull: standard output on /dev/null (runCiclo leaves it
// there) is a character device but no terminal, so a PNG asked for on
// standard output is written to it, not refused as garbling a terminal.
func TestBinaryToDevNull(t *testing.T) {
	home := t.TempDir()
	code, errOut := runCiclo(t, env(home, t.TempDir()), "render", "../../examples/garantia.yaml", "-f", "png", "-o", "-")
	if code != 0 || strings.Contains(errOut, "terminal") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}
