"""The masking engine's refusals and its answer to a user who cancelled."""

from __future__ import annotations

from reviewdesk.errors import InputError


class MaskingError(InputError):
    """A document the engine refuses to inspect, propose for or mask; nothing was made."""


class MaskingCancelled(Exception):
    """The user cancelled a long proposal or masking run; nothing is returned."""
