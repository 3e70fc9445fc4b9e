package neo4jstore

import (
	"context"

	"github.com/stancegraph/stancegraph"
)

// Lookup gets records of every kind r names.
func (s *Store) Lookup(ctx context.Context, r stancegraph.Refs) (*stancegraph.Records, error) {
	return stancegraph.LookupEach(ctx, r, s.actorsByIDs, s.articlesByIDs, s.instrumentsByIDs, s.sourcesByIDs, s.sessionsByIDs, s.topicsByIDs)
}

// MembershipsBy returns memberships per group or per member.
func (s *Store) MembershipsBy(ctx context.Context, by stancegraph.MembershipSide, ids []string) ([][]*stancegraph.Membership, error) {
	if by == stancegraph.ByGroup {
		return s.membershipsByGroupIDs(ctx, ids)
	}
	return s.membershipsByMemberIDs(ctx, ids)
}
