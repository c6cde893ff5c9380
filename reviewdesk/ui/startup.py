"""What a start does off the GUI thread: the vault opens while the login window paints and the
user types, the main window's modules load meanwhile, the letters stack after the first page.

The login window imports nothing of the core (tests/ui/test_startup_imports.py). One background
thread opens the vault (argon2id releases the GIL, so the key derivation runs beside the
painting), imports what the password check needs, then what the main window needs. Once the
first screen has loaded, another loads reportlab, pyHanko and the fonts, and the screens and case
tabs opened later, so neither the session's first letter nor its first case pays for them.

One thread imports at a time, and the GUI thread waits for it (`settle()`) before importing
anything itself: two threads importing the same packages at once can deadlock on a circular
import (importlib's _DeadlockError).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

if TYPE_CHECKING:
    from reviewdesk.store.vault import Vault

log = logging.getLogger(__name__)

# What checking the password and the main window's first screen import.
FIRST_SCREEN = ("reviewdesk.auth.users", "reviewdesk.ui.context", "reviewdesk.ui.main_window")
# What is opened later, most likely first: a case and its tabs, the first letter (reportlab,
# pyHanko, the fonts), the other screens.
LATER = ("reviewdesk.ui.case_view.panel", "reviewdesk.ui.case_view.documents",
         "reviewdesk.ui.case_view.opinions", "reviewdesk.ui.case_view.findings",
         "reviewdesk.ui.case_view.history", "reviewdesk.ui.case_view.assessment",
         "reviewdesk.ui.case_view.letters", "reviewdesk.letters.issuing", "reviewdesk.letters.signing",
         "reviewdesk.letters.anchors", "reviewdesk.letters.verify", "reviewdesk.ui.masking.dialog",
         "reviewdesk.ui.meeting.panel", "reviewdesk.ui.dashboard.panel", "reviewdesk.ui.admin.panel",
         "reviewdesk.ui.dialogs.register_case")
CASE_VIEW = 7  # LATER[:7]: the case view and its tabs, imported before the fonts are parsed

BACKGROUND_SWITCH_S = 0.001

_state = threading.Condition()
_thread: threading.Thread | None = None
_planned: set[str] = set()  # what the running background job imports
_done: set[str] = set()  # ... and what it has imported so far


def in_background(job: Callable[[], object], name: str, plan: Iterable[str] = ()) -> None:
    """Runs job on a daemon thread after the previous one ended (one importer at a time);
    `plan` names the modules it imports through `import_planned`."""
    global _thread
    with _state:
        previous = _thread

        def run() -> None:
            if previous is not None:
                previous.join()
            with _state:
                _planned.clear()
                _planned.update(plan)
                _done.clear()
            # Imports hold the GIL: the GUI thread gets it back within a millisecond, not five.
            interval = sys.getswitchinterval()
            sys.setswitchinterval(BACKGROUND_SWITCH_S)
            try:
                job()
            finally:
                sys.setswitchinterval(interval)
                with _state:
                    _planned.clear()
                    _state.notify_all()

        _thread = threading.Thread(target=run, name=name, daemon=True)
        _thread.start()


def settle() -> None:
    """Waits for the background imports (before the GUI thread imports anything heavy)."""
    with _state:
        thread = _thread
    if thread is not None and thread is not threading.current_thread():
        thread.join()


def load(name: str) -> object:
    """A module imported on the GUI thread: once the background job has imported it, when it
    plans to (the rest of its plan goes on), else once the background is done importing."""
    with _state:
        while name in _planned and name not in _done:
            _state.wait()
    if name not in sys.modules:
        settle()
    return importlib.import_module(name)


def import_planned(names: Iterable[str]) -> None:
    """Background side: each module in turn, announced to `load` as it is done."""
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # warming only: the import where it is needed reports the failure
            log.exception("background import of %s failed", name)
        finally:
            with _state:
                _done.add(name)
                _state.notify_all()


class DeferredAnchors:
    """The vault's anchor hooks (store/vault.py), the signing ones of letters/anchors.py imported
    the first time they are needed: a checkpoint at close, a manifest with a backup."""

    def _signed(self) -> object:
        return load("reviewdesk.letters.anchors").SignedAnchors()  # type: ignore[attr-defined]

    def checkpoint(self, vault: Vault) -> object:
        return self._signed().checkpoint(vault)  # type: ignore[attr-defined]

    def backup_written(self, vault: Vault, backup: Path, seq: int, head: str) -> object:
        return self._signed().backup_written(vault, backup, seq, head)  # type: ignore[attr-defined]


class VaultOpening(QObject):
    """A vault opening off the GUI thread: a PendingVault for the login dialog."""

    failed = Signal(object)
    """Emitted on the GUI thread with the exception when the vault did not open."""

    _failed_in_thread = Signal(object)
    """Emitted from the opening thread; relayed (queued to this object's thread) as `failed`."""

    def __init__(self, path: Path | str, opener: Callable[[], Vault] | None = None, *,
                 vault: Vault | None = None) -> None:
        """path: the vault file, or a server's URL (nothing to derive: the server checks the
        member's password at login)."""
        super().__init__()
        self.path = path
        self._opener, self._vault = opener, vault
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._failed_in_thread.connect(self._relay_failure)
        self._key: threading.Thread | None = None
        if vault is None:
            self._key = threading.Thread(target=self._derive_key, name="vault-key", daemon=True)
            self._key.start()
        in_background(self._open, "vault-open", FIRST_SCREEN[1:])

    @property
    def display_name(self) -> str:
        """What the login window names: the file, or the server's database and host."""
        if isinstance(self.path, Path):
            return self.path.name
        from reviewdesk.store.location import conninfo, display_name

        return display_name(conninfo(self.path))

    def _derive_key(self) -> None:
        """The passphrase's argon2id derivation, at its full cost, beside the imports and the
        painting (it releases the GIL). The store keeps derived keys (keys.derive_key's cache),
        so opening the vault then finds it; any failure is left to the opening to report."""
        try:
            from reviewdesk.store.keys import PASSPHRASE_ENV, derive_key

            if not isinstance(self.path, Path):
                return
            with self.path.open("rb") as fh:
                salt = fh.read(16)
            passphrase = os.environ.get(PASSPHRASE_ENV)
            if passphrase and len(salt) == 16:
                derive_key(passphrase, salt)
        except Exception:
            return

    def _open(self) -> None:
        try:
            if self._vault is None:
                assert self._opener is not None
                importlib.import_module("reviewdesk.store.vault")
                if self._key is not None:
                    self._key.join()  # one derivation, not two racing for the cache
                self._vault = self._opener()
            # A checkpoint at close and a manifest with each backup, as before the login.
            self._vault.anchors = DeferredAnchors()
            importlib.import_module(FIRST_SCREEN[0])  # the password check's
        except Exception as exc:
            self.error = exc
        finally:
            self._ready.set()
        if self.error is not None:
            self._failed_in_thread.emit(self.error)
            return
        import_planned(FIRST_SCREEN[1:])  # while the user types

    @Slot(object)  # emitted on the opening thread: a bare method may crash PySide's delivery
    def _relay_failure(self, exc: BaseException) -> None:
        self.failed.emit(exc)

    def result(self) -> Vault:
        """The open vault; waits for it, or raises why it did not open."""
        self._ready.wait()
        if self.error is not None:
            raise self.error
        assert self._vault is not None
        return self._vault

    def opened(self) -> Vault | None:
        """The vault once the attempt ended (to close it), or None when it did not open."""
        self._ready.wait()
        return self._vault


def warm_up_when_idle(parent: QObject, names: Iterable[str] = LATER, poll_ms: int = 100) -> QTimer:
    """Once the first screen's loads are done (the task pool idle), imports the rest and parses
    the letter fonts in the background. Stop the timer returned if the window goes first."""
    timer = QTimer(parent)
    names = tuple(names)

    def check() -> None:
        if QThreadPool.globalInstance().activeThreadCount() == 0:
            timer.stop()
            in_background(lambda: _warm(names), "warm-up", names)

    timer.timeout.connect(check)
    timer.start(poll_ms)
    return timer


def _warm(names: tuple[str, ...]) -> None:
    import_planned(names[:CASE_VIEW])  # the likeliest next screen, before the fonts
    try:
        from reviewdesk.letters.fonts import register_fonts

        register_fonts()  # parsing the two IPAex fonts is most of a first letter's extra cost
    except Exception:
        log.exception("letter fonts not loaded in advance")
    import_planned(names[CASE_VIEW:])
