"""`python -m benchmarks.login`: how long a refused login takes, for a wrong password and for a
user name that does not exist. The two should be alike (the time must not reveal user names)."""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import measures
from benchmarks.measures import DEMO_PASSWORD, DEMO_USER, Row


def _refusal_ms(vault: object, username: str, password: str) -> float:
    from reviewdesk.auth.users import LoginFailed, authenticate

    start = time.perf_counter()
    with contextlib.suppress(LoginFailed):
        authenticate(vault, username, password)  # type: ignore[arg-type]
    return (time.perf_counter() - start) * 1000


def login_timing_rows(work: Path | None = None, rounds: int = 15) -> list[Row]:
    """Medians of refused logins at the real argon2id cost, taken in turns so drift hits both.

    Five wrong passwords lock an account, so a fresh account takes every four.
    """
    from reviewdesk.auth.users import authenticate, bootstrap_admin, create_user
    from reviewdesk.store.vault import Vault

    work = work or Path(tempfile.mkdtemp(prefix="reviewdesk-login-"))
    path = work / "login-timing.rdvault"
    wrong, unknown = [], []
    with Vault.create(path) as vault:
        bootstrap_admin(vault, DEMO_USER, "事務局", DEMO_PASSWORD)
        admin = authenticate(vault, DEMO_USER, DEMO_PASSWORD)
        _refusal_ms(vault, "warm-up", "x")  # the first unknown name makes the dummy hash
        target = ""
        for n in range(rounds):
            if n % 4 == 0:
                target = f"target{n}"
                create_user(vault, admin, target, "計測用", "auditor", DEMO_PASSWORD)
            wrong.append(_refusal_ms(vault, target, "wrong password"))
            unknown.append(_refusal_ms(vault, f"nobody{n}", "wrong password"))
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    wrong_ms, unknown_ms = statistics.median(wrong), statistics.median(unknown)
    return [
        (f"refused login, wrong password (median of {rounds})", f"{wrong_ms:.1f}", "ms"),
        (f"refused login, unknown user name (median of {rounds})", f"{unknown_ms:.1f}", "ms"),
        ("ratio unknown user name / wrong password", f"{unknown_ms / wrong_ms:.2f}", "x"),
    ]


def main() -> int:
    os.environ.setdefault("REVIEWDESK_PASSPHRASE", "benchmark-only-passphrase")
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    measures.print_rows("ReviewDesk login timing", login_timing_rows())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
