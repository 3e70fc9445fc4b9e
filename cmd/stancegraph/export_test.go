package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExport(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "g.gexf")
	var errOut bytes.Buffer
	args := []string{"export", "-store", "memory", "-format", "gexf", "-out", file, "-article", "ahc-draft-2024:5", "-stance", "opposes"}
	if err := run(context.Background(), args, io.Discard, &errOut); err != nil {
		t.Fatalf("%v: %s", err, errOut.String())
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `source="actor:IRN" target="article:ahc-draft-2024:5"`) || !strings.Contains(errOut.String(), "exported") {
		t.Fatalf("no edge from Iran to Article 5 in the export; stderr: %s", errOut.String())
	}

	var out bytes.Buffer
	if err := run(context.Background(), []string{"export", "-store", "memory", "-format", "cytoscape", "-kind", "vote", "-date-to", "2018"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Data     struct{ Release struct{ ID string } }
		Elements struct {
			Edges []struct{ Data struct{ Kind, Date string } }
		}
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Data.Release.ID == "" || len(doc.Elements.Edges) == 0 {
		t.Fatalf("release %q, %d edges", doc.Data.Release.ID, len(doc.Elements.Edges))
	}
	for _, e := range doc.Elements.Edges {
		if e.Data.Kind != "VOTE" || e.Data.Date > "2018-12-31" {
			t.Fatalf("edge %+v escapes -kind vote -date-to 2018", e.Data)
		}
	}
}

func TestExport_CSV(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "csv")
	if err := run(context.Background(), []string{"export", "-store", "memory", "-format", "csv", "-out", dir}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"nodes.csv", "edges.csv", "sources.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !strings.HasPrefix(string(b), "id,") {
			t.Fatalf("%s: %v %.80q", name, err, b)
		}
	}
}

func TestExport_Errors(t *testing.T) {
	for _, args := range [][]string{
		{"export", "-store", "memory", "-format", "pdf"},
		{"export", "-store", "memory", "-format", "csv"},
		{"export", "-store", "memory", "-stance", "maybe"},
		{"export", "-store", "memory", "stray"},
	} {
		if err := run(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
