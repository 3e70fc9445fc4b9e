package resolvers

import (
	"cmp"
	"context"
	"encoding/base64"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/graph/model"
)

// Page-size limits of list fields.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// str turns "" into null.
func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// filterOf copies an optional GraphQL filter and applies the order.
func filterOf(f *stancegraph.PositionFilter, order *stancegraph.PositionSort) stancegraph.PositionFilter {
	var out stancegraph.PositionFilter
	if f != nil {
		out = *f
	}
	if order != nil && *order != stancegraph.SortDateAsc {
		out.Sort = *order
	}
	if out.Sort == stancegraph.SortDateAsc {
		out.Sort = "" // the default order: one loader key for both spellings
	}
	return out
}

// articleFilter is the filter of Article.positions: the stance argument
// narrows the filter's stances.
func articleFilter(f *stancegraph.PositionFilter, order *stancegraph.PositionSort, stance *stancegraph.Stance) stancegraph.PositionFilter {
	out := filterOf(f, order)
	if stance != nil {
		out.Stances = append(slices.Clone(out.Stances), *stance)
	}
	return out
}

// actorPositions loads one actor's positions through the request's loader.
func (r *Resolver) actorPositions(ctx context.Context, a *stancegraph.Actor, f *stancegraph.PositionFilter, order *stancegraph.PositionSort) ([]*stancegraph.Position, error) {
	ff := filterOf(f, order)
	return r.dataloaders(ctx).positionsAt(fieldOf(ctx), "actor", &ff).Load(ctx, a.ID)
}

func (r *Resolver) actorStanceCounts(ctx context.Context, a *stancegraph.Actor, f *stancegraph.PositionFilter) ([]*model.StanceCount, error) {
	ff := filterOf(f, nil)
	return r.stanceCountsOf(ctx, "actor", &ff, []string{a.ID})
}

// countStances counts positions per stance, in the vocabulary's order,
// leaving out stances with no position.
func countStances(ps []*stancegraph.Position) []*model.StanceCount {
	return stanceCountList(stancegraph.TallyStances(ps))
}

// stanceCountsOf counts the positions of parents ids (of one kind, under
// one filter) for the stanceCounts field being resolved: from a sibling
// positions field's lists if the request holds them already, otherwise
// with the store's StanceCounts, so that only counts travel.
func (r *Resolver) stanceCountsOf(ctx context.Context, kind string, f *stancegraph.PositionFilter, ids []string) ([]*model.StanceCount, error) {
	l := r.dataloaders(ctx)
	if at, _ := l.countedField(ctx, kind); at != nil {
		if lists, ok := l.peekAt(at, ids); ok {
			return countStances(slices.Concat(lists...)), nil
		}
	}
	ms, err := l.countsAt(fieldOf(ctx), kind, f).LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	n := map[stancegraph.Stance]stancegraph.StanceTally{}
	for _, m := range ms {
		for s, c := range m {
			n[s] = n[s].Merge(c)
		}
	}
	return stanceCountList(n), nil
}

// stanceCountList lists non-zero counts in the vocabulary's order.
func stanceCountList(n map[stancegraph.Stance]stancegraph.StanceTally) []*model.StanceCount {
	out := []*model.StanceCount{}
	for _, s := range stancegraph.Stances {
		if n[s].Positions > 0 {
			out = append(out, &model.StanceCount{Stance: s, Count: n[s].Positions, Actors: len(n[s].Actors)})
		}
	}
	return out
}

// memberships filters memberships to those holding on asOf.
func memberships(ms []*stancegraph.Membership, asOf *string) []*stancegraph.Membership {
	if asOf == nil {
		return ms
	}
	out := []*stancegraph.Membership{}
	for _, m := range ms {
		if m.ActiveOn(*asOf) {
			out = append(out, m)
		}
	}
	return out
}

func (r *Resolver) memberOf(ctx context.Context, a *stancegraph.Actor, asOf *string) ([]*stancegraph.Membership, error) {
	ms, err := r.dataloaders(ctx).memberOf.Load(ctx, a.ID)
	return memberships(ms, asOf), err
}

func (r *Resolver) sourcesOf(ctx context.Context, ids []string) ([]*stancegraph.Source, error) {
	return loadAll(ctx, r.dataloaders(ctx).sources, ids)
}

func (r *Resolver) actorNodes(ctx context.Context, ids []string) ([]stancegraph.ActorNode, error) {
	as, err := loadAll(ctx, r.dataloaders(ctx).actors, ids)
	out := make([]stancegraph.ActorNode, len(as))
	for i, a := range as {
		out[i] = a.Node()
	}
	return out, err
}

// articlePositions loads the positions on an article and, if asked, on the
// same provision in other versions of the text, merged in order.
func (r *Resolver) articlePositions(ctx context.Context, a *stancegraph.Article, f stancegraph.PositionFilter, corresponding bool) ([]*stancegraph.Position, error) {
	ids := []string{a.ID}
	if corresponding {
		ids = append(ids, a.CorrespondsTo...)
	}
	lists, err := r.dataloaders(ctx).positionsAt(fieldOf(ctx), "article", &f).LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := slices.Concat(lists...)
	slices.SortFunc(out, stancegraph.ComparePositions(f.Sort))
	return out, nil
}

// pageArgs checks first and turns the cursor after into an offset.
func pageArgs(first *int, after *string) (offset, limit int, err error) {
	limit = DefaultPageSize
	if first != nil {
		// 0 is refused: to the stores a limit of 0 means none.
		if *first < 1 || *first > MaxPageSize {
			return 0, 0, stancegraph.Errorf(stancegraph.EINVALID, "first must be between 1 and %d, got %d.", MaxPageSize, *first)
		}
		limit = *first
	}
	if after != nil {
		if offset, err = decodeCursor(*after); err != nil {
			return 0, 0, err
		}
		offset++
	}
	return offset, limit, nil
}

// Cursors encode a position in a deterministic order; both backends order
// alike, so a cursor means the same on either.
func encodeCursor(offset int) string {
	return base64.StdEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(offset)))
}

func decodeCursor(c string) (int, error) {
	b, err := base64.StdEncoding.DecodeString(c)
	n, err2 := strconv.Atoi(strings.TrimPrefix(string(b), "offset:"))
	if err != nil || err2 != nil || !strings.HasPrefix(string(b), "offset:") || n < 0 || n >= math.MaxInt32 {
		return 0, stancegraph.Errorf(stancegraph.EINVALID, "Invalid cursor %q.", c)
	}
	return n, nil
}

// connection builds a Relay connection from one page of positions.
func connection(ps []*stancegraph.Position, offset, total int) *model.PositionConnection {
	c := &model.PositionConnection{TotalCount: total, PageInfo: &model.PageInfo{HasPreviousPage: offset > 0, HasNextPage: offset+len(ps) < total}}
	c.Edges = make([]*model.PositionEdge, len(ps))
	for i, p := range ps {
		c.Edges[i] = &model.PositionEdge{Cursor: encodeCursor(offset + i), Node: p}
	}
	if len(ps) > 0 {
		c.PageInfo.StartCursor, c.PageInfo.EndCursor = str(c.Edges[0].Cursor), str(c.Edges[len(ps)-1].Cursor)
	}
	return c
}

// defaultInstrument returns the id of the instrument marked default.
func (r *Resolver) defaultInstrument(ctx context.Context) (string, error) {
	ins, err := r.Store.FindInstruments(ctx)
	if err != nil {
		return "", err
	}
	for _, in := range ins {
		if in.Default {
			return in.ID, nil
		}
	}
	return "", stancegraph.Errorf(stancegraph.ENOTFOUND, "No default instrument is set; give instrument:.")
}

// checkInstrument returns NOT_FOUND for an unknown instrument id.
func (r *Resolver) checkInstrument(ctx context.Context, id string) error {
	in, err := r.dataloaders(ctx).instruments.get(ctx, id)
	if err != nil {
		return err
	}
	if in == nil {
		return stancegraph.Errorf(stancegraph.ENOTFOUND, "Instrument %q not found.", id)
	}
	return nil
}

// node looks id up as each kind of object in turn (actors first). Every
// root node(id:) field of the operation is looked up together on the first
// call: one store call per kind for all their ids, so six aliases cost
// what one does.
func (r *Resolver) node(ctx context.Context, id string) (stancegraph.Node, error) {
	l := r.dataloaders(ctx)
	set := firstUse(l, &l.nodes)
	set.once.Do(func() { set.nodes, set.err = r.findNodes(ctx, append(rootNodeIDs(ctx), id)) })
	if n, ok := set.nodes[id]; ok || set.err != nil {
		return n, set.err
	}
	// An id the operation's root did not name (a node field elsewhere).
	m, err := r.findNodes(ctx, []string{id})
	return m[id], err
}

// nodeSet is one request's root node(id:) lookups.
type nodeSet struct {
	once  sync.Once
	nodes map[string]stancegraph.Node // a nil value: found as no kind
	err   error
}

// rootNodeIDs returns the ids of the operation's root node(id:) fields.
func rootNodeIDs(ctx context.Context) []string {
	if !graphql.HasOperationContext(ctx) {
		return nil
	}
	oc := graphql.GetOperationContext(ctx)
	var ids []string
	for _, f := range graphql.CollectFields(oc, oc.Operation.SelectionSet, []string{"Query"}) {
		if f.Name == "node" {
			if id, ok := f.ArgumentMap(oc.Variables)["id"].(string); ok {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// findNodes looks ids up kind by kind, each kind once for the ids no
// earlier kind had, and primes the loaders with what it finds.
func (r *Resolver) findNodes(ctx context.Context, ids []string) (map[string]stancegraph.Node, error) {
	l := r.dataloaders(ctx)
	out := make(map[string]stancegraph.Node, len(ids))
	left := slices.Compact(slices.Sorted(slices.Values(ids)))
	kinds := []func([]string) ([]stancegraph.Node, error){
		func(ids []string) ([]stancegraph.Node, error) {
			return nodesOf(ctx, l.actors, ids, func(a *stancegraph.Actor) stancegraph.Node { return a.Node() })
		},
		func(ids []string) ([]stancegraph.Node, error) { return nodesOf(ctx, l.articles, ids, asNode) },
		func(ids []string) ([]stancegraph.Node, error) { return nodesOf(ctx, l.sources, ids, asNode) },
		func(ids []string) ([]stancegraph.Node, error) { return nodesOf(ctx, l.instruments, ids, asNode) },
		func(ids []string) ([]stancegraph.Node, error) { return nodesOf(ctx, l.sessions, ids, asNode) },
		func(ids []string) ([]stancegraph.Node, error) { return nodesOf(ctx, l.topics, ids, asNode) },
		func(ids []string) ([]stancegraph.Node, error) {
			ps, _, err := r.Store.FindPositions(ctx, stancegraph.PositionFilter{IDs: ids})
			byID := make(map[string]stancegraph.Node, len(ps))
			for _, p := range ps {
				byID[p.ID] = p
			}
			ns := make([]stancegraph.Node, len(ids))
			for i, id := range ids {
				ns[i] = byID[id]
			}
			return ns, err
		},
	}
	for _, find := range kinds {
		if len(left) == 0 {
			break
		}
		ns, err := find(left)
		if err != nil {
			return nil, err
		}
		var rest []string
		for i, id := range left {
			if ns[i] != nil {
				out[id] = ns[i]
			} else {
				rest = append(rest, id)
			}
		}
		left = rest
	}
	for _, id := range left {
		out[id] = nil
	}
	return out, nil
}

// nodesOf fetches ids with one of the request's loaders in one round trip,
// primes it, and turns what it found into nodes (nil where not found).
func nodesOf[V comparable](ctx context.Context, l *loader[V], ids []string, node func(V) stancegraph.Node) ([]stancegraph.Node, error) {
	vs, err := l.fetch(ctx, ids)
	if err != nil || len(vs) != len(ids) {
		return nil, err
	}
	out := make([]stancegraph.Node, len(ids))
	var zero V
	for i, v := range vs {
		if v != zero {
			l.set(ids[i], v)
			out[i] = node(v)
		}
	}
	return out, nil
}

func asNode[V stancegraph.Node](v V) stancegraph.Node { return v }

// actorArticles returns the articles an actor took a position on.
func (r *Resolver) actorArticles(ctx context.Context, a *stancegraph.Actor) ([]*stancegraph.Article, error) {
	ps, err := r.actorPositions(ctx, a, nil, nil)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, p := range ps {
		if p.ArticleID != "" {
			ids = append(ids, p.ArticleID)
		}
	}
	slices.Sort(ids)
	as, err := loadAll(ctx, r.dataloaders(ctx).articles, slices.Compact(ids))
	slices.SortFunc(as, func(x, y *stancegraph.Article) int {
		return cmp.Or(strings.Compare(x.InstrumentID, y.InstrumentID), cmp.Compare(x.Number, y.Number))
	})
	return as, err
}

// actorRestriction turns the treaty and group arguments of actors() into
// the ids they allow; restricted is false when none was given.
func (r *Resolver) actorRestriction(ctx context.Context, partyTo, signatoryOf, memberOf *string) (ids []string, restricted bool, err error) {
	var sets [][]string
	byStance := func(inst string, st stancegraph.Stance) error {
		if err := r.checkInstrument(ctx, inst); err != nil {
			return err
		}
		ps, _, err := r.Store.FindPositions(ctx, stancegraph.PositionFilter{InstrumentIDs: []string{inst}, Stances: []stancegraph.Stance{st}})
		var set []string
		for _, p := range ps {
			set = append(set, p.ActorID)
		}
		sets = append(sets, set)
		return err
	}
	if partyTo != nil {
		if err := byStance(*partyTo, stancegraph.Ratifies); err != nil {
			return nil, true, err
		}
	}
	if signatoryOf != nil {
		if err := byStance(*signatoryOf, stancegraph.Signs); err != nil {
			return nil, true, err
		}
	}
	if memberOf != nil {
		ms, err := r.dataloaders(ctx).members.Load(ctx, *memberOf)
		if err != nil {
			return nil, true, err
		}
		var set []string
		for _, m := range ms {
			set = append(set, m.MemberID)
		}
		sets = append(sets, set)
	}
	if len(sets) == 0 {
		return nil, false, nil
	}
	ids = sets[0]
	for _, other := range sets[1:] {
		ids = slices.DeleteFunc(ids, func(id string) bool { return !slices.Contains(other, id) })
	}
	slices.Sort(ids)
	return slices.Compact(ids), true, nil
}
