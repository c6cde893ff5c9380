"""`reviewdesk server init`: the same migrations on PostgreSQL, idempotent, upgrading an older
schema; and the command line working the same against a server."""

from __future__ import annotations

import subprocess

import psycopg
import sqlalchemy as sa
from alembic import command

from reviewdesk.auth.server_admin import init_server
from reviewdesk.store import schema
from reviewdesk.store.pg_cluster import server_binaries


def _engine(url: str) -> sa.Engine:
    return sa.create_engine("postgresql+psycopg://", creator=lambda: psycopg.connect(url))


def _schema_dump(worlds, database: str) -> str:  # type: ignore[no-untyped-def]
    params = worlds.cluster_params(database)
    dump = subprocess.run([str(server_binaries() / "pg_dump"), "--schema-only", "-h", str(params["host"]),
                           "-p", str(params["port"]), "-U", "postgres", database],
                          check=True, capture_output=True, text=True).stdout
    # pg_dump guards its script with a random key per run (\restrict): not part of the schema.
    return "\n".join(line for line in dump.splitlines() if not line.startswith(("\\restrict", "\\unrestrict")))


def test_init_migrates_an_older_schema_and_changes_nothing_the_second_time(server_worlds) -> None:  # type: ignore[no-untyped-def]
    database = server_worlds.new_database()
    try:
        url = server_worlds.url(database)
        engine = _engine(url)
        schema.upgrade(engine, "0007")
        engine.dispose()
        report = init_server(url, "admin_m", "admin-m-password")
        assert (report.migrated_from, report.revision, report.admin_created) == ("0007", schema.head_revision(), True)
        before = _schema_dump(server_worlds, database)
        again = init_server(url, "admin_m", "admin-m-password")
        assert (again.migrated_from, again.admin_created, again.vault_id) == (
            schema.head_revision(), False, report.vault_id)
        assert _schema_dump(server_worlds, database) == before
    finally:
        server_worlds.drop(database)


def test_every_migration_goes_down_and_up_again_on_postgresql(server_worlds) -> None:  # type: ignore[no-untyped-def]
    database = server_worlds.new_database()
    try:
        engine = _engine(server_worlds.url(database))
        schema.upgrade(engine)
        config = schema.alembic_config()
        with engine.connect() as conn, conn.begin():
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                                        "AND tablename <> 'alembic_version'")).scalar() == 0
        schema.upgrade(engine)
        with engine.connect() as conn:
            indexes = set(conn.execute(sa.text(
                "SELECT indexname FROM pg_indexes WHERE tablename IN ('case_search', 'case_grams')")).scalars())
        assert {f"ix_{t}_{c}" for t in ("case_search", "case_grams")
                for c in ("base", "opinions", "originals")} <= indexes
        engine.dispose()
    finally:
        server_worlds.drop(database)


def test_the_command_line_sets_up_a_server_and_works_against_it(server_worlds, tmp_path, monkeypatch,  # type: ignore[no-untyped-def]
                                                               capsys) -> None:
    from reviewdesk.cli import main

    database = server_worlds.new_database()
    try:
        owner, seat = server_worlds.url(database), server_worlds.url(database, None)
        (tmp_path / "pw").write_text("cli-admin-password\n")
        monkeypatch.setenv("REVIEWDESK_PASSWORD", "cli-admin-password")
        monkeypatch.setenv("REVIEWDESK_NEW_PASSWORD", "cli-lawyer-password")

        def run(*args: str) -> tuple[int, str, str]:
            code = main(list(args))
            out, err = capsys.readouterr()
            return code, out, err

        code, out, err = run("server", "init", "--db", owner, "--admin-name", "cli_admin",
                             "--admin-password-file", str(tmp_path / "pw"))
        assert code == 0 and "created the administrator cli_admin" in out, err
        code, out, err = run("users", "add", "--vault", seat, "--user", "cli_admin", "cli_lawyer",
                             "--name", "弁護 花子", "--role", "lawyer_reviewer")
        assert code == 0, err
        assert '"cli_lawyer"' in run("users", "list", "--vault", seat, "--user", "cli_admin",
                                     "--format", "json")[1]
        monkeypatch.setenv("REVIEWDESK_PASSWORD", "not-it")
        assert run("users", "list", "--vault", seat, "--user", "cli_admin")[::2] == (
            2, "reviewdesk: wrong user name or password\n")
        code, _out, err = run("cases", "list", "--vault", "postgresql://cli_admin@db.board.test/board",
                              "--user", "cli_admin")
        assert code == 2 and "sslmode=verify-full" in err
    finally:
        server_worlds.drop(database)
