package export

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"strconv"
)

type graphmlDoc struct {
	XMLName        xml.Name     `xml:"graphml"`
	XMLNS          string       `xml:"xmlns,attr"`
	XSI            string       `xml:"xmlns:xsi,attr"`
	SchemaLocation string       `xml:"xsi:schemaLocation,attr"`
	Keys           []graphmlKey `xml:"key"`
	Graph          graphmlGraph `xml:"graph"`
}

type graphmlKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type graphmlGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Data        []graphmlData `xml:"data"`
	Nodes       []graphmlNode `xml:"node"`
	Edges       []graphmlEdge `xml:"edge"`
}

type graphmlNode struct {
	ID   string        `xml:"id,attr"`
	Data []graphmlData `xml:"data"`
}

type graphmlEdge struct {
	ID       string        `xml:"id,attr"`
	Source   string        `xml:"source,attr"`
	Target   string        `xml:"target,attr"`
	Directed string        `xml:"directed,attr"`
	Data     []graphmlData `xml:"data"`
}

type graphmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// graphmlTypes maps column types to GraphML's attr.type.
var graphmlTypes = map[string]string{typeString: "string", typeInteger: "int", typeDouble: "double"}

// WriteGraphML writes g as GraphML: key declarations (ids "g_", "n_" or
// "e_" plus the attribute name) for the graph's release, releaseHash,
// releaseDate and citations (the manifest as a JSON array), the nodes'
// label and attributes and the edges' attributes; then one graph, directed
// by default, each edge saying whether it is: positions directed="true",
// agreements directed="false".
func WriteGraphML(w io.Writer, g *Graph) error {
	manifest, err := json.Marshal(citations(g.Sources))
	if err != nil {
		return err
	}
	doc := graphmlDoc{
		XMLNS: "http://graphml.graphdrawing.org/xmlns", XSI: "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
		Graph:          graphmlGraph{ID: "stancegraph", EdgeDefault: "directed"},
	}
	gcols := []column{{"release", typeString}, {"releaseHash", typeString}, {"releaseDate", typeString}, {"citations", typeString}}
	ncols := append([]column{{"label", typeString}}, nodeColumns(g)...)
	doc.Keys = append(append(graphmlKeys("graph", "g_", gcols), graphmlKeys("node", "n_", ncols)...), graphmlKeys("edge", "e_", edgeColumns)...)
	gvals := map[string]string{"release": g.Release.ID, "releaseHash": g.Release.Hash, "releaseDate": g.Release.Date, "citations": string(manifest)}
	doc.Graph.Data = graphmlValues("g_", gcols, gvals)
	for _, n := range g.Nodes {
		vals := nodeValues(n)
		vals["label"] = n.Label
		doc.Graph.Nodes = append(doc.Graph.Nodes, graphmlNode{ID: n.ID, Data: graphmlValues("n_", ncols, vals)})
	}
	for _, e := range g.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, graphmlEdge{ID: e.ID, Source: e.Source, Target: e.Target,
			Directed: strconv.FormatBool(e.Type != EdgeAgreement), Data: graphmlValues("e_", edgeColumns, edgeValues(e))})
	}
	return writeXML(w, doc)
}

func graphmlKeys(domain, prefix string, cols []column) []graphmlKey {
	out := make([]graphmlKey, len(cols))
	for i, c := range cols {
		out[i] = graphmlKey{ID: prefix + c.Key, For: domain, Name: c.Key, Type: graphmlTypes[c.Type]}
	}
	return out
}

func graphmlValues(prefix string, cols []column, vals map[string]string) []graphmlData {
	var out []graphmlData
	for _, c := range cols {
		if v, ok := vals[c.Key]; ok {
			out = append(out, graphmlData{Key: prefix + c.Key, Value: v})
		}
	}
	return out
}
