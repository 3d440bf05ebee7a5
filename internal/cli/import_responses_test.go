package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runImportResponses runs importResponsesRun as Main would and returns the
// exit code, stdout and stderr.
func runImportResponses(t *testing.T, opts ImportResponsesOptions) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	opts.IO = &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	err := importResponsesRun(context.Background(), &opts)
	code := ExitOK
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
		if ee.err != nil {
			errOut.WriteString("ciclo: " + ee.err.Error() + "\n")
		}
	} else if err != nil {
		t.Fatalf("unexpected error %v", err)
	}
	return code, out.String(), errOut.String()
}

// responsesTestdata is where the responses package keeps its inputs and
// goldens, shared with these tests (go test ./internal/responses -update
// regenerates the golden).
const responsesTestdata = "../responses/testdata"

// copyTestdata copies the responses package's testdata file name into dir.
func copyTestdata(t *testing.T, dir, name string, mode os.FileMode) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(responsesTestdata, name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImportResponses: 40 respondents with blanks, two answers out of
// range and a word; the cycle file is rewritten in place (a golden), its
// comments kept and its permissions too.
func TestImportResponses(t *testing.T) {
	dir := t.TempDir()
	cyc := copyTestdata(t, dir, "sucursal.yaml", 0o640)
	csv := copyTestdata(t, dir, "respuestas.csv", 0o644)
	code, out, errOut := runImportResponses(t, ImportResponsesOptions{Responses: csv, Cycle: cyc})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, _ := os.ReadFile(cyc)
	golden := filepath.Join(responsesTestdata, "sucursal.golden.yaml")
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("rewritten file differs from %s:\n%s", golden, got)
	}
	for _, c := range []string{"# Ciclo de servicio de la sucursal: puntajes de la encuesta de marzo.", "  # Llega y pide turno.", "    # sin puntajes todavía", "# del taller de 2025", "# brecha de -2"} {
		if !bytes.Contains(got, []byte(c)) {
			t.Errorf("comment %q lost", c)
		}
	}
	if fi, _ := os.Stat(cyc); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", fi.Mode().Perm())
	}
	// the file's language is Spanish: warnings and summary in Spanish
	wantErr := csv + `:6:11: warning: mostrador.courtesy.perceived: la respuesta "tres" no es un número; no se cuenta
` + csv + `:14:5: warning: mostrador.importance: la respuesta 6 está fuera de 1..5; no se cuenta
` + csv + `:21:7: warning: mostrador.performance: la respuesta 0 está fuera de 1..5; no se cuenta
`
	if errOut != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, wantErr)
	}
	wantOut := `mostrador: importancia 4.47 (n=38), desempeño 3 (n=39), cortesía esperado 5 (n=39), cortesía percibido 2.74 (n=39); muestra 38
caja: importancia 4.63 (n=40), desempeño 1.8 (n=40), capacidad de respuesta percibido 3 (n=4); muestra 4
se escribieron 7 medias de 40 encuestados en ` + cyc + `; 3 respuestas no se contaron
`
	if out != wantOut {
		t.Errorf("stdout:\n%s\nwant:\n%s", out, wantOut)
	}
	// --lang en
	cyc2 := copyTestdata(t, dir, "sucursal.yaml", 0o644)
	os.Rename(cyc2, filepath.Join(dir, "b.yaml"))
	_, out, _ = runImportResponses(t, ImportResponsesOptions{Responses: csv, Cycle: filepath.Join(dir, "b.yaml"), Lang: "en"})
	if !strings.HasPrefix(out, "mostrador: importance 4.47 (n=38), performance 3 (n=39), courtesy expected 5") {
		t.Errorf("English summary: %s", out)
	}
}

// TestImportResponsesNothingWritten: an unknown column, an invalid cycle,
// answers none of which count: the cycle file stays byte for byte.
func TestImportResponsesNothingWritten(t *testing.T) {
	dir := t.TempDir()
	cyc := copyTestdata(t, dir, "sucursal.yaml", 0o644)
	before, _ := os.ReadFile(cyc)
	unknown := writeFile(t, dir, "unknown.csv", "id,mostrador.importance,recepcion.importance,caja.cortesia.perceived\n1,4,4,4\n")
	code, out, errOut := runImportResponses(t, ImportResponsesOptions{Responses: unknown, Cycle: cyc, Lang: "en"})
	wantErr := unknown + `:1:25: error: column "recepcion.importance" names the moment "recepcion", which is not in the cycle
` + unknown + `:1:46: error: column "caja.cortesia.perceived" names the measure "cortesia.perceived"; a measure is importance, performance, or a SERVQUAL determinant followed by .expected or .perceived
ciclo: ` + cyc + ` left unchanged
`
	if code != 1 || out != "" || errOut != wantErr {
		t.Errorf("unknown column: exit %d, out %q, stderr:\n%s\nwant:\n%s", code, out, errOut, wantErr)
	}
	none := writeFile(t, dir, "none.csv", "id,caja.importance\n1,\n2,7\n")
	if code, _, errOut := runImportResponses(t, ImportResponsesOptions{Responses: none, Cycle: cyc}); code != 1 || !strings.Contains(errOut, "no answer was counted") {
		t.Errorf("nothing counted: exit %d, %s", code, errOut)
	}
	// an expected score with no perceived one would make the file invalid
	expOnly := writeFile(t, dir, "exp.csv", "id,caja.courtesy.expected\n1,4\n")
	if code, _, errOut := runImportResponses(t, ImportResponsesOptions{Responses: expOnly, Cycle: cyc}); code != 1 || !strings.Contains(errOut, "needs a perceived score") {
		t.Errorf("expected only: exit %d, %s", code, errOut)
	}
	if after, _ := os.ReadFile(cyc); !bytes.Equal(before, after) {
		t.Errorf("the cycle file changed:\n%s", after)
	}
	bad := writeFile(t, dir, "bad.yaml", "title: T\nmoments:\n  - {id: a, name: A, importance: 9}\n")
	if code, _, errOut := runImportResponses(t, ImportResponsesOptions{Responses: unknown, Cycle: bad}); code != 1 || !strings.Contains(errOut, "bad.yaml:3:34: error: importance 9 is out of range") {
		t.Errorf("invalid cycle: exit %d, %s", code, errOut)
	}
	for _, o := range []ImportResponsesOptions{
		{Responses: unknown, Cycle: "-"},
		{Responses: filepath.Join(dir, "missing.csv"), Cycle: cyc},
		{Responses: unknown, Cycle: filepath.Join(dir, "missing.yaml")},
		{Responses: unknown, Cycle: dir},
	} {
		if code, _, _ := runImportResponses(t, o); code != 2 {
			t.Errorf("%+v: exit %d, want 2", o, code)
		}
	}
}

// TestImportResponsesCommand: "ciclo import --responses ANSWERS CYCLE"
// reaches importResponsesRun through the command line and rewrites the
// cycle file as the golden says; options of the sheet import are refused
// with it, and nothing is written then.
func TestImportResponsesCommand(t *testing.T) {
	dir := t.TempDir()
	cyc := copyTestdata(t, dir, "sucursal.yaml", 0o644)
	csv := copyTestdata(t, dir, "respuestas.csv", 0o644)
	before, err := os.ReadFile(cyc)
	if err != nil {
		t.Fatal(err)
	}
	for _, extra := range [][]string{{"-o", filepath.Join(dir, "x.yaml")}, {"--scale", "5"}, {"--from-scale", "%"}} {
		args := append([]string{"import", "--responses", csv, cyc}, extra...)
		code, _, errOut := run(t, "", args...)
		if code != ExitMisuse || !strings.Contains(errOut, "--responses") {
			t.Errorf("%v: exit %d, stderr %q; want %d naming --responses", extra, code, errOut, ExitMisuse)
		}
		if after, _ := os.ReadFile(cyc); !bytes.Equal(after, before) {
			t.Fatalf("%v: the cycle file changed on a refused call", extra)
		}
	}
	code, _, errOut := run(t, "", "import", "--responses", csv, cyc)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	got, err := os.ReadFile(cyc)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(responsesTestdata, "sucursal.golden.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("rewritten file differs from the golden:\n%s", got)
	}
}

// TestImportResponsesKeepsUserChoices: a read-only cycle file is refused,
// not replaced; a file saved by someone else while the answers were read
// is left as they saved it; a symbolic link is written through.
func TestImportResponsesKeepsUserChoices(t *testing.T) {
	dir := t.TempDir()
	csv := copyTestdata(t, dir, "respuestas.csv", 0o644)

	ro := copyTestdata(t, dir, "sucursal.yaml", 0o444)
	before, _ := os.ReadFile(ro)
	if code, _, errOut := runImportResponses(t, ImportResponsesOptions{Responses: csv, Cycle: ro}); code != 2 || !strings.Contains(errOut, "is read-only") {
		t.Errorf("read-only: exit %d, err %q", code, errOut)
	}
	if after, _ := os.ReadFile(ro); !bytes.Equal(before, after) {
		t.Errorf("the read-only file was rewritten")
	}
	os.Chmod(ro, 0o644)

	edited := []byte("# saved from an editor meanwhile\n")
	beforeResponsesWrite = func() {
		if err := os.WriteFile(ro, append(append([]byte{}, before...), edited...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errOut := runImportResponses(t, ImportResponsesOptions{Responses: csv, Cycle: ro})
	beforeResponsesWrite = nil
	if code != 1 || !strings.Contains(errOut, "changed while the answers were read") {
		t.Errorf("changed meanwhile: exit %d, err %q", code, errOut)
	}
	if after, _ := os.ReadFile(ro); !bytes.HasSuffix(after, edited) {
		t.Errorf("the edit made meanwhile was lost")
	}

	target := copyTestdata(t, t.TempDir(), "sucursal.yaml", 0o644)
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runImportResponses(t, ImportResponsesOptions{Responses: csv, Cycle: link}); code != 0 {
		t.Fatalf("link: exit %d, err %q", code, errOut)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if after, _ := os.ReadFile(target); bytes.Equal(after, before) {
		t.Errorf("the file the link names was not written")
	}
}
