// Package cycle is the domain model of a cycle of service: the chain of
// moments of truth in which a customer meets an organisation.
//
// Parse reads a cycle file (YAML, format version 1) through yaml.Node so that
// every value keeps its line and column; it collects every problem into an
// ErrorList sorted by position. Each problem's Msg is in English; its Text
// is in the language the file declares (or one asked for), through ciclo's
// one message catalog (internal/msg), with keys and values from the file
// left as written. Moments are looked up by id through an index Parse
// builds once. Analyze computes what the rest of ciclo shows: the graph of
// successors, which moments are critical and why, the importance-
// performance quadrant of each moment (split at the scale's midpoint or at
// the cycle's means, see the quadrants key), SERVQUAL gaps (ten
// determinants or five dimensions, see the servqual key) and handoffs.
// The format is documented in docs/format.md.
//
// The package is pure: it does no I/O beyond what the caller hands it and
// prints nothing.
package cycle
