package cli

import (
	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/spf13/cobra"
)

// NewCmdSchema builds "ciclo schema".
func NewCmdSchema(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the cycle file",
		Long: `Print the JSON Schema (draft 2020-12) of the cycle file, for editors:
save it and point the yaml-language-server comment of a cycle file at it.`,
		Example: `  ciclo schema > ciclo.schema.json`,
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return writeOutput(ios.Out, "", "-", cycle.Schema())
		},
	}
}
