package watch

import (
	"context"
	"fmt"
	"path/filepath"
)

// Builder turns the file's bytes into what the page shows, drawing the
// diagram as look says (its theme and view). name is the file's name as the user gave it,
// for positions in messages.
//
// A file that cannot be used (invalid YAML, failed validation) is not an
// error: the Builder returns a Snapshot whose Errors say where and why. A
// non-nil error means something else failed (the renderer, say); the page
// shows its text as an unpositioned error.
//
// Snapshot.SVG is inserted into the page as markup: see the package
// documentation for that trust boundary.
type Builder func(ctx context.Context, name string, src []byte, look Look) (*Snapshot, error)

// Look is how a page shows the diagram: one of Themes and one of Views.
type Look struct {
	Theme, View string
}

// Snapshot is what the page shows for one version of the file.
type Snapshot struct {
	// Title is the cycle's title, shown as the page's heading.
	Title string
	// Lang is the language of the page's fixed words: "en" (default) or "es".
	// A snapshot with Errors may set it too (to the language the file
	// declares, its errors' language); "" then keeps the last valid
	// version's language.
	Lang string
	// SVG is the diagram, trusted markup from ciclo's renderer.
	SVG []byte
	// Findings are the lint findings, in the order to show them.
	Findings []Finding
	// Critical lists the critical moments and why, in file order.
	Critical []CriticalMoment
	// Errors, when not empty, say why the file cannot be used; the other
	// fields but Lang are then ignored and the page keeps the last good
	// version.
	Errors []Finding
}

// Finding is one problem shown on the page: a lint finding or an error in
// the file.
type Finding struct {
	File     string
	Line     int // 1-based; 0 when unknown
	Column   int // 1-based; 0 when unknown
	Severity string
	Rule     string // lint rule id; empty for an error in the file
	Message  string
}

// Location formats the position as FILE:LINE:COL, FILE:LINE or FILE, as
// much as is known.
func (f Finding) Location() string {
	switch {
	case f.Line > 0 && f.Column > 0:
		return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
	case f.Line > 0:
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return f.File
}

// shortLocation is Location with the file's base name: the page shows
// one file, and a long path would crowd a projected screen.
func (f Finding) shortLocation() string {
	f.File = filepath.Base(f.File)
	return f.Location()
}

// CriticalMoment is a critical moment and the reasons that make it so.
type CriticalMoment struct {
	Number  int // 1-based number in the cycle
	ID      string
	Name    string
	Owner   string
	Reasons []string
}

// Themes lists the diagram themes the page offers; the first is the default.
var Themes = []string{"default", "print", "contrast"}

// Views lists the diagram views the page offers (the values of ciclo
// render --view); the first is the default.
var Views = []string{"cycle", "journey", "blueprint", "ipa"}

// validView returns view when it is one of Views, and the first of Views
// otherwise.
func validView(view string) string {
	for _, v := range Views {
		if v == view {
			return v
		}
	}
	return Views[0]
}

// validTheme returns theme when it is one of Themes, and fallback otherwise.
func validTheme(theme, fallback string) string {
	for _, t := range Themes {
		if t == theme {
			return t
		}
	}
	return fallback
}
