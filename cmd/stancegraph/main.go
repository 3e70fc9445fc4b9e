// Command stancegraph loads a negotiation's positions into a graph and
// serves it over GraphQL.
//
//	stancegraph serve     load the data (bundled by default) and serve GraphQL
//	stancegraph validate  check a data folder and report what it holds
//	stancegraph load      load a data folder into Neo4j
//	stancegraph dump      write the graph back as a data folder
//	stancegraph generate  write a synthetic data folder
//	stancegraph journal   verify or repair the embedded store's journal
//	stancegraph analyze   compute blocs and agreement; -write stores them in Neo4j
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "stancegraph:", err)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

const usage = `stancegraph: who stands where in a treaty negotiation, served over GraphQL.

Usage:
  stancegraph serve    [flags]   load the data and serve GraphQL (GraphiQL at /, API at /graphql)
  stancegraph validate [flags]   check a data folder and report what it holds, without loading it
  stancegraph load     [flags]   load a data folder into Neo4j (schema, constraints, indexes, data)
  stancegraph dump     [flags]   write the whole graph back as a data folder (a backup that restores with load)
  stancegraph generate [flags]   write a synthetic data folder N times the bundled data (benchmarks)
  stancegraph export   [flags]   write the graph (filtered) as Cytoscape.js JSON, GEXF, GraphML or CSV
  stancegraph analyze  [flags]   compute blocs and agreement as the API does; -write stores them in Neo4j (Bloom, GDS)
  stancegraph keys add|list|revoke [flags]   manage curators' and admins' API keys
  stancegraph journal verify|repair [flags]  check the embedded store's journal, or keep what precedes its damage

Run "stancegraph <command> -help" for a command's flags.
`

// run dispatches a subcommand; it is main without os.Exit, for tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	m := &Main{Stdout: stdout, Stderr: stderr, Logger: logger}
	switch args[0] {
	case "serve":
		return m.Serve(ctx, args[1:])
	case "validate":
		return m.Validate(ctx, args[1:])
	case "load":
		return m.Load(ctx, args[1:])
	case "dump":
		return m.Dump(ctx, args[1:])
	case "generate":
		return m.Generate(ctx, args[1:])
	case "export":
		return m.Export(ctx, args[1:])
	case "analyze":
		return m.Analyze(ctx, args[1:])
	case "keys":
		return m.Keys(ctx, args[1:])
	case "journal":
		return m.Journal(ctx, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "stancegraph: unknown command %q\n\n%s", args[0], usage)
	return errUsage
}
