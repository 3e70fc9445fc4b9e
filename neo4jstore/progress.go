package neo4jstore

import (
	"time"
)

// LoadProgress is a load's progress, reported after each batch.
type LoadProgress struct {
	Step    string        // what the batch wrote: "positions", "position sources" ...
	Done    int           // rows written so far, over all steps
	Total   int           // rows to write, over all steps
	Elapsed time.Duration // since the load started writing
}

// Rate is the rows written per second so far.
func (p LoadProgress) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Done) / p.Elapsed.Seconds()
}

// Left estimates the time to write the remaining rows at the rate so far.
func (p LoadProgress) Left() time.Duration {
	r := p.Rate()
	if r == 0 {
		return 0
	}
	return time.Duration(float64(p.Total-p.Done) / r * float64(time.Second))
}

// progress counts a load's rows and reports them to the store's Progress
// function, or to its log at most every logEvery.
type progress struct {
	s       *Store
	start   time.Time
	lastLog time.Time
	p       LoadProgress
}

const logEvery = 5 * time.Second

func newProgress(s *Store, steps []step) *progress {
	p := &progress{s: s, start: time.Now()}
	p.lastLog = p.start
	for _, st := range steps {
		p.p.Total += st.len()
	}
	return p
}

// add records n rows of step what; a nil progress records nothing.
func (p *progress) add(what string, n int) {
	if p == nil {
		return
	}
	p.p.Step, p.p.Done, p.p.Elapsed = what, p.p.Done+n, time.Since(p.start)
	if p.s.progress != nil {
		p.s.progress(p.p)
		return
	}
	if now := time.Now(); now.Sub(p.lastLog) >= logEvery || p.p.Done == p.p.Total {
		p.lastLog = now
		p.s.log.Info("loading", "step", what, "rows", p.p.Done, "of", p.p.Total, "rowsPerSecond", int(p.p.Rate()), "left", p.p.Left().Round(time.Second))
	}
}
