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

. "$root/tests/serve.sh"
serve_bundled
url="$base/graphql"

log "node tests/audit/audit.mjs $url"
status=0
node "$here/audit.mjs" "$url" || status=$?
if [ "$status" -ne 0 ]; then
  log "server log:"
  cat "$tmp/server.log" >&2
fi
exit "$status"
