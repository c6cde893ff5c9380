"""VaultChooserDialog: open a vault, create one (with its first administrator), or open the demo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.ui.messages import user_message
from reviewdesk.ui.prompts import Prompts
from reviewdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from reviewdesk.store.vault import Vault

# The core (SQLAlchemy, SQLCipher, keyring) is imported by the functions that open or create a
# vault, off the GUI thread: this dialog may be the first window of a start.

# Where scripts/demo puts the demo vault (README, "Demo").
DEMO_VAULT = Path.home() / "ReviewDesk" / "demo.rdvault"


def _key_env(passphrase: str) -> dict[str, str] | None:
    from reviewdesk.store.keys import PASSPHRASE_ENV

    # A typed passphrase goes to the core's key lookup as its mapping; otherwise the core
    # looks in the OS keyring (and its own environment variable) as usual.
    return {PASSPHRASE_ENV: passphrase} if passphrase else None


def open_vault(path: Path | str, passphrase: str = "") -> Vault:
    """A vault file, or a server (a `postgresql://` URL: its rules are checked now, the member
    connects with their own login at the login window)."""
    from reviewdesk.store.vault import Vault

    return Vault.open(path, _key_env(passphrase))


def create_vault(path: Path, passphrase: str, admin: str, admin_name: str, password: str) -> Vault:
    from reviewdesk.auth.users import bootstrap_admin
    from reviewdesk.store.vault import Vault

    vault = Vault.create(path, _key_env(passphrase))
    try:
        bootstrap_admin(vault, admin, admin_name, password)
    except BaseException:
        vault.close()
        raise
    return vault


class VaultChooserDialog(QDialog):
    """Accepted with `vault` set to the open vault."""

    vault_opened = Signal(object)
    """Emitted on the GUI thread with the opened Vault."""

    def __init__(self, tasks: TaskRunner, prompts: Prompts, lang: str = "ja",
                 path: Path | str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._prompts, self._lang = tasks, prompts, lang
        self.vault: Vault | None = None
        self.setWindowTitle(self.tr("ReviewDesk — choose a vault"))
        self.setMinimumWidth(560)
        heading = QLabel(self.tr("Which vault do you want to work in?"))
        heading.setStyleSheet("font-size: 13pt; font-weight: bold;")

        # Open
        self.open_path = QLineEdit(str(path) if isinstance(path, Path) else "")
        self.open_path.setObjectName("openPath")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.open_path, 1)
        row.addWidget(browse)
        self.open_passphrase = QLineEdit()
        self.open_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.open_passphrase.setPlaceholderText(self.tr("only if the vault uses a passphrase"))
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("openButton")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.demo_button = QPushButton(self.tr("Open the demo vault"))
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setToolTip(str(DEMO_VAULT))
        self.demo_button.setEnabled(DEMO_VAULT.exists())
        self.demo_button.clicked.connect(self._on_demo_clicked)
        open_tab = QWidget()
        open_form = QFormLayout(open_tab)
        open_form.addRow(self.tr("Vault file"), row)
        open_form.addRow(self.tr("Passphrase"), self.open_passphrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        open_form.addRow(buttons)

        # Create
        self.create_path = QLineEdit()
        self.create_path.setObjectName("createPath")
        save_as = QPushButton(self.tr("Choose…"))
        save_as.clicked.connect(self._on_save_as_clicked)
        create_row = QHBoxLayout()
        create_row.addWidget(self.create_path, 1)
        create_row.addWidget(save_as)
        self.create_passphrase = QLineEdit()
        self.create_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.create_passphrase.setPlaceholderText(self.tr("leave empty to keep the key in the OS keyring"))
        self.admin_user = QLineEdit("admin")
        self.admin_name = QLineEdit()
        self.admin_password = QLineEdit()
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_password2 = QLineEdit()
        self.admin_password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.create_button = QPushButton(self.tr("Create"))
        self.create_button.setObjectName("createButton")
        self.create_button.clicked.connect(self._on_create_clicked)
        create_tab = QWidget()
        create_form = QFormLayout(create_tab)
        create_form.addRow(self.tr("New vault file"), create_row)
        create_form.addRow(self.tr("Passphrase"), self.create_passphrase)
        create_form.addRow(self.tr("Administrator's user name"), self.admin_user)
        create_form.addRow(self.tr("Administrator's name"), self.admin_name)
        create_form.addRow(self.tr("Password"), self.admin_password)
        create_form.addRow(self.tr("Password again"), self.admin_password2)
        create_buttons = QHBoxLayout()
        create_buttons.addStretch(1)
        create_buttons.addWidget(self.create_button)
        create_form.addRow(create_buttons)

        # Connect to a server
        self.server_url = QLineEdit(path if isinstance(path, str) else "")
        self.server_url.setObjectName("serverUrl")
        self.server_url.setPlaceholderText("postgresql://db.example.jp/reviewdesk?sslmode=verify-full&sslrootcert=…")
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.setObjectName("connectButton")
        self.connect_button.clicked.connect(self._on_connect_clicked)
        server_tab = QWidget()
        server_form = QFormLayout(server_tab)
        server_note = QLabel(self.tr("The whole board works on one PostgreSQL server. Enter the "
                                     "address the secretariat gave you; you log in with your own "
                                     "name and password next."))
        server_note.setWordWrap(True)
        server_form.addRow(server_note)
        server_form.addRow(self.tr("Server address"), self.server_url)
        server_buttons = QHBoxLayout()
        server_buttons.addStretch(1)
        server_buttons.addWidget(self.connect_button)
        server_form.addRow(server_buttons)

        self.tabs = QTabWidget()
        self.tabs.addTab(open_tab, self.tr("Open a vault"))
        self.tabs.addTab(create_tab, self.tr("Create a vault"))
        self.tabs.addTab(server_tab, self.tr("Connect to a server"))
        if isinstance(path, str):
            self.tabs.setCurrentWidget(server_tab)
        self.error_label = QLabel()
        self.error_label.setObjectName("vaultError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a61b1b;")
        self.error_label.hide()
        cancel = QPushButton(self.tr("Quit"))
        cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)

    # Slots -------------------------------------------------------------------------------

    def _on_browse_clicked(self) -> None:
        from reviewdesk.store.vault import VAULT_SUFFIX

        path = self._prompts.open_path(self, self.tr("Open a vault"),
                                       self.tr("ReviewDesk vaults (*%1);;All files (*)")
                                       .replace("%1", VAULT_SUFFIX))
        if path:
            self.open_path.setText(str(path))

    def _on_save_as_clicked(self) -> None:
        from reviewdesk.store.vault import VAULT_SUFFIX

        path = self._prompts.save_path(self, self.tr("Create a vault"), "reviewdesk" + VAULT_SUFFIX,
                                       self.tr("ReviewDesk vaults (*%1)").replace("%1", VAULT_SUFFIX))
        if path:
            if not path.name.endswith(VAULT_SUFFIX):
                path = path.with_name(path.name + VAULT_SUFFIX)
            self.create_path.setText(str(path))

    def _on_open_clicked(self) -> None:
        text = self.open_path.text().strip()
        if not text:
            self._show_error(self.tr("Choose the vault file."))
            return
        path, passphrase = Path(text).expanduser(), self.open_passphrase.text()
        self._start(lambda: open_vault(path, passphrase))

    def _on_connect_clicked(self) -> None:
        from reviewdesk.store.location import is_server

        url = self.server_url.text().strip()
        if not is_server(url):
            self._show_error(self.tr("Enter the server's address, starting with postgresql://"))
            return
        self._start(lambda: open_vault(url))

    def _on_demo_clicked(self) -> None:
        self.open_path.setText(str(DEMO_VAULT))
        self._on_open_clicked()

    def _on_create_clicked(self) -> None:
        text = self.create_path.text().strip()
        if not text:
            self._show_error(self.tr("Choose where to create the vault."))
            return
        if self.admin_password.text() != self.admin_password2.text():
            self._show_error(self.tr("The two passwords differ."))
            return
        path = Path(text).expanduser()
        args = (self.create_passphrase.text(), self.admin_user.text().strip(),
                self.admin_name.text().strip(), self.admin_password.text())
        self._start(lambda: create_vault(path, *args))

    def _start(self, job: Callable[[], Vault]) -> None:
        self.error_label.hide()
        self.open_button.setEnabled(False)
        self.create_button.setEnabled(False)
        self.connect_button.setEnabled(False)
        self._tasks.submit(job, self._on_vault_ready, self._on_failed, self)

    def _on_vault_ready(self, vault: Vault) -> None:
        self.vault = vault
        self.vault_opened.emit(vault)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.create_button.setEnabled(True)
        self.connect_button.setEnabled(True)
        self._show_error(user_message(exc, self._lang))

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
