package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/stancegraph/stancegraph/journal"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
)

// Journal checks (verify) or mends (repair) the embedded store's journal,
// replaying it over the data folder it was written over.
func (m *Main) Journal(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "repair") {
		return errors.New("journal needs a subcommand: verify or repair")
	}
	var c Config
	fs := c.flags("journal "+args[0], m.Stderr, false)
	fs.StringVar(&c.Journal, "journal", env("STANCEGRAPH_JOURNAL", "stancegraph.journal"), "the journal file [STANCEGRAPH_JOURNAL]")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	store := memstore.New()
	if _, err := loaders.Load(ctx, store, c.dataFS()); err != nil {
		return err
	}
	if args[0] == "repair" {
		rep, err := journal.Repair(ctx, store, c.Journal)
		if err != nil {
			return err
		}
		if rep.Dropped == "" {
			fmt.Fprintf(m.Stdout, "%s: nothing to repair: %d edits replay as acknowledged\n", c.Journal, rep.Records)
			return nil
		}
		fmt.Fprintf(m.Stdout, "%s: kept the %d edits before the damage; dropped %s\n", c.Journal, rep.Records, rep.Dropped)
		return nil
	}
	rep, err := journal.Verify(ctx, store, c.Journal)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%s: good: %d edits replay as acknowledged (%d without checksums, %d old rejected records skipped)\n", c.Journal, rep.Records, rep.Legacy, rep.Skipped)
	if rep.Dropped != "" {
		fmt.Fprintf(m.Stdout, "serve will cut %s\n", rep.Dropped)
	}
	return nil
}
