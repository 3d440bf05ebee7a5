package exchange

import "fmt"

// tr formats a message in lang: English is the format itself; Spanish is
// looked up in messagesES by the English format. Every format passed to tr
// is a literal with a Spanish entry (a test checks it).
func tr(lang, format string, args ...any) string {
	if lang == "es" {
		if es, ok := messagesES[format]; ok {
			format = es
		}
	}
	return fmt.Sprintf(format, args...)
}

// messagesES holds every message, comment and fixed word of this package in
// Spanish, keyed by its English format.
var messagesES = map[string]string{}
