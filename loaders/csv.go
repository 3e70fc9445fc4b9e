// Package loaders reads a data folder (see docs/data-format.md) into a
// validated stancegraph.Dataset and loads it into a Store, all or nothing.
// It is ingestion, not the GraphQL dataloaders (those live in resolvers).
package loaders

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/stancegraph/stancegraph"
)

// RowError is one problem in one cell of a data file.
type RowError struct {
	File  string
	Line  int    // 1-based line of the row in the file; 0 for the file as a whole
	Field string // the column; "" for the row as a whole
	Msg   string
}

func (e *RowError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", loc, e.Field, e.Msg)
	}
	return fmt.Sprintf("%s: %s", loc, e.Msg)
}

// Errors is every problem found in a data folder. A folder with any error
// loads nothing.
type Errors []*RowError

// maxErrors bounds the report so a wholly wrong file stays readable.
const maxErrors = 100

func (es Errors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d error(s) in the data; nothing was loaded:", len(es))
	for _, e := range es {
		b.WriteString("\n  ")
		b.WriteString(e.Error())
	}
	return b.String()
}

// row is one record of a CSV file with its line number and column index.
type row struct {
	file string
	line int
	cols map[string]int
	rec  []string
	errs *Errors
}

// get returns the trimmed cell of column c ("" if the file lacks it).
func (r *row) get(c string) string {
	i, ok := r.cols[c]
	if !ok || i >= len(r.rec) {
		return ""
	}
	return strings.TrimSpace(r.rec[i])
}

// required returns the cell of c, reporting an error if it is empty.
func (r *row) required(c string) string {
	v := r.get(c)
	if v == "" {
		r.fail(c, "is required")
	}
	return v
}

// list splits a `;`-separated cell, dropping empty items.
func (r *row) list(c string) []string {
	return splitList(r.get(c))
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (r *row) fail(field, format string, args ...any) {
	r.errs.add(&RowError{File: r.file, Line: r.line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (es *Errors) add(e *RowError) {
	if len(*es) < maxErrors {
		*es = append(*es, e)
	}
}

// table is a parsed CSV file.
type table struct {
	name string
	raw  []byte
	rows []*row
}

// readTable reads dir/name, checking that every required column is present
// and no unknown column is. A missing optional file yields an empty table.
func readTable(fsys fs.FS, name string, required, optional []string, mustExist bool, errs *Errors) *table {
	raw, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) && !mustExist {
		return &table{name: name}
	} else if err != nil {
		errs.add(&RowError{File: name, Msg: err.Error()})
		return &table{name: name}
	}
	t, err := parseTable(name, raw, required, optional, errs)
	if err != nil {
		errs.add(&RowError{File: name, Msg: err.Error()})
	}
	return t
}

// parseTable parses raw CSV bytes; see readTable.
func parseTable(name string, raw []byte, required, optional []string, errs *Errors) (*table, error) {
	t := &table{name: name, raw: raw}
	if !utf8.Valid(raw) {
		line, col := invalidUTF8(raw)
		errs.add(&RowError{File: name, Line: line, Msg: fmt.Sprintf("not valid UTF-8 at byte %d of the line (save the file as UTF-8)", col)})
		return t, nil
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(raw), "\ufeff")))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return t, errors.New("empty file: a header row is required")
	} else if err != nil {
		return t, err
	}
	cols := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if !slices.Contains(required, h) && !slices.Contains(optional, h) {
			errs.add(&RowError{File: name, Line: 1, Field: h, Msg: fmt.Sprintf("unknown column (want %s)", strings.Join(append(slices.Clone(required), optional...), ", "))})
		}
		if _, dup := cols[h]; dup {
			errs.add(&RowError{File: name, Line: 1, Field: h, Msg: "the column appears twice in the header"})
			return t, nil
		}
		cols[h] = i
	}
	for _, c := range required {
		if _, ok := cols[c]; !ok {
			errs.add(&RowError{File: name, Line: 1, Field: c, Msg: "required column is missing"})
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return t, err
		}
		line, _ := cr.FieldPos(0)
		if len(rec) > len(header) {
			errs.add(&RowError{File: name, Line: line, Msg: fmt.Sprintf("%d cells but the header has %d columns", len(rec), len(header))})
			continue
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // blank line
		}
		if !cellsOK(name, line, header, rec, errs) {
			continue
		}
		t.rows = append(t.rows, &row{file: name, line: line, cols: cols, rec: rec, errs: errs})
	}
	return t, nil
}

// MaxCell is the longest cell a data file may hold, in bytes: the longest
// bundled one is a few hundred; a huge cell would slow every search.
const MaxCell = 64 << 10

// cellsOK reports a cell holding a control character (a NUL, say) or
// longer than MaxCell.
func cellsOK(name string, line int, header, rec []string, errs *Errors) bool {
	ok := true
	for i, c := range rec {
		field := ""
		if i < len(header) {
			field = strings.TrimSpace(header[i])
		}
		if len(c) > MaxCell {
			errs.add(&RowError{File: name, Line: line, Field: field, Msg: fmt.Sprintf("%d bytes: longer than the limit of %d", len(c), MaxCell)})
			ok = false
		} else if i := strings.IndexFunc(c, stancegraph.BadControl); i >= 0 {
			r, _ := utf8.DecodeRuneInString(c[i:])
			errs.add(&RowError{File: name, Line: line, Field: field, Msg: fmt.Sprintf("a control character (%U) at byte %d", r, i+1)})
			ok = false
		}
	}
	return ok
}

// invalidUTF8 returns the line and the byte within it of raw's first
// invalid UTF-8.
func invalidUTF8(raw []byte) (line, col int) {
	line, start := 1, 0
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n <= 1 {
			return line, i - start + 1
		}
		if raw[i] == '\n' {
			line, start = line+1, i+1
		}
		i += n
	}
	return line, 0
}
