// Command generate runs gqlgen as `go run github.com/99designs/gqlgen
// generate` does, with one plugin: every object but the operation roots
// resolves its resolver fields one after another in the goroutine that
// marshals the object, instead of one goroutine per field.
//
// Why: gqlgen starts a goroutine for every resolver field of every object
// beyond the first, and each grows its stack from scratch (about a fifth
// of the CPU of the benchmark's nested query went to runtime.copystack).
// The planner fetches what a field returns before its object is
// marshalled, so a field resolver is mostly a map look-up and the
// goroutine buys nothing. The root fields stay concurrent, and lists
// still marshal their elements concurrently, so a field the plan did not
// cover still batches its dataloader calls across the elements of a list
// (server's TestStoreCallsOfEveryField holds every field to that). gqlgen
// has no setting for this: exec.worker_limit bounds the goroutines, it
// does not remove them.
//
//	go run ./graph/generate
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

// concurrent are the objects whose resolver fields keep a goroutine each:
// the operation roots, whose fields are independent questions.
var concurrent = map[string]bool{"Query": true, "Mutation": true, "Subscription": true}

type sequential struct{}

func (sequential) Name() string { return "sequential" }

// GenerateCode runs after gqlgen has built its data and before it renders
// the executable schema, so the flag reaches the exec template.
func (sequential) GenerateCode(data *codegen.Data) error {
	for _, o := range data.Objects {
		if !concurrent[o.Name] {
			o.DisableConcurrency = true
		}
	}
	return nil
}

func main() {
	verbose := flag.Bool("v", false, "show gqlgen's log, as its -verbose does")
	flag.Parse()
	if !*verbose {
		log.SetOutput(io.Discard) // as gqlgen's own command does without -verbose
	}
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		fmt.Fprintln(os.Stderr, "graph/generate:", err)
		os.Exit(2)
	}
	if err := api.Generate(cfg, api.AddPlugin(sequential{})); err != nil {
		fmt.Fprintln(os.Stderr, "graph/generate:", err)
		os.Exit(3)
	}
}
