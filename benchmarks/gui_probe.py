"""Child process: open a vault offscreen, show the case list, report timings and peak memory.

Run by benchmarks.measure_gui; prints `KEY seconds` lines the parent reads. The parent times
from spawning this process, so interpreter start and imports count, as a user would feel them.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _peak_rss_mb() -> float:
    """This process's own high-water mark. getrusage's ru_maxrss is no good here: Linux
    carries the parent's peak across fork and exec, and the parent may have built the vault."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _wait(app, condition, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the case list did not load in time")
        loop = QEventLoop()
        QTimer.singleShot(5, loop.quit)
        loop.exec()


def main(vault_path: str, username: str, password: str) -> None:
    from reviewdesk.auth.users import authenticate
    from reviewdesk.store.vault import Vault
    from reviewdesk.ui.app import prepare
    from reviewdesk.ui.context import AppContext, UiSettings
    from reviewdesk.ui.main_window import MainWindow
    from reviewdesk.ui.prompts import QtPrompts
    from reviewdesk.ui.tasks import QtTaskRunner

    settings = UiSettings(Path(tempfile.mkdtemp()) / "ui.ini")
    app, lang = prepare("ja", settings)
    vault = Vault.open(vault_path)
    actor = authenticate(vault, username, password)
    tasks = QtTaskRunner()
    window = MainWindow(AppContext(vault, actor, tasks, QtPrompts(), settings, lang))
    window.resize(1400, 900)
    window.show()
    panel = window.case_list
    model, view = panel.model, panel.view
    _wait(app, lambda: not model.busy)
    view.viewport().repaint()
    print(f"FIRST_PAGE {time.monotonic():.6f}", flush=True)
    print(f"ROWS {model.total}", flush=True)
    start = time.monotonic()
    if model.total:
        view.scrollToBottom()  # what Ctrl+End does
        view.viewport().repaint()
        _wait(app, lambda: model.is_loaded(model.total - 1) and not model.busy)
        view.viewport().repaint()
    print(f"SCROLL_END {time.monotonic() - start:.6f}", flush=True)
    print(f"PEAK_RSS_MB {_peak_rss_mb():.1f}", flush=True)
    tasks.wait()
    window.close()
    vault.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
    sys.stdout.flush()
    os._exit(0)  # skip Qt teardown: the figures are out
