"""The vault's schema version: what the file has, what this application ships, and upgrading."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from reviewdesk.errors import VaultError

if TYPE_CHECKING:
    from alembic.config import Config

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?(\w+)['\"]?", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


@functools.cache
def _graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration files without importing Alembic
    (opening a vault that needs no upgrade should not pay for it)."""
    graph: dict[str, str | None] = {}
    for path in sorted((_MIGRATIONS / "versions").glob("*.py")):
        found = dict((k, v) for k, v in _REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            down = found.get("down_revision")
            graph[found["revision"]] = None if down in (None, "None") else down
    return graph


def head_revision() -> str:
    graph = _graph()
    heads = set(graph) - {down for down in graph.values() if down}
    assert len(heads) == 1, f"migrations must form one line, found heads {sorted(heads)}"
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_graph())


def current_revision(dbapi_conn: Any) -> str | None:
    """The file's revision (read on a bare DB-API connection); None with no ReviewDesk schema."""
    has_table = dbapi_conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = dbapi_conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def check_compatible(revision: str | None, path: Path | str, *, empty_ok: bool) -> None:
    """path: the vault file, or the server's display name."""
    name = path.name if isinstance(path, Path) else path
    if revision is None and not empty_ok:
        raise VaultError(f"{path}: not a ReviewDesk vault (no ReviewDesk schema inside)",
                         ja=f"{name} はReviewDeskの保管庫ではありません")
    if revision is not None and revision not in known_revisions():
        raise VaultError(
            f"{path}: this vault was written by a newer version of ReviewDesk "
            f"(schema {revision}); update ReviewDesk to open it",
            ja=f"{name} は新しい版のReviewDeskで作られています。ReviewDeskを更新してから開いてください",
        )


def upgrade(engine: sa.Engine, target: str = "head") -> None:
    """Applies migrations in one transaction (on a file: an engine opened with foreign keys off;
    PostgreSQL's DDL is transactional too)."""
    from alembic import command

    config = alembic_config()
    with engine.connect() as conn:
        conn.commit()  # PRAGMAs autobegan a transaction; BEGIN our own (recipes.md 1f)
        with conn.begin():
            config.attributes["connection"] = conn
            command.upgrade(config, target)
            if conn.dialect.name != "sqlite":
                return  # PostgreSQL checks every reference as it is written
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:  # raising here rolls the whole upgrade back
                raise VaultError(
                    f"the schema upgrade would leave {len(problems)} broken references; "
                    "vault left unchanged",
                    ja=f"更新すると{len(problems)}件の参照が壊れるため、保管庫を更新しませんでした",
                )
