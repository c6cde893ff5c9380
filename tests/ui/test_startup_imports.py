"""What a start imports before its first window (issue 18): structure, not timing.

The login window comes up before the core, SQLAlchemy and the main window are imported (they load
in the background meanwhile, ui/startup.py); the main window's module leaves the screens, the
case view and the letters stack to their first use. Checked in a fresh interpreter, since this
test process has imported everything already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Packages the login window must not need (store.location, which tells a file from a server
# URL, is light on purpose).
NOT_FOR_THE_LOGIN = (
    "sqlalchemy", "sqlcipher3", "psycopg", "alembic", "keyring", "argon2", "reportlab", "pyhanko",
    "pypdf", "cryptography", "PySide6.QtPdf", "PySide6.QtCharts",
    "reviewdesk.store.vault", "reviewdesk.store.engine", "reviewdesk.store.keys",
    "reviewdesk.store.models", "reviewdesk.store.schema", "reviewdesk.store.server",
    "reviewdesk.auth", "reviewdesk.cases", "reviewdesk.letters",
    "reviewdesk.ui.context", "reviewdesk.ui.main_window", "reviewdesk.ui.case_list",
    "reviewdesk.ui.case_view", "reviewdesk.ui.lock",
)
# ... and those the main window's own module leaves to their first use.
NOT_FOR_THE_MAIN_WINDOW = (
    "reportlab", "pyhanko", "pypdf", "cryptography", "PySide6.QtPdf", "PySide6.QtCharts",
    "reviewdesk.letters", "reviewdesk.cases.masking", "reviewdesk.ui.case_view.panel",
    "reviewdesk.ui.admin", "reviewdesk.ui.dashboard", "reviewdesk.ui.meeting",
    "reviewdesk.ui.masking", "reviewdesk.ui.dialogs.register_case", "reviewdesk.ui.document_viewer",
)

# Runs the real run_app on a vault path with the background work held back: what is loaded
# when the login window shows is what showing it needed. The vault path does not exist, so once
# released the opening fails and the chooser comes up with the reason (closed here too).
CHILD = r"""
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
from reviewdesk.ui import startup

held = []
startup.in_background = lambda job, name, plan=(): held.append(job)
# The passphrase's derivation runs beside the painting by design (argon2 releases the GIL);
# what is checked here is what showing the login window itself needs.
startup.VaultOpening._derive_key = lambda self: held.append(lambda: None)
seen = {}

def visible(name):
    return [w for w in QApplication.topLevelWidgets() if type(w).__name__ == name and w.isVisible()]

def at_login():
    if not visible("LoginDialog"):
        QTimer.singleShot(5, at_login)
        return
    seen["login"] = sorted(sys.modules)
    for job in held:
        job()  # the opening fails (no vault there); the login closes, the chooser opens
    QTimer.singleShot(0, at_chooser)

def at_chooser():
    chooser = visible("VaultChooserDialog")
    if not chooser:
        QTimer.singleShot(5, at_chooser)
        return
    seen["chooser_error"] = chooser[0].error_label.text()
    chooser[0].reject()

QTimer.singleShot(0, at_login)
from reviewdesk.ui.app import run_app
from reviewdesk.ui.settings import UiSettings
seen["status"] = run_app(sys.argv[1], "en", settings=UiSettings(sys.argv[2]))
before = set(sys.modules)
import reviewdesk.ui.main_window
seen["main_window"] = sorted(set(sys.modules) - before)
print(json.dumps(seen))
"""


def _loaded(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_the_login_window_shows_before_the_core_is_imported(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "none.rdvault"),
                           str(tmp_path / "ui.ini")], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    seen = json.loads(proc.stdout.splitlines()[-1])
    assert _loaded(seen["login"], NOT_FOR_THE_LOGIN) == []
    assert "reviewdesk.ui.dialogs.login" in seen["login"]
    # The vault that did not open is explained in the chooser, as before the login came first.
    assert seen["chooser_error"] == "There is no vault at this path." and seen["status"] == 0
    assert "reviewdesk.ui.main_window" in seen["main_window"]
    assert _loaded(seen["main_window"], NOT_FOR_THE_MAIN_WINDOW) == []
