package export_test

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/export"
)

type vizColor struct {
	R int `xml:"r,attr"`
	G int `xml:"g,attr"`
	B int `xml:"b,attr"`
}

// gexfFile is what the tests read back from a GEXF export.
type gexfFile struct {
	Graph struct {
		Mode       string `xml:"mode,attr"`
		TimeFormat string `xml:"timeformat,attr"`
		Nodes      []struct {
			ID     string `xml:"id,attr"`
			Spells []struct {
				Start string `xml:"start,attr"`
			} `xml:"spells>spell"`
			Color    vizColor `xml:"http://gexf.net/1.3/viz color"`
			Position *struct {
				X string `xml:"x,attr"`
			} `xml:"http://gexf.net/1.3/viz position"`
		} `xml:"nodes>node"`
		Edges []struct {
			ID     string `xml:"id,attr"`
			Type   string `xml:"type,attr"`
			Spells []struct {
				Start string `xml:"start,attr"`
			} `xml:"spells>spell"`
			Color vizColor `xml:"http://gexf.net/1.3/viz color"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

func hex(c vizColor) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// TestWriteGEXF_Dynamic: the GEXF is dynamic, with spells from the
// positions' dates, every node and edge in the explorer's colours, every
// node placed, and agreement edges undirected.
func TestWriteGEXF_Dynamic(t *testing.T) {
	g := MustBuild(t, export.Options{Agreement: true})
	f, _ := export.FormatByName("gexf")
	var doc gexfFile
	if err := xml.Unmarshal(write(t, f, g), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Graph.Mode != "dynamic" || doc.Graph.TimeFormat != "date" {
		t.Fatalf("mode=%q timeformat=%q, want dynamic, date", doc.Graph.Mode, doc.Graph.TimeFormat)
	}
	edges := map[string]*export.Edge{}
	for _, e := range g.Edges {
		edges[e.ID] = e
	}
	var spells, agreements int
	for _, e := range doc.Graph.Edges {
		ge := edges[e.ID]
		if got, want := hex(e.Color), export.EdgeColour(ge); got != want {
			t.Fatalf("edge %s colour %s, want %s", e.ID, got, want)
		}
		if ge.Type == export.EdgeAgreement {
			agreements++
			if e.Type != "undirected" || len(e.Spells) != 0 {
				t.Fatalf("agreement edge %s: type %q, %d spells; want undirected, none", e.ID, e.Type, len(e.Spells))
			}
			continue
		}
		if e.Type != "directed" {
			t.Fatalf("position edge %s has type %q", e.ID, e.Type)
		}
		if d := ge.Position.Date; d != "" {
			spells++
			if len(e.Spells) != 1 || !strings.HasPrefix(e.Spells[0].Start, d) || len(e.Spells[0].Start) != 10 {
				t.Fatalf("edge %s of %s has spells %v", e.ID, d, e.Spells)
			}
		}
	}
	if spells < 100 || agreements == 0 {
		t.Fatalf("%d edges with spells, %d agreements", spells, agreements)
	}
	looks := export.Looks(g)
	dated := 0
	for _, n := range doc.Graph.Nodes {
		if got, want := hex(n.Color), looks[n.ID].Colour; got != want || want == "" {
			t.Fatalf("node %s colour %s, want %s", n.ID, got, want)
		}
		if n.Position == nil {
			t.Fatalf("node %s has no position", n.ID)
		}
		dated += len(n.Spells)
	}
	if dated == 0 {
		t.Fatal("no node has a spell")
	}
	iran := looks["actor:IRN"]
	if iran.Colour == export.Colours.Alone || !slices.Contains(export.Colours.Blocs, iran.Colour) {
		t.Fatalf("Iran's colour %s is not a bloc colour", iran.Colour)
	}
}

// TestWriteGraphML_DirectedPerEdge: each edge says whether it is directed.
func TestWriteGraphML_DirectedPerEdge(t *testing.T) {
	g := MustBuild(t, export.Options{Agreement: true})
	f, _ := export.FormatByName("graphml")
	var doc struct {
		Edges []struct {
			ID       string `xml:"id,attr"`
			Directed string `xml:"directed,attr"`
		} `xml:"graph>edge"`
	}
	if err := xml.Unmarshal(write(t, f, g), &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range doc.Edges {
		want := "true"
		if strings.HasPrefix(e.ID, "agreement:") {
			want = "false"
			n++
		}
		if e.Directed != want {
			t.Fatalf("edge %s directed=%q, want %q", e.ID, e.Directed, want)
		}
	}
	if n == 0 {
		t.Fatal("no agreement edge")
	}
}

// TestBuild_NoAgreementEdges keeps the blocs and drops the edges.
func TestBuild_NoAgreementEdges(t *testing.T) {
	g := MustBuild(t, export.Options{Agreement: true, NoAgreementEdges: true})
	for _, e := range g.Edges {
		if e.Type == export.EdgeAgreement {
			t.Fatalf("agreement edge %s", e.ID)
		}
	}
	blocs := 0
	for _, n := range g.Nodes {
		if n.Bloc != nil {
			blocs++
		}
	}
	if blocs == 0 {
		t.Fatal("no actor has a bloc")
	}
}

// TestPalette: stances and blocs never share a colour, nor does either
// with the grey of actors alone, targets or agreement edges.
func TestPalette(t *testing.T) {
	p := export.Colours
	seen := map[string]string{}
	add := func(what, c string) {
		if len(c) != 7 || c[0] != '#' {
			t.Fatalf("%s colour %q is not #rrggbb", what, c)
		}
		if prev, ok := seen[strings.ToLower(c)]; ok {
			t.Fatalf("%s and %s share the colour %s", prev, what, c)
		}
		seen[strings.ToLower(c)] = what
	}
	for i, c := range p.Blocs {
		add(fmt.Sprintf("bloc %d", i), c)
	}
	for _, k := range []string{"supports", "opposes", "conditional", "other"} {
		add("stance "+k, p.Stances[k])
	}
	for _, k := range []string{"Article", "Instrument", "Topic"} {
		add("target "+k, p.Targets[k])
	}
	add("alone", p.Alone)
	add("agreement", p.Agreement)
}
