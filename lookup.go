package stancegraph

import "context"

// Refs names records by id, per kind: what Store.Lookup gets.
type Refs struct {
	Actors, Articles, Instruments, Sources, Sessions, Topics []string
}

// Records holds what Store.Lookup found: each list aligned with the ids of
// its kind in the Refs asked, nil where an id names no record.
type Records struct {
	Actors      []*Actor
	Articles    []*Article
	Instruments []*Instrument
	Sources     []*Source
	Sessions    []*Session
	Topics      []*Topic
}

// MembershipSide names the side MembershipsBy groups memberships by.
type MembershipSide string

// The sides of a membership.
const (
	ByGroup  MembershipSide = "group"
	ByMember MembershipSide = "member"
)

// Get adapts a Store's Lookup to one get by ids per kind, for callers that
// ask for one kind at a time: Get(s).Actors(ctx, ids).
func Get(s Store) Getter { return Getter{s} }

// Getter gets records of one kind by id with its store's Lookup: one record
// per id, nil where an id names none.
type Getter struct{ s Store }

// Actors gets one actor per id.
func (g Getter) Actors(ctx context.Context, ids []string) ([]*Actor, error) {
	return lookupOne(ctx, g.s, Refs{Actors: ids}, func(r *Records) []*Actor { return r.Actors })
}

// Articles gets one article per id.
func (g Getter) Articles(ctx context.Context, ids []string) ([]*Article, error) {
	return lookupOne(ctx, g.s, Refs{Articles: ids}, func(r *Records) []*Article { return r.Articles })
}

// Instruments gets one instrument per id.
func (g Getter) Instruments(ctx context.Context, ids []string) ([]*Instrument, error) {
	return lookupOne(ctx, g.s, Refs{Instruments: ids}, func(r *Records) []*Instrument { return r.Instruments })
}

// Sources gets one source per id.
func (g Getter) Sources(ctx context.Context, ids []string) ([]*Source, error) {
	return lookupOne(ctx, g.s, Refs{Sources: ids}, func(r *Records) []*Source { return r.Sources })
}

// Sessions gets one session per id.
func (g Getter) Sessions(ctx context.Context, ids []string) ([]*Session, error) {
	return lookupOne(ctx, g.s, Refs{Sessions: ids}, func(r *Records) []*Session { return r.Sessions })
}

// Topics gets one topic per id.
func (g Getter) Topics(ctx context.Context, ids []string) ([]*Topic, error) {
	return lookupOne(ctx, g.s, Refs{Topics: ids}, func(r *Records) []*Topic { return r.Topics })
}

func lookupOne[V any](ctx context.Context, s Store, r Refs, of func(*Records) []*V) ([]*V, error) {
	recs, err := s.Lookup(ctx, r)
	if err != nil {
		return nil, err
	}
	return of(recs), nil
}

// LookupEach answers Lookup with one function per kind, called only for
// the kinds r names: how a store composes Lookup of its own per-kind
// gets. Each function returns one record per id, nil where unknown.
func LookupEach(ctx context.Context, r Refs,
	actors func(context.Context, []string) ([]*Actor, error),
	articles func(context.Context, []string) ([]*Article, error),
	instruments func(context.Context, []string) ([]*Instrument, error),
	sources func(context.Context, []string) ([]*Source, error),
	sessions func(context.Context, []string) ([]*Session, error),
	topics func(context.Context, []string) ([]*Topic, error)) (*Records, error) {
	out := &Records{}
	var err error
	out.Actors = each(ctx, r.Actors, actors, &err)
	out.Articles = each(ctx, r.Articles, articles, &err)
	out.Instruments = each(ctx, r.Instruments, instruments, &err)
	out.Sources = each(ctx, r.Sources, sources, &err)
	out.Sessions = each(ctx, r.Sessions, sessions, &err)
	out.Topics = each(ctx, r.Topics, topics, &err)
	if err != nil {
		return nil, err
	}
	return out, nil
}

func each[V any](ctx context.Context, ids []string, get func(context.Context, []string) ([]*V, error), err *error) []*V {
	if *err != nil || len(ids) == 0 {
		return nil
	}
	vs, e := get(ctx, ids)
	if e != nil {
		*err = e
	}
	return vs
}
