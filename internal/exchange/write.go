package exchange

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ciclo-dev/ciclo/cycle"
)

// maxID is the longest generated id, in characters.
const maxID = 40

// slug makes an id from a name: accents folded, lowercase, every run of
// other characters one hyphen, at most maxID characters cut at a hyphen.
func slug(name string) string {
	s := strings.ReplaceAll(normalize(name), " ", "-")
	var b strings.Builder
	for _, r := range s {
		if r < 128 {
			b.WriteRune(r)
		}
	}
	s = strings.Trim(b.String(), "-")
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	if len(s) > maxID {
		whole := s[maxID] == '-' // the cut falls between words
		s = s[:maxID]
		if i := strings.LastIndexByte(s, '-'); !whole && i > maxID/2 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	return s
}

// assignIDs gives every moment an id: its own when valid, else one made
// from its name; unique, a -2, -3... suffix on repeats.
func assignIDs(d *draft, notes *[]Note, lang string) {
	used := map[string]bool{}
	for _, m := range d.Moments {
		if m.ID != "" && cycle.ValidID(m.ID) && !used[m.ID] {
			used[m.ID] = true
		}
	}
	for i, m := range d.Moments {
		if m.ID != "" && cycle.ValidID(m.ID) {
			if used[m.ID] && !isFirstWithID(d, i) {
				*notes = append(*notes, Note{Where: m.Origin, Text: tr(lang, "id %q repeats an earlier moment's; a new one is made from the name", m.ID)})
			} else {
				continue
			}
		} else if m.ID != "" {
			*notes = append(*notes, Note{Where: m.Origin, Text: tr(lang, "id %q is not an id (lowercase letters, digits, - and _); a new one is made from the name", m.ID)})
		}
		base := slug(m.Name)
		if base == "" {
			base = slug(m.ID)
		}
		if base == "" {
			base = fmt.Sprintf("moment-%d", i+1)
		}
		id := base
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		used[id] = true
		m.ID = id
	}
}

// isFirstWithID reports whether moment i is the first with its id.
func isFirstWithID(d *draft, i int) bool {
	for _, m := range d.Moments[:i] {
		if m.ID == d.Moments[i].ID {
			return false
		}
	}
	return true
}

// laneKeys decides where the blueprint lanes (evidence, backstage,
// support) go: they are moment keys of docs/format.md, which the parser
// reads. (Before it did, this was false and their items were kept in the
// moment's description, one "Evidence: ..." line a lane.)
const laneKeys = true

// node helpers for building the YAML document.
func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	} else if yaml11Typed(s) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// yaml11Words are the plain words an older (YAML 1.1) reader, such as
// PyYAML or many editors' plugins, takes for a boolean or null.
var yaml11Words = map[string]bool{"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true,
	"true": true, "false": true, "null": true, "~": true}

// yaml11Typed reports whether s, written plain, would read as something
// other than this text to a YAML 1.1 reader: the words above, or text
// that starts like a number (1_000, 1:30, 0o17, 2026-01-02, .5).
// ciclo's reader keeps such text as written either way; quoting keeps
// the file the same text for every other tool that opens it.
func yaml11Typed(s string) bool {
	if yaml11Words[strings.ToLower(s)] {
		return true
	}
	t := strings.TrimLeft(s, "+-.")
	return t != "" && t[0] >= '0' && t[0] <= '9'
}

func num(v float64) *yaml.Node {
	tag := "!!int"
	if v != float64(int64(v)) {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: formatNumber(v)}
}

func boolean(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func seq(items []string, flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	if flow {
		n.Style = yaml.FlowStyle
	}
	for _, s := range items {
		n.Content = append(n.Content, str(s))
	}
	return n
}

// add appends key: value to a mapping, with an optional line comment.
func add(m *yaml.Node, key string, v *yaml.Node, comment string) *yaml.Node {
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
	v.LineComment = comment
	m.Content = append(m.Content, k, v)
	return k
}

// commentText makes text safe for a YAML comment: valid UTF-8, no control
// characters (a file name or a cell may hold either).
func commentText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// yamlOf writes the draft as a commented cycle file. The YAML library
// panics on some input it cannot write; that is an error here.
func yamlOf(d *draft, lang string) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("cannot write the cycle file: %v", r)
		}
	}()
	root := mapping()
	var head []string
	head = append(head, tr(lang, "Imported by ciclo import from %s.", d.Source))
	target := d.Output
	if target == "" {
		target = tr(lang, "FILE")
	}
	head = append(head, tr(lang, "Check what the data lacks with: ciclo lint %s", target))
	if len(d.Comments) > 0 {
		head = append(head, "", tr(lang, "Cells that map to no key, kept here:"))
		head = append(head, d.Comments...)
	}
	add(root, "version", num(1), "").HeadComment = commentText(strings.Join(head, "\n"))
	add(root, "title", str(d.Title), "")
	if d.Customer != "" {
		add(root, "customer", str(d.Customer), "")
	}
	if d.Organization != "" {
		add(root, "organization", str(d.Organization), "")
	}
	add(root, "language", str(d.Language), "")
	sc := tr(lang, "scores run 1..%d", d.Scale)
	if d.Converted != "" {
		sc = tr(lang, "scores run 1..%d, converted from %s", d.Scale, d.Converted)
	}
	add(root, "scale", num(float64(d.Scale)), sc)
	servqual := d.Servqual
	for _, m := range d.Moments {
		if _, ok := m.Dimensions["assurance"]; ok && servqual == 0 {
			servqual = 5
		}
		if _, ok := m.Dimensions["empathy"]; ok && servqual == 0 {
			servqual = 5
		}
	}
	if servqual == 5 {
		add(root, "servqual", num(5), "")
	}
	if d.Quadrants != "" && d.Quadrants != cycle.QuadrantSplits[0] {
		add(root, "quadrants", str(d.Quadrants), "")
	}
	if d.State != "" && d.State != cycle.States[0] {
		add(root, "state", str(d.State), "")
	}
	if d.Closed != nil {
		add(root, "closed", boolean(*d.Closed), "")
	}
	if len(d.Thresholds) > 0 {
		th := mapping()
		for _, k := range []string{"importance", "performance", "gap"} {
			if v, ok := d.Thresholds[k]; ok {
				add(th, k, num(v), "")
			}
		}
		add(root, "critical", th, "")
	}
	moments := &yaml.Node{Kind: yaml.SequenceNode}
	add(root, "moments", moments, "")
	for _, m := range d.Moments {
		moments.Content = append(moments.Content, momentNode(m, lang))
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// momentNode writes one moment; its origin in the sheet is its comment.
func momentNode(m *draftMoment, lang string) *yaml.Node {
	n := mapping()
	n.HeadComment = commentText(m.Origin)
	add(n, "id", str(m.ID), "")
	add(n, "name", str(m.Name), "")
	desc := m.Description
	var extra []string
	if !laneKeys {
		for _, lane := range []struct {
			key   string
			items []string
		}{{"evidence", m.Evidence}, {"backstage", m.Backstage}, {"support", m.Support}} {
			if len(lane.items) > 0 {
				extra = append(extra, laneLabel(lang, lane.key)+": "+strings.Join(lane.items, "; "))
			}
		}
	}
	extra = append(extra, m.Extra...)
	if len(extra) > 0 {
		if desc != "" {
			desc += "\n"
		}
		desc += strings.Join(extra, "\n")
	}
	for _, f := range []struct{ key, v string }{
		{"description", desc}, {"stage", m.Stage}, {"channel", m.Channel}, {"owner", m.Owner},
		{"expectation", m.Expectation}, {"standard", m.Standard},
	} {
		if f.v != "" {
			add(n, f.key, str(f.v), "")
		}
	}
	if m.Importance > 0 {
		add(n, "importance", num(m.Importance), "")
	}
	if m.Performance > 0 {
		add(n, "performance", num(m.Performance), "")
	}
	if m.Sample > 0 {
		add(n, "sample", num(float64(m.Sample)), "")
	}
	if m.Critical != nil {
		add(n, "critical", boolean(*m.Critical), "")
	}
	if m.URL != "" {
		add(n, "url", str(m.URL), "")
	}
	if len(m.Dimensions) > 0 {
		dims := mapping()
		for _, d := range dimensionOrder(m.Dimensions) {
			s := m.Dimensions[d]
			if s.Expected > 0 {
				v := mapping()
				v.Style = yaml.FlowStyle
				add(v, "expected", num(s.Expected), "")
				if s.Perceived > 0 {
					add(v, "perceived", num(s.Perceived), "")
				}
				add(dims, d, v, "")
			} else if s.Perceived > 0 {
				add(dims, d, num(s.Perceived), "")
			}
		}
		add(n, "dimensions", dims, "")
	}
	if len(m.Pains) > 0 {
		add(n, "pains", seq(m.Pains, false), "")
	}
	if laneKeys {
		for _, lane := range []struct {
			key   string
			items []string
		}{{"evidence", m.Evidence}, {"backstage", m.Backstage}, {"support", m.Support}} {
			if len(lane.items) > 0 {
				add(n, lane.key, seq(lane.items, false), "")
			}
		}
	}
	if len(m.Improvements) > 0 {
		list := &yaml.Node{Kind: yaml.SequenceNode}
		for _, im := range m.Improvements {
			in := mapping()
			add(in, "action", str(im.Action), "")
			if im.Owner != "" {
				add(in, "owner", str(im.Owner), "")
			}
			if im.Due != "" {
				add(in, "due", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: im.Due}, "")
			}
			if im.Pillar != "" {
				add(in, "pillar", str(im.Pillar), "")
			}
			if im.Status != "" {
				add(in, "status", str(im.Status), "")
			}
			list.Content = append(list.Content, in)
		}
		add(n, "improvements", list, "")
	}
	if m.NextSet {
		add(n, "next", seq(m.Next, true), "")
	}
	if len(m.Ignore) > 0 {
		add(n, "ignore", seq(m.Ignore, true), "")
	}
	return n
}

// laneLabel names a blueprint lane kept in a description.
func laneLabel(lang, key string) string {
	switch key {
	case "evidence":
		return tr(lang, "Evidence")
	case "backstage":
		return tr(lang, "Backstage")
	}
	return tr(lang, "Support")
}

// dimensionOrder lists a moment's determinants in the canonical order.
func dimensionOrder(dims map[string]*draftScore) []string {
	var out []string
	order := cycle.Dimensions
	for d := range dims {
		if d == "assurance" || d == "empathy" {
			order = cycle.Dimensions5
		}
	}
	for _, d := range order {
		if _, ok := dims[d]; ok {
			out = append(out, d)
		}
	}
	return out
}
