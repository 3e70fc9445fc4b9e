package neo4jstore

import (
	"context"

	"github.com/stancegraph/stancegraph"
)

// Vote summaries and treaty status rows are nodes of a generation:
// (:VoteSummary)-[:ON]->(:Instrument) and
// (:Actor)<-[:OF]-(:TreatyStatus)-[:TO]->(:Instrument), each -[:CITES]->
// its sources, so a Cypher user finds Budapest's invitees with
// MATCH (a:Actor)<-[:OF]-(t:TreatyStatus)-[:TO]->(:Instrument {id: 'budapest'}).

// Counts absent from the source are absent properties (never 0), and so is
// adoptedWithoutVote where the source does not say.
func voteSummaryProps(v *stancegraph.VoteSummary) map[string]any {
	m := absent(map[string]any{"id": v.ID, "instrumentId": v.InstrumentID, "body": v.Body, "document": v.Document, "date": v.Date,
		"reportedBy": v.ReportedBy, "sourceIds": strs(v.SourceIDs), "verification": string(v.Verification), "note": v.Note})
	for k, n := range map[string]*int{"yes": v.Yes, "no": v.No, "abstain": v.Abstain, "nonVoting": v.NonVoting} {
		if n != nil {
			m[k] = int64(*n)
		}
	}
	if v.AdoptedWithoutVote != nil {
		m["adoptedWithoutVote"] = *v.AdoptedWithoutVote
	}
	return m
}

func voteSummaryFrom(m map[string]any) *stancegraph.VoteSummary {
	v := &stancegraph.VoteSummary{ID: str(m, "id"), InstrumentID: str(m, "instrumentId"), Body: str(m, "body"), Document: str(m, "document"),
		Date: str(m, "date"), ReportedBy: str(m, "reportedBy"), SourceIDs: list(m, "sourceIds"),
		Verification: stancegraph.Verification(str(m, "verification")), Note: str(m, "note")}
	count := func(k string) *int {
		if n, ok := m[k].(int64); ok {
			i := int(n)
			return &i
		}
		return nil
	}
	v.Yes, v.No, v.Abstain, v.NonVoting = count("yes"), count("no"), count("abstain"), count("nonVoting")
	if b, ok := m["adoptedWithoutVote"].(bool); ok {
		v.AdoptedWithoutVote = &b
	}
	return v
}

func treatyStatusProps(t *stancegraph.TreatyStatus) map[string]any {
	return absent(map[string]any{"id": t.ID, "instrumentId": t.InstrumentID, "actorId": t.ActorID, "status": t.Status, "signed": t.Signed,
		"ratified": t.Ratified, "entryIntoForce": t.EntryIntoForce, "sourceIds": strs(t.SourceIDs),
		"verification": string(t.Verification), "note": t.Note})
}

func treatyStatusFrom(m map[string]any) *stancegraph.TreatyStatus {
	return &stancegraph.TreatyStatus{ID: str(m, "id"), InstrumentID: str(m, "instrumentId"), ActorID: str(m, "actorId"), Status: str(m, "status"),
		Signed: str(m, "signed"), Ratified: str(m, "ratified"), EntryIntoForce: str(m, "entryIntoForce"), SourceIDs: list(m, "sourceIds"),
		Verification: stancegraph.Verification(str(m, "verification")), Note: str(m, "note")}
}

const qVoteSummaries = `UNWIND $rows AS r
MERGE (n:VoteSummary {gen: $gen, id: r.id})
SET n += r
WITH n, r
MATCH (i:Instrument {gen: $gen, id: r.instrumentId})
MERGE (n)-[:ON]->(i)
WITH n, r
CALL (n, r) { UNWIND r.sourceIds AS x MATCH (s:Source {gen: $gen, id: x}) MERGE (n)-[:CITES]->(s) }`

const qTreatyStatuses = `UNWIND $rows AS r
MERGE (n:TreatyStatus {gen: $gen, id: r.id})
SET n += r
WITH n, r
MATCH (i:Instrument {gen: $gen, id: r.instrumentId}), (a:Actor {gen: $gen, id: r.actorId})
MERGE (n)-[:TO]->(i)
MERGE (n)-[:OF]->(a)
WITH n, r
CALL (n, r) { UNWIND r.sourceIds AS x MATCH (s:Source {gen: $gen, id: x}) MERGE (n)-[:CITES]->(s) }`

func recordSteps(r *stancegraph.TextRecords) []step {
	return []step{
		{"vote summaries", qVoteSummaries, rowsOf(r.Votes, voteSummaryProps), nil},
		{"treaty statuses", qTreatyStatuses, rowsOf(r.Statuses, treatyStatusProps), nil},
	}
}

// FindTextRecords returns every vote summary and treaty status row.
func (s *Store) FindTextRecords(ctx context.Context) (*stancegraph.TextRecords, error) {
	out := &stancegraph.TextRecords{}
	var err error
	if out.Votes, err = readAll(ctx, s, `MATCH (n:VoteSummary) WHERE n.gen = $gen RETURN n {.*} AS n`, nil, voteSummaryFrom); err != nil {
		return nil, err
	}
	if out.Statuses, err = readAll(ctx, s, `MATCH (n:TreatyStatus) WHERE n.gen = $gen RETURN n {.*} AS n`, nil, treatyStatusFrom); err != nil {
		return nil, err
	}
	out.Sort()
	return out, nil
}
