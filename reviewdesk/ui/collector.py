"""Python's cyclic garbage collection, on the GUI thread only, while the application runs.

A reference cycle holding Qt objects (a closed dialog and the lambdas connected to its signals,
say) is freed by whichever thread's allocations trigger a collection: a worker running a query,
the vault opening. A QObject destroyed off its own thread while the GUI thread uses it crashes
the process (CI runs died with segmentation faults in the GUI thread, a worker mid-query). So
automatic collection is off and a timer on the GUI thread collects instead: every second the
young objects (cheap: a cycle made and dropped between two ticks is freed at the next), and the
older generations when their counts pass Python's own thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    def __init__(self, interval_ms: int = INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    @Slot()
    def collect(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return
        if counts[0]:
            gc.collect(0)

    def stop(self) -> None:
        """Collects what is left, here, and gives collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
