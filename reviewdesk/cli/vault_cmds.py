"""`reviewdesk init`, `backup`, `restore`, `check` and `audit verify`: commands on the vault as a whole."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reviewdesk.cli.common import add_vault_argument, open_vault, read_secret
from reviewdesk.errors import InputError
from reviewdesk.store.location import is_server


def register(subparsers: Any) -> None:
    init = subparsers.add_parser("init", help="create an empty vault and its first administrator")
    add_vault_argument(init)
    init.add_argument("--admin-name", help="user name of the first administrator (secretariat)")
    init.add_argument("--admin-display-name", help="full name shown in the application")
    init.add_argument("--admin-password-file", type=Path,
                      help="file whose first line is the administrator's password")
    init.set_defaults(handler=_init)

    backup = subparsers.add_parser(
        "backup", help="write a verified, encrypted copy of the vault (of a server: its pg_dump, "
                       "sealed with the vault key machinery; run as the database's owner)")
    add_vault_argument(backup)
    backup.add_argument("--out", required=True, type=Path, help="the backup file to write")
    backup.add_argument("--user", help="act as this user: the secretariat's permission is checked "
                                       "and the backup is recorded in the audit trail")
    backup.set_defaults(handler=_backup)

    restore = subparsers.add_parser(
        "restore", help="restore a vault from a backup (a server's: into a new, empty database, "
                        "as its owner; then granted and verified as by 'server init' and 'check')")
    restore.add_argument("--backup", required=True, type=Path, help="the backup file")
    add_vault_argument(restore)
    restore.add_argument("--force", action="store_true", help="replace an existing vault")
    restore.set_defaults(handler=_restore)

    check = subparsers.add_parser(
        "check", help="check every page of the vault, its audit trail, every audited record "
                      "against the trail, and the trail against its anchors")
    add_vault_argument(check)
    check.add_argument("--anchors", type=Path, action="append", default=[], metavar="DIR",
                       help="a folder (or file) of letters, backup manifests, checkpoints or "
                            "archive exports to compare the trail with (repeatable); the letters "
                            "in the vault and the checkpoints beside it are always compared")
    check.add_argument("--trust", type=Path, action="append", default=[], metavar="CERT",
                       help="a certificate (PEM or DER) to trust for the anchors' signatures, "
                            "besides those registered in the vault")
    check.add_argument("--lang", choices=["ja", "en"], default="ja",
                       help="language of the report (default ja)")
    check.add_argument("--limit", type=int, default=50,
                       help="at most this many problems listed per kind (default 50)")
    check.set_defaults(handler=_check)

    audit = subparsers.add_parser("audit", help="the audit trail")
    audit_sub = audit.add_subparsers(metavar="ACTION", required=True)
    verify = audit_sub.add_parser("verify", help="check the audit trail's hash chain")
    add_vault_argument(verify)
    verify.set_defaults(handler=_audit_verify)


def _init(args: argparse.Namespace) -> int:
    from reviewdesk.auth.users import bootstrap_admin
    from reviewdesk.store.vault import Vault

    name = args.admin_name or _ask("Administrator user name")
    display = args.admin_display_name or name
    if args.admin_password_file:
        try:
            password = args.admin_password_file.read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError, UnicodeDecodeError) as exc:
            raise InputError(f"--admin-password-file: cannot read a password from it ({exc})") from exc
    else:
        password = read_secret("Administrator password")
        if read_secret("Repeat the password") != password:
            raise InputError("the passwords differ")
    with Vault.create(args.vault) as vault:
        try:
            bootstrap_admin(vault, name, display, password)
        except BaseException:
            vault.close()
            _remove_vault(args.vault)
            raise
        print(f"created vault {args.vault} (id {vault.vault_id}, key in the "
              f"{'OS keyring' if vault.key.source == 'keyring' else 'passphrase'}); "
              f"administrator: {name}")
    return 0


def _remove_vault(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise InputError(f"{prompt.lower()}: not given and no terminal to ask")
    value = input(f"{prompt}: ").strip()
    if not value:
        raise InputError(f"{prompt.lower()}: must not be empty")
    return value


def _backup(args: argparse.Namespace) -> int:
    # Without --user the key holder backs up (the key reads the file anyway); with it, the
    # same permission check and audit event as in the desktop application.
    from reviewdesk.auth.vault_admin import backup_vault
    from reviewdesk.cli.common import login
    from reviewdesk.letters.anchors import backup_manifest_path
    from reviewdesk.store.backup import backup

    if is_server(args.vault):
        return _backup_server(args)
    with open_vault(args.vault) as vault:
        if args.user:
            out = backup_vault(vault, login(vault, args.user), args.out)
        else:
            out = backup(vault, args.out)
    print(f"backup written and verified: {out}")
    manifest = backup_manifest_path(out)
    if manifest.exists():
        print(f"signed manifest (audit trail head): {manifest}")
    else:
        print("no signed manifest: the vault has no usable signer certificate on this machine")
    return 0


def _backup_server(args: argparse.Namespace) -> int:
    # As the database's owner (only it reads every row past row-level security); --user names
    # the secretariat member whose permission is checked and whom the trail records.
    from reviewdesk.auth.vault_admin import backup_vault
    from reviewdesk.cli.common import login
    from reviewdesk.store.sealed import unseal
    from reviewdesk.store.server_dump import DumpHead, dump

    with open_vault(args.vault) as vault:
        if args.user:
            backup_vault(vault, login(vault, args.user), args.out)
        else:
            dump(vault, args.out)
    with unseal(args.out) as sealed:
        head = DumpHead.from_metadata(args.out, sealed.metadata)
    print(f"backup written and verified: {args.out} (a sealed pg_dump; audit trail to event "
          f"{head.seq}, head {head.head[:16]}…)")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from reviewdesk.store.backup import restore

    if is_server(args.vault):
        return _restore_server(args)
    target = restore(args.backup, args.vault, force=args.force)
    print(f"restored {args.backup} to {target}")
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    from reviewdesk.auth.audit import verify_chain

    with open_vault(args.vault, anchors=False) as vault, vault.reading() as session:
        report = verify_chain(session)
    if report.intact:
        print(f"audit trail intact: {report.events} events")
        return 0
    print(f"audit trail broken at event {report.broken_event_id}: {report.reason}")
    return 1


def _check(args: argparse.Namespace) -> int:
    from reviewdesk.letters.vault_check import check_vault

    for folder in args.anchors:
        if not folder.exists():
            raise InputError(f"--anchors: {folder} does not exist")
    trust = []
    for cert in args.trust:
        try:
            trust.append(cert.read_bytes())
        except OSError as exc:
            raise InputError(f"--trust: cannot read {cert} ({exc.strerror})") from exc
    # Opened without anchor hooks: checking writes no checkpoint of what it checks.
    with open_vault(args.vault, anchors=False) as vault:
        report = check_vault(vault, args.anchors, trust)
    for line in report.lines(args.lang, max(args.limit, 1)):
        print(line)
    return 0 if report.ok else 1


def _restore_server(args: argparse.Namespace) -> int:
    from reviewdesk.auth.server_restore import restore_server
    from reviewdesk.cli.server_cmd import print_logins
    from reviewdesk.store.location import redact

    if args.force:
        raise InputError("--force: a server backup is restored into a new, empty database only",
                         ja="サーバーのバックアップは新しい空のデータベースにのみ復元できます")
    report = restore_server(args.backup, args.vault)
    print(f"restored {args.backup} to {redact(args.vault)}: audit trail intact to event "
          f"{report.head.seq}, {report.rows_checked:,} audited records as the trail recorded")
    if report.logins:
        print("members who had no login on this server:")
        print_logins(report.logins)
    return 0
