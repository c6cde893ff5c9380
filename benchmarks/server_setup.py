"""What the server benchmarks stand on: a cached demo vault, a throwaway cluster, the vault
imported onto it with `reviewdesk server import`, and the members' one-time passwords."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from reviewdesk.store.pg_cluster import HBA, Cluster

CACHE = Path(os.environ.get("REVIEWDESK_BENCH_CACHE", Path.home() / ".cache" / "reviewdesk-bench"))
DATABASE = "board"
OWNER = "postgres"


def cached_demo(cases: int) -> tuple[Path, float | None]:
    """The demo vault of `cases` cases, generated once (minutes for 100,000) and kept; the
    seconds its generation took, or None when it came from the cache. Its key is the
    benchmarks' passphrase (REVIEWDESK_PASSPHRASE)."""
    folder = CACHE / f"demo-{cases}"
    vault = folder / "demo.rdvault"
    if vault.exists():
        return vault, None
    building = CACHE / f"building-{cases}-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reviewdesk", "demo", "--vault", str(building / "demo.rdvault"),
                    "--cases", str(cases), "--no-gui"], check=True, stdout=subprocess.DEVNULL,
                   env=os.environ.copy())
    seconds = time.perf_counter() - start
    shutil.rmtree(folder, ignore_errors=True)
    building.rename(folder)  # whole, or not at all: an interrupted run leaves only building-*
    return vault, seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class DurableCluster(Cluster):
    """A throwaway cluster with a real server's durability (fsync and synchronous commit on,
    unlike the tests' cluster) and more shared memory, so commits cost what they cost a board."""

    def start(self) -> Cluster:
        if not self.data.exists():
            self._run(str(self._bin / "initdb"), "-D", str(self.data), "-U", OWNER, "-E", "UTF8",
                      "--locale=C.UTF-8", "--auth=trust")  # C.UTF-8: pg_trgm indexes Japanese
            (self.data / "pg_hba.conf").write_text(HBA, encoding="utf-8")
        listen = "127.0.0.1" if self.tcp else ""
        options = (f"-k {self.socket_dir} -p {self.port} -c listen_addresses='{listen}' "
                   "-c shared_buffers=256MB -c max_connections=200 -c password_encryption=scram-sha-256 "
                   # logged, for the report of what the server did while the seats ran
                   "-c log_checkpoints=on -c log_autovacuum_min_duration=0")
        self._run(str(self._bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
                  "-o", options, "-w", "-t", "120", "start")
        return self


def durable_cluster(tcp: bool) -> Cluster:
    # In an rdpg-* folder naming this process: if the run is killed, the tests' next start
    # (Cluster.reap_orphans) stops and removes it.
    return DurableCluster(port=free_port(), tcp=tcp).start()


@dataclass
class Board:
    """The imported board on a running cluster: the owner's URL, the seats' URL (no user: each
    seat signs in with its member's login) and each member's one-time password."""

    cluster: Cluster
    owner_url: str
    seat_url: str
    passwords: dict[str, str] = field(default_factory=dict)
    import_seconds: float = 0.0

    def remove(self) -> None:
        self.cluster.remove()


def parse_passwords(output: str, usernames: tuple[str, ...]) -> dict[str, str]:
    """`server import` prints a table of the logins: user, name, role, one-time password."""
    found: dict[str, str] = {}
    for line in output.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] in usernames:
            found[words[0]] = words[-1]
    return found


def import_board(vault: Path, tcp: bool = True) -> Board:
    """A new cluster holding `vault`, moved there by `reviewdesk server import`."""
    import psycopg

    from reviewdesk.demo.people import DEMO_USERS

    cluster = durable_cluster(tcp)
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
        owner_url = cluster.url(DATABASE)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "reviewdesk", "server", "import", "--vault", str(vault),
                               "--db", owner_url], capture_output=True, text=True, env=os.environ.copy())
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"server import failed ({proc.returncode}): {proc.stderr.strip()[-3000:]}")
        names = tuple(u.username for u in DEMO_USERS)
        passwords = parse_passwords(proc.stdout, names)
        missing = [n for n in names if n not in passwords]
        if missing:
            raise RuntimeError(f"server import printed no one-time password for {', '.join(missing)}:\n"
                               + proc.stdout[-3000:])
        with psycopg.connect(owner_url, autocommit=True) as conn:
            conn.execute("CHECKPOINT")  # the import's writes flushed before the seats start
        seat_url = (f"postgresql://127.0.0.1:{cluster.port}/{DATABASE}" if tcp
                    else owner_url.replace(f"{OWNER}@", "", 1))
        return Board(cluster, owner_url, seat_url, passwords, seconds)
    except BaseException:
        cluster.remove()
        raise
