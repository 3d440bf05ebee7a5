package diff

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// GitHubLimit is the largest body GitHub accepts for a pull-request
// comment, in characters. Markdown keeps under it counting bytes, which
// are never fewer than characters.
const GitHubLimit = 65536

// Limits of one Markdown table cell, so that no line of a comment grows
// without bound (a cycle's texts may run to thousands of characters):
// a line of a cell is cut at MaxCellRunes runes, and a cell shows at
// most MaxCellLines lines. A row is then at most a few thousand bytes.
const (
	MaxCellRunes = 160
	MaxCellLines = 6
)

// MDOptions control the Markdown writer.
type MDOptions struct {
	Lang string // "en" or "es"
	// Since is the revision compared with (ciclo diff --git), named in
	// the summary line: "Changes since `origin/main`".
	Since string
	// Limit is the most bytes the body may take; 0 is GitHubLimit. Rows
	// that do not fit are left out and counted in a closing note.
	Limit int
}

// Markdown writes the files' diffs for a pull-request comment: a summary
// line, then per file (a heading when there are several or a Path is
// set) its own summary and one table per kind of change. Text from the
// cycle files is escaped so it cannot open links, HTML or formatting,
// cells are cut to MaxCellRunes and MaxCellLines, and when the body would
// pass the limit the last rows are left out and a note says how many.
func Markdown(files []File, opts MDOptions) []byte {
	l := lang(opts.Lang)
	limit := opts.Limit
	if limit <= 0 {
		limit = GitHubLimit
	}
	var b strings.Builder
	heading := mdEscape(word(l, "title"))
	if opts.Since != "" {
		heading = fmt.Sprintf(mdEscape(word(l, "since")), mdCode(opts.Since))
	}
	fmt.Fprintf(&b, "**%s:** %s\n", heading, mdSummary(files, l))

	// The rows that will not fit are counted; the note about them needs
	// room, kept aside from the start.
	note := fmt.Sprintf("\n> "+word(l, "truncated")+"\n", 99999999)
	budget := limit - len(note)
	left := 0
	several := len(files) > 1 || (len(files) == 1 && files[0].Path != "")
	for _, f := range files {
		if several && f.unchanged() {
			continue
		}
		ts := f.Diff.tables(l)
		if left > 0 {
			left += rowsOf(ts)
			continue
		}
		if several {
			head := fmt.Sprintf("\n### %s\n\n%s\n", mdCode(f.Path), mdFileLine(f, l))
			if b.Len()+len(head) > budget {
				left += rowsOf(ts)
				continue
			}
			b.WriteString(head)
		}
		for _, t := range ts {
			if left > 0 {
				left += len(t.rows)
				continue
			}
			head := "\n#### " + mdEscape(t.title) + "\n\n" + mdRow(t.cols) + mdRule(t) // header and rule
			for i, r := range t.rows {
				row := mdCells(r)
				if b.Len()+len(head)+len(row) > budget {
					left += len(t.rows) - i
					break
				}
				b.WriteString(head)
				head = ""
				b.WriteString(row)
			}
		}
	}
	if left > 0 {
		fmt.Fprintf(&b, "\n> "+word(l, "truncated")+"\n", left)
	}
	return []byte(b.String())
}

func rowsOf(ts []*table) int {
	n := 0
	for _, t := range ts {
		n += len(t.rows)
	}
	return n
}

// mdSummary is the summary line: one file's counts, or how many files
// changed.
func mdSummary(files []File, l string) string {
	if len(files) == 1 && files[0].Path == "" {
		return files[0].Diff.Summary(l)
	}
	changed, added, deleted := 0, 0, 0
	for _, f := range files {
		switch {
		case f.Status == FileAdded:
			added++
		case f.Status == FileDeleted:
			deleted++
		}
		if !f.unchanged() {
			changed++
		}
	}
	return fmt.Sprintf(word(l, "files_summary"), changed, len(files), added, deleted) + "."
}

// mdFileLine is a file's own line: its title, its status and summary.
func mdFileLine(f File, l string) string {
	var parts []string
	if f.Title != "" {
		parts = append(parts, "_"+mdEscape(f.Title)+"_")
	}
	switch f.Status {
	case FileAdded:
		parts = append(parts, "**"+word(l, "file_added")+"**")
	case FileDeleted:
		parts = append(parts, "**"+word(l, "file_deleted")+"**")
	}
	parts = append(parts, f.Diff.Summary(l))
	return strings.Join(parts, " · ")
}

func mdRow(cells []string) string {
	var b strings.Builder
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + mdEscape(c) + " |")
	}
	b.WriteString("\n")
	return b.String()
}

func mdRule(t *table) string {
	var b strings.Builder
	b.WriteString("|")
	for i := range t.cols {
		if t.num[i] {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	return b.String()
}

// mdCells writes a row; the lines of a cell are joined with <br>.
func mdCells(row [][]string) string {
	var b strings.Builder
	b.WriteString("|")
	for _, c := range row {
		lines := c
		more := 0
		if len(lines) > MaxCellLines {
			more = len(lines) - (MaxCellLines - 1)
			lines = lines[:MaxCellLines-1]
		}
		var parts []string
		for _, s := range lines {
			parts = append(parts, mdEscape(cut(s)))
		}
		if more > 0 {
			parts = append(parts, fmt.Sprintf("(+%d)", more))
		}
		b.WriteString(" " + strings.Join(parts, "<br>") + " |")
	}
	b.WriteString("\n")
	return b.String()
}

// cut shortens s to MaxCellRunes runes, ending in an ellipsis.
func cut(s string) string {
	if utf8.RuneCountInString(s) <= MaxCellRunes {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:MaxCellRunes-1])) + "…"
}

// mdEscaper makes text from a cycle file inert in GitHub Markdown: no
// HTML, links, emphasis, code, math or table breaks; line breaks become
// spaces.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `&lt;`, `>`, `&gt;`, `|`, `\|`, `~`, `\~`, `&`, `&amp;`, `$`, `\$`,
	"\r\n", " ", "\n", " ", "\r", " ", "\t", " ",
)

// mdReference matches what GitHub would turn into an issue link (#12) or
// a mention (@team): a word joiner (U+2060, invisible) is put after the
// sign, so a moment named "Call @support #2" pings and links no one.
var mdReference = regexp.MustCompile(`([#@])([0-9A-Za-z])`)

// mdAutolink matches the start of what GitHub links without brackets
// (http://x, https://x, ftp://x, www.x): a word joiner after the scheme
// or "www" leaves the text as written but not a link. ($ is escaped
// above: it would start a math formula.)
var mdAutolink = regexp.MustCompile(`(?i)\b(https?|ftp|www)([:.])`)

func mdEscape(s string) string {
	s = mdReference.ReplaceAllString(mdEscaper.Replace(s), "$1\u2060$2")
	return mdAutolink.ReplaceAllString(s, "$1\u2060$2")
}

// mdCode writes a path as inline code, with a fence longer than any run
// of backquotes in it.
func mdCode(s string) string {
	s = strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return fence + pad + s + pad + fence
}
