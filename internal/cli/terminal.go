package cli

import ()

// notOnTerminal refuses to write a binary format (PNG, PDF) to standard
// output when it is a terminal, where the bytes would garble the screen
// and can move the cursor or retitle the window; force writes them all the
// same. Every command that can write a binary format to "-" calls it.
func notOnTerminal(ios *IOStreams, lang, target, format string, force bool) error {
	if target != "-" || force || !ios.OutIsTerminal {
		return nil
	}
	return misusef(lang, "standard output is a terminal and %s is binary; redirect it to a file (> out.%s), use -o, or add --force", format, format)
}
