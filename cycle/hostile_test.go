package cycle

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// maxAlloc is the most memory Parse may allocate on any hostile input.
const maxAlloc = 200 << 20

// parseMeasured parses src and returns the problems and the bytes
// allocated meanwhile. A panic fails the test with the input named.
func parseMeasured(t *testing.T, src []byte) (ErrorList, uint64) {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var (
		c   *Cycle
		err error
	)
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("Parse panicked: %v", r)
			}
		}()
		c, err = Parse("hostile.yaml", src)
	}()
	runtime.ReadMemStats(&after)
	if err == nil {
		if c == nil {
			t.Fatal("Parse returned neither a cycle nor an error")
		}
		return nil, after.TotalAlloc - before.TotalAlloc
	}
	list, ok := err.(ErrorList)
	if !ok {
		t.Fatalf("Parse error is %T, not an ErrorList", err)
	}
	return list, after.TotalAlloc - before.TotalAlloc
}

// laughs returns billion-laughs anchors: level 0 is a list of ten x, each
// next level a list of ten aliases of the one before, so level 9 stands
// for 10^10 scalars in 10 short lines.
func laughs(prefix string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s0: &%s0 [x, x, x, x, x, x, x, x, x, x]\n", prefix, prefix)
	for i := 1; i <= 9; i++ {
		a := fmt.Sprintf("*%s%d", prefix, i-1)
		fmt.Fprintf(&b, "%s%d: &%s%d [%s]\n", prefix, i, prefix, i, strings.Repeat(a+", ", 9)+a)
	}
	return b.String()
}

// nestedMerges returns n anchors each merging the one before.
func nestedMerges(n int) string {
	var b strings.Builder
	b.WriteString("m0: &m0 {owner: X}\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "m%d: &m%d {<<: *m%d}\n", i, i, i-1)
	}
	return b.String()
}

// richMoment is a moment with every field filled in, about as large as
// the moments of the example cycles.
func richMoment(i int) string {
	return fmt.Sprintf(`  - id: m%d
    name: Moment number %d, where the customer meets us
    description: What happens here, told in a sentence or two, with commas, like this.
    stage: during
    channel: in person
    owner: Front desk
    expectation: Be attended quickly, kindly and by someone who knows
    standard: Greet within 2 minutes, solve in one contact
    importance: 5
    performance: 2
    url: https://example.org/evidence/%d
    dimensions:
      responsiveness: 2
      courtesy: {expected: 5, perceived: 3}
      reliability: {expected: 5, perceived: 2}
    pains:
      - Waits, without knowing for how long
      - Has to repeat the story twice
    improvements:
      - action: Give every customer a time, and keep it
        owner: Store manager
        due: 2027-01-31
        pillar: processes
        status: planned
`, i, i, i)
}

func TestHostileInput(t *testing.T) {
	bomb := laughs("a")
	tests := []struct {
		name string
		src  string
		want problem // the first problem
	}{
		{"larger than 8 MiB", "title: " + strings.Repeat("x", MaxFileSize) + "\n",
			problem{1, 1, "file is 8388616 bytes; the limit is 8388608 bytes (8 MiB)"}},
		{"5001 moments", func() string {
			var b strings.Builder
			b.WriteString("title: x\nmoments:\n")
			for i := 0; i <= MaxMoments; i++ {
				fmt.Fprintf(&b, "  - {id: m%d, name: M}\n", i)
			}
			return b.String()
		}(), problem{5003, 5, "too many moments: 5001; the limit is 5000"}},
		{"4 million values", "title: x\nmoments: [a" + strings.Repeat(",a", 4_000_000) + "]\n",
			// Line 1 counts 2 (": " and the line), "moments: [" 2 more,
			// then comma k, at column 10+2k, makes 4+k: the 500,001st
			// is comma 499,997 at column 1,000,004.
			problem{2, 1000004, "file holds too many values (more than 500000"}},
		{"just under the value limit", "title: x\nmoments: [a" + strings.Repeat(",a", 499_990) + "]\n",
			// The YAML library builds every node; this is the most memory
			// a file the prescan lets through can cost (about 120 MB).
			// Item 5,000 (0-based), the first too many, is at column
			// 11 + 2*5000.
			problem{2, 10011, "too many moments: 499991; the limit is 5000"}},
		{"half a million lines", "title: x\nmoments:\n" + strings.Repeat("- a\n", 300_000),
			// Each "- a" line counts twice: the dash and the line.
			problem{250001, 1, "file holds too many values"}},
		{"alias bomb as moments", bomb + "title: x\nmoments: *a9\n",
			problem{1, 1, `unknown key "a0" in the cycle`}},
		{"alias bomb in pains and next", bomb + "title: x\nmoments:\n  - id: a\n    name: b\n    pains: *a9\n    next: *a9\n    improvements: *a9\n",
			problem{1, 1, `unknown key "a0" in the cycle`}},
		{"alias bomb merged", bomb + "title: x\nmoments:\n  - id: a\n    name: b\n    <<: *a9\n",
			problem{1, 1, `unknown key "a0" in the cycle`}},
		{"invalid UTF-8", "title: caf\xe9\nmoments: []\n",
			problem{1, 11, "file is not valid UTF-8: byte 0xe9"}},
		{"invalid UTF-8 after multibyte text", "title: x\nmoments:\n  - name: añó \xff\n",
			problem{3, 15, "file is not valid UTF-8: byte 0xff"}},
		{"UTF-16", "\xff\xfet\x00i\x00",
			problem{1, 1, "file is not valid UTF-8: byte 0xff"}},
		{"NUL byte", "title: a\x00b\nmoments: []\n",
			problem{1, 9, "file contains the control character U+0000, which YAML does not allow"}},
		{"escape character", "title: x\nmoments:\n  - id: a\x1b[31m\n",
			problem{3, 10, "control character U+001B"}},
		{"non-mapping document", "- title: x\n- moments: []\n",
			problem{1, 1, "a cycle file must be a mapping with a title and moments, found a list"}},
		{"10,000 nested flow lists", "title: x\nmoments: " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n",
			problem{2, 11, "moment 1 must be a mapping, found a list"}},
		{"10,001 nested flow lists", "title: x\nmoments: " + strings.Repeat("[", 10_001) + strings.Repeat("]", 10_001) + "\n",
			problem{2, 1, "invalid YAML: exceeded max depth of 10000"}},
		{"10,001 nested flow mappings", "title: x\nmoments: " + strings.Repeat("{a: ", 10_001) + "1" + strings.Repeat("}", 10_001) + "\n",
			problem{2, 1, "invalid YAML: exceeded max depth of 10000"}},
		{"20,000 nested block lists", "title: x\nmoments:\n" + strings.Repeat("- ", 20_000) + "a\n",
			// The library names the line where the last simple key could
			// start, line 2; the mistake is on line 3.
			problem{3, 1, "invalid YAML: exceeded max depth of 10000"}},
		{"merge keys 200 deep", nestedMerges(200) + "title: x\nmoments:\n  - id: a\n    name: b\n    <<: *m199\n",
			problem{1, 1, `unknown key "m0" in the cycle`}},
		{"1 MB key", "title: x\nmoments: [{id: a, name: b}]\n" + strings.Repeat("k", 1<<20) + ": 1\n",
			// YAML limits implicit keys to 1024 characters.
			problem{3, 1, "invalid YAML: could not find expected ':'"}},
		{"1 MB url", "title: x\nmoments: [{id: a, name: b, url: " + strings.Repeat("u", 1<<20) + "}]\n",
			problem{2, 33, `url is 1048576 characters long; the limit is 2000`}},
		{"1 MB id", "title: x\nmoments: [{id: " + strings.Repeat("A", 1<<20) + ", name: b}]\n",
			problem{2, 16, `moment 1 id is 1048576 characters long; the limit is 2000`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			got, alloc := parseMeasured(t, src)
			if len(got) == 0 {
				t.Fatal("Parse accepted hostile input")
			}
			e := got[0]
			if e.Pos.Line != tt.want.line || e.Pos.Column != tt.want.col || !strings.Contains(e.Msg, tt.want.msg) {
				t.Errorf("first problem = %d:%d: %s\nwant %v", e.Pos.Line, e.Pos.Column, e.Msg, tt.want)
			}
			checkBounded(t, got, alloc)
		})
	}
}

// checkBounded asserts that problems are positioned and short and that
// the memory used stays under maxAlloc.
func checkBounded(t *testing.T, got ErrorList, alloc uint64) {
	t.Helper()
	if len(got) > maxErrors+1 {
		t.Errorf("%d problems; the limit is %d and a note", len(got), maxErrors)
	}
	for _, e := range got {
		if e.Pos.Line < 1 || e.Pos.Column < 1 {
			t.Errorf("problem without a position: %v", e)
		}
		if len(e.Msg) > 1000 {
			t.Errorf("problem message of %d bytes", len(e.Msg))
		}
	}
	t.Logf("%d problems, %d MB allocated", len(got), alloc>>20)
	if alloc > maxAlloc {
		t.Errorf("Parse allocated %d MB; the bound is %d MB", alloc>>20, maxAlloc>>20)
	}
}

// TestHostileMerges checks the specific problems of merge-key attacks.
func TestHostileMerges(t *testing.T) {
	src := nestedMerges(200) + "title: x\nmoments:\n  - id: a\n    name: b\n    <<: *m199\n"
	got, alloc := parseMeasured(t, []byte(src))
	checkBounded(t, got, alloc)
	found := false
	for _, e := range got {
		if strings.Contains(e.Msg, "merge keys (<<) in moment 1 nest more than 20 deep") {
			found = true
		}
	}
	if !found {
		t.Errorf("no problem about nested merges in:\n%v", got)
	}

	// Lists of lists of merges expand like an alias bomb.
	src = laughs("b") + "title: x\nmoments:\n  - id: a\n    name: b\n    <<: *b9\n"
	got, alloc = parseMeasured(t, []byte(src))
	checkBounded(t, got, alloc)
	// Every x of the 10^10 is a merge of a scalar, at one of ten
	// positions, each reported once; the walk stops at the node budget.
	budget, scalars := false, 0
	for _, e := range got {
		budget = budget || strings.Contains(e.Msg, "document too large after expanding aliases (more than 1000000 nodes)")
		if strings.Contains(e.Msg, `a merge key (<<) in moment 1 must name a mapping or a list of mappings, found "x"`) {
			scalars++
		}
	}
	if !budget || scalars != 10 {
		t.Errorf("merge bomb: budget reached %v, %d distinct scalar merges (want 10):\n%v", budget, scalars, got)
	}
}

// TestLargeValidInput checks that the limits leave room for real cycles:
// 5,000 moments with every field filled in, and a 1 MB single-line text,
// parse in bounded memory.
func TestLargeValidInput(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: A very large cycle\nmoments:\n")
	for i := 0; i < MaxMoments; i++ {
		b.WriteString(richMoment(i))
	}
	src := []byte(b.String())
	if len(src) > MaxFileSize {
		t.Fatalf("test input is %d bytes, over the size limit", len(src))
	}
	got, alloc := parseMeasured(t, src)
	if len(got) > 0 {
		t.Fatalf("5,000 rich moments (%d bytes) rejected: %v", len(src), got[0])
	}
	if alloc > maxAlloc {
		t.Errorf("5,000 moments allocated %d MB; the bound is %d MB", alloc>>20, maxAlloc>>20)
	}

	long := strings.Repeat("é", MaxText) // the longest text allowed, in characters
	src = []byte("title: " + long + "\nmoments: [{id: a, name: b}]\n")
	if got, _ = parseMeasured(t, src); len(got) > 0 {
		t.Fatalf("a %d-character title rejected: %v", MaxText, got[0])
	}

	// Longer text is refused, once and cheaply: drawing a 1 MB word would
	// take minutes of line-breaking for a diagram nobody could read.
	long = strings.Repeat("Long text, ", 100_000) // 1.1 MB on one line
	src = []byte("title: " + long + "\nmoments: [{id: a, name: b}]\n")
	got, alloc = parseMeasured(t, src)
	if len(got) != 1 || got[0].Error() != "hostile.yaml:1:8: title is 1099999 characters long; the limit is 2000" {
		t.Fatalf("1 MB title: %v", got)
	}
	if alloc > maxAlloc {
		t.Errorf("1 MB title allocated %d MB", alloc>>20)
	}
}

func TestTooManyNext(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: T\nmoments:\n")
	for i := 0; i <= MaxNext+1; i++ {
		fmt.Fprintf(&b, "  - {id: m%d, name: M}\n", i)
	}
	b.WriteString("  - id: hub\n    name: Hub\n    next:\n")
	for i := 0; i <= MaxNext; i++ {
		fmt.Fprintf(&b, "      - m%d\n", i)
	}
	_, err := Parse("hub.yaml", []byte(b.String()))
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("got %v, want one error", err)
	}
	want := fmt.Sprintf("hub.yaml:%d:9: moment %d leads to %d moments; the limit is %d", 3+(MaxNext+2)+3+MaxNext, MaxNext+3, MaxNext+1, MaxNext)
	if list[0].Error() != want {
		t.Errorf("got  %s\nwant %s", list[0].Error(), want)
	}
}
