package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/journal"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

const (
	upsertIssue       = `mutation($in: IssueInput!, $v: Int) { upsertIssue(input: $in, expectedVersion: $v) { revision { entityId kind version } issue { id } } }`
	upsertAlternative = `mutation($in: AlternativeInput!, $v: Int) { upsertAlternative(input: $in, expectedVersion: $v) { revision { entityId kind version } issue { id alternatives { id value } } } }`
)

// journaled is a curated server over the bundled data on the embedded
// store, with its journal at path.
func journaled(t *testing.T, path string) *curated {
	t.Helper()
	return curatedOn(t, filepath.Dir(path), func(s *memstore.Store) stancegraph.Store {
		j, _, err := journal.Open(context.Background(), s, path)
		if err != nil {
			t.Fatal(err)
		}
		return j
	})
}

// postVars posts a query with its variables, with key unless it is "".
func (c *curated) postVars(t *testing.T, key, q string, vars map[string]any) *storetest.Response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	res, raw := postBody(t, c.url, key, string(body))
	r := &storetest.Response{Status: res.StatusCode, Raw: raw}
	if err := json.Unmarshal(r.Raw, r); err != nil {
		t.Fatalf("not JSON (%d): %s", res.StatusCode, r.Raw)
	}
	return r
}

// postBody posts a JSON body to url, with key unless it is "", and
// returns the response and its body.
func postBody(t *testing.T, url, key, body string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(res.Body)
	return res, b.Bytes()
}

// issueInputs are storetest.IssueEdits as the mutations' variables.
func issueInputs(t *testing.T) (issue, alt map[string]any) {
	edits := storetest.IssueEdits(t)
	e, i := edits[0], edits[0].Issue
	alts := []any{}
	for _, a := range i.Alternatives {
		alts = append(alts, map[string]any{"id": a.ID, "label": a.Label, "value": a.Value, "articles": a.ArticleIDs,
			"sourceUrls": e.AlternativeSourceURLs[a.ID], "note": a.Note})
	}
	issue = map[string]any{"id": i.ID, "name": i.Name, "description": i.Description, "negotiation": i.NegotiationID,
		"reference": i.ReferenceID, "referenceInstrument": i.ReferenceInstrumentID, "referenceSourceUrls": e.ReferenceSourceURLs,
		"outcome": i.OutcomeID, "outcomeSourceUrls": e.SourceURLs, "topics": i.Topics, "alternatives": alts, "note": i.Note}
	a := edits[1].Alternative
	alt = map[string]any{"id": a.ID, "issue": a.IssueID, "label": a.Label, "value": a.Value, "articles": a.ArticleIDs,
		"sourceUrls": edits[1].SourceURLs, "note": a.Note}
	return issue, alt
}

// mustEditIssue makes storetest.IssueEdits' change through the mutations.
func mustEditIssue(t *testing.T, c *curated) {
	t.Helper()
	issue, alt := issueInputs(t)
	r := c.postVars(t, c.curator, upsertIssue, map[string]any{"in": issue, "v": 0})
	if len(r.Errors) > 0 || !strings.Contains(string(r.Raw), `"revision":{"entityId":"issue:threshold","kind":"ISSUE","version":1}`) {
		t.Fatalf("upsertIssue: %s", r.Raw)
	}
	r = c.postVars(t, c.curator, upsertAlternative, map[string]any{"in": alt, "v": 0})
	if len(r.Errors) > 0 || !strings.Contains(string(r.Raw), `{"id":"threshold-30","value":45}`) || !strings.Contains(string(r.Raw), `"threshold-50"`) {
		t.Fatalf("upsertAlternative: %s", r.Raw)
	}
}

// TestIssueMutationsMatchCSV: after upsertIssue and upsertAlternative, the
// issue, the outcome models and success answer as they do when the same
// change is made in issues.csv and alternatives.csv and loaded.
func TestIssueMutationsMatchCSV(t *testing.T) {
	c := journaled(t, filepath.Join(t.TempDir(), "journal"))
	mustEditIssue(t, c)
	csv := memstore.New()
	storetest.MustLoad(t, csv, storetest.IssueEditedData(t))
	ref := httptest.NewServer(server.New(csv, server.Options{}))
	defer ref.Close()
	for name, q := range storetest.IssueQueries {
		want, got := storetest.Post(t, ref.URL+"/graphql", q, nil), storetest.Post(t, c.url, q, nil)
		if len(want.Errors) > 0 || !bytes.Equal(want.Raw, got.Raw) {
			t.Errorf("%s: the edited graph answers otherwise than the edited CSV\ncsv:    %.1500s\nedited: %.1500s", name, want.Raw, got.Raw)
		}
	}
	h := c.post(t, "", `{ a: history(id: "issue:threshold") { kind version } b: history(id: "alternative:threshold-30") { kind version } }`)
	if !strings.Contains(string(h.Raw), `"a":[{"kind":"ISSUE","version":1}],"b":[{"kind":"ALTERNATIVE","version":1}]`) {
		t.Fatalf("history: %s", h.Raw)
	}
}

// TestIssueMutationRefusals: each invalid change is refused naming the
// field path, and nothing is written: not the store, not the journal.
func TestIssueMutationRefusals(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal")
	c := journaled(t, path)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	issueQ := storetest.IssueQueries["Issue"]
	answer := c.post(t, "", issueQ).Raw
	issue := func(change func(in map[string]any)) map[string]any {
		in, _ := issueInputs(t)
		change(in)
		return map[string]any{"in": in}
	}
	alt := func(change func(in map[string]any)) map[string]any {
		_, in := issueInputs(t)
		change(in)
		return map[string]any{"in": in}
	}
	nth := func(in map[string]any, k int) map[string]any { return in["alternatives"].([]any)[k].(map[string]any) }
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		key, code   string
		message     string
	}{
		{"ValueAbove100", upsertAlternative, alt(func(in map[string]any) { in["value"] = 150 }), c.curator, "BAD_USER_INPUT",
			`input.value: Alternative "threshold-30" has value 150; values lie within 0–100.`},
		{"NestedValueBelow0", upsertIssue, issue(func(in map[string]any) { nth(in, 1)["value"] = -5 }), c.curator, "BAD_USER_INPUT",
			`input.alternatives[1].value: Alternative "threshold-30" has value -5; values lie within 0–100.`},
		{"UnknownIssue", upsertAlternative, alt(func(in map[string]any) { in["issue"], in["id"] = "no-such-issue", "x-1" }), c.curator, "BAD_USER_INPUT",
			`input.issue: unknown issue "no-such-issue" (create it with upsertIssue)`},
		{"NoIssue", upsertAlternative, alt(func(in map[string]any) { delete(in, "issue") }), c.curator, "BAD_USER_INPUT",
			`input.issue: is required`},
		{"OutcomeNotAnAlternative", upsertIssue, issue(func(in map[string]any) { in["outcome"] = "scope-broad" }), c.curator, "BAD_USER_INPUT",
			`input.outcome: The outcome of issue "threshold", "scope-broad", is not one of its alternatives.`},
		{"ReferenceNotAnAlternative", upsertIssue, issue(func(in map[string]any) { in["reference"] = "threshold-99" }), c.curator, "BAD_USER_INPUT",
			`input.reference: The reference point of issue "threshold", "threshold-99", is not one of its alternatives.`},
		{"NoAlternatives", upsertIssue, issue(func(in map[string]any) { in["alternatives"] = []any{} }), c.curator, "BAD_USER_INPUT",
			`input.alternatives: Issue "threshold" has 0 alternatives; an issue needs at least two.`},
		{"DropsAFavouredAlternative", upsertIssue, issue(func(in map[string]any) { in["alternatives"] = slices.Delete(in["alternatives"].([]any), 1, 2) }),
			c.curator, "BAD_USER_INPUT", `input.alternatives: leaves out alternative "threshold-30", which 3 position(s) favour ("pos-s045" first)`},
		{"MovesAnAlternative", upsertAlternative, alt(func(in map[string]any) { in["id"] = "scope-broad" }), c.curator, "BAD_USER_INPUT",
			`input.issue: alternative "scope-broad" is on issue "scope"; an alternative does not move to another issue`},
		{"ReferenceWithoutDraft", upsertIssue, issue(func(in map[string]any) { delete(in, "referenceInstrument") }), c.curator, "BAD_USER_INPUT",
			`input.referenceInstrument: is required with a reference`},
		{"PositionOnAnotherIssuesAlternative", `mutation { upsertPosition(input: {id: "pos-alt", actor: "MEX", instrument: "uncc", article: 65,
			stance: AMENDS, sourceUrls: ["` + seedURL + `"], verification: UNVERIFIED, alternative: "threshold-60", issue: "scope"}) { revision { version } } }`,
			nil, c.curator, "BAD_USER_INPUT", `input.alternative: alternative "threshold-60" belongs to issue "threshold", not to issue "scope"`},
		{"Anonymous", upsertAlternative, alt(func(map[string]any) {}), "", "UNAUTHENTICATED", "Changes need a curator key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.postVars(t, tc.key, tc.query, tc.vars)
			if r.Code() != tc.code || !strings.Contains(r.Errors[0].Message, tc.message) {
				t.Fatalf("code %q, want %q with %q: %s", r.Code(), tc.code, tc.message, r.Raw)
			}
		})
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatalf("refused changes reached the journal:\n%s", after[len(before):])
	}
	if got := c.post(t, "", issueQ).Raw; !bytes.Equal(got, answer) {
		t.Fatalf("refused changes changed the issue:\nbefore: %.500s\nafter:  %.500s", answer, got)
	}
	h := c.post(t, "", `{ a: history(id: "issue:threshold") { version } b: history(id: "alternative:threshold-30") { version } c: history(id: "pos-alt") { version } }`)
	if !strings.Contains(string(h.Raw), `{"a":[],"b":[],"c":[]}`) {
		t.Fatalf("refused changes left history: %s", h.Raw)
	}
}

// TestIssueEditsReplay: issue edits are journaled, and a restart (a fresh
// store, the data loaded, the journal replayed) has them, with their
// versions.
func TestIssueEditsReplay(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal")
	c := journaled(t, path)
	mustEditIssue(t, c)
	s := memstore.New()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	j, rep, err := journal.Open(ctx, s, path)
	if err != nil || rep.Records != 2 {
		t.Fatalf("replay: %+v, %v; want 2 records", rep, err)
	}
	restarted := httptest.NewServer(server.New(j, server.Options{}))
	defer restarted.Close()
	for name, q := range storetest.IssueQueries {
		want, got := storetest.Post(t, c.url, q, nil), storetest.Post(t, restarted.URL+"/graphql", q, nil)
		if !bytes.Equal(want.Raw, got.Raw) {
			t.Errorf("%s after a restart differs\nbefore: %.1000s\nafter:  %.1000s", name, want.Raw, got.Raw)
		}
	}
	if h, err := j.History(ctx, stancegraph.AlternativeKey("threshold-30")); err != nil || len(h) != 1 || h[0].Version != 1 {
		t.Fatalf("history after a restart: %+v, %v", h, err)
	}
}
