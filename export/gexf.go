package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

type gexfDoc struct {
	XMLName        xml.Name  `xml:"gexf"`
	XMLNS          string    `xml:"xmlns,attr"`
	XSI            string    `xml:"xmlns:xsi,attr"`
	SchemaLocation string    `xml:"xsi:schemaLocation,attr"`
	Version        string    `xml:"version,attr"`
	Meta           gexfMeta  `xml:"meta"`
	Graph          gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	LastModified string `xml:"lastmodifieddate,attr,omitempty"`
	Creator      string `xml:"creator"`
	Keywords     string `xml:"keywords"`
	Description  string `xml:"description"`
}

type gexfGraph struct {
	DefaultEdgeType string           `xml:"defaultedgetype,attr"`
	Mode            string           `xml:"mode,attr"`
	Attributes      []gexfAttributes `xml:"attributes"`
	Nodes           []gexfNode       `xml:"nodes>node"`
	Edges           []gexfEdge       `xml:"edges>edge"`
}

type gexfAttributes struct {
	Class      string          `xml:"class,attr"`
	Mode       string          `xml:"mode,attr"`
	Attributes []gexfAttribute `xml:"attribute"`
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfNode struct {
	ID        string      `xml:"id,attr"`
	Label     string      `xml:"label,attr"`
	AttValues []gexfValue `xml:"attvalues>attvalue"`
}

type gexfEdge struct {
	ID        string      `xml:"id,attr"`
	Source    string      `xml:"source,attr"`
	Target    string      `xml:"target,attr"`
	Label     string      `xml:"label,attr,omitempty"`
	Weight    string      `xml:"weight,attr"`
	AttValues []gexfValue `xml:"attvalues>attvalue"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

// WriteGEXF writes g as GEXF 1.3 (Gephi): a static directed graph with
// declared node and edge attributes (see the package comment), the edge
// weight as GEXF's own weight, and the release and citation manifest in
// <meta> (keywords "stancegraph release:ID", description listing the
// sources by id, URL and title).
func WriteGEXF(w io.Writer, g *Graph) error {
	doc := gexfDoc{
		XMLNS: "http://gexf.net/1.3", XSI: "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", Version: "1.3",
		Meta:  gexfMeta{Creator: "stancegraph", Keywords: "stancegraph release:" + g.Release.ID, Description: manifestText(g)},
		Graph: gexfGraph{DefaultEdgeType: "directed", Mode: "static"},
	}
	if len(g.Release.Date) == len("2006-01-02") {
		doc.Meta.LastModified = g.Release.Date
	}
	ncols := nodeColumns(g)
	var ecols []column // weight is GEXF's own edge attribute, not a declared one
	for _, c := range edgeColumns {
		if c.Key != "weight" {
			ecols = append(ecols, c)
		}
	}
	doc.Graph.Attributes = []gexfAttributes{gexfDeclare("node", ncols), gexfDeclare("edge", ecols)}
	for _, n := range g.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, gexfNode{ID: n.ID, Label: n.Label, AttValues: gexfValues(ncols, nodeValues(n))})
	}
	for _, e := range g.Edges {
		vals := edgeValues(e)
		doc.Graph.Edges = append(doc.Graph.Edges, gexfEdge{ID: e.ID, Source: e.Source, Target: e.Target, Label: string(e.Stance),
			Weight: vals["weight"], AttValues: gexfValues(ecols, vals)})
	}
	return writeXML(w, doc)
}

func gexfDeclare(class string, cols []column) gexfAttributes {
	a := gexfAttributes{Class: class, Mode: "static"}
	for _, c := range cols {
		a.Attributes = append(a.Attributes, gexfAttribute{ID: c.Key, Title: c.Key, Type: c.Type})
	}
	return a
}

func gexfValues(cols []column, vals map[string]string) []gexfValue {
	var out []gexfValue
	for _, c := range cols {
		if v, ok := vals[c.Key]; ok {
			out = append(out, gexfValue{For: c.Key, Value: v})
		}
	}
	return out
}

// manifestText is the release and citation manifest as plain text.
func manifestText(g *Graph) string {
	var b strings.Builder
	fmt.Fprintf(&b, "stancegraph release %s (sha256 %s, data dated %s): %d nodes, %d edges. "+
		"Each POSITION edge keeps its position id and its sources (sourceIds, sourceUrls, primary first).\nSources cited:\n",
		g.Release.ID, g.Release.Hash, g.Release.Date, len(g.Nodes), len(g.Edges))
	for _, s := range g.Sources {
		fmt.Fprintf(&b, "%s %s %s\n", s.ID, s.URL, s.Title)
	}
	return b.String()
}

// writeXML writes v, indented, after the XML declaration.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
