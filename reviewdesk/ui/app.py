"""The desktop application's composition root: QApplication, font, translations, vault, login.

Only what the first window needs is imported here; the core and the main window load in the
background while the login window is up (ui/startup.py).
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog

from reviewdesk.resources import resource_path
from reviewdesk.store.location import vault_location
from reviewdesk.ui import startup
from reviewdesk.ui.collector import GuiThreadCollector
from reviewdesk.ui.dialogs.login import LoginDialog
from reviewdesk.ui.dialogs.vault_chooser import VaultChooserDialog, open_vault
from reviewdesk.ui.messages import user_message
from reviewdesk.ui.prompts import QtPrompts
from reviewdesk.ui.settings import UiSettings
from reviewdesk.ui.tasks import QtTaskRunner

APP_FONT = ("fonts", "ipaexg.ttf")
APP_ICON = ("icons", "reviewdesk.svg")
FONT_POINT_SIZE = 10


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication (created if needed)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("ReviewDesk")
    app.setOrganizationName("ReviewDesk")
    return app


def install_font(app: QApplication) -> str | None:
    """Uses the bundled IPAex Gothic, so Japanese renders where no CJK font is installed."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*APP_FONT)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = QFont(families[0], FONT_POINT_SIZE)
    app.setFont(font)
    return families[0]


def install_translations(app: QApplication, lang: str) -> list[QTranslator]:
    """Japanese by default: our strings plus Qt's own (standard buttons, dialogs)."""
    installed: list[QTranslator] = []
    if lang != "ja":
        return installed
    ours = QTranslator(app)
    if ours.load(str(resource_path("i18n", "reviewdesk_ja.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def prepare(lang: str | None, settings: UiSettings) -> tuple[QApplication, str]:
    app = application()
    chosen = lang if lang in ("ja", "en") else settings.language
    install_font(app)
    app._reviewdesk_translators = install_translations(app, chosen)  # type: ignore[attr-defined]
    app.setWindowIcon(QIcon(str(resource_path(*APP_ICON))))
    return app, chosen


def install_error_dialog(prompts: QtPrompts, lang: str) -> None:
    """An exception escaping a slot becomes a plain dialog: no traceback, no patient data."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        prompts.error(QApplication.activeWindow(), "ReviewDesk", user_message(exc, lang))

    sys.excepthook = hook


def run_app(vault: str | None, lang: str | None, *, actor_hint: str | None = None,
            settings: UiSettings | None = None) -> int:
    """Runs the desktop application until its window closes; returns the exit status.

    With a vault named, the login window comes up at once while the vault opens behind it; a
    vault that does not open closes it and shows the chooser with the reason, as before.
    """
    settings = settings or UiSettings()
    app, chosen = prepare(lang, settings)
    collector = GuiThreadCollector()  # from here on, threads run beside the GUI
    try:
        return _run(app, chosen, vault, actor_hint, settings)
    finally:
        collector.stop()


def _run(app: QApplication, chosen: str, vault: str | None, actor_hint: str | None,
         settings: UiSettings) -> int:
    tasks, prompts = QtTaskRunner(), QtPrompts()
    install_error_dialog(prompts, chosen)

    error = ""
    if vault:
        path = vault_location(vault)
        opening = startup.VaultOpening(path, lambda: open_vault(path))
        status = _log_in_and_run(app, opening, tasks, prompts, settings, chosen, actor_hint)
        if status is not None:
            return status
        assert opening.error is not None
        error = user_message(opening.error, chosen)
    chooser = VaultChooserDialog(tasks, prompts, chosen, vault_location(vault) if vault else None)
    if error:
        chooser._show_error(error)
    if chooser.exec() != QDialog.DialogCode.Accepted or chooser.vault is None:
        return 0
    opening = startup.VaultOpening(chooser.vault.path or chooser.vault.url, vault=chooser.vault)
    return _log_in_and_run(app, opening, tasks, prompts, settings, chosen, actor_hint) or 0


_OPEN_FAILED = 2  # the login window's result when its vault did not open (not Accepted, not Rejected)


def _log_in_and_run(app: QApplication, opening: startup.VaultOpening, tasks: QtTaskRunner,
                    prompts: QtPrompts, settings: UiSettings, lang: str,
                    actor_hint: str | None) -> int | None:
    """The login window on a vault (perhaps still opening), then the main window: the exit
    status, 0 when the user leaves at the login, None when the vault did not open."""
    try:
        login = LoginDialog(opening, tasks, lang, actor_hint)
        opening.failed.connect(lambda _exc: login.done(_OPEN_FAILED))
        if opening.error is not None:  # it failed before the connection was made
            return None
        result = login.exec()
        if result == _OPEN_FAILED:
            return None
        if result != QDialog.DialogCode.Accepted or login.actor is None:
            return 0
        startup.load("reviewdesk.ui.main_window")  # imported while the user typed
        from reviewdesk.ui.context import AppContext
        from reviewdesk.ui.main_window import MainWindow

        ctx = AppContext(opening.result(), login.actor, tasks, prompts, settings, lang)
        window = MainWindow(ctx)
        window.show()
        warm_up = startup.warm_up_when_idle(window)
        status = app.exec()
        warm_up.stop()  # a window closed at once needs nothing more
        tasks.wait()
        return int(status)
    finally:
        tasks.wait()
        opened = opening.opened()
        if opened is not None:
            startup.settle()
            opened.close()
