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
	Scale       int                `json:"scale"`
	Positions   int                `json:"positions"`
	HeapBytes   uint64             `json:"heapBytes"` // live heap held by the loaded store, after GC
	PerPosition float64            `json:"bytesPerPosition"`
	LoadSec     float64            `json:"loadSec"`
	P50         map[string]float64 `json:"p50Ms"`
	P99         map[string]float64 `json:"p99Ms"`
	Bytes       map[string]int     `json:"answerBytes"`
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
		row := GrowRow{Scale: scale, P50: map[string]float64{}, P99: map[string]float64{}, Bytes: map[string]int{}}
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
			row.P50[q.Name] = float64(c.Result.P50) / float64(time.Millisecond)
			row.P99[q.Name] = float64(c.Result.P99) / float64(time.Millisecond)
			row.Bytes[q.Name] = len(want)
		}
		stop()
		rep.Growth = append(rep.Growth, row)
		runtime.KeepAlive(s)
	}
	rep.printf("| scale | positions | load | live heap | bytes/position |\n|---|---|---|---|---|\n")
	for _, g := range rep.Growth {
		rep.printf("| %d× | %d | %.2fs | %.1f MiB | %.0f |\n", g.Scale, g.Positions, g.LoadSec, float64(g.HeapBytes)/(1<<20), g.PerPosition)
	}
	head := []string{"query", "point"}
	for _, g := range rep.Growth {
		head = append(head, fmt.Sprintf("p50 %d×", g.Scale))
	}
	head = append(head, "answer bytes (first → last)", "p50 last/first (target < 2 for point queries)")
	rep.printf("\n| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
	for _, q := range qs {
		row := []string{q.Name, map[bool]string{true: "yes", false: "no"}[q.Point]}
		for _, g := range rep.Growth {
			row = append(row, fmt.Sprintf("%.3fms", g.P50[q.Name]))
		}
		first, last := rep.Growth[0], rep.Growth[len(rep.Growth)-1]
		row = append(row, fmt.Sprintf("%d → %d", first.Bytes[q.Name], last.Bytes[q.Name]))
		r := last.P50[q.Name] / first.P50[q.Name]
		mark := ""
		if q.Point {
			mark = map[bool]string{true: " ✓", false: " ✗"}[r < 2]
		}
		row = append(row, fmt.Sprintf("%.1f×%s", r, mark))
		rep.printf("| %s |\n", strings.Join(row, " | "))
	}
	return nil
}

// liveHeap returns the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
