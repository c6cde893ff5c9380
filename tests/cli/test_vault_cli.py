"""The vault commands as a script uses them: init, users, backup, restore, audit, demo."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from reviewdesk.cli import main
from tests.conftest import reviewdesk_command


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "cli passphrase")
    monkeypatch.setenv("REVIEWDESK_PASSWORD", "admin-password")


def _init(tmp_path: Path) -> Path:
    pw = tmp_path / "pw.txt"
    pw.write_text("admin-password\n", encoding="utf-8")
    vault = tmp_path / "v.rdvault"
    assert main(["init", "--vault", str(vault), "--admin-name", "admin",
                 "--admin-display-name", "事務局 管理者", "--admin-password-file", str(pw)]) == 0
    return vault


def test_init_users_backup_restore_audit(tmp_path: Path, env, capsys, monkeypatch) -> None:
    vault = _init(tmp_path)
    monkeypatch.setenv("NEW_PW", "reviewer-password")
    assert main(["users", "add", "--vault", str(vault), "--user", "admin", "tanaka",
                 "--name", "田中 一郎", "--role", "physician_reviewer",
                 "--specialty", "dermatology", "--password-env", "NEW_PW"]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--vault", str(vault), "--user", "admin", "--format", "json"]) == 0
    users = {u["name"]: u for u in json.loads(capsys.readouterr().out)}
    assert users["tanaka"]["role"] == "physician_reviewer"
    assert users["tanaka"]["specialty"] == "dermatology"
    assert users["admin"]["role"] == "secretariat"
    assert main(["users", "disable", "--vault", str(vault), "--user", "admin", "tanaka"]) == 0
    monkeypatch.setenv("REVIEWDESK_PASSWORD", "reviewer-password")
    assert main(["users", "list", "--vault", str(vault), "--user", "tanaka"]) == 2
    assert "disabled" in capsys.readouterr().err
    backup = tmp_path / "b.rdvault"
    assert main(["backup", "--vault", str(vault), "--out", str(backup)]) == 0
    assert main(["backup", "--vault", str(vault), "--out", str(tmp_path / "t.rdvault"),
                 "--user", "tanaka"]) == 2  # disabled above
    monkeypatch.setenv("REVIEWDESK_PASSWORD", "admin-password")
    assert main(["backup", "--vault", str(vault), "--out", str(tmp_path / "a.rdvault"),
                 "--user", "admin"]) == 0
    assert main(["restore", "--backup", str(backup), "--vault", str(vault)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["restore", "--backup", str(backup), "--vault", str(vault), "--force"]) == 0
    assert main(["audit", "verify", "--vault", str(vault)]) == 0
    assert "intact" in capsys.readouterr().out


def test_a_reviewer_cannot_add_users(tmp_path: Path, env, capsys, monkeypatch) -> None:
    vault = _init(tmp_path)
    monkeypatch.setenv("NEW_PW", "reviewer-password")
    main(["users", "add", "--vault", str(vault), "--user", "admin", "rev", "--name", "R",
          "--role", "lawyer_reviewer", "--password-env", "NEW_PW"])
    monkeypatch.setenv("REVIEWDESK_PASSWORD", "reviewer-password")
    assert main(["users", "add", "--vault", str(vault), "--user", "rev", "x2", "--name", "X",
                 "--role", "auditor", "--password-env", "NEW_PW"]) == 3
    assert "may not administer users" in capsys.readouterr().err


def test_wrong_passphrase_exit_2_and_one_line(tmp_path: Path, env, capsys, monkeypatch) -> None:
    vault = _init(tmp_path)
    capsys.readouterr()
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "not it")
    assert main(["audit", "verify", "--vault", str(vault)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "wrong key or passphrase" in err


def test_demo_lists_its_users_and_runs_without_gui(tmp_path: Path, env, capsys) -> None:
    vault = tmp_path / "demo.rdvault"
    assert main(["demo", "--vault", str(vault), "--cases", "15", "--no-gui"]) == 0
    out = capsys.readouterr().out
    for name in ("secretariat1", "derm1", "lawyer1", "chair1", "assess1", "auditor1"):
        assert name in out
    assert "demo-password" in out
    assert main(["audit", "verify", "--vault", str(vault)]) == 0


def test_no_traceback_from_the_installed_command(tmp_path: Path) -> None:
    env = dict(os.environ, REVIEWDESK_PASSPHRASE="x", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    junk = tmp_path / "junk.rdvault"
    junk.write_bytes(os.urandom(8192))
    for args in (["audit", "verify", "--vault", str(junk)],
                 ["backup", "--vault", str(tmp_path / "none.rdvault"), "--out", str(tmp_path / "b")],
                 ["init", "--vault", str(tmp_path / "x.rdvault"), "--admin-name", "a",
                  "--admin-password-file", str(tmp_path / "missing.txt")]):
        proc = subprocess.run([*reviewdesk_command(), *args], capture_output=True,
                              text=True, env=env)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr and proc.stderr.startswith("reviewdesk: ")
        assert len(proc.stderr.strip().splitlines()) == 1
    no_key = dict(env)
    del no_key["REVIEWDESK_PASSPHRASE"]
    proc = subprocess.run([*reviewdesk_command(), "audit", "verify", "--vault", str(junk)],
                          capture_output=True, text=True, env=no_key)
    assert proc.returncode == 2 and "REVIEWDESK_PASSPHRASE" in proc.stderr


def test_users_add_with_an_affiliation(world, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    from reviewdesk.store.models import User, UserAffiliation

    path = world.vault.path
    world.vault.close()
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    monkeypatch.setenv("REVIEWDESK_PASSWORD", "test-password")
    monkeypatch.setenv("NEW_PW", "another-password")
    base = ["users", "add", "--vault", str(path), "--user", "secretary", "--name", "弁護 三郎",
            "--role", "lawyer_reviewer", "--password-env", "NEW_PW"]
    assert main([*base, "lawyer3", "--member", "M-9999"]) == 2
    assert "no member M-9999" in capsys.readouterr().err
    assert main([*base, "lawyer3", "--member", "M-0001"]) == 0
    from reviewdesk.store.vault import Vault

    with Vault.open(path) as vault, vault.reading() as session:
        user_id = session.scalar(sa.select(User.id).where(User.username == "lawyer3"))
        members = session.scalars(sa.select(UserAffiliation.member_id)
                                  .where(UserAffiliation.user_id == user_id)).all()
    assert members == [world.member_id]


def test_permission_is_checked_before_any_secret_is_asked_for(world, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    path = world.vault.path
    world.vault.close()
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    monkeypatch.setenv("REVIEWDESK_PASSWORD", "test-password")
    monkeypatch.delenv("REVIEWDESK_NEW_PASSWORD", raising=False)
    monkeypatch.delenv("REVIEWDESK_SIGNER_PASSWORD", raising=False)
    assert main(["users", "add", "--vault", str(path), "--user", "derm", "x1", "--name", "X",
                 "--role", "auditor"]) == 3
    assert "may not administer users" in capsys.readouterr().err
    assert main(["signer", "import", str(path), "--vault", str(path), "--user", "chair"]) == 3
    assert "may not administer signer" in capsys.readouterr().err


def test_check_reads_every_page(tmp_path: Path, env, capsys) -> None:
    vault = _init(tmp_path)
    assert main(["check", "--vault", str(vault), "--lang", "en"]) == 0
    assert "vault sound" in capsys.readouterr().out
    assert main(["check", "--vault", str(vault)]) == 0
    assert "結果: 保管庫は健全です" in capsys.readouterr().out
    data = bytearray(vault.read_bytes())
    assert len(data) > 6 * 4096
    for i in range(5 * 4096 + 64, 5 * 4096 + 128):  # a page past the schema pages
        data[i] ^= 0x5A
    vault.write_bytes(bytes(data))
    code = main(["check", "--vault", str(vault), "--lang", "en"])
    captured = capsys.readouterr()
    assert code in (1, 2) and "Traceback" not in captured.err  # found by the check, or at opening
    report = (captured.out + captured.err).strip()
    assert "damaged" in report and len(report.splitlines()) == 1
