"""The patient's identity on a server: only the roles that may see it (and the readers of the
originals, which carry it anyway) can select it with their own login; every other seat still
reads and writes what its screens need, and the rows it writes are vouched for by digests the
server computes exactly as the application does."""

from __future__ import annotations

from datetime import date, datetime

import psycopg
import sqlalchemy as sa

from reviewdesk.auth import audit
from reviewdesk.cases import assessing, findings, history, meetings, opinions, queries, review, statistics
from reviewdesk.cases.document_masking import apply_masking
from reviewdesk.cases.documents import add_document, case_documents, document_content
from reviewdesk.store.digests import AUDITED_TABLES, all_digests, audited_tables, server_function
from reviewdesk.store.models import AuditEvent
from reviewdesk.store.models.cases import IDENTITY_COLUMNS
from tests.cases import flow

IDENTITY = dict(patient_name="山田　花子", patient_kana="ヤマダ ハナコ", patient_birth_date=date(1990, 4, 1),
                patient_address="東京都港区南青山1-2-3", patient_phone="03-1234-5678",
                patient_insurance_no="12345678", clinic_patient_id="P-000123")


def _selectable(conn: psycopg.Connection, table: str, column: str) -> bool:
    try:
        conn.execute(f"SELECT {column} FROM {table} LIMIT 1").fetchall()
    except psycopg.errors.InsufficientPrivilege:
        return False
    return True


def test_only_the_secretariat_and_readers_of_originals_select_the_patients_identity(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.reviewed(server_world, **IDENTITY)
    review.assign_reviewer(server_world.vault, server_world["secretary"], case_id,
                           server_world["derm2"].user_id, today=flow.TODAY)
    hidden = [("cases", c) for c in IDENTITY_COLUMNS] + [("documents", "filename"), ("audit_events", "detail")]
    for name in ("derm", "lawyer", "assessor", "auditor", "secretary", "chair"):
        with seats.psql(name) as conn:
            readable = {f"{t}.{c}" for t, c in hidden if _selectable(conn, t, c)}
            assert _selectable(conn, "cases", "patient_alias")  # what everyone is shown
            if name in ("secretary", "chair"):
                assert readable == {f"{t}.{c}" for t, c in hidden}, name
            elif name == "assessor":  # the victim's age enters the payout
                assert readable == {"cases.patient_birth_date"}, name
            elif name == "auditor":  # reads the trail, never the identity
                assert readable == {"audit_events.detail"}, name
            else:
                assert readable == set(), name
    with seats.psql("derm") as derm:
        # What the server computes for it gives nothing away either.
        assert derm.execute("SELECT count(*) FROM reviewdesk_case_events(%s)", (case_id,)).fetchone()[0] > 0
        shown = " ".join(r[0] or "" for r in derm.execute(
            "SELECT shown FROM reviewdesk_case_events(%s)", (case_id,)).fetchall())
        assert "山田" not in shown and "reason" not in shown


def test_each_roles_seat_reads_and_writes_its_screens_without_a_hidden_column(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    world = server_world
    case_id = flow.liable(world, **IDENTITY)
    doc = add_document(world.vault, world["secretary"], case_id, "record", "山田花子_診療録.txt", "text/plain",
                       "患者 山田花子 の経過".encode())
    apply_masking(world.vault, world["secretary"], doc, no_personal_data=True)
    meeting_id = meetings.list_meetings(world.vault, world["secretary"])[0].id
    for name in ("derm", "lawyer", "assessor", "auditor", "chair", "secretary"):
        vault, actor = seats.seat(name)
        detail = queries.case_detail(vault, actor, case_id)
        assert (detail.patient == "山田　花子") is (name == "secretary"), name
        assert [r.id for r in queries.list_cases(vault, actor)] == [case_id]
        assert queries.count_cases(vault, actor) == 1
        rows = history.case_history(vault, actor, case_id)
        text = repr([r.detail for r in rows])
        assert ("山田" in text) is (name in ("secretary", "chair")), name
        [document] = case_documents(vault, actor, case_id).rows
        assert ("山田" in document.filename) is (name in ("secretary", "chair")), name
        assert document_content(vault, actor, document.id).content
        assert len(opinions.list_opinions(vault, actor, case_id)) == 2
        findings.list_findings(vault, actor, case_id)
        if name in ("derm", "lawyer"):
            assert [a.case_id for a in review.my_assignments(vault, actor, today=flow.TODAY).rows] == []
        else:
            meetings.meeting_detail(vault, actor, meeting_id)
            statistics.dashboard(vault, actor, today=flow.TODAY)
    vault, assessor = seats.seat("assessor")
    # The committee computes from the victim's age (the birth date it may read) and approves.
    assert assessing.prefill(vault, assessor, case_id).victim_age == 35
    assessment = assessing.compute_assessment(vault, assessor, case_id, flow.INPUTS)
    vault2, assessor2 = seats.seat("assessor2")  # four eyes
    assessing.approve_assessment(vault2, assessor2, assessment, today=flow.HELD_ON)
    assert [a.status for a in assessing.list_assessments(vault, assessor, case_id)] == ["approved"]
    _assert_vouched_for(world)


def test_a_reviewers_write_on_its_case_is_vouched_for_by_the_servers_digest(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    world = server_world
    case_id = flow.intake(world, **IDENTITY)
    for name in ("derm", "lawyer"):
        review.assign_reviewer(world.vault, world["secretary"], case_id, world[name].user_id, today=flow.TODAY)
    flow.write(world, "lawyer", case_id)
    vault, derm = seats.seat("derm")
    # A disagreement changes the case row, whose identity the reviewer may not read.
    opinions.submit_opinion(vault, derm, opinions.save_opinion(vault, derm, case_id,
                                                               flow.opinion("not_liable", "no", "no")))
    with world.vault.reading() as session:
        [event] = session.execute(sa.select(AuditEvent.detail).order_by(
            AuditEvent.id.desc()).limit(1)).scalars().all()
    assert f"cases:{case_id}" in event
    _assert_vouched_for(world)


def test_the_servers_digests_are_the_applications_for_every_audited_table(server_world) -> None:  # type: ignore[no-untyped-def]
    world = server_world
    case_id = flow.liable(world, **IDENTITY)
    _assert_vouched_for(world)
    # Values the application refuses to enter but a digest must still render as json.dumps
    # does: quotes, a backslash, control characters, a character beyond the BMP, a time on
    # the second (isoformat leaves out its microseconds).
    with world.vault.engine.begin() as conn:
        conn.execute(sa.text("UPDATE cases SET patient_name = :name, summary = :summary, patient_kana = NULL, "
                             "updated_at = :at WHERE id = :id"),
                     {"name": '山"田\\\u0001\n\u3000𠮷子\u007f', "summary": "経過\t「注入」\r\n\u2028",
                      "at": datetime(2026, 11, 20, 9, 30), "id": case_id})
        _assert_same_digests(conn)


def _assert_vouched_for(world) -> None:  # type: ignore[no-untyped-def]
    """Every audited row: the server's digest is the application's, and `check` holds."""
    with world.vault.engine.connect() as conn:
        _assert_same_digests(conn)
    from reviewdesk.auth.integrity import check_rows
    with world.vault.reading() as session:
        assert audit.verify_chain(session).intact
        assert check_rows(session).problems == []


def _assert_same_digests(conn: sa.Connection) -> None:
    compared = 0
    for table in audited_tables():
        if AUDITED_TABLES[table.name].chunked is not None:
            continue
        mine = dict(all_digests(conn, table))
        (pk,) = table.primary_key.columns
        theirs = {f"{table.name}:{k}": d for k, d in conn.execute(sa.text(
            f'SELECT pk, digest FROM {server_function(table)}(ARRAY(SELECT "{pk.name}" FROM "{table.name}"))'))}
        # A signer's password setting is no audited row (store/digests.py).
        assert {k: d for k, d in theirs.items() if k in mine} == mine, table.name
        compared += len(mine)
    assert compared > 10
