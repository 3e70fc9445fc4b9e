package memstore

import (
	"cmp"
	"context"
	"strings"

	"github.com/stancegraph/stancegraph"
)

// FindActors returns actors matching f ordered by type, name, id.
func (s *Store) FindActors(ctx context.Context, f stancegraph.ActorFilter) ([]*stancegraph.Actor, int, error) {
	keep := func(a *stancegraph.Actor) bool {
		return anyOf(f.IDs, a.ID) && anyOf(f.Types, a.Type) && anyOf(f.Kinds, a.Kind) &&
			anyOf(f.RegionalGroups, a.RegionalGroup) && (f.Name == nil || a.MatchesName(*f.Name))
	}
	out := all(&s.mu, s.actors, keep, func(a, b *stancegraph.Actor) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return page(out, f.Offset, f.Limit), len(out), nil
}

// actorsByIDs returns one actor per id, nil where unknown.
func (s *Store) actorsByIDs(ctx context.Context, ids []string) ([]*stancegraph.Actor, error) {
	return byIDs(&s.mu, s.actors, ids), nil
}

// PeopleByOrganizationIDs returns, per id, the people who speak for it.
func (s *Store) PeopleByOrganizationIDs(ctx context.Context, ids []string) ([][]*stancegraph.Actor, error) {
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	// Copy and sort only the people of the organizations asked for.
	people := all(&s.mu, s.actors, func(a *stancegraph.Actor) bool { return a.Type == stancegraph.ActorPerson && want[a.OrganizationID] },
		func(a, b *stancegraph.Actor) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	return stancegraph.Bucket(ids, people, func(p *stancegraph.Actor) []string { return []string{p.OrganizationID} }), nil
}

func (s *Store) membershipsBy(key func(*stancegraph.Membership) string, ids []string, less func(a, b *stancegraph.Membership) int) [][]*stancegraph.Membership {
	ms := all(&s.mu, s.memberships, nil, less)
	return stancegraph.Bucket(ids, ms, func(m *stancegraph.Membership) []string { return []string{key(m)} })
}

// membershipsByGroupIDs returns, per group id, its memberships.
func (s *Store) membershipsByGroupIDs(ctx context.Context, ids []string) ([][]*stancegraph.Membership, error) {
	return s.membershipsBy(func(m *stancegraph.Membership) string { return m.GroupID }, ids, func(a, b *stancegraph.Membership) int {
		return cmp.Or(cmp.Compare(a.MemberID, b.MemberID), cmp.Compare(a.From, b.From))
	}), nil
}

// membershipsByMemberIDs returns, per actor id, the groups it belongs to.
func (s *Store) membershipsByMemberIDs(ctx context.Context, ids []string) ([][]*stancegraph.Membership, error) {
	return s.membershipsBy(func(m *stancegraph.Membership) string { return m.MemberID }, ids, func(a, b *stancegraph.Membership) int {
		return cmp.Or(cmp.Compare(a.GroupID, b.GroupID), cmp.Compare(a.From, b.From))
	}), nil
}

// FindInstruments returns every instrument by id.
func (s *Store) FindInstruments(ctx context.Context) ([]*stancegraph.Instrument, error) {
	return all(&s.mu, s.instruments, nil, func(a, b *stancegraph.Instrument) int { return byID(a.ID, b.ID) }), nil
}

// instrumentsByIDs returns one instrument per id.
func (s *Store) instrumentsByIDs(ctx context.Context, ids []string) ([]*stancegraph.Instrument, error) {
	return byIDs(&s.mu, s.instruments, ids), nil
}

// FindArticles returns articles ordered by instrument, number.
func (s *Store) FindArticles(ctx context.Context, f stancegraph.ArticleFilter) ([]*stancegraph.Article, int, error) {
	keep := func(a *stancegraph.Article) bool {
		if f.DefaultInstrument {
			if in := s.instruments[a.InstrumentID]; in == nil || !in.Default {
				return false
			}
		}
		return anyOf(f.InstrumentIDs, a.InstrumentID) && anyOf(f.Statuses, a.Status) &&
			(f.Number == nil || *f.Number == a.Number) &&
			(f.Chapter == nil || strings.Contains(strings.ToLower(a.Chapter), strings.ToLower(*f.Chapter)))
	}
	out := all(&s.mu, s.articles, keep, func(a, b *stancegraph.Article) int {
		return cmp.Or(cmp.Compare(a.InstrumentID, b.InstrumentID), cmp.Compare(a.Number, b.Number))
	})
	return page(out, f.Offset, f.Limit), len(out), nil
}

// articlesByIDs returns one article per id.
func (s *Store) articlesByIDs(ctx context.Context, ids []string) ([]*stancegraph.Article, error) {
	return byIDs(&s.mu, s.articles, ids), nil
}

// FindSessions returns sessions by start date.
func (s *Store) FindSessions(ctx context.Context) ([]*stancegraph.Session, error) {
	return all(&s.mu, s.sessions, nil, func(a, b *stancegraph.Session) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.ID, b.ID))
	}), nil
}

// sessionsByIDs returns one session per id.
func (s *Store) sessionsByIDs(ctx context.Context, ids []string) ([]*stancegraph.Session, error) {
	return byIDs(&s.mu, s.sessions, ids), nil
}

// FindTopics returns topics by id.
func (s *Store) FindTopics(ctx context.Context) ([]*stancegraph.Topic, error) {
	return all(&s.mu, s.topics, nil, func(a, b *stancegraph.Topic) int { return byID(a.ID, b.ID) }), nil
}

// topicsByIDs returns one topic per id.
func (s *Store) topicsByIDs(ctx context.Context, ids []string) ([]*stancegraph.Topic, error) {
	return byIDs(&s.mu, s.topics, ids), nil
}

// FindSources returns sources by id.
func (s *Store) FindSources(ctx context.Context, f stancegraph.SourceFilter) ([]*stancegraph.Source, int, error) {
	keep := func(x *stancegraph.Source) bool {
		return anyOf(f.Classes, x.Class) && (f.URL == nil || *f.URL == x.URL)
	}
	out := all(&s.mu, s.sources, keep, func(a, b *stancegraph.Source) int { return byID(a.ID, b.ID) })
	return page(out, f.Offset, f.Limit), len(out), nil
}

// sourcesByIDs returns one source per id.
func (s *Store) sourcesByIDs(ctx context.Context, ids []string) ([]*stancegraph.Source, error) {
	return byIDs(&s.mu, s.sources, ids), nil
}
