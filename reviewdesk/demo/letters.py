"""Signed letters for the demo's decided cases, under a demo certificate made at demo time."""

from __future__ import annotations

import sqlalchemy as sa

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import SYSTEM, Actor
from reviewdesk.auth.unit_of_work import write
from reviewdesk.cases.meeting_terms import MeetingStatus
from reviewdesk.cases.outcomes import LIABLE_OUTCOMES
from reviewdesk.letters.issuing import issue_case_letter, issue_minutes
from reviewdesk.letters.pki import make_demo_pki
from reviewdesk.letters.signer import import_signer
from reviewdesk.store import models as m
from reviewdesk.store.vault import Vault

# Signing takes about a tenth of a second a letter: a large demo gets letters for its most
# recent decisions only.
DEFAULT_LETTER_CASES = 60


def _actor(vault: Vault, username: str) -> Actor:
    from reviewdesk.auth.users import actor_for

    with vault.reading() as session:
        user_id = session.scalar(sa.select(m.User.id).where(m.User.username == username))
    assert user_id is not None
    return actor_for(vault, user_id)


def _hold_open(vault: Vault, case_ids: list[int], hold: bool) -> None:
    """Closed demo cases back in the state they were closed from (hold), or closed again."""
    if not case_ids:
        return
    with write(vault, SYSTEM, Action.ISSUE_LETTER) as uow:
        uow.session.execute(sa.update(m.Case).where(m.Case.id.in_(case_ids)).values(
            state=m.Case.state_before_close if hold else "closed"))
        uow.audit("demo.letters_open" if hold else "demo.letters_closed", "demo", None,
                  detail={"cases": len(case_ids)})


def issue_demo_letters(vault: Vault, max_cases: int = DEFAULT_LETTER_CASES) -> int:
    """Imports a demo PKI (DEMO / デモ用 in every subject) and signs the decided cases' letters."""
    pki = make_demo_pki(signer_name="審査会 デモ用署名者")
    import_signer(vault, SYSTEM, pki.signer_p12, pki.password.decode("ascii"))
    secretariat, chair = _actor(vault, "secretariat1"), _actor(vault, "chair1")
    decided = ("decided", "notified", "closed")
    with vault.reading() as session:
        cases = session.execute(
            sa.select(m.Case.id, m.Case.state, m.Case.outcome, m.Case.decided_on, m.Case.received_on,
                      m.Case.state_before_close)
            .where(m.Case.state.in_((*decided, "not_covered", "coverage_check")))
            .order_by(m.Case.received_on.desc()).limit(max_cases)).all()
        meetings = session.scalars(sa.select(m.Meeting.id).where(m.Meeting.status == MeetingStatus.HELD.value)
                                   .order_by(m.Meeting.held_on.desc()).limit(2)).all()
    issued = 0
    # A closed case takes no letters: its letters were sent before it was closed, so the demo
    # holds its closed cases open while it signs them, then closes them again.
    closed = [case_id for case_id, state, *_ in cases if state == "closed"]
    _hold_open(vault, closed, True)
    for case_id, state, outcome, decided_on, received_on, before in cases:
        kinds: list[tuple[str, Actor]] = [("intake_acknowledgement", secretariat)]
        if state == "not_covered" or before == "not_covered":
            kinds.append(("not_covered", secretariat))
        elif state in decided and outcome:
            kinds.append(("finding", chair))
            if outcome in LIABLE_OUTCOMES:
                kinds.append(("assessment", secretariat))
        for kind, actor in kinds:
            day = received_on if kind == "intake_acknowledgement" else (decided_on or received_on)
            issue_case_letter(vault, actor, case_id, kind, issued_on=day)
            issued += 1
    _hold_open(vault, closed, False)
    for case_id, state, _outcome, decided_on, _received_on, before in cases:
        if state == "closed" and before == "notified":
            issue_case_letter(vault, secretariat, case_id, "case_record", issued_on=decided_on)
            issued += 1
    for meeting_id in meetings:
        issue_minutes(vault, secretariat, meeting_id)
        issued += 1
    return issued
