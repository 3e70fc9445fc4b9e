#!/usr/bin/env bash
# Runs the GraphQL-over-HTTP conformance audits of the graphql-http npm
# package (serverAudits) against a freshly built `stancegraph serve` on the
# bundled data, and fails unless every MUST and every SHOULD audit passes.
#
#   tests/audit/run.sh            # without Node.js: SKIPPED, exit 0
#   CI=true tests/audit/run.sh    # without Node.js: fails
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
log() { printf '== audit: %s\n' "$*" >&2; }

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then
      echo "audit: $tool is not installed, so the GraphQL-over-HTTP audits cannot run; CI=true: failing" >&2
      exit 1
    fi
    echo "audit: SKIPPED: $tool is not installed, so the GraphQL-over-HTTP audits (graphql-http serverAudits) did not run" >&2
    exit 0
  fi
done

if [ ! -d "$here/node_modules/graphql-http" ]; then
  log "npm ci (graphql-http, graphql)"
  (cd "$here" && npm ci --no-audit --no-fund >&2)
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

# healthy URL: 0 once GET URL answers 200.
healthy() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"
}

# Start on a free loopback port; should another process take the port
# between the probe and the listen, try another.
url=""
for attempt in 1 2 3; do
  port="$(freeport)"
  # The memory store with the bundled data, even if a Neo4j URI is in the environment.
  "$tmp/stancegraph" serve -store memory -addr "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 150); do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if healthy "http://127.0.0.1:$port/healthz"; then url="http://127.0.0.1:$port/graphql"; break; fi
    sleep 0.2
  done
  if [ -n "$url" ]; then break; fi
  log "the server did not come up on port $port (attempt $attempt):"
  cat "$tmp/server.log" >&2
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
done
if [ -z "$url" ]; then
  echo "audit: the server did not start" >&2
  exit 1
fi

log "node tests/audit/audit.mjs $url"
status=0
node "$here/audit.mjs" "$url" || status=$?
if [ "$status" -ne 0 ]; then
  log "server log:"
  cat "$tmp/server.log" >&2
fi
exit "$status"
