package loaders

import (
	"strconv"

	"github.com/stancegraph/stancegraph"
)

// voteSummaryColumns are vote_summaries.csv's columns: how a body voted on
// a text, as one source reports the totals.
var voteSummaryColumns = struct{ required, optional []string }{
	[]string{"instrument", "body", "date", "source_url", "verified"},
	[]string{"document", "yes", "no", "abstain", "non_voting", "adopted_without_vote", "reported_by", "note"},
}

// treatyStatusColumns are treaty_statuses.csv's: a treaty status table
// that, unlike a treaty_status record file, yields no positions (dumps
// write it beside the positions the record file gave).
var treatyStatusColumns = struct{ required, optional []string }{
	[]string{"instrument", "state", "status", "source_url", "verified"},
	[]string{"signed", "ratified_or_acceded", "entry_into_force", "note"},
}

// readVoteSummaries reads vote_summaries.csv (optional).
func (rd *reader) readVoteSummaries() {
	t, fr := rd.table("vote_summaries.csv", "vote summaries", voteSummaryColumns.required, voteSummaryColumns.optional, false)
	for _, r := range t.rows {
		v := &stancegraph.VoteSummary{InstrumentID: r.instrumentRef(rd, "instrument", r.required("instrument"), false),
			Body: r.required("body"), Document: r.get("document"), Date: r.date("date"), ReportedBy: r.get("reported_by"),
			Note: r.get("note"), Verification: verification(r)}
		if v.Date == "" {
			r.fail("date", "is required")
		}
		v.Yes, v.No, v.Abstain, v.NonVoting = r.count("yes"), r.count("no"), r.count("abstain"), r.count("non_voting")
		v.AdoptedWithoutVote = r.yesNo("adopted_without_vote")
		if v.AdoptedWithoutVote != nil && *v.AdoptedWithoutVote && (v.Yes != nil || v.No != nil || v.Abstain != nil) {
			r.fail("adopted_without_vote", "is yes but the row gives vote counts")
		}
		urls := r.urls("source_url", true)
		v.SourceIDs = r.sourceIDs(rd, "source_url", urls)
		v.ID = "vote-" + shortHash(v.InstrumentID+"\x00"+v.Body+"\x00"+v.Document+"\x00"+v.Date+"\x00"+v.ReportedBy+"\x00"+r.get("source_url"))
		if r.define(rd, "", v.ID) {
			rd.d.Records.Votes = append(rd.d.Records.Votes, v)
			fr.Loaded++
		}
	}
}

// readTreatyStatuses reads treaty_statuses.csv (optional).
func (rd *reader) readTreatyStatuses() {
	t, fr := rd.table("treaty_statuses.csv", "treaty statuses", treatyStatusColumns.required, treatyStatusColumns.optional, false)
	for _, r := range t.rows {
		inst := rd.insts[r.instrumentRef(rd, "instrument", r.required("instrument"), false)]
		if inst == nil {
			continue
		}
		r.required("status")
		r.date("signed")
		r.date("ratified_or_acceded")
		r.date("entry_into_force")
		sources := r.sourceIDs(rd, "source_url", r.urls("source_url", true))
		if rd.treatyStatus(r, inst, r.recordActor(rd, "state"), sources) {
			fr.Loaded++
		}
	}
}

// treatyStatus records one row of a status table: a treaty_status record
// file's or treaty_statuses.csv's. The caller has checked the row's status
// and dates, and resolved its actor and sources.
func (rd *reader) treatyStatus(r *row, inst *stancegraph.Instrument, actor string, sources []string) bool {
	s := &stancegraph.TreatyStatus{InstrumentID: inst.ID, ActorID: actor, Status: r.get("status"),
		Signed: r.get("signed"), Ratified: r.get("ratified_or_acceded"), EntryIntoForce: r.get("entry_into_force"),
		Note: r.get("note"), Verification: verification(r)}
	s.SourceIDs = sources
	if s.ActorID == "" {
		return false
	}
	s.ID = "status:" + inst.ID + ":" + s.ActorID
	if !r.define(rd, "state", s.ID) {
		return false
	}
	rd.d.Records.Statuses = append(rd.d.Records.Statuses, s)
	return true
}

// count reads an optional non-negative whole number.
func (r *row) count(c string) *int {
	v := r.get(c)
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		r.fail(c, "%q is not a count (a whole number, 0 or more)", v)
		return nil
	}
	return &n
}

// yesNo reads an optional yes/no column; empty means not known.
func (r *row) yesNo(c string) *bool {
	switch v := r.oneOf(c, []string{"YES", "NO"}, false); v {
	case "YES", "NO":
		b := v == "YES"
		return &b
	}
	return nil
}
