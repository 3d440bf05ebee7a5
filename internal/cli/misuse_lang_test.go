package cli

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

// TestMisuseFollowsLang: the command line's own misuse errors (exit 2)
// speak --lang; without it they stay English, since the command has not
// read a cycle file yet when it refuses.
func TestMisuseFollowsLang(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"x.yaml": cleanCycle, "a.yaml": cleanCycle, "b.yaml": cleanCycle})
	if err := os.Mkdir("empty", 0o755); err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"diff", "a.yaml", "b.yaml", "-f", "gif", "--lang", "es"},
			`ciclo: formato de diff desconocido "gif"; use `},
		{[]string{"diff", "a.yaml", "b.yaml", "-f", "gif"},
			`ciclo: unknown diff format "gif"; use `},
		{[]string{"diff", "-", "-", "--lang", "es"},
			"ciclo: solo uno de OLD y NEW puede ser - (la entrada estándar)\n"},
		{[]string{"render", "x.yaml", "-o", "x.yaml", "--lang", "es"},
			"ciclo: la salida x.yaml es la propia entrada x.yaml; dé otro nombre con -o\n"},
		{[]string{"render", "x.yaml", "-o", "x.yaml"},
			"ciclo: the output x.yaml is the input x.yaml itself; give -o another name\n"},
		{[]string{"render", "x.yaml", "--jobs", "0", "--lang", "es"},
			"ciclo: --jobs 0: indique al menos 1\n"},
		{[]string{"render", "x.yaml", "-f", "gif", "--lang", "es"},
			`ciclo: formato desconocido "gif"; use svg, png, pdf o dot` + "\n"},
		{[]string{"report", "x.yaml", "--today", "mañana", "--lang", "es"},
			`ciclo: --today "mañana" no válido: se espera AAAA-MM-DD` + "\n"},
		{[]string{"lint", "x.yaml", "-f", "xml", "--lang", "es"},
			`ciclo: formato de lint desconocido "xml"; use `},
		{[]string{"lint", "empty", "--lang", "es"},
			"ciclo: no hay archivos *.yaml ni *.yml bajo empty\n"},
		{[]string{"lint", "nope.yaml", "--lang", "es"},
			"ciclo: no se puede leer nope.yaml: "},
		{[]string{"export", "x.yaml", "-f", "gif", "--lang", "es"},
			`ciclo: formato de exportación desconocido "gif"; use `},
		{[]string{"import", "sheet.csv", "--scale", "12", "--lang", "es"},
			"ciclo: --scale 12 no válido: la escala de un ciclo va de 3 a 10\n"},
	} {
		code, stdout, stderr := lintCLI(t, "", tt.args...)
		if code != ExitMisuse || stdout != "" || !strings.HasPrefix(stderr, tt.want) {
			t.Errorf("%v: exit %d, stdout %q\nstderr %q\nwant it to start %q", tt.args, code, stdout, stderr, tt.want)
		}
	}
}

// TestTerminalRefusalFollowsLang: the refusal to write PNG bytes to a
// terminal speaks --lang.
func TestTerminalRefusalFollowsLang(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"x.yaml": cleanCycle})
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutIsTerminal: true}
	code := Main(context.Background(), []string{"render", "x.yaml", "-o", "-", "-f", "png", "--lang", "es"}, ios)
	want := "ciclo: la salida estándar es una terminal y png es binario; rediríjala a un archivo (> out.png), use -o, o añada --force\n"
	if code != ExitMisuse || out.Len() != 0 || errOut.String() != want {
		t.Errorf("exit %d, stdout %d bytes\nstderr %q\nwant   %q", code, out.Len(), errOut.String(), want)
	}
}
