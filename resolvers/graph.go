package resolvers

import (
	"context"
	"strings"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/export"
	"github.com/stancegraph/stancegraph/graph/model"
)

// graphView builds Query.graph through the export package, so the API and
// the exports show the same graph. Blocs and agreement are computed as the
// coalition queries compute them for options; edgesPerActor keeps each
// actor's strongest agreements (export.Strongest).
func (r *Resolver) graphView(ctx context.Context, filter *stancegraph.PositionFilter, includeAgreement *bool, options *model.CoalitionOptions, edgesPerActor *int) (*model.GraphView, error) {
	o := export.Options{Filter: filterOf(filter, nil)}
	if edgesPerActor != nil {
		if *edgesPerActor < 1 {
			return nil, stancegraph.Errorf(stancegraph.EINVALID, "edgesPerActor must be at least 1, got %d.", *edgesPerActor)
		}
		o.EdgesPerActor = *edgesPerActor
	}
	if includeAgreement != nil && *includeAgreement {
		in, err := r.coalitionInput(ctx, options)
		if err != nil {
			return nil, err
		}
		o.Agreement, o.Coalition, o.CoalitionPositions = true, &in.o, in.ps
	}
	g, err := export.Build(ctx, r.Store, o)
	if err != nil {
		return nil, err
	}
	out := &model.GraphView{Release: &g.Release, Sources: g.Sources,
		Nodes: make([]*model.GraphNode, len(g.Nodes)), Edges: make([]*model.GraphEdge, len(g.Edges))}
	for i, n := range g.Nodes {
		out.Nodes[i] = graphNode(n)
		if o.Agreement && strings.HasPrefix(n.ID, "actor:") {
			k := n.Agreements
			out.Nodes[i].Agreements = &k
		}
	}
	for i, e := range g.Edges {
		out.Edges[i] = graphEdge(e)
	}
	return out, nil
}

func graphNode(n *export.Node) *model.GraphNode {
	mn := &model.GraphNode{ID: n.ID, Type: n.Type, Label: n.Label, Bloc: n.Bloc, Properties: make([]*model.Property, len(n.Properties))}
	for i, p := range n.Properties {
		mn.Properties[i] = &model.Property{Key: p.Key, Value: p.Value}
	}
	return mn
}

func graphEdge(e *export.Edge) *model.GraphEdge {
	me := &model.GraphEdge{ID: e.ID, Source: e.Source, Target: e.Target, Type: e.Type, Weight: e.Weight, Position: e.Position, SourceIds: e.SourceIDs}
	if e.Stance != "" {
		s := e.Stance
		me.Stance = &s
	}
	if e.Type == export.EdgeAgreement {
		n := e.Overlap
		me.Overlap = &n
	}
	return me
}
