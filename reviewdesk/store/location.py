"""Where a vault lives: a file, or a PostgreSQL server named by a `postgresql://` URL.

Every place that takes a vault (`--vault`, the vault chooser) takes either; this module tells
them apart and holds the one rule for reaching a server: a Unix socket or the loopback on the
same machine, or TLS with the server's certificate verified (sslmode=verify-full).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from reviewdesk.errors import VaultError

URL_SCHEMES = ("postgresql://", "postgres://")
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

# Filesystems a vault file must not live on: SQLite's WAL needs every process on one host
# (sqlite.org/wal.html), and these are shared by several.
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "ceph",
    "glusterfs", "fuse.glusterfs", "lustre", "davfs", "fuse.davfs2", "fuse.rclone", "ncpfs",
})


def is_server(location: str | os.PathLike[str]) -> bool:
    return str(location).startswith(URL_SCHEMES)


def vault_location(text: str) -> Path | str:
    """What a user typed or passed as a vault: a file's path, or a server's URL kept as text
    (a Path would fold its '//')."""
    return text if is_server(text) else Path(text).expanduser()


def conninfo(url: str) -> dict[str, Any]:
    """The URL's connection parameters, checked: a remote server only over verified TLS."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        params = conninfo_to_dict(url)
    except Exception as exc:
        raise VaultError(f"{redact(url)}: not a valid PostgreSQL URL ({exc})",
                         ja="サーバーのURLの形式が正しくありません") from None
    if "password" in params:
        raise VaultError("a password must not be written in the server URL (it would be kept in "
                         "settings and shell history); it is asked for at login",
                         ja="サーバーのURLにパスワードを含めないでください。ログイン時に入力します")
    hosts = [h for h in str(params.get("host", "")).split(",") if h] or [""]
    remote = [h for h in hosts if h and not h.startswith("/") and h not in LOCAL_HOSTS]
    if remote and params.get("sslmode") != "verify-full":
        raise VaultError(
            f"{', '.join(remote)}: a server on another machine is reached only over TLS with its "
            "certificate verified: add sslmode=verify-full (and sslrootcert=<the board's CA file>) "
            "to the URL",
            ja=f"他のコンピューターのサーバー（{', '.join(remote)}）には、証明書を検証する暗号化接続"
               "（sslmode=verify-full）でのみ接続できます。URLに sslmode=verify-full と"
               "sslrootcert を指定してください")
    return params


def redact(url: str) -> str:
    """The URL without a password, for messages and logs."""
    head, sep, rest = url.partition("://")
    if not sep or "@" not in rest.split("/", 1)[0]:
        return url
    userinfo, at, tail = rest.partition("@")
    return f"{head}://{userinfo.split(':', 1)[0]}{at}{tail}"


def without_user(url: str) -> str:
    """The URL a member's seat connects with: no login in it (each member signs in with their
    own), so an administrator's URL never opens the desktop as the database's owner."""
    head, sep, rest = url.partition("://")
    if not sep or "@" not in rest.split("/", 1)[0]:
        return url
    return f"{head}://{rest.partition('@')[2]}"


def display_name(params: dict[str, Any]) -> str:
    host = str(params.get("host") or "localhost")
    host = "localhost" if host.startswith("/") else host
    return f"{params.get('dbname', '')}@{host}"


def mount_type(path: Path) -> str | None:
    """The filesystem type of the mount holding path (Linux: /proc/self/mounts), or None."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    target = path.resolve()
    best, kind = "", None
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].encode().decode("unicode_escape")
        if (target == Path(point) or Path(point) in target.parents) and len(point) > len(best):
            best, kind = point, fields[2]
    return kind


def refuse_network_filesystem(path: Path, kind: str | None = None) -> None:
    """A vault file on a network share would be corrupted by two hosts writing it at once."""
    kind = kind if kind is not None else mount_type(path.parent if not path.exists() else path)
    if kind in NETWORK_FILESYSTEMS:
        raise VaultError(
            f"{path}: the vault is on a network file system ({kind}); SQLite cannot be shared "
            "between machines safely. Copy it to a local disk, or move it onto a server "
            "('reviewdesk server import')",
            ja=f"{path.name} はネットワーク上のフォルダ（{kind}）にあります。保管庫を複数のコンピューターで"
               "共有すると壊れるため開けません。ローカルのディスクに置くか、サーバーモード"
               "（reviewdesk server import）をご利用ください")
