package server

import (
	"context"
	"encoding/json"
	"math"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/stancegraph/stancegraph"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// Cost bounds an operation's work before any of it is done, in three
// measures, each answered with COMPLEXITY_LIMIT_EXCEEDED:
//
//   - Fields: the operation's fields with every fragment spread expanded.
//     They are counted before gqlgen validates the document (validation
//     expands fragments, so a fragment spreading another twice, twenty
//     deep, took seconds), in time linear in the document: each fragment
//     is counted once.
//   - Complexity: an estimate of the nodes of the result: each field
//     counts 1 plus its selection, times the size of its list: `first`
//     where given (a connection's `first` sizes its edges), the page limit
//     where `first` is 0 or above it, ListEstimate for lists without one;
//     agreementMatrix counts its pairs. Introspection fields count 1: the
//     schema bounds them.
//   - Analytics: the heavy measures (agreementMatrix, blocs, swings,
//     centrality, contested, neighbours, and a graph with agreement) are
//     priced by the actors they cover: their `actors`, or every actor.
//     Identical calls in one request are computed once and priced once.
//     A request may cover AnalyticsActors times all actors.
type Cost struct {
	MaxFields       int // fields with fragments expanded
	MaxComplexity   int // estimated result nodes
	ListEstimate    int // the size assumed for a list without `first`
	PageLimit       int // the largest page (`first`) the API serves
	AnalyticsActors int // multiples of all actors the heavy measures may cover per request
	// Actors returns the number of actors in the store.
	Actors func(context.Context) int
	// NoIntrospection refuses __schema and __type with a clear error
	// (gqlgen would fail them as internal errors).
	NoIntrospection bool
	// Counted, if set, keeps the documents found within MaxFields, so a
	// repeated query is not parsed twice.
	Counted graphql.Cache[struct{}]
}

func tooComplex(format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": "COMPLEXITY_LIMIT_EXCEEDED"}
	return err
}

// ExtensionName names the extension.
func (c Cost) ExtensionName() string { return "Cost" }

// Validate is part of graphql.HandlerExtension.
func (c Cost) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters counts the expanded fields before gqlgen
// parses and validates the document. A document that does not parse is
// left to gqlgen to report.
func (c Cost) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if c.Counted != nil {
		if _, ok := c.Counted.Get(ctx, p.Query); ok {
			return nil // counted before, and within the bound
		}
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: p.Query})
	if err != nil {
		return nil
	}
	fc := fieldCounter{frags: doc.Fragments, memo: map[string]int{}, limit: c.MaxFields}
	for _, op := range doc.Operations {
		if n := fc.count(op.SelectionSet); n > c.MaxFields {
			return tooComplex("The operation has more than %d fields once its fragments are expanded; the limit is %d.", c.MaxFields, c.MaxFields)
		}
	}
	if c.Counted != nil {
		c.Counted.Add(ctx, p.Query, struct{}{})
	}
	return nil
}

// fieldCounter counts fields with spreads expanded, each fragment once.
type fieldCounter struct {
	frags ast.FragmentDefinitionList
	memo  map[string]int // fragment → fields; -1 while being counted
	limit int
}

func (fc *fieldCounter) count(set ast.SelectionSet) int {
	n := 0
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			n += 1 + fc.count(s.SelectionSet)
		case *ast.InlineFragment:
			n += fc.count(s.SelectionSet)
		case *ast.FragmentSpread:
			m, ok := fc.memo[s.Name]
			if !ok {
				fc.memo[s.Name] = -1 // a cycle counts 0: validation rejects it
				if f := fc.frags.ForName(s.Name); f != nil {
					m = fc.count(f.SelectionSet)
				}
				fc.memo[s.Name] = m
			}
			n += max(m, 0)
		}
		n = min(n, fc.limit+1) // saturate: no overflow, and the answer is the same
	}
	return n
}

// MutateOperationContext estimates the validated operation's result and
// prices its analytics.
func (c Cost) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	e := &estimate{c: c, ctx: ctx, vars: oc.Variables, seen: map[string]bool{}, cap: c.MaxComplexity + 1}
	n := e.set(oc.Operation.SelectionSet, 0, oc.Operation.Operation == ast.Query)
	if e.bad != nil {
		return e.bad
	}
	if n > c.MaxComplexity {
		return tooComplex("The query's result is estimated at more than %d nodes (lists count by their `first`, or %d without it); the limit is %d. Ask for smaller pages or fewer levels.", c.MaxComplexity, c.ListEstimate, c.MaxComplexity)
	}
	if e.actorsAll > 0 && e.actors > c.AnalyticsActors*e.actorsAll {
		return tooComplex("The query's analytics cover %d actors; the limit is %d (%d times all actors). Restrict them with `actors`, or ask in several requests.", e.actors, c.AnalyticsActors*e.actorsAll, c.AnalyticsActors)
	}
	return nil
}

type estimate struct {
	c         Cost
	ctx       context.Context
	vars      map[string]any
	seen      map[string]bool // analytics calls priced already
	actors    int             // actors the analytics cover
	actorsAll int             // actors in the store, once asked
	cap       int
	bad       *gqlerror.Error // the first argument refused
}

// heavy lists the measures priced by the actors they cover.
var heavy = map[string]bool{"agreementMatrix": true, "blocs": true, "swings": true, "centrality": true, "contested": true, "neighbours": true, "graph": true}

// set estimates the nodes of a selection set; page is the page size of
// the connection it belongs to (0: none).
func (e *estimate) set(set ast.SelectionSet, page int, root bool) int {
	n := 0
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			n = e.add(n, e.field(s, page, root))
		case *ast.InlineFragment:
			n = e.add(n, e.set(s.SelectionSet, page, root))
		case *ast.FragmentSpread:
			if s.Definition != nil {
				n = e.add(n, e.set(s.Definition.SelectionSet, page, root))
			}
		}
	}
	return n
}

func (e *estimate) field(f *ast.Field, page int, root bool) int {
	if (f.Name == "__schema" || f.Name == "__type") && e.c.NoIntrospection {
		e.refuse("Introspection is disabled on this server.")
	}
	if strings.HasPrefix(f.Name, "__") || f.Definition == nil {
		return 1 // introspection: bounded by the schema
	}
	args := f.ArgumentMap(e.vars)
	e.checkArgs(f, args)
	size, childPage := 1, 0
	t := f.Definition.Type
	if t.Elem != nil {
		size = e.listSize(args, page)
	}
	if strings.HasSuffix(t.Name(), "Connection") {
		childPage = e.page(args)
	}
	if root && heavy[f.Name] {
		k := e.analytics(f.Name, args)
		if f.Name == "agreementMatrix" {
			size = k * (k - 1) / 2 // its unordered pairs
		}
	}
	return e.mul(size, e.add(1, e.set(f.SelectionSet, childPage, false)))
}

// listSize is a list's size: its `first`, its connection's page, or the estimate.
func (e *estimate) listSize(args map[string]any, page int) int {
	if _, ok := args["first"]; ok {
		return e.page(args)
	}
	if page > 0 {
		return page
	}
	return e.c.ListEstimate
}

// page is the `first` argument, the page limit where it is missing, 0 or
// out of range.
func (e *estimate) page(args map[string]any) int {
	if v, ok := toInt(args["first"]); ok && v > 0 && v <= int64(e.c.PageLimit) {
		return int(v)
	}
	return e.c.PageLimit
}

// toInt reads an Int argument, given inline or as a variable.
func toInt(v any) (int64, bool) {
	switch v := v.(type) {
	case int64:
		return v, true
	case int:
		return int64(v), true
	case float64:
		return int64(v), v == float64(int64(v))
	case json.Number:
		n, err := v.Int64()
		return n, err == nil
	}
	return 0, false
}

// analytics prices a heavy call once per request and returns the actors it covers.
func (e *estimate) analytics(name string, args map[string]any) int {
	if name == "graph" && args["includeAgreement"] != true {
		return 0
	}
	if e.actorsAll == 0 && e.c.Actors != nil {
		e.actorsAll = e.c.Actors(e.ctx) // 0 when the store cannot say: then no price
	}
	k := e.actorsAll
	if ids, ok := args["actors"].([]any); ok && len(ids) > 0 {
		k = len(ids)
	}
	b, _ := json.Marshal(args)
	if key := name + string(b); !e.seen[key] {
		e.seen[key] = true
		e.actors += k
	}
	return k
}

func (e *estimate) add(a, b int) int { return min(a+b, e.cap) }
func (e *estimate) mul(a, b int) int {
	if a != 0 && b > e.cap/a {
		return e.cap
	}
	return min(a*b, e.cap)
}

var _ interface {
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
} = Cost{}

// checkArgs refuses what the GraphQL types let through: an Int past 32
// bits, and a date (dateFrom, dateTo, asOf, at any depth) that is not one.
func (e *estimate) checkArgs(f *ast.Field, args map[string]any) {
	for _, a := range f.Definition.Arguments {
		v, ok := args[a.Name]
		if !ok {
			continue
		}
		if n, ok := toInt(v); ok && a.Type.Elem == nil && a.Type.Name() == "Int" && (n > math.MaxInt32 || n < math.MinInt32) {
			e.refuse("%s: %d is not a 32-bit Int.", a.Name, n)
		}
		e.checkDates(a.Name, v)
	}
}

// dateArgs are the arguments and input fields that hold a date.
var dateArgs = map[string]bool{"dateFrom": true, "dateTo": true, "asOf": true}

func (e *estimate) checkDates(key string, v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			e.checkDates(k, x)
		}
	case []any:
		for _, x := range v {
			e.checkDates(key, x)
		}
	case string:
		if dateArgs[key] && !stancegraph.ValidDate(v) {
			e.refuse("%s must be a date (YYYY-MM-DD, YYYY-MM or YYYY), got %q.", key, v)
		}
	}
}

func (e *estimate) refuse(format string, args ...any) {
	if e.bad == nil {
		e.bad = gqlerror.Errorf(format, args...)
		errcode.Set(e.bad, errcode.ValidationFailed)
	}
}
