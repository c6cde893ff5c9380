"""While the application runs, reference cycles are freed on the GUI thread only (ui/collector.py):
a worker's allocations never free a window's objects under it."""

from __future__ import annotations

import gc
import threading
import weakref

from reviewdesk.ui.collector import GuiThreadCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_cycles_are_freed_on_the_gui_thread_not_by_a_busy_worker(qtbot) -> None:  # type: ignore[no-untyped-def]
    was_enabled = gc.isenabled()
    collector = GuiThreadCollector(interval_ms=20)
    try:
        freed_on: list[int] = []
        node = _Node()
        ref = weakref.ref(node, lambda _: freed_on.append(threading.get_ident()))
        del node

        def allocate() -> None:  # far past every threshold: would collect, were it automatic
            junk = [[] for _ in range(200_000)]
            del junk

        worker = threading.Thread(target=allocate)
        worker.start()
        worker.join()
        assert ref() is not None and freed_on == []
        qtbot.waitUntil(lambda: ref() is None, timeout=5000)
        assert freed_on == [threading.get_ident()]  # this test's thread is the GUI thread
    finally:
        collector.stop()
    assert gc.isenabled() == was_enabled
