package stancegraph

import (
	"encoding/json"
	"strings"
)

// Edit is one curator's change: an upsert of an actor, an article, a
// source or a position, or the retraction of a position. Exactly one of
// the entity fields or Retract is set.
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

	// SourceURLs are the sources the edited entity cites, as the curator
	// gave them; validation turns them into the entity's SourceIDs.
	SourceURLs []string
}

// Kind names what the edit changes: ACTOR, ARTICLE, SOURCE or POSITION.
func (e *Edit) Kind() string {
	switch {
	case e.Actor != nil:
		return "ACTOR"
	case e.Article != nil:
		return "ARTICLE"
	case e.Source != nil:
		return "SOURCE"
	}
	return "POSITION"
}

// EntityID is the id of the entity the edit changes.
func (e *Edit) EntityID() string {
	switch {
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
	Kind     string // ACTOR, ARTICLE, SOURCE, POSITION
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
// positions whose ids are in edited: loading data never undoes a curator's
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
	return &c
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
