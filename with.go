package stancegraph

import (
	"context"
	"slices"
)

// With names the children that a FindActorsWith or FindArticlesWith call
// returns together with the records it finds, in the same round trip: the
// first level of a GraphQL selection under a root list.
type With struct {
	Positions []PositionsOf
	Counts    []CountsOf
	People    bool // actors: the people who speak for each actor found
}

// Any reports whether w asks for anything.
func (w With) Any() bool { return len(w.Positions) > 0 || len(w.Counts) > 0 || w.People }

// PositionsOf asks for the positions of every record found (PositionsWith
// by actor or by article), with the records Expand names.
type PositionsOf struct {
	Filter PositionFilter
	Expand Expand
	// Corresponding (articles) adds the articles the found ones
	// correspond to as parents.
	Corresponding bool
	// ArticleWith, with Expand.Articles, asks for children of the articles
	// these positions are on, in the same round trip: one more level.
	ArticleWith *With
}

// CountsOf asks for the stance counts of every record found (StanceCounts).
type CountsOf struct {
	Filter        PositionFilter
	Corresponding bool
}

// Children holds what a With asked for, in its order.
type Children struct {
	Positions []ChildPositions
	Counts    []ChildCounts
	People    [][]*Actor // per actor found, in the order found; nil unless asked
}

// ChildPositions holds one PositionsOf's answer: PositionsWith's for IDs.
type ChildPositions struct {
	IDs     []string // the parents: ParentIDs of the records found
	Lists   [][]*Position
	Related *Related
	// Articles answers ArticleWith for Related.Articles, in their order.
	Articles *Children
}

// ChildCounts holds one CountsOf's answer: StanceCounts's for IDs.
type ChildCounts struct {
	IDs    []string
	Counts []map[Stance]StanceTally
}

// ParentIDs lists the ids of found records, then, with corresponding,
// the ids they correspond to, each once, in that order.
func ParentIDs(ids []string, correspondsTo [][]string, corresponding bool) []string {
	out := slices.Clone(ids)
	if corresponding {
		for _, c := range correspondsTo {
			out = append(out, c...)
		}
	}
	seen := make(map[string]bool, len(out))
	return slices.DeleteFunc(out, func(id string) bool {
		dup := seen[id]
		seen[id] = true
		return dup
	})
}

// ChildrenOf answers w for found parents with the store's batch methods,
// one call per entry: FindXWith for a store whose calls cost no round
// trip (memstore), and the conformance suite's reference.
func ChildrenOf(ctx context.Context, s Store, by PositionParent, ids []string, correspondsTo [][]string, w With) (*Children, error) {
	kids := &Children{}
	for _, p := range w.Positions {
		pids := ParentIDs(ids, correspondsTo, p.Corresponding)
		lists, rel, err := s.PositionsWith(ctx, by, pids, p.Filter, p.Expand)
		if err != nil {
			return nil, err
		}
		c := ChildPositions{IDs: pids, Lists: lists, Related: rel}
		if p.ArticleWith != nil {
			aids := make([]string, len(rel.Articles))
			corr := make([][]string, len(rel.Articles))
			for i, a := range rel.Articles {
				aids[i], corr[i] = a.ID, a.CorrespondsTo
			}
			if c.Articles, err = ChildrenOf(ctx, s, ByArticle, aids, corr, *p.ArticleWith); err != nil {
				return nil, err
			}
		}
		kids.Positions = append(kids.Positions, c)
	}
	for _, c := range w.Counts {
		pids := ParentIDs(ids, correspondsTo, c.Corresponding)
		counts, err := s.StanceCounts(ctx, by, pids, c.Filter)
		if err != nil {
			return nil, err
		}
		kids.Counts = append(kids.Counts, ChildCounts{IDs: pids, Counts: counts})
	}
	if w.People {
		people, err := s.PeopleByOrganizationIDs(ctx, ids)
		if err != nil {
			return nil, err
		}
		kids.People = people
	}
	return kids, nil
}

// ComposeActorsWith is FindActorsWith composed of FindActors and ChildrenOf.
func ComposeActorsWith(ctx context.Context, s Store, f ActorFilter, w With) ([]*Actor, int, *Children, error) {
	as, total, err := s.FindActors(ctx, f)
	if err != nil {
		return nil, 0, nil, err
	}
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	kids, err := ChildrenOf(ctx, s, ByActor, ids, nil, w)
	if err != nil {
		return nil, 0, nil, err
	}
	return as, total, kids, nil
}

// ComposeArticlesWith is FindArticlesWith composed of FindArticles and ChildrenOf.
func ComposeArticlesWith(ctx context.Context, s Store, f ArticleFilter, w With) ([]*Article, int, *Children, error) {
	as, total, err := s.FindArticles(ctx, f)
	if err != nil {
		return nil, 0, nil, err
	}
	ids := make([]string, len(as))
	corr := make([][]string, len(as))
	for i, a := range as {
		ids[i], corr[i] = a.ID, a.CorrespondsTo
	}
	kids, err := ChildrenOf(ctx, s, ByArticle, ids, corr, w)
	if err != nil {
		return nil, 0, nil, err
	}
	return as, total, kids, nil
}
