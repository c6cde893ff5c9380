"""The association's time-stamping authority: a board setting (URL, optional user name), its
password in the OS keyring like the signer's (letters/signer.py), kept inside the encrypted
vault only where no keyring works.

With a TSA, letters are issued at B-T and maintenance can keep them (letters/maintenance.py);
without one, or while it does not answer, letters are issued at B-B and say so."""

from __future__ import annotations

from dataclasses import dataclass

import keyring
import sqlalchemy as sa
from keyring.errors import KeyringError
from sqlalchemy.orm import Session

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.errors import InputError
from reviewdesk.letters.ltv import TsaConfig
from reviewdesk.store.keys import KEYRING_SERVICE, secure_keyring_available
from reviewdesk.store.models import Setting
from reviewdesk.store.vault import Vault

URL_KEY = "tsa.url"
USERNAME_KEY = "tsa.username"
PASSWORD_KEY = "tsa_password:default"  # only where no keyring works; never audited (digests.py)
MAX_URL = 300
MAX_USERNAME = 100


@dataclass(frozen=True)
class TsaSettings:
    """What the administration screen shows: never the password, only whether one is kept."""

    url: str
    username: str
    has_password: bool


def _account(vault: Vault) -> str:
    return f"{vault.vault_id}:tsa"


def _values(session: Session) -> dict[str, str]:
    return dict(session.execute(sa.select(Setting.key, Setting.value).where(
        Setting.key.in_((URL_KEY, USERNAME_KEY, PASSWORD_KEY)))).all())


def _keyring_password(vault: Vault) -> str | None:
    try:
        return keyring.get_password(KEYRING_SERVICE, _account(vault))
    except KeyringError:
        return None


def tsa_settings(vault: Vault, actor: Actor) -> TsaSettings:
    """The TSA settings for the administration screen."""
    with read(vault, actor, Action.ADMINISTER_BOARD) as session:
        values = _values(session)
    has_password = PASSWORD_KEY in values or (
        bool(values.get(USERNAME_KEY)) and _keyring_password(vault) is not None)
    return TsaSettings(values.get(URL_KEY, ""), values.get(USERNAME_KEY, ""), has_password)


def update_tsa_settings(vault: Vault, actor: Actor, url: str, username: str = "",
                        password: str | None = None) -> TsaSettings:
    """Saves the TSA's URL and user name (empty URL: no TSA, letters are issued at B-B).
    password None keeps the one kept; "" forgets it. Only the secretariat; audited."""
    url, username = url.strip(), username.strip()
    if (url and not url.startswith(("http://", "https://"))) or len(url) > MAX_URL or " " in url:
        raise InputError("TSA URL: write it as http://… or https://… (at most 300 characters)",
                         ja="タイムスタンプ局のURLは http:// または https:// で始めてください（300文字まで）")
    if len(username) > MAX_USERNAME:
        raise InputError("TSA user name: at most 100 characters",
                         ja="タイムスタンプ局のユーザー名は100文字までです")
    where = "unchanged"
    if password is not None:
        where = "keyring" if password and secure_keyring_available() else "vault"
        if where == "keyring":
            try:
                keyring.set_password(KEYRING_SERVICE, _account(vault), password)
            except KeyringError:
                where = "vault"
    with write(vault, actor, Action.ADMINISTER_BOARD) as uow:
        session = uow.session
        for key, value in ((URL_KEY, url), (USERNAME_KEY, username)):
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=value))
            else:
                row.value = value
        if password is not None:
            session.execute(sa.delete(Setting).where(Setting.key == PASSWORD_KEY))
            if password and where == "vault":
                session.add(Setting(key=PASSWORD_KEY, value=password))
        session.flush()
        uow.audit("board.tsa", "settings", None, detail={
            "url": url, "username": username,
            "password": where if password else ("forgotten" if password == "" else "unchanged")})
    return TsaSettings(url, username, bool(password) or (
        password is None and tsa_settings(vault, actor).has_password))


def load_tsa(vault: Vault, session: Session) -> TsaConfig | None:
    """For issuing and maintenance (after their own permission check): the TSA to ask, or None
    when the board has none configured."""
    values = _values(session)
    url = values.get(URL_KEY, "")
    if not url:
        return None
    username = values.get(USERNAME_KEY, "")
    password = values.get(PASSWORD_KEY) or (_keyring_password(vault) if username else None) or ""
    return TsaConfig(url, username, password)
