package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/plan"
)

func ptr[T any](v T) *T { return &v }

func testActors(t *testing.T, fx *fixture) {
	ctx := context.Background()
	cases := []struct {
		name string
		f    stancegraph.ActorFilter
		min  int // the case must match at least this many, so it tests something
	}{
		{"All", stancegraph.ActorFilter{}, 200},
		{"ByNameCaseInsensitive", stancegraph.ActorFilter{Name: ptr("MICROSOFT")}, 1},
		{"ByAlias", stancegraph.ActorFilter{Name: ptr("Russia")}, 1},
		{"ByType", stancegraph.ActorFilter{Types: []stancegraph.ActorType{stancegraph.ActorOrganization}}, 5},
		{"ByRegionalGroup", stancegraph.ActorFilter{RegionalGroups: []stancegraph.RegionalGroup{stancegraph.GroupAfrican}}, 50},
		{"ByKind", stancegraph.ActorFilter{Kinds: []string{"NGO"}}, 2},
		{"ByIDs", stancegraph.ActorFilter{IDs: []string{"IRN", "microsoft", "nobody"}}, 2},
		{"Page", stancegraph.ActorFilter{Offset: 10, Limit: 7}, 7},
		{"PagePastEnd", stancegraph.ActorFilter{Offset: 100000, Limit: 5}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := fx.o.actorsMatching(c.f)
			got, total, err := fx.s.FindActors(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if total != len(want) {
				t.Fatalf("total = %d, want %d", total, len(want))
			}
			page := pageOf(want, c.f.Offset, c.f.Limit)
			if len(page) < c.min {
				t.Fatalf("the case matches %d actors, want at least %d (fixture changed?)", len(page), c.min)
			}
			if d := diff(page, got); d != "" {
				t.Fatalf("FindActors (-want +got):\n%s", d)
			}
		})
	}
	t.Run("PeopleByOrganizationIDs", func(t *testing.T) {
		got, err := fx.s.PeopleByOrganizationIDs(ctx, []string{"microsoft", "nobody"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || len(got[0]) == 0 || len(got[1]) != 0 {
			t.Fatalf("people of [microsoft nobody] = %d lists %v; want Microsoft's people then none", len(got), got)
		}
		for _, p := range got[0] {
			if p.Type != stancegraph.ActorPerson || p.OrganizationID != "microsoft" {
				t.Fatalf("person %+v does not speak for microsoft", p)
			}
		}
	})
	t.Run("Memberships", func(t *testing.T) {
		var wantEU int
		for _, m := range fx.d.Memberships {
			if m.GroupID == "eu" {
				wantEU++
			}
		}
		byGroup, err := fx.s.MembershipsBy(ctx, stancegraph.ByGroup, []string{"eu"})
		if err != nil {
			t.Fatal(err)
		}
		if len(byGroup[0]) != wantEU || wantEU < 27 {
			t.Fatalf("EU memberships = %d, want %d (at least 27)", len(byGroup[0]), wantEU)
		}
		byMember, err := fx.s.MembershipsBy(ctx, stancegraph.ByMember, []string{"FRA"})
		if err != nil {
			t.Fatal(err)
		}
		if len(byMember[0]) == 0 || byMember[0][0].GroupID != "eu" {
			t.Fatalf("France's memberships = %+v, want the EU", byMember[0])
		}
	})
}

func testTexts(t *testing.T, fx *fixture) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		f    stancegraph.ArticleFilter
	}{
		{"All", stancegraph.ArticleFilter{}},
		{"Void", stancegraph.ArticleFilter{Statuses: []stancegraph.ArticleStatus{stancegraph.StatusVoid}}},
		{"ByInstrumentAndNumber", stancegraph.ArticleFilter{InstrumentIDs: []string{"uncc"}, Number: ptr(6)}},
		{"ByChapter", stancegraph.ArticleFilter{Chapter: ptr("international cooperation")}},
		{"Page", stancegraph.ArticleFilter{Offset: 3, Limit: 4}},
		{"DefaultInstrument", stancegraph.ArticleFilter{DefaultInstrument: true, Number: ptr(5)}},
		{"DefaultInstrumentAll", stancegraph.ArticleFilter{DefaultInstrument: true}},
	} {
		t.Run("FindArticles/"+c.name, func(t *testing.T) {
			want := fx.o.articles(c.f)
			got, total, err := fx.s.FindArticles(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if total != len(want) || len(want) == 0 {
				t.Fatalf("total = %d, want %d (> 0)", total, len(want))
			}
			if d := diff(pageOf(want, c.f.Offset, c.f.Limit), got); d != "" {
				t.Fatalf("FindArticles (-want +got):\n%s", d)
			}
		})
	}
	t.Run("Lists", func(t *testing.T) {
		ins, err := fx.s.FindInstruments(ctx)
		if err != nil || len(ins) != len(fx.d.Instruments) {
			t.Fatalf("FindInstruments = %d, %v; want %d", len(ins), err, len(fx.d.Instruments))
		}
		ss, err := fx.s.FindSessions(ctx)
		if err != nil || len(ss) != len(fx.d.Sessions) {
			t.Fatalf("FindSessions = %d, %v; want %d", len(ss), err, len(fx.d.Sessions))
		}
		ts, err := fx.s.FindTopics(ctx)
		if err != nil || len(ts) != len(fx.d.Topics) {
			t.Fatalf("FindTopics = %d, %v; want %d", len(ts), err, len(fx.d.Topics))
		}
		src, n, err := fx.s.FindSources(ctx, stancegraph.SourceFilter{Classes: []stancegraph.SourceClass{stancegraph.ClassAIGenerated}})
		want := 0
		for _, s := range fx.d.Sources {
			if s.Class == stancegraph.ClassAIGenerated {
				want++
			}
		}
		if err != nil || n != want || len(src) != want || want == 0 {
			t.Fatalf("AI-generated sources = %d (total %d), %v; want %d", len(src), n, err, want)
		}
	})
}

// positionCases are filters over the bundled data, each matching something.
func positionCases(d *stancegraph.Dataset) map[string]stancegraph.PositionFilter {
	return map[string]stancegraph.PositionFilter{
		"All":             {},
		"WhoOpposesArt5":  {ArticleIDs: []string{"ahc-draft-2024:5"}, Stances: []stancegraph.Stance{stancegraph.Opposes}},
		"ByActor":         {ActorIDs: []string{"IRN"}},
		"ByActorType":     {ActorTypes: []stancegraph.ActorType{stancegraph.ActorOrganization}},
		"ByRegionalGroup": {RegionalGroups: []stancegraph.RegionalGroup{stancegraph.GroupWEOG}, Kinds: []stancegraph.PositionKind{stancegraph.KindStatement}},
		"ByInstrument":    {InstrumentIDs: []string{"unga-74-247"}, Stances: []stancegraph.Stance{stancegraph.Supports}},
		"ByTopic":         {Topics: []string{"scope"}},
		"ByKind":          {Kinds: []stancegraph.PositionKind{stancegraph.KindSignature}},
		"BySession":       {SessionIDs: []string{sessionWithPositions(d)}},
		"BySource":        {SourceIDs: []string{d.Positions[0].SourceIDs[0]}},
		"Represented":     {RepresentedIDs: []string{"eu", "RUS"}},
		"BySourceClass":   {SourceClasses: []stancegraph.SourceClass{stancegraph.ClassAIGenerated, stancegraph.ClassGovernment}},
		"ByVerification":  {Verifications: []stancegraph.Verification{stancegraph.Derived}},
		"ByDateRange":     {DateFrom: "2024-07-29", DateTo: "2024-08-09"},
		"ByMonthPrefix":   {DateFrom: "2024-08", DateTo: "2024-08"},
		"SortedDesc":      {Sort: stancegraph.SortDateDesc, Stances: []stancegraph.Stance{stancegraph.Opposes}},
		"FirstPage":       {Limit: 10},
		"MiddlePage":      {Offset: 10, Limit: 10, Sort: stancegraph.SortDateDesc},
		"LastPartialPage": {Offset: len(d.Positions) - 3, Limit: 10},
		"PastTheEnd":      {Offset: len(d.Positions) + 5, Limit: 10},
		"Combined":        {ActorTypes: []stancegraph.ActorType{stancegraph.ActorState}, Stances: []stancegraph.Stance{stancegraph.Opposes, stancegraph.Deletes}, DateFrom: "2019"},
	}
}

func testPositions(t *testing.T, fx *fixture) {
	ctx := context.Background()
	for name, f := range positionCases(fx.d) {
		t.Run(name, func(t *testing.T) {
			want := fx.o.positions(f)
			if len(want) == 0 {
				t.Fatalf("the filter matches nothing in the bundled data, so it tests nothing")
			}
			got, total, err := fx.s.FindPositions(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if total != len(want) {
				t.Fatalf("total = %d, want %d", total, len(want))
			}
			if d := diff(pageOf(want, f.Offset, f.Limit), got); d != "" {
				t.Fatalf("FindPositions (-want +got):\n%s", d)
			}
		})
	}
}

func testBatches(t *testing.T, fx *fixture) {
	ctx := context.Background()
	ids := []string{"IRN", "nobody", "microsoft", "IRN"}
	t.Run("ActorsByIDs", func(t *testing.T) {
		got, err := stancegraph.Get(fx.s).Actors(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(ids) || got[1] != nil {
			t.Fatalf("ActorsByIDs(%v) = %d results, [1]=%v; want %d with nil for the unknown id", ids, len(got), got[1], len(ids))
		}
		for i, id := range []string{"IRN", "", "microsoft", "IRN"} {
			if id != "" && (got[i] == nil || got[i].ID != id) {
				t.Fatalf("ActorsByIDs[%d] = %v, want %s (key order kept)", i, got[i], id)
			}
		}
		if d := diff(fx.o.actors["IRN"], got[0]); d != "" {
			t.Fatalf("Iran (-want +got):\n%s", d)
		}
	})
	f := stancegraph.PositionFilter{Stances: []stancegraph.Stance{stancegraph.Opposes, stancegraph.Supports}}
	check := func(t *testing.T, got [][]*stancegraph.Position, err error, ids []string, field func(stancegraph.PositionFilter, string) stancegraph.PositionFilter) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(ids) {
			t.Fatalf("%d lists for %d ids", len(got), len(ids))
		}
		nonEmpty := 0
		for i, id := range ids {
			want := fx.o.positions(field(f, id))
			if d := diff(want, got[i]); d != "" {
				t.Fatalf("positions of %s (-want +got):\n%s", id, d)
			}
			nonEmpty += len(want)
		}
		if nonEmpty == 0 {
			t.Fatal("every list is empty: the case tests nothing")
		}
	}
	t.Run("PositionsByActorIDs", func(t *testing.T) {
		got, err := fx.s.PositionsBy(ctx, stancegraph.ByActor, ids, f)
		check(t, got, err, ids, func(f stancegraph.PositionFilter, id string) stancegraph.PositionFilter {
			f.ActorIDs = []string{id}
			return f
		})
	})
	t.Run("PositionsByArticleIDs", func(t *testing.T) {
		arts := []string{"ahc-draft-2024:5", "uncc:6", "nope:1"}
		got, err := fx.s.PositionsBy(ctx, stancegraph.ByArticle, arts, f)
		check(t, got, err, arts, func(f stancegraph.PositionFilter, id string) stancegraph.PositionFilter {
			f.ArticleIDs = []string{id}
			return f
		})
	})
	t.Run("PositionsBySourceIDs", func(t *testing.T) {
		srcs := []string{fx.d.Positions[0].SourceIDs[0], "src-none", fx.d.Sources[len(fx.d.Sources)-1].ID}
		got, err := fx.s.PositionsBy(ctx, stancegraph.BySource, srcs, f)
		check(t, got, err, srcs, func(f stancegraph.PositionFilter, id string) stancegraph.PositionFilter {
			f.SourceIDs = []string{id}
			return f
		})
	})
	t.Run("PositionsWith", func(t *testing.T) {
		all := plan.Expand{Actors: true, Articles: true, ArticleInstruments: true, Instruments: true, Sources: true, Sessions: true, Topics: true}
		expands := []plan.Expand{{}, all, {Actors: true}, {ArticleInstruments: true}, {Articles: true, Sources: true}, {Sessions: true, Topics: true, Instruments: true}}
		parents := map[stancegraph.PositionParent][]string{
			stancegraph.ByActor:   ids,
			stancegraph.ByArticle: {"ahc-draft-2024:5", "uncc:6", "nope:1"},
			stancegraph.BySource:  {fx.d.Positions[0].SourceIDs[0], "src-none", fx.d.Sources[len(fx.d.Sources)-1].ID},
		}
		var found plan.Related
		for by, keys := range parents {
			want, err := fx.s.PositionsBy(ctx, by, keys, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range expands {
				got, rel, err := plan.PositionsWith(ctx, fx.s, by, keys, f, e)
				if err != nil {
					t.Fatalf("%s %+v: %v", by, e, err)
				}
				if d := diff(want, got); d != "" {
					t.Fatalf("%s %+v: positions (-PositionsBy +PositionsWith):\n%s", by, e, d)
				}
				wantRel, err := plan.LookupRelated(ctx, fx.s, slices.Concat(want...), e)
				if err != nil {
					t.Fatal(err)
				}
				if d := diff(wantRel, rel); d != "" {
					t.Fatalf("%s %+v: related (-LookupRelated +PositionsWith):\n%s", by, e, d)
				}
				if e == all {
					found.Actors = append(found.Actors, rel.Actors...)
					found.Articles = append(found.Articles, rel.Articles...)
					found.Instruments = append(found.Instruments, rel.Instruments...)
					found.Sources = append(found.Sources, rel.Sources...)
					found.Sessions = append(found.Sessions, rel.Sessions...)
					found.Topics = append(found.Topics, rel.Topics...)
				}
			}
		}
		if len(found.Actors) == 0 || len(found.Articles) == 0 || len(found.Instruments) == 0 || len(found.Sources) == 0 || len(found.Sessions) == 0 || len(found.Topics) == 0 {
			t.Fatalf("everything expanded found only %s: the case tests too little", &found)
		}
		if _, _, err := plan.PositionsWith(ctx, fx.s, "nope", ids, f, all); stancegraph.ErrorCode(err) != stancegraph.EINVALID {
			t.Fatalf("PositionsWith by nope: %v, want %s", err, stancegraph.EINVALID)
		}
	})
	t.Run("StanceCounts", func(t *testing.T) {
		parents := map[stancegraph.PositionParent][]string{
			stancegraph.ByActor:   ids,
			stancegraph.ByArticle: {"ahc-draft-2024:5", "uncc:6", "nope:1", "uncc:6"},
			stancegraph.BySource:  {fx.d.Positions[0].SourceIDs[0], "src-none", fx.d.Sources[len(fx.d.Sources)-1].ID},
		}
		for by, keys := range parents {
			for _, f := range []stancegraph.PositionFilter{{}, f, {Kinds: []stancegraph.PositionKind{stancegraph.KindVote}}} {
				want, err := stancegraph.CountStances(ctx, fx.s, by, keys, f)
				if err != nil {
					t.Fatal(err)
				}
				got, err := fx.s.StanceCounts(ctx, by, keys, f)
				if err != nil {
					t.Fatalf("%s %+v: %v", by, f, err)
				}
				if d := diff(want, got); d != "" {
					t.Fatalf("%s %+v (-counted +StanceCounts):\n%s", by, f, d)
				}
				if f.Kinds == nil && len(want[0]) == 0 {
					t.Fatalf("%s: no stance counted for %s: the case tests too little", by, keys[0])
				}
			}
		}
	})
	t.Run("FindWith", func(t *testing.T) {
		all := plan.Expand{Actors: true, Articles: true, ArticleInstruments: true, Instruments: true, Sources: true, Sessions: true, Topics: true}
		opp := stancegraph.PositionFilter{Stances: []stancegraph.Stance{stancegraph.Opposes}}
		nested := &plan.With{
			Positions: []plan.PositionsOf{{Filter: f, Expand: plan.Expand{Actors: true}}, {Corresponding: true}},
			Counts:    []plan.CountsOf{{Corresponding: true}, {Filter: opp}},
		}
		w := plan.With{
			Positions: []plan.PositionsOf{{Expand: all, ArticleWith: nested}, {Filter: opp, ArticleWith: nested}, {Filter: opp, Expand: plan.Expand{Actors: true}, Corresponding: true}, {Filter: f},
				// The parents replace the filter's own ids of their kind, and only those.
				{Filter: stancegraph.PositionFilter{ActorIDs: []string{"IRN"}, ArticleIDs: []string{"uncc:6"}}, Corresponding: true}},
			Counts: []plan.CountsOf{{}, {Filter: opp, Corresponding: true}, {Filter: stancegraph.PositionFilter{ActorIDs: []string{"IRN"}, ArticleIDs: []string{"uncc:6"}}}},
		}
		found, deeper := 0, 0
		count := func(kids *plan.Children) {
			for _, c := range kids.Positions {
				for _, l := range c.Lists {
					found += len(l)
				}
				if c.Articles != nil {
					for _, cc := range c.Articles.Positions {
						for _, l := range cc.Lists {
							deeper += len(l)
						}
					}
				}
			}
		}
		five, name, none := 5, "microsoft", "no-such-actor-anywhere"
		for _, af := range []stancegraph.ActorFilter{
			{Types: []stancegraph.ActorType{stancegraph.ActorOrganization}, Limit: 10},
			{IDs: []string{"IRN", "nobody", "microsoft"}},
			{Name: &name}, {Name: &none}, {Offset: 5, Limit: 3},
		} {
			aw := w
			aw.People = true
			want, wantTotal, wantKids, err := plan.ComposeActorsWith(ctx, fx.s, af, aw)
			if err != nil {
				t.Fatal(err)
			}
			got, total, kids, err := plan.FindActorsWith(ctx, fx.s, af, aw)
			if err != nil {
				t.Fatalf("FindActorsWith(%+v): %v", af, err)
			}
			if d := diff(want, got); d != "" || total != wantTotal {
				t.Fatalf("FindActorsWith(%+v): total %d, want %d; actors (-want +got):\n%s", af, total, wantTotal, d)
			}
			if d := diff(wantKids, kids); d != "" {
				t.Fatalf("FindActorsWith(%+v): children (-composed +got):\n%s", af, d)
			}
			count(kids)
		}
		for _, rf := range []stancegraph.ArticleFilter{
			{Number: &five, DefaultInstrument: true}, {}, {Offset: 3, Limit: 4}, {InstrumentIDs: []string{"uncc"}},
		} {
			want, wantTotal, wantKids, err := plan.ComposeArticlesWith(ctx, fx.s, rf, w)
			if err != nil {
				t.Fatal(err)
			}
			got, total, kids, err := plan.FindArticlesWith(ctx, fx.s, rf, w)
			if err != nil {
				t.Fatalf("FindArticlesWith(%+v): %v", rf, err)
			}
			if d := diff(want, got); d != "" || total != wantTotal {
				t.Fatalf("FindArticlesWith(%+v): total %d, want %d; articles (-want +got):\n%s", rf, total, wantTotal, d)
			}
			if d := diff(wantKids, kids); d != "" {
				t.Fatalf("FindArticlesWith(%+v): children (-composed +got):\n%s", rf, d)
			}
			count(kids)
		}
		if found == 0 || deeper == 0 {
			t.Fatalf("%d child positions, %d on their articles: the case tests too little", found, deeper)
		}
	})
	t.Run("OtherBatches", func(t *testing.T) {
		for name, n := range map[string]func() (int, error){
			"Articles": func() (int, error) {
				v, err := stancegraph.Get(fx.s).Articles(ctx, []string{"uncc:6", "x:1"})
				return count(v), err
			},
			"Instruments": func() (int, error) {
				v, err := stancegraph.Get(fx.s).Instruments(ctx, []string{"uncc", "x"})
				return count(v), err
			},
			"Sessions": func() (int, error) {
				v, err := stancegraph.Get(fx.s).Sessions(ctx, []string{fx.d.Sessions[0].ID, "x"})
				return count(v), err
			},
			"Topics": func() (int, error) {
				v, err := stancegraph.Get(fx.s).Topics(ctx, []string{"scope", "x"})
				return count(v), err
			},
			"Sources": func() (int, error) {
				v, err := stancegraph.Get(fx.s).Sources(ctx, []string{fx.d.Sources[0].ID, "x"})
				return count(v), err
			},
		} {
			if got, err := n(); err != nil || got != 1 {
				t.Errorf("%sByIDs([known unknown]) found %d, %v; want exactly 1 (and a nil)", name, got, err)
			}
		}
	})
}

// count returns the number of non-nil entries of a 2-entry batch result,
// checking its length.
func count[V any](vs []*V) int {
	if len(vs) != 2 {
		panic(fmt.Sprintf("batch returned %d entries for 2 ids", len(vs)))
	}
	n := 0
	for _, v := range vs {
		if v != nil {
			n++
		}
	}
	return n
}

// sessionWithPositions returns the session of the first position placed in one.
func sessionWithPositions(d *stancegraph.Dataset) string {
	for _, p := range d.Positions {
		if p.SessionID != "" {
			return p.SessionID
		}
	}
	return ""
}
