package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// The media types of a GraphQL response.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// requestErrorCodes are the extensions.code values of request errors: those
// raised before execution starts, so the response has no data. gqlgen gives
// GRAPHQL_PARSE_FAILED to syntax errors and GRAPHQL_VALIDATION_FAILED to
// validation errors, an unknown operationName, an empty document and
// variable coercion failures; the depth and complexity limits reject an
// operation before it runs too. Codes set by resolvers (BAD_USER_INPUT,
// NOT_FOUND, UNAVAILABLE, INTERNAL) are field errors and stay at 200.
var requestErrorCodes = map[string]bool{
	errcode.ParseFailed:         true,
	errcode.ValidationFailed:    true,
	"QUERY_TOO_DEEP":            true, // depth.go
	"COMPLEXITY_LIMIT_EXCEEDED": true, // cost.go
	"INTROSPECTION_DISABLED":    true, // depth.go, with -no-introspection
}

// HTTPSpec makes a gqlgen handler follow the GraphQL-over-HTTP spec
// (https://graphql.github.io/graphql-over-http/draft/) where gqlgen does
// not:
//
//   - Only GET and POST run operations (OPTIONS still answers); any other
//     method is 405 with an Allow header, and a GET that selects a mutation
//     is 405 with "Allow: POST" before anything runs.
//   - The Accept header is negotiated by q-value: the response is
//     application/graphql-response+json when the client prefers it, else
//     application/json (also for a missing Accept, */* and application/*);
//     an Accept that allows neither is 406.
//   - A POST body must be application/json (else 415) and a JSON object
//     whose query, operationName, variables and extensions have the right
//     types, with a query unless it is an automatic persisted query (else
//     400); a body over the limit read in chunks is 413, like one whose
//     Content-Length is over it.
//   - A request error (document parsing or validation failure, unknown
//     operation, variable coercion failure, depth or complexity limit)
//     answers without a data entry, with status 400 under
//     application/graphql-response+json and 200 under application/json
//     (gqlgen sends 422 and "data": null).
//
// Field errors, partial data and the codes the error presenter sets on
// resolver errors pass through unchanged at 200. next must not stream: its
// response is buffered so that its status can still change.
func HTTPSpec(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodPost:
		case http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			writeJSONAs(w, mediaJSON, http.StatusMethodNotAllowed, gqlErrors("The method %s is not allowed; use GET or POST.", r.Method))
			return
		}
		media := negotiate(r.Header.Values("Accept"))
		if media == "" {
			writeJSONAs(w, mediaJSON, http.StatusNotAcceptable, gqlErrors("The Accept header allows neither %s nor %s.", mediaGraphQLResponse, mediaJSON))
			return
		}

		var (
			status int
			msg    string
		)
		r = r.Clone(r.Context())
		if r.Method == http.MethodGet {
			status, msg = checkGET(r.URL.RawQuery)
		} else {
			status, msg = checkPOST(r)
		}
		if status != 0 {
			if status == http.StatusMethodNotAllowed {
				w.Header().Set("Allow", "POST")
			}
			writeJSONAs(w, media, status, gqlErrors("%s", msg))
			return
		}
		// gqlgen picks the first of the media types it knows in Accept.
		r.Header.Set("Accept", media)

		buf := &bufferedResponse{header: w.Header()}
		next.ServeHTTP(buf, r)
		status, body := rewriteRequestErrors(r.Method, media, buf.code(), buf.header, buf.body.Bytes())
		if status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", "POST")
		}
		if !bytes.Equal(body, buf.body.Bytes()) {
			w.Header().Del("Content-Length")
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	})
}

// negotiate returns the media type of the response for the Accept header
// values, or "" when they accept neither type. The most specific range that
// matches a type sets its q-value; the highest q wins, then the more specific
// match, then the one listed first, then application/json, which is also
// the answer to a missing Accept.
func negotiate(accept []string) string {
	if strings.TrimSpace(strings.Join(accept, "")) == "" {
		return mediaJSON
	}
	types := [2]string{mediaJSON, mediaGraphQLResponse}
	type match struct {
		q         float64
		spec, pos int // spec: 3 exact, 2 application/*, 1 */*; 0 no match
	}
	var best [2]match
	pos := 0
	for _, header := range accept {
		for part := range strings.SplitSeq(header, ",") {
			pos++
			mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil {
				continue
			}
			q := 1.0
			if s, ok := params["q"]; ok {
				if q, err = strconv.ParseFloat(s, 64); err != nil || q < 0 || q > 1 {
					continue
				}
			}
			for i, t := range types {
				spec := 0
				switch mt {
				case t:
					spec = 3
				case "application/*":
					spec = 2
				case "*/*":
					spec = 1
				}
				if spec > best[i].spec {
					best[i] = match{q, spec, pos}
				}
			}
		}
	}
	chosen := -1
	for i, m := range best {
		if m.spec == 0 || m.q <= 0 {
			continue
		}
		if chosen < 0 {
			chosen = i
			continue
		}
		c := best[chosen]
		if m.q > c.q || (m.q == c.q && (m.spec > c.spec || (m.spec == c.spec && m.pos < c.pos))) {
			chosen = i
		}
	}
	if chosen < 0 {
		return ""
	}
	return types[chosen]
}

// checkGET returns the status and message that reject the parameters of a
// GET request, or 0 when gqlgen may run them. A GET that selects a
// mutation (or a subscription) is 405: GET must not change anything.
func checkGET(rawQuery string) (int, string) {
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return http.StatusBadRequest, "The URL query is malformed: " + err.Error()
	}
	var ext map[string]json.RawMessage
	for _, name := range []string{"variables", "extensions"} {
		if v := q.Get(name); v != "" {
			var m map[string]json.RawMessage
			if err := json.Unmarshal([]byte(v), &m); err != nil {
				return http.StatusBadRequest, "The " + name + " parameter must be a JSON object."
			}
			if name == "extensions" {
				ext = m
			}
		}
	}
	query := q.Get("query")
	if query == "" {
		if _, apq := ext["persistedQuery"]; !apq {
			return http.StatusBadRequest, "The request has no query parameter."
		}
		return 0, "" // gqlgen turns away a cached mutation with 406, rewritten to 405
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return 0, "" // gqlgen reports the parse error
	}
	if op := doc.Operations.ForName(q.Get("operationName")); op != nil && op.Operation != ast.Query {
		return http.StatusMethodNotAllowed, "A " + string(op.Operation) + " cannot be sent with GET; use POST."
	}
	return 0, ""
}

// checkPOST reads the body of a POST request and leaves it for gqlgen in
// r.Body. It returns the status and message that reject the request, or 0
// when the body is a well-formed GraphQL-over-HTTP request.
func checkPOST(r *http.Request) (int, string) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != mediaJSON {
		return http.StatusUnsupportedMediaType, "The request body must be application/json."
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return http.StatusRequestEntityTooLarge, "The request body is larger than the limit of " + strconv.FormatInt(tooLarge.Limit, 10) + " bytes."
		}
		return http.StatusBadRequest, "The request body could not be read."
	}
	r.Body = io.NopCloser(bytes.NewReader(body))

	var params map[string]json.RawMessage
	if err := json.Unmarshal(body, &params); err != nil || params == nil {
		return http.StatusBadRequest, "The request body is not a JSON object."
	}
	for name, want := range map[string]byte{"query": '"', "operationName": '"', "variables": '{', "extensions": '{'} {
		if v := bytes.TrimSpace(params[name]); len(v) > 0 && v[0] != want && !isNull(v) {
			kind := map[byte]string{'"': "a string", '{': "an object"}[want]
			return http.StatusBadRequest, "The " + name + " parameter must be " + kind + "."
		}
	}
	var query string
	_ = json.Unmarshal(params["query"], &query)
	if query == "" {
		var ext map[string]json.RawMessage
		_ = json.Unmarshal(params["extensions"], &ext)
		if _, apq := ext["persistedQuery"]; !apq {
			return http.StatusBadRequest, "The request has no query parameter."
		}
	}
	return 0, ""
}

// rewriteRequestErrors returns the status and body to send for gqlgen's
// response. A request error loses its data entry and gets the status of
// the spec for its media type; everything else is sent unchanged.
func rewriteRequestErrors(method, media string, status int, h http.Header, body []byte) (int, []byte) {
	if mt, _, _ := mime.ParseMediaType(h.Get("Content-Type")); mt != mediaJSON && mt != mediaGraphQLResponse {
		return status, body
	}
	// gqlgen writes errors first; a response without them is left alone
	// without decoding it.
	if !bytes.HasPrefix(bytes.TrimSpace(body), []byte(`{"errors"`)) {
		return status, body
	}
	var res map[string]json.RawMessage
	if err := json.Unmarshal(body, &res); err != nil {
		return status, body
	}
	var errs []struct {
		Extensions struct {
			Code any `json:"code"`
		} `json:"extensions"`
	}
	if err := json.Unmarshal(res["errors"], &errs); err != nil || len(errs) == 0 {
		return status, body
	}
	if data, ok := res["data"]; ok && !isNull(data) {
		return status, body // field errors beside (partial) data
	}
	requestError := true
	for _, e := range errs {
		code, _ := e.Extensions.Code.(string)
		requestError = requestError && requestErrorCodes[code]
	}
	switch {
	case method == http.MethodGet && status == http.StatusNotAcceptable:
		// gqlgen's answer to a GET of a mutation (one sent as a persisted query)
		status = http.StatusMethodNotAllowed
	case requestError && media == mediaGraphQLResponse:
		status = http.StatusBadRequest
	case requestError:
		status = http.StatusOK
	case status < 400:
		return status, body // a field error that nulled data, or APQ's PersistedQueryNotFound
	}
	delete(res, "data")
	return status, encodeErrorsFirst(res)
}

// encodeErrorsFirst encodes a response object with errors as its first key.
func encodeErrorsFirst(res map[string]json.RawMessage) []byte {
	keys := make([]string, 0, len(res))
	for k := range res {
		if k != "errors" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString(`{"errors":`)
	b.Write(res["errors"])
	for _, k := range keys {
		name, _ := json.Marshal(k)
		b.WriteByte(',')
		b.Write(name)
		b.WriteByte(':')
		b.Write(res[k])
	}
	b.WriteByte('}')
	return b.Bytes()
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func writeJSONAs(w http.ResponseWriter, media string, status int, v any) {
	w.Header().Set("Content-Type", media)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// bufferedResponse holds a handler's status and body until HTTPSpec has
// looked at them; headers go straight to the real response.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

func (b *bufferedResponse) code() int {
	if b.status == 0 {
		return http.StatusOK
	}
	return b.status
}
