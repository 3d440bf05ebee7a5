package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPortfolioInBrowser opens the HTML portfolio of the examples in
// Chromium on a laptop and on a phone: the page never scrolls sideways
// (wide tables scroll inside their box), every small diagram is drawn, and
// each cycle's lowest-performance dot sits at or left of its mean.
func TestPortfolioInBrowser(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "portfolio.html")
	if code, _, errOut := run(t, "", "report", "../../examples", "-o", out, "--today", "2026-12-01"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, size := range []struct{ w, h int64 }{{1280, 800}, {390, 844}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+out)); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, "the diagrams", `[...document.querySelectorAll(".thumb img")].every(i => i.complete)`)
		wide := evalString(t, ctx, `(() => {
			const w = document.documentElement.clientWidth;
			if (document.documentElement.scrollWidth <= w) return "";
			const out = [];
			for (const e of document.querySelectorAll("body *")) {
				if (e.closest(".scroll-x") && !e.classList.contains("scroll-x")) continue;
				const r = e.getBoundingClientRect();
				if (r.right > w + 1) out.push(e.tagName + "." + e.className + " " + Math.round(r.right));
			}
			return document.documentElement.scrollWidth + " > " + w + ": " + out.slice(0, 8).join(", ");
		})()`)
		if wide != "" {
			t.Errorf("%dpx: the page scrolls sideways: %s", size.w, wide)
		}
		drawn := evalString(t, ctx, `[...document.querySelectorAll(".thumb img")].filter(i => i.naturalWidth > 0).length + "/" + document.querySelectorAll(".thumb img").length + "/" + document.querySelectorAll("table.cycles tbody tr").length`)
		if parts := strings.Split(drawn, "/"); parts[0] != parts[1] || parts[1] != parts[2] || len(parts[0]) == 1 && parts[0] < "5" {
			t.Errorf("%dpx: diagrams drawn/shown/cycles %s: want every cycle's diagram drawn", size.w, drawn)
		}
		if size.w > 800 {
			bad := evalString(t, ctx, `[...document.querySelectorAll(".range")].filter(r => r.querySelector(".min").getBoundingClientRect().left > r.querySelector(".mean").getBoundingClientRect().left + 0.5).length + " of " + document.querySelectorAll(".range").length`)
			if !strings.HasPrefix(bad, "0 of ") || bad == "0 of 0" {
				t.Errorf("lowest dots right of the mean: %s", bad)
			}
		}
		if dir := os.Getenv("CICLO_SCREENSHOTS"); dir != "" {
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, fmt.Sprintf("portfolio-%d.png", size.w))
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
