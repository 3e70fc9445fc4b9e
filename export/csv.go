package export

import (
	"encoding/csv"
	"io"
)

// WriteCSV writes g as two CSV files: a node list (id, label, then the
// node attributes) and an edge list (id, source, target, then the edge
// attributes). Both end with a release column, so every row names the
// data it came from; lists are space-separated.
func WriteCSV(nodes, edges io.Writer, g *Graph) error {
	ncols := append([]column{{"id", typeString}, {"label", typeString}}, nodeColumns(g)...)
	ncols = append(ncols, column{"release", typeString})
	rows := make([]map[string]string, len(g.Nodes))
	for i, n := range g.Nodes {
		rows[i] = nodeValues(n)
		rows[i]["id"], rows[i]["label"], rows[i]["release"] = n.ID, n.Label, g.Release.ID
	}
	if err := writeTable(nodes, ncols, rows); err != nil {
		return err
	}
	ecols := append([]column{{"id", typeString}, {"source", typeString}, {"target", typeString}}, edgeColumns...)
	ecols = append(ecols, column{"release", typeString})
	rows = make([]map[string]string, len(g.Edges))
	for i, e := range g.Edges {
		rows[i] = edgeValues(e)
		rows[i]["id"], rows[i]["source"], rows[i]["target"], rows[i]["release"] = e.ID, e.Source, e.Target, g.Release.ID
	}
	return writeTable(edges, ecols, rows)
}

// WriteSourcesCSV writes the citation manifest: one row per source the
// edges cite (id, url, title, publisher, class, date, release).
func WriteSourcesCSV(w io.Writer, g *Graph) error {
	cols := []column{{"id", typeString}, {"url", typeString}, {"title", typeString}, {"publisher", typeString},
		{"class", typeString}, {"date", typeString}, {"release", typeString}}
	rows := make([]map[string]string, len(g.Sources))
	for i, s := range g.Sources {
		rows[i] = map[string]string{"id": s.ID, "url": s.URL, "title": s.Title, "publisher": s.Publisher,
			"class": string(s.Class), "date": s.Date, "release": g.Release.ID}
	}
	return writeTable(w, cols, rows)
}

func writeTable(w io.Writer, cols []column, rows []map[string]string) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.Key
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		rec := make([]string, len(cols))
		for i, c := range cols {
			rec[i] = r[c.Key]
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
