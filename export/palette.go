package export

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/stancegraph/stancegraph"
)

//go:embed palette.json
var paletteJSON []byte

// Palette is the explorer's colour scheme (palette.json, which
// web/src/map.js imports too): bloc colours, the grey of actors alone in
// their bloc, stance class colours, target node colours and the agreement
// edge colour, as "#rrggbb".
type Palette struct {
	Blocs     []string          `json:"blocs"`
	Alone     string            `json:"alone"`
	Stances   map[string]string `json:"stances"`
	Targets   map[string]string `json:"targets"`
	Agreement string            `json:"agreement"`
}

// Colours is the palette of palette.json.
var Colours = func() Palette {
	var p Palette
	if err := json.Unmarshal(paletteJSON, &p); err != nil || len(p.Blocs) == 0 {
		panic(fmt.Sprintf("export: palette.json: %v", err)) // embedded: a build-time mistake
	}
	return p
}()

// BlocColour is a bloc's colour, as the explorer draws it: the bloc's
// entry in Blocs (cycling), or Alone for no bloc or a bloc of one.
func (p Palette) BlocColour(bloc *int, size int) string {
	if bloc == nil || size < 2 {
		return p.Alone
	}
	return p.Blocs[*bloc%len(p.Blocs)]
}

// StanceClass groups stances as the explorer's article view does:
// supports, opposes, conditional or other.
func StanceClass(s stancegraph.Stance) string {
	switch s {
	case stancegraph.Supports, stancegraph.Retains, stancegraph.Signs, stancegraph.Ratifies:
		return "supports"
	case stancegraph.Opposes, stancegraph.Deletes:
		return "opposes"
	case stancegraph.Conditional, stancegraph.Amends:
		return "conditional"
	}
	return "other"
}

// rgb splits "#rrggbb" into its components.
func rgb(hex string) (r, g, b int) {
	_, _ = fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
	return
}
