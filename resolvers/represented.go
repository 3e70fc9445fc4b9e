package resolvers

import (
	"context"
	"slices"

	"github.com/stancegraph/stancegraph"
)

// representedPositions returns an actor's own positions and those that
// represented it: positions of a group it belonged to on the position's
// date, and statements made on behalf of (or jointly with) it or such a
// group. Memberships without a source are never invented: only those in the
// data count.
func (r *Resolver) representedPositions(ctx context.Context, a *stancegraph.Actor, f stancegraph.PositionFilter) ([]*stancegraph.Position, error) {
	l := r.dataloaders(ctx)
	ms, err := l.memberOf.Load(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	groups := map[string][]*stancegraph.Membership{}
	ids := []string{a.ID}
	for _, m := range ms {
		if groups[m.GroupID] == nil {
			ids = append(ids, m.GroupID)
		}
		groups[m.GroupID] = append(groups[m.GroupID], m)
	}
	lists, err := l.positionsAt(fieldOf(ctx), "actor", &f).LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	rf := f
	rf.RepresentedIDs = ids
	rf.Offset, rf.Limit = 0, 0
	onBehalf, _, err := r.Store.FindPositions(ctx, rf)
	if err != nil {
		return nil, err
	}
	// A group's statement represents the actor only while it was a member.
	memberOn := func(group, date string) bool {
		return slices.ContainsFunc(groups[group], func(m *stancegraph.Membership) bool { return m.ActiveOn(date) })
	}
	seen := map[string]bool{}
	var out []*stancegraph.Position
	add := func(p *stancegraph.Position, ok bool) {
		if ok && !seen[p.ID] {
			seen[p.ID] = true
			out = append(out, p)
		}
	}
	for i, list := range lists {
		for _, p := range list {
			add(p, i == 0 || memberOn(ids[i], p.Date))
		}
	}
	for _, p := range onBehalf {
		via := append(slices.Clone(p.OnBehalfOf), p.JointWith...)
		add(p, slices.Contains(via, a.ID) || slices.ContainsFunc(via, func(g string) bool { return memberOn(g, p.Date) }))
	}
	slices.SortFunc(out, stancegraph.ComparePositions(f.Sort))
	return out, nil
}
