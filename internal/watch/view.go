package watch

import (
	"sync"

	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"github.com/ciclo-dev/ciclo/internal/msg"
	"html/template"
	"path/filepath"
)

// view is what one page shows, in one theme and view.
type view struct {
	Version uint64
	File    string // the file's name as the user gave it
	Title   string
	Lang    string
	Theme   string
	Themes  []string
	View    string // the diagram view on show
	Views   []string
	// State is "ok", "invalid" (errors, or unreadable) or "missing".
	State  string
	Errors []Finding
	// SVG is the diagram on show: the current one, or the last good one
	// when Stale. Empty when the file has never been valid.
	SVG        template.HTML
	DiagramKey string
	Stale      bool
	Findings   []Finding
	Critical   []CriticalMoment
	W          words
}

// view assembles the page's state for look.
func (s *Server) view(ctx context.Context, look Look) view {
	cur, lastGood, _ := s.state()
	theme := look.Theme
	v := view{Version: cur.version, File: s.opts.File, Theme: theme, Themes: Themes, View: look.View, Views: Views, State: "ok"}
	var good *Snapshot
	var goodSrc []byte
	errLang := "" // the language of the current file's errors, when known
	switch {
	case cur.missing:
		v.State = "missing"
	case cur.readErr != "":
		v.State = "invalid"
		v.Errors = []Finding{{File: s.opts.File, Severity: "error", Message: "cannot read the file: " + cur.readErr}}
	default:
		b := s.build(ctx, cur.src, look)
		switch {
		case b.err != nil:
			v.State = "invalid"
			v.Errors = []Finding{{File: s.opts.File, Severity: "error", Message: b.err.Error()}}
		case len(b.snap.Errors) > 0:
			v.State = "invalid"
			v.Errors = b.snap.Errors
			errLang = b.snap.Lang
		default:
			good, goodSrc = b.snap, cur.src
		}
	}
	if good == nil && lastGood != nil {
		if b := s.build(ctx, lastGood, look); b.err == nil && len(b.snap.Errors) == 0 {
			good, goodSrc, v.Stale = b.snap, lastGood, true
		}
	}
	v.Title = filepath.Base(s.opts.File)
	if good != nil {
		if good.Title != "" {
			v.Title = good.Title
		}
		v.Lang = good.Lang
		v.SVG = template.HTML(good.SVG) // trusted: see the package documentation
		sum := sha256.Sum256(goodSrc)
		v.DiagramKey = hex.EncodeToString(sum[:8]) + "-" + look.View + "-" + theme
		v.Findings = good.Findings
		v.Critical = good.Critical
	}
	if errLang != "" {
		v.Lang = errLang // the words around the errors speak their language
	}
	if !msg.Has(v.Lang) {
		v.Lang = "en"
	}
	v.W = vocabulary[v.Lang]
	return v
}

// event is the JSON payload of one "update" event: the page's parts,
// rendered by the same templates as the page itself.
type event struct {
	Version uint64 `json:"v"`
	Title   string `json:"title"`
	State   string `json:"state"`
	Lang    string `json:"lang"`
	Key     string `json:"key"`
	Stale   bool   `json:"stale"`
	Diagram string `json:"diagram"`
	Status  string `json:"status"`
	Alerts  string `json:"alerts"`
	Panel   string `json:"panel"`
	Words   words  `json:"words"`
}

func (s *Server) event(v view) event {
	return event{
		Version: v.Version,
		Title:   v.Title,
		State:   v.State,
		Lang:    v.Lang,
		Key:     v.DiagramKey,
		Stale:   v.Stale,
		Diagram: fragment("diagram", v),
		Status:  fragment("status", v),
		Alerts:  fragment("alerts", v),
		Panel:   fragment("panel", v),
		Words:   v.W,
	}
}

// fragment renders one named part of the page.
func fragment(name string, v view) string {
	var b bytes.Buffer
	if err := pageTemplate().ExecuteTemplate(&b, name, v); err != nil {
		// The templates are fixed and their data plain: this is a bug.
		panic("watch: template " + name + ": " + err.Error())
	}
	return b.String()
}

// pageData is the whole page's data: the view and the script's nonce.
type pageData struct {
	view
	Nonce string
}

//go:embed page.gohtml
var pageSource string

var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"themeName": func(w words, t string) string { return w.Themes[t] },
		"viewName":  func(w words, v string) string { return w.Views[v] },
		"where":     Finding.shortLocation,
	}).Parse(pageSource))
}) // parsed on first use, not at every start of ciclo

// words are the page's fixed words in one language.
type words struct {
	Live, Invalid, Missing, Offline string
	Theme, Zoom, Fit, Actual        string
	Critical, Problems, NoCritical  string
	NoProblems, Why                 string
	ErrorsHead, StaleNote, AsOfGood string
	MissingHead, MissingNote        string
	NoDiagram, Diagram              string
	Error, Warning                  string
	Themes                          map[string]string
	View                            string            // the label of the views' switch
	Views                           map[string]string // the views' names, by --view value
}

// english holds the page's words in English; internal/msg translates
// them.
var english = words{
	Live:        msg.N("Live"),
	Invalid:     msg.N("Errors"),
	Missing:     msg.N("File missing"),
	Offline:     msg.N("Disconnected from ciclo: retrying…"),
	Theme:       msg.N("Theme"),
	Zoom:        msg.N("Zoom"),
	Fit:         msg.N("Fit"),
	Actual:      msg.N("100%"),
	Critical:    msg.N("Critical moments"),
	Problems:    msg.N("Problems"),
	NoCritical:  msg.N("No critical moments."),
	NoProblems:  msg.N("No problems found."),
	Why:         msg.N("why"),
	ErrorsHead:  msg.N("The file has errors"),
	StaleNote:   msg.N("Showing the last valid version until they are fixed."),
	AsOfGood:    msg.N("As of the last valid version."),
	MissingHead: msg.N("The file is gone"),
	MissingNote: msg.N("It was deleted or renamed. Showing the last valid version until it comes back."),
	NoDiagram:   msg.N("No diagram yet: the file has not been valid since the preview started."),
	Diagram:     msg.N("Cycle diagram"),
	Error:       msg.N("error"),
	Warning:     msg.N("warning"),
	Themes:      map[string]string{"default": msg.N("Default"), "print": msg.N("Print"), "contrast": msg.N("High contrast")},
	View:        msg.N("View"),
	Views:       map[string]string{"cycle": msg.N("Cycle"), "journey": msg.N("Journey"), "blueprint": msg.N("Blueprint"), "ipa": msg.N("IPA")},
}

// vocabulary holds the page's words in every language ciclo speaks.
var vocabulary = msg.Struct(english, "")
