package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
)

// batchSize is the number of rows per UNWIND statement and per
// transaction of a load: what bounds a load's memory in Neo4j.
const batchSize = 1000

// batchTimeout bounds one batch of a load.
const batchTimeout = 5 * time.Minute

// step is one batched statement of a load. Its Cypher reads the batch as
// $rows and the generation written as $gen.
type step struct {
	what string
	q    string
	rows []map[string]any
	// lazy, when set, replaces rows: they are built a batch at a time, and
	// the steps that share one lazy source are written batch by batch, each
	// batch's rows built once for all of them. A load then holds one batch
	// of rows, not the whole data's (the positions' rows were 4.3 GiB of the
	// loader's heap at 1000x).
	lazy *lazyRows
}

// lazyRows are rows built on demand: row(i) is the i-th.
type lazyRows struct {
	n   int
	row func(i int) map[string]any
}

func lazyOf[V any](vs []*V, props func(*V) map[string]any) *lazyRows {
	return &lazyRows{n: len(vs), row: func(i int) map[string]any { return props(vs[i]) }}
}

func (l *lazyRows) slice(i, j int) []map[string]any {
	out := make([]map[string]any, j-i)
	for k := range out {
		out[k] = l.row(i + k)
	}
	return out
}

// len is how many rows the step writes.
func (st step) len() int {
	if st.lazy != nil {
		return st.lazy.n
	}
	return len(st.rows)
}

// all returns every row of the step, building lazy ones.
func (st step) all() []map[string]any {
	if st.lazy != nil {
		return st.lazy.slice(0, st.lazy.n)
	}
	return st.rows
}

// Load replaces the graph with d, keeping what curators edited, without
// readers ever seeing a partial graph: d is written as a new generation
// beside the current one, batchSize rows per transaction, the current
// generation is switched to it in one small transaction, and the old one is
// then deleted in batches. A failure before the switch leaves the current
// graph serving; what the failed load wrote is deleted now or, if that
// fails too, by the next load.
func (s *Store) Load(ctx context.Context, d *stancegraph.Dataset) error {
	gen, cur, err := s.beginLoad(ctx)
	if err != nil {
		return fmt.Errorf("neo4jstore: start the load: %w", err)
	}
	if err := s.writeGen(ctx, gen, d); err != nil {
		s.abandon(ctx, gen)
		return err
	}
	if err := s.switchTo(ctx, gen); err != nil {
		s.abandon(ctx, gen)
		return fmt.Errorf("neo4jstore: switch to the new data: %w", err)
	}
	s.gen.Store(gen)
	if err := s.dropGen(ctx, cur); err != nil {
		// The new data serves; the next load removes the old.
		s.log.Warn("the old data could not be removed yet", "err", err)
	}
	return nil
}

// abandon deletes a failed load's generation, unless the switch to it
// committed after all (a connection lost during COMMIT). If it cannot,
// the next load does.
func (s *Store) abandon(ctx context.Context, gen int64) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	recs, err := s.autocommit(ctx, `MATCH (l:_Load {gen: $gen, state: 'loading'}) SET l.state = 'failed' RETURN l.gen`, map[string]any{"gen": gen})
	if err == nil && len(recs) == 1 {
		err = s.dropGen(ctx, gen)
	}
	if err != nil {
		s.log.Warn("a failed load's data stays until the next load removes it", "gen", gen, "err", err)
	}
}

// writeGen writes d into generation gen, with the current versions of the
// entities curators edited in place of d's.
func (s *Store) writeGen(ctx context.Context, gen int64, d *stancegraph.Dataset) error {
	edited, err := s.editCounts(ctx)
	if err != nil {
		return fmt.Errorf("neo4jstore: read the curators' edits: %w", err)
	}
	keep := set(edited)
	kept, err := s.editedEntities(ctx, keep)
	if err != nil {
		return err
	}
	steps := loadSteps(merged(stancegraph.WithoutEdited(d, keep), kept))
	p := newProgress(s, steps)
	for i := 0; i < len(steps); {
		j := i + 1
		for j < len(steps) && steps[i].lazy != nil && steps[j].lazy == steps[i].lazy {
			j++
		}
		if err := s.writeRows(ctx, gen, steps[i:j], p); err != nil {
			return err
		}
		i = j
	}
	// Edits made while the load ran: carried over now, before the switch.
	now, err := s.editCounts(ctx)
	if err != nil {
		return fmt.Errorf("neo4jstore: read the curators' edits: %w", err)
	}
	late := map[string]bool{}
	for id, n := range now {
		if edited[id] != n {
			late[id] = true
		}
	}
	if len(late) == 0 {
		return nil
	}
	kept, err = s.editedEntities(ctx, late)
	if err != nil {
		return err
	}
	for _, st := range loadSteps(kept) {
		if st.what != "release" {
			if err := s.writeRows(ctx, gen, []step{st}, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeRows writes steps that share their rows (one step, or the steps of
// one lazy source) into generation gen, batchSize rows per managed
// transaction: each batch's rows are built once and written by every step
// in turn. Any new kind of node or relationship loads through it: a step is
// a fixed statement and its rows.
func (s *Store) writeRows(ctx context.Context, gen int64, steps []step, p *progress) error {
	n := steps[0].len()
	for i := 0; i < n; i += batchSize {
		j := min(i+batchSize, n)
		var rows []map[string]any
		if l := steps[0].lazy; l != nil {
			rows = l.slice(i, j)
		} else {
			rows = steps[0].rows[i:j]
		}
		for _, st := range steps {
			// A batch that hangs (a reply lost in a commit was seen once
			// under heavy load) fails the load instead of stalling it.
			bctx, cancel := context.WithTimeout(ctx, batchTimeout)
			err := s.write(bctx, func(tx neo4j.ManagedTransaction) error {
				_, err := tx.Run(bctx, st.q, map[string]any{"rows": rows, "gen": gen})
				return err
			})
			cancel()
			if err != nil {
				return fmt.Errorf("neo4jstore: load %s (rows %d-%d of %d; the current data still serves): %w", st.what, i+1, j, n, err)
			}
			p.add(st.what, len(rows))
		}
	}
	return nil
}

func loadSteps(d *stancegraph.Dataset) []step {
	var steps []step
	for _, t := range []struct {
		typ   stancegraph.ActorType
		label string
	}{{stancegraph.ActorState, "State"}, {stancegraph.ActorOrganization, "Organization"}, {stancegraph.ActorGroup, "Group"}, {stancegraph.ActorPerson, "Person"}} {
		var rows []map[string]any
		for _, a := range d.Actors {
			if a.Type == t.typ {
				rows = append(rows, actorProps(a))
			}
		}
		// Labels cannot be parameters, so each actor type has its own fixed statement.
		steps = append(steps, step{strings.ToLower(t.label) + "s", "UNWIND $rows AS r MERGE (n:Actor {gen: $gen, id: r.id}) SET n:" + t.label + ", n += r", rows, nil})
	}
	steps = append(steps,
		step{"people's affiliations", qSpeaksFor, rowsOf(d.Actors, actorProps), nil},
		step{"memberships", qMemberships, rowsOf(d.Memberships, membershipProps), nil},
		step{"topics", "UNWIND $rows AS r MERGE (n:Topic {gen: $gen, id: r.id}) SET n += r", rowsOf(d.Topics, topicProps), nil},
		step{"sources", "UNWIND $rows AS r MERGE (n:Source {gen: $gen, id: r.id}) SET n += r", rowsOf(d.Sources, sourceProps), nil},
		step{"instruments", qInstruments, rowsOf(d.Instruments, instrumentProps), nil},
		step{"articles", qArticles, rowsOf(d.Articles, articleProps), nil},
		step{"article correspondences", qCorresponds, rowsOf(d.Articles, articleProps), nil},
		step{"sessions", qSessions, rowsOf(d.Sessions, sessionProps), nil},
	)
	iss := rowsOf(d.Issues, issueProps)
	steps = append(steps, step{"issues", qIssues, iss, nil}, step{"issue alternatives", qAlternatives, iss, nil})
	steps = append(steps, recordSteps(&d.Records)...)
	// A position's node comes first, then its relationships, batch by batch.
	pos := lazyOf(d.Positions, positionProps)
	steps = append(steps,
		step{"positions", qPositions, nil, pos},
		step{"position actors", qTook, nil, pos},
		step{"position targets", qTargets, nil, pos},
		step{"position sources", qCites, nil, pos},
		step{"position parties", qParties, nil, pos},
		step{"positions' alternatives", qFavours, nil, pos},
		step{"release", qRelease, []map[string]any{{"id": d.Release.ID, "hash": d.Release.Hash, "date": d.Release.Date}}, nil},
	)
	return steps
}

func rowsOf[V any](vs []*V, props func(*V) map[string]any) []map[string]any {
	out := make([]map[string]any, len(vs))
	for i, v := range vs {
		out[i] = props(v)
	}
	return out
}

const qSpeaksFor = `UNWIND $rows AS r
MATCH (p:Actor {gen: $gen, id: r.id}) WHERE p:Person
OPTIONAL MATCH (p)-[old:SPEAKS_FOR]->()
DELETE old
WITH DISTINCT p, r
MATCH (o:Actor {gen: $gen, id: r.organizationId})
MERGE (p)-[:SPEAKS_FOR]->(o)`

// qMemberships replaces a membership by member, group and start (absent
// when unknown, which MERGE cannot match on).
const qMemberships = `UNWIND $rows AS r
MATCH (m:Actor {gen: $gen, id: r.memberId}), (g:Actor {gen: $gen, id: r.groupId})
CALL (m, g, r) { OPTIONAL MATCH (m)-[old:MEMBER_OF]->(g) WHERE coalesce(old.from, '') = coalesce(r.from, '') DELETE old }
CREATE (m)-[x:MEMBER_OF]->(g)
SET x.from = r.from, x.to = r.to, x.verification = r.verification, x.sourceIds = r.sourceIds`

const qInstruments = `UNWIND $rows AS r
MERGE (n:Instrument {gen: $gen, id: r.id}) SET n += r
WITH n, r
OPTIONAL MATCH (n)-[old:VERSION_OF]->()
DELETE old
WITH DISTINCT n, r
MATCH (v:Instrument {gen: $gen, id: r.versionOf})
MERGE (n)-[:VERSION_OF]->(v)`

const qArticles = `UNWIND $rows AS r
MERGE (n:Article {gen: $gen, id: r.id}) SET n += r
WITH n, r
MATCH (i:Instrument {gen: $gen, id: r.instrumentId})
MERGE (i)-[:HAS_ARTICLE]->(n)`

const qCorresponds = `UNWIND $rows AS r
MATCH (n:Article {gen: $gen, id: r.id})
OPTIONAL MATCH (n)-[old:CORRESPONDS_TO]->()
DELETE old
WITH DISTINCT n, r
UNWIND r.correspondsTo AS other
MATCH (o:Article {gen: $gen, id: other})
MERGE (n)-[:CORRESPONDS_TO]->(o)`

const qSessions = `UNWIND $rows AS r
MERGE (n:Session {gen: $gen, id: r.id}) SET n += r
WITH n, r
MATCH (i:Instrument {gen: $gen, id: r.instrumentId})
MERGE (n)-[:OF_INSTRUMENT]->(i)`

const qPositions = `UNWIND $rows AS r
MERGE (p:Position {gen: $gen, id: r.id}) SET p += r
WITH p
OPTIONAL MATCH (p)-[old:ON_ARTICLE|ON_INSTRUMENT|ON_TOPIC|CITES|AT_SESSION|ON_BEHALF_OF|JOINT_WITH]->()
DELETE old
WITH DISTINCT p
OPTIONAL MATCH (p)<-[old:TOOK|SAID]-()
DELETE old`

// qTook links each position to its actor and copies the actor's type and
// regional group onto it, so filters on them need no traversal.
const qTook = `UNWIND $rows AS r
MATCH (p:Position {gen: $gen, id: r.id}), (a:Actor {gen: $gen, id: r.actorId})
MERGE (a)-[:TOOK]->(p)
SET p.actorType = a.type, p.actorRegionalGroup = a.regionalGroup
WITH p, r
MATCH (sp:Actor {gen: $gen, id: r.speakerId}) WHERE sp:Person
MERGE (sp)-[:SAID]->(p)`

const qTargets = `UNWIND $rows AS r
MATCH (p:Position {gen: $gen, id: r.id})
CALL (p, r) { MATCH (a:Article {gen: $gen, id: r.articleId}) MERGE (p)-[:ON_ARTICLE]->(a) }
CALL (p, r) { MATCH (i:Instrument {gen: $gen, id: r.instrumentId}) MERGE (p)-[:ON_INSTRUMENT]->(i) }
CALL (p, r) { MATCH (s:Session {gen: $gen, id: r.sessionId}) MERGE (p)-[:AT_SESSION]->(s) }
CALL (p, r) { UNWIND r.topics AS t MATCH (x:Topic {gen: $gen, id: t}) MERGE (p)-[:ON_TOPIC]->(x) }`

const qCites = `UNWIND $rows AS r
MATCH (p:Position {gen: $gen, id: r.id})
UNWIND range(0, size(r.sourceIds) - 1) AS i
MATCH (s:Source {gen: $gen, id: r.sourceIds[i]})
MERGE (p)-[c:CITES]->(s)
SET c.primary = (i = 0)`

const qParties = `UNWIND $rows AS r
MATCH (p:Position {gen: $gen, id: r.id})
CALL (p, r) { UNWIND r.onBehalfOf AS x MATCH (a:Actor {gen: $gen, id: x}) MERGE (p)-[:ON_BEHALF_OF]->(a) }
CALL (p, r) { UNWIND r.jointWith AS x MATCH (a:Actor {gen: $gen, id: x}) MERGE (p)-[:JOINT_WITH]->(a) }`

// qIssues writes issues; their alternatives are nodes of their own
// (qAlternatives), so a Cypher user can walk issue → alternative → article.
// A curator's edit rewrites an issue's scale: the alternatives it no longer
// lists (no position favours them: validation sees to it) and the links
// qAlternatives makes are removed first; in a fresh generation there are none.
const qIssues = `UNWIND $rows AS r
MERGE (n:Issue {gen: $gen, id: r.id})
SET n += r {.id, .name, .description, .negotiationId, .referenceId, .referenceInstrumentId, .referenceSourceIds, .outcomeId,
  .outcomeSourceIds, .topics, .note}
WITH n, r
CALL (n, r) { MATCH (n)-[:HAS_ALTERNATIVE]->(a:Alternative) WHERE NOT a.id IN [x IN r.alternatives | x.id] DETACH DELETE a }
CALL (n) { MATCH (n)-[old:REFERENCE|OUTCOME]->() DELETE old }
CALL (n) { MATCH (n)-[:HAS_ALTERNATIVE]->(:Alternative)-[old:CONCERNS]->() DELETE old }`

const qAlternatives = `UNWIND $rows AS r
MATCH (i:Issue {gen: $gen, id: r.id})
UNWIND r.alternatives AS a
MERGE (n:Alternative {gen: $gen, id: a.id})
SET n += a
MERGE (i)-[:HAS_ALTERNATIVE]->(n)
WITH i, r, n, a
CALL (i, r, n) { WITH i, r, n WHERE n.id = r.referenceId MERGE (i)-[:REFERENCE]->(n) }
CALL (i, r, n) { WITH i, r, n WHERE n.id = r.outcomeId MERGE (i)-[:OUTCOME]->(n) }
CALL (n, a) { UNWIND a.articleIds AS x MATCH (art:Article {gen: $gen, id: x}) MERGE (n)-[:CONCERNS]->(art) }`

const qFavours = `UNWIND $rows AS r
MATCH (p:Position {gen: $gen, id: r.id})
MATCH (a:Alternative {gen: $gen, id: r.alternativeId})
MERGE (p)-[:FAVOURS]->(a)`

const qRelease = `UNWIND $rows AS r
MERGE (n:Release {gen: $gen})
SET n.id = r.id, n.hash = r.hash, n.date = r.date`

// editCounts returns, per entity curators have edited, its number of
// revisions: a load keeps such entities as the curators left them.
func (s *Store) editCounts(ctx context.Context) (map[string]int64, error) {
	recs, err := s.autocommit(ctx, "MATCH (r:_Revision) RETURN r.entityId AS id, count(*) AS n", nil)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(recs))
	for _, r := range recs {
		id, _ := r.Values[0].(string)
		n, _ := r.Values[1].(int64)
		out[id] = n
	}
	return out, nil
}

// editedEntities reads the current versions of the entities edited names
// (history keys), and marks the issues it keeps in edited
// (stancegraph.CuratedIssues).
func (s *Store) editedEntities(ctx context.Context, edited map[string]bool) (*stancegraph.Dataset, error) {
	var d stancegraph.Dataset
	if len(edited) == 0 {
		return &d, nil
	}
	ids := keys(edited)
	var err error
	found := func(err2 error) {
		if err == nil && err2 != nil {
			err = fmt.Errorf("neo4jstore: read the curators' edits: %w", err2)
		}
	}
	as, err2 := s.actorsByIDs(ctx, ids)
	found(err2)
	arts, err2 := s.articlesByIDs(ctx, ids)
	found(err2)
	srcs, err2 := s.sourcesByIDs(ctx, ids)
	found(err2)
	d.Positions, _, err2 = s.FindPositions(ctx, stancegraph.PositionFilter{IDs: ids, IncludeRetracted: true})
	found(err2)
	issues, err2 := s.FindIssues(ctx)
	found(err2)
	d.Issues = stancegraph.CuratedIssues(issues, edited)
	d.Actors, d.Articles, d.Sources = nonNil(as), nonNil(arts), nonNil(srcs)
	return &d, err
}

func nonNil[V any](vs []*V) []*V {
	out := vs[:0]
	for _, v := range vs {
		if v != nil {
			out = append(out, v)
		}
	}
	return out
}

// merged is d with the entities of kept added.
func merged(d, kept *stancegraph.Dataset) *stancegraph.Dataset {
	c := *d
	c.Actors = append(slices.Clip(d.Actors), kept.Actors...)
	c.Articles = append(slices.Clip(d.Articles), kept.Articles...)
	c.Sources = append(slices.Clip(d.Sources), kept.Sources...)
	c.Positions = append(slices.Clip(d.Positions), kept.Positions...)
	c.Issues = append(slices.Clip(d.Issues), kept.Issues...)
	return &c
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func set[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}
