package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// trojan hides a right-to-left override and an isolate in the texts
// people read.
const trojan = `title: "Refunds \u202Eevif\u202C"
moments:
  - id: ask
    name: "Asks for a refund \u2067now\u2069"
    owner: Desk
    importance: 5
    performance: 1
    improvements:
      - action: "Pay \u202Ein full"
        owner: Manager
  - id: paid
    name: Gets the money
    owner: Desk
    importance: 3
    performance: 4
`

var controls = []string{"\u202E", "\u202C", "\u2067", "\u2069"}

func hasControl(s string) bool {
	for _, c := range controls {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// No output people read keeps a bidirectional control; JSON shows them
// escaped; lint names them where they are.
func TestBidiControlsNeverReachOutputs(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "trojan.yaml", trojan)
	for _, args := range [][]string{
		{"render", in, "-f", "svg", "-o", "-"},
		{"render", in, "-f", "dot", "-o", "-"},
		{"report", in, "-f", "md"},
		{"report", in, "-f", "html"},
		{"lint", in},
		{"diff", in, writeFile(t, dir, "plain.yaml", validCycle)},
	} {
		_, out, errOut := run(t, "", args...)
		if out == "" || hasControl(out) || hasControl(errOut) {
			t.Errorf("%v: a control reached the output (%d bytes)", args, len(out))
		}
	}
	if _, out, _ := run(t, "", "report", in, "-f", "json"); hasControl(out) || !strings.Contains(out, `"Refunds \u202eevif\u202c"`) {
		t.Errorf("report json: controls not escaped:\n%.300s", out)
	}
	for _, f := range []string{"json", "sarif"} {
		if _, out, _ := run(t, "", "lint", in, "--format", f); hasControl(out) || !strings.Contains(out, "U+202E RIGHT-TO-LEFT OVERRIDE") {
			t.Errorf("lint %s: a raw control, or none named", f)
		}
	}
	_, out, _ := run(t, "", "lint", in)
	for _, want := range []string{
		"trojan.yaml:1:8: warning: the title holds invisible bidirectional controls, which can make text display in another order than it is written (U+202E RIGHT-TO-LEFT OVERRIDE, U+202C POP DIRECTIONAL FORMATTING)",
		`trojan.yaml:4:11: warning: the name of moment "ask" holds invisible bidirectional controls, which can make text display in another order than it is written (U+2067 RIGHT-TO-LEFT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE)`,
		`trojan.yaml:9:17: warning: improvement 1 of moment "ask" holds invisible bidirectional controls, which can make text display in another order than it is written (U+202E RIGHT-TO-LEFT OVERRIDE)`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lint lacks %q:\n%s", want, out)
		}
	}
	// PNG and PDF are painted from the same cleaned labels as the SVG: the
	// embedded fonts have no glyph for a control, so one painted would be
	// warned about as a box.
	for _, f := range []string{"pdf", "png"} {
		o := filepath.Join(dir, "t."+f)
		if code, _, errOut := run(t, "", "render", in, "-o", o); code != ExitOK || strings.Contains(errOut, "no glyph") {
			t.Fatalf("%s: exit %d: %s", f, code, errOut)
		}
		if data, _ := os.ReadFile(o); len(data) == 0 {
			t.Errorf("%s: empty", f)
		}
	}
}
