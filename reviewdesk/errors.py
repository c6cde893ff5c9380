"""Errors a user can cause, each with a one-line message and the exit code the CLI returns."""

from __future__ import annotations


class ReviewDeskError(Exception):
    """A failure with a message fit to show a user as it is; never a traceback.

    `ja` is the Japanese wording for the desktop application where it differs from the
    English message that scripts and logs get.
    """

    exit_code = 1

    def __init__(self, message: str, *, ja: str | None = None) -> None:
        super().__init__(message)
        self.ja = ja or message


class InputError(ReviewDeskError):
    """Bad input from the user or a script: a missing field, an unreadable file, a wrong value."""

    exit_code = 2


class VaultError(ReviewDeskError):
    """The vault cannot be used: wrong key, not a vault, damaged, locked, newer schema."""

    exit_code = 2


class PermissionDenied(ReviewDeskError):
    """The acting user's role may not do this."""

    exit_code = 3


class NotFound(ReviewDeskError):
    """A record does not exist, or the acting user may not see it (the same answer, no leak)."""

    exit_code = 3


class RuleViolation(ReviewDeskError):
    """A domain rule refuses the action, e.g. a transition whose preconditions are missing."""

    exit_code = 2
