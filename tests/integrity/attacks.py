"""Attacks on a vault by someone who holds its key, and the scenes they are tried on.

Every user of a machine holds the vault key (keyring or passphrase), so an attacker may edit any
row, drop the audit table's triggers, delete or rewrite events and recompute the whole chain
with the application's own code. Each attack here does one such thing to a closed demo vault;
each scene is that vault with one kind of anchor issued as its last act (after every attack
point): a signed letter copied out as sent, a backup with its signed manifest, or the signed
checkpoint written when the vault closed. `run_matrix` tries every attack on every scene and
returns, per attack, how many were detected by `reviewdesk check` (letters/vault_check.py);
benchmarks/tamper.py prints it, tests/integrity/test_tamper_evidence.py asserts it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth.audit import GENESIS, event_hash
from reviewdesk.letters.vault_check import VaultReport, check_vault
from reviewdesk.store import models as m
from reviewdesk.store.digests import AUDITED_TABLES, digests_of, row_key
from reviewdesk.store.vault import Vault

PASSPHRASE = {"REVIEWDESK_PASSPHRASE": "tamper-test-passphrase"}
VAULT = "board.rdvault"
ANCHOR_KINDS = ("letter", "backup", "checkpoint")
DEMO_CASES = 130  # about 1,400 events: enough to cut 1,000 of them


# The scenes -------------------------------------------------------------------------------

def build_base(folder: Path, cases: int = DEMO_CASES) -> Path:
    """A closed demo vault (signed letters, a demo signer), no checkpoint beside it."""
    from reviewdesk.demo.generator import generate_demo

    folder.mkdir(parents=True, exist_ok=True)
    with Vault.create(folder / VAULT, env=PASSPHRASE) as vault:
        generate_demo(vault, cases, letters=4)
    return folder / VAULT


def _actor(vault: Vault, username: str):  # type: ignore[no-untyped-def]
    from reviewdesk.auth.users import actor_for

    with vault.reading() as session:
        user_id = session.scalar(sa.select(m.User.id).where(m.User.username == username))
    return actor_for(vault, user_id)


def build_scene(base: Path, folder: Path, kind: str) -> Path:
    """A copy of the base vault in folder whose last act issued one anchor of this kind; the
    anchor (as it would be kept outside the vault) goes to folder/anchors."""
    from reviewdesk.auth.vault_admin import backup_vault
    from reviewdesk.letters.anchors import install
    from reviewdesk.letters.issuing import issue_case_letter

    folder.mkdir(parents=True)
    shutil.copyfile(base, folder / VAULT)
    anchors = folder / "anchors"
    anchors.mkdir()
    vault = Vault.open(folder / VAULT, env=PASSPHRASE)
    try:
        if kind == "letter":
            with vault.reading() as session:
                case_id = session.scalar(
                    sa.select(m.Case.id).where(m.Case.state == "peer_review",
                                               ~m.Case.id.in_(sa.select(m.Letter.case_id).where(
                                                   m.Letter.case_id.is_not(None))))
                    .order_by(m.Case.id).limit(1))
            letter_id = issue_case_letter(vault, _actor(vault, "secretariat1"), case_id,
                                          "intake_acknowledgement")
            with vault.reading() as session:  # the letter as posted to the member
                pdf = session.scalar(sa.select(m.Letter.pdf).where(m.Letter.id == letter_id))
            (anchors / "sent-letter.pdf").write_bytes(pdf)
        elif kind == "backup":
            install(vault)
            backup_vault(vault, _actor(vault, "secretariat1"), anchors / "offsite.rdvault")
            vault.anchors = None  # this scene's anchor is the backup's manifest alone
        elif kind == "checkpoint":
            install(vault)  # the checkpoint is written as the vault closes
        else:
            raise ValueError(kind)
    finally:
        vault.close()
    if kind == "checkpoint":
        shutil.copytree(folder / (VAULT + ".checkpoints"), anchors / "checkpoints")
    return folder / VAULT


# What an attacker does with the key ----------------------------------------------------------

def _drop_triggers(session: Session) -> None:
    session.execute(sa.text("DROP TRIGGER IF EXISTS audit_events_no_update"))
    session.execute(sa.text("DROP TRIGGER IF EXISTS audit_events_no_delete"))


def recompute_chain(session: Session, from_id: int) -> None:
    """Every hash from event from_id on, recomputed as the application would: an intact chain."""
    _drop_triggers(session)
    prev = session.scalar(sa.select(m.AuditEvent.hash).where(m.AuditEvent.id == from_id - 1)) or GENESIS
    rows = session.execute(sa.select(m.AuditEvent).where(m.AuditEvent.id >= from_id)
                           .order_by(m.AuditEvent.id)).scalars().all()
    for ev in rows:
        digest = event_hash(ev.id, ev.at, ev.user_id, ev.username, ev.action, ev.entity, ev.entity_id,
                            ev.case_id, ev.detail, prev)
        session.execute(sa.update(m.AuditEvent.__table__).where(m.AuditEvent.id == ev.id)
                        .values(prev_hash=prev, hash=digest))
        prev = digest


def forge_digests(session: Session, keys: list[tuple[str, int]]) -> None:
    """Writes the edited rows' new digests into the events that last recorded them, then
    recomputes the chain from the earliest of those events: the rows check then agrees."""
    _drop_triggers(session)
    conn = session.connection()
    tables = m.Base.metadata.tables
    earliest = None
    for table, pk in keys:
        key = row_key(table, pk)
        events = session.execute(sa.select(m.AuditEvent.id, m.AuditEvent.detail)
                                 .where(m.AuditEvent.detail.contains(f'"{key}"'))
                                 .order_by(m.AuditEvent.id.desc())).all()
        event_id, detail = next((e, d) for e, d in events if key in json.loads(d).get("rows", {}))
        body = json.loads(detail)
        body["rows"][key] = digests_of(conn, tables[table], [pk])[key]
        session.execute(sa.update(m.AuditEvent.__table__).where(m.AuditEvent.id == event_id).values(
            detail=json.dumps(body, ensure_ascii=False, sort_keys=True, default=str)))
        earliest = event_id if earliest is None else min(earliest, event_id)
    assert earliest is not None
    recompute_chain(session, earliest)


def truncate(count: int) -> Callable[[Session], None]:
    def attack(session: Session) -> None:
        _drop_triggers(session)
        last = session.scalar(sa.select(sa.func.max(m.AuditEvent.id)))
        session.execute(sa.delete(m.AuditEvent.__table__).where(m.AuditEvent.id > last - count))
    return attack


def rewrite_events(session: Session) -> None:
    """Edits events in the middle of the trail (who recorded a finding, a vote's detail) and
    recomputes the whole chain from the first one edited."""
    _drop_triggers(session)
    ids = session.scalars(sa.select(m.AuditEvent.id).where(m.AuditEvent.action == "finding.record")
                          .order_by(m.AuditEvent.id)).all()
    for event_id in ids[-3:]:
        session.execute(sa.update(m.AuditEvent.__table__).where(m.AuditEvent.id == event_id)
                        .values(username="chair-forged", detail='{"outcome": "not_liable"}'))
    recompute_chain(session, ids[-3])


def _one(session: Session, query: sa.Select) -> int:  # type: ignore[type-arg]
    value = session.scalar(query.limit(1))
    assert value is not None, "the demo vault has no row for this attack"
    return int(value)


def finding_not_liable(session: Session) -> list[tuple[str, int]]:
    finding = _one(session, sa.select(m.Finding.id).where(m.Finding.outcome == "liable")
                   .order_by(m.Finding.id.desc()))
    case_id = session.scalar(sa.select(m.Finding.case_id).where(m.Finding.id == finding))
    session.execute(sa.update(m.Finding.__table__).where(m.Finding.id == finding)
                    .values(outcome="not_liable", negligence_judgement="rejected"))
    session.execute(sa.update(m.Case.__table__).where(m.Case.id == case_id).values(outcome="not_liable"))
    return [("findings", finding), ("cases", int(case_id))]


def payout_times_100(session: Session) -> list[tuple[str, int]]:
    row = _one(session, sa.select(m.Assessment.id).where(m.Assessment.status == "approved")
               .order_by(m.Assessment.id.desc()))
    case_id = session.scalar(sa.select(m.Assessment.case_id).where(m.Assessment.id == row))
    session.execute(sa.update(m.Assessment.__table__).where(m.Assessment.id == row).values(
        payout_total=m.Assessment.payout_total * 100, liability=m.Assessment.liability * 100))
    session.execute(sa.update(m.Case.__table__).where(m.Case.id == case_id)
                    .values(payout_total=m.Case.payout_total * 100))
    return [("assessments", row), ("cases", int(case_id))]


def reviewer_made_secretariat(session: Session) -> list[tuple[str, int]]:
    user = _one(session, sa.select(m.User.id).where(m.User.role == "physician_reviewer").order_by(m.User.id))
    session.execute(sa.update(m.User.__table__).where(m.User.id == user).values(role="secretariat"))
    return [("users", user)]


def approver_is_computer(session: Session) -> list[tuple[str, int]]:
    row = _one(session, sa.select(m.Assessment.id).where(m.Assessment.status == "approved",
                                                        m.Assessment.approved_by != m.Assessment.computed_by)
               .order_by(m.Assessment.id))
    session.execute(sa.update(m.Assessment.__table__).where(m.Assessment.id == row)
                    .values(approved_by=m.Assessment.computed_by))
    return [("assessments", row)]


def submitted_opinion_edited(session: Session) -> list[tuple[str, int]]:
    row = _one(session, sa.select(m.Opinion.id).where(m.Opinion.status == "submitted").order_by(m.Opinion.id))
    session.execute(sa.update(m.Opinion.__table__).where(m.Opinion.id == row).values(
        negligence="no", negligence_rationale="注意義務違反は認められない。", recommended_finding="not_liable"))
    return [("opinions", row)]


DATA_EDITS: dict[str, Callable[[Session], list[tuple[str, int]]]] = {
    "finding liable → not liable": finding_not_liable,
    "approved payout ×100": payout_times_100,
    "reviewer made secretariat": reviewer_made_secretariat,
    "approver set to who computed": approver_is_computer,
    "submitted opinion edited": submitted_opinion_edited,
}


def _edit_only(edit: Callable[[Session], list[tuple[str, int]]]) -> Callable[[Session], None]:
    def attack(session: Session) -> None:
        edit(session)
    return attack


def _edit_and_forge(edit: Callable[[Session], list[tuple[str, int]]]) -> Callable[[Session], None]:
    def attack(session: Session) -> None:
        forge_digests(session, edit(session))
    return attack


ATTACKS: dict[str, Callable[[Session], None]] = {
    "delete the last 1 event": truncate(1),
    "delete the last 10 events": truncate(10),
    "delete the last 50 events": truncate(50),
    "delete the last 1000 events": truncate(1000),
    "edit events, recompute the chain": rewrite_events,
    **{f"{name}, no event": _edit_only(edit) for name, edit in DATA_EDITS.items()},
    **{f"{name}, digests forged + chain recomputed": _edit_and_forge(edit)
       for name, edit in DATA_EDITS.items()},
}
assert set(AUDITED_TABLES) >= {"findings", "assessments", "users", "opinions", "cases"}


# Trying them -------------------------------------------------------------------------------------

def attack_copy(scene: Path, folder: Path, attack: Callable[[Session], None]) -> VaultReport:
    """A fresh copy of the scene's folder, attacked, then checked with its anchors."""
    shutil.copytree(scene.parent, folder)
    path = folder / VAULT
    with Vault.open(path, env=PASSPHRASE) as vault, vault.begin_write() as session:
        attack(session)
    return check(path, folder / "anchors")


def check(path: Path, anchors: Path) -> VaultReport:
    with Vault.open(path, env=PASSPHRASE) as vault:
        return check_vault(vault, [anchors])


def caught_by(report: VaultReport) -> str:
    parts = []
    if report.chain is not None and not report.chain.intact:
        parts.append("chain")
    if report.rows is not None and report.rows.problems:
        parts.append("records")
    if any(not a.ok for a in report.anchors):
        parts.append("anchors")
    return "+".join(parts) or "—"


@dataclass(frozen=True)
class Outcome:
    attack: str
    kind: str
    detected: bool
    by: str


def run_matrix(base: Path, work: Path) -> list[Outcome]:
    """Every attack on a fresh copy of every scene (one anchor kind each)."""
    outcomes = []
    for kind in ANCHOR_KINDS:
        scene = build_scene(base, work / f"scene-{kind}", kind)
        for i, (name, attack) in enumerate(ATTACKS.items()):
            report = attack_copy(scene, work / f"{kind}-{i}", attack)
            outcomes.append(Outcome(name, kind, not report.ok, caught_by(report)))
            shutil.rmtree(work / f"{kind}-{i}")
    return outcomes


def table(outcomes: list[Outcome]) -> str:
    """attack → detected N/N (with each anchor kind alone), as a Markdown table."""
    lines = ["| attack | detected | letter | backup | checkpoint |", "|---|---|---|---|---|"]
    for name in ATTACKS:
        mine = [o for o in outcomes if o.attack == name]
        cells = {o.kind: ("✓ " if o.detected else "✗ ") + o.by for o in mine}
        lines.append(f"| {name} | {sum(o.detected for o in mine)}/{len(mine)} | "
                     + " | ".join(cells.get(k, "") for k in ANCHOR_KINDS) + " |")
    total = sum(o.detected for o in outcomes)
    lines.append(f"| **all** | **{total}/{len(outcomes)}** | | | |")
    return "\n".join(lines)
