package curation

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stancegraph/stancegraph"
)

// nestedTexts checks the texts reflect does not reach: an issue's
// alternatives and every URL of the edit.
func (v *editCheck) nestedTexts(e *stancegraph.Edit) {
	field := "sourceUrls"
	if e.Issue != nil {
		field = "outcomeSourceUrls"
		for k, a := range e.Issue.Alternatives {
			at := fmt.Sprintf("alternatives[%d].", k)
			v.texts(at, a)
			for _, u := range e.AlternativeSourceURLs[a.ID] {
				v.text(at+"sourceUrls", u)
			}
		}
	}
	for _, u := range e.SourceURLs {
		v.text(field, u)
	}
	for _, u := range e.ReferenceSourceURLs {
		v.text("referenceSourceUrls", u)
	}
}

// issue checks an issue with its whole scale as the loaders check
// issues.csv and alternatives.csv (the rules of the scale are
// Issue.Check's), and fills in the alternatives' issue and every source id.
func (v *editCheck) issue(e *stancegraph.Edit) {
	i := e.Issue
	v.id("id", i.ID)
	v.required("name", i.Name)
	if i.NegotiationID != "" {
		exist(v, "negotiation", "instrument", []string{i.NegotiationID}, stancegraph.Get(v.s).Instruments)
	}
	if i.ReferenceInstrumentID != "" {
		exist(v, "referenceInstrument", "instrument", []string{i.ReferenceInstrumentID}, stancegraph.Get(v.s).Instruments)
	} else if i.ReferenceID != "" {
		v.fail("referenceInstrument", "is required with a reference: the draft whose text the reference point is")
	}
	exist(v, "topics", "topic", i.Topics, stancegraph.Get(v.s).Topics)
	i.ReferenceSourceIDs = v.sources("referenceSourceUrls", e.ReferenceSourceURLs, i.ReferenceID != "")
	i.OutcomeSourceIDs = v.sources("outcomeSourceUrls", e.SourceURLs, true)
	current, err := v.s.FindIssues(v.ctx)
	if err != nil {
		v.err = err
		return
	}
	alts := stancegraph.AlternativeIndex(current)
	for k, a := range i.Alternatives {
		if a.IssueID == "" {
			a.IssueID = i.ID
		}
		at := fmt.Sprintf("alternatives[%d].", k)
		v.alternativeFields(at, at+"id", a, e.AlternativeSourceURLs[a.ID], alts)
	}
	v.dropped(i, current)
	if i.ID != "" && i.Name != "" {
		if field, err := i.Check(); err != nil {
			v.fail(field, "%s", stancegraph.ErrorMessage(err))
		}
	}
}

// alternativeEdit checks one alternative of an existing issue: its fields,
// and the issue's scale with it in place.
func (v *editCheck) alternativeEdit(e *stancegraph.Edit) {
	a := e.Alternative
	current, err := v.s.FindIssues(v.ctx)
	if err != nil {
		v.err = err
		return
	}
	k := slices.IndexFunc(current, func(i *stancegraph.Issue) bool { return i.ID == a.IssueID })
	switch {
	case a.IssueID == "":
		v.fail("issue", "is required: the issue whose scale the alternative is on")
	case k < 0:
		v.fail("issue", "unknown issue %q (create it with upsertIssue)", a.IssueID)
	}
	v.alternativeFields("", "issue", a, e.SourceURLs, stancegraph.AlternativeIndex(current))
	if k >= 0 {
		if field, err := current[k].WithAlternative(a).Check(); err != nil {
			// "alternatives[k].value" is this alternative's "value".
			v.fail(field[strings.IndexByte(field, '.')+1:], "%s", stancegraph.ErrorMessage(err))
		}
	}
}

// alternativeFields checks an alternative's own fields, at (a field path
// prefix), and that it does not move from the issue it is on (reported at
// moved): the positions favouring it name that issue.
func (v *editCheck) alternativeFields(at, moved string, a *stancegraph.Alternative, urls []string, alts map[string]*stancegraph.Alternative) {
	v.id(at+"id", a.ID)
	v.required(at+"label", a.Label)
	exist(v, at+"articles", "article", a.ArticleIDs, stancegraph.Get(v.s).Articles)
	a.SourceIDs = v.sources(at+"sourceUrls", urls, true)
	if o := alts[a.ID]; o != nil && a.IssueID != "" && o.IssueID != a.IssueID {
		v.fail(moved, "alternative %q is on issue %q; an alternative does not move to another issue", a.ID, o.IssueID)
	}
}

// dropped refuses an issue edit that leaves out an alternative a position
// favours: the position would favour nothing.
func (v *editCheck) dropped(i *stancegraph.Issue, current []*stancegraph.Issue) {
	k := slices.IndexFunc(current, func(c *stancegraph.Issue) bool { return c.ID == i.ID })
	if k < 0 {
		return
	}
	var gone []string
	for _, a := range current[k].Alternatives {
		if i.Alternative(a.ID) == nil {
			gone = append(gone, a.ID)
		}
	}
	if len(gone) == 0 {
		return
	}
	ps, n, err := v.s.FindPositions(v.ctx, stancegraph.PositionFilter{Alternatives: gone, IncludeRetracted: true, Limit: 1})
	if err != nil {
		v.err = err
		return
	}
	if n > 0 {
		v.fail("alternatives", "leaves out alternative %q, which %d position(s) favour (%q first): map them to another alternative first",
			ps[0].AlternativeID, n, ps[0].ID)
	}
}
