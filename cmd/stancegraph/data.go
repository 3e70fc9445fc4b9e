package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/synth"
)

// Generate writes a synthetic data folder scale times the bundled data.
func (m *Main) Generate(ctx context.Context, args []string) error {
	var c Config
	fs := c.flags("generate", m.Stderr, false)
	scale := fs.Int("scale", 10, "multiple of the bundled data's positions")
	seed := fs.Int64("seed", 1, "random seed (the output is deterministic for a seed)")
	out := fs.String("out", "", "output folder (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" || *scale < 1 {
		return errors.New("generate needs -out DIR and -scale >= 1")
	}
	base, _, err := loaders.Read(data.FS)
	if err != nil {
		return err
	}
	d := synth.Generate(base, *scale, *seed)
	if err := loaders.Write(*out, d); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "wrote %s: %d actors, %d sources, %d positions (scale %d, seed %d)\n", *out, len(d.Actors), len(d.Sources), len(d.Positions), *scale, *seed)
	return nil
}

// Dump writes the whole graph of the configured store back as a data folder.
func (m *Main) Dump(ctx context.Context, args []string) error {
	var c Config
	fs := c.flags("dump", m.Stderr, true)
	out := fs.String("out", "", "output folder (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("dump needs -out DIR")
	}
	if err := c.Validate(); err != nil {
		return err
	}
	store, err := c.openStore(ctx, m.Logger)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	if c.backend() == "memory" {
		if _, err := loaders.Load(ctx, store, c.dataFS()); err != nil {
			return err
		}
	}
	start := time.Now()
	d, err := loaders.Dump(ctx, store)
	if err != nil {
		return err
	}
	if err := loaders.Write(*out, d); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "dumped %d actors, %d articles, %d sources, %d positions from %s to %s in %s\n",
		len(d.Actors), len(d.Articles), len(d.Sources), len(d.Positions), c.backend(), *out, time.Since(start).Round(time.Millisecond))
	return nil
}
