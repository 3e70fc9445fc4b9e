package storetest

import (
	"bytes"
	"context"
	"encoding/csv"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/curation"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
)

// The curators' change the issue tests make to the bundled data: issue
// threshold gets a reference point (with its draft and source) and a new
// alternative (threshold-50), and its alternative threshold-30 a new label
// and value. Test data, not a finding.
const (
	EditedIssue  = "threshold"
	refSourceURL = "https://www.publicnow.com/view/6D0D0A3E98516345DFFF030CF28E7469ED07AE9E"
	altSourceURL = "https://www.infosecurity-magazine.com/news-features/un-cybercrime-treaty-negotiations/"
	curatedNote  = "Curated: reference point read in the January 2024 draft."
)

// IssueQueries are answers that must be the same after IssueEdits as
// after loading IssueEditedData from its CSV files.
var IssueQueries = map[string]string{
	"Issue": `{ issue(id: "threshold") { id name note alternatives { id label value articles { id } sources { url } }
		reference { id } referenceInstrument { id } referenceSources { url } outcome { id } outcomeSources { url } topics { id }
		placements { actor { id } alternative { id } value salience distance } winners { actor { id } } losers { actor { id } } } }`,
	"OutcomeModels": `{ outcomeModels { name meanAbsoluteError predictions { issue { id } predicted outcome error actors } } }`,
	"Success":       `{ success(first: 500) { actor { id } meanDistance issues { issue { id } value outcome distance } } }`,
}

// IssueEdits returns, fresh and not yet validated, the edits that make the
// curators' change: an upsertIssue of threshold, then an upsertAlternative
// of threshold-30.
func IssueEdits(tb testing.TB) []*stancegraph.Edit {
	tb.Helper()
	d := Bundled(tb)
	urls := map[string]string{}
	for _, s := range d.Sources {
		urls[s.ID] = s.URL
	}
	var i *stancegraph.Issue
	for _, x := range d.Issues {
		if x.ID == EditedIssue {
			i = x.Clone()
		}
	}
	if i == nil {
		tb.Fatalf("the bundled data has no issue %q", EditedIssue)
	}
	i.ReferenceID, i.ReferenceInstrumentID, i.Note = "threshold-60", "ahc-draft-2024", curatedNote
	i.Alternatives = append(i.Alternatives, &stancegraph.Alternative{ID: "threshold-50", IssueID: EditedIssue, Label: "50 ratifications",
		Value: 81.8, ArticleIDs: []string{"uncc:65"}})
	e := &stancegraph.Edit{Issue: i, SourceURLs: urlsOf(i.OutcomeSourceIDs, urls), ReferenceSourceURLs: []string{refSourceURL},
		AlternativeSourceURLs: map[string][]string{"threshold-50": {altSourceURL}}}
	for _, a := range i.Alternatives[:len(i.Alternatives)-1] {
		e.AlternativeSourceURLs[a.ID] = urlsOf(a.SourceIDs, urls)
	}
	a := *i.Alternative("threshold-30")
	a.Label, a.Value = "30 ratifications (a fallback)", 45
	return []*stancegraph.Edit{e, {Alternative: &a, SourceURLs: urlsOf(a.SourceIDs, urls)}}
}

func urlsOf(ids []string, urls map[string]string) []string {
	out := make([]string, len(ids))
	for k, id := range ids {
		out[k] = urls[id]
	}
	return out
}

// IssueEditedData is the bundled data with IssueEdits' change made in
// issues.csv and alternatives.csv, read by the loaders.
func IssueEditedData(tb testing.TB) *stancegraph.Dataset {
	tb.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(data.FS, ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.FS, p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	fsys["issues.csv"].Data = rewriteCSV(tb, fsys["issues.csv"].Data, EditedIssue, map[string]string{
		"reference": "threshold-60", "reference_instrument": "ahc-draft-2024", "reference_source_url": refSourceURL, "note": curatedNote}, nil)
	fsys["alternatives.csv"].Data = rewriteCSV(tb, fsys["alternatives.csv"].Data, "threshold-30",
		map[string]string{"label": "30 ratifications (a fallback)", "value": "45"},
		map[string]string{"id": "threshold-50", "issue": EditedIssue, "label": "50 ratifications", "value": strconv.FormatFloat(81.8, 'f', -1, 64),
			"articles": "uncc:65", "source_url": altSourceURL})
	d, _, err := loaders.Read(fsys)
	if err != nil {
		tb.Fatalf("edited data: %v", err)
	}
	return d
}

// rewriteCSV sets columns of the row whose first column is id, and adds a
// row if add is not nil.
func rewriteCSV(tb testing.TB, b []byte, id string, set, add map[string]string) []byte {
	tb.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	col := map[string]int{}
	for k, name := range rows[0] {
		col[name] = k
	}
	for _, r := range rows[1:] {
		if r[0] == id {
			for name, v := range set {
				r[col[name]] = v
			}
		}
	}
	if add != nil {
		r := make([]string, len(rows[0]))
		for name, v := range add {
			r[col[name]] = v
		}
		rows = append(rows, r)
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	if err := w.WriteAll(rows); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// MustApply validates each edit as a mutation would and applies it.
func MustApply(tb testing.TB, s stancegraph.Store, edits []*stancegraph.Edit) {
	tb.Helper()
	ctx := context.Background()
	for _, e := range edits {
		e.Author, e.At = "key-test", "2026-11-26T00:00:00Z"
		if err := curation.ValidateEdit(ctx, s, e); err != nil {
			tb.Fatalf("%s %s: %v", e.Kind(), e.EntityID(), err)
		}
		if _, err := s.Apply(ctx, e); err != nil {
			tb.Fatalf("%s %s: %v", e.Kind(), e.EntityID(), err)
		}
	}
}

// testIssueCuration: curators' edits of an issue and an alternative give
// the issues the same data edited in CSV gives, keep their history and
// versions, survive a reload, and a store refuses an alternative its
// issue's scale cannot take, changing nothing.
func testIssueCuration(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := newStore(t)
	MustLoad(t, s, Bundled(t))
	MustApply(t, s, IssueEdits(t))
	want := IssueEditedData(t).Issues
	slices.SortFunc(want, func(a, b *stancegraph.Issue) int { return strings.Compare(a.ID, b.ID) })
	got, err := s.FindIssues(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if df := diff(want, got); df != "" {
		t.Fatalf("issues after the edits differ from the same data edited in CSV (-csv +edited):\n%s", df)
	}
	for key, n := range map[string]int{stancegraph.IssueKey(EditedIssue): 1, stancegraph.AlternativeKey("threshold-30"): 1, EditedIssue: 0} {
		if h, err := s.History(ctx, key); err != nil || len(h) != n || (n > 0 && h[0].Version != 1) {
			t.Fatalf("History(%q) = %+v, %v; want %d revision(s)", key, h, err, n)
		}
	}
	stale := IssueEdits(t)[1]
	stale.ExpectedVersion = ptrInt(0)
	if _, err := s.Apply(ctx, stale); stancegraph.ErrorCode(err) != stancegraph.ECONFLICT {
		t.Fatalf("an alternative edit expecting version 0 of a version-1 alternative: %v, want CONFLICT", err)
	}
	MustLoad(t, s, Bundled(t))
	if got, err := s.FindIssues(ctx); err != nil || diff(want, got) != "" {
		t.Fatalf("a reload undid the curators' change to the issue (-want +got):\n%s", diff(want, got))
	}
	for name, a := range map[string]*stancegraph.Alternative{
		"UnknownIssue":  {ID: "x-1", IssueID: "no-such-issue", Label: "x", Value: 50},
		"ValueAbove100": {ID: "threshold-99", IssueID: EditedIssue, Label: "x", Value: 150},
	} {
		if _, err := s.Apply(ctx, &stancegraph.Edit{Author: "k", At: "2026", Alternative: a}); stancegraph.ErrorCode(err) != stancegraph.EINVALID {
			t.Fatalf("%s: Apply = %v, want INVALID", name, err)
		}
		if h, _ := s.History(ctx, stancegraph.AlternativeKey(a.ID)); len(h) != 0 {
			t.Fatalf("%s: a refused edit left history %+v", name, h)
		}
	}
	if got, err := s.FindIssues(ctx); err != nil || diff(want, got) != "" {
		t.Fatalf("a refused edit changed the issues (-want +got):\n%s", diff(want, got))
	}
}
