package main

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/synth"
)

// GrowRow is one scale of the growth scenario.
type GrowRow struct {
	Scale       int     `json:"scale"`
	Positions   int     `json:"positions"`
	HeapBytes   uint64  `json:"heapBytes"` // live heap held by the loaded store, after GC
	PerPosition float64 `json:"bytesPerPosition"`
	LoadSec     float64 `json:"loadSec"`
	growCells
}

// growCells are one scale's growth queries at one client, by query name.
type growCells struct {
	P50   map[string]float64 `json:"p50Ms"`
	P99   map[string]float64 `json:"p99Ms"`
	Bytes map[string]int     `json:"answerBytes"`
}

func newGrowCells() growCells {
	return growCells{P50: map[string]float64{}, P99: map[string]float64{}, Bytes: map[string]int{}}
}

// record keeps cell c of query q, whose answer is want.
func (g growCells) record(q Query, c Cell, want []byte) {
	g.P50[q.Name] = float64(c.Result.P50) / float64(time.Millisecond)
	g.P99[q.Name] = float64(c.Result.P99) / float64(time.Millisecond)
	g.Bytes[q.Name] = len(want)
}

// growth measures the embedded store at growing synthetic scales: each
// growth query's p50 and p99 at one client, and the live heap the store
// holds per position.
func growth(ctx context.Context, o *Options, rep *Report) error {
	rep.printf("\n## Growth (embedded store, synthetic data, 1 client)\n\n")
	base, _, err := loaders.Read(data.FS)
	if err != nil {
		return err
	}
	qs := selectQueries(GrowthQueries, o.Queries)
	for _, scale := range o.GrowthScales {
		row := GrowRow{Scale: scale, growCells: newGrowCells()}
		// The baseline is taken before generating: the store shares the
		// data set's strings, so they count as the store's.
		before := liveHeap()
		d := synth.Generate(base, scale, 1)
		row.Positions = len(d.Positions)
		s := memstore.New()
		t0 := time.Now()
		if err := s.Load(ctx, d); err != nil {
			return err
		}
		row.LoadSec = time.Since(t0).Seconds()
		d = nil
		after := liveHeap()
		row.HeapBytes = after - min(before, after)
		row.PerPosition = float64(row.HeapBytes) / float64(row.Positions)
		url, stop, err := serve(server.New(s, server.Options{}))
		if err != nil {
			return err
		}
		for _, q := range qs {
			want, err := ask(ctx, url+"/graphql", q)
			if err != nil || bytes.Contains(want, []byte(`"errors":`)) {
				stop()
				return fmt.Errorf("scale %d, %s: %v %.300s", scale, q.Name, err, want)
			}
			c := rep.measure(ctx, o, fmt.Sprintf("growth-x%d", scale), q, 1, target{name: "stancegraph", url: url + "/graphql"}, want)
			row.record(q, c, want)
		}
		stop()
		rep.Growth = append(rep.Growth, row)
		runtime.KeepAlive(s)
	}
	rep.printf("| scale | positions | load | live heap | bytes/position |\n|---|---|---|---|---|\n")
	for _, g := range rep.Growth {
		rep.printf("| %d× | %d | %.2fs | %.1f MiB | %.0f |\n", g.Scale, g.Positions, g.LoadSec, float64(g.HeapBytes)/(1<<20), g.PerPosition)
	}
	var scales []int
	var cells []growCells
	for _, g := range rep.Growth {
		scales, cells = append(scales, g.Scale), append(cells, g.growCells)
	}
	rep.growthTable(qs, scales, cells, false)
	return nil
}

// growthTable prints each query's p50 (and p99 if asked) at every scale,
// its answer's size at the first and last, and the last ÷ first p50 with
// the point queries' verdict (< 2).
func (r *Report) growthTable(qs []Query, scales []int, cells []growCells, p99 bool) {
	if len(cells) == 0 {
		return
	}
	head := []string{"query", "point"}
	for _, s := range scales {
		if p99 {
			head = append(head, fmt.Sprintf("p50 / p99 %d×", s))
		} else {
			head = append(head, fmt.Sprintf("p50 %d×", s))
		}
	}
	head = append(head, "answer bytes (first → last)", "p50 last/first (target < 2 for point queries)")
	r.printf("\n| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
	first, last := cells[0], cells[len(cells)-1]
	for _, q := range qs {
		row := []string{q.Name, map[bool]string{true: "yes", false: "no"}[q.Point]}
		for _, g := range cells {
			c := fmt.Sprintf("%.3fms", g.P50[q.Name])
			if p99 {
				c += fmt.Sprintf(" / %.3fms", g.P99[q.Name])
			}
			row = append(row, c)
		}
		row = append(row, fmt.Sprintf("%d → %d", first.Bytes[q.Name], last.Bytes[q.Name]))
		ratio := last.P50[q.Name] / first.P50[q.Name]
		mark := ""
		if q.Point {
			mark = map[bool]string{true: " ✓", false: " ✗"}[ratio < 2]
		}
		row = append(row, fmt.Sprintf("%.1f×%s", ratio, mark))
		r.printf("| %s |\n", strings.Join(row, " | "))
	}
}

// liveHeap returns the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
