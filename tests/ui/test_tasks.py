"""The task runner: results arrive on the GUI thread, and a job whose parent goes away while it
runs is dropped without harm (a relay freed under a worker's emit crashed a CI run once)."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication

from reviewdesk.ui.tasks import QtTaskRunner


def test_a_result_and_an_error_arrive_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = QtTaskRunner()
    seen: list[tuple[str, object, bool]] = []
    gui = QThread.currentThread()

    def boom() -> None:
        raise ValueError("壊れた入力")

    runner.submit(lambda: threading.get_ident(), lambda r: seen.append(("done", r, QThread.currentThread() is gui)),
                  lambda e: seen.append(("error", e, False)))
    runner.submit(boom, lambda r: seen.append(("done", r, False)),
                  lambda e: seen.append(("error", str(e), QThread.currentThread() is gui)))
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    done = next(s for s in seen if s[0] == "done")
    assert done[1] != threading.get_ident() and done[2]  # ran on a worker, delivered on the GUI
    assert ("error", "壊れた入力", True) in seen
    assert runner.wait(5000)
    qtbot.waitUntil(lambda: not runner._keep, timeout=5000)  # every relay freed after delivery


def test_jobs_whose_parents_go_away_while_they_run_are_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = QtTaskRunner()
    delivered: list[int] = []
    kept = QObject()
    for n in range(300):
        parent = QObject()
        # Some finish before their parent goes, some while it goes, some after.
        runner.submit(lambda n=n: time.sleep((n % 3) * 0.0005) or n, delivered.append,
                      lambda e: delivered.append(-1), parent)
        if n % 2:
            parent.deleteLater()
        else:
            parent.setParent(kept)
        QApplication.processEvents()
    assert runner.wait(10000)
    qtbot.waitUntil(lambda: not runner._keep, timeout=5000)
    # Every job whose parent stayed delivered, each once; none failed. (A job whose parent went
    # away delivers only if it finished first: the timing decides, the crash must not.)
    assert set(range(0, 300, 2)) <= set(delivered) and -1 not in delivered
    assert len(delivered) == len(set(delivered))


def test_a_job_whose_parent_is_gone_before_it_ends_is_not_delivered(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = QtTaskRunner()
    go = threading.Event()
    delivered: list[object] = []
    parent = QObject()
    runner.submit(lambda: go.wait(5) and "late", delivered.append, delivered.append, parent)
    parent.destroyed.connect(go.set)  # the job ends only once its parent is gone
    del parent  # the last reference: Qt destroys it now
    assert runner.wait(5000)
    qtbot.waitUntil(lambda: not runner._keep, timeout=5000)
    assert go.is_set() and delivered == []
