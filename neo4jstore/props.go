package neo4jstore

import (
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stancegraph/stancegraph"
)

// The xProps functions turn domain values into node properties; the
// xFrom functions turn them back. An empty string is an absent value: the
// map holds nil for it, so the property is not stored (and SET n += row
// removes one an edit cleared); xFrom reads it back as "". Lists are
// stored as lists, empty ones included.
//
// Dates are ISO 8601 text, complete ("2024-02-09") or partial ("2024-02",
// "2024"), absent when unknown: as text they sort and compare in calendar
// order, a partial date before the complete dates it covers. Where a date is
// complete, a Neo4j date beside it (day for positions, sources and
// instruments; startDay and endDay for sessions) serves Cypher's date
// functions and durations.

func strs(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

func actorProps(a *stancegraph.Actor) map[string]any {
	return absent(map[string]any{"id": a.ID, "type": string(a.Type), "name": a.Name, "aliases": strs(a.Aliases),
		"aliasText": strings.Join(a.Aliases, " ; "), "regionalGroup": string(a.RegionalGroup), "unStatus": a.UNStatus,
		"kind": a.Kind, "url": a.URL, "organizationId": a.OrganizationID, "role": a.Role, "note": a.Note, "sourceIds": strs(a.SourceIDs),
		"searchText": stancegraph.SearchIndexText(a)})
}

func actorFrom(m map[string]any) *stancegraph.Actor {
	return &stancegraph.Actor{ID: str(m, "id"), Type: stancegraph.ActorType(str(m, "type")), Name: str(m, "name"), Aliases: list(m, "aliases"),
		RegionalGroup: stancegraph.RegionalGroup(str(m, "regionalGroup")), UNStatus: str(m, "unStatus"), Kind: str(m, "kind"), URL: str(m, "url"),
		OrganizationID: str(m, "organizationId"), Role: str(m, "role"), Note: str(m, "note"), SourceIDs: list(m, "sourceIds")}
}

func membershipProps(x *stancegraph.Membership) map[string]any {
	return absent(map[string]any{"memberId": x.MemberID, "groupId": x.GroupID, "from": x.From, "to": x.To,
		"verification": string(x.Verification), "sourceIds": strs(x.SourceIDs)})
}

func membershipFrom(m map[string]any) *stancegraph.Membership {
	return &stancegraph.Membership{MemberID: str(m, "memberId"), GroupID: str(m, "groupId"), From: str(m, "from"), To: str(m, "to"),
		Verification: stancegraph.Verification(str(m, "verification")), SourceIDs: list(m, "sourceIds")}
}

func topicProps(t *stancegraph.Topic) map[string]any {
	return absent(map[string]any{"id": t.ID, "name": t.Name, "description": t.Description})
}

func topicFrom(m map[string]any) *stancegraph.Topic {
	return &stancegraph.Topic{ID: str(m, "id"), Name: str(m, "name"), Description: str(m, "description")}
}

func sourceProps(s *stancegraph.Source) map[string]any {
	return absent(map[string]any{"id": s.ID, "url": s.URL, "title": s.Title, "publisher": s.Publisher, "class": string(s.Class), "date": s.Date, "day": day(s.Date), "note": s.Note,
		"searchText": stancegraph.SearchIndexText(s)})
}

func sourceFrom(m map[string]any) *stancegraph.Source {
	return &stancegraph.Source{ID: str(m, "id"), URL: str(m, "url"), Title: str(m, "title"), Publisher: str(m, "publisher"),
		Class: stancegraph.SourceClass(str(m, "class")), Date: str(m, "date"), Note: str(m, "note")}
}

func instrumentProps(i *stancegraph.Instrument) map[string]any {
	return absent(map[string]any{"id": i.ID, "kind": i.Kind, "title": i.Title, "shortTitle": i.ShortTitle, "symbol": i.Symbol, "date": i.Date, "day": day(i.Date),
		"versionOf": i.VersionOf, "isDefault": i.Default, "sourceIds": strs(i.SourceIDs), "searchText": stancegraph.SearchIndexText(i)})
}

func instrumentFrom(m map[string]any) *stancegraph.Instrument {
	d, _ := m["isDefault"].(bool)
	return &stancegraph.Instrument{ID: str(m, "id"), Kind: str(m, "kind"), Title: str(m, "title"), ShortTitle: str(m, "shortTitle"),
		Symbol: str(m, "symbol"), Date: str(m, "date"), VersionOf: str(m, "versionOf"), Default: d, SourceIDs: list(m, "sourceIds")}
}

func articleProps(a *stancegraph.Article) map[string]any {
	return absent(map[string]any{"id": a.ID, "instrumentId": a.InstrumentID, "number": int64(a.Number), "title": a.Title, "chapter": a.Chapter,
		"status": string(a.Status), "correspondsTo": strs(a.CorrespondsTo), "verification": string(a.Verification), "note": a.Note,
		"sourceIds": strs(a.SourceIDs), "searchText": stancegraph.SearchIndexText(a)})
}

func articleFrom(m map[string]any) *stancegraph.Article {
	n, _ := m["number"].(int64)
	return &stancegraph.Article{ID: str(m, "id"), InstrumentID: str(m, "instrumentId"), Number: int(n), Title: str(m, "title"),
		Chapter: str(m, "chapter"), Status: stancegraph.ArticleStatus(str(m, "status")), CorrespondsTo: list(m, "correspondsTo"),
		Verification: stancegraph.Verification(str(m, "verification")), Note: str(m, "note"), SourceIDs: list(m, "sourceIds")}
}

func sessionProps(s *stancegraph.Session) map[string]any {
	return absent(map[string]any{"id": s.ID, "name": s.Name, "start": s.Start, "end": s.End, "startDay": day(s.Start), "endDay": day(s.End), "place": s.Place, "instrumentId": s.InstrumentID,
		"sourceIds": strs(s.SourceIDs)})
}

func sessionFrom(m map[string]any) *stancegraph.Session {
	return &stancegraph.Session{ID: str(m, "id"), Name: str(m, "name"), Start: str(m, "start"), End: str(m, "end"), Place: str(m, "place"),
		InstrumentID: str(m, "instrumentId"), SourceIDs: list(m, "sourceIds")}
}

func positionProps(p *stancegraph.Position) map[string]any {
	m := map[string]any{"id": p.ID, "kind": string(p.Kind), "actorId": p.ActorID, "onBehalfOf": strs(p.OnBehalfOf), "jointWith": strs(p.JointWith),
		"speakerId": p.SpeakerID, "instrumentId": p.InstrumentID, "articleId": p.ArticleID, "paragraph": p.Paragraph, "topics": strs(p.Topics),
		"stance": string(p.Stance), "stanceText": p.StanceText, "date": p.Date, "sessionId": p.SessionID, "quote": p.Quote,
		"sourceIds": strs(p.SourceIDs), "verification": string(p.Verification), "verifiedText": p.VerifiedText, "note": p.Note,
		"day": day(p.Date), "retractedBy": "", "retractedAt": "", "retractionReason": "", "searchText": stancegraph.SearchIndexText(p),
		"alternativeId": p.AlternativeID, "issueId": p.IssueID, "salience": nil}
	if p.Salience != nil {
		m["salience"] = *p.Salience
	}
	if r := p.Retracted; r != nil {
		m["retractedBy"], m["retractedAt"], m["retractionReason"] = r.By, r.At, r.Reason
	}
	return absent(m)
}

// absent replaces m's empty strings with nil: absent values.
func absent(m map[string]any) map[string]any {
	for k, v := range m {
		if v == "" {
			m[k] = nil
		}
	}
	return m
}

// day is a complete ISO date as a Neo4j date, nil for a partial or absent one.
func day(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return neo4j.DateOf(t)
}

func positionFrom(m map[string]any) *stancegraph.Position {
	return &stancegraph.Position{ID: str(m, "id"), Kind: stancegraph.PositionKind(str(m, "kind")), ActorID: str(m, "actorId"),
		OnBehalfOf: list(m, "onBehalfOf"), JointWith: list(m, "jointWith"), SpeakerID: str(m, "speakerId"), InstrumentID: str(m, "instrumentId"),
		ArticleID: str(m, "articleId"), Paragraph: str(m, "paragraph"), Topics: list(m, "topics"), Stance: stancegraph.Stance(str(m, "stance")),
		StanceText: str(m, "stanceText"), Date: str(m, "date"), SessionID: str(m, "sessionId"), Quote: str(m, "quote"),
		SourceIDs: list(m, "sourceIds"), Verification: stancegraph.Verification(str(m, "verification")), VerifiedText: str(m, "verifiedText"),
		Note: str(m, "note"), Retracted: retractionFrom(m), AlternativeID: str(m, "alternativeId"), IssueID: str(m, "issueId"),
		Salience: floatPtr(m, "salience")}
}

func floatPtr(m map[string]any, k string) *float64 {
	switch v := m[k].(type) {
	case float64:
		return &v
	case int64:
		f := float64(v)
		return &f
	}
	return nil
}

func issueProps(i *stancegraph.Issue) map[string]any {
	alts := make([]any, len(i.Alternatives))
	for k, a := range i.Alternatives {
		alts[k] = absent(map[string]any{"id": a.ID, "issueId": a.IssueID, "label": a.Label, "value": a.Value,
			"articleIds": strs(a.ArticleIDs), "sourceIds": strs(a.SourceIDs), "note": a.Note})
	}
	return absent(map[string]any{"id": i.ID, "name": i.Name, "description": i.Description, "negotiationId": i.NegotiationID,
		"referenceId": i.ReferenceID, "referenceInstrumentId": i.ReferenceInstrumentID,
		"referenceSourceIds": strs(i.ReferenceSourceIDs), "outcomeId": i.OutcomeID, "outcomeSourceIds": strs(i.OutcomeSourceIDs),
		"topics": strs(i.Topics), "note": i.Note, "alternatives": alts})
}

func issueFrom(m map[string]any) *stancegraph.Issue {
	i := &stancegraph.Issue{ID: str(m, "id"), Name: str(m, "name"), Description: str(m, "description"), NegotiationID: str(m, "negotiationId"),
		ReferenceID: str(m, "referenceId"), ReferenceInstrumentID: str(m, "referenceInstrumentId"), ReferenceSourceIDs: list(m, "referenceSourceIds"),
		OutcomeID: str(m, "outcomeId"), OutcomeSourceIDs: list(m, "outcomeSourceIds"), Topics: list(m, "topics"), Note: str(m, "note")}
	alts, _ := m["alternatives"].([]any)
	for _, x := range alts {
		a, _ := x.(map[string]any)
		v := floatPtr(a, "value")
		alt := &stancegraph.Alternative{ID: str(a, "id"), IssueID: str(a, "issueId"), Label: str(a, "label"),
			ArticleIDs: list(a, "articleIds"), SourceIDs: list(a, "sourceIds"), Note: str(a, "note")}
		if v != nil {
			alt.Value = *v
		}
		i.Alternatives = append(i.Alternatives, alt)
	}
	i.SortAlternatives()
	return i
}

func retractionFrom(m map[string]any) *stancegraph.Retraction {
	if str(m, "retractedAt") == "" {
		return nil
	}
	return &stancegraph.Retraction{By: str(m, "retractedBy"), At: str(m, "retractedAt"), Reason: str(m, "retractionReason")}
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// list returns a string-list property, nil when empty (as the loaders give it).
func list(m map[string]any, k string) []string {
	xs, _ := m[k].([]any)
	if len(xs) == 0 {
		return nil
	}
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// The projections read back exactly the properties the xFrom functions
// use, so a read transfers no derived or search-only property (aliasText,
// searchText, a position's actorType ...).
const (
	actorProj      = `{.id, .type, .name, .aliases, .regionalGroup, .unStatus, .kind, .url, .organizationId, .role, .note, .sourceIds}`
	sourceProj     = `{.id, .url, .title, .publisher, .class, .date, .note}`
	instrumentProj = `{.id, .kind, .title, .shortTitle, .symbol, .date, .versionOf, .isDefault, .sourceIds}`
	articleProj    = `{.id, .instrumentId, .number, .title, .chapter, .status, .correspondsTo, .verification, .note, .sourceIds}`
	sessionProj    = `{.id, .name, .start, .end, .place, .instrumentId, .sourceIds}`
	topicProj      = `{.id, .name, .description}`
	positionProj   = `{.id, .kind, .actorId, .onBehalfOf, .jointWith, .speakerId, .instrumentId, .articleId, .paragraph, .topics, .stance,
.stanceText, .date, .sessionId, .quote, .sourceIds, .verification, .verifiedText, .note, .retractedBy, .retractedAt, .retractionReason,
.alternativeId, .issueId, .salience}`
)
