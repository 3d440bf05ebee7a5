package xdot

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Drawing is a laid-out graph ready to paint.
type Drawing struct {
	// BB is the graph's bounding box (its "bb" attribute), in points.
	BB Rect
	// Pad is the margin added around BB on each side, in points, like
	// Graphviz's "pad" attribute (default 4 points). The painted page is
	// BB grown by Pad.
	Pad Point
	// Items are the drawing-operation lists in painting order: the root
	// graph, then clusters (outer before inner, in file order), then nodes
	// and edges in file order, shapes before labels.
	Items []Item
}

// Item is one drawing attribute of one graph object, such as the _ldraw_
// of node "a". Graphics state (colours, font, line style) starts afresh
// at the beginning of each item, as in Graphviz's own xdot readers.
type Item struct {
	Kind string // "graph", "cluster", "node" or "edge"
	Name string // object name; for edges "tail->head" (or "tail--head")
	Attr string // attribute the operations came from, such as "_draw_"
	Ops  []Op
}

// Size returns the painted page size in points: BB grown by Pad.
func (d *Drawing) Size() (w, h float64) {
	return d.BB.Dx() + 2*d.Pad.X, d.BB.Dy() + 2*d.Pad.Y
}

// Find returns the items of the given kind, name and attribute, in order.
// An empty argument matches anything.
func (d *Drawing) Find(kind, name, attr string) []Item {
	var out []Item
	for _, it := range d.Items {
		if (kind == "" || it.Kind == kind) && (name == "" || it.Name == name) && (attr == "" || it.Attr == attr) {
			out = append(out, it)
		}
	}
	return out
}

// Painting order of the drawing attributes of each kind of object.
var (
	graphAttrs = []string{"_background", "_draw_", "_ldraw_"}
	nodeAttrs  = []string{"_draw_", "_ldraw_"}
	edgeAttrs  = []string{"_draw_", "_tdraw_", "_hdraw_", "_ldraw_", "_tldraw_", "_hldraw_"}
)

// DefaultPad is the margin Graphviz adds around the bounding box, in points.
const DefaultPad = 4

// FromXDOT reads Graphviz xdot output (the text Graphviz writes for
// format "xdot") and collects its drawing operations. It calls no Graphviz
// code. The graph must have been laid out: a missing "bb" attribute is an
// error. Errors give the line and column of the offending text.
func FromXDOT(src []byte) (*Drawing, error) {
	p := &dotParser{lx: lexer{src: src, line: 1, col: 1}}
	root, err := p.parseFile()
	if err != nil {
		return nil, fmt.Errorf("xdot: %w", err)
	}
	d := &Drawing{Pad: Point{DefaultPad, DefaultPad}}
	bb, ok := root.attrs["bb"]
	if !ok {
		return nil, errors.New("xdot: graph has no bb attribute: it was not laid out, or this is not xdot output")
	}
	if d.BB, err = parseBB(bb.val); err != nil {
		return nil, fmt.Errorf("xdot: %s: bb: %w", bb.pos, err)
	}
	if pad, ok := root.attrs["pad"]; ok {
		if d.Pad, err = parsePad(pad.val); err != nil {
			return nil, fmt.Errorf("xdot: %s: pad: %w", pad.pos, err)
		}
	}
	add := func(kind, name string, attrs map[string]value, order []string) error {
		for _, a := range order {
			v, ok := attrs[a]
			if !ok || strings.TrimSpace(v.val) == "" {
				continue
			}
			ops, err := ParseOps(v.val)
			if err != nil {
				where := fmt.Sprintf("%s: %s %q %s", v.pos, kind, name, a)
				var oe *OpError
				if errors.As(err, &oe) {
					return &attrError{where: where, err: oe}
				}
				return fmt.Errorf("xdot: %s: %w", where, err)
			}
			d.Items = append(d.Items, Item{Kind: kind, Name: name, Attr: a, Ops: ops})
		}
		return nil
	}
	if err := add("graph", root.name, root.attrs, graphAttrs); err != nil {
		return nil, err
	}
	var clusters func(g *graphScope) error
	clusters = func(g *graphScope) error {
		for _, s := range g.subs {
			if err := add("cluster", s.name, s.attrs, graphAttrs[1:]); err != nil {
				return err
			}
			if err := clusters(s); err != nil {
				return err
			}
		}
		return nil
	}
	if err := clusters(root); err != nil {
		return nil, err
	}
	objects := p.objects
	if v, ok := root.attrs["outputorder"]; ok && v.val == "edgesfirst" {
		// paint as Graphviz's SVG does: every edge under every node
		objects = slices.Clone(objects)
		slices.SortStableFunc(objects, func(a, b *object) int {
			return cmp.Compare(boolInt(a.kind != "edge"), boolInt(b.kind != "edge"))
		})
	}
	for _, o := range objects {
		order := nodeAttrs
		if o.kind == "edge" {
			order = edgeAttrs
		}
		if err := add(o.kind, o.name, o.attrs, order); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func parseBB(s string) (Rect, error) {
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return Rect{}, fmt.Errorf("%q is not \"llx,lly,urx,ury\"", s)
	}
	var v [4]float64
	for i, x := range f {
		n, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil || n != n || n > 1e7 || n < -1e7 {
			return Rect{}, fmt.Errorf("%q is not \"llx,lly,urx,ury\"", s)
		}
		v[i] = n
	}
	r := Rect{Point{v[0], v[1]}, Point{v[2], v[3]}}
	if r.Dx() < 0 || r.Dy() < 0 {
		return Rect{}, fmt.Errorf("%q is an empty box", s)
	}
	return r, nil
}

func parsePad(s string) (Point, error) {
	f := strings.Split(s, ",")
	if len(f) > 2 {
		return Point{}, fmt.Errorf("%q is not \"x[,y]\" inches", s)
	}
	var v []float64
	for _, x := range f {
		n, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil || n < 0 || n > 100 {
			return Point{}, fmt.Errorf("%q is not \"x[,y]\" inches", s)
		}
		v = append(v, n*72)
	}
	if len(v) == 1 {
		v = append(v, v[0])
	}
	return Point{v[0], v[1]}, nil
}

// ---- DOT reader ----

// pos is a line:column position in the xdot text.
type pos struct{ line, col int }

func (p pos) String() string { return fmt.Sprintf("%d:%d", p.line, p.col) }

type value struct {
	val string
	pos pos
}

type graphScope struct {
	name  string
	attrs map[string]value
	subs  []*graphScope
}

type object struct {
	kind  string // "node" or "edge"
	name  string
	attrs map[string]value
}

type tokKind int

const (
	tEOF tokKind = iota
	tID
	tPunct // { } [ ] ; , = : -> --
)

type token struct {
	kind   tokKind
	text   string // punctuation, or the unquoted ID
	quoted bool   // ID was a quoted or HTML string (so not a keyword)
	pos    pos
}

type lexer struct {
	src       []byte
	i         int
	line, col int
	peeked    *token
}

func (lx *lexer) errf(at pos, format string, args ...any) error {
	return fmt.Errorf("%s: %s", at, fmt.Sprintf(format, args...))
}

func (lx *lexer) advance(n int) {
	for k := 0; k < n && lx.i < len(lx.src); k++ {
		if lx.src[lx.i] == '\n' {
			lx.line++
			lx.col = 1
		} else if lx.src[lx.i]&0xC0 != 0x80 { // count runes, not bytes
			lx.col++
		}
		lx.i++
	}
}

func (lx *lexer) here() pos { return pos{lx.line, lx.col} }

func (lx *lexer) peek() (token, error) {
	if lx.peeked != nil {
		return *lx.peeked, nil
	}
	t, err := lx.scan()
	if err != nil {
		return t, err
	}
	lx.peeked = &t
	return t, nil
}

func (lx *lexer) next() (token, error) {
	t, err := lx.peek()
	lx.peeked = nil
	return t, err
}

func (lx *lexer) skipSpaceAndComments() error {
	atLineStart := lx.i == 0 || lx.src[lx.i-1] == '\n'
	for lx.i < len(lx.src) {
		c := lx.src[lx.i]
		switch {
		case c == '\n':
			lx.advance(1)
			atLineStart = true
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			lx.advance(1)
		case c == '#' && atLineStart:
			for lx.i < len(lx.src) && lx.src[lx.i] != '\n' {
				lx.advance(1)
			}
		case c == '/' && lx.i+1 < len(lx.src) && lx.src[lx.i+1] == '/':
			for lx.i < len(lx.src) && lx.src[lx.i] != '\n' {
				lx.advance(1)
			}
		case c == '/' && lx.i+1 < len(lx.src) && lx.src[lx.i+1] == '*':
			start := lx.here()
			lx.advance(2)
			for {
				if lx.i >= len(lx.src) {
					return lx.errf(start, "unterminated comment")
				}
				if lx.src[lx.i] == '*' && lx.i+1 < len(lx.src) && lx.src[lx.i+1] == '/' {
					lx.advance(2)
					break
				}
				lx.advance(1)
			}
			atLineStart = false
		default:
			return nil
		}
	}
	return nil
}

func isIDByte(c byte) bool {
	return c == '_' || c == '.' || c >= 0x80 || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

func (lx *lexer) scan() (token, error) {
	if err := lx.skipSpaceAndComments(); err != nil {
		return token{}, err
	}
	at := lx.here()
	if lx.i >= len(lx.src) {
		return token{kind: tEOF, pos: at}, nil
	}
	c := lx.src[lx.i]
	switch {
	case c == '-' && lx.i+1 < len(lx.src) && (lx.src[lx.i+1] == '>' || lx.src[lx.i+1] == '-'):
		t := token{kind: tPunct, text: string(lx.src[lx.i : lx.i+2]), pos: at}
		lx.advance(2)
		return t, nil
	case strings.IndexByte("{}[];,=:", c) >= 0:
		lx.advance(1)
		return token{kind: tPunct, text: string(c), pos: at}, nil
	case c == '"':
		s, err := lx.quoted(at)
		if err != nil {
			return token{}, err
		}
		// "a" + "b" concatenation.
		for {
			save, sl, sc := lx.i, lx.line, lx.col
			if err := lx.skipSpaceAndComments(); err != nil {
				return token{}, err
			}
			if lx.i < len(lx.src) && lx.src[lx.i] == '+' {
				lx.advance(1)
				if err := lx.skipSpaceAndComments(); err != nil {
					return token{}, err
				}
				if lx.i >= len(lx.src) || lx.src[lx.i] != '"' {
					return token{}, lx.errf(lx.here(), "'+' must be followed by a quoted string")
				}
				more, err := lx.quoted(lx.here())
				if err != nil {
					return token{}, err
				}
				s += more
				continue
			}
			lx.i, lx.line, lx.col = save, sl, sc
			break
		}
		return token{kind: tID, text: s, quoted: true, pos: at}, nil
	case c == '<':
		depth := 0
		start := lx.i
		for {
			if lx.i >= len(lx.src) {
				return token{}, lx.errf(at, "unterminated HTML string")
			}
			switch lx.src[lx.i] {
			case '<':
				depth++
			case '>':
				depth--
			}
			lx.advance(1)
			if depth == 0 {
				break
			}
		}
		return token{kind: tID, text: string(lx.src[start+1 : lx.i-1]), quoted: true, pos: at}, nil
	case isIDByte(c) || c == '-':
		start := lx.i
		lx.advance(1)
		for lx.i < len(lx.src) && isIDByte(lx.src[lx.i]) {
			lx.advance(1)
		}
		text := string(lx.src[start:lx.i])
		if !utf8.ValidString(text) {
			return token{}, lx.errf(at, "invalid UTF-8")
		}
		return token{kind: tID, text: text, pos: at}, nil
	}
	return token{}, lx.errf(at, "unexpected character %q", rune(c))
}

// quoted reads a double-quoted string starting at lx.i. As Graphviz writes
// it, \" stands for ", \\ for \, and backslash-newline continues the line;
// any other backslash is kept.
func (lx *lexer) quoted(at pos) (string, error) {
	lx.advance(1)
	var b strings.Builder
	for {
		if lx.i >= len(lx.src) {
			return "", lx.errf(at, "unterminated string")
		}
		c := lx.src[lx.i]
		switch {
		case c == '"':
			lx.advance(1)
			return b.String(), nil
		case c == '\\' && lx.i+1 < len(lx.src):
			switch n := lx.src[lx.i+1]; n {
			case '"', '\\':
				b.WriteByte(n)
				lx.advance(2)
			case '\n':
				lx.advance(2)
			case '\r':
				lx.advance(2)
				if lx.i < len(lx.src) && lx.src[lx.i] == '\n' {
					lx.advance(1)
				}
			default:
				b.WriteByte(c)
				lx.advance(1)
			}
		default:
			b.WriteByte(c)
			lx.advance(1)
		}
	}
}

type dotParser struct {
	lx       lexer
	objects  []*object
	nodes    map[string]*object
	directed bool
	depth    int
}

func keyword(t token, kw string) bool {
	return t.kind == tID && !t.quoted && strings.EqualFold(t.text, kw)
}

func (p *dotParser) expect(punct string) (token, error) {
	t, err := p.lx.next()
	if err != nil {
		return t, err
	}
	if t.kind != tPunct || t.text != punct {
		return t, p.lx.errf(t.pos, "expected %q, found %s", punct, describe(t))
	}
	return t, nil
}

func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of input"
	case tPunct:
		return strconv.Quote(t.text)
	}
	s := t.text
	if len(s) > 20 {
		s = s[:20] + "..."
	}
	return strconv.Quote(s)
}

func (p *dotParser) parseFile() (*graphScope, error) {
	p.nodes = make(map[string]*object)
	t, err := p.lx.next()
	if err != nil {
		return nil, err
	}
	if keyword(t, "strict") {
		if t, err = p.lx.next(); err != nil {
			return nil, err
		}
	}
	switch {
	case keyword(t, "digraph"):
		p.directed = true
	case keyword(t, "graph"):
	default:
		return nil, p.lx.errf(t.pos, "expected \"graph\" or \"digraph\", found %s", describe(t))
	}
	g := &graphScope{attrs: make(map[string]value)}
	if t, err = p.lx.peek(); err != nil {
		return nil, err
	}
	if t.kind == tID {
		g.name = t.text
		_, _ = p.lx.next()
	}
	if _, err := p.expect("{"); err != nil {
		return nil, err
	}
	if err := p.stmtList(g); err != nil {
		return nil, err
	}
	if t, err = p.lx.next(); err != nil {
		return nil, err
	}
	if t.kind != tEOF {
		return nil, p.lx.errf(t.pos, "unexpected %s after the graph", describe(t))
	}
	return g, nil
}

// stmtList parses statements up to and including the closing brace.
func (p *dotParser) stmtList(g *graphScope) error {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > 100 {
		return p.lx.errf(p.lx.here(), "subgraphs nested too deeply")
	}
	for {
		t, err := p.lx.peek()
		if err != nil {
			return err
		}
		switch {
		case t.kind == tEOF:
			return p.lx.errf(t.pos, "missing \"}\"")
		case t.kind == tPunct && t.text == "}":
			_, _ = p.lx.next()
			return nil
		case t.kind == tPunct && t.text == ";":
			_, _ = p.lx.next()
			continue
		}
		if err := p.stmt(g); err != nil {
			return err
		}
	}
}

func (p *dotParser) stmt(g *graphScope) error {
	t, _ := p.lx.next()
	switch {
	case keyword(t, "graph"):
		return p.attrList(g.attrs, true)
	case keyword(t, "node"), keyword(t, "edge"):
		return p.attrList(make(map[string]value), true) // defaults carry no drawing
	case keyword(t, "subgraph") || (t.kind == tPunct && t.text == "{"):
		sub, err := p.subgraph(t)
		if err != nil {
			return err
		}
		g.subs = append(g.subs, sub)
		return p.maybeEdge(g, nil)
	case t.kind == tID:
		nt, err := p.lx.peek()
		if err != nil {
			return err
		}
		if nt.kind == tPunct && nt.text == "=" {
			_, _ = p.lx.next()
			v, err := p.lx.next()
			if err != nil {
				return err
			}
			if v.kind != tID {
				return p.lx.errf(v.pos, "expected a value, found %s", describe(v))
			}
			g.attrs[t.text] = value{v.text, v.pos}
			return nil
		}
		if err := p.port(); err != nil {
			return err
		}
		return p.maybeEdge(g, &t)
	}
	return p.lx.errf(t.pos, "unexpected %s", describe(t))
}

func (p *dotParser) subgraph(first token) (*graphScope, error) {
	sub := &graphScope{attrs: make(map[string]value)}
	if keyword(first, "subgraph") {
		t, err := p.lx.peek()
		if err != nil {
			return nil, err
		}
		if t.kind == tID {
			sub.name = t.text
			_, _ = p.lx.next()
		}
		if _, err := p.expect("{"); err != nil {
			return nil, err
		}
	}
	return sub, p.stmtList(sub)
}

// port skips an optional ":port[:compass]".
func (p *dotParser) port() error {
	for range 2 {
		t, err := p.lx.peek()
		if err != nil {
			return err
		}
		if t.kind != tPunct || t.text != ":" {
			return nil
		}
		_, _ = p.lx.next()
		if t, err = p.lx.next(); err != nil {
			return err
		}
		if t.kind != tID {
			return p.lx.errf(t.pos, "expected a port name, found %s", describe(t))
		}
	}
	return nil
}

// maybeEdge finishes a node statement or an edge statement whose first
// endpoint (a node, or a subgraph when first is nil) has been read.
func (p *dotParser) maybeEdge(g *graphScope, first *token) error {
	ends := []*token{first}
	for {
		t, err := p.lx.peek()
		if err != nil {
			return err
		}
		if t.kind != tPunct || (t.text != "->" && t.text != "--") {
			break
		}
		_, _ = p.lx.next()
		n, err := p.lx.next()
		if err != nil {
			return err
		}
		switch {
		case keyword(n, "subgraph") || (n.kind == tPunct && n.text == "{"):
			sub, err := p.subgraph(n)
			if err != nil {
				return err
			}
			g.subs = append(g.subs, sub)
			ends = append(ends, nil)
		case n.kind == tID:
			if err := p.port(); err != nil {
				return err
			}
			ends = append(ends, &n)
		default:
			return p.lx.errf(n.pos, "expected an edge endpoint, found %s", describe(n))
		}
	}
	attrs := make(map[string]value)
	if t, err := p.lx.peek(); err != nil {
		return err
	} else if t.kind == tPunct && t.text == "[" {
		if err := p.attrList(attrs, false); err != nil {
			return err
		}
	}
	if len(ends) == 1 {
		if first == nil {
			return nil // a bare subgraph
		}
		o := p.nodes[first.text]
		if o == nil {
			o = &object{kind: "node", name: first.text, attrs: attrs}
			p.nodes[first.text] = o
			p.objects = append(p.objects, o)
			return nil
		}
		for k, v := range attrs {
			o.attrs[k] = v
		}
		return nil
	}
	op := "--"
	if p.directed {
		op = "->"
	}
	for i := 0; i+1 < len(ends); i++ {
		if ends[i] == nil || ends[i+1] == nil {
			continue // edges to whole subgraphs: Graphviz never writes them in xdot
		}
		p.objects = append(p.objects, &object{kind: "edge", name: ends[i].text + op + ends[i+1].text, attrs: attrs})
	}
	return nil
}

// attrList parses one or more "[a=b, c=d]" lists into attrs. When
// required is true at least one list must follow.
func (p *dotParser) attrList(attrs map[string]value, required bool) error {
	for {
		t, err := p.lx.peek()
		if err != nil {
			return err
		}
		if t.kind != tPunct || t.text != "[" {
			if required {
				return p.lx.errf(t.pos, "expected \"[\", found %s", describe(t))
			}
			return nil
		}
		_, _ = p.lx.next()
		required = false
		for {
			k, err := p.lx.next()
			if err != nil {
				return err
			}
			if k.kind == tPunct && k.text == "]" {
				break
			}
			if k.kind == tPunct && (k.text == "," || k.text == ";") {
				continue
			}
			if k.kind != tID {
				return p.lx.errf(k.pos, "expected an attribute name, found %s", describe(k))
			}
			if _, err := p.expect("="); err != nil {
				return err
			}
			v, err := p.lx.next()
			if err != nil {
				return err
			}
			if v.kind != tID {
				return p.lx.errf(v.pos, "expected a value for %q, found %s", k.text, describe(v))
			}
			attrs[k.text] = value{v.text, v.pos}
		}
	}
}
