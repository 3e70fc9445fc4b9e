package curation

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/stancegraph/stancegraph"
)

// ValidateEdit checks a curator's edit as strictly as the loaders check a
// data folder, with the same messages, resolving references against the
// store. It returns an EINVALID error naming every bad field.
func ValidateEdit(ctx context.Context, s stancegraph.Store, e *stancegraph.Edit) error {
	return validateEdit(ctx, s, e, true)
}

// ValidateJournaled checks an edit read back from a journal: as
// ValidateEdit, but without the limits on text (MaxText, control
// characters), which came after edits were first journaled; an edit
// acknowledged before them is replayed as it was acknowledged.
func ValidateJournaled(ctx context.Context, s stancegraph.Store, e *stancegraph.Edit) error {
	return validateEdit(ctx, s, e, false)
}

func validateEdit(ctx context.Context, s stancegraph.Store, e *stancegraph.Edit, texts bool) error {
	v := &editCheck{ctx: ctx, s: s}
	if texts {
		for _, x := range []any{e.Actor, e.Article, e.Source, e.Position, e.Issue, e.Alternative} {
			if !reflect.ValueOf(x).IsNil() {
				v.texts("", x)
			}
		}
		v.text("reason", e.Reason)
		v.nestedTexts(e)
	}
	switch {
	case e.Actor != nil:
		v.actor(e.Actor)
		e.Actor.SourceIDs = v.sources("sourceUrls", e.SourceURLs, false)
	case e.Article != nil:
		v.article(e.Article)
		e.Article.SourceIDs = v.sources("sourceUrls", e.SourceURLs, false)
	case e.Source != nil:
		v.source(e.Source)
	case e.Position != nil:
		v.position(e.Position)
		e.Position.SourceIDs = v.sources("sourceUrls", e.SourceURLs, true)
	case e.Issue != nil:
		v.issue(e)
	case e.Alternative != nil:
		v.alternativeEdit(e)
	case e.Retract == "":
		v.fail("id", "is required")
	}
	if e.Retract != "" && strings.TrimSpace(e.Reason) == "" {
		v.fail("reason", "is required: say why the position is retracted")
	}
	if v.err != nil {
		return v.err
	}
	return nil
}

type editCheck struct {
	ctx  context.Context
	s    stancegraph.Store
	msgs []string
	err  error
}

func (v *editCheck) fail(field, format string, args ...any) {
	v.msgs = append(v.msgs, "input."+field+": "+fmt.Sprintf(format, args...))
	v.err = stancegraph.Errorf(stancegraph.EINVALID, "%s", strings.Join(v.msgs, "; "))
}

func (v *editCheck) id(field, id string) {
	if id == "" {
		v.fail(field, "is required")
	} else if !stancegraph.ValidID(id) {
		v.fail(field, "%q is not a valid id (letters, digits, '.', '_', ':', '-'; no spaces)", id)
	}
}

func (v *editCheck) date(field, d string) {
	if d != "" && !stancegraph.ValidDate(d) {
		v.fail(field, "%q is not a date (want YYYY-MM-DD, YYYY-MM or YYYY)", d)
	}
}

// enum checks a value against its enum's list; empty passes unless required.
// GraphQL checks mutations' enums already; a journal's records are not
// read through GraphQL.
func enum[T ~string](v *editCheck, field string, val T, all []T, required bool) {
	if val == "" && !required {
		return
	}
	if !slices.Contains(all, val) {
		v.fail(field, "unknown value %q", string(val))
	}
}

// MaxText is the longest text one field of a curator's edit may hold, in
// bytes: a huge one would slow every search.
const MaxText = 20 << 10

// texts checks every text field of an entity (a pointer to a struct),
// naming them after prefix.
func (v *editCheck) texts(prefix string, x any) {
	rv := reflect.ValueOf(x).Elem()
	for i := 0; i < rv.NumField(); i++ {
		name := rv.Type().Field(i).Name
		name = strings.ToLower(name[:1]) + name[1:]
		switch f := rv.Field(i); {
		case f.Kind() == reflect.String:
			v.text(prefix+name, f.String())
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			for j := 0; j < f.Len(); j++ {
				v.text(prefix+name, f.Index(j).String())
			}
		}
	}
}

// text refuses a control character (other than tab and newlines) and a
// text longer than MaxText.
func (v *editCheck) text(field, s string) {
	if len(s) > MaxText {
		v.fail(field, "is %d bytes; the limit is %d", len(s), MaxText)
	} else if i := strings.IndexFunc(s, stancegraph.BadControl); i >= 0 {
		v.fail(field, "holds a control character at byte %d", i+1)
	}
}

func (v *editCheck) required(field, val string) {
	if strings.TrimSpace(val) == "" {
		v.fail(field, "is required")
	}
}

// exist checks that every id names an entity, with the loaders' message.
func exist[V any](v *editCheck, field, what string, ids []string, load func(context.Context, []string) ([]*V, error)) {
	if len(ids) == 0 {
		return
	}
	got, err := load(v.ctx, ids)
	if err != nil {
		v.err = err
		return
	}
	for i, x := range got {
		if x == nil {
			v.fail(field, "unknown %s %q", what, ids[i])
		}
	}
}

// sources checks that every URL is a known source, and returns their ids.
func (v *editCheck) sources(field string, urls []string, required bool) []string {
	if required && len(urls) == 0 {
		v.fail(field, "is required: every fact needs a source")
	}
	if len(urls) == 0 {
		return nil
	}
	ids := make([]string, len(urls))
	for i, u := range urls {
		if !stancegraph.ValidURL(u) {
			v.fail(field, "%q is not an http(s) URL", u)
		}
		ids[i] = stancegraph.SourceID(u)
	}
	got, err := stancegraph.Get(v.s).Sources(v.ctx, ids)
	if err != nil {
		v.err = err
		return nil
	}
	for i, s := range got {
		if s == nil {
			v.fail(field, "%q is not listed in sources.csv (add it with upsertSource)", urls[i])
		}
	}
	return ids
}

func (v *editCheck) actor(a *stancegraph.Actor) {
	v.id("id", a.ID)
	v.required("name", a.Name)
	enum(v, "type", a.Type, stancegraph.ActorTypes, true)
	enum(v, "regionalGroup", a.RegionalGroup, stancegraph.RegionalGroups, false)
	switch a.Type {
	case stancegraph.ActorState:
		if len(a.ID) != 3 || strings.ToUpper(a.ID) != a.ID {
			v.fail("id", "%q is not an ISO 3166-1 alpha-3 code", a.ID)
		}
	case stancegraph.ActorOrganization, stancegraph.ActorGroup:
		kinds := stancegraph.OrganizationKinds
		if a.Type == stancegraph.ActorGroup {
			kinds = stancegraph.GroupKinds
		}
		if !slices.Contains(kinds, a.Kind) {
			v.fail("kind", "unknown value %q (want one of %s)", a.Kind, strings.ToLower(strings.Join(kinds, ", ")))
		}
	case stancegraph.ActorPerson:
		if a.OrganizationID != "" {
			exist(v, "organization", "actor", []string{a.OrganizationID}, stancegraph.Get(v.s).Actors)
		}
	}
	if a.URL != "" && !stancegraph.ValidURL(a.URL) {
		v.fail("url", "%q is not an http(s) URL", a.URL)
	}
}

func (v *editCheck) article(a *stancegraph.Article) {
	if a.Number <= 0 {
		v.fail("number", "%q is not a positive integer", fmt.Sprint(a.Number))
	}
	v.required("title", a.Title)
	enum(v, "status", a.Status, stancegraph.ArticleStatuses, false)
	enum(v, "verification", a.Verification, stancegraph.Verifications, true)
	exist(v, "instrument", "instrument", []string{a.InstrumentID}, stancegraph.Get(v.s).Instruments)
	exist(v, "correspondsTo", "article", a.CorrespondsTo, stancegraph.Get(v.s).Articles)
}

func (v *editCheck) source(s *stancegraph.Source) {
	if !stancegraph.ValidURL(s.URL) {
		v.fail("url", "%q is not an http(s) URL", s.URL)
	}
	v.required("title", s.Title)
	v.required("publisher", s.Publisher)
	enum(v, "class", s.Class, stancegraph.SourceClasses, true)
	v.date("date", s.Date)
}

func (v *editCheck) position(p *stancegraph.Position) {
	v.id("id", p.ID)
	v.date("date", p.Date)
	enum(v, "kind", p.Kind, stancegraph.PositionKinds, true)
	enum(v, "stance", p.Stance, stancegraph.Stances, true)
	enum(v, "verification", p.Verification, stancegraph.Verifications, true)
	exist(v, "actor", "actor", []string{p.ActorID}, stancegraph.Get(v.s).Actors)
	exist(v, "onBehalfOf", "actor", p.OnBehalfOf, stancegraph.Get(v.s).Actors)
	exist(v, "jointWith", "actor", p.JointWith, stancegraph.Get(v.s).Actors)
	if p.SpeakerID != "" {
		exist(v, "speaker", "actor", []string{p.SpeakerID}, stancegraph.Get(v.s).Actors)
	}
	if p.InstrumentID != "" {
		exist(v, "instrument", "instrument", []string{p.InstrumentID}, stancegraph.Get(v.s).Instruments)
	}
	if p.ArticleID != "" {
		exist(v, "article", "article", []string{p.ArticleID}, stancegraph.Get(v.s).Articles)
	}
	exist(v, "topics", "topic", p.Topics, stancegraph.Get(v.s).Topics)
	if p.SessionID != "" {
		exist(v, "session", "session", []string{p.SessionID}, stancegraph.Get(v.s).Sessions)
	}
	if p.InstrumentID == "" && len(p.Topics) == 0 {
		v.fail("instrument", "a position needs an article, an instrument or a topic")
	}
	v.alternative(p)
}

// alternative checks a position's alternative (it must exist, and belong to
// the issue the edit names, if it names one) and fills in its issue.
func (v *editCheck) alternative(p *stancegraph.Position) {
	if err := stancegraph.CheckSalience(p.Salience); err != nil {
		v.fail("salience", "%s", stancegraph.ErrorMessage(err))
	}
	if p.AlternativeID == "" {
		if p.Salience != nil {
			v.fail("salience", "a salience needs an alternative")
		}
		p.IssueID = ""
		return
	}
	issues, err := v.s.FindIssues(v.ctx)
	if err != nil {
		v.err = err
		return
	}
	a := stancegraph.AlternativeIndex(issues)[p.AlternativeID]
	switch {
	case a == nil:
		v.fail("alternative", "unknown alternative %q", p.AlternativeID)
	case p.IssueID != "" && p.IssueID != a.IssueID:
		v.fail("alternative", "alternative %q belongs to issue %q, not to issue %q", a.ID, a.IssueID, p.IssueID)
	default:
		p.IssueID = a.IssueID
	}
}
