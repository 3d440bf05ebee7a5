// Package cycle is the domain model of a cycle of service: the chain of
// moments of truth in which a customer meets an organisation.
//
// Parse reads a cycle file (YAML, format version 1) through yaml.Node so that
// every value keeps its line and column; it collects every problem into an
// ErrorList sorted by position. Each problem's Msg is in English; its Text
// is in the language the file declares (or one asked for), Spanish or
// English, with keys and values from the file left as written. Analyze computes what the rest of ciclo shows:
// the graph of successors, which moments are critical and why, the
// importance-performance quadrant of each moment, SERVQUAL gaps and handoffs.
//
// The package is pure: it does no I/O beyond what the caller hands it and
// prints nothing.
package cycle
