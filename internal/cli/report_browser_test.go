package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/ciclo-dev/ciclo/internal/testtool"
)

// TestReportPrintsDiagramsAtSize opens the HTML report in Chromium as it
// prints (print media): every diagram laid out for the report's A4 page
// takes a page of its own of that size (CSS named page "diagram", no
// margin) and is drawn at its real size, so that moment names print at
// the 9 pt they were laid out at. Within the report's margins and under
// its height cap they printed at 7.3 pt.
func TestReportPrintsDiagramsAtSize(t *testing.T) {
	ctx := browser(t)
	out := filepath.Join(t.TempDir(), "airline.html")
	if code, _, errOut := run(t, "", "report", "../../examples/airline.yaml", "-o", out, "--today", "2026-12-01"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+out)); err != nil {
		t.Fatal(err)
	}
	// per paged figure: its page, its svg's width in CSS px, and the
	// smallest moment name in points as drawn (each moment's largest text)
	got := evalString(t, ctx, `[...document.querySelectorAll("figure.diagram")].map(f => {
		const svg = f.querySelector("svg");
		const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
		let least = Infinity;
		for (const g of svg.querySelectorAll("g[id*='moment-']")) {
			const sizes = [...g.querySelectorAll("text")].map(x => parseFloat(x.getAttribute("font-size") || getComputedStyle(x).fontSize));
			if (sizes.length) least = Math.min(least, Math.max(...sizes) * k * 0.75);
		}
		return [f.className, getComputedStyle(f).page, svg.getBoundingClientRect().width.toFixed(1), least.toFixed(2)].join(" ");
	}).join("\n")`)
	t.Logf("figures (class, page, svg px, least name pt):\n%s", got)
	lines := strings.Split(got, "\n")
	if len(lines) < 3 {
		t.Fatalf("figures: %q; want the cycle, the journey's and the blueprint's pages", got)
	}
	for _, l := range lines {
		f := strings.Fields(l) // diagram paged diagram 793.7 9.00
		if len(f) != 5 || f[1] != "paged" || f[2] != "diagram" {
			t.Errorf("figure %q: want class paged on the named page diagram", l)
			continue
		}
		if w, _ := strconv.ParseFloat(f[3], 64); w < 793.7-1 || w > 793.7+1 {
			t.Errorf("figure %q: the svg is %g px wide, want A4's 793.7 (595.28 pt)", l, w)
		}
		if s, err := strconv.ParseFloat(f[4], 64); err != nil || s < 8.95 || s > 100 {
			t.Errorf("figure %q: names print at %g pt, want 9 or more (and a moment found)", l, s)
		}
	}
}

// TestReportPrintsCoverAndKeepsHeadings prints the HTML report to PDF in
// Chromium and reads the pages back with pdftotext: the header is a cover
// page of its own, most of the page (the diagram after it takes a page,
// and left it alone at the top of an empty one), the cycle diagram is on
// the second page, and the action plan's heading prints on the page of
// its first owner's table (it printed alone at the foot of a page).
func TestReportPrintsCoverAndKeepsHeadings(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	ctx := browser(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "garantia.html")
	if code, _, errOut := run(t, "", "report", "../../examples/garantia.yaml", "-o", out, "--today", "2026-12-01"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+out)); err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: new(true), PrintBackground: new(true)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	cover, _ := strconv.ParseFloat(evalString(t, ctx, `String(document.querySelector("header.cover").getBoundingClientRect().height)`), 64)
	// A4's height less the report's margins (16 mm and 18 mm), in CSS px
	if room := (297.0 - 34) / 25.4 * 96; cover < 0.8*room {
		t.Errorf("printed, the cover is %.0f px tall; want most of the page's %.0f", cover, room)
	}
	file := filepath.Join(dir, "garantia.pdf")
	if err := os.WriteFile(file, res.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command(pdftotext, "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(text), "\f")
	if len(pages) < 3 {
		t.Fatalf("%d pages", len(pages))
	}
	if p := pages[0]; !strings.Contains(p, "Reclamo de garantía") || !strings.Contains(p, "críticos") || strings.Contains(p, "Leyenda") {
		t.Errorf("page 1 is not the cover alone:\n%s", p)
	}
	if !strings.Contains(pages[1], "Leyenda") {
		t.Errorf("page 2 is not the cycle diagram:\n%s", pages[1])
	}
	found := false
	for i, p := range pages {
		if strings.Contains(p, "Plan de acción") {
			found = true
			if !strings.Contains(p, "Coordinación del centro de llamadas") {
				t.Errorf("page %d has the action plan's heading without its first group:\n%s", i+1, p)
			}
		}
	}
	if !found {
		t.Error("no page has the action plan")
	}
}
