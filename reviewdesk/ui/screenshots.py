"""Renders every screen offscreen to PNG files, as given users, for review and documentation."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from reviewdesk.auth.permissions import Action, allowed
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.users import authenticate
from reviewdesk.cases.documents import case_documents
from reviewdesk.cases.queries import CaseFilter, list_cases
from reviewdesk.store.vault import Vault
from reviewdesk.ui.app import application, prepare
from reviewdesk.ui.case_view.panel import CaseViewPanel
from reviewdesk.ui.context import AppContext, UiSettings
from reviewdesk.ui.dialogs.login import LoginDialog
from reviewdesk.ui.dialogs.vault_chooser import VaultChooserDialog
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.messages import login_failure_message
from reviewdesk.ui.prompts import QtPrompts
from reviewdesk.ui.tasks import InlineTaskRunner

WINDOW_SIZE = (1280, 800)
SETTLE_MS = 60
PDF_RENDER_MS = 1200


def wait_ms(ms: int) -> None:
    """Lets the event loop run for ms (layout, asynchronous PDF rendering); no busy loop."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class _Shooter:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.saved: list[Path] = []

    def __call__(self, widget: QWidget, name: str, settle_ms: int = SETTLE_MS) -> Path:
        wait_ms(settle_ms)
        path = self.out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        self.saved.append(path)
        return path


def _case_for(vault: Vault, actor: Actor) -> int | None:
    """A case that shows what the user's role works on: an assessment for the committee."""
    if allowed(actor, Action.COMPUTE_ASSESSMENT):
        rows = list_cases(vault, actor, CaseFilter(states=("assessment",)), limit=1)
        if rows:
            return rows[0].id
    return _case_with_documents(vault, actor)


def _case_with_documents(vault: Vault, actor: Actor) -> int | None:
    """A visible case with a PDF and, where the role sees letters, letters; else the best found."""
    from reviewdesk.letters.issuing import case_letters

    rows = (list_cases(vault, actor, CaseFilter(), limit=40)
            + list_cases(vault, actor, CaseFilter(), descending=False, limit=40))
    sees_letters = allowed(actor, Action.READ_ALL_CASES)
    best: tuple[int, int] | None = None  # (score, case id)
    for row in rows:
        docs = case_documents(vault, actor, row.id).rows
        score = (2 if any(d.mime_type == "application/pdf" for d in docs) else 1 if docs else 0)
        if sees_letters and case_letters(vault, actor, row.id):
            score += 3
        if best is None or score > best[0]:
            best = (score, row.id)
        if score == (5 if sees_letters else 2):
            break
    return best[1] if best else None


def render_screenshots(vault: Vault, out: Path, users: list[str], password: str,
                       lang: str = "ja", log: Callable[[str], None] = lambda _m: None) -> list[Path]:
    """Writes PNGs of the vault chooser, login, and for each user every screen they can reach."""
    out.mkdir(parents=True, exist_ok=True)
    shoot = _Shooter(out)
    app = application()
    previous_font = app.font()
    with tempfile.TemporaryDirectory() as tmp:
        settings = UiSettings(Path(tmp) / "screens.ini")  # never the user's own settings
        _app, lang = prepare(lang, settings)
        try:
            _render(vault, shoot, users, password, lang, settings, log)
        finally:
            # Leave the application as it was (a test process renders more than once).
            for translator in getattr(app, "_reviewdesk_translators", []):
                app.removeTranslator(translator)
            app._reviewdesk_translators = []  # type: ignore[attr-defined]
            app.setFont(previous_font)
    return shoot.saved


def _render(vault: Vault, shoot: _Shooter, users: list[str], password: str, lang: str,
            settings: UiSettings, log: Callable[[str], None]) -> None:
    tasks, prompts = InlineTaskRunner(), QtPrompts()

    chooser = VaultChooserDialog(tasks, prompts, lang, vault.path)
    chooser.show()
    shoot(chooser, "vault_chooser")
    chooser.close()

    login = LoginDialog(vault, tasks, lang, users[0] if users else None)
    login.show()
    shoot(login, "login")
    login.password_edit.setText("wrong-password-for-screenshot")
    login.error_label.setText(login_failure_message("wrong user name or password"))
    login.error_label.show()
    shoot(login, "login_error")
    login.close()

    for username in users:
        actor = authenticate(vault, username, password)
        log(f"{username}: {actor.display_name} ({actor.role.value})")
        ctx = AppContext(vault, actor, tasks, prompts, settings, lang)
        win = MainWindow(ctx, idle_ms=24 * 3600 * 1000)
        win.resize(*WINDOW_SIZE)
        win.show()
        shoot(win, f"{username}_case_list")
        for fixed in (win.assignments, win.attention):
            if fixed is not None:
                win.workspace.setCurrentWidget(fixed)
                shoot(win, f"{username}_{fixed.objectName() or 'view'}")

        case_id = _case_for(vault, actor)
        if case_id is not None:
            panel: CaseViewPanel = win.open_case(case_id)
            for index in range(panel.tabs.count()):
                panel.tabs.setCurrentIndex(index)
                tab = panel.tabs.widget(index)
                name = tab.objectName() or f"tab{index}"
                if tab is panel.assessment and panel.assessment.editing:
                    _fill_example_assessment(panel)
                    shoot(win, f"{username}_case_{name}", 400)
                elif tab is panel.documents and panel.documents.model.rowCount() > 0:
                    _select_pdf_first(panel)
                    shoot(win, f"{username}_case_{name}", PDF_RENDER_MS)
                    if allowed(actor, Action.MASK_DOCUMENTS):
                        _shoot_masking(panel, shoot, username)
                else:
                    shoot(win, f"{username}_case_{name}")

        meetings_panel = win.show_meetings()
        if meetings_panel is not None:
            shoot(win, f"{username}_meetings")

        if win.show_dashboard() is not None:
            shoot(win, f"{username}_dashboard", 300)

        admin = win.show_admin()
        if admin is not None:
            for index in range(admin.tabs.count()):
                admin.tabs.setCurrentIndex(index)
                shoot(win, f"{username}_admin_{admin.tabs.widget(index).objectName()}")

        dialog = win.show_register_dialog()
        if dialog is not None:
            dialog.resize(dialog.sizeHint())
            shoot(dialog, f"{username}_register_case")
            dialog.close()

        win.lock()
        shoot(win, f"{username}_locked")
        win.unlock()
        win.close()
        win.deleteLater()


def _fill_example_assessment(panel: CaseViewPanel) -> None:
    """Typical committee inputs, so the live breakdown has something to show."""
    form = panel.assessment.form  # type: ignore[union-attr]
    if form.victim_age.value() == 0:
        form.victim_age.setValue(34)
    form.yen["annual_income"].setValue(3_800_000)
    form.yen["treatment_costs"].setValue(650_000)
    form.yen["hospital_outpatient_consolation"].setValue(520_000)
    form.patient_fault.setText("0.1")


def _shoot_masking(panel: CaseViewPanel, shoot: _Shooter, username: str) -> None:
    """The masking view of the document selected (its proposals found, its first page drawn)."""
    row = panel.documents.selected_row()
    if row is None or row.carried_over:
        return
    dialog = panel.open_masking(row.id)
    dialog.resize(*WINDOW_SIZE)
    shoot(dialog, f"{username}_masking", PDF_RENDER_MS)
    dialog.done(0)  # nothing was changed: no question


def _select_pdf_first(panel: CaseViewPanel) -> None:
    model = panel.documents.model
    rows = [model.row_at(i) for i in range(model.rowCount())]
    target = next((i for i, r in enumerate(rows) if r.mime_type == "application/pdf"), 0)
    panel.documents.view.selectRow(target)
