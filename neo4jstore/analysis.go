package neo4jstore

import (
	"context"
	"fmt"
	"strconv"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
)

// A stored analysis: what `stancegraph analyze -write` puts in the graph
// for Bloom and Graph Data Science, in the generation it was computed from:
//
//	(:Bloc {id, number, analysis, release, gen, basis, minOverlap, asOf,
//	        edgesPerActor, modularity, size, cohesion, defining, definingMeanStance,
//	        definingAgreement, definingSpeakers})
//	(:Actor)-[:IN_BLOC {analysis, release}]->(:Bloc)
//	(:Actor)-[:AGREES_WITH {score, overlap, analysis, basis, minOverlap, asOf, release}]->(:Actor)
//
// AGREES_WITH is stored once per unordered pair, from the smaller actor id
// to the larger; Cypher reads it undirected. The options name the analysis
// (AnalysisOptions.Key); writing it again replaces it. Blocs are domain
// nodes of the generation (genLabels) and AGREES_WITH joins its actors, so
// a load removes the analyses of the generation it replaces with it.

// AnalysisOptions are the options an analysis was computed with.
type AnalysisOptions struct {
	Basis         string // "ALL", "ISSUES" or "TEXTS"
	MinOverlap    int    // the fewest common items a score needs
	AsOf          string // only positions up to this date; "" for all
	EdgesPerActor int    // each actor's strongest edges kept; 0: every defined pair
}

// Key names the analysis of these options, e.g. "ALL minOverlap=1" or
// "ISSUES minOverlap=2 asOf=2024-02-09". EdgesPerActor is not part of it:
// it prunes what is written, not what is computed.
func (o AnalysisOptions) Key() string {
	k := o.Basis + " minOverlap=" + strconv.Itoa(max(o.MinOverlap, 1))
	if o.AsOf != "" {
		k += " asOf=" + o.AsOf
	}
	return k
}

// AnalysisReport says what WriteAnalysis wrote.
type AnalysisReport struct {
	Release  string
	Key      string
	Removed  int // nodes and relationships of the analysis it replaced
	Blocs    int
	Members  int // IN_BLOC relationships
	Agreeing int // AGREES_WITH relationships
}

// WriteAnalysis stores a, computed with o from release, in the current
// generation, replacing the analysis of the same options. It writes
// batchSize rows per transaction. It returns ECONFLICT if the current
// release is not release (a load ran since the analysis read the graph).
// Only Defined pairs become AGREES_WITH edges.
func (s *Store) WriteAnalysis(ctx context.Context, release string, o AnalysisOptions, a coalition.Analysis) (*AnalysisReport, error) {
	gen, err := s.genOfRelease(ctx, release)
	if err != nil {
		return nil, err
	}
	rep := &AnalysisReport{Release: release, Key: o.Key()}
	p := map[string]any{"gen": gen, "analysis": rep.Key}
	for _, match := range []string{
		"MATCH (a:Actor)-[n:AGREES_WITH]->() WHERE n.analysis = $analysis AND a.gen = $gen",
		"MATCH (n:Bloc) WHERE n.gen = $gen AND n.id IS NOT NULL AND n.analysis = $analysis",
	} {
		n, err := s.deleteInBatches(ctx, match, p)
		if err != nil {
			return nil, fmt.Errorf("neo4jstore: remove the previous analysis %q: %w", rep.Key, err)
		}
		rep.Removed += n
	}
	for _, st := range analysisSteps(release, o, a) {
		if err := s.writeRows(ctx, gen, []step{st}, nil); err != nil {
			return nil, err
		}
	}
	return rep, s.countAnalysis(ctx, gen, rep)
}

// genOfRelease returns the current generation if it holds release.
func (s *Store) genOfRelease(ctx context.Context, release string) (int64, error) {
	const q = `MATCH (cur:_Current {key: 'graph'}) OPTIONAL MATCH (r:Release {gen: cur.gen}) RETURN cur.gen AS gen, r.id AS release`
	recs, err := s.autocommit(ctx, q, nil)
	if err != nil {
		return 0, err
	}
	if len(recs) != 1 {
		return 0, stancegraph.Errorf(stancegraph.ENOTFOUND, "No data has been loaded.")
	}
	gen, _ := recs[0].Values[0].(int64)
	if cur, _ := recs[0].Values[1].(string); cur != release {
		return 0, stancegraph.Errorf(stancegraph.ECONFLICT, "The graph now serves release %s, not %s that the analysis was computed on (a load ran meanwhile); run the analysis again.", cur, release)
	}
	return gen, nil
}

// qBlocs creates blocs only while gen is current, holding _Current's lock
// so that a load cannot switch and remove the generation before they are
// written (they would stay behind, in no generation's cleanup).
const qBlocs = `MATCH (cur:_Current {key: 'graph'})
SET cur.gen = cur.gen
WITH cur WHERE cur.gen = $gen
UNWIND $rows AS r
CREATE (b:Bloc) SET b = r, b.gen = $gen`

const qInBloc = `UNWIND $rows AS r
MATCH (a:Actor {gen: $gen, id: r.actor})
MATCH (b:Bloc {gen: $gen, id: r.bloc})
CREATE (a)-[:IN_BLOC {analysis: r.analysis, release: r.release}]->(b)`

const qAgreesWith = `UNWIND $rows AS r
MATCH (a:Actor {gen: $gen, id: r.a})
MATCH (b:Actor {gen: $gen, id: r.b})
CREATE (a)-[e:AGREES_WITH]->(b) SET e = r.e`

// analysisSteps are the batched statements that write a.
func analysisSteps(release string, o AnalysisOptions, a coalition.Analysis) []step {
	key := o.Key()
	common := func() map[string]any {
		return absent(map[string]any{"analysis": key, "release": release, "basis": o.Basis, "minOverlap": int64(max(o.MinOverlap, 1)), "asOf": o.AsOf})
	}
	var blocs, members, edges []map[string]any
	for _, b := range a.Blocs {
		r := common()
		r["id"], r["number"] = key+"#"+strconv.Itoa(b.ID), int64(b.ID)
		r["edgesPerActor"], r["modularity"] = int64(o.EdgesPerActor), a.Modularity
		r["size"], r["cohesion"] = int64(len(b.Members)), b.Cohesion
		ids, means, agreement, speakers := []string{}, []float64{}, []float64{}, []int64{}
		for _, it := range b.Defining {
			ids, means = append(ids, it.ID), append(means, it.Mean)
			agreement, speakers = append(agreement, it.Agreement), append(speakers, int64(it.Speakers))
		}
		r["defining"], r["definingMeanStance"], r["definingAgreement"], r["definingSpeakers"] = ids, means, agreement, speakers
		blocs = append(blocs, r)
		for _, m := range b.Members {
			members = append(members, map[string]any{"actor": m, "bloc": r["id"], "analysis": key, "release": release})
		}
	}
	for _, p := range a.Pairs {
		if p.Defined {
			e := common()
			e["score"], e["overlap"] = p.Score, int64(p.Overlap)
			edges = append(edges, map[string]any{"a": min(p.A, p.B), "b": max(p.A, p.B), "e": e})
		}
	}
	return []step{{"blocs", qBlocs, blocs, nil}, {"bloc members", qInBloc, members, nil}, {"agreement edges", qAgreesWith, edges, nil}}
}

// countAnalysis counts what the analysis rep names holds in gen, and
// fails if gen stopped being current while it was written.
func (s *Store) countAnalysis(ctx context.Context, gen int64, rep *AnalysisReport) error {
	const q = `MATCH (cur:_Current {key: 'graph'})
CALL { MATCH (b:Bloc) WHERE b.gen = $gen AND b.id IS NOT NULL AND b.analysis = $analysis RETURN count(b) AS blocs }
CALL { MATCH (a:Actor)-[m:IN_BLOC]->() WHERE m.analysis = $analysis AND a.gen = $gen RETURN count(m) AS members }
CALL { MATCH (a:Actor)-[e:AGREES_WITH]->() WHERE e.analysis = $analysis AND a.gen = $gen RETURN count(e) AS edges }
RETURN cur.gen = $gen AS current, blocs, members, edges`
	recs, err := s.autocommit(ctx, q, map[string]any{"gen": gen, "analysis": rep.Key})
	if err != nil {
		return err
	}
	if len(recs) != 1 {
		return fmt.Errorf("neo4jstore: count the analysis: %d rows", len(recs))
	}
	v := recs[0].Values
	if cur, _ := v[0].(bool); !cur {
		return stancegraph.Errorf(stancegraph.ECONFLICT, "A load replaced release %s while its analysis was written, and removes it with the release; run the analysis again.", rep.Release)
	}
	rep.Blocs, rep.Members, rep.Agreeing = int(v[1].(int64)), int(v[2].(int64)), int(v[3].(int64))
	return nil
}
