package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
)

// batchSize is the number of rows per UNWIND statement.
const batchSize = 1000

// step is one batched statement of a load.
type step struct {
	what string
	q    string
	rows []map[string]any
}

// Load upserts d in one managed write transaction: all of it or nothing.
// Nodes are MERGEd on their ids, their outgoing relationships replaced, so
// loading the same data twice gives the same graph.
func (s *Store) Load(ctx context.Context, d *stancegraph.Dataset) error {
	return s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		edited, err := editedIDs(ctx, tx)
		if err != nil {
			return err
		}
		steps := loadSteps(stancegraph.WithoutEdited(d, edited))
		total := 0
		for _, st := range steps {
			total += len(st.rows)
		}
		done := 0
		for _, st := range steps {
			for i := 0; i < len(st.rows); i += batchSize {
				rows := st.rows[i:min(i+batchSize, len(st.rows))]
				if _, err := tx.Run(ctx, st.q, map[string]any{"rows": rows}); err != nil {
					return fmt.Errorf("load %s: %w", st.what, err)
				}
				done += len(rows)
				s.log.Info("loading", "step", st.what, "rows", len(rows), "progress", fmt.Sprintf("%d/%d", done, total))
			}
		}
		return nil
	})
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
		steps = append(steps, step{strings.ToLower(t.label) + "s", "UNWIND $rows AS r MERGE (n:Actor {id: r.id}) SET n:" + t.label + ", n += r", rows})
	}
	steps = append(steps,
		step{"people's affiliations", qSpeaksFor, rowsOf(d.Actors, actorProps)},
		step{"memberships", qMemberships, rowsOf(d.Memberships, membershipProps)},
		step{"topics", "UNWIND $rows AS r MERGE (n:Topic {id: r.id}) SET n += r", rowsOf(d.Topics, topicProps)},
		step{"sources", "UNWIND $rows AS r MERGE (n:Source {id: r.id}) SET n += r", rowsOf(d.Sources, sourceProps)},
		step{"instruments", qInstruments, rowsOf(d.Instruments, instrumentProps)},
		step{"articles", qArticles, rowsOf(d.Articles, articleProps)},
		step{"article correspondences", qCorresponds, rowsOf(d.Articles, articleProps)},
		step{"sessions", qSessions, rowsOf(d.Sessions, sessionProps)},
	)
	iss := rowsOf(d.Issues, issueProps)
	steps = append(steps, step{"issues", qIssues, iss}, step{"issue alternatives", qAlternatives, iss})
	pos := rowsOf(d.Positions, positionProps)
	steps = append(steps,
		step{"positions", qPositions, pos},
		step{"position actors", qTook, pos},
		step{"position targets", qTargets, pos},
		step{"position sources", qCites, pos},
		step{"position parties", qParties, pos},
		step{"positions' alternatives", qFavours, pos},
		step{"release", qRelease, []map[string]any{{"id": d.Release.ID, "hash": d.Release.Hash, "date": d.Release.Date}}},
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
MATCH (p:Person {id: r.id})
OPTIONAL MATCH (p)-[old:SPEAKS_FOR]->()
DELETE old
WITH DISTINCT p, r
MATCH (o:Actor {id: r.organizationId})
MERGE (p)-[:SPEAKS_FOR]->(o)`

const qMemberships = `UNWIND $rows AS r
MATCH (m:Actor {id: r.memberId}), (g:Actor {id: r.groupId})
MERGE (m)-[x:MEMBER_OF {from: r.from}]->(g)
SET x.to = r.to, x.verification = r.verification, x.sourceIds = r.sourceIds`

const qInstruments = `UNWIND $rows AS r
MERGE (n:Instrument {id: r.id}) SET n += r
WITH n, r
OPTIONAL MATCH (n)-[old:VERSION_OF]->()
DELETE old
WITH DISTINCT n, r
MATCH (v:Instrument {id: r.versionOf})
MERGE (n)-[:VERSION_OF]->(v)`

const qArticles = `UNWIND $rows AS r
MERGE (n:Article {id: r.id}) SET n += r
WITH n, r
MATCH (i:Instrument {id: r.instrumentId})
MERGE (i)-[:HAS_ARTICLE]->(n)`

const qCorresponds = `UNWIND $rows AS r
MATCH (n:Article {id: r.id})
OPTIONAL MATCH (n)-[old:CORRESPONDS_TO]->()
DELETE old
WITH DISTINCT n, r
UNWIND r.correspondsTo AS other
MATCH (o:Article {id: other})
MERGE (n)-[:CORRESPONDS_TO]->(o)`

const qSessions = `UNWIND $rows AS r
MERGE (n:Session {id: r.id}) SET n += r
WITH n, r
MATCH (i:Instrument {id: r.instrumentId})
MERGE (n)-[:OF_INSTRUMENT]->(i)`

const qPositions = `UNWIND $rows AS r
MERGE (p:Position {id: r.id}) SET p += r
WITH p
OPTIONAL MATCH (p)-[old:ON_ARTICLE|ON_INSTRUMENT|ON_TOPIC|CITES|AT_SESSION|ON_BEHALF_OF|JOINT_WITH]->()
DELETE old
WITH DISTINCT p
OPTIONAL MATCH (p)<-[old:TOOK|SAID]-()
DELETE old`

// qTook links each position to its actor and copies the actor's type and
// regional group onto it, so filters on them need no traversal.
const qTook = `UNWIND $rows AS r
MATCH (p:Position {id: r.id}), (a:Actor {id: r.actorId})
MERGE (a)-[:TOOK]->(p)
SET p.actorType = a.type, p.actorRegionalGroup = a.regionalGroup
WITH p, r
MATCH (sp:Person {id: r.speakerId})
MERGE (sp)-[:SAID]->(p)`

const qTargets = `UNWIND $rows AS r
MATCH (p:Position {id: r.id})
CALL (p, r) { MATCH (a:Article {id: r.articleId}) MERGE (p)-[:ON_ARTICLE]->(a) }
CALL (p, r) { MATCH (i:Instrument {id: r.instrumentId}) MERGE (p)-[:ON_INSTRUMENT]->(i) }
CALL (p, r) { MATCH (s:Session {id: r.sessionId}) MERGE (p)-[:AT_SESSION]->(s) }
CALL (p, r) { UNWIND r.topics AS t MATCH (x:Topic {id: t}) MERGE (p)-[:ON_TOPIC]->(x) }`

const qCites = `UNWIND $rows AS r
MATCH (p:Position {id: r.id})
UNWIND range(0, size(r.sourceIds) - 1) AS i
MATCH (s:Source {id: r.sourceIds[i]})
MERGE (p)-[c:CITES]->(s)
SET c.primary = (i = 0)`

const qParties = `UNWIND $rows AS r
MATCH (p:Position {id: r.id})
CALL (p, r) { UNWIND r.onBehalfOf AS x MATCH (a:Actor {id: x}) MERGE (p)-[:ON_BEHALF_OF]->(a) }
CALL (p, r) { UNWIND r.jointWith AS x MATCH (a:Actor {id: x}) MERGE (p)-[:JOINT_WITH]->(a) }`

// qIssues writes issues; their alternatives are nodes of their own
// (qAlternatives), so a Cypher user can walk issue → alternative → article.
const qIssues = `UNWIND $rows AS r
MERGE (n:Issue {id: r.id})
SET n += r {.id, .name, .description, .negotiationId, .referenceId, .referenceInstrumentId, .referenceSourceIds, .outcomeId,
  .outcomeSourceIds, .topics, .note}
WITH n
OPTIONAL MATCH (n)-[old:HAS_ALTERNATIVE|REFERENCE|OUTCOME]->()
DELETE old`

const qAlternatives = `UNWIND $rows AS r
MATCH (i:Issue {id: r.id})
UNWIND r.alternatives AS a
MERGE (n:Alternative {id: a.id})
SET n += a
MERGE (i)-[:HAS_ALTERNATIVE]->(n)
WITH i, r, n, a
CALL (i, r, n) { WITH i, r, n WHERE n.id = r.referenceId MERGE (i)-[:REFERENCE]->(n) }
CALL (i, r, n) { WITH i, r, n WHERE n.id = r.outcomeId MERGE (i)-[:OUTCOME]->(n) }
CALL (n) { OPTIONAL MATCH (n)-[old:CONCERNS]->() DELETE old }
CALL (n, a) { UNWIND a.articleIds AS x MATCH (art:Article {id: x}) MERGE (n)-[:CONCERNS]->(art) }`

const qFavours = `UNWIND $rows AS r
MATCH (p:Position {id: r.id})
OPTIONAL MATCH (p)-[old:FAVOURS]->()
DELETE old
WITH DISTINCT p, r
MATCH (a:Alternative {id: r.alternativeId})
MERGE (p)-[:FAVOURS]->(a)`

const qRelease = `UNWIND $rows AS r
MERGE (n:Release {key: 'current'})
SET n.id = r.id, n.hash = r.hash, n.date = r.date`

// editedIDs returns the ids of entities curators have edited: a load leaves
// them as the curators left them.
func editedIDs(ctx context.Context, tx neo4j.ManagedTransaction) (map[string]bool, error) {
	res, err := tx.Run(ctx, "MATCH (r:Revision) RETURN DISTINCT r.entityId AS id", nil)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(recs))
	for _, r := range recs {
		if id, ok := r.Values[0].(string); ok {
			out[id] = true
		}
	}
	return out, nil
}
