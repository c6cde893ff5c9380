"""The one task runner: Qt-free callables run off the GUI thread, results arrive on it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class TaskRunner(Protocol):
    def submit(self, fn: Callable[[], Any], on_done: Done, on_error: Failed,
               parent: QObject | None = None) -> None: ...


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, the queued slot delivers there."""

    finished = Signal(object, object)
    """Emitted from a worker thread with (result, error); delivered queued on the GUI thread."""

    def __init__(self, on_done: Done, on_error: Failed, parent: QObject | None) -> None:
        super().__init__(parent)
        self._on_done, self._on_error = on_done, on_error
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object)
    def _deliver(self, result: Any, error: Any) -> None:
        try:
            if error is not None:
                self._on_error(error)
            else:
                self._on_done(result)
        finally:
            self.deleteLater()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn, self._relay = fn, relay

    def run(self) -> None:  # worker thread: no widgets here
        try:
            result, error = self._fn(), None
        except Exception as exc:  # a QRunnable would swallow it silently
            result, error = None, exc
        # RuntimeError: the parent (and so the relay) was destroyed meanwhile.
        with contextlib.suppress(RuntimeError):
            self._relay.finished.emit(result, error)


class QtTaskRunner:
    """Runs jobs on the global QThreadPool; a job's parent going away drops its result."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        self._keep: list[_Relay] = []

    def submit(self, fn: Callable[[], Any], on_done: Done, on_error: Failed,
               parent: QObject | None = None) -> None:
        relay = _Relay(on_done, on_error, parent)
        if parent is None:  # keep an unparented relay alive until it has delivered
            self._keep.append(relay)
            relay.destroyed.connect(lambda *_: self._forget(relay))
        self._pool.start(_Job(fn, relay))

    def _forget(self, relay: _Relay) -> None:
        if relay in self._keep:
            self._keep.remove(relay)

    def wait(self, msecs: int = 30000) -> bool:
        """Waits for running jobs (used before closing the vault at exit)."""
        return self._pool.waitForDone(msecs)


class InlineTaskRunner:
    """The same interface, synchronous: tests and screenshots see results at once."""

    def submit(self, fn: Callable[[], Any], on_done: Done, on_error: Failed,
               parent: QObject | None = None) -> None:
        try:
            result = fn()
        except Exception as exc:
            on_error(exc)
            return
        on_done(result)

    def wait(self, msecs: int = 30000) -> bool:
        return True
