package stancegraph

import "sort"

// VoteSummary is how a body voted on a text (or on the draft that became
// it) as one source reports the totals. Two sources that report the same
// vote are two summaries: where they differ, both are kept.
type VoteSummary struct {
	ID           string // "vote-" + a short hash of instrument, body, document, date and source
	InstrumentID string
	Body         string // "General Assembly", "Third Committee"
	Document     string // the symbol voted on, e.g. "A/C.3/74/L.11/Rev.1"
	Date         string
	// Yes, No, Abstain and NonVoting are nil where the source gives no number.
	Yes, No, Abstain, NonVoting *int
	// AdoptedWithoutVote is nil where the source does not say how the text was adopted.
	AdoptedWithoutVote *bool
	ReportedBy         string // whose totals these are, as the data says
	SourceIDs          []string
	Verification       Verification
	Note               string
}

// TreatyStatus is one row of a treaty's status table: where a state stands
// toward the treaty (party, signatory, invited to accede) in the words of
// the table, with its dates. Parties and signatories are also positions
// (RATIFIES, SIGNS); an invitation is not a position the state took, so it
// is only here.
type TreatyStatus struct {
	ID             string // "status:" + instrument + ":" + actor
	InstrumentID   string
	ActorID        string
	Status         string // the table's own words: "Party", "Invited to accede (9 Oct 2024)"
	Signed         string
	Ratified       string // ratified or acceded
	EntryIntoForce string
	SourceIDs      []string
	Verification   Verification
	Note           string
}

// TextRecords are the facts about texts that are not positions: vote
// totals and treaty status tables.
type TextRecords struct {
	Votes    []*VoteSummary
	Statuses []*TreatyStatus
}

// Sort orders votes by instrument, date, body and id, and statuses by
// instrument and actor, the order both stores return.
func (t *TextRecords) Sort() {
	sort.Slice(t.Votes, func(i, j int) bool {
		a, b := t.Votes[i], t.Votes[j]
		if a.InstrumentID != b.InstrumentID {
			return a.InstrumentID < b.InstrumentID
		}
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.Body != b.Body {
			return a.Body < b.Body
		}
		return a.ID < b.ID
	})
	sort.Slice(t.Statuses, func(i, j int) bool { return t.Statuses[i].ID < t.Statuses[j].ID })
}
