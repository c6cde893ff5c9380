"""The desktop application's composition root: QApplication, font, translations, vault, login."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog

from reviewdesk.letters.anchors import install as install_anchors
from reviewdesk.resources import resource_path
from reviewdesk.store.vault import Vault
from reviewdesk.ui.context import AppContext, UiSettings
from reviewdesk.ui.dialogs.login import LoginDialog
from reviewdesk.ui.dialogs.vault_chooser import VaultChooserDialog, open_vault
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.messages import user_message
from reviewdesk.ui.prompts import QtPrompts
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
    """Runs the desktop application until its window closes; returns the exit status."""
    settings = settings or UiSettings()
    app, chosen = prepare(lang, settings)
    tasks, prompts = QtTaskRunner(), QtPrompts()
    install_error_dialog(prompts, chosen)

    opened: Vault | None = None
    first_error: str | None = None
    if vault:
        try:
            opened = open_vault(Path(vault).expanduser())
        except Exception as exc:  # shown in the chooser, which then lets the user fix it
            first_error = user_message(exc, chosen)
    if opened is None:
        chooser = VaultChooserDialog(tasks, prompts, chosen, Path(vault) if vault else None)
        if first_error:
            chooser._show_error(first_error)
        if chooser.exec() != QDialog.DialogCode.Accepted or chooser.vault is None:
            return 0
        opened = chooser.vault
    # A signed checkpoint of the audit trail beside the vault when it closes, and a signed
    # manifest with each backup (letters/anchors.py).
    install_anchors(opened)
    try:
        login = LoginDialog(opened, tasks, chosen, actor_hint)
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            return 0
        ctx = AppContext(opened, login.actor, tasks, prompts, settings, chosen)
        window = MainWindow(ctx)
        window.show()
        status = app.exec()
        tasks.wait()
        return int(status)
    finally:
        tasks.wait()
        opened.close()
