package xdot

// EncodePNG exports encodePNG to the benchmarks of package xdot_test.
var EncodePNG = encodePNG
