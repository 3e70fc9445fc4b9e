// Package export turns positions read from a stancegraph.Store into a
// node-and-edge graph and writes it in the formats visualization tools
// read: Cytoscape.js JSON, GEXF 1.3 (Gephi), GraphML and CSV node and edge
// lists.
//
// Nodes are actors (type State, Organization, Group or Person) and what
// they took positions on (Article, Instrument or Topic). Each position is
// one directed edge, actor → target, of type POSITION, whose weight is the
// stance's polarity (stancegraph.Stance.Polarity; 0 for stances without
// one) and which keeps the position's id and the ids and URLs of its
// sources, primary first. With Options.Agreement, actors also carry their
// bloc number and pairs of actors agreeing more often than not are joined
// by AGREEMENT edges weighted by their agreement score (package coalition).
//
// Every export names the data release it was made from and carries a
// citation manifest: the sources behind its edges. Output is deterministic
// (everything sorted by id, no timestamps), and everything is read through
// the Store interface, so both backends export the same bytes.
package export

import (
	"cmp"
	"context"
	"slices"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
)

// Edge types.
const (
	EdgePosition  = "POSITION"
	EdgeAgreement = "AGREEMENT"
)

// Node types.
const (
	NodeState        = "State"
	NodeOrganization = "Organization"
	NodeGroup        = "Group"
	NodePerson       = "Person"
	NodeArticle      = "Article"
	NodeInstrument   = "Instrument"
	NodeTopic        = "Topic"
)

// Graph is the exported graph: nodes and edges sorted by id, and the
// sources the edges cite sorted by id (the citation manifest).
type Graph struct {
	Release stancegraph.Release
	Nodes   []*Node
	Edges   []*Edge
	Sources []*stancegraph.Source
}

// Node is an actor, an article, an instrument or a topic.
type Node struct {
	ID         string // the entity's id prefixed by its kind: "actor:IRN", "article:uncc:6"
	Type       string // one of the Node* constants
	Label      string
	Bloc       *int       // an actor's bloc, with Options.Agreement
	Agreements int        // with Options.Agreement: the actors it agrees with, before EdgesPerActor
	Properties []Property // sorted by key, empty values left out
}

// Property is one key and its value.
type Property struct {
	Key, Value string
}

// Edge is a position (actor → target) or an agreement between two actors
// (the one with the smaller id → the other).
type Edge struct {
	ID         string // the position's id, or "agreement:A:B"
	Source     string // node id
	Target     string // node id
	Type       string // EdgePosition or EdgeAgreement
	Stance     stancegraph.Stance
	Weight     float64               // stance polarity, or agreement score
	Overlap    int                   // agreement edges: items both actors took a stance on
	Position   *stancegraph.Position // position edges
	SourceIDs  []string              // the position's sources, primary first
	SourceURLs []string              // their URLs, in the same order
	// Evidence is a position edge's grade: the best class among its sources.
	Evidence stancegraph.EvidenceGrade
}

// Options select what Build exports.
type Options struct {
	// Filter selects the positions, as everywhere in the API; Offset,
	// Limit and Sort are ignored.
	Filter stancegraph.PositionFilter
	// Agreement adds bloc numbers to actors and AGREEMENT edges.
	Agreement bool
	// NoAgreementEdges keeps Agreement's blocs but leaves out its edges:
	// a graph every reader takes (networkx reads no graph that mixes
	// directed and undirected edges).
	NoAgreementEdges bool
	// Coalition configures blocs and agreement. Nil means the API's
	// defaults: seed 1, corresponding articles merged across versions.
	Coalition *coalition.Options
	// CoalitionPositions are what blocs and agreement are computed over;
	// nil means the exported positions.
	CoalitionPositions []*stancegraph.Position
	// MinAgreement is the score an AGREEMENT edge must exceed; 0 means
	// 0.5, the bloc cut ("agree more often than not").
	MinAgreement float64
	// EdgesPerActor keeps only the strongest AGREEMENT edges, as the
	// explorer's map draws them (see Strongest); 0 keeps them all.
	EdgesPerActor int
}

// Build reads the positions o selects, and what they refer to, from s.
func Build(ctx context.Context, s stancegraph.Store, o Options) (*Graph, error) {
	rel, err := s.Release(ctx)
	if err != nil {
		return nil, err
	}
	f := o.Filter
	f.Offset, f.Limit, f.Sort = 0, 0, stancegraph.SortDateAsc
	ps, _, err := s.FindPositions(ctx, f)
	if err != nil {
		return nil, err
	}
	b := newBuilder(ps)
	if o.Agreement {
		if err := b.agreement(ctx, s, o); err != nil {
			return nil, err
		}
	}
	if err := b.load(ctx, s); err != nil {
		return nil, err
	}
	g := &Graph{Release: *rel, Nodes: b.nodes(), Edges: b.edges(), Sources: b.citations()}
	slices.SortFunc(g.Nodes, func(a, b *Node) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(g.Edges, func(a, b *Edge) int { return cmp.Compare(a.ID, b.ID) })
	return g, nil
}

// target names the node a position points at: its article, else its
// instrument, else its first topic; "" if none.
func target(p *stancegraph.Position) (kind, id string) {
	switch {
	case p.ArticleID != "":
		return "article", p.ArticleID
	case p.InstrumentID != "":
		return "instrument", p.InstrumentID
	case len(p.Topics) > 0:
		return "topic", p.Topics[0]
	}
	return "", ""
}

// NodeID is the id of the node of an entity of the given kind (actor,
// article, instrument or topic).
func NodeID(kind, id string) string { return kind + ":" + id }
