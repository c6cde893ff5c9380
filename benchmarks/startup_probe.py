"""Child process of `python -m benchmarks startup`: one start of an empty window or of ReviewDesk.

`python -m benchmarks.startup_probe empty` shows an empty PySide6 main window (the platform's
floor); `... app VAULT USER PASSWORD [--typing S] [--case-after S]` starts ReviewDesk through its
own command line (`reviewdesk --vault VAULT`), lets S seconds of typing pass once the login
window is painted (0: the credentials go in at once), submits them, waits for the case list's
first page; with --case-after, a user's S seconds later it opens a case, visits its tabs and
issues a letter. Each figure is a line `KEY monotonic-seconds cpu-seconds`, or `KEY value` for
durations and memory; the parent times from spawning this process, so interpreter start and
every import count, as a user feels them.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def peak_rss_mib(field: str = "VmHWM") -> float:
    """This process's own high-water mark (VmHWM; ru_maxrss would carry the parent's across
    exec), or with field="VmRSS" what it holds now."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def stamp(key: str) -> None:
    """Wall clock (system-wide monotonic, comparable with the parent's) and the whole process's CPU."""
    print(f"{key} {time.monotonic():.6f} {time.process_time():.6f}", flush=True)


def figure(key: str, value: float) -> None:
    print(f"{key} {value:.6f}", flush=True)


class Watch:
    """Calls then(window) once, when a visible top-level window `target` accepts exists,
    after painting it there and then (repaint). A polling timer, not an application event
    filter: a filter is Python code on every event, which a busy background thread holding
    the GIL would slow down, and the application itself has none before its main window."""

    def __init__(self, target: Callable[[Any], bool], then: Callable[[Any], None]) -> None:
        from PySide6.QtCore import QTimer

        self._target, self._then = target, then
        self.timer = QTimer()
        self.timer.setInterval(2)
        self.timer.timeout.connect(self._check)
        self.timer.start()

    def _check(self) -> None:
        from PySide6.QtWidgets import QApplication

        for window in QApplication.topLevelWidgets():
            if window.isVisible() and self._target(window):
                self.timer.stop()
                window.repaint()
                self._then(window)
                return


def _named(name: str) -> Callable[[Any], bool]:
    # By class name: the probe must not import the application's modules before it does.
    return lambda w: any(c.__name__ == name for c in type(w).__mro__)


def wait_until(condition: Callable[[], bool], timeout: float = 300.0) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the application did not get there in time")
        loop = QEventLoop()
        QTimer.singleShot(1, loop.quit)
        loop.exec()


def settled() -> bool:
    """No task of the pool running and none of their results waiting to be delivered."""
    from PySide6.QtCore import QCoreApplication, QThreadPool

    pool = QThreadPool.globalInstance()
    if pool.activeThreadCount():
        return False
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
    return pool.activeThreadCount() == 0


def empty_window() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    watch = Watch(lambda w: w is window, lambda _w: (stamp("PAINTED"), app.quit()))
    window.resize(1280, 800)
    window.show()
    app.exec()
    watch.timer.stop()
    figure("PEAK_MIB", peak_rss_mib())


class AppRun:
    """Drives one start of ReviewDesk, from the command line to the case list (and beyond)."""

    def __init__(self, vault: str, user: str, password: str, typing: float,
                 case_after: float | None) -> None:
        self.vault, self.user, self.password = vault, user, password
        self.typing, self.case_after = typing, case_after
        self._first_page = 0.0
        self._warm_done: float | None = None

    def run(self) -> None:
        from PySide6.QtWidgets import QApplication

        # The application reuses this QApplication; creating it here lets the watches start
        # before it runs. Both children pay for one QApplication.
        QApplication(sys.argv[:1])
        self._watches = [Watch(_named("LoginDialog"), self._on_login_painted),
                         Watch(_named("MainWindow"), self._on_main_painted)]
        from reviewdesk.cli import main

        status = main(["--vault", self.vault])
        if status != 0:
            raise SystemExit(f"reviewdesk exited with {status}")

    def _on_login_painted(self, dialog: Any) -> None:
        stamp("LOGIN_PAINTED")
        figure("TYPING", self.typing)
        dialog.accepted.connect(lambda: stamp("ACCEPTED"))
        dialog.username_edit.setText(self.user)
        dialog.password_edit.setText(self.password)
        if self.typing:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(round(self.typing * 1000), dialog.submit)
        else:
            dialog.submit()

    def _on_main_painted(self, window: Any) -> None:
        from PySide6.QtCore import QTimer

        # Out of the watch's timer slot: the measures below run event loops of their own.
        QTimer.singleShot(0, lambda: self._measure_and_close(window))

    def _measure_and_close(self, window: Any) -> None:
        try:
            self._measure(window)
        finally:
            window.close()

    def _measure(self, window: Any) -> None:
        model, view = window.case_list.model, window.case_list.view
        wait_until(lambda: not model.busy and model.rowCount() == model.total)
        view.viewport().repaint()
        stamp("FIRST_PAGE")
        self._first_page = time.monotonic()
        figure("ROWS", model.total)
        figure("PEAK_LIST_MIB", peak_rss_mib())
        figure("RSS_LIST_MIB", peak_rss_mib("VmRSS"))
        if self.case_after is not None and model.total:
            not_before = time.monotonic() + self.case_after
            wait_until(lambda: model.is_loaded(0))
            wait_until(lambda: self._note_warm() or (time.monotonic() >= not_before and settled()))
            self._case_tab(window, model)
            self._letter(window)
            if "reviewdesk.ui.startup" in sys.modules:
                wait_until(lambda: self._note_warm() or self._warm_done is not None, timeout=60)
        figure("PEAK_END_MIB", peak_rss_mib())

    def _note_warm(self) -> bool:
        """Notes, once, when the application's background loading after the first page ended
        (ui/startup.py's warm-up; absent before issue 18). Always False: a side look."""
        startup = sys.modules.get("reviewdesk.ui.startup")
        thread = getattr(startup, "_thread", None)
        if (self._warm_done is None and thread is not None and thread.name == "warm-up"
                and not thread.is_alive()):
            self._warm_done = time.monotonic()
            figure("WARMED_AFTER_PAGE_S", self._warm_done - self._first_page)
        return False

    def _case_tab(self, window: Any, model: Any) -> None:
        """Opening: until the case's overview shows it, painted (its other tabs may still be
        loading). Each switch: from a quiet application to the tab loaded and painted."""
        case_id = model.row_at(0).id
        shown: list[float] = []

        def on_loaded(_detail: object) -> None:
            panel.repaint()
            shown.append(time.monotonic())

        start = time.monotonic()
        panel = window.open_case(case_id)
        panel.case_loaded.connect(on_loaded)
        wait_until(lambda: bool(shown))
        figure("CASE_TAB_MS", (shown[0] - start) * 1000)
        tabs = panel.tabs
        switches = []
        for index in [*range(1, tabs.count()), 0]:
            wait_until(settled)
            start = time.monotonic()
            tabs.setCurrentIndex(index)
            wait_until(settled)
            tabs.currentWidget().repaint()
            switches.append((time.monotonic() - start) * 1000)
        figure("TAB_SWITCH_MAX_MS", max(switches))
        figure("TAB_SWITCH_MEDIAN_MS", sorted(switches)[len(switches) // 2])

    def _letter(self, window: Any) -> None:
        """Issues an intake acknowledgement the way the letters tab does (through the context's
        task runner): the session's first letter."""
        import sqlalchemy as sa

        from reviewdesk.store import models as m

        ctx = window._ctx
        with ctx.vault.reading() as session:
            has_one = sa.select(m.Letter.id).where(m.Letter.case_id == m.Case.id,
                                                   m.Letter.kind == "intake_acknowledgement")
            case_id = session.scalar(sa.select(m.Case.id).where(m.Case.state != "closed", ~has_one.exists())
                                     .order_by(m.Case.id.desc()).limit(1))
        if case_id is None:
            return
        done: list[object] = []
        start = time.monotonic()
        from reviewdesk.letters.issuing import issue_case_letter  # what the letters tab holds

        ctx.run(lambda v, a: issue_case_letter(v, a, case_id, "intake_acknowledgement"), done.append,
                parent=window, on_error=done.append)
        wait_until(lambda: bool(done))
        if isinstance(done[0], BaseException):
            raise done[0]
        figure("FIRST_LETTER_MS", (time.monotonic() - start) * 1000)


def main(argv: list[str]) -> None:
    if argv[0] == "empty":
        empty_window()
    else:
        vault, user, password = argv[1:4]
        typing = float(argv[argv.index("--typing") + 1]) if "--typing" in argv else 0.0
        case_after = float(argv[argv.index("--case-after") + 1]) if "--case-after" in argv else None
        AppRun(vault, user, password, typing, case_after).run()


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(0)  # skip Qt teardown: the figures are out
