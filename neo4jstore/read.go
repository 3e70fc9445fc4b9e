package neo4jstore

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
)

// maps runs a read whose rows have one map column "n" and converts each row.
func readAll[V any](ctx context.Context, s *Store, q string, params map[string]any, from func(map[string]any) *V) ([]*V, error) {
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, err
	}
	out := make([]*V, 0, len(recs))
	for _, r := range recs {
		m, isNil, err := neo4j.GetRecordValue[map[string]any](r, "n")
		if err != nil {
			return nil, formatError(err)
		}
		if !isNil {
			out = append(out, from(m))
		}
	}
	return out, nil
}

// byIDs fetches nodes of one label by id and returns them in ids' order,
// nil where unknown.
func byIDs[V any](ctx context.Context, s *Store, q string, ids []string, from func(map[string]any) *V, id func(*V) string) ([]*V, error) {
	vs, err := readAll(ctx, s, q, map[string]any{"ids": strs(ids)}, from)
	if err != nil {
		return nil, err
	}
	found := make(map[string]*V, len(vs))
	for _, v := range vs {
		found[id(v)] = v
	}
	out := make([]*V, len(ids))
	for i, k := range ids {
		out[i] = found[k]
	}
	return out, nil
}

// paged reads total and one page: the query must bind `rows` to the
// ordered list of result maps.
func paged[V any](ctx context.Context, s *Store, q string, params map[string]any, offset, limit int, from func(map[string]any) *V) ([]*V, int, error) {
	end := int64(1<<31 - 1)
	if limit > 0 {
		end = int64(offset + limit)
	}
	params["offset"], params["end"] = int64(max(offset, 0)), end
	recs, err := s.read(ctx, q+"\nRETURN size(rows) AS total, rows[$offset..$end] AS page", params)
	if err != nil {
		return nil, 0, err
	}
	if len(recs) != 1 {
		return []*V{}, 0, nil
	}
	total, _, err := neo4j.GetRecordValue[int64](recs[0], "total")
	if err != nil {
		return nil, 0, formatError(err)
	}
	page, _, err := neo4j.GetRecordValue[[]any](recs[0], "page")
	if err != nil {
		return nil, 0, formatError(err)
	}
	out := make([]*V, 0, len(page))
	for _, x := range page {
		if m, ok := x.(map[string]any); ok {
			out = append(out, from(m))
		}
	}
	return out, int(total), nil
}

// where joins fixed Cypher conditions; values always travel as parameters.
func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(conds, " AND ")
}

func asStrings[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// Release returns the release last loaded.
func (s *Store) Release(ctx context.Context) (*stancegraph.Release, error) {
	const q = `MATCH (n:Release {gen: $gen}) RETURN n {.id, .hash, .date} AS n`
	rs, err := readAll(ctx, s, q, nil, func(m map[string]any) *stancegraph.Release {
		return &stancegraph.Release{ID: str(m, "id"), Hash: str(m, "hash"), Date: str(m, "date")}
	})
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, stancegraph.Errorf(stancegraph.ENOTFOUND, "No data has been loaded.")
	}
	return rs[0], nil
}

// FindActors returns actors ordered by type, name, id.
func (s *Store) FindActors(ctx context.Context, f stancegraph.ActorFilter) ([]*stancegraph.Actor, int, error) {
	q, p := actorsQuery(f)
	return paged(ctx, s, q, p, f.Offset, f.Limit, actorFrom)
}

// actorsQuery binds rows to the actors matching f, in order.
func actorsQuery(f stancegraph.ActorFilter) (string, map[string]any) {
	conds := []string{"n.gen = $gen"}
	p := map[string]any{}
	if len(f.IDs) > 0 {
		conds, p["ids"] = append(conds, "n.id IN $ids"), f.IDs
	}
	if f.Name != nil {
		conds = append(conds, "(toLower(n.name) CONTAINS $name OR any(al IN n.aliases WHERE toLower(al) CONTAINS $name))")
		p["name"] = strings.ToLower(strings.TrimSpace(*f.Name))
	}
	if len(f.Types) > 0 {
		conds, p["types"] = append(conds, "n.type IN $types"), asStrings(f.Types)
	}
	if len(f.Kinds) > 0 {
		conds, p["kinds"] = append(conds, "n.kind IN $kinds"), f.Kinds
	}
	if len(f.RegionalGroups) > 0 {
		conds, p["groups"] = append(conds, "n.regionalGroup IN $groups"), asStrings(f.RegionalGroups)
	}
	return "MATCH (n:Actor) " + where(conds) + "\nWITH n ORDER BY n.type, n.name, n.id\nWITH collect(n " + actorProj + ") AS rows", p
}

// actorsByIDs returns one actor per id.
func (s *Store) actorsByIDs(ctx context.Context, ids []string) ([]*stancegraph.Actor, error) {
	return byIDs(ctx, s, `MATCH (n:Actor) WHERE n.gen = $gen AND n.id IN $ids RETURN n `+actorProj+` AS n`, ids, actorFrom, func(a *stancegraph.Actor) string { return a.ID })
}

// PeopleByOrganizationIDs returns, per actor id, the people who speak for it.
func (s *Store) PeopleByOrganizationIDs(ctx context.Context, ids []string) ([][]*stancegraph.Actor, error) {
	q := `MATCH (n:Person) WHERE n.organizationId IN $ids AND n.gen = $gen RETURN n ` + actorProj + ` AS n ORDER BY n.name, n.id`
	people, err := readAll(ctx, s, q, map[string]any{"ids": strs(ids)}, actorFrom)
	return stancegraph.Bucket(ids, people, func(a *stancegraph.Actor) []string { return []string{a.OrganizationID} }), err
}

// membershipsByGroupIDs returns, per group id, its memberships.
func (s *Store) membershipsByGroupIDs(ctx context.Context, ids []string) ([][]*stancegraph.Membership, error) {
	const q = `MATCH (m:Actor)-[x:MEMBER_OF]->(g:Actor) WHERE g.gen = $gen AND g.id IN $ids
RETURN x {memberId: m.id, groupId: g.id, .from, .to, .verification, .sourceIds} AS n ORDER BY m.id, coalesce(x.from, '')`
	ms, err := readAll(ctx, s, q, map[string]any{"ids": strs(ids)}, membershipFrom)
	return stancegraph.Bucket(ids, ms, func(m *stancegraph.Membership) []string { return []string{m.GroupID} }), err
}

// membershipsByMemberIDs returns, per actor id, the groups it belongs to.
func (s *Store) membershipsByMemberIDs(ctx context.Context, ids []string) ([][]*stancegraph.Membership, error) {
	const q = `MATCH (m:Actor)-[x:MEMBER_OF]->(g:Actor) WHERE m.gen = $gen AND m.id IN $ids
RETURN x {memberId: m.id, groupId: g.id, .from, .to, .verification, .sourceIds} AS n ORDER BY g.id, coalesce(x.from, '')`
	ms, err := readAll(ctx, s, q, map[string]any{"ids": strs(ids)}, membershipFrom)
	return stancegraph.Bucket(ids, ms, func(m *stancegraph.Membership) []string { return []string{m.MemberID} }), err
}

// FindInstruments returns every instrument by id.
func (s *Store) FindInstruments(ctx context.Context) ([]*stancegraph.Instrument, error) {
	return readAll(ctx, s, `MATCH (n:Instrument {gen: $gen}) RETURN n `+instrumentProj+` AS n ORDER BY n.id`, nil, instrumentFrom)
}

// instrumentsByIDs returns one instrument per id.
func (s *Store) instrumentsByIDs(ctx context.Context, ids []string) ([]*stancegraph.Instrument, error) {
	return byIDs(ctx, s, `MATCH (n:Instrument) WHERE n.gen = $gen AND n.id IN $ids RETURN n `+instrumentProj+` AS n`, ids, instrumentFrom, func(i *stancegraph.Instrument) string { return i.ID })
}

// FindArticles returns articles ordered by instrument, number.
func (s *Store) FindArticles(ctx context.Context, f stancegraph.ArticleFilter) ([]*stancegraph.Article, int, error) {
	q, p := articlesQuery(f)
	return paged(ctx, s, q, p, f.Offset, f.Limit, articleFrom)
}

// articlesQuery binds rows to the articles matching f, in order.
func articlesQuery(f stancegraph.ArticleFilter) (string, map[string]any) {
	conds := []string{"n.gen = $gen"}
	p := map[string]any{}
	if len(f.InstrumentIDs) > 0 {
		conds, p["instruments"] = append(conds, "n.instrumentId IN $instruments"), f.InstrumentIDs
	}
	if f.Number != nil {
		conds, p["number"] = append(conds, "n.number = $number"), int64(*f.Number)
	}
	if f.Chapter != nil {
		conds, p["chapter"] = append(conds, "toLower(n.chapter) CONTAINS $chapter"), strings.ToLower(*f.Chapter)
	}
	if len(f.Statuses) > 0 {
		conds, p["statuses"] = append(conds, "n.status IN $statuses"), asStrings(f.Statuses)
	}
	match := "MATCH (n:Article) "
	if f.DefaultInstrument {
		// From the instrument, so that (instrumentId, number) is an index seek.
		match = "MATCH (i:Instrument) WHERE i.gen = $gen AND i.isDefault = true\nMATCH (n:Article) "
		conds = append(conds, "n.instrumentId = i.id")
	}
	return match + where(conds) + "\nWITH n ORDER BY n.instrumentId, n.number\nWITH collect(n " + articleProj + ") AS rows", p
}

// articlesByIDs returns one article per id.
func (s *Store) articlesByIDs(ctx context.Context, ids []string) ([]*stancegraph.Article, error) {
	return byIDs(ctx, s, `MATCH (n:Article) WHERE n.gen = $gen AND n.id IN $ids RETURN n `+articleProj+` AS n`, ids, articleFrom, func(a *stancegraph.Article) string { return a.ID })
}

// FindSessions returns sessions by start date.
func (s *Store) FindSessions(ctx context.Context) ([]*stancegraph.Session, error) {
	return readAll(ctx, s, `MATCH (n:Session {gen: $gen}) RETURN n `+sessionProj+` AS n ORDER BY coalesce(n.start, ''), n.id`, nil, sessionFrom)
}

// sessionsByIDs returns one session per id.
func (s *Store) sessionsByIDs(ctx context.Context, ids []string) ([]*stancegraph.Session, error) {
	return byIDs(ctx, s, `MATCH (n:Session) WHERE n.gen = $gen AND n.id IN $ids RETURN n `+sessionProj+` AS n`, ids, sessionFrom, func(x *stancegraph.Session) string { return x.ID })
}

// FindTopics returns topics by id.
func (s *Store) FindTopics(ctx context.Context) ([]*stancegraph.Topic, error) {
	return readAll(ctx, s, `MATCH (n:Topic {gen: $gen}) RETURN n `+topicProj+` AS n ORDER BY n.id`, nil, topicFrom)
}

// issueProjection reads issue i with its alternatives, as issueFrom takes it.
const issueProjection = `i {.*, alternatives: COLLECT { MATCH (i)-[:HAS_ALTERNATIVE]->(a:Alternative) RETURN a {.*} }}`

// FindIssues returns every issue with its alternatives, by id.
func (s *Store) FindIssues(ctx context.Context) ([]*stancegraph.Issue, error) {
	const q = `MATCH (i:Issue) WHERE i.gen = $gen
RETURN ` + issueProjection + ` AS n ORDER BY n.id`
	return readAll(ctx, s, q, nil, issueFrom)
}

// topicsByIDs returns one topic per id.
func (s *Store) topicsByIDs(ctx context.Context, ids []string) ([]*stancegraph.Topic, error) {
	return byIDs(ctx, s, `MATCH (n:Topic) WHERE n.gen = $gen AND n.id IN $ids RETURN n `+topicProj+` AS n`, ids, topicFrom, func(t *stancegraph.Topic) string { return t.ID })
}

// FindSources returns sources by id.
func (s *Store) FindSources(ctx context.Context, f stancegraph.SourceFilter) ([]*stancegraph.Source, int, error) {
	conds := []string{"n.gen = $gen"}
	p := map[string]any{}
	if len(f.Classes) > 0 {
		conds, p["classes"] = append(conds, "n.class IN $classes"), asStrings(f.Classes)
	}
	if f.URL != nil {
		conds, p["url"] = append(conds, "n.url = $url"), *f.URL
	}
	q := "MATCH (n:Source) " + where(conds) + "\nWITH n ORDER BY n.id\nWITH collect(n " + sourceProj + ") AS rows"
	return paged(ctx, s, q, p, f.Offset, f.Limit, sourceFrom)
}

// sourcesByIDs returns one source per id.
func (s *Store) sourcesByIDs(ctx context.Context, ids []string) ([]*stancegraph.Source, error) {
	return byIDs(ctx, s, `MATCH (n:Source) WHERE n.gen = $gen AND n.id IN $ids RETURN n `+sourceProj+` AS n`, ids, sourceFrom, func(x *stancegraph.Source) string { return x.ID })
}
