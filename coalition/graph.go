package coalition

import (
	"math"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// undirected is a gonum simple.WeightedUndirectedGraph whose nodes and
// neighbours iterate in ID order. The simple graphs iterate Go maps, whose
// order changes from run to run; gonum's Louvain, Dijkstra and betweenness
// sum floats in iteration order, so map order could flip near-ties. Node i
// is actor ids[i], and ids are sorted, so ID order is actor order.
type undirected struct {
	*simple.WeightedUndirectedGraph
	nodes []graph.Node
	adj   [][]graph.Node
}

// Nodes returns the nodes in ID order.
func (g *undirected) Nodes() graph.Nodes { return ordered(g.nodes) }

// From returns the neighbours of id in ID order.
func (g *undirected) From(id int64) graph.Nodes { return ordered(g.adj[id]) }

func ordered(ns []graph.Node) graph.Nodes {
	if len(ns) == 0 {
		return graph.Empty
	}
	return iterator.NewOrderedNodes(ns)
}

// agreementGraph builds the graph over ids (sorted) with an edge for every
// Defined pair with Score > minScore, weighted by weight(score). ps must be
// c.pairs(ids, …): ordered by A then B, so every adjacency list comes out
// in ID order.
func agreementGraph(ids []string, ps []Pair, minScore float64, weight func(float64) float64) *undirected {
	g := &undirected{
		WeightedUndirectedGraph: simple.NewWeightedUndirectedGraph(0, 0),
		nodes:                   make([]graph.Node, len(ids)),
		adj:                     make([][]graph.Node, len(ids)),
	}
	index := make(map[string]int64, len(ids))
	for i, id := range ids {
		g.nodes[i] = simple.Node(i)
		g.AddNode(g.nodes[i])
		index[id] = int64(i)
	}
	for _, p := range ps {
		if !p.Defined || p.Score <= minScore {
			continue
		}
		u, v := simple.Node(index[p.A]), simple.Node(index[p.B])
		g.SetWeightedEdge(simple.WeightedEdge{F: u, T: v, W: weight(p.Score)})
		g.adj[u] = append(g.adj[u], v)
		g.adj[v] = append(g.adj[v], u)
	}
	return g
}

// blocScore is the agreement a pair needs to be an edge of the bloc graph:
// more agreement than disagreement (see the package comment).
const blocScore = 0.5

// identity is the edge weight of the Louvain and PageRank graphs.
func identity(score float64) float64 { return score }

// hopCost keeps chains of perfect agreement from being free in Dijkstra.
const hopCost = 1.0 / 1024

// quantum is the grain distances are rounded to. Multiples of a power of
// two add up exactly in float64, so paths of equal length tie exactly
// whatever the order of summation, and Dijkstra counts every shortest path.
const quantum = 1.0 / (1 << 20)

// distance is the edge weight of the betweenness graph: 1 - score, rounded
// to a multiple of quantum (about 1e-6), plus hopCost.
func distance(score float64) float64 {
	return math.Round((1-score)/quantum)*quantum + hopCost
}
