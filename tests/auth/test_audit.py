"""The audit chain: every change is recorded and chained; tampering is found and named."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from reviewdesk.auth.audit import verify_chain
from reviewdesk.cli import main


def _verify(world):  # type: ignore[no-untyped-def]
    with world.vault.reading() as session:
        return verify_chain(session)


def test_changes_write_chained_events(world) -> None:
    report = _verify(world)
    assert report.intact and report.events >= 15  # members, contract, users...


def test_the_trail_cannot_be_deleted_or_edited_through_sql(world) -> None:
    with (pytest.raises(sa.exc.DatabaseError, match="cannot be deleted"),
          world.vault.begin_write() as session):
        session.execute(sa.text("DELETE FROM audit_events"))
    with (pytest.raises(sa.exc.DatabaseError, match="cannot be changed"),
          world.vault.begin_write() as session):
        session.execute(sa.text("UPDATE audit_events SET username = 'x' WHERE id = 3"))
    assert _verify(world).intact


@pytest.mark.file_vault  # edits the file behind the application
def test_an_edited_row_is_named_by_audit_verify(world, capsys, monkeypatch) -> None:
    with world.vault.begin_write() as session:  # someone with the key bypasses the trigger
        session.execute(sa.text("DROP TRIGGER audit_events_no_update"))
        session.execute(sa.text("UPDATE audit_events SET detail = '{\"forged\": true}' WHERE id = 7"))
    report = _verify(world)
    assert not report.intact and report.broken_event_id == 7
    path = world.vault.path
    world.vault.close()
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    assert main(["audit", "verify", "--vault", str(path)]) == 1
    assert "broken at event 7" in capsys.readouterr().out


@pytest.mark.file_vault  # edits the file behind the application
def test_a_removed_row_breaks_the_chain(world) -> None:
    with world.vault.begin_write() as session:
        session.execute(sa.text("DROP TRIGGER audit_events_no_delete"))
        session.execute(sa.text("DELETE FROM audit_events WHERE id = 5"))
    report = _verify(world)
    assert not report.intact and report.broken_event_id == 6
