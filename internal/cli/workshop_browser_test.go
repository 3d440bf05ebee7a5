package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// phone opens a tab in a fresh browser context (its own cookies) of the
// test's browser, at a phone's size.
func phone(t *testing.T, browserCtx context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait)); err != nil {
		t.Fatalf("opening a phone tab: %v", err)
	}
	return ctx
}

func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// evalAsync evaluates a promise-returning expression.
func evalAsync(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return out
}

func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("CICLO_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "workshop-"+name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWorkshopInBrowser(t *testing.T) {
	browserCtx := browser(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	saveFile(t, file, workshopFixture)
	facURL, joinURL, code, errOut, stop := runWorkshop(t, file, "--addr", "127.0.0.1:0", "--dots", "3")

	// The facilitator's screen, on the projector.
	fac := browserCtx
	if err := chromedp.Do(fac, chromedp.Navigate(facURL)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, fac, "the facilitator's page", `document.body.dataset.phase === "lobby" && document.querySelector("#diagram svg") !== null && document.body.dataset.version !== undefined`)
	if got := evalString(t, fac, `location.pathname + location.search`); got != "/f" {
		t.Errorf("the secret stayed in the address bar: %s", got)
	}
	if got := evalString(t, fac, `document.getElementById("fac-code").textContent`); got != code {
		t.Errorf("projector code %q, terminal %q", got, code)
	}
	waitJS(t, fac, "the QR code", `document.getElementById("qr").complete && document.getElementById("qr").naturalWidth > 0`)
	if err := chromedp.Do(fac, chromedp.Evaluate[chromedp.Void](`window.__marker = 1`)); err != nil {
		t.Fatal(err)
	}

	// A wrong code is refused.
	intruder := phone(t, browserCtx)
	if err := chromedp.Do(intruder, chromedp.Navigate(joinURL)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, intruder, "the join form", `document.body.dataset.view === "join"`)
	if err := chromedp.Do(intruder, chromedp.SendKeys(chromedp.CSS("#code"), "AAAA-AAAA")); err != nil {
		t.Fatal(err)
	}
	click(t, intruder, "#join-btn")
	waitJS(t, intruder, "the refusal", `document.getElementById("join-err").textContent.includes("not right")`)
	if v := evalString(t, intruder, `document.body.dataset.view`); v != "join" {
		t.Errorf("a wrong code got in: view %s", v)
	}
	shot(t, intruder, "phone-wrong-code")

	// Three participants join through the QR code's address (the code in
	// the fragment).
	values := [][3][2]int{ // participant -> moment (arrive, diagnose, pickup) -> importance, performance
		{{5, 1}, {5, 4}, {2, 5}},
		{{4, 2}, {5, 4}, {3, 4}},
		{{5, 2}, {4, 3}, {2, 5}},
	}
	var phones []context.Context
	for i := range values {
		p := phone(t, browserCtx)
		if err := chromedp.Do(p, chromedp.Navigate(joinURL+"#"+strings.ReplaceAll(code, "-", ""))); err != nil {
			t.Fatal(err)
		}
		waitJS(t, p, fmt.Sprintf("participant %d to join", i+1), `document.body.dataset.view === "wait"`)
		phones = append(phones, p)
	}
	waitJS(t, fac, "three participants on the projector", `document.getElementById("people").textContent.includes("3 participants")`)
	shot(t, phones[0], "phone-waiting")

	// The facilitator opens scoring: the phones follow without reloading.
	click(t, fac, `button[data-phase="scoring"]`)
	for i, p := range phones {
		waitJS(t, p, fmt.Sprintf("participant %d to see the first moment", i+1), `document.body.dataset.view === "rate" && document.getElementById("m-name").textContent === "Arrives at the counter"`)
	}
	if got := evalString(t, phones[0], `document.getElementById("m-owner").textContent + " | " + document.getElementById("m-desc").textContent + " | " + document.querySelectorAll("#imp .opts button").length`); got != "Answered by: Front desk | The customer explains what happened to the phone. | 5" {
		t.Errorf("moment card: %q", got)
	}
	// A phone that rated the first moment and reloads carries on at the
	// second.
	click(t, phones[2], `#imp .opts button[data-v="5"]`)
	click(t, phones[2], `#perf .opts button[data-v="2"]`)
	waitJS(t, phones[2], "the first rating to be saved", `document.getElementById("save-status").textContent.includes("Saved")`)
	if err := chromedp.Do(phones[2], chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitJS(t, phones[2], "the second moment after the reload", `document.body.dataset.view === "rate" && document.getElementById("m-name").textContent === "Phone is diagnosed"`)
	click(t, phones[2], "#prev")
	waitJS(t, phones[2], "the first moment, with its answer", `document.getElementById("m-name").textContent === "Arrives at the counter" && document.querySelector('#imp .opts button[data-v="5"]').getAttribute("aria-pressed") === "true"`)
	for i, p := range phones {
		for m := range 3 {
			click(t, p, fmt.Sprintf(`#imp .opts button[data-v="%d"]`, values[i][m][0]))
			if i == 0 && m == 0 {
				shot(t, p, "phone-rating")
			}
			click(t, p, fmt.Sprintf(`#perf .opts button[data-v="%d"]`, values[i][m][1]))
			waitJS(t, p, "the rating to be saved", `document.getElementById("save-status").textContent.includes("Saved")`)
			click(t, p, "#next")
		}
		waitJS(t, p, "the end of the list", `document.body.dataset.view === "done"`)
	}
	// Counts show at once; medians wait for the reveal.
	for _, id := range []string{"arrive", "diagnose", "pickup"} {
		waitJS(t, fac, "three ratings of "+id, fmt.Sprintf(`document.querySelector("#stat-%s td.n").textContent === "3"`, id))
	}
	if got := evalString(t, fac, `document.getElementById("stats").innerText`); !strings.Contains(got, "hidden until you reveal") {
		t.Errorf("medians shown before the reveal: %s", got)
	}
	click(t, fac, "#reveal")
	waitJS(t, fac, "the revealed medians", `document.querySelector("#stat-arrive td.med strong") !== null`)
	med := evalString(t, fac, `Array.from(document.querySelectorAll("#stats tbody tr")).map(r => r.id + "=" + Array.from(r.querySelectorAll("td.med strong")).map(s => s.textContent).join("/")).join(" ")`)
	if med != "stat-arrive=5/2 stat-diagnose=5/4 stat-pickup=2/5" {
		t.Errorf("medians %q", med)
	}
	// Under the room's scores arrive becomes critical, diagnose stops being.
	waitJS(t, fac, "the changes of criticality", `document.getElementById("changes") !== null && document.getElementById("changes").children.length === 2`)
	changes := evalString(t, fac, `document.getElementById("changes").innerText`)
	if !strings.Contains(changes, "Arrives at the counter becomes critical") || !strings.Contains(changes, "Phone is diagnosed is no longer critical") {
		t.Errorf("changes: %s", changes)
	}
	// The diagram is redrawn from the room's medians: arrive is drawn critical.
	waitJS(t, fac, "the room's diagram", `document.getElementById("diagram").dataset.key.startsWith("room-") && document.querySelector("#diagram g#moment-arrive").classList.contains("critical") && !document.querySelector("#diagram g#moment-diagnose").classList.contains("critical")`)
	shot(t, fac, "projector-revealed")
	// The switch shows the file's scores.
	click(t, fac, `button[data-scores="file"]`)
	waitJS(t, fac, "the file's diagram", `document.getElementById("diagram").dataset.key === "file" && document.querySelector("#diagram g#moment-diagnose").classList.contains("critical")`)
	click(t, fac, `button[data-scores="room"]`)

	// Dot voting.
	click(t, fac, `button[data-phase="voting"]`)
	for i, p := range phones {
		waitJS(t, p, fmt.Sprintf("participant %d to see the vote", i+1), `document.body.dataset.view === "vote" && document.getElementById("improvements").children.length === 2`)
	}
	for i, p := range phones {
		// Everyone puts two dots on the diagnosis, participant 1 one on pickup.
		click(t, p, `#imp-diagnose_0 .plus`)
		waitJS(t, p, "the dot to be saved", `document.getElementById("vote-status").textContent.includes("Saved")`)
		click(t, p, `#imp-diagnose_0 .plus`)
		waitJS(t, p, "the second dot", `document.getElementById("left").textContent === "1"`)
		if i == 0 {
			click(t, p, `#imp-pickup_0 .plus`)
			waitJS(t, p, "no dots left", `document.getElementById("left").textContent === "0" && document.querySelector("#imp-pickup_0 .plus").disabled`)
			shot(t, p, "phone-voting")
		}
	}
	// The dots stay hidden, counted, until the facilitator reveals them.
	waitJS(t, fac, "the count of dots placed", `document.getElementById("tallies") === null && document.getElementById("placed").textContent.includes("7 of 9 dots placed")`)
	click(t, fac, "#tally")
	waitJS(t, fac, "the tallies", `document.getElementById("tallies") !== null && document.getElementById("tallies").innerText.replace(/\s+/g, " ").includes("6 dots Text the diagnosis within the hour")`)
	shot(t, fac, "projector-voting")

	// A participant's page cannot call a facilitator action.
	status := evalAsync(t, phones[1], `fetch("/f/action", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({action: "phase", phase: "closed"})}).then(r => String(r.status))`)
	if status != "403" {
		t.Errorf("participant's facilitator action: %s", status)
	}
	if got := evalAsync(t, phones[1], `fetch("/f/state").then(r => String(r.status))`); got != "403" {
		t.Errorf("participant reading the facilitator's state: %s", got)
	}
	if ph := evalString(t, fac, `document.body.dataset.phase`); ph != "voting" {
		t.Errorf("phase %s after a participant's attempt", ph)
	}
	// The facilitator writes the medians into the file: the diff first.
	click(t, fac, "#write-open")
	waitJS(t, fac, "the diff", `!document.getElementById("write").hidden && document.getElementById("write-diff").textContent.includes("+    sample: 3")`)
	shot(t, fac, "projector-write")
	click(t, fac, "#write-go")
	waitJS(t, fac, "the write", `document.getElementById("write-note").textContent.startsWith("Written: the room's scores of 3 moments")`)
	written, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := "    owner: Front desk\n    description: The customer explains what happened to the phone.\n    importance: 5\n    performance: 2\n    sample: 3\n"; !strings.Contains(string(written), want) {
		t.Errorf("file after writing:\n%s", written)
	}
	click(t, fac, "#write-cancel")

	// All of it happened without reloading the projector.
	waitJS(t, fac, "the marker to survive", `window.__marker === 1`)

	if c := stop(); c != ExitOK {
		t.Errorf("exit %d: %s", c, errOut.String())
	}
	journal, err := os.ReadFile(filepath.Join(dir, "cycle.workshop.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	// 9 answers, plus participant 3's first answer given again twice (two
	// taps on a moment already answered save it anew): each is a new
	// answer, and the room still counts one rating per person and moment.
	if n := strings.Count(string(journal), `"k":"rate"`); n != 11 {
		t.Errorf("%d ratings in the journal, want 11", n)
	}
}

// What the room sees: in the lobby the QR code and the join code cover
// the stage, large enough to scan and read from the back of the room (on
// a 1280 × 720 projector); on a phone a 1..10 scale keeps every button a
// thumb wide (two rows), without zooming.
func TestWorkshopReadableInTheRoom(t *testing.T) {
	browserCtx := browser(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	saveFile(t, file, strings.Replace(workshopFixture, "version: 1\n", "version: 1\nscale: 10\n", 1))
	facURL, joinURL, code, _, stop := runWorkshop(t, file, "--addr", "127.0.0.1:0")
	defer stop()

	fac := browserCtx
	if err := chromedp.Do(fac, chromedp.EmulateViewport(1280, 720)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(fac, chromedp.Navigate(facURL)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, fac, "the QR code", `document.getElementById("qr").complete && document.getElementById("qr").naturalWidth > 0`)
	// At least 40% of the screen's height: about a metre wide on a room's
	// screen, which a phone scans from the back row.
	num := func(ctx context.Context, expr string) float64 {
		t.Helper()
		got := evalString(t, ctx, "String("+expr+")")
		n, err := strconv.ParseFloat(got, 64)
		if err != nil {
			t.Fatalf("%s: %q", expr, got)
		}
		return n
	}
	if got := num(fac, `document.getElementById("qr").getBoundingClientRect().height / innerHeight`); got < 0.40 {
		t.Errorf("lobby QR code %.2f of the screen's height, want at least 0.40", got)
	}
	if got := num(fac, `parseFloat(getComputedStyle(document.getElementById("fac-code")).fontSize)`); got < 60 {
		t.Errorf("lobby join code in %.0fpx type, want at least 60px", got)
	}
	shot(t, fac, "projector-lobby")
	// Once scoring opens the join card steps aside, still there.
	click(t, fac, `button[data-phase="scoring"]`)
	waitJS(t, fac, "the small join card", `document.body.dataset.phase === "scoring" && document.getElementById("qr").getBoundingClientRect().height < innerHeight / 4 && document.getElementById("qr").getBoundingClientRect().height > 0`)

	p := phone(t, browserCtx)
	if err := chromedp.Do(p, chromedp.Navigate(joinURL+"#"+code)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, p, "the first moment", `document.body.dataset.view === "rate" && document.querySelectorAll("#imp .opts button").length === 10`)
	if got := num(p, `Math.min.apply(null, Array.prototype.map.call(document.querySelectorAll(".opts button"), b => b.getBoundingClientRect().width))`); got < 44 {
		t.Errorf("narrowest score button %.0f px wide, want at least 44", got)
	}
	if got := evalString(t, p, `String(document.documentElement.scrollWidth <= innerWidth)`); got != "true" {
		t.Errorf("the phone page scrolls sideways")
	}
	shot(t, p, "phone-scale10")
}

// ciclo restarted on the same address (after a crash, or Ctrl-C and the
// same command again) has a new facilitator's secret: the projector says
// to open the new address instead of "retrying" for ever, and the phones
// carry on by themselves.
func TestWorkshopProjectorAfterARestart(t *testing.T) {
	browserCtx := browser(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	saveFile(t, file, workshopFixture)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	facURL, joinURL, code, _, stop := runWorkshop(t, file, "--addr", addr)
	fac := browserCtx
	if err := chromedp.Do(fac, chromedp.Navigate(facURL)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, fac, "the facilitator's page", `document.body.dataset.phase === "lobby"`)
	p := phone(t, browserCtx)
	if err := chromedp.Do(p, chromedp.Navigate(joinURL+"#"+code)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, p, "the waiting view", `document.body.dataset.view === "wait"`)
	stop()
	facURL2, _, _, _, stop2 := runWorkshop(t, file, "--addr", addr)
	defer stop2()
	waitJS(t, fac, "the restart notice", `document.body.classList.contains("offline") && document.getElementById("offline").textContent.includes("restarted")`)
	// The new address works; the phone, still in, follows the round.
	fac2 := phone(t, browserCtx)
	if err := chromedp.Do(fac2, chromedp.Navigate(facURL2)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, fac2, "the new facilitator's page", `document.body.dataset.version !== undefined`)
	click(t, fac2, `button[data-phase="scoring"]`)
	waitJS(t, p, "the phone to follow the round", `document.body.dataset.view === "rate"`)
}
