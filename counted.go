package stancegraph

import "context"

// Counted wraps a Store so that every call (one store round trip) is
// reported to count with the method's name: for metrics, and for tests
// that bound the round trips of a request. (Go cannot intercept an
// interface's calls generically: one forwarding method per Store method.)
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
func (c *counted) FindInstruments(ctx context.Context) ([]*Instrument, error) {
	c.count("FindInstruments")
	return c.s.FindInstruments(ctx)
}
func (c *counted) FindArticles(ctx context.Context, f ArticleFilter) ([]*Article, int, error) {
	c.count("FindArticles")
	return c.s.FindArticles(ctx, f)
}
func (c *counted) FindSessions(ctx context.Context) ([]*Session, error) {
	c.count("FindSessions")
	return c.s.FindSessions(ctx)
}
func (c *counted) FindTopics(ctx context.Context) ([]*Topic, error) {
	c.count("FindTopics")
	return c.s.FindTopics(ctx)
}
func (c *counted) FindSources(ctx context.Context, f SourceFilter) ([]*Source, int, error) {
	c.count("FindSources")
	return c.s.FindSources(ctx, f)
}
func (c *counted) FindPositions(ctx context.Context, f PositionFilter) ([]*Position, int, error) {
	c.count("FindPositions")
	return c.s.FindPositions(ctx, f)
}
func (c *counted) Lookup(ctx context.Context, r Refs) (*Records, error) {
	c.count("Lookup")
	return c.s.Lookup(ctx, r)
}
func (c *counted) PeopleByOrganizationIDs(ctx context.Context, ids []string) ([][]*Actor, error) {
	c.count("PeopleByOrganizationIDs")
	return c.s.PeopleByOrganizationIDs(ctx, ids)
}
func (c *counted) MembershipsBy(ctx context.Context, by MembershipSide, ids []string) ([][]*Membership, error) {
	c.count("MembershipsBy")
	return c.s.MembershipsBy(ctx, by, ids)
}
func (c *counted) PositionsBy(ctx context.Context, by PositionParent, ids []string, f PositionFilter) ([][]*Position, error) {
	c.count("PositionsBy")
	return c.s.PositionsBy(ctx, by, ids, f)
}
func (c *counted) StanceCounts(ctx context.Context, by PositionParent, ids []string, f PositionFilter) ([]map[Stance]StanceTally, error) {
	c.count("StanceCounts")
	return c.s.StanceCounts(ctx, by, ids, f)
}
func (c *counted) FindIssues(ctx context.Context) ([]*Issue, error) {
	c.count("FindIssues")
	return c.s.FindIssues(ctx)
}
func (c *counted) FindTextRecords(ctx context.Context) (*TextRecords, error) {
	c.count("FindTextRecords")
	return c.s.FindTextRecords(ctx)
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
