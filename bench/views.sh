#!/usr/bin/env bash
# bench/views.sh: each diagram view of one large cycle against the clock
# face of the same cycle, as whole `ciclo render` processes (parse,
# analyse, lay out, draw, write).
#
# For a cycle of MOMENTS moments (default 1000, from bench/gen) and each
# format in FORMATS (default "svg pdf"), it times
#   ciclo render --view V -f F cycle.yaml -o out.F
# for V in cycle, journey, blueprint and ipa, and prints the median wall
# time of RUNS runs (default 3), the peak RSS and the ratio to the clock
# face: the views must not be slower than it (ratio <= 1.00).
#
# Usage: bench/views.sh            (MOMENTS=200 RUNS=5 bench/views.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
MOMENTS=${MOMENTS:-1000}
FORMATS=${FORMATS:-"svg pdf"}
[ -x /usr/bin/time ] || { echo "bench/views.sh needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/ciclo" ./cmd/ciclo
go run ./bench/gen -moments "$MOMENTS" >"$work/cycle.yaml"

# measure CMD...: median wall seconds and largest peak RSS (KiB) of RUNS runs
measure() {
  local times=() peak=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/log" || { echo "fail: $*" >&2; cat "$work/log" >&2; exit 1; }
    read -r s kb <"$work/t"
    times+=("$s")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  local med
  med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$med $peak"
}

echo "| view | format | time | peak memory | time / cycle |"
echo "| --- | --- | ---: | ---: | ---: |"
for f in $FORMATS; do
  base=""
  for v in cycle journey blueprint ipa; do
    read -r s kb < <(measure "$work/ciclo" render --view "$v" -f "$f" "$work/cycle.yaml" -o "$work/out.$f")
    [ -z "$base" ] && base=$s
    awk -v v="$v" -v f="$f" -v s="$s" -v kb="$kb" -v b="$base" -v n="$MOMENTS" \
      'BEGIN { printf "| %s (%d moments) | %s | %.2f s | %d MiB | %.2f |\n", v, n, f, s, kb/1024, (b > 0 ? s/b : 0) }'
  done
done
