package stancegraph

import (
	"encoding/json"
	"strings"
)

// Edit is one curator's change: an upsert of an actor, an article, a
// source, a position, an issue (with its alternatives) or one alternative,
// or the retraction of a position. Exactly one of the entity fields or
// Retract is set.
type Edit struct {
	Author string // the curator's key id, never the key itself
	At     string // RFC 3339 time of the change
	Reason string
	// ExpectedVersion, when set, makes the edit apply only if the entity
	// is at that version (0: created from data, never edited): optimistic
	// concurrency, so two curators never overwrite each other unseen.
	ExpectedVersion *int

	Actor    *Actor
	Article  *Article
	Source   *Source
	Position *Position
	Retract  string // id of the position to retract
	// Issue replaces an issue and its whole scale; Alternative adds or
	// changes one alternative of an existing issue. Omitted when empty, so
	// the journal's records of the other edits keep their bytes.
	Issue       *Issue       `json:",omitempty"`
	Alternative *Alternative `json:",omitempty"`

	// SourceURLs are the sources the edited entity cites, as the curator
	// gave them; validation turns them into the entity's SourceIDs (for an
	// issue: its outcome's OutcomeSourceIDs).
	SourceURLs []string
	// ReferenceSourceURLs cite an issue's reference point;
	// AlternativeSourceURLs each of its alternatives, by alternative id.
	ReferenceSourceURLs   []string            `json:",omitempty"`
	AlternativeSourceURLs map[string][]string `json:",omitempty"`
}

// Kind names what the edit changes: ACTOR, ARTICLE, SOURCE, POSITION,
// ISSUE or ALTERNATIVE.
func (e *Edit) Kind() string {
	switch {
	case e.Issue != nil:
		return "ISSUE"
	case e.Alternative != nil:
		return "ALTERNATIVE"
	case e.Actor != nil:
		return "ACTOR"
	case e.Article != nil:
		return "ARTICLE"
	case e.Source != nil:
		return "SOURCE"
	}
	return "POSITION"
}

// EntityID is the id of the entity the edit changes, the key of its
// history. Issues and alternatives have ids of their own namespace (an
// issue may share its topic's id), so theirs are IssueKey and
// AlternativeKey.
func (e *Edit) EntityID() string {
	switch {
	case e.Issue != nil:
		return IssueKey(e.Issue.ID)
	case e.Alternative != nil:
		return AlternativeKey(e.Alternative.ID)
	case e.Actor != nil:
		return e.Actor.ID
	case e.Article != nil:
		return e.Article.ID
	case e.Source != nil:
		return e.Source.ID
	case e.Position != nil:
		return e.Position.ID
	}
	return e.Retract
}

// Revision is one version of an entity in its history.
type Revision struct {
	EntityID string
	Kind     string // ACTOR, ARTICLE, SOURCE, POSITION, ISSUE, ALTERNATIVE
	Version  int    // 1 for the first edit; 0 is the loaded data
	Action   string // UPSERT or RETRACT
	Author   string
	At       string
	Reason   string
	Snapshot string // the entity after the change, as JSON
}

// NewRevision builds the revision an applied edit leaves, given the
// entity's new version and its state after the change.
func NewRevision(e *Edit, version int, after any) *Revision {
	snap, _ := json.Marshal(after)
	action := "UPSERT"
	if e.Retract != "" {
		action = "RETRACT"
	}
	return &Revision{EntityID: e.EntityID(), Kind: e.Kind(), Version: version, Action: action, Author: e.Author, At: e.At, Reason: e.Reason, Snapshot: string(snap)}
}

// CheckVersion returns ECONFLICT when an edit expects another version.
func CheckVersion(e *Edit, current int) error {
	if e.ExpectedVersion != nil && *e.ExpectedVersion != current {
		return Errorf(ECONFLICT, "%s %q is at version %d, not %d: reload it and apply your change again.", strings.ToLower(e.Kind()), e.EntityID(), current, *e.ExpectedVersion)
	}
	return nil
}

// Retraction marks a position withdrawn by a curator. Retracted positions
// stay in the graph and in history; reads leave them out unless asked.
type Retraction struct {
	By     string
	At     string
	Reason string
}

// WithoutEdited returns d without the actors, articles, sources and
// positions whose ids are in edited, and the issues whose IssueKey is
// (CuratedIssues marks them): loading data never undoes a curator's
// change. d itself is not modified.
func WithoutEdited(d *Dataset, edited map[string]bool) *Dataset {
	if len(edited) == 0 {
		return d
	}
	c := *d
	c.Actors = keep(d.Actors, func(a *Actor) bool { return !edited[a.ID] })
	c.Articles = keep(d.Articles, func(a *Article) bool { return !edited[a.ID] })
	c.Sources = keep(d.Sources, func(s *Source) bool { return !edited[s.ID] })
	c.Positions = keep(d.Positions, func(p *Position) bool { return !edited[p.ID] })
	c.Issues = keep(d.Issues, func(i *Issue) bool { return !edited[IssueKey(i.ID)] })
	return &c
}

// IssueKey is the history key of issue id.
func IssueKey(id string) string { return "issue:" + id }

// AlternativeKey is the history key of alternative id.
func AlternativeKey(id string) string { return "alternative:" + id }

// CuratedIssues returns those of the current issues that curators changed
// (edited holds history keys), directly or through one of their
// alternatives, and marks each in edited under its IssueKey, so that
// WithoutEdited leaves the data's version out: an issue is kept whole, as
// the curators left it.
func CuratedIssues(current []*Issue, edited map[string]bool) []*Issue {
	var out []*Issue
	for _, i := range current {
		touched := edited[IssueKey(i.ID)]
		for _, a := range i.Alternatives {
			touched = touched || edited[AlternativeKey(a.ID)]
		}
		if touched {
			edited[IssueKey(i.ID)] = true
			out = append(out, i)
		}
	}
	return out
}

func keep[V any](vs []*V, ok func(*V) bool) []*V {
	out := make([]*V, 0, len(vs))
	for _, v := range vs {
		if ok(v) {
			out = append(out, v)
		}
	}
	return out
}
