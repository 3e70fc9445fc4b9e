package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/stancegraph/stancegraph/auth"
)

// Keys manages the API key file: add (prints the key once), list, revoke.
func (m *Main) Keys(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New("keys needs a subcommand: add, list or revoke")
	}
	var c Config
	fs := c.flags("keys "+args[0], m.Stderr, false)
	fs.StringVar(&c.Keys, "keys", env("STANCEGRAPH_KEYS", "stancegraph-keys.json"), "API key file [STANCEGRAPH_KEYS]")
	role := fs.String("role", "curator", "curator or admin (add)")
	label := fs.String("label", "", "who the key is for (add)")
	id := fs.String("id", "", "key id (revoke)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	ks, err := auth.Open(c.Keys)
	if err != nil {
		return err
	}
	switch args[0] {
	case "add":
		token, k, err := ks.Add(strings.ToUpper(*role), *label)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "%s\n", token)
		fmt.Fprintf(m.Stderr, "made %s key %s (%s) in %s; the key above is shown only now\n", k.Role, k.ID, k.Label, c.Keys)
	case "list":
		for _, k := range ks.List() {
			state := "active"
			if k.Revoked != "" {
				state = "revoked " + k.Revoked
			}
			fmt.Fprintf(m.Stdout, "%s\t%s\t%s\t%s\t%s\n", k.ID, k.Role, k.Label, k.Created, state)
		}
	case "revoke":
		return ks.Revoke(*id)
	default:
		return fmt.Errorf("unknown keys subcommand %q (want add, list or revoke)", args[0])
	}
	return nil
}
