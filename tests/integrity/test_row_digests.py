"""Each write's last audit event carries the digests of the audited rows it wrote, as written."""

from __future__ import annotations

import contextlib
import json

import sqlalchemy as sa

from reviewdesk.auth.integrity import RowProblemKind, check_rows
from reviewdesk.auth.permissions import Action
from reviewdesk.auth.unit_of_work import write
from reviewdesk.auth.users import authenticate
from reviewdesk.cases import meetings
from reviewdesk.errors import ReviewDeskError
from reviewdesk.store.digests import digests_of
from reviewdesk.store.models import Attendance, AuditEvent, Base, Facility, Finding, Vote
from tests.cases import flow


def _last_rows(world) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    with world.vault.reading() as session:
        detail = session.scalar(sa.select(AuditEvent.detail).order_by(AuditEvent.id.desc()).limit(1))
    return json.loads(detail)["rows"]


def _problems(world):  # type: ignore[no-untyped-def]
    with world.vault.reading() as session:
        return check_rows(session).problems


def test_a_finding_event_carries_its_finding_votes_and_case(world) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.reviewed(world)
    finding_id = flow.decide(world, case_id, "liable")
    rows = _last_rows(world)
    with world.vault.reading() as session:
        votes = session.scalars(sa.select(Vote.id).where(Vote.finding_id == finding_id)).all()
        conn = session.connection()
        expected = digests_of(conn, Base.metadata.tables["findings"], [finding_id])
    assert {f"findings:{finding_id}", f"cases:{case_id}"} | {f"votes:{v}" for v in votes} <= set(rows)
    assert rows[f"findings:{finding_id}"] == expected[f"findings:{finding_id}"]
    with world.vault.reading() as session:
        assert session.scalar(sa.select(Finding.outcome).where(Finding.id == finding_id)) == "liable"
    assert _problems(world) == []


def test_bulk_statements_record_the_rows_they_touched(world) -> None:  # type: ignore[no-untyped-def]
    meeting_id = flow.board_meeting(world)
    with world.vault.reading() as session:
        before = set(session.scalars(sa.select(Attendance.id).where(Attendance.meeting_id == meeting_id)))
    # Attendance is replaced by a bulk DELETE and new rows.
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in ("chair", "derm2")], ends_at=flow.ENDS_AT)
    with world.vault.reading() as session:
        after = set(session.scalars(sa.select(Attendance.id).where(Attendance.meeting_id == meeting_id)))
    assert {f"attendance:{i}" for i in before | after} <= set(_last_rows(world))
    with write(world.vault, world["secretary"], Action.ADMINISTER_MEMBERS) as uow:
        facility = Facility(member_id=world.member_id, name="分院")
        uow.session.add(facility)
        uow.session.flush()
        uow.audit("facility.add", "facility", facility.id)
    with write(world.vault, world["secretary"], Action.ADMINISTER_MEMBERS) as uow:
        uow.session.execute(sa.delete(Facility).where(Facility.name == "分院"))
        uow.audit("facility.remove", "facility", facility.id)
    assert _last_rows(world) == {f"facilities:{facility.id}": None}  # deleted, and recorded so
    assert _problems(world) == []


def test_wrong_passwords_change_no_audited_content(world) -> None:  # type: ignore[no-untyped-def]
    for _ in range(6):  # a lockout and its event, failed-login counters
        with contextlib.suppress(ReviewDeskError):
            authenticate(world.vault, "derm", "not the password")
    assert _problems(world) == []


def test_an_edit_outside_the_application_is_named(world) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.reviewed(world)
    finding_id = flow.decide(world, case_id, "liable")
    with world.vault.begin_write() as session:
        session.execute(sa.update(Finding).where(Finding.id == finding_id).values(outcome="not_liable"))
    [problem] = _problems(world)
    assert (problem.key, problem.kind) == (f"findings:{finding_id}", RowProblemKind.CHANGED)
    assert "findings:" in problem.text("ja") and "記録外の変更" in problem.text("ja")
