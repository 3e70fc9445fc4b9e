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
	Viz            string    `xml:"xmlns:viz,attr"`
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
	TimeFormat      string           `xml:"timeformat,attr,omitempty"`
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
	ID        string       `xml:"id,attr"`
	Label     string       `xml:"label,attr"`
	AttValues []gexfValue  `xml:"attvalues>attvalue"`
	Spells    *gexfSpells  `xml:"spells"`
	Color     gexfColor    `xml:"viz:color"`
	Position  gexfPosition `xml:"viz:position"`
	Size      gexfValue1   `xml:"viz:size"`
	Shape     gexfValue1   `xml:"viz:shape"`
}

type gexfEdge struct {
	ID        string      `xml:"id,attr"`
	Source    string      `xml:"source,attr"`
	Target    string      `xml:"target,attr"`
	Type      string      `xml:"type,attr"`
	Label     string      `xml:"label,attr,omitempty"`
	Weight    string      `xml:"weight,attr"`
	AttValues []gexfValue `xml:"attvalues>attvalue"`
	Spells    *gexfSpells `xml:"spells"`
	Color     gexfColor   `xml:"viz:color"`
}

type gexfSpells struct {
	Spell []gexfSpell `xml:"spell"`
}

// gexfSpell is when a node or edge exists: from Start on (no end: a
// position stands until a later one, which is an edge of its own).
type gexfSpell struct {
	Start string `xml:"start,attr"`
}

type gexfColor struct {
	R int `xml:"r,attr"`
	G int `xml:"g,attr"`
	B int `xml:"b,attr"`
}

type gexfPosition struct {
	X string `xml:"x,attr"`
	Y string `xml:"y,attr"`
	Z string `xml:"z,attr"`
}

type gexfValue1 struct {
	Value string `xml:"value,attr"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

// WriteGEXF writes g as GEXF 1.3 (Gephi): a dynamic graph (timeformat
// date) with declared node and edge attributes (see the package comment),
// the edge weight as GEXF's own weight, and the release and citation
// manifest in <meta> (keywords "stancegraph release:ID", description
// listing the sources by id, URL and title).
//
// Time: a dated position's edge has a spell from its date (a partial date
// from its first day); a node's spell starts at its earliest edge, unless
// one of its edges is undated or an agreement, which are always there.
// Gephi's timeline replays the negotiation from these spells.
//
// Looks: every node and edge has the explorer's colour (Palette: actors by
// bloc, targets by kind, positions by stance class, agreements grey), and
// nodes a position (Layout), a size and a shape (disc for states, square
// for other actors, triangle for articles, diamond for instruments and
// topics). Position edges are directed, agreement edges undirected, each
// edge saying so.
func WriteGEXF(w io.Writer, g *Graph) error {
	doc := gexfDoc{
		XMLNS: "http://gexf.net/1.3", Viz: "http://gexf.net/1.3/viz", XSI: "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", Version: "1.3",
		Meta:  gexfMeta{Creator: "stancegraph", Keywords: "stancegraph release:" + g.Release.ID, Description: manifestText(g)},
		Graph: gexfGraph{DefaultEdgeType: "directed", Mode: "dynamic", TimeFormat: "date"},
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
	look := Looks(g)
	starts := nodeStarts(g)
	for _, n := range g.Nodes {
		l := look[n.ID]
		r, gr, b := rgb(l.Colour)
		gn := gexfNode{ID: n.ID, Label: n.Label, AttValues: gexfValues(ncols, nodeValues(n)), Color: gexfColor{r, gr, b},
			Position: gexfPosition{formatFloat(l.X), formatFloat(l.Y), "0"}, Size: gexfValue1{formatFloat(l.Size)}, Shape: gexfValue1{l.Shape}}
		if d := starts[n.ID]; d != "" {
			gn.Spells = &gexfSpells{[]gexfSpell{{d}}}
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for _, e := range g.Edges {
		vals := edgeValues(e)
		r, gr, b := rgb(EdgeColour(e))
		ge := gexfEdge{ID: e.ID, Source: e.Source, Target: e.Target, Type: "directed", Label: string(e.Stance),
			Weight: vals["weight"], AttValues: gexfValues(ecols, vals), Color: gexfColor{r, gr, b}}
		if e.Type == EdgeAgreement {
			ge.Type = "undirected"
		}
		if d := edgeStart(e); d != "" {
			ge.Spells = &gexfSpells{[]gexfSpell{{d}}}
		}
		doc.Graph.Edges = append(doc.Graph.Edges, ge)
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
