package resolvers

import (
	"context"
	"strings"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
	"github.com/stancegraph/stancegraph/graph/model"
)

// coalitionInput is what every coalition query computes over: the
// positions selected by the options' filter (read through the store, so
// both backends feed the same numbers) and the measure's options.
type coalitionInput struct {
	ps     []*stancegraph.Position
	issues []*stancegraph.Issue
	o      coalition.Options
}

func (r *Resolver) coalitionInput(ctx context.Context, in *model.CoalitionOptions) (*coalitionInput, error) {
	if in == nil {
		in = &model.CoalitionOptions{}
	}
	var f stancegraph.PositionFilter
	if in.Filter != nil {
		f = *in.Filter
	}
	f.Offset, f.Limit = 0, 0
	o := coalition.Options{Seed: 1}
	if in.MinOverlap != nil {
		if *in.MinOverlap < 1 {
			return nil, stancegraph.Errorf(stancegraph.EINVALID, "minOverlap must be at least 1.")
		}
		o.MinOverlap = *in.MinOverlap
	}
	if in.Resolution != nil {
		if !(*in.Resolution > 0 && *in.Resolution <= MaxResolution) {
			return nil, stancegraph.Errorf(stancegraph.EINVALID, "resolution must be above 0 and at most %g.", float64(MaxResolution))
		}
		o.Resolution = *in.Resolution
	}
	if in.Seed != nil {
		o.Seed = int64(*in.Seed)
	}
	o.AsOfKeepUndated = in.KeepUndated != nil && *in.KeepUndated
	asOf, err := r.asOf(ctx, in)
	if err != nil {
		return nil, err
	}
	o.AsOf = asOf
	if in.MergeVersions == nil || *in.MergeVersions {
		arts, _, err := r.Store.FindArticles(ctx, stancegraph.ArticleFilter{})
		if err != nil {
			return nil, err
		}
		o.ItemOf = coalition.ArticleItems(arts)
	}
	if in.Basis != nil {
		o.Basis = coalition.Basis(*in.Basis)
		if o.Basis == "ALL" {
			o.Basis = coalition.BasisAll
		}
	}
	o.SalienceWeighted = in.SalienceWeighted != nil && *in.SalienceWeighted
	issues, err := r.issues(ctx)
	if err != nil {
		return nil, err
	}
	o.Alternatives = stancegraph.AlternativeIndex(issues)
	ps, _, err := r.Store.FindPositions(ctx, f)
	if err != nil {
		return nil, err
	}
	return &coalitionInput{ps: ps, issues: issues, o: o}, nil
}

// asOf turns asOf and session into one date bound (the earlier of the two).
// MaxResolution bounds Louvain's resolution: past it every actor is a
// bloc of its own, and far past it the arithmetic overflows.
const MaxResolution = 1000

func (r *Resolver) asOf(ctx context.Context, in *model.CoalitionOptions) (string, error) {
	asOf := ""
	if in.AsOf != nil {
		if !stancegraph.DateInRange(*in.AsOf, "0000", "9999") || len(*in.AsOf) < 4 {
			return "", stancegraph.Errorf(stancegraph.EINVALID, "asOf must be a date (YYYY[-MM[-DD]]), got %q.", *in.AsOf)
		}
		asOf = *in.AsOf
	}
	if in.Session != nil {
		s, err := r.dataloaders(ctx).sessions.Load(ctx, *in.Session)
		if err != nil {
			return "", err
		}
		if s == nil {
			return "", stancegraph.Errorf(stancegraph.ENOTFOUND, "Session %q not found.", *in.Session)
		}
		end := s.End
		if end == "" {
			end = s.Start
		}
		if asOf == "" || end < asOf {
			asOf = end
		}
	}
	return asOf, nil
}

// actorMap loads the actors named by ids as their GraphQL types.
func (r *Resolver) actorMap(ctx context.Context, ids []string) (map[string]stancegraph.ActorNode, error) {
	as, err := loadAll(ctx, r.dataloaders(ctx).actors, ids)
	out := make(map[string]stancegraph.ActorNode, len(as))
	for _, a := range as {
		out[a.ID] = a.Node()
	}
	return out, err
}

// primeItems fetches what coalition item ids name, one store call per kind,
// so that item finds every one of them primed (instead of one batch window
// per item).
func (r *Resolver) primeItems(ctx context.Context, ids []string) {
	l := r.dataloaders(ctx)
	var insts, topics, arts []string
	for _, id := range ids {
		switch {
		case strings.HasPrefix(id, "instrument:"):
			if parts := strings.Split(id, ":"); len(parts) == 3 {
				insts = append(insts, parts[1])
			}
		case strings.HasPrefix(id, "topic:"):
			topics = append(topics, strings.TrimPrefix(id, "topic:"))
		case strings.HasPrefix(id, "issue:"):
		default:
			arts = append(arts, id)
		}
	}
	for _, a := range l.articles.prime(ctx, arts) {
		if a != nil {
			insts = append(insts, a.InstrumentID)
		}
	}
	l.instruments.prime(ctx, insts)
	l.topics.prime(ctx, topics)
}

// item resolves a coalition item id ("uncc:6", "instrument:unga-74-247:VOTE",
// "topic:scope") to what it names.
func (r *Resolver) item(ctx context.Context, id string) (*model.CoalitionItem, error) {
	it := &model.CoalitionItem{ID: id}
	var err error
	switch {
	case strings.HasPrefix(id, "instrument:"):
		parts := strings.Split(id, ":")
		if len(parts) == 3 {
			it.Instrument, err = r.dataloaders(ctx).instruments.Load(ctx, parts[1])
			k := stancegraph.PositionKind(parts[2])
			it.Kind = &k
		}
	case strings.HasPrefix(id, "topic:"):
		it.Topic, err = r.dataloaders(ctx).topics.Load(ctx, strings.TrimPrefix(id, "topic:"))
	case strings.HasPrefix(id, "issue:"):
		it.Issue, err = r.issue(ctx, strings.TrimPrefix(id, "issue:"))
	default:
		it.Article, err = r.dataloaders(ctx).articles.Load(ctx, id)
		if it.Article != nil {
			it.Instrument, err = r.dataloaders(ctx).instruments.Load(ctx, it.Article.InstrumentID)
		}
	}
	return it, err
}

// agreements turns pairs into the GraphQL type.
func (r *Resolver) agreements(ctx context.Context, pairs []coalition.Pair) ([]*model.Agreement, error) {
	var ids []string
	for _, p := range pairs {
		ids = append(ids, p.A, p.B)
	}
	actors, err := r.actorMap(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Agreement, 0, len(pairs))
	for _, p := range pairs {
		a := &model.Agreement{A: actors[p.A], B: actors[p.B], Overlap: p.Overlap}
		if p.Defined {
			s := p.Score
			a.Score = &s
		}
		if a.A != nil && a.B != nil {
			out = append(out, a)
		}
	}
	return out, nil
}

// unknownActors returns NOT_FOUND for ids that name no actor.
func (r *Resolver) unknownActors(ctx context.Context, ids []string) error {
	as, err := r.dataloaders(ctx).actors.LoadAll(ctx, ids)
	if err != nil {
		return err
	}
	for i, a := range as {
		if a == nil {
			return stancegraph.Errorf(stancegraph.ENOTFOUND, "Actor %q not found.", ids[i])
		}
	}
	return nil
}

func firstN[T any](xs []T, first *int) ([]T, error) {
	if first == nil {
		return xs, nil
	}
	if *first < 0 || *first > MaxPageSize {
		return nil, stancegraph.Errorf(stancegraph.EINVALID, "first must be between 0 and %d, got %d.", MaxPageSize, *first)
	}
	return xs[:min(*first, len(xs))], nil
}
