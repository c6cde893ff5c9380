"""Files written outside the vault (exports, backups): owner-only, named from checked parts.

What leaves the encrypted vault is still about patients, so it gets the vault's own
permissions whatever the umask: files 0600, folders made for it 0700. A folder the user
chose and that already exists is left as it is. A file name built from what the vault holds
(a case or letter number) is checked first: a number planted with a '/', '..' or a control
character must not send a file outside the folder chosen, or make a name that misleads.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path

from reviewdesk.errors import InputError
from reviewdesk.text_fields import forbidden_character, printable

FILE_MODE = 0o600
FOLDER_MODE = 0o700
# Besides control characters: separators on any platform and what Windows forbids in names.
_UNSAFE = frozenset('/\\:*?"<>|')


def _chmod(path: Path, mode: int, fd: int | None = None) -> None:
    """Owner-only: the mode bits on POSIX; on Windows, where they mean nothing, an ACL."""
    if os.name == "posix":
        if fd is not None:
            os.fchmod(fd, mode)
        else:
            os.chmod(path, mode)
    elif os.name == "nt":
        _windows_owner_only(path, folder=mode == FOLDER_MODE)


def owner_only(path: Path, fd: int | None = None) -> None:
    """A file just created at path (open as fd, if given) made owner-only whatever the umask."""
    _chmod(Path(path), FILE_MODE, fd)


def _windows_owner_only(path: Path, *, folder: bool) -> None:
    """Replaces the inherited ACL with one entry: full control for the user running us.

    Protected, so the folder's entries (Users, Everyone on a shared drive) no longer apply;
    a folder's entry is inherited by what is made in it.
    """
    import ntsecuritycon
    import win32api
    import win32security

    token = win32security.OpenProcessToken(win32api.GetCurrentProcess(), win32security.TOKEN_QUERY)
    user = win32security.GetTokenInformation(token, win32security.TokenUser)[0]
    inherit = (win32security.OBJECT_INHERIT_ACE | win32security.CONTAINER_INHERIT_ACE) if folder else 0
    acl = win32security.ACL()
    acl.AddAccessAllowedAceEx(win32security.ACL_REVISION, inherit, ntsecuritycon.FILE_ALL_ACCESS, user)
    win32security.SetNamedSecurityInfo(
        str(path), win32security.SE_FILE_OBJECT,
        win32security.DACL_SECURITY_INFORMATION | win32security.PROTECTED_DACL_SECURITY_INFORMATION,
        None, None, acl, None)


def private_dir(path: Path) -> Path:
    """path as a folder; each folder made for it (missing parents too) is owner-only."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: not a folder", ja=f"{path} はフォルダではありません")
    missing = []
    parent = path
    while not parent.exists() and parent != parent.parent:
        missing.append(parent)
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(f"{parent}: not a folder", ja=f"{parent} はフォルダではありません")
    for folder in reversed(missing):
        try:
            os.mkdir(folder, FOLDER_MODE)
        except FileExistsError:
            if not folder.is_dir():  # a dangling link, or a file made meanwhile
                raise InputError(f"{folder}: not a folder", ja=f"{folder} はフォルダではありません") from None
            continue
        except OSError as exc:
            raise InputError(f"{folder}: cannot make the folder ({exc.strerror})",
                             ja=f"フォルダ {folder} を作れません（{exc.strerror}）") from None
        _chmod(folder, FOLDER_MODE)  # the umask may have taken bits away, never added: exact now
    return path


def write_private(path: Path, data: bytes | Iterable[bytes], *, replace: bool = False) -> Path:
    """Writes data (bytes, or parts written in turn: a document's chunks) to a new owner-only
    file at path; never follows a link planted there.

    Without replace an existing path is refused; with it (a save dialog that asked already)
    the bytes go to a new file beside it, which then takes the name.
    """
    path = Path(path)
    target = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial") if replace else path
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(target, flags, FILE_MODE)
    except FileExistsError:
        raise InputError(f"{path}: already exists; export into an empty folder",
                         ja=f"{path.name} はすでにあります。空のフォルダに書き出してください") from None
    try:
        _chmod(target, FILE_MODE, fd)
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, bytes | bytearray | memoryview):
                fh.write(data)
            else:
                for part in data:
                    fh.write(part)
        if replace:
            os.replace(target, path)
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    return path


@contextlib.contextmanager
def owner_only_umask() -> Iterator[None]:
    """For a command writing files through a library that takes a path (Qt saving a PNG):
    whatever it creates meanwhile is owner-only. The umask is the process's: CLI use only."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def name_part(value: str, en: str, ja: str) -> str:
    """value, checked to be used in a file name as it is: not empty, no path separator, no '..',
    no control character. en/ja name what it is ("case number", "事案番号") for the message."""
    bad = (not value or value in (".", "..") or ".." in value or any(c in _UNSAFE for c in value)
           or forbidden_character(value) is not None)
    if bad:
        shown = printable(value, multiline=False)
        raise InputError(
            f"{en} '{shown}' cannot be part of a file name (it is empty or holds '/', '\\', '..', "
            "':' or a control character); nothing was written",
            ja=f"{ja}「{shown}」はファイル名に使えない文字を含むため、書き出しませんでした")
    return value
