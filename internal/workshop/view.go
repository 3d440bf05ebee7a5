package workshop

import (
	"bytes"
	_ "embed"
	"github.com/ciclo-dev/ciclo/internal/bidi"
	"html/template"
	"net/http"
	"strconv"
	"sync"

	"github.com/ciclo-dev/ciclo/cycle"
)

//go:embed pages.gohtml
var pagesSource string

//go:embed workshop.css
var cssSource string

//go:embed participant.js
var participantJS string

//go:embed facilitator.js
var facilitatorJS string

var pages = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("pages").Funcs(template.FuncMap{
		"phaseName": func(w facWords, p string) string { return w.Phases[p] },
		"mul":       func(a, b int) int { return a * b },
	}).Parse(pagesSource))
}) // parsed on first use, not at every start of ciclo

// facView is what the facilitator's page shows.
type facView struct {
	Title, Lang  string
	W            facWords
	Phase        string
	Phases       []string
	Reveal       bool
	Tally        bool   // the dot tallies are on show
	Placed       int    // dots placed so far
	Scores       string // the switch: "file" or "room"
	Participants int
	Cap          int
	Accepted     int
	Code         string
	JoinURL      string // without the code
	Rows         []row
	Changes      []changeRow
	Tallies      []Tally
	Dots         int
	CanWrite     bool // the "write to file" action is available
	// SVG is the diagram on show; RoomDiagram tells whose scores it draws.
	SVG         template.HTML
	Key         string
	RoomDiagram bool
}

// row is one moment in the facilitator's table.
type row struct {
	Number                 int
	ID, Name, Owner        string
	N                      int
	Imp, Perf              string // medians, "" before any rating
	ImpRange, PerfRange    string
	FileImp, FilePerf      string
	ImpHist, PerfHist      []int // bar heights, percent of the tallest
	Critical, FileCritical bool
}

// changeRow is a moment whose criticality the room's scores change.
type changeRow struct {
	Number   int
	Name     string
	Critical bool
	Reasons  []string
}

// facilitatorView assembles the facilitator's page.
func (s *Server) facilitatorView() facView {
	c := s.opts.Cycle
	l := lang(c.Language)
	s.mu.Lock()
	v := facView{
		Title: bidi.Strip(c.Title), Lang: l, W: facVocabulary()[l], Phase: s.ss.phase, Phases: Phases,
		Reveal: s.ss.reveal, Tally: s.ss.tally, Scores: s.scores, Participants: len(s.ss.order),
		Cap: s.opts.MaxParticipants, Accepted: s.ss.accepted, Code: formatCode(s.ss.code),
		Dots: s.ss.dots, CanWrite: s.opts.Write != nil,
	}
	joinURL := s.joinURL
	stats := s.ss.stats()
	tallies := s.ss.tallies()
	s.mu.Unlock()
	if i := len(joinURL) - len(s.ss.code) - 1; i > 0 {
		v.JoinURL = joinURL[:i]
	}
	room := cycle.Analyze(roomCycle(c, stats))
	for i, st := range stats {
		m := st.Moment
		r := row{Number: m.Number(), ID: m.ID, Name: bidi.Strip(m.Name), Owner: bidi.Strip(m.Owner), N: st.N,
			FileImp: scoreText(m.Importance), FilePerf: scoreText(m.Performance),
			Critical: s.file.Moments[i].Critical, FileCritical: s.file.Moments[i].Critical}
		if v.Reveal {
			// Before the reveal the table shows the file's criticality,
			// like the diagram: the room's would give its answers away.
			r.Critical = room.Moments[i].Critical
		}
		if st.N > 0 && v.Reveal {
			r.Imp, r.Perf = medianText(st.Importance), medianText(st.Performance)
			r.ImpRange = rangeText(st.ImpMin, st.ImpMax)
			r.PerfRange = rangeText(st.PerfMin, st.PerfMax)
			r.ImpHist, r.PerfHist = bars(st.ImpHist), bars(st.PerfHist)
		}
		v.Rows = append(v.Rows, r)
	}
	if v.Reveal {
		for _, ch := range changes(s.file, room) {
			cr := changeRow{Number: ch.Moment.Number(), Name: bidi.Strip(ch.Moment.Name), Critical: ch.Critical}
			for _, r := range ch.Reasons {
				cr.Reasons = append(cr.Reasons, r.Text(l))
			}
			v.Changes = append(v.Changes, cr)
		}
	}
	for _, t := range tallies {
		v.Placed += t.Dots
	}
	if v.Tally {
		v.Tallies = tallies
	}
	s.diaMu.Lock()
	if v.Reveal && v.Scores == "room" && s.roomSVG != nil {
		v.SVG, v.Key, v.RoomDiagram = template.HTML(s.roomSVG), "room-"+s.roomKey, true // trusted: ciclo's renderer
	} else {
		v.SVG, v.Key = template.HTML(s.fileSVG), "file" // trusted: ciclo's renderer
	}
	s.diaMu.Unlock()
	return v
}

func scoreText(d cycle.Decimal) string {
	if d.IsZero() {
		return "–"
	}
	return d.String()
}

// medianText writes a median with one decimal only when it has one.
func medianText(x float64) string {
	return strconv.FormatFloat(x, 'f', -1, 64)
}

func rangeText(lo, hi int) string {
	if lo == hi {
		return strconv.Itoa(lo)
	}
	return strconv.Itoa(lo) + "–" + strconv.Itoa(hi)
}

// bars scales counts to percentages of the largest.
func bars(counts []int) []int {
	top := 0
	for _, n := range counts {
		top = max(top, n)
	}
	out := make([]int, len(counts))
	for i, n := range counts {
		if top > 0 {
			out[i] = n * 100 / top
		}
	}
	return out
}

// facEvent is one update of the facilitator's page: its parts rendered
// by the page's own templates, and the figures for scripts and tests.
type facEvent struct {
	Version      uint64     `json:"v"`
	Phase        string     `json:"phase"`
	Reveal       bool       `json:"reveal"`
	Scores       string     `json:"scores"`
	Participants int        `json:"participants"`
	Accepted     int        `json:"accepted"`
	Key          string     `json:"key"`
	Diagram      string     `json:"diagram"`
	Caption      string     `json:"caption"`
	Header       string     `json:"header"`
	Panel        string     `json:"panel"`
	Stats        []statJSON `json:"stats"`
}

// statJSON is one moment's figures: the medians only once revealed.
type statJSON struct {
	ID          string   `json:"id"`
	N           int      `json:"n"`
	Importance  *float64 `json:"importance,omitempty"`
	Performance *float64 `json:"performance,omitempty"`
}

func (s *Server) facilitatorEvent() facEvent {
	s.mu.Lock()
	ver := s.version
	stats := s.ss.stats()
	s.mu.Unlock()
	v := s.facilitatorView()
	e := facEvent{Version: ver, Phase: v.Phase, Reveal: v.Reveal, Scores: v.Scores,
		Participants: v.Participants, Accepted: v.Accepted, Key: v.Key, Diagram: string(v.SVG),
		Header: fragment("fac-header", v), Panel: fragment("fac-panel", v), Caption: v.W.DiagramFile}
	if v.RoomDiagram {
		e.Caption = v.W.DiagramRoom
	}
	for _, st := range stats {
		sj := statJSON{ID: st.Moment.ID, N: st.N}
		if v.Reveal && st.N > 0 {
			imp, perf := st.Importance, st.Performance
			sj.Importance, sj.Performance = &imp, &perf
		}
		e.Stats = append(e.Stats, sj)
	}
	return e
}

// fragment renders one named part of a page.
func fragment(name string, v any) string {
	var b bytes.Buffer
	if err := pages().ExecuteTemplate(&b, name, v); err != nil {
		// The templates are fixed and their data plain: this is a bug.
		panic("workshop: template " + name + ": " + err.Error())
	}
	return b.String()
}

// partView is the participant's page before its script runs.
type partView struct {
	Title, Lang string
	W           partWords
}

func (s *Server) participantView() partView {
	l := lang(s.opts.Cycle.Language)
	return partView{Title: bidi.Strip(s.opts.Cycle.Title), Lang: l, W: partVocabulary()[l]}
}

// partState is what a joined participant's page needs: the moments, the
// round, and the participant's own answers (never anyone else's).
type partState struct {
	Title        string            `json:"title"`
	Phase        string            `json:"phase"`
	Round        uint64            `json:"round"`
	Scale        int               `json:"scale"`
	Dots         int               `json:"dots"`
	Left         int               `json:"left"`
	Moments      []partMoment      `json:"moments"`
	Mine         map[string][2]int `json:"mine"`
	Improvements []partImprove     `json:"improvements"`
	MyDots       map[string]int    `json:"mydots"`
}

type partMoment struct {
	ID          string `json:"id"`
	Number      int    `json:"number"`
	Name        string `json:"name"`
	Owner       string `json:"owner,omitempty"`
	Description string `json:"description,omitempty"`
}

type partImprove struct {
	Key    string `json:"key"`
	Action string `json:"action"`
	Owner  string `json:"owner,omitempty"`
	Moment string `json:"moment"`
	Number int    `json:"number"`
}

func (h *handler) participantState(w http.ResponseWriter, r *http.Request) {
	p := h.joined(w, r)
	if p == nil {
		return
	}
	s := h.s
	c := s.opts.Cycle
	st := partState{Title: bidi.Strip(c.Title), Scale: c.Scale, Mine: map[string][2]int{}, MyDots: map[string]int{}}
	for _, m := range c.Moments {
		st.Moments = append(st.Moments, partMoment{ID: m.ID, Number: m.Number(), Name: bidi.Strip(m.Name), Owner: bidi.Strip(m.Owner), Description: bidi.Strip(m.Description)})
	}
	s.mu.Lock()
	st.Phase, st.Round, st.Dots, st.Left = s.ss.phase, s.round, s.ss.dots, s.ss.dots-p.used
	for id, rs := range s.ss.ratings {
		if r, ok := rs[p.id]; ok {
			st.Mine[id] = [2]int{r.imp, r.perf}
		}
	}
	for k, n := range p.dots {
		st.MyDots[k] = n
	}
	for _, im := range s.ss.improves {
		st.Improvements = append(st.Improvements, partImprove{Key: im.Key, Action: bidi.Strip(im.Action), Owner: bidi.Strip(im.Owner), Moment: bidi.Strip(im.Moment.Name), Number: im.Moment.Number()})
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, st)
}
