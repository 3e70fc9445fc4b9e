package main

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/neo4jstore"
	"github.com/stancegraph/stancegraph/synth"
)

// LoadRow is one scale of the load scenario.
type LoadRow struct {
	Scale     int     `json:"scale"`
	Rows      int     `json:"rows"` // entities in the data set
	Positions int     `json:"positions"`
	ReadSec   float64 `json:"readSec"` // loaders.Read: parse and validate the CSV folder
	LoadSec   float64 `json:"loadSec"` // neo4jstore.Store.Load
	// Naive: one transaction per row, through the same Store.Load; it may
	// stop at the time bound, its rate then measured on the rows it loaded.
	NaiveRows int     `json:"naiveRows"`
	NaiveSec  float64 `json:"naiveSec"`
	CSVSec    float64 `json:"loadCsvSec"` // the faster of the two forms
	// LOAD CSV in one transaction per statement, and batched
	// (CALL { … } IN TRANSACTIONS OF 1000 ROWS).
	CSVPlainSec   float64 `json:"loadCsvPlainSec"`
	CSVBatchedSec float64 `json:"loadCsvBatchedSec"`
	Same          string  `json:"same"` // the graphs' fingerprints agree
}

// loadScenario loads each scale into an empty Neo4j three ways.
func loadScenario(ctx context.Context, o *Options, rep *Report) error {
	rep.printf("\n## Loading into an empty Neo4j\n\n")
	s, d, err := openNeo4j(ctx, o)
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	defer d.Close(ctx)
	base, _, err := loaders.Read(data.FS)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "stancegraph-bench-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, scale := range o.LoadScales {
		row, err := loadScale(ctx, o, s, d, base, scale, tmp)
		if err != nil {
			return fmt.Errorf("scale %d: %w", scale, err)
		}
		rep.Loads = append(rep.Loads, row)
	}
	rep.printf("\n| scale | rows (positions) | stancegraph: read + load | load only | rows/s | naive (1 tx/row) rows/s | LOAD CSV | stancegraph/naive rate (target ≥ 10) | stancegraph load/LOAD CSV time (target ≤ 2) | read+load/LOAD CSV | same graph |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rep.Loads {
		rate := float64(r.Rows) / r.LoadSec
		naive := float64(r.NaiveRows) / r.NaiveSec
		naiveNote := ""
		if r.NaiveRows < r.Rows {
			naiveNote = fmt.Sprintf(" (%d rows in %.0fs, stopped)", r.NaiveRows, r.NaiveSec)
		}
		mark := func(ok bool) string {
			if ok {
				return " ✓"
			}
			return " ✗"
		}
		rep.printf("| %d | %d (%d) | %.2fs | %.2fs | %.0f | %.1f%s | %.2fs | %.1f×%s | %.2f×%s | %.2f× | %s |\n", r.Scale, r.Rows, r.Positions,
			r.ReadSec+r.LoadSec, r.LoadSec, rate, naive, naiveNote, r.CSVSec, rate/naive, mark(rate/naive >= 10), r.LoadSec/r.CSVSec, mark(r.LoadSec/r.CSVSec <= 2),
			(r.ReadSec+r.LoadSec)/r.CSVSec, r.Same)
	}
	return nil
}

func loadScale(ctx context.Context, o *Options, s *neo4jstore.Store, d neo4j.DriverWithContext, base *stancegraph.Dataset, scale int, tmp string) (LoadRow, error) {
	dir := filepath.Join(tmp, fmt.Sprintf("x%d", scale))
	if err := loaders.Write(dir, synth.Generate(base, scale, 1)); err != nil {
		return LoadRow{}, err
	}
	t0 := time.Now()
	ds, _, err := loaders.ReadDir(dir)
	if err != nil {
		return LoadRow{}, err
	}
	row := LoadRow{Scale: scale, ReadSec: time.Since(t0).Seconds(), Positions: len(ds.Positions),
		Rows: len(ds.Actors) + len(ds.Memberships) + len(ds.Topics) + len(ds.Instruments) + len(ds.Articles) + len(ds.Sessions) + len(ds.Sources) + len(ds.Positions)}
	fmt.Fprintf(os.Stderr, "  load      scale %d: %d rows (%d positions)\n", scale, row.Rows, row.Positions)

	// (a) stancegraph's loader.
	if err := s.Reset(ctx); err != nil {
		return row, err
	}
	t0 = time.Now()
	if err := s.Load(ctx, ds); err != nil {
		return row, err
	}
	row.LoadSec = time.Since(t0).Seconds()
	want, err := fingerprint(ctx, d)
	if err != nil {
		return row, err
	}
	fmt.Fprintf(os.Stderr, "  load      scale %d: stancegraph %.2fs\n", scale, row.LoadSec)
	// The CSV files for LOAD CSV: the node properties the loader wrote,
	// read back, so both write exactly the same values.
	csvDir := o.ImportDir
	if csvDir == "" {
		csvDir = filepath.Join(tmp, fmt.Sprintf("csv-x%d", scale))
	}
	files, err := exportCSV(ctx, d, csvDir)
	if err != nil {
		return row, err
	}

	// (c) LOAD CSV with the same MERGE statements, plain and batched; the
	// faster is the baseline.
	same := []string{}
	for _, batched := range []bool{false, true} {
		if err := s.Reset(ctx); err != nil {
			return row, err
		}
		t0 = time.Now()
		if err := loadCSV(ctx, d, files, o.ImportDir != "", batched); err != nil {
			return row, fmt.Errorf("LOAD CSV: %w", err)
		}
		sec := time.Since(t0).Seconds()
		got, err := fingerprint(ctx, d)
		if err != nil {
			return row, err
		}
		name := map[bool]string{false: "LOAD CSV", true: "LOAD CSV in transactions"}[batched]
		if got == want {
			same = append(same, name+" ✓")
		} else {
			same = append(same, name+" ✗ ("+got[:12]+" vs "+want[:12]+")")
		}
		if batched {
			row.CSVBatchedSec = sec
		} else {
			row.CSVPlainSec = sec
		}
		fmt.Fprintf(os.Stderr, "  load      scale %d: %s %.2fs\n", scale, name, sec)
	}
	row.CSVSec = min(row.CSVPlainSec, row.CSVBatchedSec)

	// (b) naive: one transaction per row through Store.Load.
	if err := s.Reset(ctx); err != nil {
		return row, err
	}
	deadline := time.Now().Add(o.NaiveLimit)
	t0 = time.Now()
	rows := singleRows(ds)
	for i, one := range rows {
		// The time bound applies to the first pass; the second (instruments
		// and articles again, for their links) completes a full load.
		if i < row.Rows && time.Now().After(deadline) {
			break
		}
		if err := s.Load(ctx, one); err != nil {
			return row, fmt.Errorf("naive row %d: %w", i, err)
		}
		row.NaiveRows = min(i+1, row.Rows)
	}
	row.NaiveSec = time.Since(t0).Seconds()
	if row.NaiveRows == row.Rows {
		got, err := fingerprint(ctx, d)
		if err != nil {
			return row, err
		}
		if got == want {
			same = append(same, "naive ✓")
		} else {
			same = append(same, "naive ✗")
		}
	} else {
		same = append(same, "naive: partial")
	}
	fmt.Fprintf(os.Stderr, "  load      scale %d: naive %d rows in %.2fs\n", scale, row.NaiveRows, row.NaiveSec)
	row.Same = strings.Join(same, ", ")
	return row, nil
}

// singleRows splits d into one-entity data sets in load order, then the
// instruments and articles again (their VERSION_OF and CORRESPONDS_TO
// targets exist only once all are loaded).
func singleRows(d *stancegraph.Dataset) []*stancegraph.Dataset {
	var out []*stancegraph.Dataset
	one := func(f func(*stancegraph.Dataset)) {
		x := &stancegraph.Dataset{Release: d.Release}
		f(x)
		out = append(out, x)
	}
	for _, t := range []stancegraph.ActorType{stancegraph.ActorState, stancegraph.ActorOrganization, stancegraph.ActorGroup, stancegraph.ActorPerson} {
		for _, a := range d.Actors {
			if a.Type == t {
				one(func(x *stancegraph.Dataset) { x.Actors = []*stancegraph.Actor{a} })
			}
		}
	}
	for _, m := range d.Memberships {
		one(func(x *stancegraph.Dataset) { x.Memberships = []*stancegraph.Membership{m} })
	}
	for _, t := range d.Topics {
		one(func(x *stancegraph.Dataset) { x.Topics = []*stancegraph.Topic{t} })
	}
	for _, s := range d.Sources {
		one(func(x *stancegraph.Dataset) { x.Sources = []*stancegraph.Source{s} })
	}
	for _, i := range d.Instruments {
		one(func(x *stancegraph.Dataset) { x.Instruments = []*stancegraph.Instrument{i} })
	}
	for _, a := range d.Articles {
		one(func(x *stancegraph.Dataset) { x.Articles = []*stancegraph.Article{a} })
	}
	for _, s := range d.Sessions {
		one(func(x *stancegraph.Dataset) { x.Sessions = []*stancegraph.Session{s} })
	}
	for _, p := range d.Positions {
		one(func(x *stancegraph.Dataset) { x.Positions = []*stancegraph.Position{p} })
	}
	for _, i := range d.Instruments {
		one(func(x *stancegraph.Dataset) { x.Instruments = []*stancegraph.Instrument{i} })
	}
	for _, a := range d.Articles {
		one(func(x *stancegraph.Dataset) { x.Articles = []*stancegraph.Article{a} })
	}
	return out
}

// fingerprint hashes the whole graph: every node's labels and properties,
// every relationship's type, ends and properties, sorted.
func fingerprint(ctx context.Context, d neo4j.DriverWithContext) (string, error) {
	var lines []string
	for _, q := range []string{
		`MATCH (n) RETURN [l IN labels(n) | l] AS a, properties(n) AS b`,
		`MATCH (x)-[r]->(y) RETURN [type(r), coalesce(x.id, x.key), coalesce(y.id, y.key)] AS a, properties(r) AS b`,
	} {
		res, err := neo4j.ExecuteQuery(ctx, d, q, nil, neo4j.EagerResultTransformer)
		if err != nil {
			return "", err
		}
		for _, r := range res.Records {
			a, _ := r.Get("a")
			b, _ := r.Get("b")
			if xs, ok := a.([]any); ok && strings.HasPrefix(q, "MATCH (n)") {
				slices.SortFunc(xs, func(x, y any) int { return strings.Compare(fmt.Sprint(x), fmt.Sprint(y)) })
			}
			j, _ := json.Marshal([]any{a, b})
			lines = append(lines, string(j))
		}
	}
	sort.Strings(lines)
	if dir := os.Getenv("BENCH_DEBUG"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("fp-%d.txt", time.Now().UnixNano())), []byte(strings.Join(lines, "\n")), 0o644)
	}
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// csvFile is one exported label: its file and its columns' kinds.
type csvFile struct {
	label string // Actor:State, Position, ...
	path  string
	cols  []string
	kinds map[string]string // "s" string, "l" list, "i" integer, "b" boolean
}

// exportCSV writes the graph's node properties, one CSV file per label,
// list properties joined with "|", and returns the files.
func exportCSV(ctx context.Context, d neo4j.DriverWithContext, dir string) (map[string]*csvFile, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	out := map[string]*csvFile{}
	for _, label := range []string{"State", "Organization", "Group", "Person", "Topic", "Source", "Instrument", "Article", "Session", "Position", "Release"} {
		res, err := neo4j.ExecuteQuery(ctx, d, "MATCH (n:"+label+") RETURN properties(n) AS p ORDER BY coalesce(n.id, n.key)", nil, neo4j.EagerResultTransformer)
		if err != nil {
			return nil, err
		}
		f := &csvFile{label: label, path: filepath.Join(dir, strings.ToLower(label)+".csv"), kinds: map[string]string{}}
		var rows []map[string]any
		for _, r := range res.Records {
			p, _ := r.Get("p")
			m := p.(map[string]any)
			delete(m, "actorType") // set by the TOOK step, from the actor
			delete(m, "actorRegionalGroup")
			for k, v := range m {
				if _, ok := f.kinds[k]; !ok {
					f.cols = append(f.cols, k)
				}
				switch v.(type) {
				case []any:
					f.kinds[k] = "l"
				case int64:
					f.kinds[k] = "i"
				case bool:
					f.kinds[k] = "b"
				default:
					if f.kinds[k] == "" {
						f.kinds[k] = "s"
					}
				}
			}
			rows = append(rows, m)
		}
		sort.Strings(f.cols)
		w, err := os.Create(f.path)
		if err != nil {
			return nil, err
		}
		cw := csv.NewWriter(w)
		_ = cw.Write(f.cols)
		for _, m := range rows {
			rec := make([]string, len(f.cols))
			for i, c := range f.cols {
				switch v := m[c].(type) {
				case []any:
					ss := make([]string, len(v))
					for j, x := range v {
						ss[j] = fmt.Sprint(x)
					}
					rec[i] = strings.Join(ss, "|")
				case nil:
				default:
					rec[i] = fmt.Sprint(v)
				}
			}
			_ = cw.Write(rec)
		}
		cw.Flush()
		if err := w.Close(); err != nil {
			return nil, err
		}
		if len(rows) > 0 {
			out[label] = f
		}
	}
	return out, nil
}

// row is the Cypher map that turns a CSV row `raw` back into typed properties.
func (f *csvFile) row() string {
	var parts []string
	for _, c := range f.cols {
		var e string
		switch f.kinds[c] {
		case "l":
			e = fmt.Sprintf("CASE coalesce(raw.`%s`, '') WHEN '' THEN [] ELSE split(raw.`%s`, '|') END", c, c)
		case "i":
			e = fmt.Sprintf("toInteger(raw.`%s`)", c)
		case "b":
			e = fmt.Sprintf("toBoolean(raw.`%s`)", c)
		default:
			e = fmt.Sprintf("coalesce(raw.`%s`, '')", c)
		}
		parts = append(parts, fmt.Sprintf("`%s`: %s", c, e))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// loadCSV runs, per file, the loader's own MERGE statements (mirrored from
// neo4jstore/load.go, `UNWIND $rows AS r` replaced by LOAD CSV), each in
// one auto-commit transaction, or batched (CALL { … } IN TRANSACTIONS OF
// 1000 ROWS, Neo4j's advice for large files).
func loadCSV(ctx context.Context, d neo4j.DriverWithContext, files map[string]*csvFile, importDir, batched bool) error {
	run := func(label, body string) error {
		f := files[label]
		if f == nil {
			return nil
		}
		url := "file://" + f.path
		if importDir {
			url = "file:///" + filepath.Base(f.path)
		}
		q := "LOAD CSV WITH HEADERS FROM $url AS raw\nWITH " + f.row() + " AS r\n" + body
		if batched {
			q = "LOAD CSV WITH HEADERS FROM $url AS raw\nCALL (raw) {\n  WITH " + f.row() + " AS r\n  " + body + "\n} IN TRANSACTIONS OF 1000 ROWS"
		}
		sess := d.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
		defer sess.Close(ctx)
		res, err := sess.Run(ctx, q, map[string]any{"url": url})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", label, err)
		}
		return nil
	}
	steps := []struct{ label, body string }{
		{"State", "MERGE (n:Actor {id: r.id}) SET n:State, n += r"},
		{"Organization", "MERGE (n:Actor {id: r.id}) SET n:Organization, n += r"},
		{"Group", "MERGE (n:Actor {id: r.id}) SET n:Group, n += r"},
		{"Person", "MERGE (n:Actor {id: r.id}) SET n:Person, n += r"},
		{"Person", csvSpeaksFor},
		{"Topic", "MERGE (n:Topic {id: r.id}) SET n += r"},
		{"Source", "MERGE (n:Source {id: r.id}) SET n += r"},
		// Row by row, an instrument's VERSION_OF target may not exist yet
		// (the loader's one UNWIND statement creates all nodes first): so
		// the nodes, then the links.
		{"Instrument", "MERGE (n:Instrument {id: r.id}) SET n += r"},
		{"Instrument", csvInstruments},
		{"Article", csvArticles},
		{"Article", csvCorresponds},
		{"Session", csvSessions},
		{"Position", csvPositions},
		{"Position", csvTook},
		{"Position", csvTargets},
		{"Position", csvCites},
		{"Position", csvParties},
		{"Release", "MERGE (n:Release {key: 'current'}) SET n.id = r.id, n.hash = r.hash, n.date = r.date"},
	}
	for _, st := range steps {
		t0 := time.Now()
		if err := run(st.label, st.body); err != nil {
			return err
		}
		if os.Getenv("BENCH_DEBUG") != "" {
			fmt.Fprintf(os.Stderr, "    LOAD CSV %-12s %s %s\n", st.label, time.Since(t0).Round(time.Millisecond), strings.Fields(st.body)[0:3])
		}
	}
	return nil
}

// The bodies of neo4jstore/load.go's statements (qSpeaksFor … qParties),
// as they read a row r. Keep in sync with that file.
const (
	csvSpeaksFor = `MATCH (p:Person {id: r.id})
  OPTIONAL MATCH (p)-[old:SPEAKS_FOR]->()
  DELETE old
  WITH DISTINCT p, r
  MATCH (o:Actor {id: r.organizationId})
  MERGE (p)-[:SPEAKS_FOR]->(o)`
	csvInstruments = `MERGE (n:Instrument {id: r.id}) SET n += r
  WITH n, r
  OPTIONAL MATCH (n)-[old:VERSION_OF]->()
  DELETE old
  WITH DISTINCT n, r
  MATCH (v:Instrument {id: r.versionOf})
  MERGE (n)-[:VERSION_OF]->(v)`
	csvArticles = `MERGE (n:Article {id: r.id}) SET n += r
  WITH n, r
  MATCH (i:Instrument {id: r.instrumentId})
  MERGE (i)-[:HAS_ARTICLE]->(n)`
	csvCorresponds = `MATCH (n:Article {id: r.id})
  OPTIONAL MATCH (n)-[old:CORRESPONDS_TO]->()
  DELETE old
  WITH DISTINCT n, r
  UNWIND r.correspondsTo AS other
  MATCH (o:Article {id: other})
  MERGE (n)-[:CORRESPONDS_TO]->(o)`
	csvSessions = `MERGE (n:Session {id: r.id}) SET n += r
  WITH n, r
  MATCH (i:Instrument {id: r.instrumentId})
  MERGE (n)-[:OF_INSTRUMENT]->(i)`
	csvPositions = `MERGE (p:Position {id: r.id}) SET p += r
  WITH p
  OPTIONAL MATCH (p)-[old:ON_ARTICLE|ON_INSTRUMENT|ON_TOPIC|CITES|AT_SESSION|ON_BEHALF_OF|JOINT_WITH]->()
  DELETE old
  WITH DISTINCT p
  OPTIONAL MATCH (p)<-[old:TOOK|SAID]-()
  DELETE old`
	csvTook = `MATCH (p:Position {id: r.id}), (a:Actor {id: r.actorId})
  MERGE (a)-[:TOOK]->(p)
  SET p.actorType = a.type, p.actorRegionalGroup = a.regionalGroup
  WITH p, r
  MATCH (sp:Person {id: r.speakerId})
  MERGE (sp)-[:SAID]->(p)`
	csvTargets = `MATCH (p:Position {id: r.id})
  CALL (p, r) { MATCH (a:Article {id: r.articleId}) MERGE (p)-[:ON_ARTICLE]->(a) }
  CALL (p, r) { MATCH (i:Instrument {id: r.instrumentId}) MERGE (p)-[:ON_INSTRUMENT]->(i) }
  CALL (p, r) { MATCH (s:Session {id: r.sessionId}) MERGE (p)-[:AT_SESSION]->(s) }
  CALL (p, r) { UNWIND r.topics AS t MATCH (x:Topic {id: t}) MERGE (p)-[:ON_TOPIC]->(x) }`
	csvCites = `MATCH (p:Position {id: r.id})
  UNWIND range(0, size(r.sourceIds) - 1) AS i
  MATCH (s:Source {id: r.sourceIds[i]})
  MERGE (p)-[c:CITES]->(s)
  SET c.primary = (i = 0)`
	csvParties = `MATCH (p:Position {id: r.id})
  CALL (p, r) { UNWIND r.onBehalfOf AS x MATCH (a:Actor {id: x}) MERGE (p)-[:ON_BEHALF_OF]->(a) }
  CALL (p, r) { UNWIND r.jointWith AS x MATCH (a:Actor {id: x}) MERGE (p)-[:JOINT_WITH]->(a) }`
)
