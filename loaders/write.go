package loaders

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/stancegraph/stancegraph"
)

// Write writes d into dir in the loaders' own format (the core files only:
// record-file positions become rows of positions.csv with their kind), so
// that Read(dir) gives back the same graph. It is the format of dumps and
// of synthetic data sets.
func Write(dir string, d *stancegraph.Dataset) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	urls := map[string]string{}
	for _, s := range d.Sources {
		urls[s.ID] = s.URL
	}
	w := &writer{dir: dir, urls: urls}
	w.file("sources.csv", []string{"url", "title", "publisher", "class", "date", "note"}, len(d.Sources), func(i int) []string {
		s := d.Sources[i]
		return []string{s.URL, s.Title, s.Publisher, lower(s.Class), s.Date, s.Note}
	})
	w.file("topics.csv", []string{"id", "name", "description"}, len(d.Topics), func(i int) []string {
		t := d.Topics[i]
		return []string{t.ID, t.Name, t.Description}
	})
	w.actors(d.Actors)
	w.file("memberships.csv", []string{"member", "group", "from", "to", "source_url", "verified"}, len(d.Memberships), func(i int) []string {
		m := d.Memberships[i]
		return []string{m.MemberID, m.GroupID, m.From, m.To, w.sources(m.SourceIDs), verifiedOf(m.Verification, "")}
	})
	w.file("instruments.csv", []string{"id", "kind", "title", "short_title", "symbol", "date", "version_of", "default", "source_url"}, len(d.Instruments), func(i int) []string {
		in := d.Instruments[i]
		return []string{in.ID, lower(in.Kind), in.Title, in.ShortTitle, in.Symbol, in.Date, in.VersionOf, yes(in.Default), w.sources(in.SourceIDs)}
	})
	w.file("articles.csv", []string{"instrument", "number", "title", "chapter", "status", "corresponds_to", "verified", "source_url", "note"}, len(d.Articles), func(i int) []string {
		a := d.Articles[i]
		return []string{a.InstrumentID, strconv.Itoa(a.Number), a.Title, a.Chapter, lower(a.Status), join(a.CorrespondsTo), verifiedOf(a.Verification, ""), w.sources(a.SourceIDs), a.Note}
	})
	w.file("sessions.csv", []string{"id", "name", "start", "end", "place", "instrument", "source_url"}, len(d.Sessions), func(i int) []string {
		s := d.Sessions[i]
		return []string{s.ID, s.Name, s.Start, s.End, s.Place, s.InstrumentID, w.sources(s.SourceIDs)}
	})
	w.issues(d.Issues)
	w.positions(d.Positions)
	w.records(&d.Records)
	return w.err
}

// records writes vote summaries and treaty status tables, each only when
// there is one (both files are optional).
func (w *writer) records(r *stancegraph.TextRecords) {
	if len(r.Votes) > 0 {
		w.file("vote_summaries.csv", slices.Concat(voteSummaryColumns.required, voteSummaryColumns.optional), len(r.Votes), func(i int) []string {
			v := r.Votes[i]
			return []string{v.InstrumentID, v.Body, v.Date, w.sources(v.SourceIDs), verifiedOf(v.Verification, ""),
				v.Document, countOf(v.Yes), countOf(v.No), countOf(v.Abstain), countOf(v.NonVoting), yesNoOf(v.AdoptedWithoutVote), v.ReportedBy, v.Note}
		})
	}
	if len(r.Statuses) > 0 {
		w.file("treaty_statuses.csv", slices.Concat(treatyStatusColumns.required, treatyStatusColumns.optional), len(r.Statuses), func(i int) []string {
			s := r.Statuses[i]
			return []string{s.InstrumentID, s.ActorID, s.Status, w.sources(s.SourceIDs), verifiedOf(s.Verification, ""),
				s.Signed, s.Ratified, s.EntryIntoForce, s.Note}
		})
	}
}

func countOf(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func yesNoOf(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "yes"
	}
	return "no"
}

type writer struct {
	dir  string
	urls map[string]string
	err  error
}

func (w *writer) file(name string, header []string, n int, row func(int) []string) {
	if w.err != nil {
		return
	}
	f, err := os.Create(filepath.Join(w.dir, name))
	if err != nil {
		w.err = err
		return
	}
	cw := csv.NewWriter(f)
	_ = cw.Write(header)
	for i := 0; i < n; i++ {
		_ = cw.Write(row(i))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		w.err = fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Close(); err != nil && w.err == nil {
		w.err = err
	}
}

func (w *writer) actors(as []*stancegraph.Actor) {
	of := func(t stancegraph.ActorType) []*stancegraph.Actor {
		var out []*stancegraph.Actor
		for _, a := range as {
			if a.Type == t {
				out = append(out, a)
			}
		}
		return out
	}
	st, org, grp, ppl := of(stancegraph.ActorState), of(stancegraph.ActorOrganization), of(stancegraph.ActorGroup), of(stancegraph.ActorPerson)
	w.file("states.csv", []string{"iso3", "name", "aliases", "regional_group", "un_status", "source_url"}, len(st), func(i int) []string {
		a := st[i]
		return []string{a.ID, a.Name, join(a.Aliases), regionalGroupName(a.RegionalGroup), a.UNStatus, w.sources(a.SourceIDs)}
	})
	w.file("organizations.csv", []string{"id", "name", "aliases", "kind", "url", "note", "source_url"}, len(org), func(i int) []string {
		a := org[i]
		return []string{a.ID, a.Name, join(a.Aliases), lower(a.Kind), a.URL, a.Note, w.sources(a.SourceIDs)}
	})
	w.file("groups.csv", []string{"id", "name", "aliases", "kind", "note", "source_url"}, len(grp), func(i int) []string {
		a := grp[i]
		return []string{a.ID, a.Name, join(a.Aliases), lower(a.Kind), a.Note, w.sources(a.SourceIDs)}
	})
	w.file("people.csv", []string{"id", "name", "aliases", "organization", "role", "source_url"}, len(ppl), func(i int) []string {
		a := ppl[i]
		return []string{a.ID, a.Name, join(a.Aliases), a.OrganizationID, a.Role, w.sources(a.SourceIDs)}
	})
}

func (w *writer) positions(ps []*stancegraph.Position) {
	header := append([]string{"id", "actor", "stance", "source_url", "verified"}, positionColumns...)
	w.file("positions.csv", header, len(ps), func(i int) []string {
		p := ps[i]
		article := ""
		if p.ArticleID != "" {
			_, n, _ := stancegraph.ParseArticleRef(p.ArticleID)
			article = strconv.Itoa(n)
		}
		return []string{p.ID, p.ActorID, lower(p.Stance), w.sources(p.SourceIDs), verifiedOf(p.Verification, p.VerifiedText),
			lower(p.Kind), join(p.OnBehalfOf), join(p.JointWith), p.SpeakerID, p.InstrumentID, article, p.Paragraph, join(p.Topics),
			p.StanceText, p.Date, p.SessionID, p.Quote, p.Note, p.IssueID, p.AlternativeID, number(p.Salience)}
	})
}

// issues writes issues.csv and alternatives.csv (nothing when there are no issues).
func (w *writer) issues(is []*stancegraph.Issue) {
	if len(is) == 0 {
		return
	}
	var alts []*stancegraph.Alternative
	for _, i := range is {
		alts = append(alts, i.Alternatives...)
	}
	w.file("issues.csv", []string{"id", "name", "description", "negotiation", "reference", "reference_instrument", "reference_source_url",
		"outcome", "outcome_source_url", "topics", "note"}, len(is), func(k int) []string {
		i := is[k]
		return []string{i.ID, i.Name, i.Description, i.NegotiationID, i.ReferenceID, i.ReferenceInstrumentID, w.sources(i.ReferenceSourceIDs),
			i.OutcomeID, w.sources(i.OutcomeSourceIDs), join(i.Topics), i.Note}
	})
	w.file("alternatives.csv", []string{"id", "issue", "label", "value", "articles", "source_url", "note"}, len(alts), func(k int) []string {
		a := alts[k]
		return []string{a.ID, a.IssueID, a.Label, strconv.FormatFloat(a.Value, 'f', -1, 64), join(a.ArticleIDs), w.sources(a.SourceIDs), a.Note}
	})
}

func number(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func (w *writer) sources(ids []string) string {
	us := make([]string, len(ids))
	for i, id := range ids {
		us[i] = w.urls[id]
	}
	return join(us)
}

func join(xs []string) string { return strings.Join(xs, " ; ") }

func lower[T ~string](s T) string { return strings.ToLower(string(s)) }

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// verifiedOf writes a verification back as the data's own word when known.
func verifiedOf(v stancegraph.Verification, text string) string {
	if text != "" {
		if got, _ := stancegraph.ParseVerification(text); got == v {
			return text
		}
	}
	switch v {
	case stancegraph.Verified:
		return "yes"
	case stancegraph.Derived:
		return "derived"
	}
	return "no"
}

// regionalGroupName writes a regional group as the states file spells it.
func regionalGroupName(g stancegraph.RegionalGroup) string {
	return strings.ReplaceAll(strings.ToLower(string(g)), "_", " ")
}
