package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ciclo-dev/ciclo/internal/testtool"
)

// browser starts headless Chromium for the test. Without Chromium the test
// skips, except under CI, which must run it for real (testtool.Need).
func browser(t *testing.T) context.Context {
	t.Helper()
	chromiumPath := testtool.Need(t, "chromium", "chromium")
	profile := t.TempDir()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 800),
	)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	// Registered after TempDir, so they run first: the browser is gone
	// before its profile is removed.
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// waitJS polls a JavaScript condition until it holds.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.dataset.state + " v" + document.body.dataset.version + ": " + document.body.innerText.slice(0, 400)`))
			t.Fatalf("timed out waiting for %s (%s, err %v); page: %s", what, expr, err, state)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func evalString(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return s
}

// screenshot saves the page when CICLO_SCREENSHOTS names a directory.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("CICLO_SCREENSHOTS")
	if dir == "" {
		return
	}
	time.Sleep(time.Second) // let the update's glow fade: a picture, not an assertion
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "watch-"+name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func saveFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatchInBrowser(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	saveFile(t, file, watchFixture)
	url, errOut, stop := runWatch(t, file, "--addr", "127.0.0.1:0")

	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	waitJS(t, ctx, "the page", `document.body.dataset.state === "ok" && document.querySelector("#diagram svg") !== null`)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__marker = 1`)); err != nil {
		t.Fatal(err)
	}
	marker := `window.__marker === 1`
	// The event stream connects: it re-sends the current state.
	waitJS(t, ctx, "the event stream", `!document.body.classList.contains("offline") && document.body.dataset.version !== ""`)

	// Every moment is shown, by name, and the critical one is listed.
	for id, name := range map[string]string{"arrive": "Arrives at the counter", "diagnose": "Phone is diagnosed", "pickup": "Picks up the phone"} {
		got := evalString(t, ctx, fmt.Sprintf(`(document.getElementById("moment-%s") || {textContent: "(missing)"}).textContent`, id))
		if !strings.Contains(got, name) {
			t.Errorf("moment %s: shown as %q, want %q", id, got, name)
		}
	}
	if got := evalString(t, ctx, `document.getElementById("panel").innerText`); !strings.Contains(got, "Phone is diagnosed") || !strings.Contains(got, "importance 5 ≥ 4 and performance 2 ≤ 2") {
		t.Errorf("critical moments panel: %q", got)
	}
	if got := evalString(t, ctx, `document.getElementById("title").textContent`); got != "Phone repair" {
		t.Errorf("title %q", got)
	}
	screenshot(t, ctx, "good")

	// An edit in place appears without a reload.
	edited := watchFixture + `  - id: feedback
    name: Gives feedback
    owner: Customer care
`
	saveFile(t, file, edited)
	waitJS(t, ctx, "the new moment", `document.getElementById("moment-feedback") !== null`)
	waitJS(t, ctx, "the marker to survive the edit", marker)

	// A rename-save (vim, VS Code) too.
	renamed := strings.Replace(edited, "title: Phone repair", "title: Phone repair, second pass", 1)
	tmp := filepath.Join(dir, ".cycle.yaml.tmp")
	saveFile(t, tmp, renamed)
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the renamed-in title", `document.getElementById("title").textContent === "Phone repair, second pass"`)
	waitJS(t, ctx, "the marker to survive the rename-save", marker)

	// Broken: the positioned error above the last good diagram.
	broken := strings.Replace(renamed, "    performance: 2", "    performanse: 2", 1)
	saveFile(t, file, broken)
	waitJS(t, ctx, "the invalid state", `document.body.dataset.state === "invalid"`)
	alerts := evalString(t, ctx, `document.getElementById("alerts").innerText`)
	if !strings.Contains(alerts, "cycle.yaml:14:5") || !strings.Contains(alerts, `unknown key "performanse"`) {
		t.Errorf("alerts lack the positioned error: %q", alerts)
	}
	waitJS(t, ctx, "the last good diagram to stay", `document.getElementById("moment-feedback") !== null && document.getElementById("diagram").classList.contains("stale")`)
	waitJS(t, ctx, "the marker to survive the error", marker)
	screenshot(t, ctx, "invalid")

	// Fixed: recovery.
	fixed := strings.Replace(renamed, "    performance: 2", "    performance: 3", 1)
	saveFile(t, file, fixed)
	waitJS(t, ctx, "recovery", `document.body.dataset.state === "ok" && document.getElementById("alerts").innerText === "" && !document.getElementById("diagram").classList.contains("stale")`)
	if got := evalString(t, ctx, `document.getElementById("panel").innerText`); strings.Contains(got, "Phone is diagnosed") {
		t.Errorf("diagnose is no longer critical (performance 3) but still listed: %q", got)
	}
	screenshot(t, ctx, "recovered")

	// The theme switches in place: the diagram is redrawn for it.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#themes a[data-theme="contrast"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the contrast diagram", `document.getElementById("diagram").dataset.key.endsWith("-contrast") && document.body.dataset.theme === "contrast"`)
	waitJS(t, ctx, "the marker to survive the theme switch", marker)
	if got := evalString(t, ctx, `location.search`); got != "?theme=contrast&view=cycle" {
		t.Errorf("theme not kept in the address: %q", got)
	}
	screenshot(t, ctx, "contrast")

	// The view switches in place too: the journey, then with the v key the
	// blueprint, in the theme chosen.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#views a[data-view="journey"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the journey", `document.getElementById("diagram").dataset.key.endsWith("-journey-contrast") && document.getElementById("curve-performance") !== null`)
	if got := evalString(t, ctx, `location.search`); got != "?theme=contrast&view=journey" {
		t.Errorf("view not kept in the address: %q", got)
	}
	screenshot(t, ctx, "journey")
	if err := chromedp.Do(ctx, chromedp.KeyEvent("v")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the blueprint", `document.getElementById("diagram").dataset.key.endsWith("-blueprint-contrast") && document.getElementById("line-interaction") !== null`)
	screenshot(t, ctx, "blueprint")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#views a[data-view="cycle"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the clock face again", `document.getElementById("diagram").dataset.key.endsWith("-cycle-contrast")`)

	// Zoom: fit by default, 100% on request.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#zoom`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "actual size", `document.body.classList.contains("actual") && document.getElementById("zoom").textContent === "Zoom: 100%"`)

	// Deleted, then recreated.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the missing state", `document.body.dataset.state === "missing" && document.getElementById("alerts").innerText.includes("cycle.yaml")`)
	saveFile(t, file, watchFixture)
	waitJS(t, ctx, "the recreated file", `document.body.dataset.state === "ok" && document.getElementById("moment-feedback") === null && document.getElementById("moment-pickup") !== null`)
	waitJS(t, ctx, "the marker to survive it all", marker)

	if code := stop(); code != ExitOK {
		t.Errorf("exit %d after Ctrl-C, want 0; stderr: %s", code, errOut.String())
	}
	waitJS(t, ctx, "the page to notice the server is gone", `document.body.classList.contains("offline")`)
}
