package floor

// The floor's root resolvers, one per root query field of the schema, each
// returning the constant built by GraphQL.Add. Regenerate the list with
// the schema (see gqlgen.yml); the floor answers queries only.

import (
	"context"

	"github.com/stancegraph/stancegraph/bench/floor/gql"
)

type root struct{ f *GraphQL }

func (r *root) Query() gql.QueryResolver { return r }

// Mutation is nil: the floor answers no mutation (gqlgen reports the panic as an error).
func (r *root) Mutation() gql.MutationResolver { return nil }

// Subscription is nil: the floor serves no subscription.
func (r *root) Subscription() gql.SubscriptionResolver { return nil }

func (r *root) Article(ctx context.Context, _ int, _ *string) (*gql.Article, error) {
	return get[*gql.Article](ctx, r.f)
}

func (r *root) Articles(ctx context.Context, _ *string, _ *gql.ArticleStatus, _ *string) ([]*gql.Article, error) {
	return get[[]*gql.Article](ctx, r.f)
}

func (r *root) Actor(ctx context.Context, _ string) (gql.Actor, error) {
	return get[gql.Actor](ctx, r.f)
}

func (r *root) Actors(ctx context.Context, _ *string, _ *gql.ActorType, _ *string, _ *gql.RegionalGroup, _ *string, _ *string, _ *string, _ *int, _ *int) ([]gql.Actor, error) {
	return get[[]gql.Actor](ctx, r.f)
}

func (r *root) Instrument(ctx context.Context, _ string) (*gql.Instrument, error) {
	return get[*gql.Instrument](ctx, r.f)
}

func (r *root) Instruments(ctx context.Context) ([]*gql.Instrument, error) {
	return get[[]*gql.Instrument](ctx, r.f)
}

func (r *root) Positions(ctx context.Context, _ *gql.PositionFilter, _ *gql.PositionOrder, _ *int, _ *string) (*gql.PositionConnection, error) {
	return get[*gql.PositionConnection](ctx, r.f)
}

func (r *root) Sessions(ctx context.Context) ([]*gql.Session, error) {
	return get[[]*gql.Session](ctx, r.f)
}

func (r *root) Topics(ctx context.Context) ([]*gql.Topic, error) {
	return get[[]*gql.Topic](ctx, r.f)
}

func (r *root) Sources(ctx context.Context, _ *gql.SourceClass) ([]*gql.Source, error) {
	return get[[]*gql.Source](ctx, r.f)
}

func (r *root) Source(ctx context.Context, _ *string, _ *string) (*gql.Source, error) {
	return get[*gql.Source](ctx, r.f)
}

func (r *root) Search(ctx context.Context, _ string, _ []gql.SearchKind, _ *int) ([]*gql.SearchHit, error) {
	return get[[]*gql.SearchHit](ctx, r.f)
}

func (r *root) Node(ctx context.Context, _ string) (gql.Node, error) {
	return get[gql.Node](ctx, r.f)
}

func (r *root) Release(ctx context.Context) (*gql.Release, error) {
	return get[*gql.Release](ctx, r.f)
}

func (r *root) History(ctx context.Context, _ string) ([]*gql.Revision, error) {
	return get[[]*gql.Revision](ctx, r.f)
}

func (r *root) Agreement(ctx context.Context, _ string, _ string, _ *gql.CoalitionOptions) (*gql.Agreement, error) {
	return get[*gql.Agreement](ctx, r.f)
}

func (r *root) AgreementMatrix(ctx context.Context, _ []string, _ *gql.CoalitionOptions) ([]*gql.Agreement, error) {
	return get[[]*gql.Agreement](ctx, r.f)
}

func (r *root) Neighbours(ctx context.Context, _ string, _ *int, _ *gql.CoalitionOptions) (*gql.Neighbours, error) {
	return get[*gql.Neighbours](ctx, r.f)
}

func (r *root) Blocs(ctx context.Context, _ []string, _ *gql.CoalitionOptions) (*gql.BlocAnalysis, error) {
	return get[*gql.BlocAnalysis](ctx, r.f)
}

func (r *root) Contested(ctx context.Context, _ *int, _ *gql.CoalitionOptions) ([]*gql.Contest, error) {
	return get[[]*gql.Contest](ctx, r.f)
}

func (r *root) Swings(ctx context.Context, _ *int, _ *gql.CoalitionOptions) ([]*gql.Swing, error) {
	return get[[]*gql.Swing](ctx, r.f)
}

func (r *root) StanceChanges(ctx context.Context, _ *gql.CoalitionOptions) ([]*gql.StanceChange, error) {
	return get[[]*gql.StanceChange](ctx, r.f)
}

func (r *root) Centrality(ctx context.Context, _ []string, _ *int, _ *gql.CoalitionOptions) ([]*gql.Centrality, error) {
	return get[[]*gql.Centrality](ctx, r.f)
}
