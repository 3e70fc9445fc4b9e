// Command bench is stancegraph's benchmark harness (issue 9). It starts
// every server it measures in-process on 127.0.0.1:0 (the @neo4j/graphql
// peer as a Node child process), drives them with bench/loadgen's
// closed-loop clients, checks every answer against the reference, and
// prints each figure as a ratio to its baseline measured in the same run.
//
//	go -C bench run . -scenario embedded -duration 5s -clients 1,8,32 -out results/embedded.json
//	eval "$(NEO4J_TEST_PORT=7787 STANCEGRAPH_NEO4J_HOME=/tmp/bench-neo4j scripts/neo4j start)"
//	go -C bench run . -scenario neo4j,load -out results/neo4j.json
//	go -C bench run . -scenario growth -scales 1,10,100,1000
//	go -C bench run . -scenario growth-neo4j -scales 1,10,100,1000   # RESETS the database
//	go -C bench run . -smoke          # every scenario ~1 s, 1 client; non-zero exit on a wrong answer
//
// Scenarios that need Neo4j read NEO4J_URI, NEO4J_USERNAME and
// NEO4J_PASSWORD; they RESET that database (MATCH (n) DETACH DELETE n):
// point them at an instance of their own.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Options are the harness's flags.
type Options struct {
	Scenarios    []string
	Duration     time.Duration
	Warmup       time.Duration
	Rounds       int
	Clients      []int
	Queries      map[string]bool
	LoadScales   []int
	GrowthScales []int
	NaiveLimit   time.Duration
	Out          string
	CPUProfile   string
	ProfileDir   string
	PeerDir      string
	NoPeer       bool
	Smoke        bool
	Neo4jURI     string
	Neo4jUser    string
	Neo4jPass    string
	ImportDir    string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	var o Options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	scen := fs.String("scenario", "embedded", "comma-separated: embedded, neo4j, load, growth, growth-neo4j, all; neo4j, load and growth-neo4j RESET the database at NEO4J_URI (growth-neo4j empties and reloads it at every scale)")
	fs.DurationVar(&o.Duration, "duration", 5*time.Second, "measured time per (target, query, clients) cell, at most "+strconv.Itoa(int(maxCell.Seconds()))+"s")
	fs.DurationVar(&o.Warmup, "warmup", time.Second, "warm-up per cell, not measured")
	fs.IntVar(&o.Rounds, "rounds", 2, "measure each (query, clients) row this many times, targets interleaved; tables keep each target's best round (the machine is shared)")
	clients := fs.String("clients", "1,8,32", "concurrent clients")
	queries := fs.String("queries", "", "only these queries (comma-separated names); default all")
	loadScales := fs.String("load-scales", "1,10", "synthetic scales loaded into an empty Neo4j by the load scenario")
	growthScales := fs.String("scales", "1,10,100", "synthetic scales of the growth and growth-neo4j scenarios")
	fs.DurationVar(&o.NaiveLimit, "naive-limit", 60*time.Second, "time bound of the naive loader per scale (its rate is measured on the rows it loaded)")
	fs.StringVar(&o.Out, "out", "", "write all results as JSON to this file")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the whole run (clients and servers share the process)")
	fs.StringVar(&o.ProfileDir, "profile-dir", "", "write one CPU profile per embedded/neo4j cell at the highest client count into this folder")
	fs.StringVar(&o.PeerDir, "peer-dir", "peer", "folder of the @neo4j/graphql peer (npm ci there first)")
	fs.BoolVar(&o.NoPeer, "no-peer", false, "skip the @neo4j/graphql peer")
	fs.StringVar(&o.ImportDir, "import-dir", "", "Neo4j's import folder for LOAD CSV, if the server restricts file URLs (default: a temporary folder, read by absolute file:/// URL)")
	fs.BoolVar(&o.Smoke, "smoke", false, "run every scenario for ~1 s with 1 client at scale 1; fail on any wrong answer")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o.Neo4jURI, o.Neo4jUser, o.Neo4jPass = os.Getenv("NEO4J_URI"), envOr("NEO4J_USERNAME", "neo4j"), os.Getenv("NEO4J_PASSWORD")
	var err error
	if o.Clients, err = ints(*clients); err != nil {
		return err
	}
	if o.LoadScales, err = ints(*loadScales); err != nil {
		return err
	}
	if o.GrowthScales, err = ints(*growthScales); err != nil {
		return err
	}
	if *queries != "" {
		o.Queries = map[string]bool{}
		for _, q := range strings.Split(*queries, ",") {
			o.Queries[strings.TrimSpace(q)] = true
		}
	}
	o.Scenarios = strings.Split(*scen, ",")
	if *scen == "all" {
		o.Scenarios = []string{"embedded", "neo4j", "load", "growth", "growth-neo4j"}
	}
	if o.Smoke {
		// growth-neo4j at scale 1: an empty database, a 1× load, 7 queries.
		o.Scenarios = []string{"embedded", "neo4j", "load", "growth", "growth-neo4j"}
		o.Duration, o.Warmup, o.Clients, o.Rounds = time.Second, 0, []int{1}, 1
		o.LoadScales, o.GrowthScales, o.NaiveLimit = []int{1}, []int{1}, 5*time.Second
	}
	o.Duration = min(o.Duration, maxCell)
	o.Rounds = max(o.Rounds, 1)
	// The servers log every request cut off at the end of a cell; answers are checked by loadgen instead.
	slog.SetDefault(quiet)

	if o.CPUProfile != "" {
		f, err := os.Create(o.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	rep := &Report{Machine: machine(), Started: time.Now().UTC().Format(time.RFC3339), Args: args, Out: stdout, pids: map[string]int{}}
	// The Neo4j started by scripts/neo4j: its JVM's CPU time per request is recorded.
	if home := os.Getenv("STANCEGRAPH_NEO4J_HOME"); home != "" {
		if b, err := os.ReadFile(filepath.Join(home, "neo4j.pid")); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				rep.pids["neo4j"] = pid
			}
		}
	}
	fmt.Fprintf(stdout, "# stancegraph benchmarks\n\n%s\n", rep.Machine)
	for _, s := range o.Scenarios {
		var err error
		s = strings.TrimSpace(s)
		if o.Smoke && o.Neo4jURI == "" && (s == "neo4j" || s == "load" || s == "growth-neo4j") {
			rep.note("smoke: %s skipped: NEO4J_URI is not set", s)
			continue
		}
		switch s {
		case "embedded":
			err = embedded(ctx, &o, rep)
		case "neo4j":
			err = neo4jScenario(ctx, &o, rep)
		case "load":
			err = loadScenario(ctx, &o, rep)
		case "growth":
			err = growth(ctx, &o, rep)
		case "growth-neo4j":
			err = growthNeo4j(ctx, &o, rep)
		default:
			err = fmt.Errorf("unknown scenario %q", s)
		}
		if err != nil {
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s: %v", s, err))
			fmt.Fprintf(stdout, "\n**%s failed: %v**\n", s, err)
		}
	}
	if o.Out != "" {
		if err := os.MkdirAll(filepath.Dir(o.Out), 0o755); err != nil {
			return err
		}
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(o.Out, b, 0o644); err != nil {
			return err
		}
	}
	if len(rep.Failures) > 0 {
		return fmt.Errorf("%d failure(s): %s", len(rep.Failures), strings.Join(rep.Failures, "; "))
	}
	return nil
}

// maxCell bounds the measured time of one cell.
const maxCell = 60 * time.Second

func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad number %q in %q", f, s)
		}
		out = append(out, n)
	}
	return out, nil
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func machine() string {
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "MemTotal:") {
				f := strings.Fields(l)
				if kb, err := strconv.Atoi(f[1]); err == nil {
					mem = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
				}
			}
		}
	}
	cpu := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				_, cpu, _ = strings.Cut(l, ": ")
				break
			}
		}
	}
	commit := "unknown commit"
	if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		commit = "commit " + strings.TrimSpace(string(out))
		if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(st) > 0 {
			commit += " (with uncommitted changes)"
		}
	}
	return fmt.Sprintf("machine: %d CPUs (%s), %s RAM, %s %s/%s, GOMAXPROCS=%d; %s", runtime.NumCPU(), cpu, mem, runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), commit)
}
