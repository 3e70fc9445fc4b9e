// Package floor holds the two floors the embedded backend is measured
// against:
//
//   - GraphQL: a gqlgen server over the same schema.graphqls (generated
//     into ./gql with plain generated models: every field is a struct field,
//     no field resolvers, no dataloaders, no store) whose root resolvers
//     return pre-built Go values. The values are built once from the real
//     server's answers, so the floor answers the same bytes while doing
//     only what gqlgen itself must do: parse (cached), validate, execute
//     field by field, marshal.
//   - HTTP: a bare net/http handler that reads the request and writes the
//     answer's bytes.
package floor

//go:generate go run github.com/99designs/gqlgen generate --config gqlgen.yml

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/stancegraph/stancegraph/bench/floor/gql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/parser"
)

// Exec runs a GraphQL query on the real server and returns its raw answer.
type Exec func(query string) ([]byte, error)

// GraphQL is the GraphQL floor: a gqlgen handler answering the queries it
// was built for from constants.
type GraphQL struct {
	mu     sync.RWMutex
	values map[string]any // raw query + "\x00" + response key -> root value
	http.Handler
}

// NewGraphQL returns an empty floor; Add the queries it must answer.
func NewGraphQL() *GraphQL {
	f := &GraphQL{values: map[string]any{}}
	srv := handler.New(gql.NewExecutableSchema(gql.Config{Resolvers: &root{f}}))
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	f.Handler = srv
	return f
}

// Add captures query's answer from the real server (asking it the query
// with __typename added to every selection, so interface values can be
// rebuilt) and stores each root field's value as the Go value of the
// floor's models.
func (f *GraphQL) Add(query string, exec Exec) error {
	aug, err := Augment(query)
	if err != nil {
		return err
	}
	raw, err := exec(aug)
	if err != nil {
		return err
	}
	var resp struct {
		Data   map[string]json.RawMessage `json:"data"`
		Errors json.RawMessage            `json:"errors"`
	}
	if err := json.Unmarshal(raw, &resp); err != nil {
		return fmt.Errorf("floor: answer is not JSON: %w", err)
	}
	if len(resp.Errors) > 0 {
		return fmt.Errorf("floor: the real server answered errors: %s", resp.Errors)
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return err
	}
	qr := reflect.TypeOf((*gql.QueryResolver)(nil)).Elem()
	for _, op := range doc.Operations {
		for _, sel := range op.SelectionSet {
			fld, ok := sel.(*ast.Field)
			if !ok {
				return fmt.Errorf("floor: only fields at the root")
			}
			key := fld.Alias
			if key == "" {
				key = fld.Name
			}
			m, ok := qr.MethodByName(strings.ToUpper(fld.Name[:1]) + fld.Name[1:])
			if !ok {
				return fmt.Errorf("floor: no root resolver for %q", fld.Name)
			}
			v := reflect.New(m.Type.Out(0)).Elem()
			var j any
			d := json.NewDecoder(bytes.NewReader(resp.Data[key]))
			d.UseNumber()
			if err := d.Decode(&j); err != nil {
				return err
			}
			if err := decode(v, j, key); err != nil {
				return err
			}
			f.mu.Lock()
			f.values[query+"\x00"+key] = v.Interface()
			f.mu.Unlock()
		}
	}
	return nil
}

// Augment returns query with __typename selected in every selection set.
func Augment(query string) (string, error) {
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return "", err
	}
	var walk func(ss ast.SelectionSet) ast.SelectionSet
	walk = func(ss ast.SelectionSet) ast.SelectionSet {
		for _, s := range ss {
			switch s := s.(type) {
			case *ast.Field:
				if len(s.SelectionSet) > 0 {
					s.SelectionSet = walk(s.SelectionSet)
				}
			case *ast.InlineFragment:
				s.SelectionSet = walk(s.SelectionSet)
			}
		}
		return append(ast.SelectionSet{&ast.Field{Alias: "__typename", Name: "__typename"}}, ss...)
	}
	for _, op := range doc.Operations {
		for _, s := range op.SelectionSet {
			if f, ok := s.(*ast.Field); ok && len(f.SelectionSet) > 0 {
				f.SelectionSet = walk(f.SelectionSet)
			}
		}
	}
	for _, fr := range doc.Fragments {
		fr.SelectionSet = walk(fr.SelectionSet)
	}
	var b strings.Builder
	formatter.NewFormatter(&b).FormatQueryDocument(doc)
	return b.String(), nil
}

// concrete maps the schema's object types that implement an interface to
// the floor's Go types.
var concrete = map[string]reflect.Type{
	"State": reflect.TypeOf(&gql.State{}), "Organization": reflect.TypeOf(&gql.Organization{}),
	"Group": reflect.TypeOf(&gql.Group{}), "Person": reflect.TypeOf(&gql.Person{}),
	"Article": reflect.TypeOf(&gql.Article{}), "Instrument": reflect.TypeOf(&gql.Instrument{}),
	"Session": reflect.TypeOf(&gql.Session{}), "Topic": reflect.TypeOf(&gql.Topic{}),
	"Source": reflect.TypeOf(&gql.Source{}), "Position": reflect.TypeOf(&gql.Position{}),
}

// decode sets v from the JSON value j, choosing interface implementations
// by __typename.
func decode(v reflect.Value, j any, path string) error {
	if j == nil {
		v.Set(reflect.Zero(v.Type()))
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		if err := decode(p.Elem(), j, path); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Interface:
		m, ok := j.(map[string]any)
		tn, _ := m["__typename"].(string)
		t, known := concrete[tn]
		if !ok || !known {
			return fmt.Errorf("floor: %s: interface value without a known __typename (%q)", path, tn)
		}
		p := reflect.New(t.Elem())
		if err := decode(p.Elem(), j, path); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Struct:
		m, ok := j.(map[string]any)
		if !ok {
			return fmt.Errorf("floor: %s: want an object, got %T", path, j)
		}
		for k, x := range m {
			if k == "__typename" {
				continue
			}
			fv, ok := fieldByJSON(v, k)
			if !ok {
				return fmt.Errorf("floor: %s: %s has no field %q (aliases are not supported below the root)", path, v.Type(), k)
			}
			if err := decode(fv, x, path+"."+k); err != nil {
				return err
			}
		}
	case reflect.Slice:
		xs, ok := j.([]any)
		if !ok {
			return fmt.Errorf("floor: %s: want a list, got %T", path, j)
		}
		s := reflect.MakeSlice(v.Type(), len(xs), len(xs))
		for i, x := range xs {
			if err := decode(s.Index(i), x, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		v.Set(s)
	case reflect.String:
		s, ok := j.(string)
		if !ok {
			return fmt.Errorf("floor: %s: want a string, got %T", path, j)
		}
		v.SetString(s)
	case reflect.Int, reflect.Int32, reflect.Int64:
		n, err := j.(json.Number).Int64()
		if err != nil {
			return err
		}
		v.SetInt(n)
	case reflect.Float64, reflect.Float32:
		n, err := j.(json.Number).Float64()
		if err != nil {
			return err
		}
		v.SetFloat(n)
	case reflect.Bool:
		v.SetBool(j.(bool))
	default:
		return fmt.Errorf("floor: %s: cannot decode into %s", path, v.Type())
	}
	return nil
}

func fieldByJSON(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if tag == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// get returns the constant for the current root field.
func get[T any](ctx context.Context, f *GraphQL) (T, error) {
	var zero T
	oc := graphql.GetOperationContext(ctx)
	fc := graphql.GetFieldContext(ctx)
	f.mu.RLock()
	v, ok := f.values[oc.RawQuery+"\x00"+fc.Field.Alias]
	f.mu.RUnlock()
	if !ok {
		return zero, fmt.Errorf("floor: no constant for %q in this query", fc.Field.Alias)
	}
	if v == nil {
		return zero, nil
	}
	return v.(T), nil
}

// HTTP is the HTTP floor: it reads the request and writes the answer
// recorded for its exact body.
type HTTP struct {
	mu      sync.RWMutex
	answers map[string][]byte
}

// NewHTTP returns an empty HTTP floor.
func NewHTTP() *HTTP { return &HTTP{answers: map[string][]byte{}} }

// Add records the answer to requests with this body.
func (h *HTTP) Add(body, answer []byte) {
	h.mu.Lock()
	h.answers[string(body)] = answer
	h.mu.Unlock()
}

func (h *HTTP) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.mu.RLock()
	a, ok := h.answers[string(body)]
	h.mu.RUnlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/graphql-response+json")
	_, _ = w.Write(a)
}
