#!/usr/bin/env bash
# bench/views.sh: each diagram view of one large cycle against the clock
# face of the same cycle, as whole `ciclo render` processes (parse,
# analyse, lay out, draw, write).
#
# For a cycle of MOMENTS moments (default 1000, from bench/gen) and each
# format in FORMATS (default "svg pdf"), it runs
#   ciclo render --view V -f F cycle.yaml -o out.F
# for V in cycle, journey, blueprint and ipa, one after the other, RUNS
# times over (default 5), and prints for each view its fastest wall time
# (the least disturbed by other work on a shared machine), its least CPU
# time (user + system: steadier than wall time when other work competes
# for the cores), its peak RSS and both ratios to the clock face: the
# views must not be slower than it (ratio <= 1.00).
#
# Usage: bench/views.sh            (MOMENTS=200 RUNS=9 bench/views.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
MOMENTS=${MOMENTS:-1000}
FORMATS=${FORMATS:-"svg pdf"}
VIEWS="cycle journey blueprint ipa"
[ -x /usr/bin/time ] || { echo "bench/views.sh needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/ciclo" ./cmd/ciclo
go run ./bench/gen -moments "$MOMENTS" >"$work/cycle.yaml"

declare -A best cpu peak
for _ in $(seq "$RUNS"); do
  for f in $FORMATS; do
    for v in $VIEWS; do
      /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$work/ciclo" render --view "$v" -f "$f" "$work/cycle.yaml" -o "$work/out.$f" >/dev/null 2>"$work/log" ||
        { echo "fail: $v $f" >&2; cat "$work/log" >&2; exit 1; }
      read -r s kb us ss <"$work/t"
      c=$(awk -v u="$us" -v s="$ss" 'BEGIN { print u + s }')
      k="$v $f"
      if [ -z "${best[$k]:-}" ] || awk -v a="$s" -v b="${best[$k]}" 'BEGIN { exit !(a < b) }'; then best[$k]=$s; fi
      if [ -z "${cpu[$k]:-}" ] || awk -v a="$c" -v b="${cpu[$k]}" 'BEGIN { exit !(a < b) }'; then cpu[$k]=$c; fi
      if [ "$kb" -gt "${peak[$k]:-0}" ]; then peak[$k]=$kb; fi
    done
  done
done

echo "| view | format | fastest of $RUNS | least CPU | peak memory | time / cycle | CPU / cycle |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for f in $FORMATS; do
  for v in $VIEWS; do
    k="$v $f"
    awk -v v="$v" -v f="$f" -v s="${best[$k]}" -v c="${cpu[$k]}" -v kb="${peak[$k]}" -v b="${best[cycle $f]}" -v bc="${cpu[cycle $f]}" -v n="$MOMENTS" \
      'BEGIN { printf "| %s (%d moments) | %s | %.2f s | %.2f s | %d MiB | %.2f | %.2f |\n", v, n, f, s, c, kb/1024, s/b, c/bc }'
  done
done
