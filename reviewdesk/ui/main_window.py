"""MainWindow: the case list and open cases in tabs, actions by permission, the session lock.

The screens and the case view are imported when first opened (ui/startup.py loads them in the
background meanwhile): the first window shows sooner.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QTabWidget, QWidget

from reviewdesk.auth.permissions import Action
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.case_list.assignments import MyAssignmentsPanel
from reviewdesk.ui.case_list.attention import AttentionPanel
from reviewdesk.ui.case_list.panel import CaseListPanel
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.icons import icon
from reviewdesk.ui.lock import IdleWatcher, LockScreen
from reviewdesk.ui.startup import load

if TYPE_CHECKING:
    from reviewdesk.ui.admin.panel import AdminPanel
    from reviewdesk.ui.case_view.panel import CaseViewPanel
    from reviewdesk.ui.dashboard.panel import DashboardPanel
    from reviewdesk.ui.dialogs.register_case import RegisterCaseDialog
    from reviewdesk.ui.meeting.panel import MeetingsPanel

_GEOMETRY_KEY = "main_window/geometry"
_STATE_KEY = "main_window/state"
_SCREENS = (("reviewdesk.ui.meeting.panel", "MeetingsPanel"),
            ("reviewdesk.ui.dashboard.panel", "DashboardPanel"),
            ("reviewdesk.ui.admin.panel", "AdminPanel"))


def _instance_of(widget: object, module: str, name: str) -> bool:
    """isinstance for a class imported on first use: before its module loads, nothing is one."""
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(widget, getattr(loaded, name))


class MainWindow(QMainWindow):
    """`actions` maps a name to each QAction offered; an action the role may not take is absent."""

    locked = Signal()
    """Emitted on the GUI thread when the session was locked (idle or on demand)."""
    unlocked = Signal()
    """Emitted on the GUI thread when the user unlocked the session with the password."""

    def __init__(self, ctx: AppContext, idle_ms: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._hidden_windows: list[QWidget] = []
        self.actions: dict[str, QAction] = {}
        self.setWindowTitle(self.tr("ReviewDesk — %1").replace("%1", ctx.vault.display_name))

        self.case_list = CaseListPanel(ctx, load_now=not ctx.actor.is_reviewer)
        self.case_list.case_activated.connect(self.open_case)
        self.workspace = QTabWidget()
        self.workspace.setObjectName("workspace")
        self.workspace.setDocumentMode(True)
        self.workspace.setTabsClosable(True)
        self.workspace.tabCloseRequested.connect(self._on_workspace_tab_close_requested)
        self.assignments: MyAssignmentsPanel | None = None
        if ctx.actor.is_reviewer:  # a reviewer lands on their own assignments
            self.assignments = MyAssignmentsPanel(ctx)
            self.assignments.case_activated.connect(self.open_case)
            self.workspace.addTab(self.assignments, self.assignments.title.text())
        self.workspace.addTab(self.case_list, self.case_list.title.text())
        self.attention: AttentionPanel | None = None
        if ctx.may(Action.ASSIGN_REVIEWER):  # the secretariat chases opinions
            # Its queries are long on a large vault: they wait for the list's first page.
            self.attention = AttentionPanel(ctx, load_now=False)
            self.attention.case_activated.connect(self.open_case)
            self.workspace.addTab(self.attention, self.attention.title.text())
            self._after_first_page(self.attention.refresh)
        self._fixed_tabs = self.workspace.count()
        for i in range(self._fixed_tabs):
            self.workspace.tabBar().setTabButton(i, self.workspace.tabBar().ButtonPosition.RightSide,
                                                 None)
        self.workspace.setCurrentIndex(0)
        self.lock_screen = LockScreen(ctx)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.quit_requested.connect(self.close)
        ctx.events.session_revoked.connect(self.revoke)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.workspace)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)

        self._build_actions()
        self._build_status_bar()
        self._restore_geometry()

        minutes = ctx.settings.idle_minutes
        self.idle = IdleWatcher(idle_ms if idle_ms is not None else minutes * 60_000, self)
        self.idle.idle_timed_out.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.idle.start()

    def _after_first_page(self, then: Callable[[], None]) -> None:
        model = self.case_list.model
        if not model.busy:
            then()
            return

        def loaded(busy: bool) -> None:
            if not busy:
                model.loading_changed.disconnect(loaded)
                then()

        model.loading_changed.connect(loaded)

    # Actions -----------------------------------------------------------------------------

    def _action(self, name: str, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                icon_name: str | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        if icon_name is not None:
            action.setIcon(icon(icon_name))
        action.triggered.connect(slot)
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        menu_file = self.menuBar().addMenu(self.tr("&File"))
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar = toolbar
        if self._ctx.may(Action.REGISTER_CASE):
            new_case = self._action("new_case", self.tr("New case…"), self.show_register_dialog,
                                    QKeySequence.StandardKey.New, "new_case")
            menu_file.addAction(new_case)
            toolbar.addAction(new_case)
        find = self._action("find", self.tr("Find"), self._on_find_triggered,
                            QKeySequence.StandardKey.Find, "find")
        refresh = self._action("refresh", self.tr("Refresh"), self.refresh,
                               QKeySequence.StandardKey.Refresh, "refresh")
        lock = self._action("lock", self.tr("Lock"), self.lock, "Ctrl+L", "lock")
        quit_ = self._action("quit", self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit)
        for a in (find, refresh):
            toolbar.addAction(a)
        if self._ctx.may(Action.READ_ALL_CASES):  # secretariat, chair, committee, auditor
            meetings = self._action("meetings", self.tr("Meetings"), self.show_meetings,
                                    "Ctrl+M", "meetings")
            toolbar.addAction(meetings)
            menu_file.addAction(meetings)
        if self._ctx.may(Action.VIEW_DASHBOARD):
            dashboard = self._action("dashboard", self.tr("Dashboard"), self.show_dashboard,
                                     "Ctrl+D", "dashboard")
            toolbar.addAction(dashboard)
            menu_file.addAction(dashboard)
        if self._ctx.may(Action.ADMINISTER_USERS):  # the secretariat
            admin = self._action("admin", self.tr("Administration"), self.show_admin, None,
                                 "admin")
            toolbar.addAction(admin)
            menu_file.addAction(admin)
        toolbar.addAction(lock)
        if self._ctx.may(Action.BACKUP):
            menu_file.addSeparator()
            menu_file.addAction(self._action("backup", self.tr("Back up the vault…"),
                                             self.start_backup, icon_name="backup"))
        menu_file.addSeparator()
        menu_file.addAction(lock)
        menu_file.addAction(quit_)
        menu_view = self.menuBar().addMenu(self.tr("&View"))
        menu_view.addAction(find)
        menu_view.addAction(refresh)
        menu_settings = self.menuBar().addMenu(self.tr("&Settings"))
        language = menu_settings.addMenu(self.tr("Language (after restart)"))
        for code, label in (("ja", "日本語"), ("en", "English")):
            act = self._action(f"language_{code}", label, lambda _c=False, c=code: self._set_language(c))
            act.setCheckable(True)
            act.setChecked(self._ctx.settings.language == code)
            language.addAction(act)
        menu_settings.addAction(self._action("idle_minutes", self.tr("Lock after idle minutes…"),
                                             self._on_idle_minutes_triggered))

    def _build_status_bar(self) -> None:
        actor = self._ctx.actor
        self.user_label = QLabel(f"{actor.display_name}（{actor.username}）　"
                                 f"{fmt.role_text(actor.role, self._ctx.lang)}")
        self.user_label.setObjectName("statusUser")
        self.statusBar().addPermanentWidget(self.user_label)

    # Geometry ----------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self._ctx.settings.bytes_value(_GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = self._ctx.settings.bytes_value(_STATE_KEY)
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        self._ctx.settings.set_bytes_value(_GEOMETRY_KEY, self.saveGeometry())
        self._ctx.settings.set_bytes_value(_STATE_KEY, self.saveState())
        self.case_list.save_layout()
        self._ctx.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        super().closeEvent(event)

    # Cases -------------------------------------------------------------------------------

    def open_case(self, case_id: int) -> CaseViewPanel:
        case_view: type[CaseViewPanel] = load("reviewdesk.ui.case_view.panel").CaseViewPanel  # type: ignore[attr-defined]
        for i in range(self._fixed_tabs, self.workspace.count()):
            panel = self.workspace.widget(i)
            if isinstance(panel, case_view) and panel.case_id == case_id:
                self.workspace.setCurrentIndex(i)
                return panel
        panel = case_view(self._ctx, case_id, tabs_when_shown=True)
        index = self.workspace.addTab(panel, self.tr("Case"))
        panel.case_loaded.connect(lambda d, p=panel: self._on_case_loaded(p, d))
        panel.case_left.connect(lambda _id, p=panel: self._close_panel(p))
        panel.case_requested.connect(self.open_case)
        if panel.detail is not None:
            self._on_case_loaded(panel, panel.detail)
        self.workspace.setCurrentIndex(index)
        return panel

    def _on_case_loaded(self, panel: CaseViewPanel, detail: object) -> None:
        index = self.workspace.indexOf(panel)
        if index >= 0:
            self.workspace.setTabText(index, getattr(detail, "number", ""))

    def _on_workspace_tab_close_requested(self, index: int) -> None:
        if index >= self._fixed_tabs:
            self._close_panel(self.workspace.widget(index))

    def _close_panel(self, widget: QWidget) -> None:
        index = self.workspace.indexOf(widget)
        if index >= self._fixed_tabs:
            self.workspace.removeTab(index)
            widget.deleteLater()

    def show_meetings(self) -> MeetingsPanel | None:
        if self.is_locked or not self._ctx.may(Action.READ_ALL_CASES):
            return None
        meetings: type[MeetingsPanel] = load("reviewdesk.ui.meeting.panel").MeetingsPanel  # type: ignore[attr-defined]
        for i in range(self._fixed_tabs, self.workspace.count()):
            panel = self.workspace.widget(i)
            if isinstance(panel, meetings):
                self.workspace.setCurrentIndex(i)
                return panel
        panel = meetings(self._ctx)
        panel.case_activated.connect(self.open_case)
        self.workspace.setCurrentIndex(self.workspace.addTab(panel, panel.title.text()))
        return panel

    def show_dashboard(self) -> DashboardPanel | None:
        if self.is_locked or not self._ctx.may(Action.VIEW_DASHBOARD):
            return None
        dashboard = load("reviewdesk.ui.dashboard.panel").DashboardPanel  # type: ignore[attr-defined]
        panel = self._show_screen(dashboard)
        assert isinstance(panel, dashboard)
        return panel

    def show_admin(self) -> AdminPanel | None:
        if self.is_locked or not self._ctx.may(Action.ADMINISTER_USERS):
            return None
        admin = load("reviewdesk.ui.admin.panel").AdminPanel  # type: ignore[attr-defined]
        panel = self._show_screen(admin)
        assert isinstance(panel, admin)
        return panel

    def _show_screen(self, cls: type) -> QWidget:
        """The open tab of a screen class, or a new one (screens built from the context alone)."""
        for i in range(self._fixed_tabs, self.workspace.count()):
            if isinstance(self.workspace.widget(i), cls):
                self.workspace.setCurrentIndex(i)
                return self.workspace.widget(i)
        panel = cls(self._ctx)
        self.workspace.setCurrentIndex(self.workspace.addTab(panel, panel.title.text()))
        return panel

    def start_backup(self) -> bool:
        """File > Back up: the administration's backups tab, which shows the progress."""
        if self.is_locked or not self._ctx.may(Action.BACKUP):
            return False
        panel = self.show_admin()
        if panel is None:
            return False
        panel.tabs.setCurrentWidget(panel.backups)
        return panel.backups.start_backup()

    def show_register_dialog(self) -> RegisterCaseDialog | None:
        if self.is_locked or not self._ctx.may(Action.REGISTER_CASE):
            return None
        register: type[RegisterCaseDialog] = load(
            "reviewdesk.ui.dialogs.register_case").RegisterCaseDialog  # type: ignore[attr-defined]
        dialog = register(self._ctx, self)
        dialog.case_registered.connect(self.open_case)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # not exec(): the lock must be able to hide it without ending it
        return dialog

    def refresh(self) -> None:
        if self.is_locked:
            return
        self.case_list.refresh()
        if self.assignments is not None:
            self.assignments.refresh()
        if self.attention is not None:
            self.attention.refresh()
        current = self.workspace.currentWidget()
        if _instance_of(current, "reviewdesk.ui.case_view.panel", "CaseViewPanel"):
            current.load()  # type: ignore[attr-defined]
        elif any(_instance_of(current, module, name) for module, name in _SCREENS):
            current.refresh()  # type: ignore[attr-defined]

    def _on_find_triggered(self) -> None:
        if self.is_locked:
            return
        self.workspace.setCurrentWidget(self.case_list)
        self.case_list.focus_search()

    # Settings ----------------------------------------------------------------------------

    def _set_language(self, code: str) -> None:
        self._ctx.settings.language = code
        for c in ("ja", "en"):
            self.actions[f"language_{c}"].setChecked(c == code)
        self._ctx.prompts.info(self, self.tr("Language"),
                               self.tr("The language changes when ReviewDesk is started again."))

    def _on_idle_minutes_triggered(self) -> None:
        text = self._ctx.prompts.ask_text(self, self.tr("Idle lock"),
                                          self.tr("Lock after this many idle minutes (1–240):"),
                                          str(self._ctx.settings.idle_minutes))
        if text is None:
            return
        try:
            minutes = int(text.strip())
        except ValueError:
            minutes = 0
        if not 1 <= minutes <= 240:
            self._ctx.prompts.error(self, self.tr("Idle lock"),
                                    self.tr("Enter a number of minutes from 1 to 240."))
            return
        self._ctx.settings.idle_minutes = minutes
        self.idle.set_interval(minutes * 60_000)

    # Lock --------------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.stack.currentWidget() is self.lock_screen

    def lock(self) -> None:
        """Covers everything; open dialogs are hidden (not closed), so nothing typed is lost."""
        if self.is_locked:
            return
        self.idle.stop()
        self._hidden_windows = [w for w in QApplication.topLevelWidgets()
                                if w is not self and w.isVisible() and w.isWindow()
                                and w.windowType() != Qt.WindowType.ToolTip]
        for w in self._hidden_windows:
            w.hide()
        self.menuBar().setEnabled(False)
        self.toolbar.setEnabled(False)
        self.stack.setCurrentWidget(self.lock_screen)
        self.lock_screen.reset()
        self.locked.emit()

    def revoke(self, message: str) -> None:
        """The account was disabled or its role changed: locked, and no password opens it."""
        self.lock()
        self.lock_screen.revoke(message)

    def unlock(self) -> None:
        if not self.is_locked or self.lock_screen.revoked:
            return
        self.stack.setCurrentWidget(self.workspace)
        self.menuBar().setEnabled(True)
        self.toolbar.setEnabled(True)
        for w in self._hidden_windows:
            w.show()
        self._hidden_windows = []
        self.idle.start()
        self.unlocked.emit()
