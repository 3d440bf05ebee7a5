package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// gitRepoForTest makes a repository in a temporary folder with the git
// program, isolated from the user's and the system's configuration.
func gitRepoForTest(t *testing.T) (dir string, git func(args ...string) string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("these tests need the git program: %v", err)
	}
	dir = t.TempDir()
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for k, v := range map[string]string{"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com",
		"GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"} {
		t.Setenv(k, v)
	}
	git = func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	git("init", "-q", "-b", "main")
	return dir, git
}

const (
	mapA1 = "title: A\nmoments:\n  - {id: call, name: Calls, owner: Desk, importance: 5, performance: 4}\n  - {id: visit, name: Visits, owner: Shop}\n"
	// visit renamed to store: one moment removed, one added
	mapA2 = "title: A\nmoments:\n  - {id: call, name: Calls, owner: Desk, importance: 5, performance: 4}\n  - {id: store, name: Visits, owner: Shop}\n"
	// and call rescored in the working tree
	mapA3 = "title: A\nmoments:\n  - {id: call, name: Calls, owner: Desk, importance: 5, performance: 1}\n  - {id: store, name: Visits, owner: Shop}\n"
	mapB  = "title: B\nmoments:\n  - {id: x, name: X, improvements: [{action: Call back}]}\n"
	mapC  = "title: C\nlanguage: es\nmoments:\n  - {id: y, name: Y}\n"
)

func TestDiffGit(t *testing.T) {
	dir, git := gitRepoForTest(t)
	writeFile(t, dir, "README.md", "not a cycle\n")
	os.MkdirAll(filepath.Join(dir, "maps"), 0o755)
	writeFile(t, dir, "maps/a.yaml", mapA1)
	writeFile(t, dir, "maps/b.yaml", mapB)
	git("add", ".")
	git("commit", "-q", "-m", "first")
	writeFile(t, dir, "maps/a.yaml", mapA2)
	git("commit", "-q", "-am", "rename visit")
	git("tag", "v2")
	t.Chdir(dir)

	// A clean working tree against HEAD: nothing changed.
	if code, out, errOut := run(t, "", "diff", "--git", "HEAD"); code != 0 || out != "no changes\n" || errOut != "" {
		t.Errorf("clean tree: exit %d, out %q, err %q", code, out, errOut)
	}
	// Against the first commit: the renamed moment.
	code, out, _ := run(t, "", "diff", "--git", "HEAD~1", "maps")
	want := "== maps/a.yaml\nadded: #2 store \"Visits\"\nremoved: #2 visit \"Visits\"\n"
	if code != 1 || out != want {
		t.Errorf("HEAD~1: exit %d, out:\n%s\nwant:\n%s", code, out, want)
	}

	// The working tree: a rescored, b deleted, c added (untracked), an
	// ignored file and a file in a hidden folder left out.
	writeFile(t, dir, "maps/a.yaml", mapA3)
	os.Remove(filepath.Join(dir, "maps/b.yaml"))
	writeFile(t, dir, "maps/c.yaml", mapC)
	writeFile(t, dir, ".gitignore", "scratch.yaml\n")
	writeFile(t, dir, "maps/scratch.yaml", mapC)
	os.MkdirAll(filepath.Join(dir, ".github"), 0o755)
	writeFile(t, dir, ".github/ci.yaml", "on: push\n")

	code, out, errOut := run(t, "", "diff", "--git", "v2", "-f", "json")
	if code != 1 {
		t.Fatalf("json: exit %d, err %s", code, errOut)
	}
	var doc struct {
		Revision string
		Files    []struct {
			Path, Status string
			Diff         struct {
				Added, Removed []string
				Changed        []struct{ ID, Field, Direction string }
				Removed2       []struct{ Improvements []struct{ Action string } } `json:"removed_moments"`
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var got []string
	for _, f := range doc.Files {
		got = append(got, f.Path+" "+f.Status)
	}
	if !reflect.DeepEqual(got, []string{"maps/a.yaml changed", "maps/b.yaml deleted", "maps/c.yaml added"}) || doc.Revision != "v2" {
		t.Fatalf("files %v (revision %q)\n%s", got, doc.Revision, out)
	}
	a, b, c := doc.Files[0].Diff, doc.Files[1].Diff, doc.Files[2].Diff
	if len(a.Changed) != 1 || a.Changed[0].Direction != "down" || len(a.Added) != 0 {
		t.Errorf("a: %+v", a)
	}
	if !reflect.DeepEqual(b.Removed, []string{"x"}) || len(b.Removed2) != 1 || b.Removed2[0].Improvements[0].Action != "Call back" {
		t.Errorf("deleted b: %+v", b)
	}
	if !reflect.DeepEqual(c.Added, []string{"y"}) {
		t.Errorf("added c: %+v", c)
	}

	// From a subfolder, paths are relative to it; md names the revision.
	t.Chdir(filepath.Join(dir, "maps"))
	code, out, _ = run(t, "", "diff", "--git", "v2", ".", "--lang", "en", "-f", "md")
	for _, s := range []string{"**Changes since `v2`:** 3 of 3 cycle files changed (1 added, 1 deleted).", "### `a.yaml`", "### `b.yaml`", "**deleted file**", "| 1 | x | X | no | \"Call back\" (planned) |"} {
		if code != 1 || !strings.Contains(out, s) {
			t.Errorf("md (exit %d) lacks %q:\n%s", code, s, out)
		}
	}
	// A picture draws one file: three changed files are misuse, one is fine.
	if code, _, errOut := run(t, "", "diff", "--git", "v2", ".", "-f", "svg"); code != 2 || !strings.Contains(errOut, "-f svg draws one cycle and 3 files changed") {
		t.Errorf("svg of three files: exit %d, err %q", code, errOut)
	}
	if code, out, _ := run(t, "", "diff", "--git", "v2", "a.yaml", "-f", "svg"); code != 1 || !strings.Contains(out, `id="diff-tag-call"`) {
		t.Errorf("svg of one file: exit %d, %.200s", code, out)
	}
	if code, _, errOut := run(t, "", "diff", "--git", "v2", "b.yaml", "-f", "png"); code != 2 || !strings.Contains(errOut, "b.yaml was deleted") {
		t.Errorf("png of a deleted file: exit %d, err %q", code, errOut)
	}
	// One file by name.
	if code, out, _ := run(t, "", "diff", "--git", "v2", "c.yaml"); code != 1 || out != "== c.yaml (archivo nuevo)\nañadido: #1 y \"Y\"\n" {
		t.Errorf("one new file: exit %d, out %q", code, out)
	}
}

func TestDiffGitErrors(t *testing.T) {
	dir, git := gitRepoForTest(t)
	writeFile(t, dir, "a.yaml", mapA1)
	git("add", ".")
	git("commit", "-q", "-m", "first")
	writeFile(t, dir, "bad.yaml", "title: T\nmoments:\n  - {id: a, name: A, colour: red}\n")
	git("add", ".")
	git("commit", "-q", "-m", "bad")
	writeFile(t, dir, "bad.yaml", mapB)
	t.Chdir(dir)

	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"diff", "--git", "no-such-branch"}, 2, `unknown revision "no-such-branch"`},
		{[]string{"diff", "--git", "--all"}, 2, `unknown revision "--all"`},
		{[]string{"diff", "--git", "HEAD", "/"}, 2, "/ is outside the repository"},
		{[]string{"diff", "--git", "HEAD", "-f", "xml"}, 2, "unknown diff format"},
		{[]string{"diff", "--git", "HEAD", "docs"}, 2, "no *.yaml or *.yml files under docs, neither at HEAD nor in the working tree"},
		// the committed side is invalid: its errors name REV:PATH
		{[]string{"diff", "--git", "HEAD", "bad.yaml"}, 1, "HEAD:bad.yaml:3:22: error: unknown key"},
	} {
		code, out, errOut := run(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.err) {
			t.Errorf("%v: exit %d, err %q, want %d and %q", tc.args, code, errOut, tc.code, tc.err)
		}
		if tc.code != 0 && out != "" {
			t.Errorf("%v: wrote %q", tc.args, out)
		}
	}

	// Outside any repository.
	outside := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(outside))
	t.Chdir(outside)
	if code, _, errOut := run(t, "", "diff", "--git", "HEAD"); code != 2 || !strings.Contains(errOut, "is not inside a git repository") {
		t.Errorf("outside: exit %d, err %q", code, errOut)
	}
	// Without the git program.
	t.Setenv("PATH", t.TempDir())
	if code, _, errOut := run(t, "", "diff", "--git", "HEAD"); code != 2 || !strings.Contains(errOut, "needs the git program") {
		t.Errorf("no git: exit %d, err %q", code, errOut)
	}
}

func TestDiffFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want DiffOptions
	}{
		{[]string{"old.yaml", "new.yaml"}, DiffOptions{Old: "old.yaml", New: "new.yaml", Page: "auto", Orientation: "auto"}},
		{[]string{"--git", "origin/main", "maps/", "more/", "-f", "md", "-o", "c.md", "--lang", "es"},
			DiffOptions{Git: "origin/main", Paths: []string{"maps/", "more/"}, Format: "md", Output: "c.md", Lang: "es", Page: "auto", Orientation: "auto"}},
		{[]string{"--git", "HEAD"}, DiffOptions{Git: "HEAD", Paths: []string{}, Page: "auto", Orientation: "auto"}},
		{[]string{"a.yaml", "b.yaml", "-f", "pdf", "--page", "a4", "--orientation", "landscape"},
			DiffOptions{Old: "a.yaml", New: "b.yaml", Format: "pdf", Page: "a4", Orientation: "landscape"}},
	} {
		var got *DiffOptions
		cmd := newCmdDiff(&IOStreams{}, func(_ context.Context, o *DiffOptions) error { got = o; return nil })
		cmd.SetArgs(tc.args)
		cmd.SetOut(&bytes.Buffer{})
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		got.IO = nil
		if !reflect.DeepEqual(*got, tc.want) {
			t.Errorf("%v: options %+v, want %+v", tc.args, *got, tc.want)
		}
	}
	cmd := newCmdDiff(&IOStreams{}, func(context.Context, *DiffOptions) error { return nil })
	cmd.SetArgs([]string{"only-one.yaml"})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetOut(&bytes.Buffer{})
	if err := cmd.Execute(); err == nil {
		t.Errorf("one file without --git accepted")
	}
	for flag, want := range map[string]string{"": "text", "x.md": "md", "x.HTML": "html", "x.json": "json", "x.txt": "text", "x.out": "text"} {
		if got, err := diffFormat("", "", flag); err != nil || got != want {
			t.Errorf("-o %q: format %q, %v; want %q", flag, got, err, want)
		}
	}
}

// TestDiffGitRunsNoRepositoryProgram: a repository's .git/config can name
// programs (core.fsmonitor, a promisor remote's upload-pack, textconv,
// diff.external, filters, hooks, a pager); diff --git must run none of them.
func TestDiffGitRunsNoRepositoryProgram(t *testing.T) {
	dir, git := gitRepoForTest(t)
	writeFile(t, dir, "a.yaml", mapA1)
	writeFile(t, dir, ".gitattributes", "*.yaml diff=x filter=y\n")
	git("add", ".")
	git("commit", "-q", "-m", "first")
	writeFile(t, dir, "a.yaml", mapA3)
	marker := filepath.Join(t.TempDir(), "ran")
	prog := filepath.Join(t.TempDir(), "prog.sh")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\necho \"$0 $*\" >> '"+marker+"'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"core.fsmonitor", "core.pager", "diff.external", "diff.x.textconv",
		"filter.y.clean", "filter.y.smudge", "filter.y.process", "core.sshCommand"} {
		git("config", key, prog)
	}
	git("config", "core.hooksPath", filepath.Dir(prog))
	t.Chdir(dir)
	if code, out, errOut := run(t, "", "diff", "--git", "HEAD"); code != 1 || !strings.Contains(out, "call") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
	if ran, err := os.ReadFile(marker); err == nil {
		t.Errorf("diff --git ran a program the repository configures: %s", ran)
	}
}

// TestDiffGitNoLazyFetch: in a partial clone, a blob missing at REV is not
// fetched (a fetch would run the remote's configured upload-pack); the
// error says how to fetch it.
func TestDiffGitNoLazyFetch(t *testing.T) {
	origin, git := gitRepoForTest(t)
	writeFile(t, origin, "a.yaml", mapA1)
	git("add", ".")
	git("commit", "-q", "-m", "first")
	git("config", "uploadpack.allowFilter", "true")
	clone := filepath.Join(t.TempDir(), "clone")
	if out, err := exec.Command("git", "clone", "-q", "--filter=blob:none", "--no-checkout", "file://"+origin, clone).CombinedOutput(); err != nil {
		t.Fatalf("clone: %v\n%s", err, out)
	}
	marker := filepath.Join(t.TempDir(), "ran")
	prog := filepath.Join(t.TempDir(), "prog.sh")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\necho \"$0 $*\" >> '"+marker+"'\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("git", "-C", clone, "config", "remote.origin.uploadpack", prog).CombinedOutput(); err != nil {
		t.Fatalf("config: %v\n%s", err, out)
	}
	t.Chdir(clone)
	code, _, errOut := run(t, "", "diff", "--git", "HEAD")
	if code == 0 || !strings.Contains(errOut, "a.yaml at ") || !strings.Contains(errOut, "partial clone") {
		t.Errorf("exit %d, err %q", code, errOut)
	}
	if ran, err := os.ReadFile(marker); err == nil {
		t.Errorf("diff --git fetched through the repository's upload-pack: %s", ran)
	}
}

// TestDiffGitOddEntries: a submodule and a symbolic link named *.yaml at
// REV are not cycle files; a huge blob is refused by size without being
// read whole.
func TestDiffGitOddEntries(t *testing.T) {
	dir, git := gitRepoForTest(t)
	writeFile(t, dir, "a.yaml", mapA1)
	if err := os.Symlink("a.yaml", filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	git("add", ".")
	// a gitlink (submodule entry) named sub.yaml, to a commit not present
	git("update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,sub.yaml")
	big := strings.Repeat("# padding line\n", (8<<20)/15+10)
	writeFile(t, dir, "big.yaml", "title: Big\nmoments:\n  - {id: a, name: A}\n"+big)
	git("add", "big.yaml")
	git("commit", "-q", "-m", "first")
	os.Remove(filepath.Join(dir, "big.yaml"))
	t.Chdir(dir)
	code, out, errOut := run(t, "", "diff", "--git", "HEAD", "a.yaml", "link.yaml", "sub.yaml")
	if strings.Contains(errOut, "sub.yaml at") || strings.Contains(out, "== sub.yaml") {
		t.Errorf("the submodule was read as a cycle file: exit %d, out %q, err %q", code, out, errOut)
	}
	code, _, errOut = run(t, "", "diff", "--git", "HEAD", "big.yaml")
	if code != 1 || !strings.Contains(errOut, "HEAD:big.yaml") {
		t.Errorf("big blob: exit %d, err %q", code, errOut)
	}
}

// TestDiffGitUnsafeDirectory: when git refuses a repository owned by
// another user, ciclo shows git's reason (and its safe.directory advice)
// instead of saying there is no repository. A stand-in git program gives
// the refusal, as git 2.35.2 and later do.
func TestDiffGitUnsafeDirectory(t *testing.T) {
	bin := t.TempDir()
	script := "#!/bin/sh\necho \"fatal: detected dubious ownership in repository at '/repo'\" >&2\n" +
		"echo \"To add an exception for this directory, call: git config --global --add safe.directory /repo\" >&2\nexit 128\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	t.Chdir(t.TempDir())
	code, _, errOut := run(t, "", "diff", "--git", "HEAD")
	if code != 2 || !strings.Contains(errOut, "git refuses the repository") || !strings.Contains(errOut, "safe.directory /repo") {
		t.Errorf("exit %d, err %q", code, errOut)
	}
}

// TestDiffGitLinkOutside: a symbolic link in the working tree (it comes
// with the branch under review) that leads outside the repository is not
// read: its parse errors would print what it names (a token) into the log.
func TestDiffGitLinkOutside(t *testing.T) {
	dir, git := gitRepoForTest(t)
	writeFile(t, dir, "a.yaml", mapA1)
	git("add", ".")
	git("commit", "-q", "-m", "first")
	secret := filepath.Join(t.TempDir(), "credentials")
	if err := os.WriteFile(secret, []byte("https://user:TOKEN123@example.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "leak.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.yaml", filepath.Join(dir, "inside.yaml")); err != nil {
		t.Fatal(err)
	}
	git("add", ".")
	t.Chdir(dir)
	code, out, errOut := run(t, "", "diff", "--git", "HEAD")
	if strings.Contains(out+errOut, "TOKEN123") {
		t.Errorf("the linked file's text was printed: %q %q", out, errOut)
	}
	if code != 2 || !strings.Contains(errOut, "leak.yaml is a symbolic link that leads outside the repository") {
		t.Errorf("exit %d, err %q", code, errOut)
	}
	os.Remove(filepath.Join(dir, "leak.yaml"))
	git("add", "-A")
	if code, out, errOut := run(t, "", "diff", "--git", "HEAD"); code != 1 || !strings.Contains(out, "inside.yaml") {
		t.Errorf("a link inside the repository: exit %d, out %q, err %q", code, out, errOut)
	}
}
