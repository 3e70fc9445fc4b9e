package loaders

import (
	"strconv"

	"github.com/stancegraph/stancegraph"
)

// readIssues reads issues.csv and alternatives.csv: the controversial
// issues of a negotiation, each a scale of alternatives (0–100) with a
// cited reference point and outcome. Both files are optional, but one
// without the other is an error.
func (rd *reader) readIssues() {
	it, ifr := rd.table("issues.csv", "issues", []string{"id", "name", "outcome", "outcome_source_url"},
		[]string{"description", "negotiation", "reference", "reference_instrument", "reference_source_url", "topics", "note"}, false)
	at, afr := rd.table("alternatives.csv", "alternatives", []string{"id", "issue", "label", "value", "source_url"},
		[]string{"articles", "note"}, false)
	topics := map[string]bool{}
	for _, tp := range rd.d.Topics {
		topics[tp.ID] = true
	}
	byID := map[string]*stancegraph.Issue{}
	rows := map[string]*row{}
	for _, r := range it.rows {
		i := &stancegraph.Issue{ID: r.id("id"), Name: r.required("name"), Description: r.get("description"), Note: r.get("note"),
			ReferenceID: r.get("reference"), OutcomeID: r.required("outcome"), Topics: r.list("topics")}
		i.NegotiationID = r.instrumentRef(rd, "negotiation", r.get("negotiation"), false)
		i.ReferenceInstrumentID = r.instrumentRef(rd, "reference_instrument", r.get("reference_instrument"), false)
		i.ReferenceSourceIDs = r.sourceIDs(rd, "reference_source_url", r.urls("reference_source_url", i.ReferenceID != ""))
		i.OutcomeSourceIDs = r.sourceIDs(rd, "outcome_source_url", r.urls("outcome_source_url", true))
		if i.ReferenceID != "" && i.ReferenceInstrumentID == "" {
			r.fail("reference_instrument", "is required with a reference: the draft whose text the reference point is")
		}
		for _, tp := range i.Topics {
			if !topics[tp] {
				r.fail("topics", "unknown topic %q (not in topics.csv)", tp)
			}
		}
		// Issues and alternatives are not nodes: their ids have a namespace of
		// their own, so an issue may share its id with its topic ("scope").
		if r.define(rd, "id", "issue:"+i.ID) {
			byID[i.ID], rows[i.ID] = i, r
			rd.d.Issues = append(rd.d.Issues, i)
		}
	}
	for _, r := range at.rows {
		a := &stancegraph.Alternative{ID: r.id("id"), IssueID: r.required("issue"), Label: r.required("label"), Note: r.get("note")}
		if v := r.required("value"); v != "" {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || !(f >= 0 && f <= 100) {
				r.fail("value", "%q is not a number within 0–100", v)
			}
			a.Value = f
		}
		for _, ref := range r.list("articles") {
			inst, n, err := stancegraph.ParseArticleRef(ref)
			if id := stancegraph.ArticleID(inst, n); err != nil || rd.arts[id] == nil {
				r.fail("articles", "unknown article %q (want instrument:number of articles.csv)", ref)
				continue
			}
			a.ArticleIDs = append(a.ArticleIDs, stancegraph.ArticleID(inst, n))
		}
		a.SourceIDs = r.sourceIDs(rd, "source_url", r.urls("source_url", true))
		i := byID[a.IssueID]
		if i == nil && a.IssueID != "" {
			r.fail("issue", "unknown issue %q (not in issues.csv)", a.IssueID)
		}
		if r.define(rd, "id", "alternative:"+a.ID) && i != nil {
			i.Alternatives = append(i.Alternatives, a)
			afr.Loaded++
		}
	}
	for _, i := range rd.d.Issues {
		i.SortAlternatives()
		if field, err := i.Check(); err != nil {
			rows[i.ID].fail(issueColumn(field), "%s", stancegraph.ErrorMessage(err))
			continue
		}
		ifr.Loaded++
	}
}

// issueColumn names the column of issues.csv an issue's validation error
// (Issue.Check's field) is about: errors about its alternatives are
// reported on the issue's id.
func issueColumn(field string) string {
	if field == "outcome" || field == "reference" {
		return field
	}
	return "id"
}

// alternative reads a position's alternative and salience columns: the
// alternative must belong to an issue of issues.csv, the salience lie within 0–100.
func (r *row) alternative(rd *reader, p *stancegraph.Position, alts map[string]*stancegraph.Alternative) {
	if id := r.get("alternative"); id != "" {
		a := alts[id]
		switch iss := r.get("issue"); {
		case a == nil:
			r.fail("alternative", "unknown alternative %q (not in alternatives.csv)", id)
		case iss != "" && iss != a.IssueID:
			r.fail("alternative", "alternative %q belongs to issue %q, not to issue %q", id, a.IssueID, iss)
		default:
			p.AlternativeID, p.IssueID = a.ID, a.IssueID
		}
	}
	if v := r.get("salience"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || !(f >= 0 && f <= 100) {
			r.fail("salience", "%q is not a number within 0–100", v)
			return
		}
		if p.AlternativeID == "" {
			r.fail("salience", "a salience needs an alternative: it says how much the actor cared about the issue")
			return
		}
		p.Salience = &f
	}
}
