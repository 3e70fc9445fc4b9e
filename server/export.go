package server

import (
	"bytes"
	"log"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/auth"
	"github.com/stancegraph/stancegraph/coalition"
	"github.com/stancegraph/stancegraph/export"
	"github.com/stancegraph/stancegraph/web"
)

// exportRoutes registers the exports (GET /export/{format}) and the
// explorer (GET /explorer/) on mux.
func exportRoutes(mux *http.ServeMux, s stancegraph.Store, o Options) {
	mux.Handle("GET /export/{format}", o.Metrics.Middleware("/export", auth.Middleware(o.Keys, o.PrivateReads, withTimeout(o.Timeout, Export(s)))))
	mux.Handle("GET /explorer/", http.StripPrefix("/explorer", web.Handler()))
}

// Export serves GET /export/{format}: the graph of the positions the query
// parameters select (export.FilterParams, repeatable; agreement=true adds
// blocs and agreement edges, agreementEdges=false leaves the edges out,
// minOverlap and asOf set the coalition options as the explorer's map does)
// in one of export.Formats, as an attachment
// named after the data release. Errors are JSON: {"error": {"code",
// "message"}}; an unknown format is 404, a bad parameter 400.
func Export(s stancegraph.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := export.FormatByName(r.PathValue("format"))
		if !ok {
			exportError(w, stancegraph.Errorf(stancegraph.ENOTFOUND, "Unknown export format %q (want one of %s).", r.PathValue("format"), export.FormatNames()))
			return
		}
		o, err := exportOptions(r)
		if err != nil {
			exportError(w, err)
			return
		}
		if o.Coalition != nil { // draft and adopted numbering as one item, as by default
			arts, _, err := s.FindArticles(r.Context(), stancegraph.ArticleFilter{})
			if err != nil {
				exportError(w, err)
				return
			}
			o.Coalition.ItemOf = coalition.ArticleItems(arts)
		}
		g, err := export.Build(r.Context(), s, o)
		if err != nil {
			exportError(w, err)
			return
		}
		var b bytes.Buffer
		if err := f.Write(&b, g); err != nil {
			exportError(w, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.ContentType)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.FileName(g)}))
		h.Set("Content-Length", strconv.Itoa(b.Len()))
		h.Set("X-Stancegraph-Release", g.Release.ID)
		_, _ = b.WriteTo(w)
	})
}

// exportOptions reads the filter and the agreement switches
// (agreementEdges=false: blocs without agreement edges) from the query.
func exportOptions(r *http.Request) (export.Options, error) {
	q := r.URL.Query()
	var o export.Options
	edges := true
	for name, to := range map[string]*bool{"agreement": &o.Agreement, "agreementEdges": &edges} {
		if v, ok := q[name]; ok {
			b, err := strconv.ParseBool(strings.Join(v, ""))
			if err != nil || len(v) != 1 {
				return o, stancegraph.Errorf(stancegraph.EINVALID, "%s must be true or false, got %q.", name, strings.Join(v, ","))
			}
			*to = b
			q.Del(name)
		}
	}
	o.NoAgreementEdges = !edges
	co, err := exportCoalition(q)
	if err != nil {
		return o, err
	}
	f, err := export.ParseFilter(q)
	o.Filter, o.Coalition = f, co
	return o, err
}

// exportCoalition reads the coalition options the explorer's map uses
// (minOverlap, asOf, basis) and takes them out of q; nil when none is
// given (the API's defaults).
func exportCoalition(q url.Values) (*coalition.Options, error) {
	mo, asOf, basis := q.Get("minOverlap"), q.Get("asOf"), strings.ToUpper(q.Get("basis"))
	q.Del("minOverlap")
	q.Del("asOf")
	q.Del("basis")
	if mo == "" && asOf == "" && basis == "" {
		return nil, nil
	}
	co := &coalition.Options{Seed: 1, AsOf: asOf}
	switch b := coalition.Basis(basis); b {
	case "", "ALL":
	case coalition.BasisIssues, coalition.BasisTexts:
		co.Basis = b
	default:
		return nil, stancegraph.Errorf(stancegraph.EINVALID, "basis must be ALL, ISSUES or TEXTS, got %q.", q.Get("basis"))
	}
	if mo != "" {
		n, err := strconv.Atoi(mo)
		if err != nil || n < 1 {
			return nil, stancegraph.Errorf(stancegraph.EINVALID, "minOverlap must be a whole number of at least 1, got %q.", mo)
		}
		co.MinOverlap = n
	}
	if asOf != "" && (len(asOf) < 4 || !stancegraph.DateInRange(asOf, "0000", "9999")) {
		return nil, stancegraph.Errorf(stancegraph.EINVALID, "asOf must be a date (YYYY[-MM[-DD]]), got %q.", asOf)
	}
	return co, nil
}

// exportStatus maps error codes to HTTP statuses.
var exportStatus = map[string]int{
	stancegraph.EINVALID:     http.StatusBadRequest,
	stancegraph.ENOTFOUND:    http.StatusNotFound,
	stancegraph.EUNAVAILABLE: http.StatusServiceUnavailable,
}

func exportError(w http.ResponseWriter, err error) {
	code := stancegraph.ErrorCode(err)
	status, ok := exportStatus[code]
	if !ok {
		status = http.StatusInternalServerError
		log.Printf("export: %v", err)
	}
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": stancegraph.ErrorMessage(err)}})
}

// CORS lets browsers on the allowed origins call next (the API, the
// exports) from other sites: "*" allows any origin. Preflight requests
// from an allowed origin are answered here (204); requests without an
// Origin, or from other origins, reach next unchanged, without CORS
// headers, so the browser keeps them from the page.
func CORS(allowed []string, next http.Handler) http.Handler {
	any := slices.Contains(allowed, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" || (!any && !slices.Contains(allowed, origin)) {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Add("Vary", "Origin")
		if any {
			h.Set("Access-Control-Allow-Origin", "*")
		} else {
			h.Set("Access-Control-Allow-Origin", origin)
		}
		h.Set("Access-Control-Expose-Headers", "Content-Disposition, X-Stancegraph-Release")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Add("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers")
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Content-Type, Accept")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}
