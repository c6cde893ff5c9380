"""Fills a new vault with the demo: users, members, contracts, cases in every state."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from reviewdesk.auth import audit
from reviewdesk.auth.passwords import hash_password
from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import SYSTEM
from reviewdesk.auth.unit_of_work import write
from reviewdesk.cases.search import grams
from reviewdesk.demo.casefile import CaseFactory
from reviewdesk.demo.letters import DEFAULT_LETTER_CASES, issue_demo_letters
from reviewdesk.demo.people import DEMO_PASSWORD, DEMO_USERS, DemoUser, build_people
from reviewdesk.errors import InputError
from reviewdesk.store import models as m
from reviewdesk.store.vault import Vault

CHUNK = 5_000
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    users: tuple[DemoUser, ...]
    password: str
    cases: int
    members: int
    letters: int = 0


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def generate_demo(vault: Vault, cases: int = 60, *, seed: int = 2026, today: date | None = None,
                  progress: Progress = _no_progress, letters: int = DEFAULT_LETTER_CASES) -> DemoSummary:
    """Writes the demo into an empty vault in a few large transactions (minutes for 100,000)."""
    if cases < 1:
        raise InputError("--cases: must be at least 1")
    today = today or date.today()
    rng = random.Random(seed)
    with vault.reading() as session:
        if session.scalar(sa.select(sa.func.count(m.User.id))):
            raise InputError(f"{vault.path}: the demo needs a new, empty vault")
    users = {u.username: i for i, u in enumerate(DEMO_USERS, start=1)}
    member_count = min(max(8, cases // 50), 2_000)
    people = build_people(rng, member_count, today.year, users)
    contracts = {c["id"]: c for c in people.contracts}
    factory = CaseFactory(rng, people, users, contracts, today)
    for i in range(cases):
        factory.add(i)
        if i % 1000 == 0:
            progress("cases", i, cases)
    progress("cases", cases, cases)
    factory.number_meetings()
    t = factory.t
    user_rows = [{"id": users[u.username], "username": u.username, "display_name": u.display_name,
                  "role": u.role, "specialty": u.specialty,
                  "password_hash": hash_password(DEMO_PASSWORD), "failed_logins": 0,
                  "locked_until": None, "disabled": False, "created_at": datetime(2016, 1, 4)}
                 for u in DEMO_USERS]
    plan: list[tuple[Any, list[dict[str, Any]]]] = [
        (m.User, user_rows), (m.Member, people.members), (m.Facility, people.facilities),
        (m.UserAffiliation, people.affiliations), (m.Contract, people.contracts),
        (m.InsuredDoctor, people.doctors), (m.Case, t.cases), (m.Document, t.documents),
        (m.DocumentChunk, t.document_chunks),
        (m.Masking, t.maskings),
        (m.Assignment, t.assignments), (m.Opinion, t.opinions), (m.Meeting, t.meetings),
        (m.Attendance, t.attendance), (m.AgendaItem, t.agenda_items), (m.Finding, t.findings),
        (m.Vote, t.votes), (m.Assessment, t.assessments), (m.Payment, t.payments),
    ]
    setup_events = [audit.PendingEvent(datetime(2016, 1, 4, 9), None, "system", "user.create", "user",
                                       uid, None, {"username": name})
                    for name, uid in users.items()]
    events = setup_events + sorted(t.events, key=lambda e: e.at)
    total = sum(len(rows) for _, rows in plan) + len(events) + len(t.search)
    done = 0
    with write(vault, SYSTEM, Action.REGISTER_CASE) as uow:
        session = uow.session
        conn = session.connection()
        for model, rows in plan:
            for start in range(0, len(rows), CHUNK):
                # Core executemany: the ORM's per-row bookkeeping buys nothing for a bulk load.
                conn.execute(model.__table__.insert(), rows[start:start + CHUNK])
                done += len(rows[start:start + CHUNK])
                progress("writing", done, total)
        # The rows as loaded, vouched for by the trail as every write vouches for its own.
        events += audit.load_events(conn, "demo.load")
        start_id, prev = audit.head(session)
        chained = list(audit.chain(start_id, prev, events))
        for start in range(0, len(chained), CHUNK):
            # Through the session, so the unit of work sees the trail written.
            session.execute(m.AuditEvent.__table__.insert(), chained[start:start + CHUNK])
        done += len(chained)
        for start in range(0, len(t.search), CHUNK):
            chunk = t.search[start:start + CHUNK]
            insert = "(rowid, base, opinions, originals) VALUES (:rowid, :base, :opinions, :originals)"
            conn.execute(sa.text(f"INSERT INTO case_search{insert}"), chunk)
            conn.execute(sa.text(f"INSERT INTO case_grams{insert}"),
                         [{"rowid": r["rowid"], **{k: grams(r[k]) for k in ("base", "opinions", "originals")}}
                          for r in chunk])
        done += len(t.search)
        progress("writing", done, total)
    progress("letters", 0, letters)
    signed = issue_demo_letters(vault, letters) if letters else 0
    return DemoSummary(DEMO_USERS, DEMO_PASSWORD, cases, member_count, signed)
