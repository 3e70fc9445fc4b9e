package plan_test

import (
	"context"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/plan"
)

// executor is a memory store that claims to execute plans, so the tests
// see whether wrappers keep the optional interface.
type executor struct {
	*memstore.Store
	calls int
}

func (e *executor) FindActorsWith(ctx context.Context, f stancegraph.ActorFilter, w plan.With) ([]*stancegraph.Actor, int, *plan.Children, error) {
	e.calls++
	return plan.ComposeActorsWith(ctx, e.Store, f, w)
}

func (e *executor) FindArticlesWith(ctx context.Context, f stancegraph.ArticleFilter, w plan.With) ([]*stancegraph.Article, int, *plan.Children, error) {
	e.calls++
	return plan.ComposeArticlesWith(ctx, e.Store, f, w)
}

func (e *executor) PositionsWith(ctx context.Context, by stancegraph.PositionParent, ids []string, f stancegraph.PositionFilter, x plan.Expand) ([][]*stancegraph.Position, *plan.Related, error) {
	e.calls++
	return plan.ComposePositionsWith(ctx, e.Store, by, ids, f, x)
}

// TestWrappersKeepTheExecutor: Counted and Keep pass a plan to the store's
// Executor (one call of FindActorsWith, counted once); a store without one
// gets the composition of its plain methods.
func TestWrappersKeepTheExecutor(t *testing.T) {
	ctx := context.Background()
	x := &executor{Store: memstore.New()}
	methods := map[string]int{}
	counted := plan.Counted(x, func(m string) { methods[m]++ })
	wrapped := plan.Keep(counted, struct{ stancegraph.Store }{counted})
	if _, _, _, err := plan.FindActorsWith(ctx, wrapped, stancegraph.ActorFilter{}, plan.With{People: true}); err != nil {
		t.Fatal(err)
	}
	if x.calls != 1 || methods["FindActorsWith"] != 1 || methods["FindActors"] != 0 {
		t.Fatalf("executor calls %d, counted %v: the plan did not reach the executor once", x.calls, methods)
	}
	plain := map[string]int{}
	if _, _, _, err := plan.FindActorsWith(ctx, plan.Counted(memstore.New(), func(m string) { plain[m]++ }), stancegraph.ActorFilter{}, plan.With{People: true}); err != nil {
		t.Fatal(err)
	}
	if plain["FindActors"] != 1 || plain["FindActorsWith"] != 0 {
		t.Fatalf("a store without an executor: %v", plain)
	}
}
