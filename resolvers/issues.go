package resolvers

import (
	"context"
	"encoding/json"
	"math"
	"sync"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
	"github.com/stancegraph/stancegraph/graph/model"
)

// coalitionOnce is one request's coalition input for one set of options.
type coalitionOnce struct {
	once   sync.Once
	in     *coalitionInput
	err    error
	placed sync.Once // the placed actors primed
}

// sharedCoalitionInput is coalitionInput computed once per request and
// options, so that the placements of every issue in a list cost one read.
func (r *Resolver) sharedCoalitionInput(ctx context.Context, in *model.CoalitionOptions) (*coalitionInput, error) {
	c := r.coalitionOnce(ctx, in)
	return c.in, c.err
}

// coalitionOnce returns the request's coalitionOnce for in, computed.
func (r *Resolver) coalitionOnce(ctx context.Context, in *model.CoalitionOptions) *coalitionOnce {
	key, _ := json.Marshal(in)
	l := r.dataloaders(ctx)
	l.mu.Lock()
	if l.coalitions == nil {
		l.coalitions = map[string]*coalitionOnce{}
	}
	c := l.coalitions[string(key)]
	if c == nil {
		c = &coalitionOnce{}
		l.coalitions[string(key)] = c
	}
	l.mu.Unlock()
	c.once.Do(func() { c.in, c.err = r.coalitionInput(ctx, in) })
	return c
}

// issueSet is one request's issues, read once (FindIssues is one store call
// for all of them: the issues of a negotiation number in the tens).
type issueSet struct {
	once   sync.Once
	issues []*stancegraph.Issue
	byID   map[string]*stancegraph.Issue
	alts   map[string]*stancegraph.Alternative
	err    error
}

// issueSetOf returns the request's issue set, reading it on first use.
func (r *Resolver) issueSetOf(ctx context.Context) *issueSet {
	l := r.dataloaders(ctx)
	set := firstUse(l, &l.issues)
	set.once.Do(func() {
		set.issues, set.err = l.store.FindIssues(ctx)
		set.byID = map[string]*stancegraph.Issue{}
		for _, i := range set.issues {
			set.byID[i.ID] = i
		}
		set.alts = stancegraph.AlternativeIndex(set.issues)
	})
	return set
}

func (r *Resolver) issues(ctx context.Context) ([]*stancegraph.Issue, error) {
	s := r.issueSetOf(ctx)
	return s.issues, s.err
}

func (r *Resolver) issue(ctx context.Context, id string) (*stancegraph.Issue, error) {
	s := r.issueSetOf(ctx)
	return s.byID[id], s.err
}

func (r *Resolver) alternative(ctx context.Context, id string) (*stancegraph.Alternative, error) {
	if id == "" {
		return nil, nil
	}
	s := r.issueSetOf(ctx)
	return s.alts[id], s.err
}

// placements places the actors on issue i as of the options.
func (r *Resolver) placements(ctx context.Context, i *stancegraph.Issue, in *model.CoalitionOptions) ([]coalition.Placement, error) {
	c := r.coalitionOnce(ctx, in)
	if c.err != nil {
		return nil, c.err
	}
	// The actors placed on any issue, in one batch: the placements of a
	// list of issues resolve in as many dataloader windows otherwise.
	c.placed.Do(func() {
		var ids []string
		for _, p := range c.in.ps {
			if p.AlternativeID != "" {
				ids = append(ids, p.ActorID)
			}
		}
		r.dataloaders(ctx).actors.prime(ctx, ids)
	})
	return coalition.Placements(c.in.ps, []*stancegraph.Issue{i}, c.in.o)[i.ID], nil
}

// extremes returns the placements nearest to (far false) or farthest from
// (far true) the outcome: who won and who lost.
func extremes(pls []coalition.Placement, i *stancegraph.Issue, far bool) []*coalition.Placement {
	out := i.Alternative(i.OutcomeID)
	if out == nil || len(pls) == 0 {
		return []*coalition.Placement{}
	}
	dist := func(p coalition.Placement) float64 {
		d := p.Value - out.Value
		if d < 0 {
			return -d
		}
		return d
	}
	best := dist(pls[0])
	for _, p := range pls {
		if d := dist(p); (far && d > best) || (!far && d < best) {
			best = d
		}
	}
	res := []*coalition.Placement{}
	for k := range pls {
		if dist(pls[k]) == best {
			res = append(res, &pls[k])
		}
	}
	return res
}

// capabilityOf reads outcomeModels' capabilities: a weight of 0 or more per
// actor, each actor once; nil when none are given (every actor weighs 1).
func capabilityOf(in []*model.CapabilityInput) (map[string]float64, error) {
	if len(in) == 0 {
		return nil, nil
	}
	out := make(map[string]float64, len(in))
	for i, c := range in {
		if math.IsNaN(c.Weight) || math.IsInf(c.Weight, 0) || c.Weight < 0 {
			return nil, stancegraph.Errorf(stancegraph.EINVALID, "capabilities[%d].weight: %v is not a weight of 0 or more.", i, c.Weight)
		}
		if _, dup := out[c.Actor]; dup {
			return nil, stancegraph.Errorf(stancegraph.EINVALID, "capabilities[%d].actor: %q is listed twice.", i, c.Actor)
		}
		out[c.Actor] = c.Weight
	}
	return out, nil
}
