#!/usr/bin/env bash
# ciclo-ci.sh: the steps of ciclo's GitHub Action (action.yml), usable
# from any CI or a plain shell. docs/ci.md explains each step and its
# exit codes.
#
#   ciclo-ci.sh install   build ciclo from this checkout (or CICLO_VERSION
#                         with go install) and put it on the PATH
#   ciclo-ci.sh lint      lint CICLO_PATHS; SARIF to $RUNNER_TEMP/ciclo.sarif
#   ciclo-ci.sh check     render --check CICLO_PATHS against CICLO_DIAGRAMS
#   ciclo-ci.sh comment   on a pull request, post or update one comment
#                         with `ciclo diff --git BASE CICLO_PATHS -f md`
#
# Environment (GitHub sets the GITHUB_* ones):
#   CICLO_PATHS       cycle files or folders, separated by spaces (default .)
#   CICLO_LINT_ARGS   more flags for ciclo lint, such as --strict
#   CICLO_DIAGRAMS    the folder of committed diagrams for check
#   CICLO_VERSION     a released version to install instead of this checkout
#   GITHUB_TOKEN      for comment: a token allowed to write pull-request comments
#   GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_OUTPUT,
#   GITHUB_PATH, RUNNER_TEMP
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
marker='<!-- ciclo-diff -->'
read -ra paths <<< "${CICLO_PATHS:-.}"
read -ra lint_args <<< "${CICLO_LINT_ARGS:-}"

install() {
  local bin="$tmp/ciclo-bin"
  mkdir -p "$bin"
  if [ -n "${CICLO_VERSION:-}" ]; then
    GOBIN="$bin" go install "github.com/ciclo-dev/ciclo/cmd/ciclo@$CICLO_VERSION"
  else
    (cd "$here/.." && go build -o "$bin/ciclo" ./cmd/ciclo)
  fi
  if [ -n "${GITHUB_PATH:-}" ]; then echo "$bin" >> "$GITHUB_PATH"; fi
  "$bin/ciclo" version
}

# lint: findings as text in the log and as SARIF for code scanning; exits
# with ciclo lint's status (0 clean, 1 findings that fail, 2 misuse).
lint() {
  local sarif="$tmp/ciclo.sarif" code=0
  ciclo lint --format sarif "${lint_args[@]}" "${paths[@]}" > "$sarif" || code=$?
  if [ "$code" -le 1 ] && [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "sarif=$sarif" >> "$GITHUB_OUTPUT"
  fi
  ciclo lint "${lint_args[@]}" "${paths[@]}" || true
  return "$code"
}

# check: exit 1 naming each stale or missing diagram, 2 on misuse.
check() {
  : "${CICLO_DIAGRAMS:?set CICLO_DIAGRAMS to the folder of committed diagrams}"
  ciclo render --check "${paths[@]}" -o "$CICLO_DIAGRAMS"
}

# api METHOD PATH [BODY-FILE]: a GitHub REST call; prints the response,
# or, when the API refuses or cannot be reached, says so on stderr (with
# the start of its answer) and returns 1.
api() {
  local args=(-sS --fail-with-body -X "$1" -H "Accept: application/vnd.github+json"
    -H "Authorization: Bearer ${GITHUB_TOKEN:?set GITHUB_TOKEN}"
    -H "X-GitHub-Api-Version: 2022-11-28")
  if [ $# -ge 3 ]; then args+=(-H "Content-Type: application/json" --data-binary "@$3"); fi
  local out
  if ! out=$(curl "${args[@]}" "${GITHUB_API_URL:-https://api.github.com}$2"); then
    echo "ciclo: the GitHub API refused $1 $2: ${out:0:300}" >&2
    return 1
  fi
  printf '%s\n' "$out"
}

# comment: on a pull_request event, one comment that the next run
# updates (found by its first line, $marker). Exits 0 when posted or when
# the event is not a pull request; ciclo diff's 2, or 1 when the API
# refuses (say, a fork's read-only token).
comment() {
  local event=${GITHUB_EVENT_PATH:?set GITHUB_EVENT_PATH to the event payload}
  local pr base
  pr=$(jq -r '.pull_request.number // empty' "$event")
  if [ -z "$pr" ]; then
    echo "ciclo: not a pull request; no comment"
    return 0
  fi
  base=$(jq -r '.pull_request.base.sha' "$event")
  # A CI checkout is often shallow: fetch the base commit when missing.
  if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
    git fetch --no-tags --depth=1 origin "$base"
  fi
  local body="$tmp/ciclo-comment.md" code=0
  base=$(git rev-parse --short "$base")
  { echo "$marker"; ciclo diff --git "$base" "${paths[@]}" -f md; } > "$body" || code=$?
  if [ "$code" -ge 2 ]; then return "$code"; fi
  jq -Rs '{body: .}' < "$body" > "$body.json"
  local repo=${GITHUB_REPOSITORY:?set GITHUB_REPOSITORY to owner/name} id
  local list
  list=$(api GET "/repos/$repo/issues/$pr/comments?per_page=100") || return 1
  id=$(jq -r --arg m "$marker" '[.[] | select(.body | startswith($m))][0].id // empty' <<< "$list")
  if [ -z "$id" ] && [ "$code" -eq 0 ]; then
    echo "ciclo: no cycle changed; no comment"
  elif [ -n "$id" ]; then
    api PATCH "/repos/$repo/issues/comments/$id" "$body.json" > /dev/null || return 1
    echo "ciclo: updated comment $id on pull request $pr"
  else
    api POST "/repos/$repo/issues/$pr/comments" "$body.json" > /dev/null || return 1
    echo "ciclo: commented on pull request $pr"
  fi
}

case "${1:-}" in
  install | lint | check | comment) "$1" ;;
  *) echo "usage: ciclo-ci.sh install|lint|check|comment" >&2; exit 2 ;;
esac
