//go:build tools

package stancegraph

// Pin gqlgen's code generator in go.mod so `go run github.com/99designs/gqlgen` uses this version.
import _ "github.com/99designs/gqlgen"
