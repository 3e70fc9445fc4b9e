package neo4jstore

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
)

// FindActorsWith finds actors and the children w asks for in one
// statement: the find, then one CALL subquery per child list over the
// page's ids.
func (s *Store) FindActorsWith(ctx context.Context, f stancegraph.ActorFilter, w stancegraph.With) ([]*stancegraph.Actor, int, *stancegraph.Children, error) {
	q, p := actorsQuery(f)
	var out []*stancegraph.Actor
	total, kids, err := s.findWith(ctx, q, p, f.Offset, f.Limit, stancegraph.ByActor, w, func(m map[string]any) (string, []string) {
		a := actorFrom(m)
		out = append(out, a)
		return a.ID, nil
	})
	if err != nil {
		return nil, 0, nil, err
	}
	return out, total, kids, nil
}

// FindArticlesWith finds articles and their children in one statement.
func (s *Store) FindArticlesWith(ctx context.Context, f stancegraph.ArticleFilter, w stancegraph.With) ([]*stancegraph.Article, int, *stancegraph.Children, error) {
	q, p := articlesQuery(f)
	var out []*stancegraph.Article
	total, kids, err := s.findWith(ctx, q, p, f.Offset, f.Limit, stancegraph.ByArticle, w, func(m map[string]any) (string, []string) {
		a := articleFrom(m)
		out = append(out, a)
		return a.ID, a.CorrespondsTo
	})
	if err != nil {
		return nil, 0, nil, err
	}
	return out, total, kids, nil
}

// paramRef finds the parameters of a statement fragment.
var paramRef = regexp.MustCompile(`\$(\w+)`)

// prefixed renames a fragment's parameters with prefix, so that several
// fragments built from the same templates can share one statement.
func prefixed(q string, params map[string]any, prefix string, into map[string]any) string {
	for k, v := range params {
		into[prefix+k] = v
	}
	return paramRef.ReplaceAllString(q, "$$"+prefix+"${1}")
}

// findWith runs find (which binds rows), pages it and adds w's children.
// page is called with each record found, in order, and returns its id and
// the ids it corresponds to.
func (s *Store) findWith(ctx context.Context, find string, params map[string]any, offset, limit int, by stancegraph.PositionParent, w stancegraph.With,
	page func(map[string]any) (string, []string)) (int, *stancegraph.Children, error) {
	end := int64(1<<31 - 1)
	if limit > 0 {
		end = int64(offset + limit)
	}
	params["offset"], params["end"] = int64(max(offset, 0)), end
	// The parent ids replace the filter's own for that field, as in
	// PositionsBy; the filter's other fields stay.
	parent, reparent := "p.actorId", func(f *stancegraph.PositionFilter) { f.ActorIDs = nil }
	if by == stancegraph.ByArticle {
		parent, reparent = "p.articleId", func(f *stancegraph.PositionFilter) { f.ArticleIDs = nil }
	}
	var b strings.Builder
	b.WriteString(find + "\nWITH size(rows) AS total, rows[$offset..$end] AS page\nWITH total, page, [n IN page | n.id] AS ids\n")
	b.WriteString("WITH total, page, ids, ids + reduce(c = [], n IN page | c + coalesce(n.correspondsTo, [])) AS idsc\n")
	parents := func(corresponding bool) string {
		if corresponding {
			return "idsc"
		}
		return "ids"
	}
	cols := []string{"total", "page"}
	for i, x := range w.Positions {
		f := x.Filter
		f.Offset, f.Limit = 0, 0
		reparent(&f)
		q, p := positionQuery(f, parent+" IN "+parents(x.Corresponding))
		suffix := fmt.Sprintf("_%d", i)
		q = prefixed(q, p, fmt.Sprintf("p%d_", i), params)
		ret, names := expandReturn(x.Expand, suffix)
		b.WriteString("CALL (ids, idsc) {\n" + q + "\n" + ret + "\n}\n")
		cols = append(cols, names...)
	}
	for i, x := range w.Counts {
		f := x.Filter
		f.Offset, f.Limit = 0, 0
		reparent(&f)
		q, p := positionMatch(f, parent+" IN "+parents(x.Corresponding))
		q = prefixed(q, p, fmt.Sprintf("c%d_", i), params)
		fmt.Fprintf(&b, "CALL (ids, idsc) {\n%s\nWITH %s AS k, p.stance AS st, count(*) AS n\nRETURN collect([k, st, n]) AS counts_%d\n}\n", q, parent, i)
		cols = append(cols, fmt.Sprintf("counts_%d", i))
	}
	if w.People {
		b.WriteString("CALL (ids) {\nMATCH (x:Person) WHERE x.organizationId IN ids WITH x ORDER BY x.name, x.id\nRETURN collect(x " + actorProj + ") AS people\n}\n")
		cols = append(cols, "people")
	}
	b.WriteString("RETURN " + strings.Join(cols, ", "))
	recs, err := s.read(ctx, b.String(), params)
	if err != nil {
		return 0, nil, err
	}
	if len(recs) != 1 {
		return 0, nil, stancegraph.Errorf(stancegraph.EINTERNAL, "findWith: %d result rows, want 1.", len(recs))
	}
	r := recs[0]
	total, _, err := neo4j.GetRecordValue[int64](r, "total")
	if err != nil {
		return 0, nil, formatError(err)
	}
	var ids []string
	var corr [][]string
	rows, _ := r.Get("page")
	list, _ := rows.([]any)
	for _, x := range list {
		if m, ok := x.(map[string]any); ok {
			id, c := page(m)
			ids, corr = append(ids, id), append(corr, c)
		}
	}
	kids := &stancegraph.Children{}
	keys := func(p *stancegraph.Position) []string { return []string{p.ActorID} }
	if by == stancegraph.ByArticle {
		keys = func(p *stancegraph.Position) []string { return []string{p.ArticleID} }
	}
	for i, x := range w.Positions {
		ps, rel := expanded(r, fmt.Sprintf("_%d", i))
		pids := stancegraph.ParentIDs(ids, corr, x.Corresponding)
		kids.Positions = append(kids.Positions, stancegraph.ChildPositions{IDs: pids, Lists: stancegraph.Bucket(pids, ps, keys), Related: rel})
	}
	for i, x := range w.Counts {
		v, _ := r.Get(fmt.Sprintf("counts_%d", i))
		raw, _ := v.([]any)
		rows := make([][]any, 0, len(raw))
		for _, row := range raw {
			if xs, ok := row.([]any); ok {
				rows = append(rows, xs)
			}
		}
		pids := stancegraph.ParentIDs(ids, corr, x.Corresponding)
		kids.Counts = append(kids.Counts, stancegraph.ChildCounts{IDs: pids, Counts: countsOf(pids, rows)})
	}
	if w.People {
		kids.People = stancegraph.Bucket(ids, column(r, "people", actorFrom), func(a *stancegraph.Actor) []string { return []string{a.OrganizationID} })
	}
	return int(total), kids, nil
}
