#!/usr/bin/env bash
# Compares ciclo with native Graphviz, side by side in one run, on the same
# graphs: ciclo's own DOT (positions pinned) drawn by native `neato -n2`,
# which is what ciclo asks its embedded Graphviz to do.
#
#   (a) one 12-moment cycle, YAML -> SVG, whole process each; beside it,
#       native `dot -Tsvg` on the same DOT (the issue's wording; dot lays
#       it out itself) and bench/floor, a Go program that does nothing but
#       draw the DOT with go-graphviz: the floor for any go-graphviz program
#   (b) 300 generated 12-moment cycles: one `ciclo render DIR -o OUT` call
#       against a shell loop of native Graphviz over their DOT
#   (c) one 1000-moment cycle, YAML -> SVG, with peak memory
#
# Installs native Graphviz, hyperfine and GNU time from Debian when missing.
# Prints a Markdown table. Usage: bash bench/compare.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"

need=()
command -v neato >/dev/null || need+=(graphviz)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/ciclo" ./cmd/ciclo
go build -o "$work/floor" ./bench/floor
ciclo="$work/ciclo"

go run ./bench/gen -moments 12 -seed 1 >"$work/c12.yaml"
go run ./bench/gen -moments 1000 -seed 1 >"$work/c1000.yaml"
go run ./bench/gen -moments 12 -count 300 -dir "$work/many"
"$ciclo" render -f dot "$work/c12.yaml" -o "$work/c12.dot"
"$ciclo" render -f dot "$work/c1000.yaml" -o "$work/c1000.dot"
"$ciclo" render -f dot "$work/many" -o "$work/manydot"

# mean seconds of each command, from hyperfine's CSV export
measure() { # name runs cmd1 cmd2
  hyperfine -N --style none --warmup 1 --runs "$2" --export-csv "$work/$1.csv" "$3" "$4" >/dev/null
  awk -F, 'NR>1 {print $2}' "$work/$1.csv"
}
measure_shell() { # name runs cmd1 cmd2 (commands need a shell)
  hyperfine --style none --warmup 1 --runs "$2" --export-csv "$work/$1.csv" "$3" "$4" >/dev/null
  awk -F, 'NR>1 {print $2}' "$work/$1.csv"
}
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

read -r a_ciclo a_native a_dot a_floor < <(
  hyperfine -N --style none --warmup 1 --runs "$runs" --export-csv "$work/a.csv" \
    "$ciclo render $work/c12.yaml -o $work/a.svg" \
    "neato -n2 -Tsvg $work/c12.dot -o $work/a-native.svg" \
    "dot -Tsvg $work/c12.dot -o $work/a-dot.svg" \
    "$work/floor $work/c12.dot $work/a-floor.svg" >/dev/null
  awk -F, 'NR>1 {print $2}' "$work/a.csv" | paste -sd' ')
read -r b_ciclo b_native < <(measure_shell b 3 \
  "$ciclo render $work/many -o $work/out" \
  "for f in $work/manydot/*.dot; do neato -n2 -Tsvg \$f -o \${f%.dot}.svg; done" | paste -sd' ')
read -r c_ciclo c_native < <(measure c 3 \
  "$ciclo render $work/c1000.yaml -o $work/c.svg" \
  "neato -n2 -Tsvg $work/c1000.dot -o $work/c-native.svg" | paste -sd' ')
c_mem=$(peak "$ciclo" render "$work/c1000.yaml" -o "$work/c.svg")
c_mem_native=$(peak neato -n2 -Tsvg "$work/c1000.dot" -o "$work/c-native.svg")

row() { awk -v n="$1" -v c="$2" -v d="$3" -v t="$4" 'BEGIN { printf "| %s | %.3f s | %.3f s | %.2f× | %s |\n", n, c, d, c/d, t }'; }
echo
echo "ciclo $("$ciclo" version | cut -d' ' -f2), $(neato -V 2>&1 | head -n1), $(nproc) cores"
echo
echo "| case | measured | native | ratio | target |"
echo "| --- | ---: | ---: | ---: | --- |"
row "(a) 12 moments, YAML→SVG, against \`neato -n2\`" "$a_ciclo" "$a_native" "≤ 2.0× (aim 1.5×)"
row "(a) the same, against \`dot -Tsvg\`" "$a_ciclo" "$a_dot" "≤ 2.0× (aim 1.5×)"
row "(a) floor: go-graphviz alone, DOT→SVG" "$a_floor" "$a_native" "—"
row "(b) 300 cycles, one call vs loop" "$b_ciclo" "$b_native" "≤ 0.5× (aim 0.3×)"
row "(c) 1000 moments, YAML→SVG" "$c_ciclo" "$c_native" "≤ 3.0× (aim 2×)"
echo
echo "Peak memory, 1000 moments: ciclo $((c_mem / 1024)) MiB, native $((c_mem_native / 1024)) MiB (target < 400 MiB)"
