// Package data embeds the bundled data set (see docs/data-format.md), so the
// stancegraph binary serves it from anywhere with no files beside it.
package data

import "embed"

// FS holds the bundled CSV files.
//
//go:embed *.csv
var FS embed.FS
