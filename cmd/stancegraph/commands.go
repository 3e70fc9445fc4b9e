package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/stancegraph/stancegraph/auth"
	"github.com/stancegraph/stancegraph/journal"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/server"
)

// Main runs the commands; tests drive it directly.
type Main struct {
	Stdout, Stderr io.Writer
	Logger         *slog.Logger
	// Ready, if set, receives the address serve listens on once it does.
	Ready chan<- string
}

// parse parses a command's flags; -help prints them and stops quietly.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return errUsage
	} else if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// Serve loads the data into the store and serves the API until ctx ends.
func (m *Main) Serve(ctx context.Context, args []string) error {
	var c Config
	fs := c.flags("serve", m.Stderr, true)
	fs.StringVar(&c.Addr, "addr", ":"+env("PORT", "8080"), "listen address [PORT]")
	fs.DurationVar(&c.Timeout, "timeout", 10*time.Second, "time limit per request")
	fs.BoolVar(&c.NoIntrospect, "no-introspection", false, "disable GraphQL introspection")
	fs.StringVar(&c.Journal, "journal", env("STANCEGRAPH_JOURNAL", "stancegraph.journal"), "embedded store: file that keeps curators' changes across restarts (\"\" to keep none) [STANCEGRAPH_JOURNAL]")
	fs.StringVar(&c.Keys, "keys", env("STANCEGRAPH_KEYS", "stancegraph-keys.json"), "API key file (make keys with `stancegraph keys add`) [STANCEGRAPH_KEYS]")
	fs.BoolVar(&c.PrivateReads, "private-reads", false, "require an API key for reads too")
	cors := fs.String("cors", env("STANCEGRAPH_CORS", ""), "comma-separated origins allowed to call the API from a browser (\"*\": any) [STANCEGRAPH_CORS]")
	cache := fs.Int("cache", 1000, "answers to repeated anonymous queries to keep (embedded store only; writes clear it); 0: none")
	cacheMB := fs.Int64("cache-mb", 64, "megabytes of answers the response cache may keep")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	m.Logger.Info("starting", "config", c.String())
	store, err := c.openStore(ctx, m.Logger)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	if c.backend() == "memory" {
		start := time.Now()
		rep, err := loaders.Load(ctx, store, c.dataFS())
		if err != nil {
			return err
		}
		m.Logger.Info("loaded data into the embedded store", "release", rep.Release.ID, "took", time.Since(start).Round(time.Millisecond))
		if c.Journal != "" {
			j, rep, err := journal.Open(ctx, store, c.Journal)
			if err != nil {
				return err
			}
			store = j
			if rep.Dropped != "" {
				m.Logger.Warn("cut an unacknowledged record from the journal's end", "journal", c.Journal, "dropped", rep.Dropped)
			}
			if rep.Skipped > 0 {
				m.Logger.Warn("skipped records of the old journal format that the store rejects, as it did when they were written", "journal", c.Journal, "skipped", rep.Skipped)
			}
			m.Logger.Info("replayed curators' changes", "journal", c.Journal, "edits", rep.Records)
		}
	} else {
		m.Logger.Info("serving the graph already loaded in Neo4j (run `stancegraph load` to (re)load it)")
	}
	keys, err := auth.Open(c.Keys)
	if err != nil {
		return err
	}
	o := server.DefaultOptions()
	o.Timeout, o.Introspection, o.Keys, o.PrivateReads = c.Timeout, !c.NoIntrospect, keys, c.PrivateReads
	for _, origin := range strings.Split(*cors, ",") {
		if origin = strings.TrimSpace(origin); origin != "" {
			o.CORS = append(o.CORS, origin)
		}
	}
	if c.backend() == "memory" {
		o.ResponseCache = *cache // with Neo4j, other servers' writes would not clear it
		o.ResponseCacheBytes = max(*cacheMB, 1) << 20
		o.KeepAnalytics = true
	}
	return m.listen(ctx, c.Addr, server.New(store, o))
}

// The HTTP server's timeouts: for a request's headers, for the whole
// request with its body (a client trickling a body is cut off), and for an
// idle keep-alive connection. Websockets clear them once upgraded.
var (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	IdleTimeout       = 120 * time.Second
)

// listen serves h on addr until ctx ends, then shuts down gracefully,
// letting in-flight requests finish.
func (m *Main) listen(ctx context.Context, addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: ReadHeaderTimeout, ReadTimeout: ReadTimeout, IdleTimeout: IdleTimeout}
	m.Logger.Info("serving GraphQL", "graphiql", "http://"+ln.Addr().String()+"/", "explorer", "http://"+ln.Addr().String()+"/explorer/", "endpoint", "http://"+ln.Addr().String()+"/graphql")
	if m.Ready != nil {
		m.Ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	m.Logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// Validate checks a data folder and prints what it holds.
func (m *Main) Validate(ctx context.Context, args []string) error {
	var c Config
	fs := c.flags("validate", m.Stderr, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	_, rep, err := loaders.Read(c.dataFS())
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%s: valid\n%s", c.dataName(), rep)
	return nil
}

// Load loads a data folder into the configured store (Neo4j).
func (m *Main) Load(ctx context.Context, args []string) error {
	var c Config
	fs := c.flags("load", m.Stderr, true)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	if c.backend() != "neo4j" {
		return errors.New("load writes to Neo4j: set NEO4J_URI or -neo4j-uri (the embedded store loads at `serve`)")
	}
	m.Logger.Info("loading", "config", c.String())
	store, err := c.openStore(ctx, m.Logger, progressPrinter(m.Stderr))
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	start := time.Now()
	rep, err := loaders.Load(ctx, store, c.dataFS())
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "loaded into Neo4j in %s\n%s", time.Since(start).Round(time.Millisecond), rep)
	return nil
}
