package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"time"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/neo4jstore"
)

// Config is what the commands are configured with: flags, with the
// standard NEO4J_* variables and PORT as fallbacks.
type Config struct {
	Data          string // data folder; "" for the bundled data
	Addr          string
	Store         string // "memory", "neo4j" or "" (neo4j if a URI is set)
	Neo4jURI      string
	Neo4jUser     string
	Neo4jPassword string
	Neo4jDatabase string
	Timeout       time.Duration
	NoIntrospect  bool
	Journal       string // embedded store: where curators' changes are kept
	Keys          string // the API key file
	PrivateReads  bool
}

// Validate checks the configuration.
func (c *Config) Validate() error {
	switch c.Store {
	case "", "memory":
	case "neo4j":
		if c.Neo4jURI == "" {
			return errors.New("-store=neo4j needs -neo4j-uri or NEO4J_URI")
		}
	default:
		return fmt.Errorf("unknown -store %q (want memory or neo4j)", c.Store)
	}
	return nil
}

// backend says which store the config selects.
func (c *Config) backend() string {
	if c.Store == "" && c.Neo4jURI != "" {
		return "neo4j"
	}
	if c.Store == "" {
		return "memory"
	}
	return c.Store
}

// String describes the config for the start-up log, password masked.
func (c *Config) String() string {
	pw := ""
	if c.Neo4jPassword != "" {
		pw = "******"
	}
	return fmt.Sprintf("store=%s data=%s neo4j=%s user=%s password=%s database=%s", c.backend(), c.dataName(), c.Neo4jURI, c.Neo4jUser, pw, c.Neo4jDatabase)
}

func (c *Config) dataName() string {
	if c.Data == "" {
		return "(bundled)"
	}
	return c.Data
}

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// flags declares the flags shared by the commands.
func (c *Config) flags(name string, out io.Writer, neo4j bool) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&c.Data, "data", "", "data folder (see docs/data-format.md); default: the bundled data")
	if neo4j {
		fs.StringVar(&c.Store, "store", env("STANCEGRAPH_STORE", ""), "memory or neo4j (default: neo4j if a Neo4j URI is set, else memory) [STANCEGRAPH_STORE]")
		fs.StringVar(&c.Neo4jURI, "neo4j-uri", env("NEO4J_URI", ""), "Neo4j URI, e.g. neo4j://host:7687 or bolt://127.0.0.1:7687 [NEO4J_URI]")
		fs.StringVar(&c.Neo4jUser, "neo4j-username", env("NEO4J_USERNAME", "neo4j"), "Neo4j user [NEO4J_USERNAME]")
		fs.StringVar(&c.Neo4jPassword, "neo4j-password", env("NEO4J_PASSWORD", ""), "Neo4j password [NEO4J_PASSWORD]")
		fs.StringVar(&c.Neo4jDatabase, "neo4j-database", env("NEO4J_DATABASE", ""), "Neo4j database (default: the server's default) [NEO4J_DATABASE]")
	}
	return fs
}

// dataFS returns the data folder to read.
func (c *Config) dataFS() fs.FS {
	if c.Data == "" {
		return data.FS
	}
	return os.DirFS(c.Data)
}

// openStore opens the configured backend; progress, if set, reports a
// Neo4j load's batches.
func (c *Config) openStore(ctx context.Context, logger *slog.Logger, progress ...func(neo4jstore.LoadProgress)) (stancegraph.Store, error) {
	if c.backend() == "neo4j" {
		cfg := neo4jstore.Config{URI: c.Neo4jURI, Username: c.Neo4jUser, Password: c.Neo4jPassword, Database: c.Neo4jDatabase, Logger: logger}
		if len(progress) > 0 {
			cfg.Progress = progress[0]
		}
		return neo4jstore.Open(ctx, cfg)
	}
	return memstore.New(), nil
}

// openLoaded opens the configured store, filling the embedded one from the
// data folder (a Neo4j store serves what was loaded into it).
func (c *Config) openLoaded(ctx context.Context, logger *slog.Logger) (stancegraph.Store, error) {
	store, err := c.openStore(ctx, logger)
	if err != nil || c.backend() != "memory" {
		return store, err
	}
	if _, err := loaders.Load(ctx, store, c.dataFS()); err != nil {
		store.Close(context.Background())
		return nil, err
	}
	return store, nil
}
