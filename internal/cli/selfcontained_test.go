package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// outsideSpec matches a citation of a contract document that is not in the
// repository.
var outsideSpec = regexp.MustCompile(`\bSPEC\b`)

// TestDocsCiteTheProject: code, docs and examples explain themselves and
// cite the project's own docs, never a specification kept elsewhere.
func TestDocsCiteTheProject(t *testing.T) {
	root := filepath.Join("..", "..")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		switch filepath.Ext(path) {
		case ".go", ".md", ".yaml", ".tmpl", ".gohtml":
		default:
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		for i, line := range strings.Split(string(data), "\n") {
			if outsideSpec.MatchString(line) && !strings.Contains(line, "outsideSpec") && !strings.Contains(line, `\bSPEC\b`) {
				t.Errorf("%s:%d cites an outside specification: %s", path, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("read only %d files", n)
	}
}
