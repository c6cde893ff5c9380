"""Progress of the masking view's background work, carried to the GUI thread, and its Cancel."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class ProgressRelay(QObject):
    """Lives on the GUI thread; a worker reports through it (the signal is queued across threads)."""

    progressed = Signal(int, int)
    """Emitted from any thread with (done, total); delivered on the GUI thread."""

    def callback(self) -> Callable[[int, int], None]:
        def report(done: int, total: int) -> None:
            with contextlib.suppress(RuntimeError):  # the window went away meanwhile
                self.progressed.emit(done, total)

        return report


class MaskingProgressDialog(QProgressDialog):
    """The progress of making the masked copy; Cancel sets a flag the worker polls."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("maskingProgress")
        self.setWindowTitle(self.tr("Masking"))
        self.setLabelText(self.tr("Making the masked copy…"))
        self.setCancelButtonText(self.tr("Cancel"))
        self.setRange(0, 0)
        # Not modal: a modal progress dialog runs the event loop inside setValue(); the masking
        # view disables its own controls instead.
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(400)
        self.cancel_flag = threading.Event()
        self.canceled.connect(self.cancel_flag.set)
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self._on_progressed)

    def report(self) -> Callable[[int, int], None]:
        """The progress callback for the worker (safe to call from any thread)."""
        return self._relay.callback()

    @Slot(int, int)
    def _on_progressed(self, done: int, total: int) -> None:
        self.setMaximum(max(total, 1))
        self.setValue(done)

    def finish(self) -> None:
        self.canceled.disconnect()  # closing a progress dialog emits canceled too
        self.close()
        self.deleteLater()
