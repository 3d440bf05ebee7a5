package workshop

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/ciclo-dev/ciclo/internal/bidi"
	"os"
	"slices"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/yamledit"
)

// Plan is what writing the room's medians into the file would do.
type Plan struct {
	// Old is the file as it is on disk now; New is it with the room's
	// medians as the rated moments' scores and their ratings' count as
	// their sample, everything else kept byte for byte.
	Old, New []byte
	// Moments is how many moments get the room's scores.
	Moments int
	// ChangedOnDisk is set when the file on disk is neither the one the
	// workshop began with (or last wrote) nor New: someone edited it
	// meanwhile, and writing needs their consent.
	ChangedOnDisk bool
	// Sum identifies New, so a write confirms the plan that was shown.
	Sum string
}

// Empty reports whether writing would change nothing.
func (p Plan) Empty() bool { return bytes.Equal(p.Old, p.New) }

// Diff is the change as a unified diff of lines, every invisible
// bidirectional control in them written <U+XXXX> (bidi.Visible), so
// that no line displays in another order than the file holds it.
func (p Plan) Diff(name string) string { return bidi.Visible(unifiedDiff(name, p.Old, p.New)) }

// PlanApply reads the file and computes what writing the room's medians
// into it would give. The result is checked to read back as a valid cycle.
func (s *Server) PlanApply() (Plan, error) {
	cur, err := os.ReadFile(s.opts.File)
	if err != nil {
		return Plan{}, fmt.Errorf("reading %s: %w", s.opts.File, err)
	}
	s.mu.Lock()
	stats := s.ss.stats()
	sum := s.ss.sum
	s.mu.Unlock()
	updates := map[string]yamledit.Update{}
	for _, st := range stats {
		if st.N == 0 {
			continue
		}
		updates[st.Moment.ID] = yamledit.Update{
			Importance:  yamledit.FormatNumber(st.Importance),
			Performance: yamledit.FormatNumber(st.Performance),
			Sample:      min(st.N, cycle.MaxSample),
		}
	}
	p := Plan{Old: cur, New: cur, Moments: len(updates)}
	if len(updates) > 0 {
		if p.New, err = yamledit.Apply(cur, updates); err != nil {
			return Plan{}, fmt.Errorf("writing the scores into %s: %w", s.opts.File, err)
		}
	}
	if _, err := cycle.Parse(s.opts.File, p.New); err != nil {
		return Plan{}, fmt.Errorf("%s with the room's scores would not be valid: %w", s.opts.File, err)
	}
	p.Sum = fileSum(p.New)
	p.ChangedOnDisk = fileSum(cur) != sum && !p.Empty()
	return p, nil
}

// ErrChangedOnDisk refuses a write over a file edited during the workshop
// without the user's consent.
var ErrChangedOnDisk = errors.New("the file changed on disk since the workshop began")

// Apply writes a plan through write (which must replace the file whole or
// not at all) and records it in the journal, so the next plan compares
// against what was written. force allows writing over a file changed on
// disk.
func (s *Server) Apply(p Plan, force bool, write func(path string, data []byte) error) error {
	if p.ChangedOnDisk && !force {
		return ErrChangedOnDisk
	}
	if p.Empty() {
		return nil
	}
	// The file must still be what the plan was made from.
	if cur, err := os.ReadFile(s.opts.File); err != nil || !bytes.Equal(cur, p.Old) {
		return fmt.Errorf("%s changed while the scores were being written; plan again", s.opts.File)
	}
	if err := write(s.opts.File, p.New); err != nil {
		return err
	}
	rec := record{Kind: "apply", Sum: p.Sum}
	if err := s.j.append(rec); err != nil {
		return fmt.Errorf("the scores are written, but recording it: %w", err)
	}
	s.mu.Lock()
	s.ss.apply(rec)
	s.bump(false)
	s.mu.Unlock()
	return nil
}

// unifiedDiff writes the lines that differ between a and b, with three
// lines of context, in the shape of "diff -u".
func unifiedDiff(name string, a, b []byte) string {
	x, y := splitLines(a), splitLines(b)
	ops := lineOps(x, y)
	// Where each op stands in the old and the new lines.
	aPos, bPos := make([]int, len(ops)+1), make([]int, len(ops)+1)
	for i, op := range ops {
		aPos[i+1], bPos[i+1] = aPos[i], bPos[i]
		if op.kind != '+' {
			aPos[i+1]++
		}
		if op.kind != '-' {
			bPos[i+1]++
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s (room's scores)\n", name, name)
	const ctx = 3
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: ctx lines before this change to ctx lines after the
		// last change that lies within 2*ctx of the previous one.
		start, last := max(0, i-ctx), i
		for j := i; j < len(ops) && j-last <= 2*ctx; j++ {
			if ops[j].kind != ' ' {
				last = j
			}
		}
		end := min(len(ops), last+ctx+1)
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@", aPos[start]+1, aPos[end]-aPos[start], bPos[start]+1, bPos[end]-bPos[start])
		if m := momentAt(x, aPos[i]); m != "" {
			out.WriteString(" " + m) // as git names the function a hunk is in
		}
		out.WriteByte('\n')
		for _, op := range ops[start:end] {
			out.WriteByte(op.kind)
			out.WriteString(op.line)
			out.WriteByte('\n')
		}
		i = end
	}
	return out.String()
}

// momentAt names the moment that line k of a cycle file belongs to, for
// a hunk's header: the value of the nearest "- id:" item's name: line
// (its id when it has none), or "" outside any moment.
func momentAt(lines []string, k int) string {
	k = min(k, len(lines)-1)
	for i := k; i >= 0; i-- {
		item, ok := strings.CutPrefix(strings.TrimSpace(lines[i]), "- ")
		id, isID := strings.CutPrefix(item, "id:")
		if !ok || !isID {
			continue
		}
		indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " ")) + 2
		for _, l := range lines[i+1 : k+1] {
			if len(l)-len(strings.TrimLeft(l, " ")) != indent {
				continue
			}
			if name, ok := strings.CutPrefix(strings.TrimSpace(l), "name:"); ok {
				return yamlScalar(name)
			}
		}
		return yamlScalar(id)
	}
	return ""
}

// yamlScalar is a plain one-line YAML value as read: without a trailing
// comment or surrounding quotes.
func yamlScalar(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.Index(v, " #"); i >= 0 && !strings.HasPrefix(v, `"`) && !strings.HasPrefix(v, "'") {
		v = strings.TrimSpace(v[:i])
	}
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = v[1 : len(v)-1]
	}
	return v
}

func splitLines(b []byte) []string {
	s := strings.TrimSuffix(string(b), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// diffOp is one line of an edit script: ' ' kept, '-' removed, '+' added.
type diffOp struct {
	kind byte
	line string
}

// lookahead is how far lineOps looks for a line that reappears.
const lookahead = 8

// lineOps computes an edit script from x to y, in one pass: yamledit
// replaces values in place and inserts lines, so a line that reappears
// within lookahead lines (followed by the line that follows it on the
// other side) marks an insertion or removal, any other difference a
// replacement. Cost linear in the lines.
func lineOps(x, y []string) []diffOp {
	var ops []diffOp
	// at reports whether lines[k:] starts with want and then next (or ends
	// where the other side ends): two lines anchor a match, since a cycle
	// file repeats single lines ("importance: 3") everywhere.
	at := func(lines []string, k int, want string, next []string, nk int) bool {
		if k >= len(lines) || lines[k] != want {
			return false
		}
		if nk >= len(next) {
			return k+1 >= len(lines)
		}
		return k+1 < len(lines) && lines[k+1] == next[nk]
	}
	find := func(lines []string, from int, want string, next []string, nk int) int {
		for k := from; k < min(len(lines), from+lookahead); k++ {
			if at(lines, k, want, next, nk) {
				return k
			}
		}
		return -1
	}
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		both := i < len(x) && j < len(y)
		switch {
		case both && x[i] == y[j]:
			ops = append(ops, diffOp{' ', x[i]})
			i++
			j++
		case both && i+1 < len(x) && j+1 < len(y) && x[i+1] == y[j+1]:
			ops = append(ops, diffOp{'-', x[i]}, diffOp{'+', y[j]})
			i++
			j++
		case both && find(y, j+1, x[i], x, i+1) >= 0:
			for k := find(y, j+1, x[i], x, i+1); j < k; j++ {
				ops = append(ops, diffOp{'+', y[j]})
			}
		case both && find(x, i+1, y[j], y, j+1) >= 0:
			for k := find(x, i+1, y[j], y, j+1); i < k; i++ {
				ops = append(ops, diffOp{'-', x[i]})
			}
		case both:
			ops = append(ops, diffOp{'-', x[i]}, diffOp{'+', y[j]})
			i++
			j++
		case i < len(x):
			ops = append(ops, diffOp{'-', x[i]})
			i++
		default:
			ops = append(ops, diffOp{'+', y[j]})
			j++
		}
	}
	// Within each run of changes, removals first, as diff -u shows them.
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		j := i
		for j < len(ops) && ops[j].kind != ' ' {
			j++
		}
		slices.SortStableFunc(ops[i:j], func(a, b diffOp) int { return int(b.kind) - int(a.kind) })
		i = j
	}
	return ops
}
