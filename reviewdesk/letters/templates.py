"""Letter wording from resources/letters/*.toml, filled by string.Template from plain values."""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from reviewdesk.errors import InputError
from reviewdesk.letters.content import LetterKind
from reviewdesk.resources import resource_path

_cache: dict[tuple[Path, int, int], dict[str, Any]] = {}
_lock = threading.Lock()


def template_dir() -> Path:
    """The folder holding one template per letter kind and association.toml."""
    return resource_path("letters")


def _load_toml(path: Path) -> dict[str, Any]:
    # Keyed by mtime and size so the secretariat's edited wording is picked up without a restart.
    try:
        info = path.stat()
        stamp = (path, info.st_mtime_ns, info.st_size)
    except OSError as exc:
        raise InputError(f"letter template {path} cannot be read: {exc.strerror}",
                         ja=f"通知書のひな形 {path.name} を読み込めません") from exc
    with _lock:
        cached = _cache.get(stamp)
    if cached is not None:
        return cached
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"letter template {path} is not valid TOML: {exc}",
                         ja=f"通知書のひな形 {path.name} の書式（TOML）に誤りがあります") from exc
    with _lock:
        _cache[stamp] = data
    return data


def fill(text: str, values: Mapping[str, str], *, where: str = "template") -> str:
    """Substitute $name / ${name}; a placeholder the letter does not provide is an error, so a
    typo in edited wording never reaches a signed letter as a literal "$nmae"."""
    template = Template(text)
    if not template.is_valid():
        raise InputError(f"{where}: a '$' is neither a placeholder nor written as '$$'",
                         ja=f"通知書のひな形（{where}）の「$」が差し込み項目になっていません（文字の$は$$と書きます）")
    missing = sorted(set(template.get_identifiers()) - set(values))
    if missing:
        raise InputError(f"{where}: unknown placeholder ${missing[0]}",
                         ja=f"通知書のひな形（{where}）に不明な差し込み項目 ${missing[0]} があります")
    return template.substitute(values)


@dataclass(frozen=True)
class LetterTemplate:
    """One kind's wording: titles, paragraphs, labels, and per-outcome texts."""

    kind: LetterKind
    path: Path
    data: Mapping[str, Any]

    def raw(self, key: str) -> Any:
        """The value at a dotted key, e.g. "outcomes.liable.label"."""
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise InputError(f"letter template {self.path.name} has no '{key}'",
                                 ja=f"通知書のひな形 {self.path.name} に項目 {key} がありません")
            node = node[part]
        return node

    def has(self, key: str) -> bool:
        try:
            self.raw(key)
        except InputError:
            return False
        return True

    def text(self, key: str, values: Mapping[str, str] | None = None) -> str:
        """A filled single string."""
        raw = self.raw(key)
        if not isinstance(raw, str):
            raise InputError(f"letter template {self.path.name}: '{key}' must be a string",
                             ja=f"通知書のひな形 {self.path.name} の項目 {key} は文字列にしてください")
        return fill(raw, values or {}, where=f"{self.path.name} {key}")

    def texts(self, key: str, values: Mapping[str, str] | None = None) -> tuple[str, ...]:
        """A filled list of paragraphs (a single string counts as a one-item list)."""
        raw = self.raw(key)
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise InputError(f"letter template {self.path.name}: '{key}' must be a list of strings",
                             ja=f"通知書のひな形 {self.path.name} の項目 {key} は文字列の並びにしてください")
        return tuple(fill(x, values or {}, where=f"{self.path.name} {key}") for x in items)

    def label(self, name: str) -> str:
        """A field label from the [labels] table, e.g. label("case_number") -> 事案番号."""
        return self.text(f"labels.{name}")

    def choice(self, table: str, code: str) -> Mapping[str, Any]:
        """An entry of a code table such as [outcomes] or [reasons]; unknown codes are errors."""
        entries = self.raw(table)
        if not isinstance(entries, Mapping) or code not in entries:
            known = ", ".join(sorted(entries)) if isinstance(entries, Mapping) else ""
            raise InputError(f"unknown {table} code '{code}' (known: {known})",
                             ja=f"通知書のひな形の [{table}] に「{code}」はありません")
        return entries[code]


def load_template(kind: LetterKind | str, directory: Path | None = None) -> LetterTemplate:
    """The template for a kind, from resources/letters/<kind>.toml or another folder."""
    kind = LetterKind(kind)
    path = (directory or template_dir()) / f"{kind.value}.toml"
    return LetterTemplate(kind, path, _load_toml(path))


@dataclass(frozen=True)
class AssociationTemplate:
    """association.toml: the honorifics letters address with, and the defaults of the vault's board
    settings (the association's name, address, seal, signatories: reviewdesk.letters.board)."""

    path: Path
    data: Mapping[str, Any]

    @property
    def honorifics(self) -> Mapping[str, str]:
        try:
            table = self.data["honorifics"]
            return {"organisation": str(table["organisation"]), "person": str(table["person"])}
        except (KeyError, TypeError) as exc:
            raise InputError(f"{self.path.name}: missing [honorifics] entry {exc}",
                             ja=f"{self.path.name} の [honorifics] に項目 {exc} がありません") from exc

    def table(self, name: str) -> Mapping[str, Any]:
        """A table of association.toml such as [objection] or [notes]; empty when absent."""
        value = self.data.get(name, {})
        if not isinstance(value, Mapping):
            raise InputError(f"{self.path.name}: [{name}] must be a table",
                             ja=f"{self.path.name} の [{name}] の書式に誤りがあります")
        return value


def load_association(directory: Path | None = None) -> AssociationTemplate:
    """association.toml from resources/letters/ or another folder."""
    path = (directory or template_dir()) / "association.toml"
    return AssociationTemplate(path, _load_toml(path))

