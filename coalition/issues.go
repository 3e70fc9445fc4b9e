package coalition

import (
	"cmp"
	"math"
	"slices"

	"github.com/stancegraph/stancegraph"
)

// Placement is where one actor stands on one issue: the value of the
// alternative its latest position on the issue favours.
type Placement struct {
	Actor    string
	Issue    string
	Value    float64 // 0–100
	Salience float64 // 0–100; DefaultSalience where the source gives none
	Position *stancegraph.Position
}

// Placements returns, per issue id, each actor's placement (the latest
// position naming an alternative of the issue, after o's AsOf), ordered by
// value, then actor.
func Placements(ps []*stancegraph.Position, issues []*stancegraph.Issue, o Options) map[string][]Placement {
	alts := stancegraph.AlternativeIndex(issues)
	latest := map[[2]string]*stancegraph.Position{}
	for _, p := range ps {
		if p == nil || p.ActorID == "" || alts[p.AlternativeID] == nil || !o.keep(p) {
			continue
		}
		k := [2]string{alts[p.AlternativeID].IssueID, p.ActorID}
		if q := latest[k]; q == nil || later(p, q) {
			latest[k] = p
		}
	}
	out := map[string][]Placement{}
	for k, p := range latest {
		sal := float64(DefaultSalience)
		if p.Salience != nil {
			sal = *p.Salience
		}
		out[k[0]] = append(out[k[0]], Placement{Actor: k[1], Issue: k[0], Value: alts[p.AlternativeID].Value, Salience: sal, Position: p})
	}
	for _, pl := range out {
		slices.SortFunc(pl, func(a, b Placement) int { return cmp.Or(cmp.Compare(a.Value, b.Value), cmp.Compare(a.Actor, b.Actor)) })
	}
	return out
}

// Distance is how far one actor's placement on an issue lies from its outcome.
type Distance struct {
	Issue    string
	Value    float64 // the actor's
	Outcome  float64
	Distance float64 // |Value - Outcome|, 0–100
}

// Success is how much of what it wanted an actor got: the mean distance
// between its placements and the issues' outcomes, 0 (got everything) to
// 100 (got the opposite end of every scale).
type Success struct {
	Actor        string
	MeanDistance float64
	Issues       []Distance // by issue id
}

// SuccessOf returns every placed actor's Success, most successful first
// (lowest mean distance), ties broken by more issues, then actor id.
func SuccessOf(ps []*stancegraph.Position, issues []*stancegraph.Issue, o Options) []Success {
	placed := Placements(ps, issues, o)
	by := map[string]*Success{}
	for _, is := range sortedIssues(issues) {
		out := is.Alternative(is.OutcomeID)
		if out == nil {
			continue
		}
		for _, pl := range placed[is.ID] {
			s := by[pl.Actor]
			if s == nil {
				s = &Success{Actor: pl.Actor}
				by[pl.Actor] = s
			}
			s.Issues = append(s.Issues, Distance{Issue: is.ID, Value: pl.Value, Outcome: out.Value, Distance: round(math.Abs(pl.Value - out.Value))})
		}
	}
	res := make([]Success, 0, len(by))
	for _, s := range by {
		var sum float64
		for _, d := range s.Issues {
			sum += d.Distance
		}
		s.MeanDistance = round(sum / float64(len(s.Issues)))
		res = append(res, *s)
	}
	slices.SortFunc(res, func(a, b Success) int {
		return cmp.Or(cmp.Compare(a.MeanDistance, b.MeanDistance), cmp.Compare(len(b.Issues), len(a.Issues)), cmp.Compare(a.Actor, b.Actor))
	})
	return res
}

// The outcome models.
const (
	ModelCompromise     = "COMPROMISE"      // Σ s·c·x / Σ s·c
	ModelWeightedMedian = "WEIGHTED_MEDIAN" // the x where the cumulative weight s·c first reaches half
	ModelReference      = "REFERENCE_POINT" // the draft's alternative: nothing moves
)

// Prediction is one model's predicted outcome on one issue.
type Prediction struct {
	Issue     string
	Predicted float64
	Outcome   float64
	Error     float64 // |Predicted - Outcome|
	Actors    int     // the placements it rests on
}

// Model is an outcome model's predictions and its mean absolute error
// over the issues it could predict.
type Model struct {
	Name        string
	Predictions []Prediction // by issue id
	MAE         float64
}

// MeanAbsoluteErrorOrNull is MAE, null when the model predicts no issue
// (the schema's meanAbsoluteError; a plain method, resolved inline).
func (m *Model) MeanAbsoluteErrorOrNull() *float64 {
	if len(m.Predictions) == 0 {
		return nil
	}
	x := m.MAE
	return &x
}

// OutcomeModels predicts each issue's outcome from the actors' placements
// (o.AsOf applies) with the compromise model, the weighted median and the
// reference point, and scores each by its mean absolute error. capability
// weights actors (nil or a missing actor: 1). An issue enters a model
// only if it has an outcome and at least one placement (the reference
// point model: a reference point too).
func OutcomeModels(ps []*stancegraph.Position, issues []*stancegraph.Issue, o Options, capability map[string]float64) []Model {
	placed := Placements(ps, issues, o)
	weight := func(pl Placement) float64 {
		c, ok := capability[pl.Actor]
		if !ok {
			c = 1
		}
		return pl.Salience * c
	}
	models := []Model{{Name: ModelCompromise}, {Name: ModelWeightedMedian}, {Name: ModelReference}}
	for _, is := range sortedIssues(issues) {
		out, pls := is.Alternative(is.OutcomeID), placed[is.ID]
		if out == nil || len(pls) == 0 {
			continue
		}
		add := func(m *Model, x float64) {
			m.Predictions = append(m.Predictions, Prediction{Issue: is.ID, Predicted: round(x), Outcome: out.Value,
				Error: round(math.Abs(x - out.Value)), Actors: len(pls)})
		}
		if x, ok := compromise(pls, weight); ok {
			add(&models[0], x)
		}
		if x, ok := weightedMedian(pls, weight); ok {
			add(&models[1], x)
		}
		if ref := is.Alternative(is.ReferenceID); ref != nil {
			add(&models[2], ref.Value)
		}
	}
	for i := range models {
		var sum float64
		for _, p := range models[i].Predictions {
			sum += p.Error
		}
		if n := len(models[i].Predictions); n > 0 {
			models[i].MAE = round(sum / float64(n))
		}
	}
	return models
}

// compromise is the weighted mean; ok is false when every weight is 0.
func compromise(pls []Placement, weight func(Placement) float64) (float64, bool) {
	var num, den float64
	for _, pl := range pls {
		w := weight(pl)
		num += w * pl.Value
		den += w
	}
	if den == 0 {
		return 0, false
	}
	return num / den, true
}

// weightedMedian returns the smallest value at which the cumulative weight
// of the placements (sorted by value) reaches half the total.
func weightedMedian(pls []Placement, weight func(Placement) float64) (float64, bool) {
	var total float64
	for _, pl := range pls {
		total += weight(pl)
	}
	if total == 0 {
		return 0, false
	}
	var cum float64
	for _, pl := range pls { // sorted by value
		cum += weight(pl)
		if cum >= total/2 {
			return pl.Value, true
		}
	}
	return pls[len(pls)-1].Value, true
}

func sortedIssues(issues []*stancegraph.Issue) []*stancegraph.Issue {
	out := slices.Clone(issues)
	slices.SortFunc(out, func(a, b *stancegraph.Issue) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
