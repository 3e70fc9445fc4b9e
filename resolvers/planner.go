package resolvers

import (
	"context"
	"reflect"

	"github.com/99designs/gqlgen/graphql"
	"github.com/stancegraph/stancegraph"
	"github.com/vektah/gqlparser/v2/ast"
)

// The planner reads each field of an operation once per request. A field
// is named by its node in the operation (*ast.Field): GraphQL's validation
// gives every field of one response name on one object type the same
// arguments, so the node fixes the arguments, and what a field answers for
// a parent depends only on the parent and those arguments. The prefetcher
// stores what it fetches for a field under that node, and the field's
// resolver finds it there (fieldOf), without reading the arguments again
// and without a key made of them. Where fragments on different types give
// one response name different arguments, gqlgen resolves each type's field
// from its own node: the prefetcher filled the first node's answers only,
// and the other resolvers fall back to their own batched, counted fetch.

// fieldPlan is the planner's reading of one field that lists or counts
// positions: its arguments, decoded once by gqlgen's own generated
// unmarshalers (after gqlgen coerced the variables).
type fieldPlan struct {
	// filter is the positions' filter: positions with their order and
	// (articles) stance argument applied; stanceCounts unordered.
	filter stancegraph.PositionFilter
	// ok is false where the arguments do not decode: the field's resolver
	// reports the error, and nothing is prefetched for it.
	ok bool
	// corresponding is an article field's includeCorresponding.
	corresponding bool
	// counted (stanceCounts) is a sibling positions field with the same
	// filter and parents, whose lists the counts are counted from; nil if
	// there is none. countedKnown says it was looked for.
	counted      *ast.Field
	countedKnown bool
}

// fieldOf returns the node of the field being resolved, nil outside a
// request.
func fieldOf(ctx context.Context) *ast.Field {
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		return fc.Field.Field
	}
	return nil
}

// read returns the planner's reading of field f (positions or
// stanceCounts) of a parent of the given kind, decoding its arguments on
// first use.
func (l *Dataloaders) read(ctx context.Context, oc *graphql.OperationContext, f graphql.CollectedField, kind string) *fieldPlan {
	l.mu.RLock()
	fp, ok := l.fields[f.Field]
	l.mu.RUnlock()
	if ok {
		return fp
	}
	fp = &fieldPlan{ok: true}
	args := f.ArgumentMap(oc.Variables)
	var filter *stancegraph.PositionFilter
	if v, ok := args["filter"]; ok && v != nil {
		filter = &stancegraph.PositionFilter{}
		if err := graphql.UnmarshalNamedInputFromContext(ctx, "PositionFilter", v, filter); err != nil {
			fp.ok = false
		}
	}
	var order *stancegraph.PositionSort
	if v, ok := args["orderBy"].(string); ok && f.Name == "positions" {
		o := stancegraph.PositionSort(v)
		order = &o
	}
	var stance *stancegraph.Stance
	if v, ok := args["stance"].(string); ok && kind == "article" {
		s := stancegraph.Stance(v)
		stance = &s
	}
	fp.filter = articleFilter(filter, order, stance)
	fp.corresponding, _ = args["includeCorresponding"].(bool)
	fp.corresponding = fp.corresponding && kind == "article"
	l.mu.Lock()
	defer l.mu.Unlock()
	if old, ok := l.fields[f.Field]; ok {
		return old
	}
	l.fields[f.Field] = fp
	return fp
}

// countedFrom returns the positions field among fields (the siblings of
// the stanceCounts field c) whose lists c's counts can be counted from: the
// same filter, order aside, and the same parents. Nil if there is none.
func (l *Dataloaders) countedFrom(ctx context.Context, oc *graphql.OperationContext, fields []graphql.CollectedField, c graphql.CollectedField, kind string) *ast.Field {
	cp := l.read(ctx, oc, c, kind)
	l.mu.RLock()
	known, at := cp.countedKnown, cp.counted
	l.mu.RUnlock()
	if known {
		return at
	}
	for _, g := range fields {
		if g.Name != "positions" {
			continue
		}
		if gp := l.read(ctx, oc, g, kind); gp.ok && cp.ok && gp.corresponding == cp.corresponding && sameSet(&gp.filter, &cp.filter) {
			at = g.Field
			break
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !cp.countedKnown {
		cp.counted, cp.countedKnown = at, true
	}
	return cp.counted
}

// sameSet reports whether two filters select the same positions (their
// order aside).
func sameSet(a, b *stancegraph.PositionFilter) bool {
	x, y := *a, *b
	x.Sort, y.Sort = "", ""
	return reflect.DeepEqual(x, y)
}

// satisfies lists the types whose fields a selection on an object of type
// obj collects, as gqlgen's executor does for it.
func satisfies(obj string) []string {
	switch obj {
	case "State", "Organization", "Group", "Person":
		return []string{obj, "Actor", "Node"}
	}
	return []string{obj, "Node"}
}

// countedField returns, for the stanceCounts field being resolved, the
// sibling positions field its counts can be counted from and that field's
// reading (nil if none).
func (l *Dataloaders) countedField(ctx context.Context, kind string) (*ast.Field, *fieldPlan) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return nil, nil
	}
	l.mu.RLock()
	cp := l.fields[fc.Field.Field]
	l.mu.RUnlock()
	var at *ast.Field
	if cp != nil && cp.countedKnown {
		at = cp.counted
	} else {
		parent := fc.Parent // the field holding the object: past list indices
		for parent != nil && parent.Index != nil {
			parent = parent.Parent
		}
		if parent == nil {
			return nil, nil
		}
		oc := graphql.GetOperationContext(ctx)
		fields := graphql.CollectFields(oc, parent.Field.Selections, satisfies(fc.Object))
		at = l.countedFrom(ctx, oc, fields, fc.Field, kind)
	}
	if at == nil {
		return nil, nil
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	return at, l.fields[at]
}

// peekAt returns the positions of ids that the field at holds for them,
// if it holds all of them.
func (l *Dataloaders) peekAt(at *ast.Field, ids []string) ([][]*stancegraph.Position, bool) {
	l.mu.RLock()
	ld := l.positions[at]
	l.mu.RUnlock()
	if ld == nil {
		return nil, false
	}
	return ld.peekAll(ids)
}
