package stancegraph

import "context"

// Counted wraps a Store so that every call (one store round trip) is
// reported to count with the method's name: for metrics, and for tests
// that bound the round trips of a request.
func Counted(s Store, count func(method string)) Store { return &counted{s, count} }

type counted struct {
	s     Store
	count func(string)
}

func (c *counted) Load(ctx context.Context, d *Dataset) error {
	c.count("Load")
	return c.s.Load(ctx, d)
}
func (c *counted) Release(ctx context.Context) (*Release, error) {
	c.count("Release")
	return c.s.Release(ctx)
}
func (c *counted) Ping(ctx context.Context) error  { c.count("Ping"); return c.s.Ping(ctx) }
func (c *counted) Close(ctx context.Context) error { return c.s.Close(ctx) }
func (c *counted) FindActors(ctx context.Context, f ActorFilter) ([]*Actor, int, error) {
	c.count("FindActors")
	return c.s.FindActors(ctx, f)
}
func (c *counted) ActorsByIDs(ctx context.Context, ids []string) ([]*Actor, error) {
	c.count("ActorsByIDs")
	return c.s.ActorsByIDs(ctx, ids)
}
func (c *counted) PeopleByOrganizationIDs(ctx context.Context, ids []string) ([][]*Actor, error) {
	c.count("PeopleByOrganizationIDs")
	return c.s.PeopleByOrganizationIDs(ctx, ids)
}
func (c *counted) MembershipsByGroupIDs(ctx context.Context, ids []string) ([][]*Membership, error) {
	c.count("MembershipsByGroupIDs")
	return c.s.MembershipsByGroupIDs(ctx, ids)
}
func (c *counted) MembershipsByMemberIDs(ctx context.Context, ids []string) ([][]*Membership, error) {
	c.count("MembershipsByMemberIDs")
	return c.s.MembershipsByMemberIDs(ctx, ids)
}
func (c *counted) FindInstruments(ctx context.Context) ([]*Instrument, error) {
	c.count("FindInstruments")
	return c.s.FindInstruments(ctx)
}
func (c *counted) InstrumentsByIDs(ctx context.Context, ids []string) ([]*Instrument, error) {
	c.count("InstrumentsByIDs")
	return c.s.InstrumentsByIDs(ctx, ids)
}
func (c *counted) FindArticles(ctx context.Context, f ArticleFilter) ([]*Article, int, error) {
	c.count("FindArticles")
	return c.s.FindArticles(ctx, f)
}
func (c *counted) ArticlesByIDs(ctx context.Context, ids []string) ([]*Article, error) {
	c.count("ArticlesByIDs")
	return c.s.ArticlesByIDs(ctx, ids)
}
func (c *counted) FindSessions(ctx context.Context) ([]*Session, error) {
	c.count("FindSessions")
	return c.s.FindSessions(ctx)
}
func (c *counted) SessionsByIDs(ctx context.Context, ids []string) ([]*Session, error) {
	c.count("SessionsByIDs")
	return c.s.SessionsByIDs(ctx, ids)
}
func (c *counted) FindTopics(ctx context.Context) ([]*Topic, error) {
	c.count("FindTopics")
	return c.s.FindTopics(ctx)
}
func (c *counted) FindIssues(ctx context.Context) ([]*Issue, error) {
	c.count("FindIssues")
	return c.s.FindIssues(ctx)
}
func (c *counted) FindTextRecords(ctx context.Context) (*TextRecords, error) {
	c.count("FindTextRecords")
	return c.s.FindTextRecords(ctx)
}
func (c *counted) TopicsByIDs(ctx context.Context, ids []string) ([]*Topic, error) {
	c.count("TopicsByIDs")
	return c.s.TopicsByIDs(ctx, ids)
}
func (c *counted) FindSources(ctx context.Context, f SourceFilter) ([]*Source, int, error) {
	c.count("FindSources")
	return c.s.FindSources(ctx, f)
}
func (c *counted) SourcesByIDs(ctx context.Context, ids []string) ([]*Source, error) {
	c.count("SourcesByIDs")
	return c.s.SourcesByIDs(ctx, ids)
}
func (c *counted) FindPositions(ctx context.Context, f PositionFilter) ([]*Position, int, error) {
	c.count("FindPositions")
	return c.s.FindPositions(ctx, f)
}
func (c *counted) PositionsByActorIDs(ctx context.Context, ids []string, f PositionFilter) ([][]*Position, error) {
	c.count("PositionsByActorIDs")
	return c.s.PositionsByActorIDs(ctx, ids, f)
}
func (c *counted) PositionsByArticleIDs(ctx context.Context, ids []string, f PositionFilter) ([][]*Position, error) {
	c.count("PositionsByArticleIDs")
	return c.s.PositionsByArticleIDs(ctx, ids, f)
}
func (c *counted) StanceCounts(ctx context.Context, by PositionParent, ids []string, f PositionFilter) ([]map[Stance]StanceTally, error) {
	c.count("StanceCounts")
	return c.s.StanceCounts(ctx, by, ids, f)
}
func (c *counted) PositionsBySourceIDs(ctx context.Context, ids []string, f PositionFilter) ([][]*Position, error) {
	c.count("PositionsBySourceIDs")
	return c.s.PositionsBySourceIDs(ctx, ids, f)
}
func (c *counted) Search(ctx context.Context, q SearchQuery) ([]*SearchHit, error) {
	c.count("Search")
	return c.s.Search(ctx, q)
}
func (c *counted) Apply(ctx context.Context, e *Edit) (*Revision, error) {
	c.count("Apply")
	return c.s.Apply(ctx, e)
}
func (c *counted) History(ctx context.Context, id string) ([]*Revision, error) {
	c.count("History")
	return c.s.History(ctx, id)
}
