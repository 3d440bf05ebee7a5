package cli

import (
	"strings"
	"testing"
)

// TestCompletionOffersEveryValue: shell completion lists the values of
// every flag that takes one of a fixed set.
func TestCompletionOffersEveryValue(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"render", "--theme", ""}, []string{"default", "print", "contrast"}},
		{[]string{"render", "--format", ""}, []string{"svg", "png", "pdf", "dot"}},
		{[]string{"render", "--view", ""}, []string{"cycle"}},
		{[]string{"render", "--lang", ""}, []string{"en", "es"}},
		{[]string{"lint", "--format", ""}, []string{"text", "json", "sarif"}},
		{[]string{"lint", "--lang", ""}, []string{"en", "es"}},
		{[]string{"report", "--format", ""}, []string{"json", "md", "html"}},
		{[]string{"report", "--lang", ""}, []string{"en", "es"}},
		{[]string{"diff", "--format", ""}, []string{"text", "json"}},
		{[]string{"init", "--lang", ""}, []string{"en", "es"}},
		{[]string{"watch", "--theme", ""}, []string{"default"}},
	} {
		code, out, errOut := run(t, "", append([]string{"__complete"}, tc.args...)...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, errOut)
			continue
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		for _, w := range tc.want {
			found := false
			for _, l := range lines {
				if l == w {
					found = true
				}
			}
			if !found {
				t.Errorf("ciclo %s<TAB> offers %q, not %q", strings.Join(tc.args, " "), lines, w)
			}
		}
		if last := lines[len(lines)-1]; last != ":4" {
			t.Errorf("%v: directive %s, want :4 (no file completion)", tc.args, last)
		}
	}
}
