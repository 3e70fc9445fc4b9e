package neo4jstore

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/plan"
)

// FindActorsWith finds actors and the children w asks for in one
// statement: the find, then one CALL subquery per child list over the
// page's ids.
func (s *Store) FindActorsWith(ctx context.Context, f stancegraph.ActorFilter, w plan.With) ([]*stancegraph.Actor, int, *plan.Children, error) {
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
func (s *Store) FindArticlesWith(ctx context.Context, f stancegraph.ArticleFilter, w plan.With) ([]*stancegraph.Article, int, *plan.Children, error) {
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
// fragments built from the same templates can share one statement. $gen,
// the generation read, is the statement's own and keeps its name.
func prefixed(q string, params map[string]any, prefix string, into map[string]any) string {
	for k, v := range params {
		into[prefix+k] = v
	}
	return paramRef.ReplaceAllStringFunc(q, func(ref string) string {
		if ref == "$gen" {
			return ref
		}
		return "$" + prefix + ref[1:]
	})
}

// findWith runs find (which binds rows), pages it and adds w's children.
// page is called with each record found, in order, and returns its id and
// the ids it corresponds to.
func (s *Store) findWith(ctx context.Context, find string, params map[string]any, offset, limit int, by stancegraph.PositionParent, w plan.With,
	page func(map[string]any) (string, []string)) (int, *plan.Children, error) {
	end := int64(1<<31 - 1)
	if limit > 0 {
		end = int64(offset + limit)
	}
	params["offset"], params["end"] = int64(max(offset, 0)), end
	var b strings.Builder
	b.WriteString(find + "\nWITH size(rows) AS total, rows[$offset..$end] AS page\nWITH total, page, [n IN page | n.id] AS ids\n")
	b.WriteString("WITH total, page, ids, ids + reduce(c = [], n IN page | c + coalesce(n.correspondsTo, [])) AS idsc\n")
	cols := append([]string{"total", "page"}, childCalls(&b, w, by, "ids", "idsc", "", params)...)
	if w.People {
		b.WriteString("CALL (ids) {\nMATCH (x:Person) WHERE x.organizationId IN ids AND x.gen = $gen WITH x ORDER BY x.name, x.id\nRETURN collect(x " + actorProj + ") AS people\n}\n")
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
	kids := children(r, w, by, ids, corr, "")
	if w.People {
		kids.People = stancegraph.Bucket(ids, column(r, "people", actorFrom), func(a *stancegraph.Actor) []string { return []string{a.OrganizationID} })
	}
	return int(total), kids, nil
}

// parentCond is the condition that a position belongs to one of the
// parents in the list variable: an article's, or an actor's (taken in its
// name or, for a person, spoken by it).
func parentCond(by stancegraph.PositionParent, list string) string {
	if by == stancegraph.ByArticle {
		return "p.articleId IN " + list
	}
	return "(p.actorId IN " + list + " OR p.speakerId IN " + list + ")"
}

// parentKey binds k to each parent a position belongs to (as ActorKeys).
func parentKey(by stancegraph.PositionParent) string {
	switch by {
	case stancegraph.ByArticle:
		return "WITH p.articleId AS k, p"
	case stancegraph.BySource:
		return "UNWIND p.sourceIds AS k WITH k, p WHERE k IN $sources"
	case stancegraph.ByInstrument:
		return "WITH p.instrumentId AS k, p"
	case stancegraph.BySession:
		return "WITH p.sessionId AS k, p"
	case stancegraph.ByTopic:
		return "UNWIND p.topics AS k WITH k, p WHERE k IN $topics"
	}
	return "UNWIND CASE WHEN p.speakerId IS NULL OR p.speakerId = '' OR p.speakerId = p.actorId THEN [p.actorId] ELSE [p.actorId, p.speakerId] END AS k WITH k, p"
}

// childCalls writes one CALL subquery per child list of w over the parent
// ids bound to the variables ids (and, with their corresponding articles,
// idsc), recursing into ArticleWith; tag makes its columns, variables and
// parameters unique. It returns the columns to return.
func childCalls(b *strings.Builder, w plan.With, by stancegraph.PositionParent, ids, idsc, tag string, params map[string]any) []string {
	in := func(corresponding bool) string {
		if corresponding {
			return idsc
		}
		return ids
	}
	// frag builds a position fragment over the parents, its parameters
	// prefixed with the tag.
	frag := func(build func(stancegraph.PositionFilter, ...string) (string, map[string]any), f stancegraph.PositionFilter, corresponding bool, t string) string {
		// The parents replace the filter's own ids of their kind, as in
		// PositionsBy; the filter's other fields stay.
		f.Offset, f.Limit = 0, 0
		f, _, _ = by.Group(f, nil)
		q, p := build(f, parentCond(by, in(corresponding)))
		return prefixed(q, p, "p"+t+"_", params)
	}
	var cols []string
	for i, x := range w.Positions {
		t := fmt.Sprintf("%s_%d", tag, i)
		q := frag(positionQuery, x.Filter, x.Corresponding, t)
		ret, names := expandReturn(x.Expand, t)
		fmt.Fprintf(b, "CALL (%s, %s) {\n%s\n%s\n}\n", ids, idsc, q, ret)
		cols = append(cols, names...)
		if x.ArticleWith != nil {
			a := t + "a"
			if x.Expand.Articles {
				fmt.Fprintf(b, "WITH *, [a IN articles%s | a.id] AS ids%s\n", t, a)
				fmt.Fprintf(b, "WITH *, ids%s + reduce(c = [], a IN articles%s | c + coalesce(a.correspondsTo, [])) AS idsc%s\n", a, t, a)
			} else {
				fmt.Fprintf(b, "WITH *, [] AS ids%s, [] AS idsc%s\n", a, a)
			}
			cols = append(cols, childCalls(b, *x.ArticleWith, stancegraph.ByArticle, "ids"+a, "idsc"+a, a, params)...)
		}
	}
	for i, x := range w.Counts {
		t := fmt.Sprintf("%s_c%d", tag, i)
		q := frag(positionMatch, x.Filter, x.Corresponding, t)
		list := in(x.Corresponding)
		fmt.Fprintf(b, "CALL (%s, %s) {\n%s\n%s WHERE k IN %s\nWITH k, p.stance AS st, count(*) AS n, collect(DISTINCT p.actorId) AS actors\nRETURN collect([k, st, n, actors]) AS counts%s\n}\n",
			ids, idsc, q, parentKey(by), list, t)
		cols = append(cols, "counts"+t)
	}
	return cols
}

// children reads childCalls's columns for the parents ids.
func children(r *neo4j.Record, w plan.With, by stancegraph.PositionParent, ids []string, corr [][]string, tag string) *plan.Children {
	_, keys, _ := by.Group(stancegraph.PositionFilter{}, nil)
	kids := &plan.Children{}
	for i, x := range w.Positions {
		t := fmt.Sprintf("%s_%d", tag, i)
		ps, rel := expanded(r, t)
		pids := plan.ParentIDs(ids, corr, x.Corresponding)
		c := plan.ChildPositions{IDs: pids, Lists: stancegraph.Bucket(pids, ps, keys), Related: rel}
		if x.ArticleWith != nil {
			aids := make([]string, len(rel.Articles))
			acorr := make([][]string, len(rel.Articles))
			for j, a := range rel.Articles {
				aids[j], acorr[j] = a.ID, a.CorrespondsTo
			}
			c.Articles = children(r, *x.ArticleWith, stancegraph.ByArticle, aids, acorr, t+"a")
		}
		kids.Positions = append(kids.Positions, c)
	}
	for i, x := range w.Counts {
		v, _ := r.Get(fmt.Sprintf("counts%s_c%d", tag, i))
		raw, _ := v.([]any)
		rows := make([][]any, 0, len(raw))
		for _, row := range raw {
			if xs, ok := row.([]any); ok {
				rows = append(rows, xs)
			}
		}
		pids := plan.ParentIDs(ids, corr, x.Corresponding)
		kids.Counts = append(kids.Counts, plan.ChildCounts{IDs: pids, Counts: countsOf(pids, rows)})
	}
	return kids
}
