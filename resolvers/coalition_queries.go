package resolvers

import (
	"context"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
	"github.com/stancegraph/stancegraph/graph/model"
)

func (r *Resolver) agreement(ctx context.Context, a, b string, options *model.CoalitionOptions) (*model.Agreement, error) {
	if err := r.unknownActors(ctx, []string{a, b}); err != nil {
		return nil, err
	}
	in, err := r.coalitionInput(ctx, options)
	if err != nil {
		return nil, err
	}
	out, err := r.agreements(ctx, []coalition.Pair{coalition.Agreement(in.ps, a, b, in.o)})
	if err != nil || len(out) == 0 {
		return nil, err
	}
	return out[0], nil
}

func (r *Resolver) agreementMatrix(ctx context.Context, actors []string, options *model.CoalitionOptions) ([]*model.Agreement, error) {
	if len(actors) > 0 {
		if err := r.unknownActors(ctx, actors); err != nil {
			return nil, err
		}
	}
	in, err := r.coalitionInput(ctx, options)
	if err != nil {
		return nil, err
	}
	return r.agreements(ctx, coalition.Matrix(in.ps, actors, in.o))
}

func (r *Resolver) neighbours(ctx context.Context, actor string, first *int, options *model.CoalitionOptions) (*model.Neighbours, error) {
	if err := r.unknownActors(ctx, []string{actor}); err != nil {
		return nil, err
	}
	n := 5
	if first != nil {
		if _, err := firstN([]int{}, first); err != nil {
			return nil, err
		}
		n = *first
	}
	in, err := r.coalitionInput(ctx, options)
	if err != nil {
		return nil, err
	}
	near, far := coalition.Nearest(in.ps, actor, in.o, n)
	out := &model.Neighbours{}
	if out.Nearest, err = r.agreements(ctx, near); err != nil {
		return nil, err
	}
	out.Farthest, err = r.agreements(ctx, far)
	return out, err
}

func (r *Resolver) blocs(ctx context.Context, actors []string, options *model.CoalitionOptions) (*model.BlocAnalysis, error) {
	return memoDo(ctx, r, "blocs", []any{actors, options}, func(ctx context.Context) (*model.BlocAnalysis, error) {
		return r.computeBlocs(ctx, actors, options)
	})
}

func (r *Resolver) computeBlocs(ctx context.Context, actors []string, options *model.CoalitionOptions) (*model.BlocAnalysis, error) {
	in, err := r.coalitionInput(ctx, options)
	if err != nil {
		return nil, err
	}
	blocs, q := coalition.Blocs(in.ps, actors, in.o)
	var ids []string
	for _, b := range blocs {
		ids = append(ids, b.Members...)
	}
	am, err := r.actorMap(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := &model.BlocAnalysis{Modularity: q, Blocs: make([]*model.Bloc, len(blocs))}
	var items []string
	for _, b := range blocs {
		for _, it := range b.Defining {
			items = append(items, it.ID)
		}
	}
	r.primeItems(ctx, items)
	for i, b := range blocs {
		mb := &model.Bloc{ID: b.ID, Size: len(b.Members), Cohesion: b.Cohesion}
		for _, m := range b.Members {
			if a := am[m]; a != nil {
				mb.Members = append(mb.Members, a)
			}
		}
		for _, it := range b.Defining {
			item, err := r.item(ctx, it.ID)
			if err != nil {
				return nil, err
			}
			mb.Defining = append(mb.Defining, &model.BlocItem{Item: item, MeanStance: it.Mean, Agreement: it.Agreement, Speakers: it.Speakers})
		}
		out.Blocs[i] = mb
	}
	return out, nil
}

func (r *Resolver) contested(ctx context.Context, first *int, options *model.CoalitionOptions) ([]*model.Contest, error) {
	return memoDo(ctx, r, "contested", []any{first, options}, func(ctx context.Context) ([]*model.Contest, error) {
		return r.computeContested(ctx, first, options)
	})
}

func (r *Resolver) computeContested(ctx context.Context, first *int, options *model.CoalitionOptions) ([]*model.Contest, error) {
	in, err := r.coalitionInput(ctx, options)
	if err != nil {
		return nil, err
	}
	cs, err := firstN(coalition.Contested(in.ps, in.o), first)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Contest, len(cs))
	items := make([]string, len(cs))
	for i, c := range cs {
		items[i] = c.Item
	}
	r.primeItems(ctx, items)
	for i, c := range cs {
		item, err := r.item(ctx, c.Item)
		if err != nil {
			return nil, err
		}
		mc := &model.Contest{Item: item, Entropy: c.Entropy, Speakers: c.Speakers, Score: c.Score, Counts: []*model.StanceCount{}}
		for _, s := range stancegraph.Stances {
			if n := c.Counts[s]; n > 0 {
				mc.Counts = append(mc.Counts, &model.StanceCount{Stance: s, Count: n})
			}
		}
		out[i] = mc
	}
	return out, nil
}

func (r *Resolver) swings(ctx context.Context, first *int, options *model.CoalitionOptions) ([]*model.Swing, error) {
	return memoDo(ctx, r, "swings", []any{first, options}, func(ctx context.Context) ([]*model.Swing, error) {
		return r.computeSwings(ctx, first, options)
	})
}

func (r *Resolver) computeSwings(ctx context.Context, first *int, options *model.CoalitionOptions) ([]*model.Swing, error) {
	in, err := r.coalitionInput(ctx, options)
	if err != nil {
		return nil, err
	}
	blocs, _ := coalition.Blocs(in.ps, nil, in.o)
	ss, err := firstN(coalition.Swings(in.ps, blocs, in.o), first)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, s := range ss {
		ids = append(ids, s.Actor)
	}
	am, err := r.actorMap(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []*model.Swing{}
	for _, s := range ss {
		ms := &model.Swing{Actor: am[s.Actor], Bloc: s.Bloc, Split: s.Split, ByBloc: []*model.BlocShare{}}
		for _, b := range blocs {
			if v, ok := s.ByBloc[b.ID]; ok {
				ms.ByBloc = append(ms.ByBloc, &model.BlocShare{Bloc: b.ID, Agreement: v})
			}
		}
		if ms.Actor != nil {
			out = append(out, ms)
		}
	}
	return out, nil
}

func (r *Resolver) stanceChanges(ctx context.Context, options *model.CoalitionOptions) ([]*model.StanceChange, error) {
	in, err := r.coalitionInput(ctx, options)
	if err != nil {
		return nil, err
	}
	byID := map[string]*stancegraph.Position{}
	for _, p := range in.ps {
		byID[p.ID] = p
	}
	out := []*model.StanceChange{}
	changes := coalition.Changes(in.ps, in.o)
	var items, actors []string
	for _, c := range changes {
		items, actors = append(items, c.Item), append(actors, c.Actor)
	}
	r.primeItems(ctx, items)
	r.dataloaders(ctx).actors.prime(ctx, actors)
	for _, c := range changes {
		item, err := r.item(ctx, c.Item)
		if err != nil {
			return nil, err
		}
		a, err := r.dataloaders(ctx).actors.Load(ctx, c.Actor)
		if err != nil || a == nil {
			return nil, err
		}
		out = append(out, &model.StanceChange{Actor: a.Node(), Item: item, From: c.From, To: c.To, FromPosition: byID[c.FromPosition], ToPosition: byID[c.ToPosition]})
	}
	return out, nil
}

func (r *Resolver) centrality(ctx context.Context, actors []string, first *int, options *model.CoalitionOptions) ([]*model.Centrality, error) {
	return memoDo(ctx, r, "centrality", []any{actors, first, options}, func(ctx context.Context) ([]*model.Centrality, error) {
		return r.computeCentrality(ctx, actors, first, options)
	})
}

func (r *Resolver) computeCentrality(ctx context.Context, actors []string, first *int, options *model.CoalitionOptions) ([]*model.Centrality, error) {
	in, err := r.coalitionInput(ctx, options)
	if err != nil {
		return nil, err
	}
	scores, err := firstN(coalition.Centrality(in.ps, actors, in.o), first)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, s := range scores {
		ids = append(ids, s.Actor)
	}
	am, err := r.actorMap(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []*model.Centrality{}
	for _, s := range scores {
		if a := am[s.Actor]; a != nil {
			out = append(out, &model.Centrality{Actor: a, PageRank: s.PageRank, Betweenness: s.Betweenness})
		}
	}
	return out, nil
}
