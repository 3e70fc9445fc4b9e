package export

import (
	"encoding/json"
	"io"
)

// cytoscapeDoc is the document cy.json() reads: graph data and elements.
type cytoscapeDoc struct {
	Data     cytoscapeData     `json:"data"`
	Elements cytoscapeElements `json:"elements"`
}

type cytoscapeData struct {
	Name      string     `json:"name"`
	Release   release    `json:"release"`
	Citations []citation `json:"citations"`
}

type cytoscapeElements struct {
	Nodes []cytoscapeElement `json:"nodes"`
	Edges []cytoscapeElement `json:"edges"`
}

type cytoscapeElement struct {
	Data map[string]any `json:"data"`
}

// WriteCytoscape writes g as Cytoscape.js JSON: the elements
// ({nodes, edges}, each {data}) that cytoscape({elements}) and cy.json()
// read, and graph data with the release and the citation manifest. Node
// data holds id, label and the node attributes; edge data holds id,
// source, target and the edge attributes, numbers typed.
func WriteCytoscape(w io.Writer, g *Graph) error {
	doc := cytoscapeDoc{
		Data:     cytoscapeData{Name: "stancegraph", Release: releaseOf(g), Citations: citations(g.Sources)},
		Elements: cytoscapeElements{Nodes: []cytoscapeElement{}, Edges: []cytoscapeElement{}},
	}
	ncols := nodeColumns(g)
	for _, n := range g.Nodes {
		d := map[string]any{"id": n.ID, "label": n.Label}
		addTyped(d, ncols, nodeValues(n))
		doc.Elements.Nodes = append(doc.Elements.Nodes, cytoscapeElement{Data: d})
	}
	for _, e := range g.Edges {
		d := map[string]any{"id": e.ID, "source": e.Source, "target": e.Target}
		addTyped(d, edgeColumns, edgeValues(e))
		doc.Elements.Edges = append(doc.Elements.Edges, cytoscapeElement{Data: d})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(doc)
}

func addTyped(d map[string]any, cols []column, vals map[string]string) {
	for _, c := range cols {
		if v, ok := vals[c.Key]; ok {
			d[c.Key] = typed(c, v)
		}
	}
}
