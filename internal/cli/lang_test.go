package cli

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// badSpanish is a Spanish cycle with two validation problems.
const badSpanish = `title: Garantía
language: es
moments:
  - id: llega
    name: Llega al mostrador
    importanse: 5
    performance: 7
`

// The problems of badSpanish, as MESSAGE in each language; positions 6:5
// and 7:18.
var (
	badSpanishES = []string{
		`clave desconocida "importanse" en el momento 1; ¿quiso decir "importance"?`,
		`performance 7 está fuera de rango: debe ir de 1 a 5 (la escala es de 5)`,
	}
	badSpanishEN = []string{
		`unknown key "importanse" in moment 1; did you mean "importance"?`,
		`performance 7 is out of range: it must be from 1 to 5 (the scale is 5)`,
	}
)

// errorLines is how render, report and diff print badSpanish's problems
// on stderr: FILE:LINE:COL: error: MESSAGE.
func errorLines(file string, msgs []string) string {
	return file + ":6:5: error: " + msgs[0] + "\n" + file + ":7:18: error: " + msgs[1] + "\n"
}

// TestLintValidationInTheFileLanguage: ciclo lint writes a Spanish file's
// validation errors in Spanish, in every format, and --lang en in English.
// The count line on stderr follows the file's language too.
func TestLintValidationInTheFileLanguage(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"garantia.yaml": badSpanish})

	code, stdout, stderr := lintCLI(t, "", "lint", "garantia.yaml")
	want := "garantia.yaml:6:5: error: " + badSpanishES[0] + " [invalid]\n" +
		"garantia.yaml:7:18: error: " + badSpanishES[1] + " [invalid]\n"
	if code != ExitProblem || stdout != want || stderr != "2 errores, 0 advertencias en 1 archivo\n" {
		t.Errorf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr %q", code, stdout, want, stderr)
	}

	code, stdout, _ = lintCLI(t, "", "lint", "--lang", "en", "garantia.yaml")
	want = "garantia.yaml:6:5: error: " + badSpanishEN[0] + " [invalid]\n" +
		"garantia.yaml:7:18: error: " + badSpanishEN[1] + " [invalid]\n"
	if code != ExitProblem || stdout != want {
		t.Errorf("--lang en: exit %d\nstdout:\n%s\nwant:\n%s", code, stdout, want)
	}

	// The same file from stdin, under its display name.
	_, stdout, _ = lintCLI(t, badSpanish, "lint", "-")
	if !strings.HasPrefix(stdout, "<stdin>:6:5: error: "+badSpanishES[0]) {
		t.Errorf("stdin: %s", stdout)
	}

	_, stdout, _ = lintCLI(t, "", "lint", "-f", "json", "garantia.yaml")
	var findings []struct{ Rule, Message string }
	if err := json.Unmarshal([]byte(stdout), &findings); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout)
	}
	if len(findings) != 2 || findings[0].Message != badSpanishES[0] || findings[1].Message != badSpanishES[1] || findings[0].Rule != "invalid" {
		t.Errorf("json findings %+v", findings)
	}

	for _, lang := range []struct{ flag string }{{""}, {"en"}} {
		args := []string{"lint", "-f", "sarif", "garantia.yaml"}
		msgs := badSpanishES
		if lang.flag != "" {
			args = append(args, "--lang", lang.flag)
			msgs = badSpanishEN
		}
		_, stdout, _ = lintCLI(t, "", args...)
		var log any
		if err := json.Unmarshal([]byte(stdout), &log); err != nil {
			t.Fatalf("sarif: %v", err)
		}
		for i, msg := range msgs {
			if got := dig(log, "runs", 0, "results", i, "message", "text"); got != msg || dig(log, "runs", 0, "results", i, "ruleId") != "invalid" {
				t.Errorf("sarif --lang %q result %d: message %v, want %q", lang.flag, i, got, msg)
			}
		}
	}
}

// TestRenderReportDiffErrorsInTheFileLanguage: render, report and diff
// print a Spanish file's validation errors in Spanish, keeping
// FILE:LINE:COL: error:, and --lang en (render, report) in English.
func TestRenderReportDiffErrorsInTheFileLanguage(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"garantia.yaml": badSpanish, "ok.yaml": cleanCycle})
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"render", "garantia.yaml", "-o", "out.svg"}, errorLines("garantia.yaml", badSpanishES)},
		{[]string{"render", "garantia.yaml", "-o", "out.svg", "--lang", "en"}, errorLines("garantia.yaml", badSpanishEN)},
		{[]string{"render", "garantia.yaml", "-o", "out.svg", "--lang", "es"}, errorLines("garantia.yaml", badSpanishES)},
		{[]string{"render", "-", "-o", "out.svg"}, errorLines("<stdin>", badSpanishES)},
		{[]string{"report", "garantia.yaml", "-o", "out.json"}, errorLines("garantia.yaml", badSpanishES)},
		{[]string{"report", "garantia.yaml", "-o", "out.json", "--lang", "en"}, errorLines("garantia.yaml", badSpanishEN)},
		{[]string{"diff", "ok.yaml", "garantia.yaml"}, errorLines("garantia.yaml", badSpanishES)},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(t, badSpanish, tt.args...)
			if code != ExitProblem || stdout != "" || stderr != tt.want {
				t.Errorf("exit %d, stdout %q\nstderr:\n%s\nwant:\n%s", code, stdout, stderr, tt.want)
			}
		})
	}
}

// TestBuildPreviewErrorsInTheFileLanguage: the watch page shows a Spanish
// file's errors in Spanish, and says the page is Spanish.
func TestBuildPreviewErrorsInTheFileLanguage(t *testing.T) {
	snap, err := buildPreview(context.Background(), "garantia.yaml", []byte(badSpanish), "default")
	if err != nil {
		t.Fatal(err)
	}
	if snap.Lang != "es" || len(snap.Errors) != 2 {
		t.Fatalf("lang %q, errors %+v", snap.Lang, snap.Errors)
	}
	for i, e := range snap.Errors {
		if e.Message != badSpanishES[i] || e.Rule != "" || e.Severity != "error" {
			t.Errorf("error %d: %+v, want message %q", i, e, badSpanishES[i])
		}
	}
	if got := snap.Errors[1].Location(); got != "garantia.yaml:7:18" {
		t.Errorf("second error at %s", got)
	}

	// A language the parser cannot read: English, and no language for the page.
	bad := strings.Replace(badSpanish, "language: es", "language: esp", 1)
	snap, err = buildPreview(context.Background(), "garantia.yaml", []byte(bad), "default")
	if err != nil {
		t.Fatal(err)
	}
	if snap.Lang != "" || len(snap.Errors) != 3 || snap.Errors[0].Message != `language "esp" is not one of en, es; did you mean "es"?` {
		t.Errorf("unreadable language: lang %q, errors %+v", snap.Lang, snap.Errors)
	}
}

// TestSeverityWordsFollowTheLanguage: the severity of each finding and the
// count line are in the file's language, or --lang's.
func TestSeverityWordsFollowTheLanguage(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"v.yaml": "title: Visita\nlanguage: es\nmoments:\n  - {id: a, name: A, importance: 3, performance: 3}\n"})
	_, stdout, stderr := lintCLI(t, "", "lint", "v.yaml")
	if !strings.Contains(stdout, ": advertencia: ") || stderr != "0 errores, 1 advertencia en 1 archivo\n" {
		t.Errorf("Spanish file: stdout %q, stderr %q", stdout, stderr)
	}
	_, stdout, stderr = lintCLI(t, "", "lint", "--lang", "en", "v.yaml")
	if !strings.Contains(stdout, ": warning: ") || stderr != "0 errors, 1 warning in 1 file\n" {
		t.Errorf("--lang en: stdout %q, stderr %q", stdout, stderr)
	}
}

// TestRenderCountLineFollowsTheLanguage: a batch of Spanish files that fail
// is counted in Spanish; --lang en counts it in English.
func TestRenderCountLineFollowsTheLanguage(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"a.yaml": badSpanish, "b.yaml": badSpanish})
	r := runCLI(t, "", "render", "-f", "dot", "a.yaml", "b.yaml")
	if r.code != ExitProblem || !strings.Contains(r.errOut, "ciclo: fallaron 2 de 2 archivos") {
		t.Errorf("exit %d, stderr %q", r.code, r.errOut)
	}
	r = runCLI(t, "", "render", "--lang", "en", "-f", "dot", "a.yaml", "b.yaml")
	if !strings.Contains(r.errOut, "ciclo: 2 of 2 files failed") {
		t.Errorf("--lang en: stderr %q", r.errOut)
	}
}
