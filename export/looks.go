package export

import (
	"math"
	"slices"
	"strings"
)

// Look is how a node is drawn: the explorer's colour, a position, a size
// and a GEXF shape.
type Look struct {
	Colour string
	X, Y   float64
	Size   float64
	Shape  string // disc, square, triangle or diamond
}

// Looks draws g's nodes without a layout engine, deterministically: each
// bloc (actors alone or without a bloc together) a sunflower disc of its
// actors in id order, the discs around a circle, the articles,
// instruments and topics a disc in the middle. Gephi opens it readable and
// its layouts start from there.
func Looks(g *Graph) map[string]Look {
	size := map[int]int{}
	for _, n := range g.Nodes {
		if n.Bloc != nil {
			size[*n.Bloc]++
		}
	}
	groups := map[int][]*Node{} // bloc → actors; -1: alone or no bloc
	var targets []*Node
	for _, n := range g.Nodes {
		switch {
		case !isActor(n.Type):
			targets = append(targets, n)
		case n.Bloc != nil && size[*n.Bloc] > 1:
			groups[*n.Bloc] = append(groups[*n.Bloc], n)
		default:
			groups[-1] = append(groups[-1], n)
		}
	}
	const step = 14.0 // distance between neighbours in a disc
	disc := func(k int) float64 { return step * math.Sqrt(float64(k)) }
	keys := slices.Sorted(func(yield func(int) bool) {
		for k := range groups {
			if !yield(k) {
				return
			}
		}
	})
	widest := 0.0
	for _, k := range keys {
		widest = max(widest, disc(len(groups[k])))
	}
	ring := disc(len(targets)) + 2*widest + 3*step
	out := map[string]Look{}
	place := func(ns []*Node, cx, cy float64) {
		for i, n := range ns {
			r, a := disc(i), float64(i)*math.Pi*(3-math.Sqrt(5)) // the golden angle
			l := Look{X: round2(cx + r*math.Cos(a)), Y: round2(cy + r*math.Sin(a)), Size: 8, Shape: shapeOf(n.Type)}
			if isActor(n.Type) {
				l.Colour = Colours.BlocColour(n.Bloc, blocSize(n, size))
				l.Size = 10
			} else {
				l.Colour = Colours.Targets[n.Type]
			}
			out[n.ID] = l
		}
	}
	place(targets, 0, 0)
	for i, k := range keys {
		a := 2 * math.Pi * float64(i) / float64(len(keys))
		place(groups[k], ring*math.Cos(a), ring*math.Sin(a))
	}
	return out
}

func blocSize(n *Node, size map[int]int) int {
	if n.Bloc == nil {
		return 0
	}
	return size[*n.Bloc]
}

func isActor(t string) bool {
	return t == NodeState || t == NodeOrganization || t == NodeGroup || t == NodePerson
}

func shapeOf(t string) string {
	switch t {
	case NodeState:
		return "disc"
	case NodeArticle:
		return "triangle"
	case NodeInstrument, NodeTopic:
		return "diamond"
	}
	return "square"
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// EdgeColour is an edge's colour: its stance class's for a position, the
// agreement grey for an agreement.
func EdgeColour(e *Edge) string {
	if e.Type == EdgeAgreement {
		return Colours.Agreement
	}
	return Colours.Stances[StanceClass(e.Stance)]
}

// edgeStart is the date a position edge starts, as a full date
// ("2024-01" → "2024-01-01"); "" for undated positions and agreements.
func edgeStart(e *Edge) string {
	if e.Position == nil || e.Position.Date == "" {
		return ""
	}
	d := e.Position.Date
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	return d
}

// nodeStarts gives each node the earliest start of its edges, or "" (no
// spell: always there) if it has an edge without one, or no edge.
func nodeStarts(g *Graph) map[string]string {
	start, always := map[string]string{}, map[string]bool{}
	for _, e := range g.Edges {
		d := edgeStart(e)
		for _, id := range []string{e.Source, e.Target} {
			switch {
			case d == "":
				always[id] = true
			case start[id] == "" || strings.Compare(d, start[id]) < 0:
				start[id] = d
			}
		}
	}
	for id := range always {
		delete(start, id)
	}
	return start
}
