"""Turns exceptions into one plain sentence for a dialog, in the interface's language; never a traceback."""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication

from reviewdesk.errors import ReviewDeskError

log = logging.getLogger(__name__)


def login_failure_message(message: str) -> str:
    """LoginFailed speaks English for scripts; the desktop names the situation itself."""
    if "disabled" in message:
        return QCoreApplication.translate("Messages", "This account is disabled. Please ask the secretariat.")
    if "locked" in message:
        minutes = re.search(r"(\d+) minutes", message)
        if minutes:
            return QCoreApplication.translate(
                "Messages",
                "This account is locked after repeated wrong passwords. "
                "Try again in %1 minutes.",
            ).replace("%1", minutes.group(1))
        return QCoreApplication.translate(
            "Messages", "This account is locked after repeated wrong passwords. Try again later."
        )
    return QCoreApplication.translate("Messages", "The user name or the password is wrong.")


def vault_failure_message(exc: BaseException) -> str:
    from reviewdesk.store.engine import WrongKeyError
    from reviewdesk.store.keys import KeyUnavailable

    if isinstance(exc, KeyUnavailable):
        return QCoreApplication.translate(
            "Messages",
            "The key of this vault was not found. Enter the vault's passphrase, "
            "or open it on the computer whose keyring holds its key.",
        )
    if isinstance(exc, WrongKeyError):
        return QCoreApplication.translate(
            "Messages", "The key or passphrase does not open this file, or it is not a vault."
        )
    text = str(exc)
    if "in use by another" in text:
        return QCoreApplication.translate(
            "Messages", "The vault is in use by another ReviewDesk window or process."
        )
    if "no vault there" in text:
        return QCoreApplication.translate("Messages", "There is no vault at this path.")
    if "already there" in text:
        return QCoreApplication.translate(
            "Messages", "A file already exists at this path; choose another name."
        )
    if "not a ReviewDesk vault" in text:
        return QCoreApplication.translate("Messages", "This file is not a ReviewDesk vault.")
    if "damaged" in text:
        return QCoreApplication.translate("Messages", "The vault is damaged. Restore it from a backup.")
    return QCoreApplication.translate("Messages", "The vault could not be opened: %1").replace("%1", text)


def user_message(exc: BaseException, lang: str = "ja") -> str:
    """What a dialog says about a failed action."""
    from reviewdesk.auth.users import LoginFailed
    from reviewdesk.errors import VaultError

    if isinstance(exc, LoginFailed):
        return login_failure_message(str(exc))
    if isinstance(exc, VaultError) and (exc.ja == str(exc) or lang != "ja"):
        # The English interface keeps its own plain wording rather than the CLI's message.
        return vault_failure_message(exc)
    if isinstance(exc, ReviewDeskError):
        return exc.ja if lang == "ja" else str(exc)
    if isinstance(exc, OSError):
        return QCoreApplication.translate("Messages", "The file could not be read or written: %1").replace(
            "%1", exc.strerror or type(exc).__name__)
    # Unexpected: the type only, never the message (it may quote patient data) or a traceback.
    log.error("unexpected failure: %s", type(exc).__name__)
    return QCoreApplication.translate(
        "Messages", "An unexpected error occurred (%1). The action was not completed."
    ).replace("%1", type(exc).__name__)
