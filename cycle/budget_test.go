package cycle

import (
	"fmt"
	"strings"
	"testing"
)

// aliasBomb is the 329 KB file: one anchored list of notes
// improvements with long actions, reused by every moment.
func aliasBomb(moments, notes, text int) string {
	var b strings.Builder
	b.WriteString("title: Bomb\nmoments:\n")
	for m := range moments {
		fmt.Fprintf(&b, "  - id: m%d\n    name: Moment %d\n", m, m)
		if m == 0 {
			b.WriteString("    improvements: &imps\n")
			for i := range notes {
				fmt.Fprintf(&b, "      - action: a%d %s\n", i, strings.Repeat("x", text-6))
			}
			continue
		}
		b.WriteString("    improvements: *imps\n")
	}
	return b.String()
}

func TestBudgetStopsExpansion(t *testing.T) {
	long := strings.Repeat("d", 19_990)
	var desc strings.Builder
	desc.WriteString("title: T\nmoments:\n  - id: m0\n    name: M\n    description: &d " + long + "\n")
	for m := 1; m < 500; m++ {
		fmt.Fprintf(&desc, "  - id: m%d\n    name: M\n    description: *d\n", m)
	}
	var names strings.Builder
	names.WriteString("title: T\nmoments:\n")
	for m := range 1500 {
		var next []string
		for k := 1; k <= 20; k++ {
			next = append(next, fmt.Sprintf("m%d", (m+k)%1500))
		}
		fmt.Fprintf(&names, "  - id: m%d\n    name: %s\n    next: [%s]\n", m, strings.Repeat("n", 2000), strings.Join(next, ", "))
	}
	var arrows strings.Builder
	arrows.WriteString("title: T\nmoments:\n")
	for m := range 2000 {
		var next []string
		for k := 1; k <= 8; k++ {
			next = append(next, fmt.Sprintf("m%d", (m+k)%2000))
		}
		fmt.Fprintf(&arrows, "  - id: m%d\n    name: M\n    next: [%s]\n", m, strings.Join(next, ", "))
	}
	for _, c := range []struct {
		name, src, want string
	}{
		// the fourth moment (line 162) crosses
		{"the issue's alias file", aliasBomb(1000, 150, 1900), "x.yaml:162:5: the diagram would draw more than 1000000 characters of text"},
		{"long names, many arrows", names.String(), ":5: the diagram would draw more than 1000000 characters of text"},
		{"many arrows", arrows.String(), ":5: the diagram would draw more than 16000 moments, arrows and improvement notes"},
		{"a long description reused", desc.String(), ":5: the cycle holds more than 8388608 characters of text once aliases are expanded"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("x.yaml", []byte(c.src))
			list, ok := err.(ErrorList)
			if !ok || len(list) != 1 || !strings.Contains(list[0].Error(), c.want) {
				t.Fatalf("got %v; want one problem containing %q", err, c.want)
			}
			if es := list[0].Text("es"); !strings.Contains(es, "alias") && !strings.Contains(es, "flechas") {
				t.Errorf("no Spanish: %s", es)
			}
		})
	}
}

// The limits leave room: exactly MaxDrawn elements and MaxDrawnText
// characters are accepted.
func TestBudgetAtTheLimits(t *testing.T) {
	// 4000 moments with one arrow each and 8000 improvements: 16000.
	var b strings.Builder
	b.WriteString("title: T\nmoments:\n")
	for m := range 4000 {
		fmt.Fprintf(&b, "  - id: m%d\n    name: M\n    improvements: [{action: a}, {action: b}]\n", m)
	}
	if _, err := Parse("x.yaml", []byte(b.String())); err != nil {
		t.Errorf("%d elements refused: %v", MaxDrawn, err)
	}
	// 500 moments of 2000 characters: name 2000 each, title 1.
	b.Reset()
	b.WriteString("title: T\nmoments:\n")
	for m := range 500 {
		name := strings.Repeat("n", 2000)
		if m == 0 {
			name = name[:1999]
		}
		fmt.Fprintf(&b, "  - id: m%d\n    name: %s\n", m, name)
	}
	if _, err := Parse("x.yaml", []byte(b.String())); err != nil {
		t.Errorf("%d characters refused: %v", MaxDrawnText, err)
	}
	b.WriteString("  - id: one-more\n    name: x\n")
	if _, err := Parse("x.yaml", []byte(b.String())); err == nil {
		t.Errorf("%d characters accepted", MaxDrawnText+1)
	}
}
