package responses

import "github.com/ciclo-dev/ciclo/internal/msg"

// The messages of this package, in English; ciclo's catalog (internal/msg)
// translates them. Arguments: the column's header, then the answer (or the
// unknown part of the header, or the column named before), then the scale.
var (
	problemFormats = map[ProblemKind]string{
		OutOfRange: msg.N("%s: answer %s is outside 1..%d; not counted"),
		NotANumber: msg.N("%s: answer %q is not a number; not counted"),
	}
	headerFormats = map[HeaderKind]string{
		UnknownMoment:  msg.N("column %q names the moment %q, which is not in the cycle"),
		UnknownMeasure: msg.N("column %q names the measure %q; a measure is importance, performance, or a SERVQUAL determinant followed by .expected or .perceived"),
		Duplicate:      msg.N("column %q repeats the measure of column %q"),
	}
)
