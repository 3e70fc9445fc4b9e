package loaders

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/stancegraph/stancegraph"
)

// Report says what a data folder holds: per file, the rows read, the rows
// that became graph entities and the rows left out, each with its reason.
type Report struct {
	Release stancegraph.Release
	Files   []*FileReport
}

// FileReport is one file's part of a Report.
type FileReport struct {
	File    string
	Format  string
	Rows    int
	Loaded  int
	Skipped []Skip
}

// Skip is a row deliberately not loaded, and why.
type Skip struct {
	Line   int
	Reason string
}

// String renders the report for a terminal.
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "release %s (sha256 %s)\n", r.Release.ID, r.Release.Hash)
	for _, f := range r.Files {
		fmt.Fprintf(&b, "  %-44s %-14s %5d rows, %5d loaded", f.File, f.Format, f.Rows, f.Loaded)
		if len(f.Skipped) > 0 {
			fmt.Fprintf(&b, ", %d reported and not loaded", len(f.Skipped))
		}
		b.WriteString("\n")
		for _, s := range f.Skipped {
			fmt.Fprintf(&b, "      %s:%d: %s\n", f.File, s.Line, s.Reason)
		}
	}
	return b.String()
}

// reader holds the state of one pass over a data folder.
type reader struct {
	fsys    fs.FS
	errs    Errors
	d       stancegraph.Dataset
	report  Report
	hash    map[string][]byte // file name -> bytes, for the release hash
	names   map[string]string // lower-cased id, name or alias -> actor id
	clash   map[string]bool   // names that resolve to more than one actor
	ids     map[string]string // every entity id -> the file that defined it
	sources map[string]bool   // URLs listed in sources.csv
	arts    map[string]*stancegraph.Article
	insts   map[string]*stancegraph.Instrument
}

// ReadDir parses and validates the data folder dir; see Read.
func ReadDir(dir string) (*stancegraph.Dataset, *Report, error) { return Read(os.DirFS(dir)) }

// Read parses and validates a data folder. It returns every problem found
// (as Errors) rather than the first, and a dataset only if there are none.
func Read(fsys fs.FS) (*stancegraph.Dataset, *Report, error) {
	r := &reader{
		fsys: fsys, hash: map[string][]byte{}, names: map[string]string{}, clash: map[string]bool{},
		ids: map[string]string{}, sources: map[string]bool{}, arts: map[string]*stancegraph.Article{},
		insts: map[string]*stancegraph.Instrument{},
	}
	// Order matters: what is referenced is read before what refers to it.
	r.readSources()
	r.readTopics()
	r.readStates()
	r.readOrganizations()
	r.readGroups()
	r.readPeople()
	r.readMemberships()
	r.readInstruments()
	r.readArticles()
	r.readSessions()
	r.readIssues()
	r.readPositions()
	r.readDatasets()
	r.readVoteSummaries()
	r.readTreatyStatuses()
	r.d.Records.Sort() // the stores' order, so a dump compares equal
	r.checkDuplicates()
	r.release()
	if len(r.errs) > 0 {
		return nil, &r.report, r.errs
	}
	return &r.d, &r.report, nil
}

// Load reads a data folder and loads it into s in one all-or-nothing Store.Load.
func Load(ctx context.Context, s stancegraph.Store, fsys fs.FS) (*Report, error) {
	d, rep, err := Read(fsys)
	if err != nil {
		return rep, err
	}
	if err := s.Load(ctx, d); err != nil {
		return rep, fmt.Errorf("load: %w", err)
	}
	return rep, nil
}

// table reads a file and records it in the report and the release hash.
func (r *reader) table(name, format string, required, optional []string, mustExist bool) (*table, *FileReport) {
	t := readTable(r.fsys, name, required, optional, mustExist, &r.errs)
	fr := &FileReport{File: name, Format: format, Rows: len(t.rows)}
	if t.raw != nil {
		r.hash[name] = t.raw
		r.report.Files = append(r.report.Files, fr)
	}
	return t, fr
}

// define registers an entity id, reporting a duplicate.
func (r *row) define(rd *reader, field, id string) bool {
	if id == "" {
		return false
	}
	if prev, ok := rd.ids[id]; ok {
		r.fail(field, "duplicate id %q (already defined in %s)", id, prev)
		return false
	}
	rd.ids[id] = fmt.Sprintf("%s:%d", r.file, r.line)
	return true
}

// release computes the content hash of every file read, in name order, and
// dates the release by the latest position.
func (r *reader) release() {
	names := make([]string, 0, len(r.hash))
	for n := range r.hash {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(r.hash[n]))
		h.Write(r.hash[n])
	}
	sum := hex.EncodeToString(h.Sum(nil))
	date := ""
	for _, p := range r.d.Positions {
		date = max(date, p.Date)
	}
	r.d.Release = stancegraph.Release{ID: date + "-" + sum[:12], Hash: sum, Date: date}
	r.report.Release = r.d.Release
}

// sourceIDs checks that every URL is listed in sources.csv and returns their ids.
func (r *row) sourceIDs(rd *reader, field string, urls []string) []string {
	out := make([]string, 0, len(urls))
	for _, u := range urls {
		if !rd.sources[u] {
			r.fail(field, "%q is not listed in sources.csv", u)
			continue
		}
		out = append(out, stancegraph.SourceID(u))
	}
	return out
}
