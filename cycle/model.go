package cycle

import (
	"time"

	"github.com/ciclo-dev/ciclo/internal/msg"
)

// FormatVersion is the only cycle file format version ciclo reads.
const FormatVersion = 1

// Limits on hostile input.
const (
	// MaxFileSize is the largest cycle file accepted, in bytes.
	MaxFileSize = 8 << 20
	// MaxMoments is the largest number of moments in one cycle.
	MaxMoments = 5000
	// MaxText is the longest text value, in characters: a name or an action
	// is a line, a description a paragraph. Longer text only makes drawings
	// unreadable and slow.
	MaxText = 2000
	// MaxLongText is the longest text that is not drawn (a description,
	// an expectation, a standard, a pain), in characters.
	MaxLongText = 20000
	// MaxNext is the most moments one moment may lead to; a step of a
	// service offers a few ways on, and each is drawn as a curve.
	MaxNext = 20
	// MaxSample is the largest sample a moment may give: more ratings
	// than any survey collects.
	MaxSample = 100_000_000
	// maxNodes bounds the YAML nodes visited, aliases expanded.
	maxNodes = 1_000_000
)

// Dimensions lists the ten SERVQUAL determinants, the keys allowed under a
// moment's dimensions in a file with servqual: 10 (the default), in their
// canonical order.
var Dimensions = []string{
	"reliability", "responsiveness", "competence", "access", "courtesy",
	"communication", "credibility", "security", "understanding", "tangibles",
}

// Dimensions5 lists the five SERVQUAL dimensions, the keys allowed under a
// moment's dimensions in a file with servqual: 5, in their canonical order.
// docs/format.md tells how the ten determinants map onto them.
var Dimensions5 = []string{"tangibles", "reliability", "responsiveness", "assurance", "empathy"}

// AllDimensions lists the keys of both SERVQUAL models, the ten
// determinants then the two dimensions only the five-dimension model has.
var AllDimensions = append(append([]string(nil), Dimensions...), "assurance", "empathy")

// FiveOf maps each of the ten determinants to the one of the five
// dimensions it became when SERVQUAL was refined: competence, courtesy,
// credibility and security became assurance; access, communication and
// understanding became empathy.
var FiveOf = map[string]string{
	"reliability": "reliability", "responsiveness": "responsiveness", "tangibles": "tangibles",
	"competence": "assurance", "courtesy": "assurance", "credibility": "assurance", "security": "assurance",
	"access": "empathy", "communication": "empathy", "understanding": "empathy",
}

// ServqualModels lists the values of the top-level servqual key: the
// number of dimensions; the first is the default.
var ServqualModels = []string{"10", "5"}

// QuadrantSplits lists the values of the top-level quadrants key; the
// first is the default.
var QuadrantSplits = []string{"midpoint", "mean"}

// States lists the values of the top-level state key; the first is the
// default.
var States = []string{"as-is", "to-be"}

// Pillars lists the four pillars an improvement may strengthen.
var Pillars = []string{"treatment", "processes", "responsiveness", "organization"}

// Statuses lists the states of an improvement; the first is the default.
var Statuses = []string{"planned", "doing", "done"}

// Languages lists the languages of fixed words, those of ciclo's message
// catalog (internal/msg); the first, English, is the default.
var Languages = msg.Languages()

// Cycle is one parsed and validated cycle file.
type Cycle struct {
	File         string // the name the file was read under
	Version      int
	Title        string
	Customer     string
	Organization string
	Language     string // "en" or "es"
	Scale        int    // scores run 1..Scale
	Closed       bool   // after the last moment the cycle returns to the first
	Servqual     int    // 10 (the ten determinants) or 5 (the five dimensions)
	Quadrants    string // "midpoint" or "mean": where the quadrants split
	State        string // "as-is" (today's service) or "to-be" (a design)
	Thresholds   Thresholds
	Moments      []*Moment

	Pos  Pos            // the root mapping
	Keys map[string]Pos // position of each top-level key's value

	byID map[string]*Moment // the index Moment looks ids up in; see Index
}

// Thresholds decide computed criticality.
// Each is a score within 1..scale and may have decimals (see Decimal).
type Thresholds struct {
	Importance  Decimal // importance >= Importance ...
	Performance Decimal // ... and performance <= Performance => critical
	Gap         Decimal // or expected - perceived >= Gap in any dimension
}

// DefaultThresholds returns the thresholds for a scale s:
// round(0.8 s), round(0.4 s) and round(0.4 s), halves rounding up, all
// whole numbers.
func DefaultThresholds(s int) Thresholds {
	return Thresholds{
		Importance:  Whole((8*s + 5) / 10),
		Performance: Whole((4*s + 5) / 10),
		Gap:         Whole((4*s + 5) / 10),
	}
}

// Moment is one moment of truth.
type Moment struct {
	Index       int // 0-based position in the file
	ID          string
	Name        string
	Description string
	Stage       string
	Channel     string
	Owner       string
	Expectation string
	Standard    string
	Importance  Decimal // zero when unset
	Performance Decimal // zero when unset
	// Sample is how many ratings stand behind the moment's scores (the
	// respondents of a survey, the voters of a workshop); 0 when unknown.
	Sample     int
	Critical   *bool // explicit mark, nil when unset
	URL        string
	Dimensions map[string]Score
	Pains      []string
	Evidence   []string // what the customer sees or touches
	Backstage  []string // what staff do out of the customer's sight
	Support    []string // the systems and processes behind the moment
	// Improvements are the moment's improvements; moments whose file
	// repeats one list with an alias share its values.
	Improvements []*Improvement
	Next         []string // explicit successors; nil means the default
	Ignore       []string // lint rules silenced for this moment

	Pos  Pos            // the moment's mapping (its "- " item)
	Keys map[string]Pos // position of each key's value
	// NextPos holds the position of each entry of Next.
	NextPos []Pos
	// IgnorePos holds the position of each entry of Ignore.
	IgnorePos []Pos
}

// DimensionKeys returns the dimension keys the cycle's SERVQUAL model
// allows, in canonical order: Dimensions5 for servqual: 5, Dimensions
// otherwise.
func (c *Cycle) DimensionKeys() []string {
	if c.Servqual == 5 {
		return Dimensions5
	}
	return Dimensions
}

// Number is the moment's 1-based number in the cycle.
func (m *Moment) Number() int { return m.Index + 1 }

// KeyPos returns the position of key's value, or the moment's position when
// the key is absent.
func (m *Moment) KeyPos(key string) Pos {
	if p, ok := m.Keys[key]; ok {
		return p
	}
	return m.Pos
}

// Ignores reports whether the lint rule is silenced for this moment.
func (m *Moment) Ignores(rule string) bool {
	for _, r := range m.Ignore {
		if r == rule {
			return true
		}
	}
	return false
}

// Score is a SERVQUAL score for one dimension of a moment.
type Score struct {
	Expected  Decimal // zero when only the perception was given
	Perceived Decimal
	Pos       Pos
}

// HasGap reports whether both scores are known, so a gap can be computed.
func (s Score) HasGap() bool { return !s.Expected.IsZero() && !s.Perceived.IsZero() }

// Gap is perceived - expected, exactly; negative is a shortfall. It is
// zero when HasGap is false.
func (s Score) Gap() Decimal {
	if !s.HasGap() {
		return Decimal{}
	}
	return s.Perceived.Sub(s.Expected)
}

// Improvement is an action planned to improve a moment.
type Improvement struct {
	Action string
	Owner  string
	Due    time.Time // zero when unset
	Pillar string    // "" when unset
	Status string    // planned, doing or done

	Pos  Pos            // the improvement's mapping
	Keys map[string]Pos // position of each key's value
}

// HasDue reports whether a due date was given.
func (im *Improvement) HasDue() bool { return !im.Due.IsZero() }

// Done reports whether the improvement is finished.
func (im *Improvement) Done() bool { return im.Status == "done" }

// Overdue reports whether the improvement is not done and its due date
// falls before today. Only today's calendar date counts (its year, month
// and day, in its own zone); a zero today, or no due date, is never overdue.
func (im *Improvement) Overdue(today time.Time) bool {
	if today.IsZero() || !im.HasDue() || im.Done() {
		return false
	}
	y, m, d := today.Date()
	return im.Due.Before(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// KeyPos returns the position of key's value, or the improvement's position.
func (im *Improvement) KeyPos(key string) Pos {
	if p, ok := im.Keys[key]; ok {
		return p
	}
	return im.Pos
}

// Moment returns the moment with the given id, or nil. It looks the id up
// in the index Parse builds once, so following every next entry of a cycle
// costs time linear in its edges. A cycle built by hand, without Parse,
// calls Index after filling in Moments; until then Moment scans the list.
func (c *Cycle) Moment(id string) *Moment {
	if c.byID != nil {
		return c.byID[id]
	}
	for _, m := range c.Moments {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// Index builds the index Moment looks ids up in, from Moments; the first
// moment with an id wins. Parse calls it; call it again after changing
// Moments or their ids.
func (c *Cycle) Index() {
	c.byID = make(map[string]*Moment, len(c.Moments))
	for _, m := range c.Moments {
		if _, dup := c.byID[m.ID]; !dup {
			c.byID[m.ID] = m
		}
	}
}
