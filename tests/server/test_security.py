"""What the server itself refuses, whatever the client: each member's own login, row-level
security for reviewers, hidden columns, an append-only audit table, disabled logins."""

from __future__ import annotations

import psycopg
import pytest
import sqlalchemy as sa

from reviewdesk.auth import audit
from reviewdesk.auth.users import LoginFailed, authenticate, create_user, set_disabled, set_password
from reviewdesk.cases import review
from reviewdesk.cases.documents import add_document
from reviewdesk.cases.queries import list_cases
from reviewdesk.store.server import ServerVault
from tests.cases import flow


def _case_ids(conn: psycopg.Connection) -> set[int]:
    return {r[0] for r in conn.execute("SELECT id FROM cases").fetchall()}


def test_a_reviewer_login_selects_only_the_cases_assigned_to_it(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    mine = flow.intake(server_world)
    other = flow.intake(server_world, patient_name="佐藤 一郎")
    review.assign_reviewer(server_world.vault, server_world["secretary"], mine,
                           server_world["derm"].user_id, today=flow.TODAY)
    with seats.psql("derm") as derm, seats.psql("secretary") as secretary, seats.psql("chair") as chair:
        assert _case_ids(derm) == {mine}
        assert _case_ids(secretary) == _case_ids(chair) == {mine, other}
        assert derm.execute("SELECT count(*) FROM case_search").fetchone()[0] == 1
    # The application, connected as the reviewer, lists the same.
    vault, derm_actor = seats.seat("derm")
    assert [row.id for row in list_cases(vault, derm_actor)] == [mine]


def test_another_reviewers_opinion_is_hidden_until_ones_own_is_submitted(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.intake(server_world)
    for name in ("derm", "lawyer"):
        review.assign_reviewer(server_world.vault, server_world["secretary"], case_id,
                               server_world[name].user_id, today=flow.TODAY)
    flow.write(server_world, "lawyer", case_id)
    with seats.psql("derm") as derm:
        assert derm.execute("SELECT count(*) FROM opinions").fetchone()[0] == 0
        flow.write(server_world, "derm", case_id)
        authors = {r[0] for r in derm.execute("SELECT author_id FROM opinions").fetchall()}
        assert authors == {server_world["derm"].user_id, server_world["lawyer"].user_id}


def test_reviewers_read_released_copies_only_never_originals(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.intake(server_world)
    review.assign_reviewer(server_world.vault, server_world["secretary"], case_id,
                           server_world["derm"].user_id, today=flow.TODAY)
    add_document(server_world.vault, server_world["secretary"], case_id, "record", "カルテ.txt",
                 "text/plain", "患者 山田花子 の診療記録".encode())
    with seats.psql("derm") as derm:
        assert derm.execute("SELECT count(*) FROM documents").fetchone()[0] == 0  # pending
        assert derm.execute("SELECT count(*) FROM document_chunks").fetchone()[0] == 0
        for column in ("documents.text", "case_search.originals", "case_grams.originals",
                       "case_search.opinions", "case_grams.opinions", "users.password_hash"):
            table, name = column.split(".")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                derm.execute(f"SELECT {name} FROM {table}")
    with seats.psql("secretary") as secretary:
        assert secretary.execute("SELECT count(*) FROM document_chunks").fetchone()[0] == 1
        assert secretary.execute("SELECT text FROM documents").fetchone()[0]


def test_the_audit_table_is_append_only_for_seats_and_owner_alike(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    flow.intake(server_world)
    with seats.psql("secretary") as secretary:
        for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events",
                          "TRUNCATE audit_events"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                secretary.execute(statement)
    owner = psycopg.connect(seats.url("postgres"), autocommit=True)
    with owner:
        for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events",
                          "TRUNCATE audit_events"):
            with pytest.raises(psycopg.errors.RaiseException, match="audit events cannot be"):
                owner.execute(statement)
    with server_world.vault.reading() as session:
        assert audit.verify_chain(session).intact


def test_each_member_logs_in_with_their_own_login_and_a_wrong_password_is_refused(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    vault, actor = seats.seat("derm")
    assert (vault.login, actor.username) == ("derm", "derm")
    with vault.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT session_user")).scalar() == "derm"
    with pytest.raises(LoginFailed) as refused:
        seats.seat("derm", "not-the-password")
    assert refused.value.ja == "ユーザー名またはパスワードが違います"
    with pytest.raises(LoginFailed):
        seats.seat("nobody-here", "whatever-password")


def test_a_disabled_login_is_refused_and_its_open_session_ends(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    # A name of its own: logins are the cluster's, shared by this process's databases.
    admin = server_world["admin"]
    create_user(server_world.vault, admin, "lawyer_d", "弁護 三郎", "lawyer_reviewer", "lawyer-d-pass-1")
    vault, actor = seats.seat("lawyer_d", "lawyer-d-pass-1")
    list_cases(vault, actor)
    set_disabled(server_world.vault, admin, "lawyer_d", True)
    with pytest.raises(Exception):  # noqa: B017 - whichever way the server says it, the work fails
        list_cases(vault, actor)
    with pytest.raises(LoginFailed) as refused:
        seats.seat("lawyer_d", "lawyer-d-pass-1")
    assert "無効" in refused.value.ja
    set_disabled(server_world.vault, admin, "lawyer_d", False)
    set_password(server_world.vault, admin, "lawyer_d", "lawyer-d-pass-2")
    seats.seat("lawyer_d", "lawyer-d-pass-2")


def test_a_member_added_at_a_secretariat_seat_gets_a_login_in_their_roles_group(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    vault, secretary = seats.seat("secretary")
    create_user(vault, secretary, "derm_n", "皮膚科 新", "physician_reviewer", "derm-n-pass-1",
                "dermatology")
    with seats.psql("derm_n", "derm-n-pass-1") as conn:
        groups = {r[0] for r in conn.execute(
            "SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = 'derm_n'").fetchall()}
        assert groups == {"reviewdesk_physician_reviewer"}
        assert conn.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = 'derm_n'"
                            ).fetchone()[0] is False
        assert _case_ids(conn) == set()


def test_no_seat_is_the_owner_of_anything(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    with seats.psql("secretary") as conn:
        owned = conn.execute("SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                             "WHERE r.rolname = session_user").fetchone()[0]
        assert owned == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("ALTER TABLE cases DISABLE ROW LEVEL SECURITY")


def test_the_server_refuses_a_seat_whose_schema_is_not_there(server_worlds) -> None:  # type: ignore[no-untyped-def]
    empty = server_worlds.new_database()
    try:
        with pytest.raises(Exception, match="server init"):
            ServerVault.open(server_worlds.url(empty))
    finally:
        server_worlds.drop(empty)


def test_authenticate_on_an_owner_connection_still_checks_the_password(server_world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LoginFailed):
        authenticate(server_world.vault, "derm", "wrong-password-x")


def test_a_reviewer_at_their_own_seat_writes_and_submits_under_row_level_security(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.cases.opinions import list_opinions, save_opinion, submit_opinion
    from reviewdesk.cases.queries import CaseFilter

    case_id = flow.intake(server_world)
    review.assign_reviewer(server_world.vault, server_world["secretary"], case_id,
                           server_world["derm"].user_id, today=flow.TODAY)
    add_document(server_world.vault, server_world["secretary"], case_id, "record", "カルテ.txt",
                 "text/plain", "原本にだけある語 壊死".encode())
    vault, derm = seats.seat("derm")
    draft = save_opinion(vault, derm, case_id, flow.opinion())
    submit_opinion(vault, derm, draft)  # re-indexes the case with what this login may see
    assert [o.status for o in list_opinions(vault, derm, case_id)] == ["submitted"]
    secretary_vault, secretary = seats.seat("secretary")
    for words in ("注入層の選択", "原本にだけある語"):  # the opinion, and the original kept in the index
        assert [r.id for r in list_cases(secretary_vault, secretary, CaseFilter(search=words))] == [case_id]
    assert list_cases(vault, derm, CaseFilter(search="原本にだけある語")) == []  # not in its scope
    with server_world.vault.reading() as session:
        assert audit.verify_chain(session).intact


def test_searching_the_indexes_on_the_server_keeps_to_what_the_login_may_read(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    # reviewdesk_search reads the indexes as their owner (so their GIN indexes work under
    # row-level security): it must apply the cases, blind review and originals rules itself.
    mine = flow.intake(server_world, summary="左頬に硬結を生じた。")
    other = flow.intake(server_world, summary="左頬に発赤を生じた。")
    for name in ("derm", "lawyer"):
        review.assign_reviewer(server_world.vault, server_world["secretary"], mine,
                               server_world[name].user_id, today=flow.TODAY)
    flow.write(server_world, "lawyer", mine)  # its rationale: 注入層の選択が…
    add_document(server_world.vault, server_world["secretary"], mine, "record", "カルテ.txt",
                 "text/plain", "原本にだけある語 壊死".encode())

    def found(conn: psycopg.Connection, table: str, word: str, *columns: str) -> set[int]:
        rows = conn.execute("SELECT * FROM reviewdesk_search(%s, %s, %s)", (table, word, list(columns)))
        return {r[0] for r in rows.fetchall()}

    everything = ("base", "opinions", "originals")
    with seats.psql("derm") as derm, seats.psql("secretary") as secretary:
        assert found(secretary, "case_grams", "左頬", *everything) == {mine, other}
        assert found(derm, "case_grams", "左頬", *everything) == {mine}  # its assigned case only
        for conn, expected in ((secretary, {mine}), (derm, set())):  # blind review; originals
            assert found(conn, "case_search", "%注入層の選択%", *everything) == expected
            assert found(conn, "case_search", "%原本にだけある語%", *everything) == expected
        with pytest.raises(psycopg.errors.RaiseException, match="no index"):
            found(derm, "users", "x", "base")


def test_a_word_found_far_more_often_in_one_column_is_rechecked_there_first(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    # pg_trgm rechecks each candidate's text in the OR's order: reviewdesk_search puts first a
    # column the planner expects ten times as many matches in, and keeps the order otherwise.
    everything = ["base", "opinions", "originals"]
    owner = psycopg.connect(seats.url("postgres"), autocommit=True)
    with owner:
        owner.execute("INSERT INTO case_search (rowid, base, opinions) SELECT 100000 + i, "
                      "'本文 ' || i || CASE WHEN i % 2 = 0 THEN ' 本文にある語' ELSE '' END, "
                      "'所見 ' || i || ' 意見にだけある語' FROM generate_series(1, 400) AS i")
        owner.execute("ANALYZE case_search")

        def order(word: str) -> list[str]:
            return owner.execute("SELECT reviewdesk_search_order(%s, %s)", (word, everything)).fetchone()[0]

        assert order("%意見にだけある語%") == ["opinions", "base", "originals"]
        assert order("%本文にある語%") == everything
        assert order("%どこにもない語%") == everything
        assert owner.execute("SELECT reviewdesk_search_order(%s, %s)",
                             ("%意見にだけある語%", ["base"])).fetchone()[0] == ["base"]
    with seats.psql("secretary") as secretary:
        found = secretary.execute("SELECT * FROM reviewdesk_search('case_search', %s, %s)",
                                  ("%意見にだけある語%", everything)).fetchall()
        assert {r[0] for r in found} == set(range(100001, 100401))  # the order changes no answer
        # The estimates come from samples of text a seat may not read: no seat asks for them.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            secretary.execute("SELECT reviewdesk_search_order('%x%', ARRAY['base', 'opinions'])")


def test_seats_run_without_jit_and_the_list_has_an_index_for_each_order(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    # Performance the planner would otherwise lose (benchmarks/server.py measures the time):
    # JIT compiled every list's plan; and no plain index matches the SQLite order of NULLs.
    from reviewdesk.cases.queries import _INDEXED_SORTS, _sort_column

    with seats.psql("secretary") as conn:
        assert conn.execute("SHOW jit").fetchone()[0] == "off"
        names = {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'cases'")}
    columns = {_sort_column(server_world["secretary"], sort).name for sort in _INDEXED_SORTS}  # type: ignore[attr-defined]
    assert len(columns) == len(_INDEXED_SORTS)
    assert {f"ix_cases_list_{c}" for c in columns} <= names


def test_a_reviewer_reads_of_the_audit_trail_and_the_votes_what_its_case_history_shows(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    """The trail's details (a recommended finding, votes, reasons) and the votes' dissents are
    blind review's business too: a reviewer's login reads its own events and those its case
    history shows it (cases/history.py's rule, mirrored by the audit table's policy)."""
    from reviewdesk.cases.history import case_history
    from reviewdesk.cases.opinions import save_opinion, submit_opinion

    world = server_world
    mine = flow.intake(world)
    for name in ("derm2", "lawyer2"):
        review.assign_reviewer(world.vault, world["secretary"], mine, world[name].user_id, today=flow.TODAY)
    other = flow.reviewed(world)  # derm's and lawyer's
    flow.decide(world, other)
    flow.write(world, "lawyer2", mine)
    vault, derm2 = seats.seat("derm2")
    lawyer2_id = world["lawyer2"].user_id

    def trail(conn: psycopg.Connection) -> list[tuple[int | None, int | None, str]]:
        return conn.execute("SELECT case_id, user_id, action FROM audit_events ORDER BY id").fetchall()

    def shown_by_the_application() -> list[int]:
        return [row.id for row in case_history(world.vault, world["derm2"], mine)]

    with seats.psql("derm2") as conn:
        events = trail(conn)
        assert {c for c, _, _ in events} <= {mine, None}
        assert all(u == derm2.user_id for c, u, _ in events if c is None)  # its own sign-ins
        assert not [a for _, u, a in events if u == lawyer2_id and a.startswith("opinion.")]
        assert conn.execute("SELECT count(*) FROM votes").fetchone()[0] == 0
        assert [r.id for r in case_history(vault, derm2, mine)] == shown_by_the_application()
    submit_opinion(vault, derm2, save_opinion(vault, derm2, mine, flow.opinion()))
    with seats.psql("derm2") as conn:
        assert [a for _, u, a in trail(conn) if u == lawyer2_id] == ["opinion.save", "opinion.submit"]
        assert [r.id for r in case_history(vault, derm2, mine)] == shown_by_the_application()
    with seats.psql("derm") as derm, seats.psql("auditor") as auditor:
        assert derm.execute("SELECT count(*) FROM votes").fetchone()[0] > 0  # its case's finding
        with world.vault.reading() as session:
            everything = session.scalar(sa.text("SELECT count(*) FROM audit_events"))
            assert audit.verify_chain(session).intact  # the seat chained onto the true head
        assert auditor.execute("SELECT count(*) FROM audit_events").fetchone()[0] == everything
