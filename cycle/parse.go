package cycle

import (
	"bytes"
	"errors"
	"io"
	"math"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxErrors bounds the problems collected from one file; hostile input
// could otherwise produce millions.
const maxErrors = 1000

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// ValidID reports whether s is a moment id as docs/format.md allows it:
// lowercase letters, digits, "_" and "-", starting with a letter or digit.
func ValidID(s string) bool { return idPattern.MatchString(s) }

var (
	topKeys         = []string{"version", "title", "customer", "organization", "language", "scale", "servqual", "quadrants", "state", "closed", "critical", "moments"}
	thresholdKeys   = []string{"importance", "performance", "gap"}
	momentKeys      = []string{"id", "name", "description", "stage", "channel", "owner", "expectation", "standard", "importance", "performance", "sample", "critical", "url", "dimensions", "pains", "evidence", "backstage", "support", "improvements", "next", "ignore"}
	improvementKeys = []string{"action", "owner", "due", "pillar", "status"}
	scoreKeys       = []string{"expected", "perceived"}
)

// errTooMany stops the walk once maxErrors or the node budget is reached.
var errTooMany = errors.New("too many problems")

// Parse reads a cycle file. file names the input in error messages. On
// failure the error is an ErrorList holding every problem found, sorted by
// position, and the cycle is nil. Each problem's Lang is the language the
// file declares, when it could be read, so that its Text can follow it.
func Parse(file string, src []byte) (*Cycle, error) {
	return ParseWith(file, src, ParseOptions{})
}

// ParseOptions tune Parse.
type ParseOptions struct {
	// NodeBudget bounds the YAML nodes visited, aliases expanded; 0 means
	// the default of a million. A file that needs more is refused with a
	// positioned problem. Tests lower it to exhaust the budget at every
	// point of a file.
	NodeBudget int
}

// ParseWith is Parse with options.
func ParseWith(file string, src []byte, opts ParseOptions) (*Cycle, error) {
	p := &parser{file: file, nodeBudget: opts.NodeBudget, cells: suggestCells}
	if p.nodeBudget <= 0 {
		p.nodeBudget = maxNodes
	}
	c := p.parse(src)
	clampPositions(p.errs, src)
	for _, e := range p.errs {
		e.Lang = p.lang
	}
	p.errs.Sort()
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

type parser struct {
	file       string
	errs       ErrorList
	seen       map[problemKey]bool // problems already reported
	nodes      int
	nodeBudget int // the most nodes resolve may visit
	full       bool
	mergeDepth int                     // depth of merge keys (<<) being expanded
	lang       string                  // the file's language, once read from a valid key (or its absence)
	servqual   int                     // the file's SERVQUAL model, 10 or 5
	lists      map[*yaml.Node]readList // improvement lists read, by node
	cells      int                     // the suggestions' budget left, see suggestCells
	items      int                     // the prescan's count of values
}

// maxMergeDepth bounds merge keys (<<) nested in the values they merge,
// directly or through aliases; each level is a Go call, so without a bound
// a chain of anchors would grow the stack with the file.
const maxMergeDepth = 20

// problemKey identifies a problem by its position and kind. An alias
// repeats the problems of the node it names, possibly a billion times:
// each is reported once, and checked before its message is formatted.
type problemKey struct {
	pos    Pos
	format string
}

// errorf records a problem at pos. format is in English and must be a
// string literal with an entry in every catalog (TestCatalogCoversEveryFormat
// reads the calls); args may be labels, translated with it.
func (p *parser) errorf(pos Pos, format string, args ...any) {
	if p.full {
		return
	}
	k := problemKey{pos, format}
	if p.seen[k] {
		return
	}
	if p.seen == nil {
		p.seen = map[problemKey]bool{}
	}
	p.seen[k] = true
	if len(p.errs) >= maxErrors {
		p.errs = append(p.errs, newError(p.file, pos, "too many problems; stopped after %d", maxErrors))
		p.full = true
		return
	}
	p.errs = append(p.errs, newError(p.file, pos, format, args...))
}

func posOf(n *yaml.Node) Pos { return Pos{Line: n.Line, Column: n.Column} }

func (p *parser) parse(src []byte) *Cycle {
	if len(src) > MaxFileSize {
		p.errorf(Pos{1, 1}, "file is %d bytes; the limit is %d bytes (8 MiB)", len(src), MaxFileSize)
		return nil
	}
	if !p.prescan(src) {
		return nil
	}
	r := bytes.NewReader(src)
	read := func() int { return int(r.Size()) - r.Len() }
	dec := yaml.NewDecoder(r)
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.errorf(Pos{1, 1}, "file is empty; a cycle needs a title and moments")
		} else {
			p.yamlError(src, err, read())
		}
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.errorf(posOf(&extra), "file holds more than one YAML document; a cycle file holds one")
	} else if !errors.Is(err, io.EOF) {
		p.yamlError(src, err, read())
	}
	if len(doc.Content) == 0 {
		p.errorf(Pos{1, 1}, "file is empty; a cycle needs a title and moments")
		return nil
	}
	c := p.cycle(doc.Content[0])
	if len(p.errs) == 0 {
		p.budget(c) // budget.go: limits after aliases
	}
	if len(p.errs) > 0 {
		return nil
	}
	return c
}

// yamlError turns a syntax error from the YAML library into positioned
// problems. read is how many bytes of src the library had read when it
// failed. Errors about anchors carry no line at all; they are placed at the
// first use of the alias in the source. The rest are syntax errors, placed
// by syntaxError.
func (p *parser) yamlError(src []byte, err error, read int) {
	if p.lang == "" {
		p.lang = sniffLanguage(src)
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line == "yaml: unmarshal errors:" {
			continue
		}
		msg := strings.TrimPrefix(line, "yaml: ")
		if m := yamlAnchor.FindStringSubmatch(msg); m != nil {
			p.errorf(aliasPos(src, m[1]+m[2]), "invalid YAML: %s", msg)
			continue
		}
		if n, msg, ok := splitYAMLError(line); ok {
			p.syntaxError(src, n, msg, read)
			continue
		}
		p.errorf(Pos{1, 1}, "invalid YAML: %s", msg)
	}
}

// topLanguage matches a top-level "language: es" line, quoted or not,
// with or without a comment.
var topLanguage = regexp.MustCompile(`(?m)^language:[ \t]*(?:"(` + langAlt + `)"|'(` + langAlt + `)'|(` + langAlt + `))[ \t]*(?:#.*)?\r?$`)

// langAlt matches the name of a language ciclo speaks.
var langAlt = strings.Join(Languages, "|")

// sniffLanguage finds the file's language when the YAML cannot be parsed,
// so that the syntax errors of a Spanish file are in Spanish too: the
// first top-level "language:" line, if it names a language ciclo speaks.
func sniffLanguage(src []byte) string {
	m := topLanguage.FindSubmatch(src)
	if m == nil {
		return ""
	}
	return string(m[1]) + string(m[2]) + string(m[3])
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// splitYAMLError splits one line of a YAML library error into the line it
// gives and the message. The library leaves the line out when it is the
// first: as it counts, 1 for a scanner error, 0 for a parser error.
func splitYAMLError(s string) (line int, msg string, ok bool) {
	m := yamlLine.FindStringSubmatch(s)
	if m == nil {
		return 0, "", false
	}
	if m[1] == "" {
		if contains(parserProblems, m[2]) {
			return 0, m[2], true
		}
		return 1, m[2], true
	}
	line, _ = strconv.Atoi(m[1])
	return line, m[2], true
}

// syntaxError reports the YAML library's syntax error msg, which it places
// on line libLine, with a hint for the common mistakes.
//
// The library's line is often not where the mistake is: for a parser
// error (as opposed to a scanner error) it is the 0-based line where the
// enclosing block starts, far above the culprit when a key deep in a list
// is misindented; and a quote left open on the first line is reported at
// the end of the stream. So the line is searched for (see findLine), and
// the library's is kept only when the search does not succeed.
func (p *parser) syntaxError(src []byte, libLine int, msg string, read int) {
	s := &search{src: src, msg: msg, libLine: libLine, items: p.items}
	line, ok := s.findLine(read)
	if !ok {
		line = libLine
		if contains(parserProblems, msg) {
			line++
		}
		// At the end of the stream the library counts one line more.
		line = max(1, min(line, lastLine(src)))
	}
	text := lineText(src, line)
	col := firstColumn(src, line)
	switch {
	case contains(tabProblems, msg) || (msg == "found character that cannot start any token" && tabColumn(text) > 0):
		if c := tabColumn(text); c > 0 {
			p.errorf(Pos{line, c}, "invalid YAML: %s; use spaces, not tabs, to indent", msg)
			return
		}
	case msg == "mapping values are not allowed in this context":
		c, key := s.colonColumn(line, text)
		if c == 0 {
			break
		}
		if !key {
			// The line continues the value above: a key indented too far,
			// or text that runs on, unquoted, from the line before.
			p.errorf(Pos{line, col}, "invalid YAML: %s; check the indentation (keys of one mapping, and items of one list, start in the same column) and that every quote and bracket above is closed", msg)
			return
		}
		if ex, ok := quotedExample(text); ok {
			p.errorf(Pos{line, c}, "invalid YAML: %s; quote text that contains \": \", e.g. %s", msg, raw(ex))
		} else {
			p.errorf(Pos{line, c}, "invalid YAML: %s; quote text that contains \": \", e.g. %s", msg, phrasef("name: \"Told: no receipt\""))
		}
		return
	case contains(quoteProblems, msg):
		if c := s.quoteColumn(line, text); c > 0 {
			p.errorf(Pos{line, c}, "invalid YAML: %s; close the quote", msg)
			return
		}
	case contains(bracketProblems, msg):
		p.errorf(Pos{line, col}, "invalid YAML: %s; close the brackets: every [ needs a ] and every { a }, on the same line or the lines after", msg)
		return
	case contains(indentProblems, msg):
		p.errorf(Pos{line, col}, "invalid YAML: %s; check the indentation (keys of one mapping, and items of one list, start in the same column) and that every quote and bracket above is closed", msg)
		return
	}
	p.errorf(Pos{line, col}, "invalid YAML: %s", msg)
}

// parserProblems are the problems the YAML library's parser (rather than
// its scanner) reports; their line numbers are 0-based.
var parserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// The problems that get a hint, besides "mapping values are not allowed in
// this context" and, on a line indented with a tab, "found character that
// cannot start any token".
var (
	tabProblems = []string{
		"found a tab character that violates indentation",
		"found a tab character where an indentation space is expected",
	}
	quoteProblems   = []string{"found unexpected end of stream"}
	bracketProblems = []string{
		"did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
	}
	indentProblems = []string{
		"did not find expected key",
		"did not find expected '-' indicator",
	}
)

var yamlAnchor = regexp.MustCompile(`^(?:unknown anchor '(.*)' referenced|anchor '(.*)' value contains itself)$`)

// Searching for the line of a syntax error parses prefixes of the file
// again, so it is bounded: files over searchLimit bytes keep the library's
// line, and the prefixes parsed for one file hold at most searchItems
// values in all (estimated from the prescan's count), as many as the
// library may build for one file; the search does not start unless that
// leaves room for three prefixes as long as the one the library read.
const (
	searchLimit  = 1 << 20
	searchItems  = maxItems
	searchProbes = 64
)

// search finds where in src a syntax error is, by parsing prefixes of src
// and checking that they fail with the same error.
type search struct {
	src     []byte
	msg     string // the library's message
	libLine int    // the line the library gives, as it gives it
	items   int    // the prescan's count of values in src
	spent   int    // values parsed so far, estimated
	probes  int
	starts  []int // starts[k-1] is the offset of line k; computed once
}

// lineStarts returns the offset at which each line of src starts.
func (s *search) lineStarts() []int {
	if s.starts == nil {
		s.starts = []int{0}
		for i, b := range s.src {
			if b == '\n' && i+1 < len(s.src) {
				s.starts = append(s.starts, i+1)
			}
		}
	}
	return s.starts
}

// fails reports whether src[:end] fails with the error being searched
// for: the same message, on the same line as the library gives it, unless
// both lines are at the end of their input (where the line is that of the
// end, not of the mistake). ok is false when the budget is spent.
func (s *search) fails(end int) (fails, ok bool) {
	if end <= 0 {
		return false, true // nothing parses
	}
	if len(s.src) > searchLimit || s.probes >= searchProbes {
		return false, false
	}
	cost := s.cost(end)
	if s.spent+cost > searchItems {
		return false, false
	}
	s.spent += cost
	s.probes++
	prefix := s.src[:end]
	line, msg, failed := firstYAMLError(prefix)
	if !failed || msg != s.msg {
		return false, true
	}
	if line == s.libLine {
		return true, true
	}
	return line >= lastLine(prefix) && s.libLine >= lastLine(s.src), true
}

// cost estimates the values in src[:end] from the prescan's count.
func (s *search) cost(end int) int {
	return 1 + int(int64(s.items)*int64(end)/int64(max(len(s.src), 1)))
}

// firstYAMLError parses every document of src and returns the first
// syntax error, with the line the library gives.
func firstYAMLError(src []byte) (line int, msg string, failed bool) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if err == nil {
			continue
		}
		if errors.Is(err, io.EOF) {
			return 0, "", false
		}
		line, msg, ok := splitYAMLError(strings.TrimSpace(strings.SplitN(err.Error(), "\n", 2)[0]))
		if !ok {
			return 0, err.Error(), true
		}
		return line, msg, true
	}
}

// findLine returns the 1-based line of the mistake: the first line k such
// that the lines up to k fail with the library's error while the lines up
// to k-1 do not. The library read read bytes before failing, so the
// mistake is on the line of the last of them or before: the search walks
// up from there in growing steps, then bisects. ok is false when the
// search could not establish such a line within its budget.
func (s *search) findLine(read int) (line int, ok bool) {
	if len(s.src) > searchLimit || read <= 0 {
		return 0, false
	}
	starts := s.lineStarts()
	end := func(k int) int { // the offset just past line k
		if k < len(starts) {
			return starts[k]
		}
		return len(s.src)
	}
	hi := offsetPos(s.src, min(read, len(s.src))-1).Line
	// A parser error's line is where its enclosing block starts: the
	// mistake is not above it.
	floor := 0
	if contains(parserProblems, s.msg) {
		floor = min(s.libLine, hi)
	}
	if 3*s.cost(end(hi)) > searchItems {
		return 0, false
	}
	if f, ok := s.fails(end(hi)); !f || !ok {
		return 0, false
	}
	var lo int // the highest line known not to fail
	for step := 1; ; step *= 2 {
		k := max(hi-step, floor)
		f, ok := s.fails(end(k))
		if !ok || (f && k == floor) {
			return 0, false
		}
		if !f {
			lo = k
			break
		}
		hi = k
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		f, ok := s.fails(end(mid))
		if !ok {
			return 0, false
		}
		if f {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, true
}

// firstColumn returns the column of the first non-blank character on the
// 1-based line of src, or 1.
func firstColumn(src []byte, line int) int {
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			return 1
		}
		src = src[i+1:]
	}
	col := 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		switch r {
		case ' ', '\t':
			col++
			src = src[size:]
			continue
		case '\n', '\r':
			return 1
		}
		return col
	}
	return 1
}

// lineText returns the 1-based line of src without its line break.
func lineText(src []byte, line int) string {
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			return ""
		}
		src = src[i+1:]
	}
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		src = src[:i]
	}
	return string(bytes.TrimSuffix(src, []byte("\r")))
}

// tabColumn returns the column of the first tab in the indentation of a
// line (blanks and the dashes of list items), or 0.
func tabColumn(text string) int {
	for i, r := range []rune(text) {
		switch r {
		case '\t':
			return i + 1
		case ' ', '-':
			continue
		}
		return 0
	}
	return 0
}

// maxCandidates bounds the characters of one line tried as the place of a
// syntax error.
const maxCandidates = 16

// colonColumn returns the column of the ": " on line that the YAML library
// refuses as "mapping values are not allowed in this context", and
// whether another ": " comes before it on the line (so that it is text
// after a key, to be quoted, rather than a key of its own). Each ": " in
// turn ends a prefix of the file; the first whose prefix fails with the
// error is the one. When the search cannot tell, it guesses: the second
// ": " when there is one (name: Told: no receipt), the first otherwise.
// col is 0 when the line holds no ": ".
func (s *search) colonColumn(line int, text string) (col int, key bool) {
	var cands []int // byte offsets in text
	for i := 0; i < len(text) && len(cands) < maxCandidates; i++ {
		if text[i] == ':' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t') {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return 0, false
	}
	if line-1 < len(s.lineStarts()) {
		start := s.lineStarts()[line-1]
		for j, i := range cands {
			f, ok := s.fails(start + i + 1)
			if !ok {
				break
			}
			if f {
				return 1 + utf8.RuneCountInString(text[:i]), j > 0
			}
		}
	}
	j := min(1, len(cands)-1)
	return 1 + utf8.RuneCountInString(text[:cands[j]]), j > 0
}

// quoteColumn returns the column of the quote on line that opens the
// quoted text the YAML library found unterminated: the first quote that
// ends a prefix of the file failing with the error. It is 0 when there is
// none, or the search cannot tell.
func (s *search) quoteColumn(line int, text string) int {
	if line-1 >= len(s.lineStarts()) {
		return 0
	}
	start := s.lineStarts()[line-1]
	n := 0
	for i := 0; i < len(text) && n < maxCandidates; i++ {
		if text[i] != '"' && text[i] != '\'' {
			continue
		}
		n++
		f, ok := s.fails(start + i + 1)
		if !ok {
			return 0
		}
		if f {
			return 1 + utf8.RuneCountInString(text[:i])
		}
	}
	return 0
}

// quotedExample rewrites a "key: text: more" line with its text quoted,
// for the hint; ok is false when the line is not that simple.
func quotedExample(text string) (string, bool) {
	t := strings.TrimLeft(text, " ")
	for strings.HasPrefix(t, "- ") {
		t = strings.TrimLeft(t[2:], " ")
	}
	key, value, found := strings.Cut(t, ": ")
	if i := strings.Index(value, " #"); i >= 0 {
		value = value[:i]
	}
	value = strings.TrimSpace(value)
	if !found || key == "" || value == "" || utf8.RuneCountInString(value) > 60 ||
		strings.ContainsAny(key, "\"'{}[],&*!|>%@`#\t") || strings.ContainsAny(value, "\"\\\t") {
		return "", false
	}
	return key + ": \"" + value + "\"", true
}

// clampPositions moves problems the YAML library places past the end of
// the file (an empty value at the very end, or the end of the stream) to
// the end of its last line.
func clampPositions(errs ErrorList, src []byte) {
	n := lastLine(src)
	for _, e := range errs {
		if e.Pos.Line <= n {
			continue
		}
		last := bytes.TrimSuffix(src, []byte("\n"))
		if i := bytes.LastIndexByte(last, '\n'); i >= 0 {
			last = last[i+1:]
		}
		e.Pos = Pos{max(n, 1), 1 + utf8.RuneCount(last)}
	}
}

// lastLine returns the number of the last line of src holding anything.
func lastLine(src []byte) int {
	n := bytes.Count(src, []byte("\n"))
	if len(src) > 0 && src[len(src)-1] != '\n' {
		n++
	}
	return n
}

// aliasPos returns the position of the first alias *name in src, or 1:1.
func aliasPos(src []byte, name string) Pos {
	tok := []byte("*" + name)
	off := 0
	for {
		i := bytes.Index(src[off:], tok)
		if i < 0 {
			return Pos{1, 1}
		}
		i += off
		end := i + len(tok)
		if end == len(src) || bytes.IndexByte([]byte(" \t\r\n,[]{}"), src[end]) >= 0 {
			return offsetPos(src, i)
		}
		off = end
	}
}

// offsetPos converts a byte offset of src into a position, columns
// counted in characters as the YAML library counts them.
func offsetPos(src []byte, off int) Pos {
	before := src[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return Pos{line, 1 + utf8.RuneCount(before)}
}

// maxItems bounds the YAML values (scalars, lists, mappings) a file may
// hold. The YAML library builds a node of about 250 bytes for each before
// ciclo sees any, so 8 MiB of "[a,a,a,..." would cost a gigabyte and
// seconds; prescan counts an upper estimate of the values first and refuses
// such a file at once. A cycle at the 5,000-moment limit with every field
// filled in stays well below it.
const maxItems = 500_000

// prescan checks, before the YAML library runs, what it would choke on or
// spend too much time and memory on: bytes that are not UTF-8, characters
// YAML does not allow, and too many values. It reports the position of the
// offending character.
func (p *parser) prescan(src []byte) bool {
	pos := Pos{1, 1}
	items := 0
	content := false // the line holds something other than blanks and a comment
	blank := true    // only blanks so far on this line
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			p.errorf(pos, "file is not valid UTF-8: byte 0x%02x", src[i])
			return false
		}
		if !printable(r) {
			p.errorf(pos, "file contains the control character U+%04X, which YAML does not allow", r)
			return false
		}
		switch r {
		case ',', '[', '{':
			items++
		case '-', ':', '?':
			if j := i + size; j == len(src) || src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r' {
				items++
			}
		case '\n':
			if content {
				items++
			}
			content, blank = false, true
		}
		if r != ' ' && r != '\t' && r != '\r' && r != '\n' {
			if blank && r != '#' {
				content = true
			}
			blank = false
		}
		if items > maxItems {
			p.errorf(pos, "file holds too many values (more than %d lists, mappings and scalars); a cycle has at most %d moments", maxItems, MaxMoments)
			return false
		}
		if r == '\n' {
			pos.Line++
			pos.Column = 1
		} else {
			pos.Column++
		}
		i += size
	}
	p.items = items
	return true
}

// printable reports whether YAML allows the character in a stream.
func printable(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0x7E) || r == 0x85 ||
		(r >= 0xA0 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// resolve follows aliases and charges the node budget, which bounds alias
// expansion.
func (p *parser) resolve(n *yaml.Node) (*yaml.Node, error) {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil; i++ {
		if i > 100 {
			p.errorf(posOf(n), "alias chain too long")
			return nil, errTooMany
		}
		n = n.Alias
	}
	p.nodes++
	if p.nodes > p.nodeBudget {
		if !p.full {
			p.errorf(posOf(n), "document too large after expanding aliases (more than %d nodes)", p.nodeBudget)
			p.full = true
		}
		return nil, errTooMany
	}
	if p.full {
		return nil, errTooMany
	}
	return n, nil
}

// deref follows aliases without charging the node budget, for positions
// of nodes already resolved once.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i <= 100; i++ {
		n = n.Alias
	}
	return n
}

// clip shortens text from the file for a message: a value of a megabyte
// must not make a message of a megabyte.
func clip(s string) string {
	const limit = 40
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit]) + "…"
}

// kindName says what a node is, for "found ..." in messages: a value is
// quoted as it is, the rest is a phrase.
func kindName(n *yaml.Node) label {
	switch n.Kind {
	case yaml.MappingNode:
		return phrasef("a mapping")
	case yaml.SequenceNode:
		return phrasef("a list")
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return phrasef("nothing")
		}
		return raw(strconv.Quote(clip(n.Value)))
	}
	return phrasef("something else")
}

// pair is one key of a mapping with its value.
type pair struct {
	key  string
	k, v *yaml.Node
}

// mapping checks that n is a mapping of known keys and returns its pairs,
// merge keys (<<) expanded, duplicates and unknown keys reported.
func (p *parser) mapping(n *yaml.Node, what label, known []string) ([]pair, bool) {
	n, err := p.resolve(n)
	if err != nil {
		return nil, false
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(posOf(n), "%s must be a mapping, found %s", what, kindName(n))
		return nil, false
	}
	var out []pair
	seen := map[string]*yaml.Node{}
	var merged []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		k, err := p.resolve(k)
		if err != nil {
			return nil, false
		}
		if k.Kind != yaml.ScalarNode {
			p.errorf(posOf(k), "keys in %s must be plain words", what)
			continue
		}
		if k.Tag == "!!merge" {
			merged = append(merged, p.merge(v, what, known)...)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			p.errorf(posOf(k), "duplicate key %q in %s (first at line %d)", clip(k.Value), what, first.Line)
			continue
		}
		seen[k.Value] = k
		if !contains(known, k.Value) {
			p.unknownKey(k, what, known)
			continue
		}
		out = append(out, pair{key: k.Value, k: k, v: v})
	}
	for _, m := range merged {
		if _, ok := seen[m.key]; !ok {
			seen[m.key] = m.k
			out = append(out, m)
		}
	}
	return out, true
}

// merge expands the value of a YAML merge key: a mapping or a list of them.
func (p *parser) merge(v *yaml.Node, what label, known []string) []pair {
	v, err := p.resolve(v)
	if err != nil {
		return nil
	}
	if p.mergeDepth >= maxMergeDepth {
		p.errorf(posOf(v), "merge keys (<<) in %s nest more than %d deep", what, maxMergeDepth)
		return nil
	}
	p.mergeDepth++
	defer func() { p.mergeDepth-- }()
	switch v.Kind {
	case yaml.SequenceNode:
		var out []pair
		seen := map[string]bool{}
		for _, item := range v.Content {
			for _, m := range p.merge(item, what, known) {
				if !seen[m.key] {
					seen[m.key] = true
					out = append(out, m)
				}
			}
		}
		return out
	case yaml.MappingNode:
		pairs, _ := p.mapping(v, what, known)
		return pairs
	}
	p.errorf(posOf(v), "a merge key (<<) in %s must name a mapping or a list of mappings, found %s", what, kindName(v))
	return nil
}

func (p *parser) unknownKey(k *yaml.Node, what label, known []string) {
	if s := suggest(k.Value, known, &p.cells); s != "" {
		p.errorf(posOf(k), "unknown key %q in %s; did you mean %q?", clip(k.Value), what, s)
		return
	}
	if what == raw("dimensions") {
		if p.servqual != 5 && contains(Dimensions5, k.Value) {
			p.errorf(posOf(k), "unknown key %q in %s: it is one of the five SERVQUAL dimensions, and this file uses the ten determinants; write servqual: 5 at the top of the file to use the five", clip(k.Value), what)
			return
		}
		if p.servqual == 5 && contains(Dimensions, k.Value) {
			p.errorf(posOf(k), "unknown key %q in %s: it is one of the ten SERVQUAL determinants, and this file uses the five dimensions (servqual: 5); %q counts under %q", clip(k.Value), what, k.Value, FiveOf[k.Value])
			return
		}
	}
	for _, kind := range keyKinds() {
		if contains(kind.keys, k.Value) {
			p.errorf(posOf(k), "unknown key %q in %s; %q belongs to %s: check the indentation", clip(k.Value), what, k.Value, kind.name)
			return
		}
	}
	p.errorf(posOf(k), "unknown key %q in %s; known keys: %s", clip(k.Value), what, strings.Join(known, ", "))
}

// keyKinds are the mappings of a cycle file by the keys they hold, for the
// hint given when a key of one turns up in another: a key indented too far
// or not far enough.
func keyKinds() []keyKind {
	return []keyKind{
		{phrasef("an improvement"), improvementKeys},
		{phrasef("a moment"), momentKeys},
		{phrasef("the top of the file"), topKeys},
		{phrasef("a dimension's scores"), scoreKeys},
		{phrasef("the critical thresholds"), thresholdKeys},
	}
}

type keyKind struct {
	name label
	keys []string
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Suggest returns the word of known closest to s, for "did you mean"
// hints, or "" when none is close enough to be a likely typo.
func Suggest(s string, known []string) string {
	budget := -1 // unbounded
	return suggest(s, known, &budget)
}

// suggestCells bounds the work of the suggestions for one file, in cells
// of the edit-distance tables: thousands of unknown ids in next lists,
// each compared with thousands of ids, would otherwise take seconds. Once
// it is spent, only words that differ in case are suggested.
const suggestCells = 4_000_000

// suggest returns the known word closest to s, or "" when none is close.
// A word that differs only in case is always close ("Arrival" for
// "arrival"). Otherwise a suggestion must be a likely typo: one edit away
// for words of three to five characters, two for longer ones, or a word
// that s begins (or that begins with s) when s has three characters or
// more; a word of one or two characters gets no suggestion but its case,
// since one edit turns it into any other short word. budget counts the
// table cells left to compute (negative: no bound).
func suggest(s string, known []string, budget *int) string {
	for _, k := range known {
		if strings.EqualFold(k, s) {
			return k
		}
	}
	ls := strings.ToLower(s)
	n := utf8.RuneCountInString(ls)
	if n < 3 {
		return ""
	}
	limit := 2
	if n <= 5 {
		limit = 1
	}
	best, bestD := "", limit+1
	for _, k := range known {
		kn := utf8.RuneCountInString(k)
		if d := kn - n; d > limit || -d > limit {
			continue // too long or too short to be near: skip the alignment
		}
		if *budget >= 0 {
			if *budget < n*kn {
				*budget = 0
				break
			}
			*budget -= n * kn
		}
		if d := editDistance(ls, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if best != "" {
		return best
	}
	for _, k := range known {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, ls) || (strings.HasPrefix(ls, lk) && utf8.RuneCountInString(lk) >= 3) {
			return k
		}
	}
	return ""
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent
// characters ("nmae" is one step from "name").
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 20
	}
	// d[i][j] is the distance between ra[:i] and rb[:j], in one slice.
	w := len(rb) + 1
	d := make([]int, (len(ra)+1)*w)
	for i := 0; i <= len(ra); i++ {
		d[i*w] = i
	}
	for j := 0; j < w; j++ {
		d[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i*w+j] = min(d[(i-1)*w+j]+1, d[i*w+j-1]+1, d[(i-1)*w+j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i*w+j] = min(d[i*w+j], d[(i-2)*w+j-2]+1)
			}
		}
	}
	return d[len(ra)*w+len(rb)]
}

// text reads a non-empty scalar as text.
func (p *parser) text(v *yaml.Node, what label) (string, bool) {
	return p.textUpTo(v, what, MaxText)
}

// longText reads a text value that is shown in reports but not drawn (a
// description, an expectation, a standard, a pain): it may be longer.
func (p *parser) longText(v *yaml.Node, what label) (string, bool) {
	return p.textUpTo(v, what, MaxLongText)
}

func (p *parser) textUpTo(v *yaml.Node, what label, limit int) (string, bool) {
	v, err := p.resolve(v)
	if err != nil {
		return "", false
	}
	if v.Kind != yaml.ScalarNode {
		if k, val, ok := colonPair(v); ok {
			// "- Told: no receipt" reads as a key and a value
			p.errorf(posOf(v), "%s must be text, found a mapping; quote text that contains \": \", e.g. %s", what, raw(strconv.Quote(k+": "+val)))
			return "", false
		}
		p.errorf(posOf(v), "%s must be text, found %s", what, kindName(v))
		return "", false
	}
	if v.Tag == "!!null" || strings.TrimSpace(v.Value) == "" {
		p.errorf(posOf(v), "%s must not be empty", what)
		return "", false
	}
	if !strings.ContainsFunc(v.Value, visibleRune) {
		// zero-width spaces, joiners, direction marks or control
		// characters alone would draw an empty box or title
		p.errorf(posOf(v), "%s holds only invisible characters; write the text it should show", what)
		return "", false
	}
	if len(v.Value) > limit {
		if n := utf8.RuneCountInString(v.Value); n > limit {
			p.errorf(posOf(v), "%s is %d characters long; the limit is %d", what, n, limit)
			return "", false
		}
	}
	return v.Value, true
}

// colonPair reports whether v is a one-line "key: value" mapping, which is
// how YAML reads unquoted text that contains ": ".
func colonPair(v *yaml.Node) (key, value string, ok bool) {
	if v.Kind != yaml.MappingNode || v.Style&yaml.FlowStyle != 0 || len(v.Content) != 2 {
		return "", "", false
	}
	k, val := v.Content[0], v.Content[1]
	if k.Kind != yaml.ScalarNode || val.Kind != yaml.ScalarNode || k.Line != val.Line ||
		k.Style != 0 || val.Style != 0 || len(k.Value)+len(val.Value) > 60 {
		return "", "", false
	}
	return k.Value, val.Value, true
}

// integer reads a whole number in lo..hi; rangeNote explains the range.
func (p *parser) integer(v *yaml.Node, what label, lo, hi int, rangeNote label) (int, bool) {
	v, err := p.resolve(v)
	if err != nil {
		return 0, false
	}
	n, ok := wholeNumber(v)
	if !ok {
		if quotedAs(v, "!!int", "!!float") {
			p.errorf(posOf(v), "%s must be a whole number from %d to %d, found the text %q; remove the quotes", what, lo, hi, clip(v.Value))
			return 0, false
		}
		found := kindName(v)
		if v.Kind == yaml.ScalarNode && v.Tag == "!!float" {
			found = raw(clip(v.Value))
		}
		p.errorf(posOf(v), "%s must be a whole number from %d to %d, found %s", what, lo, hi, found)
		return 0, false
	}
	if n < float64(lo) || n > float64(hi) {
		p.errorf(posOf(v), "%s %s is out of range: it must be from %d to %d%s", what, clip(v.Value), lo, hi, rangeNote)
		return 0, false
	}
	return int(n), true
}

// score reads a score within 1..scale exactly from the YAML text: a whole
// number or a decimal with at most DecimalPlaces places (see Decimal).
func (p *parser) score(v *yaml.Node, what label, scale int, rangeNote label) (Decimal, bool) {
	v, err := p.resolve(v)
	if err != nil {
		return Decimal{}, false
	}
	d, ok := decimalValue(v)
	if !ok {
		if quotedAs(v, "!!int", "!!float") {
			p.errorf(posOf(v), "%s must be a number from %d to %d, found the text %q; remove the quotes", what, 1, scale, clip(v.Value))
			return Decimal{}, false
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!float" {
			if _, err := ParseDecimal(v.Value); errors.Is(err, ErrDecimalPlaces) {
				p.errorf(posOf(v), "%s %s has more than two decimal places; write it with two at most", what, clip(v.Value))
				return Decimal{}, false
			}
		}
		found := kindName(v)
		if v.Kind == yaml.ScalarNode && v.Tag == "!!float" {
			found = raw(clip(v.Value))
		}
		p.errorf(posOf(v), "%s must be a number from %d to %d, found %s", what, 1, scale, found)
		return Decimal{}, false
	}
	if d.Cmp(Whole(1)) < 0 || d.Cmp(Whole(scale)) > 0 {
		p.errorf(posOf(v), "%s %s is out of range: it must be from %d to %d%s", what, clip(v.Value), 1, scale, rangeNote)
		return Decimal{}, false
	}
	return d, true
}

// decimalValue reads a YAML number as a Decimal: digits with an optional
// point (3, 3.83, 4.0), or any other whole number YAML reads as an
// integer (0x4, +4).
func decimalValue(v *yaml.Node) (Decimal, bool) {
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float") {
		return Decimal{}, false
	}
	d, err := ParseDecimal(v.Value)
	switch {
	case err == nil:
		return d, true
	case errors.Is(err, ErrDecimalRange): // out of range whatever the scale
		return Whole(-1), true
	}
	if n, ok := wholeNumber(v); ok && math.Abs(n) < 1e15 {
		return Whole(int(n)), true
	}
	return Decimal{}, false
}

// wholeNumber reads a YAML number with no fractional part (4 or 4.0).
func wholeNumber(v *yaml.Node) (float64, bool) {
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float") {
		return 0, false
	}
	if n, err := strconv.ParseInt(v.Value, 0, 64); err == nil {
		return float64(n), true
	}
	if n, err := strconv.ParseUint(v.Value, 0, 64); err == nil {
		return float64(n), true
	}
	f, err := strconv.ParseFloat(v.Value, 64)
	if err != nil {
		return 0, false
	}
	if math.IsInf(f, 0) || math.IsNaN(f) || f != math.Trunc(f) {
		return 0, false
	}
	return f, true
}

// quotedAs reports whether v is quoted text that, without its quotes,
// YAML would read with one of tags: "true" for true, "4" for 4. Long text
// is neither: the check parses the text, and an alias may repeat it.
func quotedAs(v *yaml.Node, tags ...string) bool {
	if v.Kind != yaml.ScalarNode || v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 || len(v.Value) > 32 {
		return false
	}
	var plain yaml.Node
	if err := yaml.Unmarshal([]byte(v.Value), &plain); err != nil || len(plain.Content) != 1 {
		return false
	}
	n := plain.Content[0]
	return n.Kind == yaml.ScalarNode && n.Style == 0 && contains(tags, n.Tag)
}

func (p *parser) boolean(v *yaml.Node, what label) (bool, bool) {
	v, err := p.resolve(v)
	if err != nil {
		return false, false
	}
	if quotedAs(v, "!!bool") {
		p.errorf(posOf(v), "%s must be true or false, found the text %q; remove the quotes", what, clip(v.Value))
		return false, false
	}
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
		p.errorf(posOf(v), "%s must be true or false, found %s", what, kindName(v))
		return false, false
	}
	b, _ := strconv.ParseBool(strings.ToLower(v.Value))
	return b, true
}

// choice reads one of a fixed set of words.
func (p *parser) choice(v *yaml.Node, what label, allowed []string) (string, bool) {
	s, ok := p.text(v, what)
	if !ok {
		return "", false
	}
	if !contains(allowed, s) {
		r := deref(v)
		if h := suggest(s, allowed, &p.cells); h != "" {
			p.errorf(posOf(r), "%s %q is not one of %s; did you mean %q?", what, clip(s), strings.Join(allowed, ", "), h)
		} else {
			p.errorf(posOf(r), "%s %q is not one of %s", what, clip(s), strings.Join(allowed, ", "))
		}
		return "", false
	}
	return s, true
}

// list reads a sequence; a single scalar counts as a list of one when
// single is true.
func (p *parser) list(v *yaml.Node, what label, single bool) ([]*yaml.Node, bool) {
	v, err := p.resolve(v)
	if err != nil {
		return nil, false
	}
	if v.Kind == yaml.ScalarNode && single && v.Tag != "!!null" {
		return []*yaml.Node{v}, true
	}
	if v.Kind != yaml.SequenceNode {
		p.errorf(posOf(v), "%s must be a list, found %s", what, kindName(v))
		return nil, false
	}
	return v.Content, true
}

func (p *parser) cycle(root *yaml.Node) *Cycle {
	r, err := p.resolve(root)
	if err != nil {
		return nil
	}
	if r.Kind == yaml.ScalarNode && r.Tag == "!!null" {
		p.errorf(Pos{1, 1}, "file is empty; a cycle needs a title and moments")
		return nil
	}
	if r.Kind != yaml.MappingNode {
		p.errorf(posOf(r), "a cycle file must be a mapping with a title and moments, found %s", kindName(r))
		return nil
	}
	pairs, ok := p.mapping(r, phrasef("the cycle"), topKeys)
	if !ok {
		return nil
	}
	c := &Cycle{File: p.file, Version: FormatVersion, Language: "en", Scale: 5, Closed: true,
		Servqual: 10, Quadrants: QuadrantSplits[0], State: States[0], Pos: posOf(r), Keys: map[string]Pos{}}
	get := map[string]*yaml.Node{}
	for _, pr := range pairs {
		get[pr.key] = pr.v
		c.Keys[pr.key] = posOf(pr.v)
	}
	// scale first: every score depends on it.
	if v := get["scale"]; v != nil {
		if s, ok := p.integer(v, raw("scale"), 3, 10, raw("")); ok {
			c.Scale = s
		}
	}
	c.Thresholds = DefaultThresholds(c.Scale)
	// servqual before the moments: it decides their dimension keys.
	if v := get["servqual"]; v != nil {
		if s, ok := p.choice(v, raw("servqual"), ServqualModels); ok {
			c.Servqual, _ = strconv.Atoi(s)
		}
	}
	p.servqual = c.Servqual
	if v := get["quadrants"]; v != nil {
		if s, ok := p.choice(v, raw("quadrants"), QuadrantSplits); ok {
			c.Quadrants = s
		}
	}
	if v := get["state"]; v != nil {
		if s, ok := p.choice(v, raw("state"), States); ok {
			c.State = s
		}
	}
	if v := get["version"]; v != nil {
		if rv, err := p.resolve(v); err == nil {
			if n, ok := wholeNumber(rv); quotedAs(rv, "!!int", "!!float") {
				p.errorf(posOf(rv), "version must be a number, found the text %q; remove the quotes", clip(rv.Value))
			} else if !ok || n != FormatVersion {
				p.errorf(posOf(rv), "unsupported version %s; this ciclo reads version %d", kindName(rv), FormatVersion)
			}
		}
	}
	if v := get["title"]; v != nil {
		c.Title, _ = p.text(v, raw("title"))
	} else {
		p.errorf(posOf(r), "missing required key \"title\": the service whose cycle this is")
	}
	if v := get["customer"]; v != nil {
		c.Customer, _ = p.text(v, raw("customer"))
	}
	if v := get["organization"]; v != nil {
		c.Organization, _ = p.text(v, raw("organization"))
	}
	if v := get["language"]; v != nil {
		if s, ok := p.choice(v, raw("language"), Languages); ok {
			c.Language = s
			p.lang = s
		}
	} else {
		p.lang = c.Language
	}
	if v := get["closed"]; v != nil {
		if b, ok := p.boolean(v, raw("closed")); ok {
			c.Closed = b
		}
	}
	if v := get["critical"]; v != nil {
		p.thresholds(v, c)
	}
	complete := false
	if v := get["moments"]; v != nil {
		complete = p.moments(v, c)
	} else {
		p.errorf(posOf(r), "missing required key \"moments\": a cycle needs at least one moment")
	}
	c.Index()
	// The graph needs every moment, each at its own index.
	if complete && !p.full {
		p.graph(c)
	}
	return c
}

func (p *parser) thresholds(v *yaml.Node, c *Cycle) {
	pairs, ok := p.mapping(v, raw("critical"), thresholdKeys)
	if !ok {
		return
	}
	note := phrasef(" (the scale is %d)", c.Scale)
	for _, pr := range pairs {
		switch pr.key {
		case "importance":
			if n, ok := p.score(pr.v, raw("critical.importance"), c.Scale, note); ok {
				c.Thresholds.Importance = n
			}
		case "performance":
			if n, ok := p.score(pr.v, raw("critical.performance"), c.Scale, note); ok {
				c.Thresholds.Performance = n
			}
		case "gap":
			if n, ok := p.score(pr.v, raw("critical.gap"), c.Scale, note); ok {
				c.Thresholds.Gap = n
			}
		}
	}
}

// moments reads the list of moments into c. It reports whether every item
// became a moment, so that indexes match positions in the list.
func (p *parser) moments(v *yaml.Node, c *Cycle) bool {
	items, ok := p.list(v, raw("moments"), false)
	if !ok {
		return false
	}
	if len(items) == 0 {
		p.errorf(posOf(deref(v)), "moments must list at least one moment")
		return false
	}
	if len(items) > MaxMoments {
		p.errorf(posOf(items[MaxMoments]), "too many moments: %d; the limit is %d", len(items), MaxMoments)
		return false
	}
	ids := map[string]*Moment{}
	complete := true
	for i, item := range items {
		m := p.moment(item, i, c)
		if m == nil {
			complete = false
			continue
		}
		if m.ID != "" {
			if first, dup := ids[m.ID]; dup {
				p.errorf(m.KeyPos("id"), "duplicate moment id %q (first at line %d)", clip(m.ID), first.KeyPos("id").Line)
			} else {
				ids[m.ID] = m
			}
		}
		c.Moments = append(c.Moments, m)
		if p.full {
			return false
		}
	}
	return complete
}

func (p *parser) moment(item *yaml.Node, index int, c *Cycle) *Moment {
	what := momentLabel{n: index + 1}
	// keyOf names a key of this moment: "moment 3 name".
	keyOf := func(key string) label { return momentLabel{n: index + 1, key: key} }
	r, err := p.resolve(item)
	if err != nil {
		return nil
	}
	pairs, ok := p.mapping(r, what, momentKeys)
	if !ok {
		return nil
	}
	m := &Moment{Index: index, Pos: posOf(r), Keys: map[string]Pos{}}
	scaleNote := phrasef(" (the scale is %d)", c.Scale)
	for _, pr := range pairs {
		rv, err := p.resolve(pr.v)
		if err != nil {
			return nil
		}
		m.Keys[pr.key] = posOf(rv)
		switch pr.key {
		case "id":
			if s, ok := p.text(pr.v, keyOf("id")); ok {
				if !idPattern.MatchString(s) {
					if w := idLike(s); w != "" {
						p.errorf(posOf(rv), "moment id %q must use lowercase letters, digits, '-' and '_', starting with a letter or digit; write it as %q", clip(s), w)
					} else {
						p.errorf(posOf(rv), "moment id %q must use lowercase letters, digits, '-' and '_', starting with a letter or digit", clip(s))
					}
				}
				m.ID = s
			}
		case "name":
			m.Name, _ = p.text(pr.v, keyOf("name"))
		case "description":
			m.Description, _ = p.longText(pr.v, keyOf("description"))
		case "stage":
			m.Stage, _ = p.text(pr.v, keyOf("stage"))
		case "channel":
			m.Channel, _ = p.text(pr.v, keyOf("channel"))
		case "owner":
			m.Owner, _ = p.text(pr.v, keyOf("owner"))
		case "expectation":
			m.Expectation, _ = p.longText(pr.v, keyOf("expectation"))
		case "standard":
			m.Standard, _ = p.longText(pr.v, keyOf("standard"))
		case "importance":
			m.Importance, _ = p.score(pr.v, raw("importance"), c.Scale, scaleNote)
		case "performance":
			m.Performance, _ = p.score(pr.v, raw("performance"), c.Scale, scaleNote)
		case "sample":
			m.Sample, _ = p.integer(pr.v, raw("sample"), 1, MaxSample, raw(""))
		case "critical":
			if b, ok := p.boolean(pr.v, raw("critical")); ok {
				m.Critical = &b
			}
		case "url":
			if s, ok := p.text(pr.v, raw("url")); ok {
				u, err := url.Parse(s)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					p.errorf(posOf(rv), "url %q must be an http:// or https:// link", clip(s))
				} else {
					m.URL = s
				}
			}
		case "dimensions":
			m.Dimensions = p.dimensions(pr.v, c, scaleNote)
		case "pains":
			m.Pains = p.textList(pr.v, raw("pains"), phrasef("a pain"))
		case "evidence":
			m.Evidence = p.textList(pr.v, raw("evidence"), phrasef("an entry of evidence"))
		case "backstage":
			m.Backstage = p.textList(pr.v, raw("backstage"), phrasef("an entry of backstage"))
		case "support":
			m.Support = p.textList(pr.v, raw("support"), phrasef("an entry of support"))
		case "improvements":
			m.Improvements = p.improvements(pr.v, index+1)
		case "next":
			if items, ok := p.list(pr.v, raw("next"), true); ok {
				if len(items) > MaxNext {
					p.errorf(posOf(items[MaxNext]), "%s leads to %d moments; the limit is %d", what, len(items), MaxNext)
					items = items[:MaxNext]
				}
				m.Next = []string{}
				for _, it := range items {
					if s, ok := p.text(it, phrasef("an entry of next")); ok {
						ri := deref(it)
						m.Next = append(m.Next, s)
						m.NextPos = append(m.NextPos, posOf(ri))
					}
				}
			}
		case "ignore":
			if items, ok := p.list(pr.v, raw("ignore"), true); ok {
				for _, it := range items {
					if s, ok := p.text(it, phrasef("an entry of ignore")); ok {
						ri := deref(it)
						m.Ignore = append(m.Ignore, s)
						m.IgnorePos = append(m.IgnorePos, posOf(ri))
					}
				}
			}
		}
	}
	if _, ok := m.Keys["id"]; !ok {
		p.errorf(m.Pos, "%s has no id", what)
	}
	if _, ok := m.Keys["name"]; !ok {
		p.errorf(m.Pos, "%s has no name", what)
	}
	return m
}

// textList reads a list of texts that are not drawn (pains, evidence,
// backstage, support); item names one entry in messages.
func (p *parser) textList(v *yaml.Node, what, item label) []string {
	items, ok := p.list(v, what, false)
	if !ok {
		return nil
	}
	var out []string
	for _, it := range items {
		if s, ok := p.longText(it, item); ok {
			out = append(out, s)
		}
	}
	return out
}

func (p *parser) dimensions(v *yaml.Node, c *Cycle, scaleNote label) map[string]Score {
	pairs, ok := p.mapping(v, raw("dimensions"), c.DimensionKeys())
	if !ok {
		return nil
	}
	out := map[string]Score{}
	for _, pr := range pairs {
		rv, err := p.resolve(pr.v)
		if err != nil {
			return nil
		}
		s := Score{Pos: posOf(pr.k)}
		if rv.Kind == yaml.MappingNode {
			sp, ok := p.mapping(rv, raw(pr.key), scoreKeys)
			if !ok {
				continue
			}
			for _, q := range sp {
				n, _ := p.score(q.v, raw(pr.key+"."+q.key), c.Scale, scaleNote)
				if q.key == "expected" {
					s.Expected = n
				} else {
					s.Perceived = n
				}
			}
			if !hasKey(sp, "perceived") {
				p.errorf(posOf(rv), "%s needs a perceived score", raw(pr.key))
			}
		} else {
			s.Perceived, _ = p.score(rv, raw(pr.key), c.Scale, scaleNote)
		}
		out[pr.key] = s
	}
	return out
}

func hasKey(pairs []pair, key string) bool {
	for _, p := range pairs {
		if p.key == key {
			return true
		}
	}
	return false
}

// improvements reads the improvements of moment number moment. A list that
// an alias repeats under several moments is read once: its improvements
// are shared, and the budget is charged again what reading it cost, as if
// it were read again, so an alias bomb of improvements costs no memory.
func (p *parser) improvements(v *yaml.Node, moment int) []*Improvement {
	rv := deref(v)
	if m, ok := p.lists[rv]; ok && v.Kind == yaml.AliasNode {
		p.nodes += m.cost - 1
		if _, err := p.resolve(v); err != nil {
			return nil
		}
		return m.ims
	}
	nodes, errs := p.nodes, len(p.errs)
	items, ok := p.list(v, raw("improvements"), false)
	if !ok {
		return nil
	}
	var out []*Improvement
	for i, it := range items {
		if im := p.improvement(it, i+1, moment); im != nil {
			out = append(out, im)
		}
	}
	if len(p.errs) == errs && !p.full {
		if p.lists == nil {
			p.lists = map[*yaml.Node]readList{}
		}
		p.lists[rv] = readList{ims: out, cost: p.nodes - nodes}
	}
	return out
}

// readList is a list of improvements already read, and what reading it
// cost in nodes.
type readList struct {
	ims  []*Improvement
	cost int
}

// improvement reads improvement number i of moment number moment (both
// 1-based).
func (p *parser) improvement(v *yaml.Node, i, moment int) *Improvement {
	what := improvementLabel{i: i, moment: moment}
	keyOf := func(key string) label { return improvementLabel{i: i, moment: moment, key: key} }
	pairs, ok := p.mapping(v, what, improvementKeys)
	if !ok {
		return nil
	}
	rv := deref(v)
	im := &Improvement{Status: "planned", Pos: posOf(rv), Keys: map[string]Pos{}}
	for _, pr := range pairs {
		rp, err := p.resolve(pr.v)
		if err != nil {
			return nil
		}
		im.Keys[pr.key] = posOf(rp)
		switch pr.key {
		case "action":
			im.Action, _ = p.text(pr.v, keyOf("action"))
		case "owner":
			im.Owner, _ = p.text(pr.v, keyOf("owner"))
		case "due":
			if s, ok := p.text(pr.v, raw("due")); ok {
				d, err := time.Parse("2006-01-02", s)
				if y, mo, days, ok := impossibleDay(s); err != nil && ok {
					p.errorf(posOf(rp), "due %q is not a date: %s %d has %d days", clip(s), monthName(mo), y, days)
				} else if err != nil {
					p.errorf(posOf(rp), "due %q is not a date; write it as YYYY-MM-DD", clip(s))
				} else {
					im.Due = d
				}
			}
		case "pillar":
			im.Pillar, _ = p.choice(pr.v, raw("pillar"), Pillars)
		case "status":
			if s, ok := p.choice(pr.v, raw("status"), Statuses); ok {
				im.Status = s
			}
		}
	}
	if _, ok := im.Keys["action"]; !ok {
		p.errorf(im.Pos, "%s has no action", what)
	}
	return im
}

// datePattern matches text written as YYYY-MM-DD.
var datePattern = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

// impossibleDay reports whether s is written as YYYY-MM-DD with a real month
// but a day the month does not have (2027-02-30), and how many days the
// month has.
func impossibleDay(s string) (year int, month time.Month, days int, ok bool) {
	m := datePattern.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, 0, false
	}
	year, _ = strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 {
		return 0, 0, 0, false
	}
	month = time.Month(mo)
	days = time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return year, month, days, day < 1 || day > days
}

// monthName names a month in messages.
func monthName(m time.Month) label {
	return []label{
		phrasef("January"), phrasef("February"), phrasef("March"), phrasef("April"),
		phrasef("May"), phrasef("June"), phrasef("July"), phrasef("August"),
		phrasef("September"), phrasef("October"), phrasef("November"), phrasef("December"),
	}[m-1]
}

// idLike returns s made into a valid id when that takes only lowercase
// and hyphens for blanks ("Arrival" -> "arrival", "Pays Bill" ->
// "pays-bill"), or "".
func idLike(s string) string {
	w := strings.Join(strings.Fields(strings.ToLower(s)), "-")
	if w == s || !idPattern.MatchString(w) {
		return ""
	}
	return w
}

// momentLabel names a moment, or one of its keys, in messages; like
// improvementLabel, it is put into words only for a problem.
type momentLabel struct {
	n   int
	key string // "" names the moment itself
}

func (l momentLabel) text(lang string) string {
	if l.key == "" {
		return phrasef("moment %d", l.n).text(lang)
	}
	return phrasef("moment %d %s", l.n, raw(l.key)).text(lang)
}

// improvementLabel names an improvement, or one of its keys, in messages.
// It is built for every improvement read but put into words only for a
// problem, so it holds the numbers rather than a phrase: aliases may stand
// for hundreds of thousands of improvements.
type improvementLabel struct {
	i, moment int
	key       string // "" names the improvement itself
}

func (l improvementLabel) text(lang string) string {
	if l.key == "" {
		return phrasef("improvement %d of moment %d", l.i, l.moment).text(lang)
	}
	return phrasef("improvement %d of moment %d %s", l.i, l.moment, raw(l.key)).text(lang)
}

// graph checks next references and reachability once every moment parsed.
func (p *parser) graph(c *Cycle) {
	ids := make([]string, len(c.Moments))
	for i, m := range c.Moments {
		ids[i] = m.ID
	}
	bad := false
	for _, m := range c.Moments {
		if m.ID == "" {
			bad = true // reachability means nothing without every id
		}
		if p.full {
			return // no problem more can be reported
		}
		for i, id := range m.Next {
			pos := m.NextPos[i]
			switch {
			case c.Moment(id) == nil:
				bad = true
				if s := suggest(id, ids, &p.cells); s != "" {
					p.errorf(pos, "next names unknown moment %q; did you mean %q?", clip(id), s)
				} else {
					p.errorf(pos, "next names unknown moment %q", clip(id))
				}
			case id == m.ID:
				bad = true
				p.errorf(pos, "moment %q cannot be its own next moment", clip(id))
			case slices.Contains(m.Next[:i], id): // at most MaxNext entries
				bad = true
				p.errorf(pos, "next names %q twice", clip(id))
			}
		}
	}
	if bad {
		return
	}
	reached := c.Reachable()
	var lost []*Moment
	for _, m := range c.Moments {
		if !reached[m.Index] {
			lost = append(lost, m)
		}
	}
	sort.Slice(lost, func(i, j int) bool { return lost[i].Index < lost[j].Index })
	for _, m := range lost {
		p.errorf(m.KeyPos("id"), "moment %q cannot be reached from the first moment %q: check the next lists", clip(m.ID), clip(c.Moments[0].ID))
	}
}

// visibleRune reports whether r shows: not a space, a control character
// or a format character (zero-width space and joiners, direction marks).
func visibleRune(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r) && r != '\u2800' && r != '\u3164'
}
