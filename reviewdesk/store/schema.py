"""The vault's schema version: what the file has, what this application ships, and upgrading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from reviewdesk.errors import VaultError

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(dbapi_conn: Any) -> str | None:
    """The file's revision (read on a bare DB-API connection); None with no ReviewDesk schema."""
    has_table = dbapi_conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = dbapi_conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def check_compatible(revision: str | None, path: Path, *, empty_ok: bool) -> None:
    if revision is None and not empty_ok:
        raise VaultError(f"{path}: not a ReviewDesk vault (no ReviewDesk schema inside)")
    if revision is not None and revision not in known_revisions():
        raise VaultError(
            f"{path}: this vault was written by a newer version of ReviewDesk "
            f"(schema {revision}); update ReviewDesk to open it"
        )


def upgrade(engine: sa.Engine, target: str = "head") -> None:
    """Applies migrations in one transaction on an engine opened with foreign keys off."""
    config = alembic_config()
    with engine.connect() as conn:
        conn.commit()  # PRAGMAs autobegan a transaction; BEGIN our own (recipes.md 1f)
        with conn.begin():
            config.attributes["connection"] = conn
            command.upgrade(config, target)
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:  # raising here rolls the whole upgrade back
                raise VaultError(
                    f"the schema upgrade would leave {len(problems)} broken references; "
                    "vault left unchanged"
                )
