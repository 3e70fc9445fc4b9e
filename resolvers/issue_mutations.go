package resolvers

import (
	"context"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/graph/model"
)

// applyIssue commits an edit of an issue or of one of its alternatives and
// returns the issue as it now stands. The request's issues and coalition
// inputs are read afresh: a later field (or mutation) of the same request
// must see the change.
func (r *Resolver) applyIssue(ctx context.Context, e *stancegraph.Edit, issueID string, expected *int, reason *string) (*model.IssueChange, error) {
	rev, err := r.commit(ctx, e, expected, reason)
	if err != nil {
		return nil, err
	}
	l := r.dataloaders(ctx)
	l.mu.Lock()
	l.issues, l.coalitions = nil, nil
	l.mu.Unlock()
	i, err := r.issue(ctx, issueID)
	if err != nil {
		return nil, err
	}
	if i == nil {
		return nil, stancegraph.Errorf(stancegraph.EINTERNAL, "Issue %q not found after its change.", issueID)
	}
	return &model.IssueChange{Revision: rev, Issue: i}, nil
}

// issueEdit turns the input into an issue edit; an alternative without
// an issue is on this one.
func issueEdit(in model.IssueInput) *stancegraph.Edit {
	i := &stancegraph.Issue{ID: in.ID, Name: in.Name, Description: str0(in.Description), NegotiationID: str0(in.Negotiation),
		ReferenceID: str0(in.Reference), ReferenceInstrumentID: str0(in.ReferenceInstrument), OutcomeID: in.Outcome,
		Topics: in.Topics, Note: str0(in.Note)}
	e := &stancegraph.Edit{Issue: i, SourceURLs: in.OutcomeSourceUrls, ReferenceSourceURLs: in.ReferenceSourceUrls}
	for _, a := range in.Alternatives {
		alt := alternativeOf(*a)
		if alt.IssueID == "" {
			alt.IssueID = in.ID
		}
		i.Alternatives = append(i.Alternatives, alt)
		if len(a.SourceUrls) > 0 {
			if e.AlternativeSourceURLs == nil {
				e.AlternativeSourceURLs = map[string][]string{}
			}
			e.AlternativeSourceURLs[a.ID] = a.SourceUrls
		}
	}
	return e
}

func alternativeOf(in model.AlternativeInput) *stancegraph.Alternative {
	return &stancegraph.Alternative{ID: in.ID, IssueID: str0(in.Issue), Label: in.Label, Value: in.Value, ArticleIDs: in.Articles, Note: str0(in.Note)}
}
