package neo4jstore

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/plan"
)

// positionQuery binds p to the positions matching f, in f.Sort order.
func positionQuery(f stancegraph.PositionFilter, extra ...string) (string, map[string]any) {
	q, p := positionMatch(f, extra...)
	// Undated positions (no date property) sort as the empty string does
	// in the embedded store: first, or last when descending.
	order := "coalesce(p.date, ''), p.id"
	if f.Sort == stancegraph.SortDateDesc {
		order = "coalesce(p.date, '') DESC, p.id"
	}
	return q + "\nWITH p ORDER BY " + order, p
}

// positionMatch builds the MATCH and WHERE of a position filter from fixed
// fragments; the filter's values travel only as parameters. extra
// conditions are fixed fragments too (on query variables). Counting needs
// no order: it uses this alone.
func positionMatch(f stancegraph.PositionFilter, extra ...string) (string, map[string]any) {
	conds := append([]string{"p.gen = $gen"}, extra...)
	p := map[string]any{}
	in := func(param, cond string, vals []string) {
		if len(vals) > 0 {
			conds, p[param] = append(conds, cond), vals
		}
	}
	if !f.IncludeRetracted {
		conds = append(conds, "p.retractedAt IS NULL")
	}
	in("ids", "p.id IN $ids", f.IDs)
	if f.SpokenToo {
		in("actors", "(p.actorId IN $actors OR p.speakerId IN $actors)", f.ActorIDs)
	} else {
		in("actors", "p.actorId IN $actors", f.ActorIDs)
	}
	in("speakers", "p.speakerId IN $speakers", f.Speakers)
	in("alternatives", "p.alternativeId IN $alternatives", f.Alternatives)
	in("issues", "p.issueId IN $issues", f.Issues)
	if len(f.Evidence) > 0 {
		// The grade is the best (lowest ranked) class among the sources cited now.
		conds = append(conds, "reduce(g = $worstGrade, r IN [(p)-[:CITES]->(src:Source) | $gradeRank[src.class]] | CASE WHEN r < g THEN r ELSE g END) IN $grades")
		p["worstGrade"], p["gradeRank"], p["grades"] = len(stancegraph.EvidenceGrades)-1, gradeRanks(), evidenceRanks(f.Evidence)
	}
	in("actorTypes", "p.actorType IN $actorTypes", asStrings(f.ActorTypes))
	in("groups", "p.actorRegionalGroup IN $groups", asStrings(f.RegionalGroups))
	in("instruments", "p.instrumentId IN $instruments", f.InstrumentIDs)
	in("articles", "p.articleId IN $articles", f.ArticleIDs)
	in("topics", "any(t IN p.topics WHERE t IN $topics)", f.Topics)
	in("stances", "p.stance IN $stances", asStrings(f.Stances))
	in("kinds", "p.kind IN $kinds", asStrings(f.Kinds))
	in("sessions", "p.sessionId IN $sessions", f.SessionIDs)
	in("sources", "any(x IN p.sourceIds WHERE x IN $sources)", f.SourceIDs)
	in("represented", "any(x IN p.onBehalfOf + p.jointWith WHERE x IN $represented)", f.RepresentedIDs)
	in("classes", "EXISTS { MATCH (p)-[:CITES]->(src:Source) WHERE src.class IN $classes }", asStrings(f.SourceClasses))
	in("verifications", "p.verification IN $verifications", asStrings(f.Verifications))
	// Same prefix rule as stancegraph.DateInRange.
	if f.DateFrom != "" {
		conds, p["from"] = append(conds, "p.date >= substring($from, 0, size(p.date))"), f.DateFrom
	}
	if f.DateTo != "" {
		conds, p["to"] = append(conds, "substring(p.date, 0, size($to)) <= $to"), f.DateTo
	}
	return "MATCH (p:Position) " + where(conds), p
}

// gradeRanks maps each source class to the rank of its evidence grade.
func gradeRanks() map[string]any {
	out := make(map[string]any, len(stancegraph.GradeOfClass))
	for c, g := range stancegraph.GradeOfClass {
		out[string(c)] = stancegraph.GradeRank(g)
	}
	return out
}

func evidenceRanks(gs []stancegraph.EvidenceGrade) []int {
	out := make([]int, len(gs))
	for i, g := range gs {
		out[i] = stancegraph.GradeRank(g)
	}
	return out
}

// FindPositions returns positions matching f in f.Sort order.
func (s *Store) FindPositions(ctx context.Context, f stancegraph.PositionFilter) ([]*stancegraph.Position, int, error) {
	q, p := positionQuery(f)
	return paged(ctx, s, q+"\nWITH collect(p "+positionProj+") AS rows", p, f.Offset, f.Limit, positionFrom)
}

// PositionsBy returns, per parent id, the positions matching f: the
// parents' ids set in f by by.Group (the one parent table), f run without
// paging, the result bucketed by parent.
func (s *Store) PositionsBy(ctx context.Context, by stancegraph.PositionParent, ids []string, f stancegraph.PositionFilter) ([][]*stancegraph.Position, error) {
	f, keys, err := by.Group(f, strs(ids))
	if err != nil {
		return nil, err
	}
	f.Offset, f.Limit = 0, 0
	q, p := positionQuery(f)
	ps, err := readAll(ctx, s, q+"\nRETURN p "+positionProj+" AS n", p, positionFrom)
	if err != nil {
		return nil, err
	}
	return stancegraph.Bucket(ids, ps, keys), nil
}

// PositionsWith reads the positions by parent and the records e asks for
// in one statement: one COLLECT subquery per kind of record over the
// positions found, each a fixed fragment chosen by e.
func (s *Store) PositionsWith(ctx context.Context, by stancegraph.PositionParent, ids []string, f stancegraph.PositionFilter, e plan.Expand) ([][]*stancegraph.Position, *plan.Related, error) {
	q, params, keys, err := positionsWithQuery(by, ids, f, e)
	if err != nil {
		return nil, nil, err
	}
	if len(ids) == 0 {
		return [][]*stancegraph.Position{}, &plan.Related{}, nil
	}
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, nil, err
	}
	if len(recs) != 1 {
		return nil, nil, stancegraph.Errorf(stancegraph.EINTERNAL, "PositionsWith: %d result rows, want 1.", len(recs))
	}
	ps, rel := expanded(recs[0], "")
	return stancegraph.Bucket(ids, ps, keys), rel, nil
}

// expanded reads expandReturn's columns.
func expanded(r *neo4j.Record, suffix string) ([]*stancegraph.Position, *plan.Related) {
	rel := &plan.Related{
		Actors:      column(r, "actors"+suffix, actorFrom),
		Articles:    column(r, "articles"+suffix, articleFrom),
		Instruments: column(r, "instruments"+suffix, instrumentFrom),
		Sources:     column(r, "sources"+suffix, sourceFrom),
		Sessions:    column(r, "sessions"+suffix, sessionFrom),
		Topics:      column(r, "topics"+suffix, topicFrom),
	}
	rel.Sort()
	return column(r, "positions"+suffix, positionFrom), rel
}

// positionsWithQuery builds PositionsWith's statement.
func positionsWithQuery(by stancegraph.PositionParent, ids []string, f stancegraph.PositionFilter, e plan.Expand) (string, map[string]any, func(*stancegraph.Position) []string, error) {
	f.Offset, f.Limit = 0, 0
	f, keys, err := by.Group(f, strs(ids))
	if err != nil {
		return "", nil, nil, err
	}
	q, params := positionQuery(f)
	ret, _ := expandReturn(e, "")
	return q + "\n" + ret, params, keys, nil
}

// expandReturn collects the positions bound to p and the records e asks
// for into one row, and names its columns: positions, actors, articles ...
// each with the suffix.
func expandReturn(e plan.Expand, suffix string) (string, []string) {
	var b strings.Builder
	b.WriteString("WITH collect(p) AS ps\nRETURN [p IN ps | p " + positionProj + "] AS positions" + suffix)
	cols := []string{"positions" + suffix}
	col := func(name, refs, label, proj string) {
		b.WriteString(",\n  COLLECT { UNWIND ps AS p UNWIND " + refs + " AS k WITH DISTINCT k MATCH (n:" + label + " {gen: $gen, id: k}) RETURN n " + proj + " } AS " + name + suffix)
		cols = append(cols, name+suffix)
	}
	if e.Actors {
		col("actors", "[p.actorId, p.speakerId] + p.onBehalfOf + p.jointWith", "Actor", actorProj)
	}
	if e.Articles {
		col("articles", "[p.articleId]", "Article", articleProj)
	}
	var inst []string
	if e.Instruments {
		inst = append(inst, "[p.instrumentId]")
	}
	if e.ArticleInstruments {
		inst = append(inst, "COLLECT { MATCH (a:Article {gen: $gen, id: p.articleId}) RETURN a.instrumentId }")
	}
	if len(inst) > 0 {
		col("instruments", strings.Join(inst, " + "), "Instrument", instrumentProj)
	}
	if e.Sources {
		col("sources", "p.sourceIds", "Source", sourceProj)
	}
	if e.Sessions {
		col("sessions", "[p.sessionId]", "Session", sessionProj)
	}
	if e.Topics {
		col("topics", "p.topics", "Topic", topicProj)
	}
	return b.String(), cols
}

// column converts a list-of-maps column; nil if the statement has none.
func column[V any](r *neo4j.Record, name string, from func(map[string]any) *V) []*V {
	v, ok := r.Get(name)
	xs, _ := v.([]any)
	if !ok || len(xs) == 0 {
		return nil
	}
	out := make([]*V, 0, len(xs))
	for _, x := range xs {
		if m, ok := x.(map[string]any); ok {
			out = append(out, from(m))
		}
	}
	return out
}

// StanceCounts counts positions by parent and stance in Cypher: only the
// counts travel.
func (s *Store) StanceCounts(ctx context.Context, by stancegraph.PositionParent, ids []string, f stancegraph.PositionFilter) ([]map[stancegraph.Stance]stancegraph.StanceTally, error) {
	f.Offset, f.Limit, f.Sort = 0, 0, ""
	f, _, err := by.Group(f, strs(ids))
	if err != nil {
		return nil, err
	}
	key := parentKey(by)
	if len(ids) == 0 {
		return []map[stancegraph.Stance]stancegraph.StanceTally{}, nil
	}
	q, params := positionMatch(f)
	recs, err := s.read(ctx, q+"\n"+key+"\nRETURN k, p.stance AS stance, count(*) AS n, collect(DISTINCT p.actorId) AS actors", params)
	if err != nil {
		return nil, err
	}
	rows := make([][]any, len(recs))
	for i, r := range recs {
		rows[i] = r.Values
	}
	return countsOf(ids, rows), nil
}

// countsOf turns [parent id, stance, count] rows into StanceCounts's answer.
func countsOf(ids []string, rows [][]any) []map[stancegraph.Stance]stancegraph.StanceTally {
	at := map[string][]int{}
	out := make([]map[stancegraph.Stance]stancegraph.StanceTally, len(ids))
	for i, id := range ids {
		at[id] = append(at[id], i)
		out[i] = map[stancegraph.Stance]stancegraph.StanceTally{}
	}
	for _, r := range rows {
		if len(r) != 4 {
			continue
		}
		k, _ := r[0].(string)
		st, _ := r[1].(string)
		n, _ := r[2].(int64)
		actors, _ := r[3].([]any)
		for _, i := range at[k] {
			t := out[i][stancegraph.Stance(st)]
			t.Positions += int(n)
			for _, a := range actors {
				if s, ok := a.(string); ok {
					t = t.Add(s, 0)
				}
			}
			out[i][stancegraph.Stance(st)] = t
		}
	}
	return out
}
