"""Schema migrations: empty to head, and a vault made by the previous migration opens."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
import sqlalchemy.orm

from reviewdesk.store import schema
from reviewdesk.store.models import Base
from reviewdesk.store.vault import Vault

PASS = {"REVIEWDESK_PASSPHRASE": "migration test"}


def _old_case(session: sa.orm.Session) -> None:
    """A member, a contract and a closed case as the first release wrote them (raw SQL: the
    models have moved on)."""
    session.execute(sa.text("INSERT INTO members(id, member_no, name) VALUES (1, 'M-1', '医療法人 旧会')"))
    session.execute(sa.text(
        "INSERT INTO contracts(id, contract_no, member_id, course, per_claim_limit, deductible,"
        " period_start, period_end, litigation_costs_in_aggregate, facility_rider)"
        " VALUES (1, 'C-1', 1, 'all', 2000000, 100000, '2019-01-01', '2019-12-31', 0, 0)"))
    session.execute(sa.text(
        "INSERT INTO cases(id, case_no, state, member_id, contract_id, specialty, patient_name,"
        " patient_alias, procedure, incident_date, claim_date, received_on, summary,"
        " outcome_kind, exclusions, coverage_reasons, disagreement, created_at, updated_at)"
        " VALUES (1, '2019-00001', 'closed', 1, 1, 'dermatology', '旧 患者', '患者AAA', 'laser',"
        " '2019-02-01', '2019-03-01', '2019-03-02', '旧い事案', 'injury', '[]', '[]', 0,"
        " '2019-03-02 00:00:00', '2019-03-02 00:00:00')"))


def test_empty_to_head_matches_the_models(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v.rdvault", env=PASS) as vault:
        with vault.reading() as session:
            assert session.scalar(sa.text("SELECT version_num FROM alembic_version")) == schema.head_revision()
        inspector = sa.inspect(vault.engine)
        tables = set(inspector.get_table_names())
        assert set(Base.metadata.tables) <= tables
        for name, table in Base.metadata.tables.items():
            columns = {c["name"] for c in inspector.get_columns(name)}
            assert columns == {c.name for c in table.columns}, name


def test_a_vault_made_by_the_previous_migration_opens_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.rdvault"
    with Vault.create(path, env=PASS, target="0001") as vault, vault.begin_write() as session:
        assert session.scalar(sa.text("SELECT version_num FROM alembic_version")) == "0001"
        _old_case(session)
    with Vault.open(path, env=PASS) as vault, vault.reading() as session:
        assert session.scalar(sa.text("SELECT version_num FROM alembic_version")) == schema.head_revision()
        assert session.scalar(sa.text("SELECT summary FROM cases WHERE id = 1")) == "旧い事案"
        assert session.scalar(sa.text("SELECT state_before_close FROM cases WHERE id = 1")) is None
        assert session.execute(sa.text("PRAGMA foreign_key_check")).all() == []
        assert session.scalar(sa.text("SELECT count(*) FROM saved_filters")) == 0


def test_a_vault_at_0002_gets_its_short_word_index_backfilled(tmp_path: Path) -> None:
    path = tmp_path / "v2.rdvault"
    with Vault.create(path, env=PASS, target="0002") as vault, vault.begin_write() as session:
        session.execute(sa.text("INSERT INTO case_search(rowid, base, opinions) "
                                "VALUES (7, 'レーザー後に熱傷を生じた', '過失あり')"))
    with Vault.open(path, env=PASS) as vault, vault.reading() as session:
        assert session.scalar(sa.text("SELECT version_num FROM alembic_version")) == schema.head_revision()
        found = session.scalars(sa.text("SELECT rowid FROM case_grams WHERE case_grams MATCH '\"熱傷\"'")).all()
        assert found == [7]


def test_the_light_revision_reader_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(schema.alembic_config())
    assert schema.head_revision() == script.get_current_head()
    assert schema.known_revisions() == {r.revision for r in script.walk_revisions()}


def test_documents_at_0005_move_into_chunks_with_their_digests_unchanged(tmp_path: Path) -> None:
    from reviewdesk.store.digests import digests_of, row_digest
    from reviewdesk.store.models import CHUNK_BYTES

    path = tmp_path / "v5.rdvault"
    big = bytes(range(256)) * (CHUNK_BYTES // 256) * 2 + b"end"
    with Vault.create(path, env=PASS, target="0005") as vault, vault.begin_write() as session:
        _old_case(session)
        for doc_id, content in ((1, b"small"), (2, big)):
            session.execute(sa.text(
                "INSERT INTO documents(id, case_id, kind, filename, mime_type, size, sha256, content,"
                " added_at) VALUES (:id, 1, 'record', 'a.bin', 'application/octet-stream', :size,"
                " 'x', :content, '2019-03-02 00:00:00')"), {"id": doc_id, "size": len(content),
                                                            "content": content})
        table = Base.metadata.tables["documents"]  # as the models have it now: no content column
        old = {}
        for row in session.execute(sa.select(*table.columns)).mappings():
            content = session.scalar(sa.text("SELECT content FROM documents WHERE id = :id"),
                                     {"id": row["id"]})
            old[f"documents:{row['id']}"] = row_digest(table, {**row, "content": content})
    with Vault.open(path, env=PASS) as vault, vault.reading() as session:
        assert session.scalar(sa.text("SELECT version_num FROM alembic_version")) == schema.head_revision()
        chunks = session.execute(sa.text(
            "SELECT document_id, seq, length(data) FROM document_chunks ORDER BY document_id, seq")).all()
        assert chunks == [(1, 0, 5), (2, 0, CHUNK_BYTES), (2, 1, CHUNK_BYTES), (2, 2, 3)]
        joined = b"".join(session.scalars(sa.text(
            "SELECT data FROM document_chunks WHERE document_id = 2 ORDER BY seq")))
        assert joined == big
        assert digests_of(session.connection(), Base.metadata.tables["documents"], [1, 2]) == old


def test_masking_and_chunks_migrate_down_to_0004_and_up_again(tmp_path: Path) -> None:
    """0005 and 0006 have real downgrades: the originals come back whole into documents.content,
    the index searches every document's text again, and upgrading once more restores it all."""
    from alembic import command

    from reviewdesk.store.engine import make_engine
    from reviewdesk.store.models import CHUNK_BYTES

    path = tmp_path / "down.rdvault"
    big = bytes(range(256)) * (CHUNK_BYTES // 256) + b"tail"
    with Vault.create(path, env=PASS, target="0004") as vault, vault.begin_write() as session:
        _old_case(session)
        session.execute(sa.text(
            "INSERT INTO documents(id, case_id, kind, filename, mime_type, size, sha256, content, text,"
            " added_at) VALUES (1, 1, 'record', 'a.bin', 'text/plain', :size, 'x', :content,"
            " '瘢痕拘縮の経過', '2019-03-02 00:00:00')"), {"size": len(big), "content": big})
        session.execute(sa.text("INSERT INTO case_search(rowid, base, opinions) "
                                "VALUES (1, '2019-00001 旧い事案 瘢痕拘縮の経過', '')"))
    with Vault.open(path, env=PASS) as vault:  # up to head: 0005 and 0006 run
        key_hex = vault.key.pragma_hex
    engine = make_engine(path, key_hex, foreign_keys=False)  # as the vault migrates itself
    try:
        config = schema.alembic_config()
        with engine.connect() as conn:
            conn.commit()
            with conn.begin():
                config.attributes["connection"] = conn
                command.downgrade(config, "0004")
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0004"
            assert conn.exec_driver_sql("SELECT content FROM documents WHERE id = 1").scalar() == big
            columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(documents)")}
            assert "masking" not in columns and "content" in columns
            found = conn.exec_driver_sql(
                "SELECT rowid FROM case_search WHERE case_search MATCH '\"瘢痕拘縮\"'").scalars().all()
            assert found == [1]
    finally:
        engine.dispose()
    with Vault.open(path, env=PASS) as vault, vault.reading() as session:  # and up again
        assert session.scalar(sa.text("SELECT version_num FROM alembic_version")) == schema.head_revision()
        joined = b"".join(session.scalars(sa.text(
            "SELECT data FROM document_chunks WHERE document_id = 1 ORDER BY seq")))
        assert joined == big
        assert session.scalar(sa.text("SELECT masking FROM documents WHERE id = 1")) == "pending"
