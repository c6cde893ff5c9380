"""Restoring a server vault's backup (a sealed pg_dump: store/server_dump.py; made by
vault_admin.backup_vault, or `reviewdesk backup` as the database's owner).

A restore goes into a new, empty database only; afterwards `server init` grants and polices
it again (the dump's own privileges are left out: the restoring server's roles may differ),
the trail is verified against the head the backup recorded, and every row against the trail.
Members without a login on the restoring server get one-time passwords (server_logins.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reviewdesk.auth import audit, server_security
from reviewdesk.auth.integrity import check_rows
from reviewdesk.auth.server_admin import init_server
from reviewdesk.auth.server_logins import IssuedLogin, issue_logins
from reviewdesk.errors import VaultError
from reviewdesk.store import schema
from reviewdesk.store.location import conninfo
from reviewdesk.store.sealed import unseal
from reviewdesk.store.server import ServerVault
from reviewdesk.store.server_dump import DumpHead, load


@dataclass(frozen=True)
class RestoreReport:
    head: DumpHead
    rows_checked: int
    logins: list[IssuedLogin]


def restore_server(backup_file: Path, url: str, env: Mapping[str, str] | None = None) -> RestoreReport:
    """The sealed dump into the empty database at url (named with its owner's login)."""
    backup_file = Path(backup_file)
    params = conninfo(url)
    if not params.get("user"):
        raise VaultError("restore connects as the database's owner: name that login in the URL "
                         "(postgresql://OWNER@host/database)",
                         ja="復元はデータベースの所有者として接続します。URLに所有者のログイン名を指定してください")
    target = ServerVault(url, params)
    with unseal(backup_file, env) as sealed:
        head = DumpHead.from_metadata(backup_file, sealed.metadata)
        schema.check_compatible(head.revision, backup_file, empty_ok=False)
        with target.connect_raw(autocommit=True) as conn:
            tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
                                  ).fetchone()[0]
            if tables:
                raise VaultError(
                    f"{target.display_name}: the database is not empty ({tables} tables); restore "
                    "into a new database (createdb), never over one in use",
                    ja=f"{target.display_name} は空ではありません。"
                       "新しいデータベースを作成して復元してください")
            server_security.ensure_groups(conn)  # the dump's policies name the group roles
        load(sealed, params, str(params["user"]), target.display_name)
    init_server(url, None, None)
    vault = ServerVault.open(url)
    try:
        with vault.reading() as session:
            chain = audit.verify_chain(session)
            rows = check_rows(session)
            last = audit.head(session)
        problem = (f"the audit trail is broken at event {chain.broken_event_id}" if not chain.intact
                   else f"the trail ends at event {last[0]}, the backup recorded {head.seq}"
                   if last != (head.seq, head.head)
                   else "the database's vault id is not the backup's" if vault.vault_id != head.vault_id
                   else f"{len(rows.problems)} rows differ from the trail" if rows.problems else None)
        if problem:
            raise VaultError(f"{vault.display_name}: restored, but {problem}; do not use it (drop "
                             "the database and restore another backup)",
                             ja=f"{vault.display_name} に復元しましたが、検証に失敗しました。使用せず、"
                                "別のバックアップから復元してください")
        logins = issue_logins(vault, only_missing=True)
    finally:
        vault.close()
    return RestoreReport(head, rows.rows, logins)
