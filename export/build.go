package export

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strconv"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
)

// builder collects the ids a set of positions refers to, loads them in
// batches and turns the lot into nodes and edges.
type builder struct {
	ps     []*stancegraph.Position
	ids    map[string]map[string]bool // kind → ids: actor, article, instrument, topic, source
	bloc   map[string]int             // actor id → bloc
	pairs  []coalition.Pair           // the AGREEMENT edges
	agrees map[string]int             // actor id → agreeing pairs, before EdgesPerActor

	actors      map[string]*stancegraph.Actor
	articles    map[string]*stancegraph.Article
	instruments map[string]*stancegraph.Instrument
	topics      map[string]*stancegraph.Topic
	sources     map[string]*stancegraph.Source
}

func newBuilder(ps []*stancegraph.Position) *builder {
	b := &builder{ps: ps, ids: map[string]map[string]bool{}, bloc: map[string]int{}, agrees: map[string]int{}}
	for _, k := range []string{"actor", "article", "instrument", "topic", "source"} {
		b.ids[k] = map[string]bool{}
	}
	for _, p := range ps {
		kind, id := target(p)
		if kind == "" {
			continue
		}
		b.ids["actor"][p.ActorID] = true
		b.ids[kind][id] = true
		for _, s := range p.SourceIDs {
			b.ids["source"][s] = true
		}
	}
	return b
}

// agreement computes blocs and agreeing pairs, and adds their actors.
func (b *builder) agreement(ctx context.Context, s stancegraph.Store, o Options) error {
	cps := o.CoalitionPositions
	if cps == nil {
		cps = b.ps
	}
	co := coalition.Options{Seed: 1}
	if o.Coalition != nil {
		co = *o.Coalition
	} else {
		arts, _, err := s.FindArticles(ctx, stancegraph.ArticleFilter{})
		if err != nil {
			return err
		}
		co.ItemOf = coalition.ArticleItems(arts)
	}
	if co.Alternatives == nil { // issues count through the alternatives positions favour, as in the API
		issues, err := s.FindIssues(ctx)
		if err != nil {
			return err
		}
		co.Alternatives = stancegraph.AlternativeIndex(issues)
	}
	blocs, _ := coalition.Blocs(cps, nil, co)
	for _, bl := range blocs {
		for _, m := range bl.Members {
			b.bloc[m] = bl.ID
			b.ids["actor"][m] = true
		}
	}
	minScore := o.MinAgreement
	if minScore == 0 {
		minScore = 0.5
	}
	if o.NoAgreementEdges {
		return nil
	}
	for _, p := range coalition.Matrix(cps, nil, co) {
		if p.Defined && p.Score > minScore {
			b.pairs = append(b.pairs, p)
			b.ids["actor"][p.A], b.ids["actor"][p.B] = true, true
			b.agrees[p.A]++
			b.agrees[p.B]++
		}
	}
	if o.EdgesPerActor > 0 {
		b.pairs = Strongest(b.pairs, o.EdgesPerActor)
	}
	return nil
}

// sorted returns the ids of a kind in order.
func (b *builder) sorted(kind string) []string {
	return slices.Sorted(maps.Keys(b.ids[kind]))
}

// load fetches every entity the graph refers to, one batch per kind.
func (b *builder) load(ctx context.Context, s stancegraph.Store) error {
	var err error
	if b.actors, err = byID(ctx, b.sorted("actor"), stancegraph.Get(s).Actors, func(a *stancegraph.Actor) string { return a.ID }); err != nil {
		return err
	}
	if b.articles, err = byID(ctx, b.sorted("article"), stancegraph.Get(s).Articles, func(a *stancegraph.Article) string { return a.ID }); err != nil {
		return err
	}
	if b.instruments, err = byID(ctx, b.sorted("instrument"), stancegraph.Get(s).Instruments, func(a *stancegraph.Instrument) string { return a.ID }); err != nil {
		return err
	}
	if b.topics, err = byID(ctx, b.sorted("topic"), stancegraph.Get(s).Topics, func(a *stancegraph.Topic) string { return a.ID }); err != nil {
		return err
	}
	b.sources, err = byID(ctx, b.sorted("source"), stancegraph.Get(s).Sources, func(a *stancegraph.Source) string { return a.ID })
	return err
}

// byID loads ids through a batch method and indexes the result.
func byID[T any](ctx context.Context, ids []string, fetch func(context.Context, []string) ([]*T, error), id func(*T) string) (map[string]*T, error) {
	out := make(map[string]*T, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	vs, err := fetch(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		if v != nil {
			out[id(v)] = v
		}
	}
	return out, nil
}

// nodes returns one node per actor and target, in no particular order.
func (b *builder) nodes() []*Node {
	var out []*Node
	for _, id := range b.sorted("actor") {
		n := actorNode(id, b.actors[id])
		if bl, ok := b.bloc[id]; ok {
			n.Bloc = &bl
		}
		n.Agreements = b.agrees[id]
		out = append(out, n)
	}
	for _, id := range b.sorted("article") {
		out = append(out, articleNode(id, b.articles[id]))
	}
	for _, id := range b.sorted("instrument") {
		out = append(out, instrumentNode(id, b.instruments[id]))
	}
	for _, id := range b.sorted("topic") {
		out = append(out, topicNode(id, b.topics[id]))
	}
	return out
}

// edges returns one edge per position with a target, and one per
// agreeing pair.
func (b *builder) edges() []*Edge {
	var out []*Edge
	for _, p := range b.ps {
		kind, id := target(p)
		if kind == "" {
			continue
		}
		w, _ := p.Stance.Polarity()
		e := &Edge{ID: p.ID, Source: NodeID("actor", p.ActorID), Target: NodeID(kind, id), Type: EdgePosition,
			Stance: p.Stance, Weight: w, Position: p, SourceIDs: slices.Clone(p.SourceIDs), SourceURLs: []string{}}
		var classes []stancegraph.SourceClass
		for _, s := range p.SourceIDs {
			if src := b.sources[s]; src != nil {
				e.SourceURLs = append(e.SourceURLs, src.URL)
				classes = append(classes, src.Class)
			}
		}
		e.Evidence = stancegraph.Grade(classes)
		out = append(out, e)
	}
	for _, p := range b.pairs {
		out = append(out, &Edge{ID: agreementID(p), Source: NodeID("actor", p.A), Target: NodeID("actor", p.B),
			Type: EdgeAgreement, Weight: p.Score, Overlap: p.Overlap, SourceIDs: []string{}, SourceURLs: []string{}})
	}
	return out
}

// citations returns the sources the edges cite, by id.
func (b *builder) citations() []*stancegraph.Source {
	out := []*stancegraph.Source{}
	for _, id := range b.sorted("source") {
		if s := b.sources[id]; s != nil {
			out = append(out, s)
		}
	}
	return out
}

// props builds a property list from key-value pairs, sorted by key,
// leaving out empty values.
func props(kv ...string) []Property {
	out := []Property{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			out = append(out, Property{Key: kv[i], Value: kv[i+1]})
		}
	}
	slices.SortFunc(out, func(a, b Property) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

var actorTypes = map[stancegraph.ActorType]string{
	stancegraph.ActorState: NodeState, stancegraph.ActorOrganization: NodeOrganization,
	stancegraph.ActorGroup: NodeGroup, stancegraph.ActorPerson: NodePerson,
}

func actorNode(id string, a *stancegraph.Actor) *Node {
	if a == nil {
		return &Node{ID: NodeID("actor", id), Type: "Actor", Label: id, Properties: props("entityId", id)}
	}
	return &Node{ID: NodeID("actor", id), Type: actorTypes[a.Type], Label: a.Name, Properties: props(
		"entityId", a.ID, "regionalGroup", string(a.RegionalGroup), "unStatus", a.UNStatus, "kind", a.Kind,
		"url", a.URL, "organizationId", a.OrganizationID, "role", a.Role)}
}

func articleNode(id string, a *stancegraph.Article) *Node {
	if a == nil {
		return &Node{ID: NodeID("article", id), Type: NodeArticle, Label: id, Properties: props("entityId", id)}
	}
	label := "Article " + strconv.Itoa(a.Number) + " (" + a.InstrumentID + ")"
	if a.Title != "" {
		label += ": " + a.Title
	}
	return &Node{ID: NodeID("article", id), Type: NodeArticle, Label: label, Properties: props(
		"entityId", a.ID, "instrumentId", a.InstrumentID, "number", strconv.Itoa(a.Number), "title", a.Title,
		"chapter", a.Chapter, "status", string(a.Status))}
}

func instrumentNode(id string, in *stancegraph.Instrument) *Node {
	if in == nil {
		return &Node{ID: NodeID("instrument", id), Type: NodeInstrument, Label: id, Properties: props("entityId", id)}
	}
	label := cmp.Or(in.ShortTitle, in.Title, in.ID)
	return &Node{ID: NodeID("instrument", id), Type: NodeInstrument, Label: label, Properties: props(
		"entityId", in.ID, "kind", in.Kind, "title", in.Title, "symbol", in.Symbol, "date", in.Date)}
}

func topicNode(id string, t *stancegraph.Topic) *Node {
	if t == nil {
		return &Node{ID: NodeID("topic", id), Type: NodeTopic, Label: id, Properties: props("entityId", id)}
	}
	return &Node{ID: NodeID("topic", id), Type: NodeTopic, Label: cmp.Or(t.Name, t.ID), Properties: props(
		"entityId", t.ID, "title", t.Name)}
}
