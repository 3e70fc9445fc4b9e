package server

import (
	"context"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/stancegraph/stancegraph"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// resultBudget aborts an operation once it has resolved max fields: the
// estimate of Cost can be wrong (a list may be longer than assumed), this
// cannot. The first field past the budget cancels the request's context,
// so store calls in flight stop, and the answer is one error,
// RESULT_TOO_LARGE, without data. Each event of a subscription has a
// budget of its own.
type resultBudget struct{ max int64 }

type budgetKey struct{}

type budget struct {
	n      atomic.Int64
	over   atomic.Bool
	cancel context.CancelFunc
}

func (resultBudget) ExtensionName() string                   { return "ResultBudget" }
func (resultBudget) Validate(graphql.ExecutableSchema) error { return nil }

func (rb resultBudget) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	b := &budget{cancel: cancel}
	resp := next(context.WithValue(ctx, budgetKey{}, b))
	if b.over.Load() {
		err := gqlerror.Errorf("The result is larger than %d fields; the limit is %d. Ask for smaller pages or fewer levels.", rb.max, rb.max)
		err.Extensions = map[string]any{"code": "RESULT_TOO_LARGE"}
		return &graphql.Response{Errors: gqlerror.List{err}}
	}
	return resp
}

func (rb resultBudget) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	if b, ok := ctx.Value(budgetKey{}).(*budget); ok && b.n.Add(1) > rb.max {
		if b.over.CompareAndSwap(false, true) {
			b.cancel()
		}
		// A new error each time: gqlgen writes the field's path into it.
		// A domain error, so the presenter does not log it; the answer
		// replaces all of them with one.
		return nil, stancegraph.Errorf(stancegraph.EUNAVAILABLE, "Over the result budget.")
	}
	return next(ctx)
}

var _ interface {
	graphql.ResponseInterceptor
	graphql.FieldInterceptor
} = resultBudget{}
