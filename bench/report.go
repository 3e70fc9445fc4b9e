package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/stancegraph/stancegraph/bench/loadgen"
)

// Report is everything a run measured.
type Report struct {
	Machine string    `json:"machine"`
	Started string    `json:"started"`
	Args    []string  `json:"args"`
	Cells   []Cell    `json:"cells"`
	Loads   []LoadRow `json:"loads,omitempty"`
	Growth  []GrowRow `json:"growth,omitempty"`
	// GrowthNeo4j are the growth-neo4j scenario's scales.
	GrowthNeo4j []NeoGrowRow `json:"growthNeo4j,omitempty"`
	Notes       []string     `json:"notes,omitempty"`
	Failures    []string     `json:"failures,omitempty"`
	Out         io.Writer    `json:"-"`
	// pids of other processes whose CPU time the cells record.
	pids map[string]int
}

// Cell is one (scenario, query, clients, target) measurement.
type Cell struct {
	Scenario string         `json:"scenario"`
	Query    string         `json:"query"`
	Target   string         `json:"target"`
	Result   loadgen.Result `json:"result"`
	Error    string         `json:"error,omitempty"`
	// CPUPerRequest is this process's CPU time (servers and clients; not
	// Neo4j's or the peer's) per request of the cell, warm-up included.
	CPUPerRequest time.Duration `json:"cpuPerRequestNs"`
	// OtherCPUPerRequest is the CPU time per request of the other
	// processes serving the cell, by name (neo4j: the JVM, if its pid is
	// known; peer: the Node process).
	OtherCPUPerRequest map[string]time.Duration `json:"otherCpuPerRequestNs,omitempty"`
}

// procCPU is the CPU time (user + system) process pid used so far, from
// /proc; 0 if unknown.
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command (which may hold spaces), from field 3 on.
	_, rest, ok := strings.Cut(string(b), ") ")
	if !ok {
		return 0
	}
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	var ut, st int64
	fmt.Sscan(f[11], &ut)
	fmt.Sscan(f[12], &st)
	return time.Duration(ut+st) * time.Second / 100 // USER_HZ
}

// cpuTime is the CPU time (user + system) this process used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (r *Report) printf(format string, a ...any) { fmt.Fprintf(r.Out, format, a...) }

func (r *Report) note(format string, a ...any) {
	s := fmt.Sprintf(format, a...)
	r.Notes = append(r.Notes, s)
	r.printf("\n> %s\n", s)
}

// serve serves h on 127.0.0.1:0 until stop is called.
func serve(h http.Handler) (url string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() { _ = srv.Serve(ln); close(done) }()
	return "http://" + ln.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
	}, nil
}

// target is one thing measured: an HTTP endpoint or a function.
type target struct {
	name string
	url  string                                    // POSTed the query's body
	do   func(ctx context.Context) ([]byte, error) // or called directly
	// check validates an answer (default: bytes equal to the reference).
	check func([]byte) error
}

// measure runs one cell and records it.
func (r *Report) measure(ctx context.Context, o *Options, scenario string, q Query, clients int, t target, want []byte) Cell {
	c := loadgen.Config{URL: t.url, Body: q.Body(), Do: t.do, Clients: clients, Duration: o.Warmup, Check: t.check}
	if c.Check == nil {
		c.Check = loadgen.Equal(want)
	}
	var warmErr error
	if o.Warmup > 0 {
		// A warm-up too short for one slow answer is fine; a wrong answer is not.
		if w, _ := loadgen.Run(ctx, c); w.Errors > 0 {
			warmErr = fmt.Errorf("warm-up: %d wrong or failed answers; first: %s", w.Errors, w.FirstError)
		}
	}
	c.Duration = o.Duration
	stopProf := func() {}
	if o.ProfileDir != "" && (clients == o.Clients[len(o.Clients)-1] || strings.HasPrefix(scenario, "growth")) {
		_ = os.MkdirAll(o.ProfileDir, 0o755)
		f, err := os.Create(filepath.Join(o.ProfileDir, fmt.Sprintf("%s-%s-%s-c%d.pprof", scenario, q.Name, t.name, clients)))
		if err == nil && pprof.StartCPUProfile(f) == nil {
			stopProf = func() { pprof.StopCPUProfile(); f.Close() }
		}
	}
	cpu0 := cpuTime()
	other0 := map[string]time.Duration{}
	for name, pid := range r.pids {
		other0[name] = procCPU(pid)
	}
	res, err := loadgen.Run(ctx, c)
	cpu := cpuTime() - cpu0
	other := map[string]time.Duration{}
	for name, pid := range r.pids {
		other[name] = procCPU(pid) - other0[name]
	}
	stopProf()
	res.Clients = clients
	cell := Cell{Scenario: scenario, Query: q.Name, Target: t.name, Result: res}
	if n := res.Requests + res.Errors; n > 0 {
		// Includes the clients' own CPU: compare cells, not absolutes.
		cell.CPUPerRequest = cpu / time.Duration(n)
		for name, d := range other {
			if cell.OtherCPUPerRequest == nil {
				cell.OtherCPUPerRequest = map[string]time.Duration{}
			}
			cell.OtherCPUPerRequest[name] = d / time.Duration(n)
		}
	}
	others := ""
	for name, d := range cell.OtherCPUPerRequest {
		others += fmt.Sprintf(", %s %s", name, dur(d))
	}
	if err == nil {
		err = warmErr
	}
	if err == nil && res.Errors > 0 {
		err = fmt.Errorf("%d wrong or failed answers; first: %s", res.Errors, res.FirstError)
	}
	if err != nil {
		cell.Error = err.Error()
		r.Failures = append(r.Failures, fmt.Sprintf("%s/%s/%s/c%d: %v", scenario, q.Name, t.name, clients, err))
	}
	r.Cells = append(r.Cells, cell)
	fmt.Fprintf(os.Stderr, "  %-9s %-13s %-18s c=%-3d %9.0f req/s  p50 %-9s p99 %-9s err %d  cpu/req: this process %s%s\n", scenario, q.Name, t.name, clients, res.RPS, dur(res.P50), dur(res.P99), res.Errors, dur(cell.CPUPerRequest), others)
	return cell
}

// ask sends one query to url and returns the answer.
func ask(ctx context.Context, url string, q Query) ([]byte, error) {
	return loadgen.Post(ctx, loadgen.NewClient(1), url, "", q.Body())
}

func dur(d time.Duration) string {
	switch {
	case d == 0:
		return "-"
	case d < time.Millisecond:
		return fmt.Sprintf("%.0fµs", float64(d)/float64(time.Microsecond))
	case d < time.Second:
		return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2fs", d.Seconds())
}

// ratio formats a/b.
func ratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// table prints, for one scenario, one row per (query, clients) with each
// target's req/s, p50 and p99, and the named ratios.
func (r *Report) table(scenario string, targets []string, ratios []ratioCol) {
	var head, sep []string
	head = append(head, "query", "clients")
	for _, t := range targets {
		head = append(head, t+" req/s", "p50", "p99")
	}
	for _, rc := range ratios {
		head = append(head, rc.title)
	}
	for range head {
		sep = append(sep, "---")
	}
	r.printf("\n| %s |\n|%s|\n", strings.Join(head, " | "), strings.Join(sep, "|"))
	type key struct {
		q string
		c int
	}
	cells := map[key]map[string]Cell{}
	var order []key
	for _, c := range r.Cells {
		if c.Scenario != scenario {
			continue
		}
		k := key{c.Query, c.Result.Clients}
		if cells[k] == nil {
			cells[k] = map[string]Cell{}
			order = append(order, k)
		}
		// The best round of each target (a failed round fails the cell).
		if prev, ok := cells[k][c.Target]; !ok || c.Error != "" || (prev.Error == "" && c.Result.RPS > prev.Result.RPS) {
			cells[k][c.Target] = c
		}
	}
	for _, k := range order {
		row := []string{k.q, fmt.Sprint(k.c)}
		for _, t := range targets {
			c, ok := cells[k][t]
			switch {
			case !ok:
				row = append(row, "n/a", "", "")
			case c.Error != "":
				row = append(row, "FAILED", "", "")
			default:
				row = append(row, fmt.Sprintf("%.0f", c.Result.RPS), dur(c.Result.P50), dur(c.Result.P99))
			}
		}
		for _, rc := range ratios {
			a, b := cells[k][rc.num], cells[k][rc.den]
			s := ratio(a.Result.RPS, b.Result.RPS)
			if s != "-" && rc.ok != nil {
				if rc.ok(a.Result.RPS / b.Result.RPS) {
					s += " ✓"
				} else {
					s += " ✗"
				}
			}
			row = append(row, s)
		}
		r.printf("| %s |\n", strings.Join(row, " | "))
	}
}

// ratioCol is a ratio column: num's req/s over den's, and whether it meets
// the target.
type ratioCol struct {
	title    string
	num, den string
	ok       func(float64) bool
}
