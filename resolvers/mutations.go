package resolvers

import (
	"context"
	"strings"
	"time"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/auth"
	"github.com/stancegraph/stancegraph/curation"
	"github.com/stancegraph/stancegraph/graph/model"
)

// curator returns the request's key if it may write.
func curator(ctx context.Context) (*auth.Key, error) {
	k := auth.FromContext(ctx)
	if k == nil {
		return nil, stancegraph.Errorf(stancegraph.EUNAUTHENTICATED, "Changes need a curator key (Authorization: Bearer ...).")
	}
	if !k.CanWrite() {
		return nil, stancegraph.Errorf(stancegraph.EFORBIDDEN, "This key may not change the graph.")
	}
	return k, nil
}

// commit validates and applies an edit by the request's curator.
func (r *Resolver) commit(ctx context.Context, e *stancegraph.Edit, expected *int, reason *string) (*stancegraph.Revision, error) {
	k, err := curator(ctx)
	if err != nil {
		return nil, err
	}
	e.Author, e.At, e.ExpectedVersion = k.ID, time.Now().UTC().Format(time.RFC3339Nano), expected
	if reason != nil {
		e.Reason = *reason
	}
	if err := curation.ValidateEdit(ctx, r.Store, e); err != nil {
		return nil, err
	}
	return r.Store.Apply(ctx, e)
}

// apply commits an edit of a node, then tells subscribers about position
// changes.
func (r *Resolver) apply(ctx context.Context, e *stancegraph.Edit, expected *int, reason *string) (*model.Change, error) {
	rev, err := r.commit(ctx, e, expected, reason)
	if err != nil {
		return nil, err
	}
	node, err := r.node(ctx, rev.EntityID)
	if err != nil {
		return nil, err
	}
	if p, ok := node.(*stancegraph.Position); ok {
		r.Events.Publish(&model.PositionChange{Revision: rev, Position: p})
	} else if e.Retract != "" {
		ps, _, err := r.Store.FindPositions(ctx, stancegraph.PositionFilter{IDs: []string{e.Retract}, IncludeRetracted: true})
		if err == nil && len(ps) == 1 {
			node = ps[0]
			r.Events.Publish(&model.PositionChange{Revision: rev, Position: ps[0]})
		}
	}
	return &model.Change{Revision: rev, Node: node}, nil
}

func str0(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func actorOf(in model.ActorInput) *stancegraph.Actor {
	a := &stancegraph.Actor{ID: in.ID, Type: in.Type, Name: in.Name, Aliases: in.Aliases, UNStatus: str0(in.UnStatus),
		Kind: strings.ToUpper(str0(in.Kind)), URL: str0(in.URL), OrganizationID: str0(in.Organization), Role: str0(in.Role), Note: str0(in.Note)}
	if in.RegionalGroup != nil {
		a.RegionalGroup = *in.RegionalGroup
	}
	return a
}

func articleOf(in model.ArticleInput) *stancegraph.Article {
	a := &stancegraph.Article{ID: stancegraph.ArticleID(in.Instrument, in.Number), InstrumentID: in.Instrument, Number: in.Number, Title: in.Title,
		Chapter: str0(in.Chapter), CorrespondsTo: in.CorrespondsTo, Verification: in.Verification, Note: str0(in.Note)}
	if in.Status != nil {
		a.Status = *in.Status
	}
	return a
}

func sourceOf(in model.SourceInput) *stancegraph.Source {
	return &stancegraph.Source{ID: stancegraph.SourceID(in.URL), URL: in.URL, Title: in.Title, Publisher: in.Publisher, Class: in.Class,
		Date: str0(in.Date), Note: str0(in.Note)}
}

// positionOf turns the input into a position; an article number without
// an instrument means the default instrument, as in the data files.
func (r *Resolver) positionOf(ctx context.Context, in model.PositionInput) (*stancegraph.Position, error) {
	p := &stancegraph.Position{ID: in.ID, Kind: stancegraph.KindStatement, ActorID: in.Actor, OnBehalfOf: in.OnBehalfOf, JointWith: in.JointWith,
		SpeakerID: str0(in.Speaker), InstrumentID: str0(in.Instrument), Paragraph: str0(in.Paragraph), Topics: in.Topics, Stance: in.Stance,
		StanceText: str0(in.StanceText), Date: str0(in.Date), SessionID: str0(in.Session), Quote: str0(in.Quote), Verification: in.Verification,
		VerifiedText: map[stancegraph.Verification]string{stancegraph.Verified: "yes", stancegraph.Derived: "derived"}[in.Verification], Note: str0(in.Note)}
	if p.VerifiedText == "" {
		p.VerifiedText = "no"
	}
	p.AlternativeID, p.IssueID, p.Salience = str0(in.Alternative), str0(in.Issue), in.Salience
	if in.Kind != nil {
		p.Kind = *in.Kind
	}
	if in.Article != nil {
		if p.InstrumentID == "" {
			inst, err := r.defaultInstrument(ctx)
			if err != nil {
				return nil, err
			}
			p.InstrumentID = inst
		}
		p.ArticleID = stancegraph.ArticleID(p.InstrumentID, *in.Article)
	}
	return p, nil
}

// admin refuses a request without an admin key: UNAUTHENTICATED without
// a key, FORBIDDEN with another.
func admin(ctx context.Context) error {
	k := auth.FromContext(ctx)
	if k == nil {
		return stancegraph.Errorf(stancegraph.EUNAUTHENTICATED, "Managing keys needs an admin key (Authorization: Bearer ...).")
	}
	if !k.IsAdmin() {
		return stancegraph.Errorf(stancegraph.EFORBIDDEN, "Only an admin key may manage keys.")
	}
	return nil
}

func (r *Resolver) createAPIKey(ctx context.Context, role, label string) (*model.NewAPIKey, error) {
	if err := admin(ctx); err != nil {
		return nil, err
	}
	if r.Keys == nil {
		return nil, stancegraph.Errorf(stancegraph.EUNAVAILABLE, "No key file is configured (-keys).")
	}
	token, k, err := r.Keys.Add(role, label)
	if err != nil {
		return nil, stancegraph.Errorf(stancegraph.EINVALID, "%v", err)
	}
	return &model.NewAPIKey{ID: k.ID, Role: k.Role, Label: k.Label, Key: token}, nil
}

func (r *Resolver) revokeAPIKey(ctx context.Context, id string) (bool, error) {
	if err := admin(ctx); err != nil {
		return false, err
	}
	if r.Keys == nil {
		return false, stancegraph.Errorf(stancegraph.EUNAVAILABLE, "No key file is configured (-keys).")
	}
	if err := r.Keys.Revoke(id); err != nil {
		return false, stancegraph.Errorf(stancegraph.ENOTFOUND, "%v", err)
	}
	return true, nil
}

func (r *Resolver) positionChanged(ctx context.Context) (<-chan *model.PositionChange, error) {
	if r.Events == nil {
		return nil, stancegraph.Errorf(stancegraph.EUNAVAILABLE, "Subscriptions are not enabled.")
	}
	ch, cancel := r.Events.Subscribe()
	go func() {
		<-ctx.Done()
		cancel()
	}()
	return ch, nil
}
