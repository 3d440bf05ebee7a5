// Package yamledit rewrites the scores of a cycle file's moments in place,
// keeping everything else byte for byte: comments, key order, quoting,
// blank lines and the file's own layout.
//
// It edits the text, not a re-encoded tree: the file is read with
// go.yaml.in/yaml/v3 only to learn where each value sits, and each changed
// value is replaced at that position. A key the moment lacks is inserted as
// a line of its own, with the indentation of its siblings (or inside the
// braces of a flow mapping such as `courtesy: {expected: 5, perceived: 3}`).
// The result is read back before it is returned, and every changed value
// must read as written, so a rewrite never produces a broken file.
//
// The score keys and the moment format are described in docs/format.md;
// `ciclo workshop --apply` and `ciclo import --responses` write through
// this package.
package yamledit

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ciclo-dev/ciclo/cycle"
	"go.yaml.in/yaml/v3"
)

// Update holds the new scores of one moment. An empty string (or a zero
// Sample) leaves that value as it is. Values are written as given, so the
// caller formats them (see FormatNumber); each must be a plain number such
// as "4" or "3.83".
type Update struct {
	Importance  string
	Performance string
	// Expected and Perceived map a dimension name (courtesy, ...) to its
	// new expected or perceived score.
	Expected  map[string]string
	Perceived map[string]string
	// Sample is how many ratings stand behind the scores (>= 1), 0 to leave
	// the moment's sample as it is.
	Sample int
}

// FormatNumber formats a score as a cycle file shows it: the number of
// hundredths of v rounded half away from zero, without trailing zeros, so
// 4 is "4", 3.5 is "3.5" and 3.8333 is "3.83". It is how cycle.Decimal
// prints.
func FormatNumber(v float64) string {
	return cycle.DecimalOf(v).String()
}

// momentOrder is the order of a moment's keys in docs/format.md; inserted
// keys go after the nearest earlier key the moment has.
var momentOrder = []string{
	"id", "name", "description", "stage", "channel", "owner", "expectation",
	"standard", "importance", "performance", "sample", "critical", "url",
	"dimensions", "pains", "improvements", "next", "ignore",
}

var scoreOrder = []string{"expected", "perceived"}

var (
	numberRE = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)
	nameRE   = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
)

// Apply returns src with the scores of the moments named in updates (keyed
// by moment id) rewritten. It fails, returning nil, when a moment is not in
// the file or is there twice, when a value is not a plain number, or when
// a value cannot be rewritten without touching something else (a value
// with an anchor other moments may share, a block scalar).
func Apply(src []byte, updates map[string]Update) ([]byte, error) {
	if len(updates) == 0 {
		return append([]byte(nil), src...), nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("cannot read the file: %w", err)
	}
	e := &editor{src: src, lines: lineStarts(src), nl: "\n"}
	if bytes.Contains(src, []byte("\r\n")) {
		e.nl = "\r\n"
	}
	moments, err := momentNodes(&doc)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(updates))
	for id := range updates {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		m, ok := moments[id]
		if !ok {
			return nil, fmt.Errorf("no moment with id %q in the file", id)
		}
		if m == nil {
			return nil, fmt.Errorf("moment id %q is in the file more than once", id)
		}
		if err := e.moment(m, updates[id]); err != nil {
			return nil, fmt.Errorf("moment %s: %w", id, err)
		}
	}
	out, err := e.apply()
	if err != nil {
		return nil, err
	}
	if err := verify(out, updates); err != nil {
		return nil, fmt.Errorf("internal error: the rewritten file does not read back: %w", err)
	}
	return out, nil
}

// momentNodes maps each moment id to its mapping node (nil for an id seen
// twice).
func momentNodes(doc *yaml.Node) (map[string]*yaml.Node, error) {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("the file is not a mapping with moments")
	}
	seq := lookup(doc.Content[0], "moments")
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return nil, errors.New("the file has no list of moments")
	}
	out := map[string]*yaml.Node{}
	for _, m := range seq.Content {
		if m.Kind != yaml.MappingNode {
			continue
		}
		id := lookup(m, "id")
		if id == nil || id.Kind != yaml.ScalarNode {
			continue
		}
		if _, dup := out[id.Value]; dup {
			out[id.Value] = nil
			continue
		}
		out[id.Value] = m
	}
	return out, nil
}

// lookup returns the value of key in mapping m, or nil.
func lookup(m *yaml.Node, key string) *yaml.Node {
	if k := lookupKey(m, key); k >= 0 {
		return m.Content[k+1]
	}
	return nil
}

// lookupKey returns the index of key's key node in m.Content, or -1.
func lookupKey(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return i
		}
	}
	return -1
}

// edit replaces src[start:end] with text; an insertion has start == end.
type edit struct {
	start, end int
	text       string
	seq        int // keeps insertions at one offset in the order made
}

type editor struct {
	src   []byte
	lines []int // byte offset of each line's start
	nl    string
	edits []edit
}

func (e *editor) add(start, end int, text string) {
	e.edits = append(e.edits, edit{start, end, text, len(e.edits)})
}

// moment records the edits of one moment.
func (e *editor) moment(m *yaml.Node, u Update) error {
	type kv struct{ key, value string }
	var plain []kv
	if u.Importance != "" {
		plain = append(plain, kv{"importance", u.Importance})
	}
	if u.Performance != "" {
		plain = append(plain, kv{"performance", u.Performance})
	}
	if u.Sample < 0 {
		return fmt.Errorf("sample %d is not a count of ratings", u.Sample)
	}
	if u.Sample > 0 {
		plain = append(plain, kv{"sample", fmt.Sprint(u.Sample)})
	}
	for _, p := range plain {
		if !numberRE.MatchString(p.value) {
			return fmt.Errorf("%s %q is not a plain number", p.key, p.value)
		}
		if err := e.set(m, p.key, momentOrder, p.value); err != nil {
			return err
		}
	}
	if len(u.Expected) == 0 && len(u.Perceived) == 0 {
		return nil
	}
	return e.dimensions(m, u)
}

// dimensions records the edits of a moment's dimension scores.
func (e *editor) dimensions(m *yaml.Node, u Update) error {
	names := dimensionNames(u)
	for _, d := range names {
		if !nameRE.MatchString(d) {
			return fmt.Errorf("%q is not a dimension name", d)
		}
		for _, v := range []string{u.Expected[d], u.Perceived[d]} {
			if v != "" && !numberRE.MatchString(v) {
				return fmt.Errorf("%s %q is not a plain number", d, v)
			}
		}
	}
	dims := lookup(m, "dimensions")
	if dims == nil {
		// a new dimensions mapping: one line per dimension, or braces in
		// a moment written in braces
		var entries []string
		for _, d := range names {
			v, err := newScore(d, u.Expected[d], u.Perceived[d])
			if err != nil {
				return err
			}
			entries = append(entries, d+": "+v)
		}
		text := "dimensions: {" + strings.Join(entries, ", ") + "}"
		if m.Style&yaml.FlowStyle == 0 {
			ind := e.nl + strings.Repeat(" ", e.step(m)-(m.Content[0].Column-1))
			text = "dimensions:" + ind + strings.Join(entries, ind)
		}
		return e.insert(m, "dimensions", momentOrder, text)
	}
	if dims.Kind != yaml.MappingNode {
		return errors.New("dimensions is not a mapping")
	}
	order := append(append([]string(nil), cycle.AllDimensions...), names...)
	for _, d := range names {
		exp, per := u.Expected[d], u.Perceived[d]
		s := lookup(dims, d)
		switch {
		case s == nil:
			v, err := newScore(d, exp, per)
			if err != nil {
				return err
			}
			if err := e.insert(dims, d, order, d+": "+v); err != nil {
				return err
			}
		case s.Kind == yaml.MappingNode:
			if exp != "" {
				if err := e.set(s, "expected", scoreOrder, exp); err != nil {
					return fmt.Errorf("%s: %w", d, err)
				}
			}
			if per != "" {
				if err := e.set(s, "perceived", scoreOrder, per); err != nil {
					return fmt.Errorf("%s: %w", d, err)
				}
			}
		case exp == "":
			// a number alone is the perceived score
			if err := e.set(dims, d, order, per); err != nil {
				return err
			}
		default:
			if per == "" {
				per = s.Value
				if !numberRE.MatchString(per) {
					return fmt.Errorf("%s %q is not a plain number", d, per)
				}
			}
			if err := e.set(dims, d, order, "{expected: "+exp+", perceived: "+per+"}"); err != nil {
				return err
			}
		}
	}
	return nil
}

// newScore is the text of a dimension the moment does not have yet.
func newScore(d, exp, per string) (string, error) {
	switch {
	case per == "":
		return "", fmt.Errorf("%s: an expected score needs a perceived score", d)
	case exp == "":
		return per, nil
	}
	return "{expected: " + exp + ", perceived: " + per + "}", nil
}

// dimensionNames lists the dimensions an update touches: the canonical
// ones in their order, then any other sorted.
func dimensionNames(u Update) []string {
	all := map[string]bool{}
	for d := range u.Expected {
		all[d] = true
	}
	for d := range u.Perceived {
		all[d] = true
	}
	var out []string
	for _, d := range cycle.AllDimensions {
		if all[d] {
			out = append(out, d)
			delete(all, d)
		}
	}
	var rest []string
	for d := range all {
		rest = append(rest, d)
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// set writes value as key's value in mapping m: over the old value when
// the key is there, as a new entry otherwise.
func (e *editor) set(m *yaml.Node, key string, order []string, value string) error {
	k := lookupKey(m, key)
	if k < 0 {
		return e.insert(m, key, order, key+": "+value)
	}
	v := m.Content[k+1]
	if v.Anchor != "" {
		return fmt.Errorf("%s has the anchor &%s, which other values may share: change it by hand", key, v.Anchor)
	}
	if v.Kind != yaml.ScalarNode && v.Kind != yaml.AliasNode {
		return fmt.Errorf("%s is not a number", key)
	}
	if v.Kind == yaml.ScalarNode && (v.Style&(yaml.LiteralStyle|yaml.FoldedStyle|yaml.TaggedStyle) != 0 || v.Tag == "!!null") {
		return fmt.Errorf("%s is not written as a plain number", key)
	}
	start := e.offset(v.Line, v.Column)
	end, err := e.scalarEnd(start, inFlow(m))
	if err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	e.add(start, end, value)
	return nil
}

// insert adds the entry text (key: value, possibly several lines) for key
// to mapping m, after the nearest earlier key of order that m has, or
// before the nearest later one.
func (e *editor) insert(m *yaml.Node, key string, order []string, text string) error {
	if m.Style&yaml.FlowStyle != 0 {
		return e.insertFlow(m, key, order, text)
	}
	if len(m.Content) == 0 {
		return fmt.Errorf("cannot add %s to an empty mapping", key)
	}
	indent := strings.Repeat(" ", m.Content[0].Column-1)
	text = strings.ReplaceAll(text, e.nl, e.nl+indent)
	pos := indexOf(order, key)
	after := func(k int) bool {
		end, ok := e.oneLineEnd(m.Content[k], m.Content[k+1])
		if !ok {
			return false
		}
		at := e.lineEnd(end)
		if at == len(e.src) && (len(e.src) == 0 || e.src[len(e.src)-1] != '\n') {
			e.add(at, at, e.nl+indent+text)
		} else {
			e.add(at, at, indent+text+e.nl)
		}
		return true
	}
	before := func(k int) bool {
		kn := m.Content[k]
		if kn.Line < 1 || kn.Line > len(e.lines) {
			return false // a line the parser counts and e.lines does not (a lone "\r" ends a line for YAML)
		}
		at := e.offset(kn.Line, kn.Column)
		ls := e.lines[kn.Line-1]
		if strings.TrimLeft(string(e.src[ls:at]), " ") != "" {
			return false
		}
		e.add(ls, ls, indent+text+e.nl)
		return true
	}
	var earlier, later []int // present keys, nearest first
	for i := pos - 1; i >= 0; i-- {
		if k := lookupKey(m, order[i]); k >= 0 {
			earlier = append(earlier, k)
		}
	}
	for i := pos + 1; pos >= 0 && i < len(order); i++ {
		if k := lookupKey(m, order[i]); k >= 0 {
			later = append(later, k)
		}
	}
	// right after the nearest earlier key, else right before the nearest
	// later one, else after any earlier key that ends its line
	if len(earlier) > 0 && after(earlier[0]) {
		return nil
	}
	for _, k := range later {
		if before(k) {
			return nil
		}
	}
	for _, k := range earlier {
		if after(k) {
			return nil
		}
	}
	// after the last entry, when it ends on its own line
	if n := len(m.Content); n >= 2 && after(n-2) {
		return nil
	}
	return fmt.Errorf("found no line to add %s after", key)
}

// insertFlow adds "key: value" inside the braces of flow mapping m.
func (e *editor) insertFlow(m *yaml.Node, key string, order []string, text string) error {
	pos := indexOf(order, key)
	// before the first later key, so "expected" goes ahead of "perceived"
	for i := 0; i+1 < len(m.Content); i += 2 {
		if j := indexOf(order, m.Content[i].Value); j > pos && pos >= 0 {
			at := e.offset(m.Content[i].Line, m.Content[i].Column)
			e.add(at, at, text+", ")
			return nil
		}
	}
	open := e.offset(m.Line, m.Column)
	if open >= len(e.src) || e.src[open] != '{' {
		return fmt.Errorf("cannot find the braces around %s's mapping", key)
	}
	if len(m.Content) == 0 {
		end, err := e.flowEnd(open)
		if err != nil {
			return err
		}
		e.add(end-1, end-1, text)
		return nil
	}
	last := m.Content[len(m.Content)-1]
	end, err := e.valueEnd(last, true)
	if err != nil {
		return err
	}
	e.add(end, end, ", "+text)
	return nil
}

// oneLineEnd returns the end of value v (of key k) when the entry sits on
// one line: a scalar or a flow collection.
func (e *editor) oneLineEnd(k, v *yaml.Node) (int, bool) {
	if v.Kind == yaml.ScalarNode && v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return 0, false
	}
	if (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) && v.Style&yaml.FlowStyle == 0 {
		return 0, false
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "" {
		return 0, false
	}
	end, err := e.valueEnd(v, false)
	if err != nil || v.Line != k.Line || bytes.IndexByte(e.src[e.offset(v.Line, v.Column):end], '\n') >= 0 {
		return 0, false
	}
	return end, true
}

// valueEnd returns the offset just after value v.
func (e *editor) valueEnd(v *yaml.Node, flow bool) (int, error) {
	start := e.offset(v.Line, v.Column)
	if v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode {
		if v.Style&yaml.FlowStyle == 0 {
			return 0, errors.New("a block collection has no one-line end")
		}
		return e.flowEnd(start)
	}
	if v.Anchor != "" || v.Style&yaml.TaggedStyle != 0 {
		// the node's position may be the anchor's or the tag's; skip them
		for start < len(e.src) && (e.src[start] == '&' || e.src[start] == '!') {
			for start < len(e.src) && !isSpace(e.src[start]) {
				start++
			}
			for start < len(e.src) && (e.src[start] == ' ' || e.src[start] == '\t') {
				start++
			}
		}
		if start < len(e.src) && (e.src[start] == '{' || e.src[start] == '[') {
			return e.flowEnd(start)
		}
	}
	return e.scalarEnd(start, flow)
}

// flowEnd returns the offset after the bracket that closes the one opening
// at start, skipping quoted text and comments.
func (e *editor) flowEnd(start int) (int, error) {
	depth := 0
	for i := start; i < len(e.src); i++ {
		switch c := e.src[i]; c {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		case '"', '\'':
			end, err := e.quotedEnd(i)
			if err != nil {
				return 0, err
			}
			i = end - 1
		case '#':
			if i > 0 && isSpace(e.src[i-1]) {
				for i < len(e.src) && e.src[i] != '\n' {
					i++
				}
			}
		}
	}
	return 0, errors.New("unclosed flow collection")
}

// scalarEnd returns the offset just after the scalar (or alias) starting
// at start: a quoted scalar ends at its closing quote, a plain one before
// a comment, the line's end or, inside a flow collection, a ',', '}' or ']'.
func (e *editor) scalarEnd(start int, flow bool) (int, error) {
	if start >= len(e.src) {
		return 0, errors.New("value past the end of the file")
	}
	switch e.src[start] {
	case '"', '\'':
		return e.quotedEnd(start)
	case '|', '>':
		return 0, errors.New("a block scalar is not a number")
	}
	i := start
	for i < len(e.src) {
		c := e.src[i]
		if c == '\n' || c == '\r' {
			break
		}
		if c == '#' && i > start && isSpace(e.src[i-1]) {
			break
		}
		if flow && (c == ',' || c == '}' || c == ']') {
			break
		}
		i++
	}
	for i > start && isSpace(e.src[i-1]) {
		i--
	}
	return i, nil
}

// quotedEnd returns the offset after the closing quote of the quoted
// scalar at start.
func (e *editor) quotedEnd(start int) (int, error) {
	q := e.src[start]
	for i := start + 1; i < len(e.src); i++ {
		switch {
		case q == '"' && e.src[i] == '\\':
			i++
		case e.src[i] == q:
			if q == '\'' && i+1 < len(e.src) && e.src[i+1] == '\'' {
				i++
				continue
			}
			return i + 1, nil
		}
	}
	return 0, errors.New("unclosed quote")
}

// step is the indentation of a nested block under mapping m: the file's own
// step when m has a nested block, else two spaces.
func (e *editor) step(m *yaml.Node) int {
	col := m.Content[0].Column
	for i := 1; i < len(m.Content); i += 2 {
		v := m.Content[i]
		if (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 {
			c := v.Content[0].Column
			if v.Kind == yaml.SequenceNode {
				c = v.Column
			}
			if c > col {
				return c - 1
			}
		}
	}
	return col - 1 + 2
}

// lineEnd returns the offset after the newline that ends the line holding
// offset i (len(src) on the last line without one).
func (e *editor) lineEnd(i int) int {
	if j := bytes.IndexByte(e.src[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(e.src)
}

// offset converts a 1-based line and column (in characters, as yaml.v3
// counts them) to a byte offset.
func (e *editor) offset(line, col int) int {
	if line < 1 || line > len(e.lines) {
		return len(e.src)
	}
	i := e.lines[line-1]
	for c := 1; c < col && i < len(e.src) && e.src[i] != '\n'; c++ {
		_, w := utf8.DecodeRune(e.src[i:])
		i += w
	}
	return i
}

// apply returns src with every edit made.
func (e *editor) apply() ([]byte, error) {
	sort.Slice(e.edits, func(i, j int) bool {
		a, b := e.edits[i], e.edits[j]
		if a.start != b.start {
			return a.start < b.start
		}
		return a.seq < b.seq
	})
	var out bytes.Buffer
	at := 0
	for _, ed := range e.edits {
		if ed.start < at {
			return nil, errors.New("two changes overlap")
		}
		out.Write(e.src[at:ed.start])
		out.WriteString(ed.text)
		at = ed.end
	}
	out.Write(e.src[at:])
	return out.Bytes(), nil
}

// verify reads out back and checks every updated value reads as written.
func verify(out []byte, updates map[string]Update) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(out, &doc); err != nil {
		return err
	}
	moments, err := momentNodes(&doc)
	if err != nil {
		return err
	}
	for id, u := range updates {
		m := moments[id]
		if m == nil {
			return fmt.Errorf("moment %s is gone", id)
		}
		check := func(n *yaml.Node, what, want string) error {
			if want == "" {
				return nil
			}
			if n == nil || n.Kind != yaml.ScalarNode || n.Value != want {
				return fmt.Errorf("moment %s: %s does not read %s", id, what, want)
			}
			return nil
		}
		sample := ""
		if u.Sample > 0 {
			sample = fmt.Sprint(u.Sample)
		}
		for _, c := range []struct{ key, want string }{{"importance", u.Importance}, {"performance", u.Performance}, {"sample", sample}} {
			if err := check(lookup(m, c.key), c.key, c.want); err != nil {
				return err
			}
		}
		dims := lookup(m, "dimensions")
		for _, d := range dimensionNames(u) {
			var s *yaml.Node
			if dims != nil {
				s = lookup(dims, d)
			}
			per := s
			if s != nil && s.Kind == yaml.MappingNode {
				per = lookup(s, "perceived")
				if err := check(lookup(s, "expected"), d+".expected", u.Expected[d]); err != nil {
					return err
				}
			} else if err := check(nil, d+".expected", u.Expected[d]); err != nil {
				return err
			}
			if err := check(per, d+".perceived", u.Perceived[d]); err != nil {
				return err
			}
		}
	}
	return nil
}

// inFlow reports whether values of m are inside a flow collection.
func inFlow(m *yaml.Node) bool { return m.Style&yaml.FlowStyle != 0 }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// lineStarts returns the byte offset of each line's start.
func lineStarts(src []byte) []int {
	out := []int{0}
	for i, c := range src {
		if c == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}
