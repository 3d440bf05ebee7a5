package exchange

import "github.com/ciclo-dev/ciclo/internal/msg"

// tr formats a message in lang through ciclo's catalog (internal/msg),
// keyed by the English format. Every format passed to tr, note or problem
// is a literal with an entry in every language (internal/msg's test reads
// the calls).
func tr(lang, format string, args ...any) string { return msg.Sprintf(lang, format, args...) }
