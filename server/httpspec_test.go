package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// The rules of the GraphQL-over-HTTP spec that HTTPSpec adds to gqlgen:
// https://graphql.github.io/graphql-over-http/draft/. tests/audit/run.sh
// runs graphql-http's own audits against the built binary.

const (
	ctJSON = "application/json"
	ctGQL  = "application/graphql-response+json"
)

// specServer serves the bundled data from a memory store with the default options.
func specServer(t *testing.T) string {
	t.Helper()
	s := memstore.New()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	ts := httptest.NewServer(server.New(s, server.Options{}))
	t.Cleanup(ts.Close)
	return ts.URL + "/graphql"
}

type specResponse struct {
	Status      int
	ContentType string
	Header      http.Header
	Raw         []byte
	Body        map[string]json.RawMessage // the top-level entries of the JSON body
}

// hasData tells whether the response has a data entry (null counts).
func (r *specResponse) hasData() bool { _, ok := r.Body["data"]; return ok }

// code is the extensions.code of the first error, or "".
func (r *specResponse) code() string {
	var errs []struct {
		Extensions struct{ Code string } `json:"extensions"`
	}
	_ = json.Unmarshal(r.Body["errors"], &errs)
	if len(errs) == 0 {
		return ""
	}
	return errs[0].Extensions.Code
}

// specDo sends a request with the given Accept and Content-Type ("" leaves
// the header out) and decodes the JSON body it must get back.
func specDo(t *testing.T, method, target, accept, contentType string, body io.Reader) *specResponse {
	t.Helper()
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := &specResponse{Status: res.StatusCode, ContentType: res.Header.Get("Content-Type"), Header: res.Header, Raw: raw}
	if method != http.MethodHead && method != http.MethodOptions {
		if err := json.Unmarshal(raw, &r.Body); err != nil {
			t.Fatalf("%s %s: the body is not a JSON object (status %d): %s", method, target, res.StatusCode, raw)
		}
		if _, ok := r.Body["errors"]; !ok && !r.hasData() {
			t.Fatalf("%s %s: neither data nor errors: %s", method, target, raw)
		}
	}
	return r
}

func specPost(t *testing.T, target, accept, body string) *specResponse {
	t.Helper()
	return specDo(t, http.MethodPost, target, accept, ctJSON, strings.NewReader(body))
}

func specGet(t *testing.T, target, accept string, params url.Values) *specResponse {
	t.Helper()
	return specDo(t, http.MethodGet, target+"?"+params.Encode(), accept, "", nil)
}

func gqlBody(t *testing.T, query string, vars map[string]any, operationName string) string {
	t.Helper()
	m := map[string]any{"query": query}
	if vars != nil {
		m["variables"] = vars
	}
	if operationName != "" {
		m["operationName"] = operationName
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// wantResponse checks the status, the media type and whether there is a data entry.
func wantResponse(t *testing.T, r *specResponse, status int, contentType string, data bool) {
	t.Helper()
	if r.Status != status {
		t.Errorf("status %d, want %d: %s", r.Status, status, r.Raw)
	}
	if !strings.HasPrefix(r.ContentType, contentType) {
		t.Errorf("Content-Type %q, want %q", r.ContentType, contentType)
	}
	if r.hasData() != data {
		t.Errorf("data entry present = %v, want %v: %s", r.hasData(), data, r.Raw)
	}
}

func TestHTTPSpecPOST(t *testing.T) {
	target := specServer(t)
	deep := "{ actor(id: \"IRN\") { positions { article { positions { actor { positions { article { positions { actor { positions { article { positions { id } } } } } } } } } } } } }"
	byVar := "query A($n: Int!) { article(number: $n) { number } }"
	for _, c := range []struct {
		name, body string
		code       string
		// status and whether the response has a data entry, under each Accept
		jsonStatus, gqlStatus int
		data                  bool
	}{
		{"MalformedJSON", `{"query": "{ release { id } }"`, "BAD_REQUEST", 400, 400, false},
		{"BodyIsNotAnObject", `["{ release { id } }"]`, "BAD_REQUEST", 400, 400, false},
		{"EmptyBody", ``, "BAD_REQUEST", 400, 400, false},
		{"NoQuery", `{"qeury": "{ release { id } }"}`, "BAD_REQUEST", 400, 400, false},
		{"QueryIsNotAString", `{"query": {"release": "id"}}`, "BAD_REQUEST", 400, 400, false},
		{"VariablesIsNotAnObject", `{"query": "{ release { id } }", "variables": [7]}`, "BAD_REQUEST", 400, 400, false},
		{"ParseError", gqlBody(t, `{ article(number: 5) { number `, nil, ""), "GRAPHQL_PARSE_FAILED", 200, 400, false},
		{"ValidationError", gqlBody(t, `{ article(number: 5) { nope } }`, nil, ""), "GRAPHQL_VALIDATION_FAILED", 200, 400, false},
		{"UnknownOperation", gqlBody(t, `query A { release { id } }`, nil, "B"), "GRAPHQL_VALIDATION_FAILED", 200, 400, false},
		{"VariableOfWrongType", gqlBody(t, byVar, map[string]any{"n": "five"}, ""), "GRAPHQL_VALIDATION_FAILED", 200, 400, false},
		{"VariableMissing", gqlBody(t, byVar, map[string]any{}, ""), "GRAPHQL_VALIDATION_FAILED", 200, 400, false},
		{"TooDeep", gqlBody(t, deep, nil, ""), "QUERY_TOO_DEEP", 200, 400, false},
		// Field errors: execution ran, so data stays (null or partial) at 200.
		{"FieldErrorNullsData", gqlBody(t, `{ positions(first: 100000) { totalCount } }`, nil, ""), "BAD_USER_INPUT", 200, 200, true},
		{"FieldErrorPartialData", gqlBody(t, `{ article(number: 5, instrument: "nope") { number } }`, nil, ""), "NOT_FOUND", 200, 200, true},
		{"OK", gqlBody(t, byVar, map[string]any{"n": 5}, "A"), "", 200, 200, true},
		{"NullParameters", `{"query": "{ release { id } }", "variables": null, "operationName": null, "extensions": null}`, "", 200, 200, true},
	} {
		for _, accept := range []string{ctJSON, ctGQL} {
			t.Run(c.name+"/"+accept, func(t *testing.T) {
				r := specPost(t, target, accept, c.body)
				status := c.jsonStatus
				if accept == ctGQL {
					status = c.gqlStatus
				}
				wantResponse(t, r, status, accept, c.data)
				if got := r.code(); got != c.code {
					t.Errorf("code %q, want %q: %s", got, c.code, r.Raw)
				}
			})
		}
	}
}

func TestHTTPSpecGET(t *testing.T) {
	target := specServer(t)
	for _, accept := range []string{ctJSON, ctGQL} {
		t.Run("Query/"+accept, func(t *testing.T) {
			r := specGet(t, target, accept, url.Values{"query": {"query A($n: Int!) { article(number: $n) { number } }"}, "variables": {`{"n": 5}`}, "operationName": {"A"}})
			wantResponse(t, r, 200, accept, true)
			if !bytes.Contains(r.Body["data"], []byte(`"number":5`)) {
				t.Errorf("data = %s, want article 5", r.Body["data"])
			}
		})
		t.Run("ParseError/"+accept, func(t *testing.T) {
			r := specGet(t, target, accept, url.Values{"query": {"{ release "}})
			wantResponse(t, r, map[string]int{ctJSON: 200, ctGQL: 400}[accept], accept, false)
		})
		t.Run("VariablesNotJSON/"+accept, func(t *testing.T) {
			r := specGet(t, target, accept, url.Values{"query": {"{ release { id } }"}, "variables": {"{n:"}})
			wantResponse(t, r, 400, accept, false)
		})
		t.Run("NoQuery/"+accept, func(t *testing.T) {
			wantResponse(t, specGet(t, target, accept, url.Values{}), 400, accept, false)
		})
	}
	// GET must not change anything: a mutation is 405 before it is even
	// validated (the schema has no mutations yet, the rule holds anyway).
	for _, params := range []url.Values{
		{"query": {"mutation { release { id } }"}},
		{"query": {"query Q { release { id } } mutation M { release { id } }"}, "operationName": {"M"}},
	} {
		r := specGet(t, target, ctGQL, params)
		wantResponse(t, r, http.StatusMethodNotAllowed, ctGQL, false)
		if got := r.Header.Get("Allow"); got != "POST" {
			t.Errorf("Allow %q, want POST", got)
		}
	}
}

func TestHTTPSpecMethods(t *testing.T) {
	target := specServer(t)
	for _, method := range []string{http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodHead} {
		t.Run(method, func(t *testing.T) {
			r := specDo(t, method, target, ctJSON, ctJSON, strings.NewReader(gqlBody(t, "{ release { id } }", nil, "")))
			if r.Status != http.StatusMethodNotAllowed {
				t.Fatalf("status %d, want 405: %s", r.Status, r.Raw)
			}
			if allow := r.Header.Get("Allow"); !strings.Contains(allow, "GET") || !strings.Contains(allow, "POST") {
				t.Fatalf("Allow %q, want GET and POST", allow)
			}
		})
	}
	t.Run("OPTIONS", func(t *testing.T) {
		r := specDo(t, http.MethodOptions, target, "", "", nil)
		if r.Status != http.StatusOK || !strings.Contains(r.Header.Get("Allow"), "POST") {
			t.Fatalf("status %d, Allow %q", r.Status, r.Header.Get("Allow"))
		}
	})
	t.Run("POSTNeedsJSON", func(t *testing.T) {
		for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded"} {
			r := specDo(t, http.MethodPost, target, ctGQL, ct, strings.NewReader(gqlBody(t, "{ release { id } }", nil, "")))
			wantResponse(t, r, http.StatusUnsupportedMediaType, ctGQL, false)
		}
		r := specDo(t, http.MethodPost, target, ctGQL, "application/json; charset=utf-8", strings.NewReader(gqlBody(t, "{ release { id } }", nil, "")))
		wantResponse(t, r, http.StatusOK, ctGQL, true)
	})
	t.Run("ChunkedBodyTooLarge", func(t *testing.T) {
		// No Content-Length, so the limit bites while the body is read.
		body := io.MultiReader(strings.NewReader(`{"query": "{ release { id } }", "pad": "`), strings.NewReader(strings.Repeat("x", 2<<20)), strings.NewReader(`"}`))
		r := specDo(t, http.MethodPost, target, ctGQL, ctJSON, body)
		wantResponse(t, r, http.StatusRequestEntityTooLarge, ctGQL, false)
	})
}

func TestHTTPSpecAccept(t *testing.T) {
	target := specServer(t)
	body := gqlBody(t, "{ release { id } }", nil, "")
	for _, c := range []struct{ accept, want string }{
		{"", ctJSON},
		{"*/*", ctJSON},
		{"application/*", ctJSON},
		{ctJSON, ctJSON},
		{ctGQL, ctGQL},
		{ctGQL + ", " + ctJSON, ctGQL},
		{ctJSON + ", " + ctGQL, ctJSON},
		{ctJSON + ";q=0.5, " + ctGQL, ctGQL},
		{ctGQL + "; charset=utf-8, */*;q=0.1", ctGQL},
		{"text/html, " + ctJSON + ";q=0.9", ctJSON},
		{ctJSON + ";q=0, */*", ctGQL},
		{"text/html", ""},
		{ctJSON + ";q=0", ""},
	} {
		t.Run(c.accept, func(t *testing.T) {
			r := specDo(t, http.MethodPost, target, c.accept, ctJSON, strings.NewReader(body))
			if c.want == "" {
				if r.Status != http.StatusNotAcceptable {
					t.Fatalf("status %d, want 406: %s", r.Status, r.Raw)
				}
				return
			}
			wantResponse(t, r, http.StatusOK, c.want, true)
			// a parse error follows the negotiated type's status rule
			r = specDo(t, http.MethodPost, target, c.accept, ctJSON, strings.NewReader(gqlBody(t, "{", nil, "")))
			wantResponse(t, r, map[string]int{ctJSON: 200, ctGQL: 400}[c.want], c.want, false)
		})
	}
}
