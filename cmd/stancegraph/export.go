package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/stancegraph/stancegraph/export"
)

// Export writes the graph of the configured store's positions, filtered
// like the API, in one of the export formats.
func (m *Main) Export(ctx context.Context, args []string) error {
	var c Config
	fs := c.flags("export", m.Stderr, true)
	format := fs.String("format", "gexf", "cytoscape, gexf, graphml, csv (nodes.csv, edges.csv and sources.csv into the -out folder), nodes.csv, edges.csv or sources.csv")
	out := fs.String("out", "", "output file, or folder for -format csv (default: standard output)")
	agreement := fs.Bool("agreement", false, "add actors' blocs and edges between actors agreeing above 0.5")
	edges := fs.Bool("agreement-edges", true, "with -agreement, also the agreement edges (false: blocs only, a graph networkx reads)")
	q := url.Values{}
	for _, p := range export.FilterParams {
		fs.Func(kebab(p), "filter: only positions with this "+p+" (repeatable, or comma-separated)", func(v string) error {
			q.Add(p, v)
			return nil
		})
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	filter, err := export.ParseFilter(q)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, *out); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	store, err := c.openLoaded(ctx, m.Logger)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	g, err := export.Build(ctx, store, export.Options{Filter: filter, Agreement: *agreement, NoAgreementEdges: !*edges})
	if err != nil {
		return err
	}
	if err := m.writeExport(g, *format, *out); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "exported %d nodes, %d edges and %d sources of release %s as %s\n", len(g.Nodes), len(g.Edges), len(g.Sources), g.Release.ID, *format)
	return nil
}

// checkFormat checks the format name and that csv has a folder to go to.
func checkFormat(format, out string) error {
	if format == "csv" {
		if out == "" {
			return errors.New("export -format csv writes three files: give -out DIR")
		}
		return nil
	}
	if _, ok := export.FormatByName(format); !ok {
		return fmt.Errorf("unknown -format %q (want csv or one of %s)", format, export.FormatNames())
	}
	return nil
}

// writeExport writes g in format to out (a file, a folder for csv, or
// standard output).
func (m *Main) writeExport(g *export.Graph, format, out string) error {
	if format == "csv" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		for _, name := range []string{"nodes.csv", "edges.csv", "sources.csv"} {
			f, _ := export.FormatByName(name)
			if err := writeFile(filepath.Join(out, name), g, f.Write); err != nil {
				return err
			}
		}
		return nil
	}
	f, _ := export.FormatByName(format)
	if out == "" || out == "-" {
		return f.Write(m.Stdout, g)
	}
	return writeFile(out, g, f.Write)
}

func writeFile(path string, g *export.Graph, write func(io.Writer, *export.Graph) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f, g); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// kebab turns a parameter name into a flag name: dateFrom → date-from.
func kebab(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsUpper(r) {
			b.WriteByte('-')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
