package cli

import (
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/spf13/cobra"
)

// completeWith makes shell completion offer words as the values of the
// flag named flag: every flag that takes one of a fixed set of values gets
// them, so `ciclo render --theme <TAB>` lists the themes.
func completeWith(cmd *cobra.Command, flag string, words []string) {
	words = append([]string(nil), words...)
	err := cmd.RegisterFlagCompletionFunc(flag, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return words, cobra.ShellCompDirectiveNoFileComp
	})
	if err != nil {
		panic(err) // a flag name misspelt here: a programming error, caught by the tests
	}
}

// languageList names the languages ciclo speaks for help and misuse
// messages: "en or es".
func languageList() string {
	l := cycle.Languages
	if len(l) == 1 {
		return l[0]
	}
	return strings.Join(l[:len(l)-1], ", ") + " or " + l[len(l)-1]
}

// asStrings converts a list of string-typed values.
func asStrings[S ~string](list []S) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = string(s)
	}
	return out
}
