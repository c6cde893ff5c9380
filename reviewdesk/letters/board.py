"""The board settings: the association's name, address and seal, and who signs its letters.

Kept in the vault's `settings` table under `board.*` keys and edited by the secretariat on the
administration screen. A key the vault does not hold yet reads as its default from
resources/letters/association.toml, so vaults made before these settings (and the demo) keep
printing what they printed; association.toml is read for nothing else about the association.
Letters take these values when they are issued (issuing.py); a signed letter keeps the ones it
was signed with.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.cases.concurrency import require_fields_unchanged
from reviewdesk.errors import InputError
from reviewdesk.letters.content import Sender
from reviewdesk.letters.inputs import Signatory
from reviewdesk.letters.templates import load_association
from reviewdesk.store.models import Setting
from reviewdesk.store.vault import Vault
from reviewdesk.text_fields import TextField, clean_text

KEY_PREFIX = "board."

# The signatories a letter template may name (`signatory = "..."`): the ones the templates use.
SIGNATORIES = ("representative", "board_chair", "secretariat")


@dataclass(frozen=True)
class BoardField(TextField):
    """One setting: its name on BoardSettings, its labels, and its longest accepted value
    (one line each, cleaned by text_fields.clean_text like every other free-text field)."""

    @property
    def key(self) -> str:
        """Its key in the vault's settings table, e.g. board.representative_name."""
        return KEY_PREFIX + self.name


FIELDS: tuple[BoardField, ...] = (
    BoardField("name", "団体名", "association name", 60),
    BoardField("postal_code", "郵便番号", "postal code", 8),
    BoardField("address", "所在地", "address", 80),
    BoardField("phone", "電話番号", "phone", 20),
    BoardField("seal", "角印の文字", "seal text", 30),
    BoardField("representative_title", "代表者の役職", "representative's title", 20),
    BoardField("representative_name", "代表者の氏名", "representative's name", 30),
    BoardField("board_chair_title", "審査会委員長の役職", "board chair's title", 20),
    BoardField("board_chair_name", "審査会委員長の氏名", "board chair's name", 30),
    BoardField("secretariat_title", "事務局長の役職", "secretariat head's title", 20),
    BoardField("secretariat_name", "事務局長の氏名", "secretariat head's name", 30),
    BoardField("contact_name", "担当者（部署・氏名）", "contact person", 40),
    BoardField("contact_phone", "担当者の直通電話", "contact's direct line", 20),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)
_BY_NAME = {f.name: f for f in FIELDS}

_POSTAL = re.compile(r"\d{3}-\d{4}")
_PHONE = re.compile(r"\d[\d-]*\d")
_SEAL_COLUMNS, _SEAL_ROWS = 4, 5


@dataclass(frozen=True)
class BoardSettings:
    """What letters print about the association. seal: the seal's columns, read right to left,
    separated by spaces (日本美容 医療賠償 共済会印)."""

    name: str
    postal_code: str
    address: str
    phone: str
    seal: str
    representative_title: str
    representative_name: str
    board_chair_title: str
    board_chair_name: str
    secretariat_title: str
    secretariat_name: str
    # Who answers questions about a letter; printed on every letter to a member.
    contact_name: str = ""
    contact_phone: str = ""

    @property
    def seal_columns(self) -> tuple[str, ...]:
        return tuple(self.seal.split())

    def values(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FIELD_NAMES}

    def signatory(self, which: str) -> Signatory:
        """The title and name of one of SIGNATORIES, as a letter template names it."""
        if which not in SIGNATORIES:
            raise InputError(f"unknown signatory '{which}' (known: {', '.join(SIGNATORIES)})",
                             ja=f"通知書のひな形の署名者「{which}」は審査会の設定にありません")
        return Signatory(getattr(self, f"{which}_title"), getattr(self, f"{which}_name"))

    def sender(self, signatory: Signatory) -> Sender:
        """The association signing as the given person."""
        return Sender(name=self.name, postal_code=self.postal_code, address=self.address,
                      phone=self.phone, signatory_title=signatory.title,
                      signatory_name=signatory.name, seal_columns=self.seal_columns,
                      contact_name=self.contact_name, contact_phone=self.contact_phone)


def defaults(directory: Path | None = None) -> BoardSettings:
    """The values of association.toml (resources/letters/ or another folder): what a vault
    holds before the secretariat saves its own."""
    association = load_association(directory)
    data: Mapping[str, Any] = association.data
    try:
        people = data["signatories"]
        values = {"name": data["name"], "postal_code": data["postal_code"], "address": data["address"],
                  "phone": data["phone"], "seal": " ".join(str(c) for c in data["seal_columns"])}
        contact = data.get("contact", {})
        values["contact_name"] = contact.get("name", "事務局")
        values["contact_phone"] = contact.get("phone", data["phone"])
        for which in SIGNATORIES:
            values[f"{which}_title"] = people[which]["title"]
            values[f"{which}_name"] = people[which]["name"]
    except (KeyError, TypeError) as exc:
        name = association.path.name
        raise InputError(f"{name}: missing or malformed entry {exc}",
                         ja=f"{name} の項目 {exc} がないか、書式に誤りがあります") from exc
    return BoardSettings(**{k: str(v) for k, v in values.items()})


def load(session: Session) -> BoardSettings:
    """The vault's board settings, defaults filling what it does not hold (no permission check:
    for the services here and the letters, after their own)."""
    stored = dict(session.execute(sa.select(Setting.key, Setting.value)
                                  .where(Setting.key.like(KEY_PREFIX + "%"))).all())
    base = defaults()
    return dataclasses.replace(base, **{f.name: stored[f.key] for f in FIELDS if f.key in stored})


def board_settings(vault: Vault, actor: Actor) -> BoardSettings:
    """The board settings as letters will print them; for everyone who reads all cases."""
    with read(vault, actor, Action.READ_ALL_CASES) as session:
        return load(session)


def update_board_settings(vault: Vault, actor: Actor, values: Mapping[str, str],
                          loaded: BoardSettings | None = None) -> BoardSettings:
    """Saves the given fields (names from FIELD_NAMES; the others keep their value), audited
    with each changed field's old and new value. Only the secretariat; new letters only.
    `loaded`: the settings the form showed; a field changed at another seat since is refused
    (StaleEdit), fields only the other seat changed are kept."""
    unknown = sorted(set(values) - set(FIELD_NAMES))
    if unknown:
        raise InputError(f"unknown board setting '{unknown[0]}'",
                         ja=f"審査会の設定に「{unknown[0]}」という項目はありません")
    cleaned = {name: _clean(_BY_NAME[name], value) for name, value in values.items()}
    with write(vault, actor, Action.ADMINISTER_BOARD) as uow:
        session = uow.session
        current = load(session)
        require_fields_unchanged("board settings", cleaned, loaded.values() if loaded else None,
                                 current.values())
        changed = {name: value for name, value in cleaned.items() if getattr(current, name) != value}
        if not changed:
            raise InputError("nothing to save: the board settings are unchanged",
                             ja="審査会の設定に変更がありません")
        for name, value in changed.items():
            key = _BY_NAME[name].key
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=value))
            else:
                row.value = value
        session.flush()
        uow.audit("board.update", "settings", None, detail={
            "changed": {name: {"from": getattr(current, name), "to": value}
                        for name, value in changed.items()}})
        return dataclasses.replace(current, **changed)


def _clean(field: BoardField, value: object) -> str:
    """The value as stored: trimmed, spaces collapsed; refused with the field's name if wrong."""
    if not isinstance(value, str):
        raise InputError(f"{field.en}: must be text", ja=f"{field.ja}は文字で入力してください")
    # Runs of white space (full-width spaces, line breaks, tabs) become one ordinary space.
    text = clean_text(" ".join(value.split()), field)
    if not text:
        raise InputError(f"{field.en}: required", ja=f"{field.ja}を入力してください")
    if field.name in ("postal_code", "phone", "contact_phone"):
        text = unicodedata.normalize("NFKC", text).replace("－", "-").replace("‐", "-")
        text = text.replace("ー", "-").replace(" ", "")
    if field.name == "postal_code" and not _POSTAL.fullmatch(text):
        raise InputError(f"{field.en}: write it as 123-4567",
                         ja="郵便番号は「123-4567」の形（数字7桁）で入力してください")
    if field.name in ("phone", "contact_phone") and not _PHONE.fullmatch(text):
        raise InputError(f"{field.en}: digits and hyphens only, e.g. 03-1234-5678",
                         ja="電話番号は数字とハイフンで入力してください（例：03-1234-5678）")
    if field.name == "seal":
        columns = text.split()
        if len(columns) > _SEAL_COLUMNS or any(len(c) > _SEAL_ROWS for c in columns):
            raise InputError(
                f"{field.en}: at most {_SEAL_COLUMNS} columns of at most {_SEAL_ROWS} characters, "
                f"separated by spaces",
                ja=f"角印の文字は、空白で区切って{_SEAL_COLUMNS}列まで、"
                   f"1列{_SEAL_ROWS}文字までで入力してください")
    return text
