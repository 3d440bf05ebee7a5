package responses

// The messages of this package, in English and Spanish. They are kept
// together here so that they can move to a shared catalog as they are.
// Arguments: the column's header, then the answer (or the unknown part of
// the header, or the column named before), then the scale.
var (
	problemFormats = map[ProblemKind]string{
		OutOfRange: "%s: answer %s is outside 1..%d; not counted",
		NotANumber: "%s: answer %q is not a number; not counted",
	}
	headerFormats = map[HeaderKind]string{
		UnknownMoment:  "column %q names the moment %q, which is not in the cycle",
		UnknownMeasure: "column %q names the measure %q; a measure is importance, performance, or a SERVQUAL determinant followed by .expected or .perceived",
		Duplicate:      "column %q repeats the measure of column %q",
	}

	problemFormatsES = map[ProblemKind]string{
		OutOfRange: "%s: la respuesta %s está fuera de 1..%d; no se cuenta",
		NotANumber: "%s: la respuesta %q no es un número; no se cuenta",
	}
	headerFormatsES = map[HeaderKind]string{
		UnknownMoment:  "la columna %q nombra el momento %q, que no está en el ciclo",
		UnknownMeasure: "la columna %q nombra la medida %q; una medida es importance, performance, o un determinante SERVQUAL seguido de .expected o .perceived",
		Duplicate:      "la columna %q repite la medida de la columna %q",
	}
)
