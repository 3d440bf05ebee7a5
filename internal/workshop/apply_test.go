package workshop

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnifiedDiff(t *testing.T) {
	a := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	b := "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n"
	b = strings.Replace(b, "e\n", "e\ninserted\n", 1)
	got := unifiedDiff("f.yaml", []byte(a), []byte(b))
	want := `--- f.yaml
+++ f.yaml (room's scores)
@@ -1,8 +1,9 @@
 a
-b
+B
 c
 d
 e
+inserted
 f
 g
 h
@@ -11,3 +12,4 @@
 k
 l
 m
+n
`
	if got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}
	// Applying the script gives the new text back.
	ops := lineOps(splitLines([]byte(a)), splitLines([]byte(b)))
	var back []string
	for _, op := range ops {
		if op.kind != '-' {
			back = append(back, op.line)
		}
	}
	if strings.Join(back, "\n")+"\n" != b {
		t.Errorf("the script does not rebuild the new text")
	}
}

const applyFixture = `# Phone repair, scored by the team
title: Phone repair
moments:
  - id: arrive
    name: Arrives at the counter   # the first contact
    importance: 5
    performance: 4
  - id: diagnose
    name: Phone is diagnosed
  - id: pickup
    name: Picks up the phone
    importance: 2
`

func TestApplyWritesMediansKeepingTheRest(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cycle.yaml")
	os.WriteFile(file, []byte(applyFixture), 0o644)
	ts := start(t, filepath.Join(dir, "j.jsonl"), false, func(o *Options) {
		o.File = file
		o.Src = []byte(applyFixture)
		o.Cycle = parseFixture(t, applyFixture)
	})
	ts.facilitator(t).action(map[string]any{"action": "phase", "phase": "scoring"})
	for i, v := range [][2]int{{4, 1}, {5, 2}} {
		p := ts.joined(t, ts.base)
		p.post("/p/rate", rate("arrive-"+string(rune('a'+i))+"-rating", "arrive", v[0], v[1]))
		p.post("/p/rate", rate("diag-"+string(rune('a'+i))+"-rating", "diagnose", 3, 3))
	}
	plan, err := ts.s.PlanApply()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer(
		"    importance: 5\n    performance: 4\n", "    importance: 4.5\n    performance: 1.5\n    sample: 2\n",
		"    name: Phone is diagnosed\n", "    name: Phone is diagnosed\n    importance: 3\n    performance: 3\n    sample: 2\n",
	).Replace(applyFixture)
	if string(plan.New) != want || plan.ChangedOnDisk || plan.Moments != 2 {
		t.Fatalf("plan (changed on disk %v, %d moments):\n%s\nwant:\n%s", plan.ChangedOnDisk, plan.Moments, plan.New, want)
	}
	if d := plan.Diff("cycle.yaml"); !strings.Contains(d, "-    importance: 5\n-    performance: 4\n+    importance: 4.5\n+    performance: 1.5\n+    sample: 2\n") {
		t.Errorf("diff:\n%s", d)
	}
	// Someone edits the file meanwhile: the write needs consent.
	edited := strings.Replace(applyFixture, "# Phone repair", "# Phone repair (edited)", 1)
	os.WriteFile(file, []byte(edited), 0o644)
	plan2, err := ts.s.PlanApply()
	if err != nil {
		t.Fatal(err)
	}
	wrote := 0
	write := func(path string, data []byte) error { wrote++; return os.WriteFile(path, data, 0o644) }
	if !plan2.ChangedOnDisk || !errors.Is(ts.s.Apply(plan2, false, write), ErrChangedOnDisk) || wrote != 0 {
		t.Errorf("wrote over an edited file without consent (changed %v, writes %d)", plan2.ChangedOnDisk, wrote)
	}
	// The first plan is stale now: it is not written either.
	if err := ts.s.Apply(plan, true, write); err == nil || wrote != 0 {
		t.Errorf("a stale plan was written")
	}
	os.WriteFile(file, []byte(applyFixture), 0o644)
	if err := ts.s.Apply(plan, false, write); err != nil || wrote != 1 {
		t.Fatalf("apply: %v (%d writes)", err, wrote)
	}
	if got, _ := os.ReadFile(file); string(got) != want {
		t.Errorf("file:\n%s", got)
	}
	// The written file is the new baseline: planning again changes nothing
	// and does not see an edit.
	plan3, err := ts.s.PlanApply()
	if err != nil || !plan3.Empty() || plan3.ChangedOnDisk {
		t.Errorf("after applying: empty %v, changed %v, %v", plan3.Empty(), plan3.ChangedOnDisk, err)
	}
}

// Each hunk of the diff names the moment it changes, as git names the
// function: a facilitator reading fourteen hunks on the projector sees
// which moment each is about.
func TestDiffHunksNameTheirMoment(t *testing.T) {
	old := applyFixture
	changed := strings.Replace(old, "    importance: 5\n    performance: 4\n", "    importance: 4.5\n    performance: 1.5\n    sample: 2\n", 1)
	got := unifiedDiff("cycle.yaml", []byte(old), []byte(changed))
	if !strings.Contains(got, " @@ Arrives at the counter\n") {
		t.Errorf("the hunk does not name its moment:\n%s", got)
	}
	lines := splitLines([]byte(`moments:
  - id: a
    name: "Quoted: name"
    improvements:
      - action: x
        owner: y
  - id: b
    importance: 3
`))
	for k, want := range map[int]string{0: "", 2: "Quoted: name", 5: "Quoted: name", 7: "b"} {
		if got := momentAt(lines, k); got != want {
			t.Errorf("line %d belongs to %q, want %q", k+1, got, want)
		}
	}
}
