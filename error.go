package stancegraph

import (
	"errors"
	"fmt"
)

// Application error codes, shared by every backend and mapped to GraphQL
// extensions.code by the resolvers.
const (
	ECONFLICT        = "CONFLICT"
	EINTERNAL        = "INTERNAL"
	EINVALID         = "BAD_USER_INPUT"
	ENOTFOUND        = "NOT_FOUND"
	EFORBIDDEN       = "FORBIDDEN"
	EUNAUTHENTICATED = "UNAUTHENTICATED"
	EUNAVAILABLE     = "UNAVAILABLE"
)

// Error is a domain error: a code a program can act on and a message a
// person can read. Infrastructure failures are not Errors.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("stancegraph error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain and
// "Internal error." for any other error, so that driver details never leak.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
