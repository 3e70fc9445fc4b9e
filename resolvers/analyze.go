package resolvers

import (
	"context"

	"github.com/stancegraph/stancegraph/coalition"
	"github.com/stancegraph/stancegraph/graph/model"
)

// Analyze computes the blocs and the agreement of every pair of actors for
// options exactly as the blocs and agreementMatrix queries do (the same
// positions, options and coalition code), for `stancegraph analyze`.
func (r *Resolver) Analyze(ctx context.Context, options *model.CoalitionOptions) (coalition.Analysis, error) {
	in, err := r.coalitionInput(ctx, options)
	if err != nil {
		return coalition.Analysis{}, err
	}
	return coalition.Analyze(in.ps, nil, in.o), nil
}
