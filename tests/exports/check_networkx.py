"""Reads stancegraph's GEXF and GraphML exports with networkx, a reader that
is not ours, and checks them against the CSV exports of the same graph.

Usage: python check_networkx.py DIR   (DIR holds g.gexf, g.graphml and csv/)
"""
import csv
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx

IRAN, ARTICLE5 = "actor:IRN", "article:ahc-draft-2024:5"


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


def main(d):
    d = Path(d)
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

    graphml = nx.read_graphml(d / "g.graphml")
    check(graphml.graph.get("release") == release, f"GraphML: graph release {graphml.graph.get('release')}, want {release}")
    cited = {c["url"] for c in json.loads(graphml.graph["citations"])}
    check(cited == {s["url"] for s in sources}, "GraphML: citation manifest differs from sources.csv")
    check_graph("GraphML", graphml, nodes, edges, release)


if __name__ == "__main__":
    main(sys.argv[1])
