//go:build unix

package auth

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on the file at path, made if missing,
// and returns its release. The key file itself is replaced on every
// write, so the lock lives in a file of its own.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
