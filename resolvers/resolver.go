// Package resolvers implements the GraphQL API on top of a stancegraph.Store:
// thin resolvers, per-request dataloaders, and the error presenter.
package resolvers

//go:generate go run ../graph/generate

import (
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/auth"
)

// Resolver is the dependency-injection root of the resolvers.
type Resolver struct {
	Store  stancegraph.Store
	Keys   *auth.Keys // API keys; nil: nobody can manage keys
	Events *Broker    // position changes for subscriptions; nil: none
	Memo   *Memo      // analytics results kept until the next write; nil: none

	flights flights // analytics being computed, shared by whoever asks the same
}
