package diff

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ciclo-dev/ciclo/internal/msg"
)

// FileStatus tells how a cycle file differs between two versions of a
// tree of files.
type FileStatus string

// The statuses of a compared file.
const (
	FileChanged FileStatus = "changed" // in both versions (maybe unchanged)
	FileAdded   FileStatus = "added"   // only in the new version
	FileDeleted FileStatus = "deleted" // only in the old version
)

// File is one compared cycle file, as the Markdown and HTML writers take
// them: a single comparison is one File with an empty Path.
type File struct {
	Path   string // as the user names it; "" for a single comparison
	Title  string // the cycle's title (new version, else old)
	Status FileStatus
	Diff   *Diff
	// Picture is an SVG document shown above the file's tables in HTML;
	// nil leaves it out.
	Picture []byte
}

// unchanged reports whether a file is in both versions and the same.
func (f File) unchanged() bool { return f.Status == FileChanged && f.Diff.Empty() }

// FileHeader is the line that opens a file's text in a diff of several
// files: "== PATH", and "(new file)" or "(deleted file)", in l.
func FileHeader(path string, status FileStatus, l string) string {
	switch status {
	case FileAdded:
		return "== " + path + " (" + word(l, "file_added") + ")\n"
	case FileDeleted:
		return "== " + path + " (" + word(l, "file_deleted") + ")\n"
	}
	return "== " + path + "\n"
}

// table is one section of the Markdown and HTML outputs: a heading,
// columns and rows, words already in the output's language. A cell may
// hold several lines. num marks the columns that hold numbers.
type table struct {
	title string
	cols  []string
	num   map[int]bool
	rows  [][][]string
	// marks says, per row, what the row reports, for styles: "added",
	// "removed", "up", "down", "critical", "calm" or "".
	marks []string
	last  string // the moment of the last row added with addFor
}

func (t *table) add(mark string, cells ...[]string) {
	t.rows = append(t.rows, cells)
	t.marks = append(t.marks, mark)
}

// addFor adds a row about moment id whose first three cells name the
// moment (number, id, name); in a run of rows about the same moment only
// the first names it, so a moment with seven changes reads as a group.
func (t *table) addFor(id, mark string, cells ...[]string) {
	if id == t.last {
		for i := range 3 {
			cells[i] = one("")
		}
	}
	t.last = id
	t.add(mark, cells...)
}

// cellValue writes a changed value for a table: text as it is (one
// line), lists joined, an improvement's status in words, unset as
// (unset); numbers and the rest as JSON literals.
func cellValue(field string, v any, l string) string {
	switch x := v.(type) {
	case nil:
		return word(l, "unset")
	case string:
		if field == "status" {
			return word(l, x)
		}
		return strings.Join(strings.Fields(x), " ")
	case []string:
		if len(x) == 0 {
			return "[]"
		}
		return strings.Join(x, "; ")
	}
	return value(v, l)
}

// one is a cell of one line.
func one(s string) []string { return []string{s} }

func num(n int) []string { return one(strconv.Itoa(n)) }

func newTable(l, title string, cols ...string) *table {
	t := &table{title: word(l, title), num: map[int]bool{}}
	for i, c := range cols {
		if c == "col_number" {
			t.num[i] = true
		}
		t.cols = append(t.cols, word(l, c))
	}
	return t
}

// arrow writes a score change with its direction in a symbol and a word,
// so that it reads without colour: 4 → 2 ▼ down.
func arrow(c Change, l string) string {
	s := value(c.Old, l) + " → " + value(c.New, l)
	switch dir := direction(c); dir {
	case "up":
		s += " ▲ " + word(l, dir)
	case "down":
		s += " ▼ " + word(l, dir)
	}
	return s
}

func yesNo(b bool, l string) string {
	if b {
		return word(l, "yes")
	}
	return word(l, "no")
}

func orNone(s, l string) string {
	if s == "" {
		return word(l, "none")
	}
	return s
}

// whyLines lists the reasons of one version, one per line.
func whyLines(f Flip, before bool, l string) []string {
	rs, marked := f.After, f.NewMarkedNot
	if before {
		rs, marked = f.Before, f.OldMarkedNot
	}
	if len(rs) == 0 {
		return one(reasons(nil, marked, l))
	}
	return reasonTexts(rs, l)
}

// ownerOf writes a handoff end for a table: 2 · b · Name (Owner). Tables
// do not write #2, which GitHub would link to issue 2.
func ownerOf(r Ref, owner string) string {
	return fmt.Sprintf("%d · %s · %s (%s)", r.Number, r.ID, r.Name, owner)
}

// placeCell is place for a table, whose column says "after": the
// moment (3 · c), or first.
func placeCell(r Ref, l string) string {
	if r.ID == "" {
		return word(l, "first")
	}
	return fmt.Sprintf("%d · %s", r.Number, r.ID)
}

// tables lays out a diff as sections, in the order of Text except the
// cycle's other keys, which come last; sections without rows are left
// out.
func (d *Diff) tables(l string) []*table {
	var out []*table
	keep := func(t *table) {
		if len(t.rows) > 0 {
			out = append(out, t)
		}
	}
	// First, since they change how every other row reads.
	t := newTable(l, "sec_settings", "col_setting", "col_old", "col_new", "col_effect")
	for _, c := range d.Settings {
		t.add("", one(c.Field), one(cellValue(c.Field, c.Old, l)), one(cellValue(c.Field, c.New, l)), one(word(l, "eff_"+c.Field)))
	}
	keep(t)
	t = newTable(l, "sec_added", "col_number", "col_id", "col_moment", "col_owner", "col_critical")
	for _, m := range d.AddedMoments {
		t.add("added", num(m.Number), one(m.ID), one(m.Name), one(orNone(m.Owner, l)), one(yesNo(m.Critical, l)))
	}
	keep(t)
	t = newTable(l, "sec_removed", "col_number", "col_id", "col_moment", "col_critical", "col_improvements")
	for _, m := range d.RemovedMoments {
		var ims []string
		for _, im := range m.Improvements {
			ims = append(ims, planLine(im, l))
		}
		if len(ims) == 0 {
			ims = one(word(l, "none"))
		}
		t.add("removed", num(m.Number), one(m.ID), one(m.Name), one(yesNo(m.Critical, l)), ims)
	}
	keep(t)
	t = newTable(l, "sec_moved", "col_id", "col_moment", "col_position", "col_was_after", "col_now_after")
	for _, m := range d.Moved {
		t.add("", one(m.ID), one(d.Ref(m.ID).Name), one(fmt.Sprintf("%d → %d", m.OldNumber, m.NewNumber)),
			one(placeCell(m.OldAfter, l)), one(placeCell(m.NewAfter, l)))
	}
	keep(t)
	scores := newTable(l, "sec_scores", "col_number", "col_id", "col_moment", "col_score", "col_change")
	fields := newTable(l, "sec_fields", "col_number", "col_id", "col_moment", "col_field", "col_old", "col_new")
	for _, c := range d.Changed {
		r := d.Ref(c.ID)
		if c.IsScore() {
			scores.addFor(c.ID, direction(c), num(r.Number), one(r.ID), one(r.Name), one(c.Field), one(arrow(c, l)))
			continue
		}
		fields.addFor(c.ID, "", num(r.Number), one(r.ID), one(r.Name), one(c.Field), one(cellValue(c.Field, c.Old, l)), one(cellValue(c.Field, c.New, l)))
	}
	keep(scores)
	t = newTable(l, "sec_critical", "col_number", "col_id", "col_moment", "col_change", "col_before", "col_after")
	for _, f := range d.Flips {
		what, mark := word(l, "stopped"), "calm"
		if f.Critical {
			what, mark = word(l, "became"), "critical"
		}
		t.add(mark, num(f.Number), one(f.ID), one(f.Name), one(what), whyLines(f, true, l), whyLines(f, false, l))
	}
	keep(t)
	t = newTable(l, "sec_handoffs", "col_change", "col_from", "col_to", "col_channel")
	for _, h := range d.HandoffsAdded {
		t.add("added", one(word(l, "handoff_added")), one(ownerOf(h.From, h.FromOwner)), one(ownerOf(h.To, h.ToOwner)), one(orNone(h.Channel, l)))
	}
	for _, h := range d.HandoffsRemoved {
		t.add("removed", one(word(l, "handoff_removed")), one(ownerOf(h.From, h.FromOwner)), one(ownerOf(h.To, h.ToOwner)), one(orNone(h.Channel, l)))
	}
	keep(t)
	keep(fields)
	t = newTable(l, "sec_improvements", "col_number", "col_id", "col_action", "col_change", "col_old", "col_new")
	for _, im := range d.Improvements {
		r := d.Ref(im.Moment)
		what := word(l, "imp_"+string(im.Kind))
		old, new := word(l, "none"), word(l, "none")
		if im.Field != "" {
			what += " (" + im.Field + ")"
			old, new = cellValue(im.Field, im.Old, l), cellValue(im.Field, im.New, l)
		}
		mark := ""
		switch im.Kind {
		case ImprovementAdded:
			mark = "added"
		case ImprovementRemoved:
			mark = "removed"
		}
		t.add(mark, num(r.Number), one(r.ID), one(im.Action), one(what), one(old), one(new))
		if len(t.rows) > 1 && t.last == im.Moment {
			t.rows[len(t.rows)-1][0], t.rows[len(t.rows)-1][1] = one(""), one("")
		}
		t.last = im.Moment
	}
	keep(t)
	t = newTable(l, "sec_cycle", "col_setting", "col_old", "col_new")
	for _, c := range d.Cycle {
		if IsSetting(c.Field) {
			continue
		}
		t.add("", one(c.Field), one(cellValue(c.Field, c.Old, l)), one(cellValue(c.Field, c.New, l)))
	}
	keep(t)
	return out
}

// plural fills in the word key, or key_1 where the language takes the
// singular for n (msg.Plural), with n and args.
func plural(l, key string, n int, args ...any) string {
	return fmt.Sprintf(msg.Plural(l, n, word(l, key+"_1"), word(l, key)), append([]any{n}, args...)...)
}

// Summary is one line that counts the changes, in the language l: "No
// changes." or "2 moments added, 1 moment removed, ...".
func (d *Diff) Summary(l string) string {
	if d.Empty() {
		return word(l, "summary_none")
	}
	var parts []string
	count := func(key string, n int) {
		if n > 0 {
			parts = append(parts, plural(l, key, n))
		}
	}
	count("n_settings", len(d.Settings))
	count("n_added", len(d.AddedMoments))
	count("n_removed", len(d.RemovedMoments))
	count("n_moved", len(d.Moved))
	var scores, up, down, fields int
	for _, c := range d.Changed {
		if !c.IsScore() {
			fields++
			continue
		}
		scores++
		switch c.Direction() {
		case 1:
			up++
		case -1:
			down++
		}
	}
	if scores > 0 {
		parts = append(parts, plural(l, "n_scores", scores, up, down))
	}
	count("n_became", len(d.BecameCritical))
	count("n_no_longer", len(d.NoLongerCritical))
	count("n_handoffs_added", len(d.HandoffsAdded))
	count("n_handoffs_removed", len(d.HandoffsRemoved))
	count("n_fields", fields)
	count("n_improvements", len(d.Improvements))
	count("n_cycle", len(d.Cycle)-len(d.Settings))
	return strings.Join(parts, ", ") + "."
}
