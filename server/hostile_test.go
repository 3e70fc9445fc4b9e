package server_test

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/auth"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestHostileSmallItems: the smaller findings of the hostile review
// answer with the right code instead of everything, a wrap, a panic or
// a leak.
func TestHostileSmallItems(t *testing.T) {
	ks, _ := auth.Open(filepath.Join(t.TempDir(), "keys.json"))
	url, _ := countingServer(t, server.Options{Keys: ks})
	wrap := base64.StdEncoding.EncodeToString([]byte("offset:9223372036854775807"))
	for _, tc := range []struct{ name, query, code, not string }{
		{"FirstZero", `{ positions(first: 0) { totalCount edges { cursor } } }`, "BAD_USER_INPUT", ""},
		{"CursorWraps", `{ positions(first: 1, after: "` + wrap + `") { edges { cursor } } }`, "BAD_USER_INPUT", ""},
		{"EdgesPerActorZero", `{ graph(edgesPerActor: 0) { nodes { id } } }`, "BAD_USER_INPUT", ""},
		{"HugeResolution", `{ blocs(options: {resolution: 1e308}) { modularity } }`, "BAD_USER_INPUT", ""},
		{"AnonymousCreateKey", `mutation { createApiKey(role: CURATOR, label: "x") { key } }`, "UNAUTHENTICATED", ""},
		{"IntrospectionOff", `{ __schema { types { name } } }`, "INTROSPECTION_DISABLED", "Internal"},
		{"NoSuggestions", `{ upsertPositon }`, "GRAPHQL_VALIDATION_FAILED", "Did you mean"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := storetest.Post(t, url, tc.query, nil)
			if r.Code() != tc.code || (tc.not != "" && strings.Contains(string(r.Raw), tc.not)) {
				t.Fatalf("code %q, want %q: %.400s", r.Code(), tc.code, r.Raw)
			}
		})
	}
	if r := storetest.Post(t, url, `{ blocs(options: {resolution: 2}) { modularity } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("a reasonable resolution: %.300s", r.Raw)
	}
}

// TestMetricsPrivate: with -private-reads, /metrics needs a key too.
func TestMetricsPrivate(t *testing.T) {
	ks, _ := auth.Open(filepath.Join(t.TempDir(), "keys.json"))
	key, _, _ := ks.Add(auth.RoleCurator, "c")
	s := memstore.New()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	ts := httptest.NewServer(server.New(s, server.Options{Keys: ks, PrivateReads: true}))
	defer ts.Close()
	res, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("anonymous /metrics under private reads: %d", res.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	if res, err = http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("/metrics with a key: %v %v", res.StatusCode, err)
	}
	res.Body.Close()
}

// TestMutationTexts: a NUL byte or a huge text in a mutation is refused,
// naming the field.
func TestMutationTexts(t *testing.T) {
	c := newCurated(t)
	for _, tc := range []struct{ name, extra, want string }{
		{"NUL", `, note: "a\u0000b"`, "input.note: holds a control character at byte 2"},
		{"Huge", `, note: "` + strings.Repeat("x", 20<<10+1) + `"`, "input.note: is 20481 bytes; the limit is 20480"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.post(t, c.curator, positionMutation("pos-text", tc.extra))
			if r.Code() != "BAD_USER_INPUT" || !strings.Contains(string(r.Raw), tc.want) {
				t.Fatalf("%.300s", r.Raw)
			}
		})
	}
}
