#!/usr/bin/env bash
# Checks stancegraph's exports with readers that are not ours: networkx
# (PyPI) reads the GEXF (dynamic: spells, viz colours) and GraphML,
# Cytoscape.js (npm) loads the Cytoscape JSON under Node; both compare them
# with the CSV exports of the same graph (bundled data, memory store, with
# blocs, and with and without agreement edges).
#
#   tests/exports/run.sh            # without python3 or node: SKIPPED, exit 0
#   CI=true tests/exports/run.sh    # without python3 or node: fails
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
log() { printf '== exports: %s\n' "$*" >&2; }

for tool in python3 node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then
      echo "exports: $tool is not installed, so the export checks cannot run; CI=true: failing" >&2
      exit 1
    fi
    echo "exports: SKIPPED: $tool is not installed, so the export checks (networkx, Cytoscape.js) did not run" >&2
    exit 0
  fi
done

if [ ! -x "$here/.venv/bin/python" ] || ! "$here/.venv/bin/python" -c 'import networkx' 2>/dev/null; then
  log "python3 -m venv .venv && pip install -r requirements.txt"
  python3 -m venv "$here/.venv"
  timeout 600 "$here/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
fi
if [ ! -d "$here/node_modules/cytoscape" ]; then
  log "npm ci (cytoscape)"
  (cd "$here" && timeout 600 npm ci --no-audit --no-fund >&2)
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

log "go build ./cmd/stancegraph"
(cd "$root" && go build -o "$tmp/stancegraph" ./cmd/stancegraph)

# Two exports: with agreement edges (undirected, beside the directed
# positions: a mixed graph) and with blocs only (-agreement-edges=false).
for kind in mixed blocs; do
  log "stancegraph export $kind (gexf, graphml, cytoscape, csv)"
  mkdir -p "$tmp/$kind"
  edges=true
  [ "$kind" = blocs ] && edges=false
  export_() { timeout 120 "$tmp/stancegraph" export -store memory -agreement -agreement-edges="$edges" "$@"; }
  export_ -format gexf -out "$tmp/$kind/g.gexf"
  export_ -format graphml -out "$tmp/$kind/g.graphml"
  export_ -format cytoscape -out "$tmp/$kind/g.cytoscape.json"
  export_ -format csv -out "$tmp/$kind/csv"
done

log "networkx reads the dynamic GEXF (spells, explorer colours) and the GraphML; the mixed ones say per edge what is undirected"
timeout 300 "$here/.venv/bin/python" "$here/check_networkx.py" "$tmp" "$root/export/palette.json"
log "Cytoscape.js loads the Cytoscape JSON"
timeout 120 node "$here/check_cytoscape.mjs" "$tmp/mixed"
