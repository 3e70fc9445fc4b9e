package server

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// depthLimit rejects operations whose selections nest deeper than max,
// before any resolver runs. gqlgen has a complexity limit but no depth limit.
//
// __Type.ofType adds no depth: it unwraps a list or non-null type, a chain
// as long as the schema's deepest wrapping (three here) whatever the query
// asks, and the standard introspection queries nest it 7 to 100 times
// (graphql-js's typeDepth). Everything else in introspection still counts,
// and gqlparser refuses fields → type → fields recursion on its own.
type depthLimit struct{ max int }

// DepthLimit returns the extension.
func DepthLimit(max int) graphql.HandlerExtension { return depthLimit{max} }

func (d depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (d depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (d depthLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if depth := selectionDepth(oc.Operation.SelectionSet, oc.Doc.Fragments, 0); depth > d.max {
		err := gqlerror.Errorf("The query is %d levels deep; the limit is %d.", depth, d.max)
		err.Extensions = map[string]any{"code": "QUERY_TOO_DEEP"}
		return err
	}
	return nil
}

func selectionDepth(set ast.SelectionSet, frags ast.FragmentDefinitionList, seen int) int {
	if seen > 1000 {
		return seen // a fragment cycle; validation rejects it anyway
	}
	deepest := 0
	for _, s := range set {
		var d int
		switch s := s.(type) {
		case *ast.Field:
			if len(s.SelectionSet) == 0 {
				d = 1
			} else {
				d = 1 + selectionDepth(s.SelectionSet, frags, seen+1)
			}
			if s.Name == "ofType" && s.ObjectDefinition != nil && s.ObjectDefinition.Name == "__Type" {
				d = max(0, d-1)
			}
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, frags, seen+1)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil {
				d = selectionDepth(f.SelectionSet, frags, seen+1)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

func gqlErrors(format string, args ...any) map[string]any {
	return map[string]any{"errors": []map[string]any{{"message": fmt.Sprintf(format, args...), "extensions": map[string]any{"code": "BAD_REQUEST"}}}}
}

// noIntrospection refuses, before it runs, an operation that asks for
// __schema or __type when introspection is off (-no-introspection), with a
// message saying so; gqlgen would answer each such field with an internal
// error.
type noIntrospection struct{}

func (noIntrospection) ExtensionName() string                   { return "NoIntrospection" }
func (noIntrospection) Validate(graphql.ExecutableSchema) error { return nil }

func (noIntrospection) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || !asksIntrospection(oc.Operation.SelectionSet, oc.Doc.Fragments, 0) {
		return nil
	}
	err := gqlerror.Errorf("Introspection is turned off on this server.")
	err.Extensions = map[string]any{"code": "INTROSPECTION_DISABLED"}
	return err
}

func asksIntrospection(set ast.SelectionSet, frags ast.FragmentDefinitionList, seen int) bool {
	if seen > 1000 {
		return false
	}
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				return true
			}
			if asksIntrospection(s.SelectionSet, frags, seen+1) {
				return true
			}
		case *ast.InlineFragment:
			if asksIntrospection(s.SelectionSet, frags, seen+1) {
				return true
			}
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil && asksIntrospection(f.SelectionSet, frags, seen+1) {
				return true
			}
		}
	}
	return false
}
