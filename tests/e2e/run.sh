#!/usr/bin/env bash
# End-to-end test of the explorer: builds stancegraph, serves the bundled
# data on a free loopback port, opens /explorer/ in headless Chromium
# (Debian's chromium, driven by playwright-core), searches "Article 5",
# checks Iran is among the opponents with a link to its source, and saves
# the screenshot to docs/explorer.png (SCREENSHOT=path to save elsewhere).
#
#   tests/e2e/run.sh            # without node or /usr/bin/chromium: SKIPPED, exit 0
#   CI=true tests/e2e/run.sh    # without them: fails
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
log() { printf '== e2e: %s\n' "$*" >&2; }
chromium="${CHROMIUM:-/usr/bin/chromium}"
shot="${SCREENSHOT:-$root/docs/explorer.png}"

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

tmp="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

log "go build ./cmd/stancegraph"
(cd "$root" && go build -o "$tmp/stancegraph" ./cmd/stancegraph)

freeport() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}
healthy() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"
}

base=""
for attempt in 1 2 3; do
  port="$(freeport)"
  # In the temporary folder, so that nothing the server writes lands in the work tree.
  (cd "$tmp" && exec ./stancegraph serve -store memory -addr "127.0.0.1:$port") >"$tmp/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 150); do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if healthy "http://127.0.0.1:$port/healthz"; then base="http://127.0.0.1:$port"; break; fi
    sleep 0.2
  done
  if [ -n "$base" ]; then break; fi
  log "the server did not come up on port $port (attempt $attempt):"
  cat "$tmp/server.log" >&2
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
done
[ -n "$base" ] || { echo "e2e: the server did not start" >&2; exit 1; }

mkdir -p "$(dirname "$shot")"
log "node tests/e2e/explorer.mjs $base/explorer/ (chromium: $chromium)"
status=0
CHROMIUM="$chromium" timeout 180 node "$here/explorer.mjs" "$base" "$shot" || status=$?
if [ "$status" -ne 0 ]; then
  log "server log:"
  cat "$tmp/server.log" >&2
fi
exit "$status"
