package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/cycle"
)

// PNG and PDF are not written to a terminal unless forced.
func TestBinaryRefusedOnTerminal(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "a.yaml", validCycle)
	for _, args := range [][]string{
		{"render", in, "-f", "png", "-o", "-"},
		{"render", "-", "-f", "pdf"},
		{"diff", in, in, "-f", "png"},
		{"diff", in, in, "-f", "pdf", "-o", "-"},
	} {
		var out, errOut bytes.Buffer
		ios := &IOStreams{In: strings.NewReader(validCycle), Out: &out, ErrOut: &errOut, OutIsTerminal: true}
		if code := Main(context.Background(), args, ios); code != ExitMisuse || out.Len() != 0 || !strings.Contains(errOut.String(), "--force") {
			t.Errorf("%v: exit %d, %d bytes written, stderr %q; want exit 2 and nothing", args, code, out.Len(), errOut.String())
		}
		out.Reset()
		ios.In = strings.NewReader(validCycle)
		if code := Main(context.Background(), append(args, "--force"), ios); code != ExitOK || out.Len() == 0 {
			t.Errorf("%v --force: exit %d, %d bytes: %s", args, code, out.Len(), errOut.String())
		}
	}
	// SVG is text: written to a terminal as before.
	var out bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &bytes.Buffer{}, OutIsTerminal: true}
	if code := Main(context.Background(), []string{"render", in, "-o", "-"}, ios); code != ExitOK || out.Len() == 0 {
		t.Errorf("svg to a terminal: exit %d", code)
	}
}

// A file over the size limit is reported with its real size, not the
// size read before stopping.
func TestSizeErrorGivesTheRealSize(t *testing.T) {
	dir := t.TempDir()
	const size = cycle.MaxFileSize + 3<<20
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, bytes.Repeat([]byte("#"), size), 0o644); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("file is %d bytes; the limit is %d bytes", size, cycle.MaxFileSize)
	for _, args := range [][]string{{"render", big, "-f", "dot", "-o", "-"}, {"report", big}, {"lint", big}} {
		code, out, errOut := run(t, "", args...)
		if code != ExitProblem || !strings.Contains(out+errOut, "big.yaml:1:1: error: "+want) {
			t.Errorf("%v: exit %d, output %q %q; want %q", args, code, out, errOut, want)
		}
	}
	code, out, errOut := run(t, strings.Repeat("#", size), "lint", "-")
	if code != ExitProblem || !strings.Contains(out, "<stdin>:1:1: error: "+want) {
		t.Errorf("stdin: exit %d, %q %q", code, out, errOut)
	}
}
