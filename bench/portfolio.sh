#!/usr/bin/env bash
# Times the portfolio report over 300 generated 12-moment cycles, in each
# format, with its peak memory; the HTML portfolio draws all 300 diagrams
# (embedded small). Also the examples' portfolio, for scale.
#
# Installs GNU time from Debian when missing. Prints a Markdown table.
# Usage: bash bench/portfolio.sh [CYCLES]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-300}"

if [ ! -x /usr/bin/time ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/ciclo" ./cmd/ciclo
go run ./bench/gen -moments 12 -count "$count" -dir "$work/many"

# run NAME ARGS...: wall seconds and peak resident memory (MiB) of one run,
# and the output's size
run() {
  local name=$1 out=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$work/ciclo" "$@" -o "$out" >/dev/null 2>"$work/$name.err" || {
    cat "$work/$name.err" >&2; exit 1; }
  read -r secs kib <"$work/$name.time"
  printf '| %s | %s s | %d MiB | %s |\n' "$name" "$secs" $((kib / 1024)) "$(du -h "$out" | cut -f1)"
}

echo "| portfolio | time | peak memory | output |"
echo "| --- | ---: | ---: | ---: |"
run "examples ($(find examples -name '*.yaml' | wc -l) cycles), html" "$work/ex.html" report examples
run "$count cycles, json" "$work/p.json" report "$work/many" --today 2026-12-01
run "$count cycles, md" "$work/p.md" report "$work/many" --today 2026-12-01
run "$count cycles, html (diagrams drawn)" "$work/p.html" report "$work/many" --today 2026-12-01
