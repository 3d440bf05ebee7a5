// Package cycle is the domain model of a cycle of service: the chain of
// moments of truth in which a customer meets an organisation.
//
// Parse reads a cycle file (YAML, format version 1) through yaml.Node so that
// every value keeps its line and column; it collects every problem into an
// ErrorList sorted by position. Analyze computes what the rest of ciclo shows:
// the graph of successors, which moments are critical and why, the
// importance-performance quadrant of each moment, SERVQUAL gaps and handoffs.
//
// The package is pure: it does no I/O beyond what the caller hands it and
// prints nothing.
package cycle
