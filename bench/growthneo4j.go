package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/neo4jstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/synth"
)

// NeoGrowRow is one scale of the growth-neo4j scenario.
type NeoGrowRow struct {
	Scale         int     `json:"scale"`
	Positions     int     `json:"positions"`
	StatementRows int     `json:"statementRows"` // what `stancegraph load`'s progress counts
	ResetSec      float64 `json:"resetSec"`      // emptying the database first (not part of the load)
	LoadSec       float64 `json:"loadSec"`       // Store.Load, as `stancegraph load` runs it
	RowsPerSec    float64 `json:"rowsPerSec"`    // statement rows ÷ LoadSec
	// HeapBefore is this process's live heap before the load, the
	// generated data set included; LoaderPeakHeap the peak heap in use
	// during the load (sampled every 20 ms); LoaderPeakRSS this process's
	// VmHWM during the load (0: unknown).
	HeapBefore     uint64 `json:"heapBeforeBytes"`
	LoaderPeakHeap uint64 `json:"loaderPeakHeapBytes"`
	LoaderPeakRSS  uint64 `json:"loaderPeakRssBytes"`
	// Neo4jLoadRSS and Neo4jReadRSS are the Neo4j JVM's VmHWM during the
	// load and during the reads (0: its pid is unknown).
	Neo4jLoadRSS uint64 `json:"neo4jLoadPeakRssBytes"`
	Neo4jReadRSS uint64 `json:"neo4jReadPeakRssBytes"`
	growCells
}

// growthNeo4j measures the Neo4j store at growing synthetic scales: for each
// scale it empties the database, loads the data with Store.Load (what
// `stancegraph load` runs: generations, batches of 1000 rows), times the
// load and its memory, then asks the growth queries at one client through
// the HTTP server. Answers must equal the embedded store's on the same data.
func growthNeo4j(ctx context.Context, o *Options, rep *Report) error {
	var last neo4jstore.LoadProgress
	var scale int
	lastLine := time.Now()
	s, d, err := openNeo4j(ctx, o, func(p neo4jstore.LoadProgress) {
		last = p
		if time.Since(lastLine) >= 15*time.Second {
			lastLine = time.Now()
			fmt.Fprintf(os.Stderr, "  growth-neo4j x%d: %d of %d rows, %.0f rows/s, %s left\n", scale, p.Done, p.Total, p.Rate(), p.Left().Round(time.Second))
		}
	})
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	defer d.Close(ctx)
	rep.printf("\n## Growth (Neo4j store, synthetic data, 1 client)\n\n%s\n\n", neo4jMemory(ctx, d))
	base, _, err := loaders.Read(data.FS)
	if err != nil {
		return err
	}
	qs := selectQueries(GrowthQueries, o.Queries)
	jvm := rep.pids["neo4j"]
	if jvm == 0 {
		rep.note("growth-neo4j: the Neo4j JVM's memory is not recorded: set STANCEGRAPH_NEO4J_HOME to the launcher's folder (its neo4j.pid)")
	} else if err := resetPeakRSS(jvm); err != nil {
		rep.note("growth-neo4j: the Neo4j JVM's peak RSS cannot be reset (%v): each figure is its peak since it started", err)
	}
	for _, scale = range o.GrowthScales {
		row := NeoGrowRow{Scale: scale, growCells: newGrowCells()}
		ds := synth.Generate(base, scale, 1)
		row.Positions = len(ds.Positions)
		wants, err := embeddedAnswers(ctx, ds, qs)
		if err != nil {
			return fmt.Errorf("scale %d: %w", scale, err)
		}
		t0 := time.Now()
		if err := s.Reset(ctx); err != nil {
			return err
		}
		row.ResetSec = time.Since(t0).Seconds()
		row.HeapBefore = liveHeap()
		_ = resetPeakRSS(os.Getpid())
		_ = resetPeakRSS(jvm)
		stopHeap := heapPeak()
		t0 = time.Now()
		err = s.Load(ctx, ds)
		row.LoadSec = time.Since(t0).Seconds()
		row.LoaderPeakHeap = stopHeap()
		if err != nil {
			return fmt.Errorf("scale %d: %w", scale, err)
		}
		row.LoaderPeakRSS, row.Neo4jLoadRSS = peakRSS(os.Getpid()), peakRSS(jvm)
		row.StatementRows = last.Total
		row.RowsPerSec = float64(row.StatementRows) / row.LoadSec
		ds = nil
		fmt.Fprintf(os.Stderr, "  growth-neo4j x%d: reset %.1fs, loaded %d rows in %.1fs (%.0f rows/s)\n", scale, row.ResetSec, row.StatementRows, row.LoadSec, row.RowsPerSec)
		// As the neo4j scenario does: no plan made on the empty database's statistics.
		if _, err := neo4j.ExecuteQuery(ctx, d, "CALL db.prepareForReplanning()", nil, neo4j.EagerResultTransformer); err != nil {
			return err
		}
		_ = resetPeakRSS(jvm)
		if err := measureNeo4jGrowth(ctx, o, rep, s, qs, wants, &row); err != nil {
			return err
		}
		row.Neo4jReadRSS = peakRSS(jvm)
		rep.GrowthNeo4j = append(rep.GrowthNeo4j, row)
	}
	rep.neo4jGrowthTables(qs)
	return nil
}

// embeddedAnswers are the embedded store's answers to qs on d: the
// reference the Neo4j store's must equal byte for byte.
func embeddedAnswers(ctx context.Context, d *stancegraph.Dataset, qs []Query) (map[string][]byte, error) {
	mem := memstore.New()
	if err := mem.Load(ctx, d); err != nil {
		return nil, err
	}
	url, stop, err := serve(server.New(mem, server.Options{}))
	if err != nil {
		return nil, err
	}
	defer stop()
	wants := map[string][]byte{}
	for _, q := range qs {
		want, err := ask(ctx, url+"/graphql", q)
		if err != nil || bytes.Contains(want, []byte(`"errors":`)) {
			return nil, fmt.Errorf("%s, embedded store: %v %.300s", q.Name, err, want)
		}
		wants[q.Name] = want
	}
	return wants, nil
}

// measureNeo4jGrowth serves s over HTTP and measures each query at one
// client, after checking its answer against the embedded store's.
func measureNeo4jGrowth(ctx context.Context, o *Options, rep *Report, s *neo4jstore.Store, qs []Query, wants map[string][]byte, row *NeoGrowRow) error {
	url, stop, err := serve(server.New(s, server.Options{}))
	if err != nil {
		return err
	}
	defer stop()
	for _, q := range qs {
		want := wants[q.Name]
		got, err := ask(ctx, url+"/graphql", q)
		if err != nil || !bytes.Equal(got, want) {
			return fmt.Errorf("scale %d, %s: the Neo4j store's answer differs from the embedded store's (%v): %.300s", row.Scale, q.Name, err, got)
		}
		c := rep.measure(ctx, o, fmt.Sprintf("growth-neo4j-x%d", row.Scale), q, 1, target{name: "stancegraph", url: url + "/graphql"}, want)
		row.record(q, c, want)
	}
	return nil
}

func (r *Report) neo4jGrowthTables(qs []Query) {
	if len(r.GrowthNeo4j) == 0 {
		return
	}
	r.printf("| scale | positions | statement rows | reset first | load | rows/s | loader heap before → peak | loader peak RSS | Neo4j JVM peak RSS: load / reads |\n|---|---|---|---|---|---|---|---|---|\n")
	var scales []int
	var cells []growCells
	for _, g := range r.GrowthNeo4j {
		r.printf("| %d× | %d | %d | %.1fs | %.1fs | %.0f | %s → %s | %s | %s / %s |\n", g.Scale, g.Positions, g.StatementRows, g.ResetSec, g.LoadSec, g.RowsPerSec,
			mib(g.HeapBefore), mib(g.LoaderPeakHeap), mib(g.LoaderPeakRSS), mib(g.Neo4jLoadRSS), mib(g.Neo4jReadRSS))
		scales, cells = append(scales, g.Scale), append(cells, g.growCells)
	}
	r.printf("\nPeak RSS is VmHWM, reset before each phase. A JVM keeps the memory it took in an earlier phase (or scale), so its figure is the most it held, not what the phase needed; its heap is bounded by the maximum above.\n")
	r.growthTable(qs, scales, cells, true)
}

func mib(b uint64) string {
	if b == 0 {
		return "?"
	}
	return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
}

// neo4jMemory describes the server's memory settings: the JVM's maximum
// heap (from JMX), the page cache and the transaction cap.
func neo4jMemory(ctx context.Context, d neo4j.DriverWithContext) string {
	out := []string{}
	res, err := neo4j.ExecuteQuery(ctx, d, `CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes
		RETURN attributes.HeapMemoryUsage.value.properties.max AS max`, nil, neo4j.EagerResultTransformer)
	if err == nil && len(res.Records) == 1 {
		if v, ok := res.Records[0].Values[0].(int64); ok {
			out = append(out, fmt.Sprintf("JVM heap max %s", mib(uint64(v))))
		}
	}
	res, err = neo4j.ExecuteQuery(ctx, d, `SHOW SETTINGS YIELD name, value
		WHERE name IN ['server.memory.pagecache.size', 'dbms.memory.transaction.total.max'] RETURN name, value ORDER BY name`, nil, neo4j.EagerResultTransformer)
	if err == nil {
		for _, rec := range res.Records {
			out = append(out, fmt.Sprintf("%v = %v", rec.Values[0], rec.Values[1]))
		}
	}
	if len(out) == 0 {
		return "Neo4j memory settings: unknown"
	}
	return "Neo4j memory settings: " + strings.Join(out, ", ")
}

// heapPeak samples the heap in use every 20 ms until the returned function
// is called; it returns the peak.
func heapPeak() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	peak, done, stopped := read(), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				peak = max(peak, read())
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		return max(peak, read())
	}
}

// resetPeakRSS resets process pid's VmHWM to its current RSS (Linux 4.0+);
// if it cannot, VmHWM stays the peak since the process started.
func resetPeakRSS(pid int) error {
	if pid <= 0 {
		return nil
	}
	return os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
}

// peakRSS is process pid's VmHWM in bytes; 0 if unknown.
func peakRSS(pid int) uint64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
