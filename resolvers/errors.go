package resolvers

import (
	"context"
	"errors"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/stancegraph/stancegraph"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// ErrorPresenter shows domain errors with their code and hides everything
// else behind "Internal error.", so driver messages (Bolt addresses, Cypher)
// never reach a client. gqlgen's own parse and validation errors keep their
// text and get the GraphQL code they deserve.
func ErrorPresenter(ctx context.Context, err error) *gqlerror.Error {
	e := graphql.DefaultErrorPresenter(ctx, err)
	var domain *stancegraph.Error
	var gqlErr *gqlerror.Error
	switch {
	case errors.As(err, &domain):
	case errors.Is(err, context.DeadlineExceeded):
		e.Message = "The request took too long and was cancelled."
		setCode(e, stancegraph.EUNAVAILABLE)
		return e
	case errors.As(err, &gqlErr) && gqlErr.Err == nil:
		if e.Extensions == nil || e.Extensions["code"] == nil {
			setCode(e, stancegraph.EINVALID)
		}
		return e
	}
	code := stancegraph.ErrorCode(err)
	if code == stancegraph.EINTERNAL {
		slog.ErrorContext(ctx, "graphql: internal error", "path", e.Path.String(), "err", err)
	}
	e.Message = stancegraph.ErrorMessage(err)
	setCode(e, code)
	return e
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// Recover turns a resolver panic into "Internal error." and logs it.
func Recover(ctx context.Context, p any) error {
	slog.ErrorContext(ctx, "graphql: panic in resolver", "panic", p)
	return stancegraph.Errorf(stancegraph.EINTERNAL, "Internal error.")
}
