package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeExample keeps the README's file example true: it is a valid
// cycle that lints clean.
func TestReadmeExample(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "## The file, in brief")
	if !ok {
		t.Fatal("README has no section \"The file, in brief\"")
	}
	_, rest, ok = strings.Cut(rest, "```yaml\n")
	if !ok {
		t.Fatal("the section has no yaml block")
	}
	example, _, _ := strings.Cut(rest, "```")
	code, out, errOut := run(t, example, "lint", "--today", "2026-01-01", "-")
	if code != 0 || out != "" {
		t.Errorf("README example: exit %d\n%s%s", code, out, errOut)
	}
}
