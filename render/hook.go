package render

import (
	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/render/draw"
)

// ViewDrawing returns the positioned drawing of a's view (opts.View, the
// clock face by default) before any writer touches it, with the options
// made whole, for callers that add marks of their own (the visual diff
// decorates the clock face) and then hand it to Write. Invalid options
// give an error wrapping ErrUnsupported.
func ViewDrawing(a *cycle.Analysis, opts Options) (*draw.Drawing, Options, error) {
	o, err := checkInput(a, opts)
	if err != nil {
		return nil, o, err
	}
	return views[o.View](a, o), o, nil
}
