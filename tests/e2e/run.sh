#!/usr/bin/env bash
# End-to-end test of the explorer and GraphiQL: builds stancegraph, serves
# the bundled data on a free loopback port, opens /explorer/ in headless
# Chromium (Debian's chromium, driven by playwright-core), searches
# "Article 5", checks Iran is among the opponents with a link to its source,
# and saves the screenshot to docs/explorer.png (SCREENSHOT=path to save
# elsewhere); then opens GraphiQL at / with every request off loopback
# refused, finds PositionFilter's description in its Docs, runs the first
# example and a query given in the URL (screenshot: graphiql.png beside the
# explorer's, GRAPHIQL_SCREENSHOT=path to save elsewhere).
#
#   tests/e2e/run.sh            # without node or /usr/bin/chromium: SKIPPED, exit 0
#   CI=true tests/e2e/run.sh    # without them: fails
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
log() { printf '== e2e: %s\n' "$*" >&2; }
chromium="${CHROMIUM:-/usr/bin/chromium}"
shot="${SCREENSHOT:-$root/docs/explorer.png}"
gshot="${GRAPHIQL_SCREENSHOT:-$(dirname "$shot")/graphiql.png}"  # beside the explorer's

missing() {
  if [ "${CI:-}" = "true" ]; then
    echo "e2e: $1; CI=true: failing" >&2
    exit 1
  fi
  echo "e2e: SKIPPED: $1, so the explorer test did not run" >&2
  exit 0
}
for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || missing "$tool is not installed"
done
[ -x "$chromium" ] || missing "$chromium is missing (install Debian's chromium: apt-get update && apt-get install -y chromium)"

if [ ! -d "$here/node_modules/playwright-core" ]; then
  log "npm ci (playwright-core)"
  (cd "$here" && timeout 600 npm ci --no-audit --no-fund >&2)
fi

. "$root/tests/serve.sh"
serve_bundled

mkdir -p "$(dirname "$shot")"
log "node tests/e2e/explorer.mjs $base/explorer/ (chromium: $chromium)"
status=0
CHROMIUM="$chromium" timeout 180 node "$here/explorer.mjs" "$base" "$shot" || status=$?
log "node tests/e2e/graphiql.mjs $base/ (offline but for loopback)"
CHROMIUM="$chromium" timeout 180 node "$here/graphiql.mjs" "$base" "$gshot" || status=$?
if [ "$status" -ne 0 ]; then
  log "server log:"
  cat "$tmp/server.log" >&2
fi
exit "$status"
