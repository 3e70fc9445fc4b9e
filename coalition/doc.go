// Package coalition computes coalition analytics over positions: how often
// two actors take the same stance, which blocs they form, which items divide
// them, who sits between blocs and who is central. It is pure Go over slices
// of domain values and never touches a Store, so the memory and Neo4j
// backends give identical answers by construction.
//
// # Items and stances
//
// An item is what two actors can agree on. Options.ItemOf names it; the
// default (DefaultItem) is the article ID, else "instrument:ID:KIND" for a
// whole-instrument position (a vote on a resolution, a signature of a
// convention), else "topic:" plus the first topic. ArticleItems maps
// corresponding articles of different versions to one item.
//
// An actor's stance s(i) on item i is Stance.Polarity of its latest position
// on i (by Date, undated first, ties broken by the highest ID): +1 supports,
// retains, signs, ratifies; -1 opposes, deletes; 0.5 conditional, amends;
// 0 abstains. Absent and neutral positions say nothing about agreement and
// are dropped before the latest one is picked.
//
// # Agreement
//
// For actors a and b with common items C:
//
//	A(a,b) = 1 - (1/|C|) * Σ_{i∈C} |s_a(i) - s_b(i)| / 2
//
// 1 means always the same stance, 0 always opposite; support against
// conditional scores 0.75, support against abstention 0.5. Overlap is |C|.
// A score resting on fewer than Options.MinOverlap common items is not
// Defined and reported as 0.
//
// # Blocs
//
// Blocs are Louvain communities (gonum community.Modularize) of the graph
// whose nodes are actors and whose edges join every Defined pair with
// A > 0.5, weighted by A. An edge thus means "agree more often than not".
// A = 0.5 is what support against abstention, or agreeing on half the items
// and opposing on the rest, gives: no evidence of alignment. Keeping such
// pairs (weight = A for every A > 0) glues actors that abstain onto both
// camps they sit between: on the bundled data it merged the abstaining
// group into the two voting camps (3 substantive blocs and Q 0.38 with the
// cut, 2 and Q 0.26 without), and the denser graph made
// BenchmarkBlocs 1.4 to 3.5 times slower. Above the cut the weight stays A,
// so modularity still prefers the strongest agreement. An actor with no
// pair above 0.5 forms a bloc of its own.
//
// # Contested items
//
// Stances on an item fall into three classes: for (+1), against (-1) and
// middle (0.5 or 0). With p_c the share of speakers in class c,
//
//	Entropy = -Σ_c p_c log2 p_c        (0 unanimous … log2 3 even three-way split)
//	Score   = Entropy * log2(1 + Speakers)
//
// Entropy alone ranks a 1-1 split as high as a 90-90 one; the log factor
// favours items many actors spoke on without letting sheer size swamp
// division: a unanimous item scores 0 however many spoke.
//
// # Swings
//
// For an actor x in bloc B, ByBloc[k] is x's mean agreement with the members
// of bloc k (x excluded, Defined pairs only). With own = ByBloc[B] and out
// the mean agreement with every actor outside B,
//
//	Split = out / (own + out)
//
// 0 means x agrees only with its own bloc, 0.5 that it agrees no more with
// its own bloc than with outsiders, above 0.5 that it agrees more outside.
//
// # Centrality
//
// Centrality uses every Defined pair with A > 0, not only those above 0.5:
// a broker is precisely an actor moderately close to both sides, which the
// bloc cut would disconnect, and path lengths already penalize weak
// agreement. PageRank treats each edge as a pair of directed edges
// weighted by A (damping 0.85). Betweenness is weighted by distance
// 1 - A (rounded to 2^-20 so equal paths tie exactly) + 1/1024 (a small hop
// cost so chains of perfect agreement are not free) and normalized by
// (n-1)(n-2), the number of ordered pairs of other nodes, so it lies in
// [0,1].
//
// Every function is deterministic: inputs are sorted by ID, the graph is
// iterated in ID order, ties are broken by ID and every returned float is
// rounded to 1e-9.
package coalition
