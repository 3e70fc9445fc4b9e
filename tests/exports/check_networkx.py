"""Reads stancegraph's GEXF and GraphML exports with networkx, a reader that
is not ours, and checks them against the CSV exports of the same graph.

Usage: python check_networkx.py DIR PALETTE
  DIR/blocs and DIR/mixed each hold g.gexf, g.graphml and csv/: blocs has
  actors' blocs and no agreement edges, mixed has the agreement edges too.
  PALETTE is export/palette.json, the colours the explorer draws with.

networkx reads no graph mixing directed and undirected edges (its readers
raise "Undirected edge found in directed graph"), so it reads the blocs
export; the mixed export is checked for its per-edge declarations, and for
networkx refusing it for that reason only.
"""
import csv
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx

IRAN, ARTICLE5 = "actor:IRN", "article:ahc-draft-2024:5"
ACTORS = {"State", "Organization", "Group", "Person"}


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def check_graph(name, g, nodes, edges, release):
    check(g.number_of_nodes() == len(nodes), f"{name}: {g.number_of_nodes()} nodes, want {len(nodes)}")
    check(g.number_of_edges() == len(edges), f"{name}: {g.number_of_edges()} edges, want {len(edges)}")
    n = 0
    for u, v, d in g.edges(data=True):
        if d["type"] != "POSITION":
            check(d["type"] == "AGREEMENT" and 0.5 < float(d["weight"]) <= 1, f"{name}: bad agreement edge {u}->{v} {d}")
            continue
        n += 1
        check(d.get("positionId"), f"{name}: edge {u}->{v} has no positionId")
        urls = d.get("sourceUrls", "").split()
        check(urls and all(u.startswith(("http://", "https://")) for u in urls), f"{name}: edge {u}->{v} has source URLs {urls}")
    check(n == sum(1 for e in edges if e["type"] == "POSITION"), f"{name}: position edge count")
    iran = [d for _, v, d in g.out_edges(IRAN, data=True) if v == ARTICLE5 and d["stance"] == "OPPOSES"]
    check(iran, f"{name}: no OPPOSES edge from Iran to Article 5")
    check(g.nodes[IRAN]["label"] == "Iran (Islamic Republic of)", f"{name}: Iran's label is {g.nodes[IRAN].get('label')}")
    check(g.nodes[IRAN]["type"] == "State", f"{name}: Iran's type is {g.nodes[IRAN].get('type')}")
    check(isinstance(g.nodes[IRAN].get("bloc"), int), f"{name}: Iran has no integer bloc")
    print(f"{name}: ok ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges, release {release})")


def hexof(viz):
    c = viz["color"]
    return "#%02x%02x%02x" % (c["r"], c["g"], c["b"])


def stance_class(s):
    if s in ("SUPPORTS", "RETAINS", "SIGNS", "RATIFIES"):
        return "supports"
    if s in ("OPPOSES", "DELETES"):
        return "opposes"
    if s in ("CONDITIONAL", "AMENDS"):
        return "conditional"
    return "other"


def check_dynamic(g, palette, path):
    """Spells from the positions' dates; the explorer's colours; positions.
    networkx keeps the nodes' viz but not the edges', read here from the file."""
    check(g.graph.get("mode") == "dynamic", f"GEXF: mode {g.graph.get('mode')}, want dynamic")
    sizes = Counter(d["bloc"] for _, d in g.nodes(data=True) if d["type"] in ACTORS and "bloc" in d)
    for node, d in g.nodes(data=True):
        viz = d.get("viz", {})
        check("position" in viz and "color" in viz, f"GEXF: node {node} has no viz position or colour")
        if d["type"] in ACTORS:
            bloc = d.get("bloc")
            want = palette["alone"] if bloc is None or sizes[bloc] < 2 else palette["blocs"][bloc % len(palette["blocs"])]
        else:
            want = palette["targets"][d["type"]]
        check(hexof(viz) == want, f"GEXF: node {node} is {hexof(viz)}, the explorer draws it {want}")
    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    for e in ET.parse(path).getroot().iter("{http://gexf.net/1.3}edge"):
        c = e.find("viz:color", ns)
        got = "#%02x%02x%02x" % (int(c.get("r")), int(c.get("g")), int(c.get("b")))
        want = palette["stances"][stance_class(e.get("label"))]
        check(got == want, f"GEXF: edge {e.get('id')} ({e.get('label')}) is {got}, want {want}")
    dated = 0
    for u, v, d in g.edges(data=True):
        if d.get("date"):
            dated += 1
            spells = d.get("spells")
            check(spells and spells[0][0].startswith(d["date"]), f"GEXF: edge {u}->{v} of {d['date']} has spells {spells}")
    check(dated > 100, f"GEXF: {dated} dated edges")
    starts = sorted(s[0][0] for _, _, s in g.edges(data="spells") if s)
    print(f"GEXF: dynamic, {dated} edges with spells from {starts[0]} to {starts[-1]}, colours as the explorer's")


def check_mixed(d):
    """Per-edge directedness, and networkx refusing the mix, for that reason."""
    gexf = ET.parse(d / "g.gexf").getroot()
    ns = {"g": "http://gexf.net/1.3"}
    types = Counter((e.find("g:attvalues/g:attvalue[@for='type']", ns).get("value"), e.get("type")) for e in gexf.iter("{http://gexf.net/1.3}edge"))
    check(set(types) == {("POSITION", "directed"), ("AGREEMENT", "undirected")}, f"GEXF mixed: edge types {types}")
    gml = ET.parse(d / "g.graphml").getroot()
    gns = "{http://graphml.graphdrawing.org/xmlns}"
    kinds = Counter((e.get("id").startswith("agreement:"), e.get("directed")) for e in gml.iter(gns + "edge"))
    check(set(kinds) == {(False, "true"), (True, "false")}, f"GraphML mixed: edge directedness {kinds}")
    for name, read in (("GEXF", nx.read_gexf), ("GraphML", nx.read_graphml)):
        try:
            read(d / ("g.gexf" if name == "GEXF" else "g.graphml"))
            raise AssertionError(f"{name} mixed: networkx read a mixed graph; read it in check_graph instead")
        except nx.NetworkXError as e:
            check("ndirected edge found in directed graph" in str(e) or "directed=false edge" in str(e), f"{name} mixed: {e}")
    print(f"mixed: {types[('AGREEMENT', 'undirected')]} agreement edges undirected beside {types[('POSITION', 'directed')]} directed positions, in GEXF and GraphML")


def main(d, palette_path):
    palette = json.loads(Path(palette_path).read_text())
    d = Path(d)
    check_mixed(d / "mixed")
    d = d / "blocs"
    nodes, edges = rows(d / "csv" / "nodes.csv"), rows(d / "csv" / "edges.csv")
    sources = rows(d / "csv" / "sources.csv")
    release = nodes[0]["release"]
    check(release and all(r["release"] == release for r in nodes + edges + sources), "CSV: release column")

    gexf = nx.read_gexf(d / "g.gexf")
    ns = {"g": "http://gexf.net/1.3"}
    meta = ET.parse(d / "g.gexf").getroot().find("g:meta", ns)
    check(f"release:{release}" in meta.find("g:keywords", ns).text, "GEXF: release missing from <meta>")
    desc = meta.find("g:description", ns).text
    check(all(s["url"] in desc for s in sources), "GEXF: citation manifest incomplete")
    check_graph("GEXF", gexf, nodes, edges, release)
    check_dynamic(gexf, palette, d / "g.gexf")

    graphml = nx.read_graphml(d / "g.graphml")
    check(graphml.graph.get("release") == release, f"GraphML: graph release {graphml.graph.get('release')}, want {release}")
    cited = {c["url"] for c in json.loads(graphml.graph["citations"])}
    check(cited == {s["url"] for s in sources}, "GraphML: citation manifest differs from sources.csv")
    check_graph("GraphML", graphml, nodes, edges, release)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
