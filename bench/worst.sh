#!/usr/bin/env bash
# Worst cases for the limits after aliases (docs/format.md, "Limits"):
# writes them with bench/worst, then times BIN (default: ciclo built from
# this tree) on each in every format. Prints wall time, CPU time (user +
# system) and peak memory; on a shared machine compare CPU time, the wall
# time grows with the load.
#   bash bench/worst.sh [BIN] [CASE...]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-}
if [[ -z "$BIN" ]]; then
	BIN=$(mktemp -d)/ciclo
	go build -o "$BIN" ./cmd/ciclo
fi
shift || true
DIR=$(mktemp -d)
go build -o "$DIR/worst" ./bench/worst
# The arguments of bench/worst for each case.
args() {
	case $1 in
	issue-alias) echo "-kind alias -moments 1000 -notes 150 -text 1900" ;; # the issue's 329 KB file
	issue-names) echo "-kind names -moments 1500 -next 20 -text 2000" ;; # the issue's 6 MB file
	moments) echo "-kind names -moments 5000 -next 0 -text 190" ;;        # most moments, most drawn text
	arrows) echo "-kind names -moments 5000 -next 2 -text 12" ;;          # most moments, most arrows
	notes) echo "-kind notes -moments 1000 -notes 14 -text 60" ;;         # most notes
	long-names) echo "-kind names -moments 800 -next 19 -text 1000" ;;    # long names, many branches
	rich) echo "-kind rich -moments 5000" ;;                              # every field, 5,000 moments
	*) echo "unknown case $1" >&2; exit 2 ;;
	esac
}
CASES=("$@")
[[ ${#CASES[@]} -gt 0 ]] || CASES=(issue-alias issue-names moments arrows notes long-names rich)
printf '| case | bytes | command | exit | wall | CPU | peak |\n| --- | ---: | --- | ---: | ---: | ---: | ---: |\n'
for c in "${CASES[@]}"; do
	f="$DIR/$c.yaml"
	# shellcheck disable=SC2086
	"$DIR/worst" $(args "$c") > "$f"
	size=$(stat -c %s "$f")
	for cmd in "render -f svg" "render -f png" "render -f pdf" "report -f html" "report -f md" "lint"; do
		out="$DIR/out"
		extra=()
		case $cmd in render* | report*) extra=(-o "$out") ;; esac
		set +e
		/usr/bin/time -f "%e %U %S %M" -o "$DIR/time" timeout 600 "$BIN" $cmd "$f" ${extra[@]+"${extra[@]}"} > /dev/null 2> "$DIR/err"
		code=$?
		set -e
		read -r wall user sys peak < <(tail -n 1 "$DIR/time")
		cpu=$(echo "$user + $sys" | bc)
		printf '| %s | %s | %s | %s | %s s | %s s | %s MiB |\n' "$c" "$size" "$cmd" "$code" "$wall" "$cpu" "$((peak / 1024))"
		rm -f "$out"
	done
done
rm -rf "$DIR"
