package export

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/stancegraph/stancegraph"
)

// column is one attribute of nodes or edges, declared the same way by
// every format.
type column struct {
	Key  string
	Type string // "string", "integer" or "double"
}

// Attribute types.
const (
	typeString  = "string"
	typeInteger = "integer"
	typeDouble  = "double"
)

// nodeColumns are the node attributes: type, bloc, then every property
// key any node has, sorted.
func nodeColumns(g *Graph) []column {
	keys := map[string]bool{}
	for _, n := range g.Nodes {
		for _, p := range n.Properties {
			keys[p.Key] = true
		}
	}
	out := []column{{"type", typeString}, {"bloc", typeInteger}}
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		out = append(out, column{k, typeString})
	}
	return out
}

// nodeValues returns a node's attribute values by key; keys without a
// value are absent.
func nodeValues(n *Node) map[string]string {
	out := map[string]string{"type": n.Type}
	if n.Bloc != nil {
		out["bloc"] = strconv.Itoa(*n.Bloc)
	}
	for _, p := range n.Properties {
		out[p.Key] = p.Value
	}
	return out
}

// edgeColumns are the edge attributes, the same for every graph. Lists
// (sourceIds, sourceUrls) are space-separated, primary source first.
var edgeColumns = []column{
	{"type", typeString}, {"stance", typeString}, {"weight", typeDouble}, {"overlap", typeInteger},
	{"positionId", typeString}, {"kind", typeString}, {"date", typeString}, {"session", typeString},
	{"verification", typeString}, {"sourceIds", typeString}, {"sourceUrls", typeString}, {"quote", typeString},
	{"evidence", typeString}, {"alternative", typeString}, {"issue", typeString},
}

// edgeValues returns an edge's attribute values by key; keys without a
// value are absent.
func edgeValues(e *Edge) map[string]string {
	out := map[string]string{"type": e.Type, "weight": formatFloat(e.Weight)}
	set := func(k, v string) {
		if v != "" {
			out[k] = v
		}
	}
	set("stance", string(e.Stance))
	set("sourceIds", strings.Join(e.SourceIDs, " "))
	set("sourceUrls", strings.Join(e.SourceURLs, " "))
	if e.Type == EdgeAgreement {
		out["overlap"] = strconv.Itoa(e.Overlap)
	}
	if p := e.Position; p != nil {
		set("positionId", p.ID)
		set("kind", string(p.Kind))
		set("date", p.Date)
		set("session", p.SessionID)
		set("verification", string(p.Verification))
		set("quote", p.Quote)
		set("evidence", string(e.Evidence))
		set("alternative", p.AlternativeID)
		set("issue", p.IssueID)
	}
	return out
}

// typed converts an attribute value to its JSON type.
func typed(c column, v string) any {
	switch c.Type {
	case typeInteger:
		n, _ := strconv.Atoi(v)
		return n
	case typeDouble:
		f, _ := strconv.ParseFloat(v, 64)
		return f
	}
	return v
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// citation is a source as the manifests list it.
type citation struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Class     string `json:"class"`
	Date      string `json:"date,omitempty"`
}

func citations(ss []*stancegraph.Source) []citation {
	out := make([]citation, len(ss))
	for i, s := range ss {
		out[i] = citation{ID: s.ID, URL: s.URL, Title: s.Title, Publisher: s.Publisher, Class: string(s.Class), Date: s.Date}
	}
	return out
}

// release is the release as the manifests give it.
type release struct {
	ID   string `json:"id"`
	Hash string `json:"hash"`
	Date string `json:"date"`
}

func releaseOf(g *Graph) release {
	return release{ID: g.Release.ID, Hash: g.Release.Hash, Date: g.Release.Date}
}
