# Sourced by tests/*/run.sh: build stancegraph and serve the bundled data on a
# free loopback port, from a temporary folder (so nothing the server writes,
# such as its journal, lands in the work tree), and stop it on exit.
# Needs: root (the repository), log (a logging function), node.
#
#   . "$root/tests/serve.sh"
#   serve_bundled          # sets base=http://127.0.0.1:PORT; the log is $tmp/server.log

tmp="$(mktemp -d)"
pid=""
serve_cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap serve_cleanup EXIT

freeport() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# healthy URL: 0 once GET URL answers 200.
healthy() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"
}

serve_bundled() {
  log "go build ./cmd/stancegraph"
  (cd "$root" && go build -o "$tmp/stancegraph" ./cmd/stancegraph)
  base=""
  # Should another process take the probed port before the listen, try another.
  for attempt in 1 2 3; do
    port="$(freeport)"
    # The memory store with the bundled data, even if a Neo4j URI is in the environment.
    (cd "$tmp" && exec ./stancegraph serve -store memory -addr "127.0.0.1:$port") >"$tmp/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 150); do
      if ! kill -0 "$pid" 2>/dev/null; then break; fi
      if healthy "http://127.0.0.1:$port/healthz"; then base="http://127.0.0.1:$port"; return 0; fi
      sleep 0.2
    done
    log "the server did not come up on port $port (attempt $attempt):"
    cat "$tmp/server.log" >&2
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
  done
  echo "the server did not start" >&2
  return 1
}
