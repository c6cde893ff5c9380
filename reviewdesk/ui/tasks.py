"""The one task runner: Qt-free callables run off the GUI thread, results arrive on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class TaskRunner(Protocol):
    def submit(self, fn: Callable[[], Any], on_done: Done, on_error: Failed,
               parent: QObject | None = None) -> None: ...


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, the queued slot delivers there.

    Never given a Qt parent: a worker thread emits on it, and an object its parent could
    delete meanwhile (closing a tab) is freed under the emit (a crash, seen once in CI). Its
    delivery alone ends it; the job's parent going away only marks it dropped."""

    finished = Signal(object, object)
    """Emitted from a worker thread with (result, error); delivered queued on the GUI thread."""

    def __init__(self, on_done: Done, on_error: Failed) -> None:
        super().__init__()
        self._on_done, self._on_error = on_done, on_error
        self._dropped = False
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot()
    def drop(self) -> None:
        self._dropped = True

    @Slot(object, object)
    def _deliver(self, result: Any, error: Any) -> None:
        try:
            if self._dropped:
                return
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
        self._relay.finished.emit(result, error)  # alive: only this emit's delivery ends it


class QtTaskRunner:
    """Runs jobs on the global QThreadPool; a job's parent going away drops its result."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        self._keep: list[_Relay] = []

    def submit(self, fn: Callable[[], Any], on_done: Done, on_error: Failed,
               parent: QObject | None = None) -> None:
        relay = _Relay(on_done, on_error)
        self._keep.append(relay)  # the Python side too must outlive the job
        relay.destroyed.connect(lambda *_: self._forget(relay))
        if parent is not None:
            parent.destroyed.connect(relay.drop)
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
