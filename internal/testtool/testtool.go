// Package testtool finds the external reference programs some tests compare
// against (rsvg-convert, pdftoppm, chromium). Under CI (the CI environment
// variable is set, as .ci/run sets it) a missing program fails the test;
// elsewhere the test is skipped with a message naming the Debian package,
// so `go test ./...` works on a machine that has only Go.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of program name, from Debian package pkg.
func Need(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is needed under CI: apt-get install -y %s (.ci/run installs it)", name, pkg)
	}
	t.Skipf("skipping: %s not installed (apt-get install -y %s); under CI this test runs", name, pkg)
	return ""
}
