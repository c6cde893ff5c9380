"""A writer killed with SIGKILL mid-stream loses no committed case; the file stays sound."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from reviewdesk.store.vault import Vault

# A killed process and the file it leaves (a server survives its clients).
pytestmark = pytest.mark.file_vault

WRITER = r"""
import sys
from datetime import date
from reviewdesk.auth.roles import SYSTEM
from reviewdesk.cases.intake import IntakeData, register_case
from reviewdesk.store.vault import Vault

vault = Vault.open(sys.argv[1])
for i in range(100000):
    case_id = register_case(vault, SYSTEM, IntakeData(
        contract_id=1, patient_name=f"患者 {i}", procedure="laser",
        incident_date=date(2026, 3, 1), claim_date=date(2026, 4, 1), summary=f"事案 {i}"),
        today=date(2026, 5, 1))
    print(case_id, flush=True)  # printed only after the transaction committed
"""


def test_sigkill_loses_no_committed_case(world, tmp_path: Path) -> None:
    path = world.vault.path
    world.vault.close()
    env = dict(os.environ, REVIEWDESK_PASSPHRASE="test-passphrase")
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, text=True)
    committed: list[int] = []
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while len(committed) < 25 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(committed) >= 25, proc.stderr.read() if proc.stderr else ""
    with Vault.open(path, env={"REVIEWDESK_PASSPHRASE": "test-passphrase"}) as vault, \
            vault.reading() as session:
        assert session.execute(sa.text("PRAGMA integrity_check")).all() == [("ok",)]
        ids = set(session.scalars(sa.text("SELECT id FROM cases")).all())
        assert set(committed) <= ids
