"""A throwaway PostgreSQL cluster in a folder, for the tests, the benchmarks and trying server
mode on one machine: Debian's server binaries, a Unix socket only, started as an ordinary user
(PostgreSQL refuses to run as root; as root the cluster runs as the `postgres` system user).

Not used by the application itself: a real board runs its own server (README, "Server mode").
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from reviewdesk.errors import VaultError

SUPERUSER = "postgres"
# Member logins authenticate with SCRAM on the socket as on TCP; the superuser that created
# the cluster is trusted on the socket only (it is the tests' and the DBA's door).
HBA = f"""\
local all {SUPERUSER} trust
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
host all all ::1/128 scram-sha-256
"""


def server_binaries() -> Path:
    """Debian's newest installed PostgreSQL server binaries."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"),
                      key=lambda p: int(p.parent.parent.name))
    if not versions:
        raise VaultError("PostgreSQL is not installed (apt-get install postgresql)",
                         ja="PostgreSQLがインストールされていません")
    return versions[-1].parent


class Cluster:
    """initdb, start and stop a cluster in its own folder; `url(db)` connects as the superuser."""

    def __init__(self, folder: Path | None = None, *, port: int = 5432, tcp: bool = False,
                 tls: tuple[bytes, bytes] | None = None) -> None:
        """tcp: also listen on 127.0.0.1; tls: (certificate PEM, key PEM) to serve TLS with."""
        # The socket path must stay under 107 bytes, and the `postgres` user must reach it:
        # a short folder of its own under /tmp, not pytest's deep, root-only tmp_path.
        self.folder = Path(folder or tempfile.mkdtemp(prefix="rdpg-"))
        self.data = self.folder / "data"
        self.socket_dir = self.folder
        self.port = port
        self.tcp = tcp
        self.tls = tls
        self._bin = server_binaries()
        self._as: list[str] = []
        if os.geteuid() == 0:
            self._as = ["runuser", "-u", SUPERUSER, "--"]
            entry = pwd.getpwnam(SUPERUSER)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        os.chmod(self.folder, 0o755)  # the socket must be reachable by the tests' own user
        if not (self.folder / "owner.pid").exists():
            (self.folder / "owner.pid").write_text(str(os.getpid()))

    @classmethod
    def reap_orphans(cls) -> None:
        """Stops and removes the throwaway clusters of processes that died without doing so
        (a test run killed by a timeout, say): each folder names the process that made it."""
        for folder in Path(tempfile.gettempdir()).glob("rdpg-*"):
            try:
                pid = int((folder / "owner.pid").read_text())
                os.kill(pid, 0)
                continue  # its owner still runs
            except ProcessLookupError:
                pass
            except (OSError, ValueError):
                continue  # not ours to judge
            cls(folder).remove()

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, timeout=120)

    def start(self) -> Cluster:
        if not self.data.exists():
            # C.UTF-8 ctype: pg_trgm extracts trigrams from Japanese only in a UTF-8 locale.
            self._run(str(self._bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                      "-E", "UTF8", "--locale=C.UTF-8", "--auth=trust", "--no-sync")
            (self.data / "pg_hba.conf").write_text(HBA, encoding="utf-8")
        listen = "127.0.0.1" if self.tcp else ""
        tls_options = ""
        if self.tls:
            for name, pem in zip(("server.crt", "server.key"), self.tls, strict=True):
                path = self.data / name
                path.write_bytes(pem)
                path.chmod(0o600)  # PostgreSQL refuses a key others can read
                if self._as:
                    entry = pwd.getpwnam(SUPERUSER)
                    os.chown(path, entry.pw_uid, entry.pw_gid)
            tls_options = " -c ssl=on"
        # Throwaway: fsync off, small shared memory, no background noise.
        options = (f"-k {self.socket_dir} -p {self.port} -c listen_addresses='{listen}' "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c shared_buffers=32MB -c max_connections=200 -c password_encryption=scram-sha-256"
                   + tls_options)
        self._run(str(self._bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
                  "-o", options, "-w", "-t", "60", "start")
        return self

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run([*self._as, str(self._bin / "pg_ctl"), "-D", str(self.data), "-m",
                            "immediate", "-w", "stop"], check=False, capture_output=True, timeout=60)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return (f"postgresql://{quote(user)}@/{quote(database)}"
                f"?host={quote(str(self.socket_dir), safe='')}&port={self.port}")

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while subprocess.run([str(self._bin / "pg_isready"), "-h", str(self.socket_dir), "-p",
                              str(self.port)], capture_output=True).returncode != 0:
            if time.monotonic() > deadline:
                raise VaultError("the PostgreSQL cluster did not start", ja="PostgreSQLが起動しません")
            time.sleep(0.05)
