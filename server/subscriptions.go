package server

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// subscriptionLimit bounds the subscriptions open at once, per websocket
// connection and in the server. One past the server's bound is refused
// with TOO_MANY_SUBSCRIPTIONS; one past a connection's bound is refused
// too, and the connection is closed with the reason.
type subscriptionLimit struct {
	perConn, total int64
	open           *atomic.Int64
}

func newSubscriptionLimit(perConn, total int) subscriptionLimit {
	return subscriptionLimit{perConn: int64(perConn), total: int64(total), open: new(atomic.Int64)}
}

func (subscriptionLimit) ExtensionName() string                   { return "SubscriptionLimit" }
func (subscriptionLimit) Validate(graphql.ExecutableSchema) error { return nil }

// wsConn is a websocket connection's context: its open subscriptions, and
// a close reason the websocket transport reads when it is cancelled.
type wsConn struct {
	context.Context
	cancel context.CancelFunc
	open   atomic.Int64
	reason atomic.Value // string
}

type wsConnKey struct{}

// reasonProbe finds the transport's close-reason key, which it does not
// export: the key is the one this context answers "\x00probe" for.
var reasonProbe = transport.AppendCloseReason(context.Background(), "\x00probe")

func (c *wsConn) Value(k any) any {
	if k == (wsConnKey{}) {
		return c
	}
	if s, ok := reasonProbe.Value(k).(string); ok && s == "\x00probe" {
		if r, ok := c.reason.Load().(string); ok {
			return r
		}
		return nil
	}
	return c.Context.Value(k)
}

// initConn is the websocket transport's InitFunc: it gives the connection
// the context that counts its subscriptions.
func initConn(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	cctx, cancel := context.WithCancel(ctx)
	return &wsConn{Context: cctx, cancel: cancel}, nil, nil
}

func (l subscriptionLimit) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil || oc.Operation.Operation != ast.Subscription {
		return next(ctx)
	}
	conn, _ := ctx.Value(wsConnKey{}).(*wsConn)
	if conn != nil && conn.open.Add(1) > l.perConn {
		conn.open.Add(-1)
		msg := fmt.Sprintf("Too many subscriptions on one connection: the limit is %d.", l.perConn)
		conn.reason.Store(msg)
		conn.cancel()
		return refuse(msg)
	}
	if l.open.Add(1) > l.total {
		l.open.Add(-1)
		if conn != nil {
			conn.open.Add(-1)
		}
		return refuse(fmt.Sprintf("The server has too many subscriptions open: the limit is %d. Try again later.", l.total))
	}
	context.AfterFunc(ctx, func() {
		l.open.Add(-1)
		if conn != nil {
			conn.open.Add(-1)
		}
	})
	return next(ctx)
}

func refuse(msg string) graphql.ResponseHandler {
	err := gqlerror.Errorf("%s", msg)
	err.Extensions = map[string]any{"code": "TOO_MANY_SUBSCRIPTIONS"}
	return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{err}})
}
