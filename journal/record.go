package journal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"strconv"

	"github.com/stancegraph/stancegraph"
)

// header opens every journal this version creates: after it, every line
// is a checksummed record. A journal without it was written before
// checksums; its unchecksummed lines are read as before, up to its first
// checksummed record.
const header = "# stancegraph journal v2\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// record is one line of the journal: the edit, its place in the journal
// and the version it gave its entity when it was acknowledged.
type record struct {
	Seq     int               `json:"seq"`
	Version int               `json:"version"`
	Edit    *stancegraph.Edit `json:"edit"`
}

// encode returns the record's line: its JSON, a space and the CRC-32C of
// the JSON in 8 hex digits, then a newline.
func (r *record) encode() ([]byte, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(b, " %08x\n", crc32.Checksum(b, castagnoli)), nil
}

// decode reads a checksummed line (without its newline).
func decode(line []byte) (*record, error) {
	i := bytes.LastIndexByte(line, ' ')
	if i < 0 || len(line)-i != 9 {
		return nil, fmt.Errorf("no checksum")
	}
	want, err := strconv.ParseUint(string(line[i+1:]), 16, 32)
	if err != nil {
		return nil, fmt.Errorf("no checksum")
	}
	body := line[:i]
	if got := crc32.Checksum(body, castagnoli); uint64(got) != want {
		return nil, fmt.Errorf("checksum mismatch (%08x, want %08x)", got, want)
	}
	var r record
	d := json.NewDecoder(bytes.NewReader(body))
	d.DisallowUnknownFields()
	if err := d.Decode(&r); err != nil {
		return nil, fmt.Errorf("checksum good but not a record: %v", err)
	}
	if r.Edit == nil {
		return nil, fmt.Errorf("record without an edit")
	}
	return &r, nil
}

// decodeLegacy reads a line of a journal written before checksums: the
// edit's JSON alone.
func decodeLegacy(line []byte) (*record, error) {
	var e stancegraph.Edit
	if err := json.Unmarshal(line, &e); err != nil {
		return nil, fmt.Errorf("not an edit: %v", err)
	}
	return &record{Edit: &e}, nil
}

// isLegacy says whether a line looks like a record without a checksum.
func isLegacy(line []byte) bool {
	return len(line) > 0 && line[0] == '{' && line[len(line)-1] == '}'
}
