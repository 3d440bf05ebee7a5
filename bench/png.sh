#!/usr/bin/env bash
# bench/png.sh: ciclo's PNG against native Graphviz (cairo) on the same DOT.
#
# For cycles of 12, 200 and 1000 moments (bench/gen), it exports ciclo's
# DOT (every position pinned) and times, as whole processes:
#   - native at its default 96 dpi:  dot -Kneato -n2 -Tpng X.dot -o n.png
#   - native at ciclo's resolution:  the same with -Gdpi=<ciclo's dpi>
#   - ciclo: `ciclo render -f png X.yaml -o o.png` (parse, analyse, lay out,
#     paint, write), the whole process.
# -Kneato -n2 keeps ciclo's pinned clock face; a bare `dot -Tpng X.dot`
# would lay the graph out again as a hierarchy, another picture.
# Wall time is the median of RUNS runs (default 3), peak RSS the largest.
#
# Usage: bench/png.sh              (SIZES="12 200" RUNS=5 bench/png.sh)
# Installs graphviz and time from Debian when missing (sudo unless root).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
SIZES=${SIZES:-"12 200 1000"}
LIMIT=${LIMIT:-600} # seconds per run before giving up

need=()
command -v dot >/dev/null || need+=(graphviz)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/ciclo" ./cmd/ciclo


# measure OUT CMD...: runs CMD RUNS times; prints "SECONDS KB" (median
# wall time, largest peak RSS), or "fail SECONDS KB" when CMD fails (the
# output of the last run is then in $work/log).
measure() {
  local out=$1
  shift
  local times=() rss=0 i
  for ((i = 0; i < RUNS; i++)); do
    rm -f "$out"
    if ! timeout "$LIMIT" /usr/bin/time -f '%e %M' -o "$work/t" "$@" >"$work/log" 2>&1; then
      read -r s kb < <(tail -n 1 "$work/t")
      echo "fail $s $kb"
      return
    fi
    read -r s kb <"$work/t"
    times+=("$s")
    ((kb > rss)) && rss=$kb
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")" "$rss"
}

# pngsize FILE: "WIDTHxHEIGHT" from the PNG header.
pngsize() {
  local w h
  w=$(od -An -tu1 -j16 -N4 "$1" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
  h=$(od -An -tu1 -j20 -N4 "$1" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
  echo "${w}x${h}"
}

mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "—" }'; }

echo "| moments | native 96 dpi: px, s, MiB | native at ciclo's dpi: s, MiB | ciclo: px (dpi), s, MiB | time ciclo/native (same px) | RSS ciclo/native (same px) |"
echo "| ---: | --- | --- | --- | ---: | ---: |"
for n in $SIZES; do
  go run ./bench/gen -moments "$n" >"$work/c$n.yaml"
  "$work/ciclo" render -f dot "$work/c$n.yaml" -o "$work/c$n.dot"

  read -r ns nk nf < <(measure "$work/n$n.png" dot -Kneato -n2 -Tpng "$work/c$n.dot" -o "$work/n$n.png")
  native="failed after $nk s"
  [ "$ns" = fail ] || native="$(pngsize "$work/n$n.png"), $ns s, $(mib "$nk")"

  read -r cs ck cf < <(measure "$work/o$n.png" "$work/ciclo" render -f png -o "$work/o$n.png" "$work/c$n.yaml")
  if [ "$cs" = fail ]; then
    why=failed
    grep -q 'too large' "$work/log" && why="refused as too large (svg or pdf advised)"
    echo "| $n | $native | — | $why after $ck s, $(mib "$cf") | — | — |"
    continue
  fi
  # ciclo's resolution, from the widths of the two images (native is 96 dpi)
  ow=$(pngsize "$work/o$n.png")
  dpi="?"
  if [ "$ns" != fail ]; then
    dpi=$(awk -v o="${ow%%x*}" -v nw="$(pngsize "$work/n$n.png" | cut -dx -f1)" 'BEGIN { printf "%.0f", 96 * o / nw }')
  fi
  read -r ms mk mf < <(measure "$work/m$n.png" dot -Kneato -n2 "-Gdpi=$dpi" -Tpng "$work/c$n.dot" -o "$work/m$n.png")
  matched="failed after $mk s"
  tr="—" mr="—"
  if [ "$ms" != fail ]; then
    matched="$ms s, $(mib "$mk") ($(pngsize "$work/m$n.png"))"
    tr=$(ratio "$cs" "$ms")
    mr=$(ratio "$ck" "$mk")
  fi
  echo "| $n | $native | $matched | $ow ($dpi), $cs s, $(mib "$ck") | $tr | $mr |"
done
