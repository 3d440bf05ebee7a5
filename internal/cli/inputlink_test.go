package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFolderLinkOutside: a link inside a folder argument that leads out
// of the folder is skipped with a warning naming it, so a planted
// x.yaml -> ~/.git-credentials cannot get its content printed in a parse
// error; a link that stays inside is read, and a link named on the
// command line is read wherever it leads.
func TestFolderLinkOutside(t *testing.T) {
	base := t.TempDir()
	secret := writeFile(t, base, "credentials", "https://user:TOKEN123@example.com\n")
	dir := filepath.Join(base, "maps")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "a.yaml", goodCycle)
	leak := filepath.Join(dir, "x.yaml")
	if err := os.Symlink(secret, leak); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("a.yaml", filepath.Join(dir, "inside.yaml")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"lint", dir},
		{"render", dir, "-o", filepath.Join(base, "out")},
	} {
		code, out, stderr := run(t, "", args...)
		if strings.Contains(out+stderr, "TOKEN123") {
			t.Errorf("%v: the linked file's content leaked: %s%s", args, out, stderr)
		}
		if !strings.Contains(stderr, leak) || !strings.Contains(stderr, "outside") {
			t.Errorf("%v: no warning naming %s: %q", args, leak, stderr)
		}
		if code == ExitMisuse || args[0] == "render" && code != ExitOK {
			t.Errorf("%v: exit %d (the link skipped, the rest read): %s", args, code, stderr)
		}
		if args[0] == "lint" && !strings.Contains(stderr, "in 2 files") {
			t.Errorf("lint: want a.yaml and inside.yaml read: %s", stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(base, "out", "inside.svg")); err != nil {
		t.Errorf("the link inside the folder was not drawn: %v", err)
	}
	if _, err := os.Stat(filepath.Join(base, "out", "x.svg")); err == nil {
		t.Errorf("the link outside the folder was drawn")
	}
	// named on the command line, the link is read: the parse error shows
	// it is (the user chose that file)
	code, _, stderr := run(t, "", "lint", leak)
	if code != ExitProblem || strings.Contains(stderr, "skipped") {
		t.Errorf("lint %s: exit %d, stderr %q", leak, code, stderr)
	}
}
