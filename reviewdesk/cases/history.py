"""A case's history (the case view's tab, `reviewdesk cases history`): its audit events as
frozen rows, oldest first, limited to what the acting user may see.

The rule, applied here once for every caller:

- Nobody sees anything of a case they cannot see (`load_case`: the same NotFound as a
  missing case).
- Roles that may read the audit trail (`Action.READ_AUDIT`: secretariat, chair, auditor) see
  every event of the case.
- Everyone else sees the case's history without the events that would tell them what they
  may not see yet. The actor's own events are always shown. Of the others' events:

  * opinion events (`opinion.*`, or any event on an `opinion`) are shown only when the actor
    may already read the other reviewers' opinions on the case (`opinions.sees_everyone`:
    a role that reads all cases, or a reviewer who has submitted their own opinion). Before
    that, even the bare fact and time of another reviewer saving or submitting is blind
    review's business;
  * assignment events (`assignment.*`, or any event on an `assignment`: the secretariat
    assigning a reviewer with its due date, a reviewer declaring a conflict) are shown when
    the assignment is the actor's own, otherwise under the same condition. This is exactly
    what `review.list_assignments` shows: before submitting, a reviewer learns neither who
    else reviews the case, nor their deadline, nor that one of them withdrew;
  * assessment events (`assessment.*`, or any event on an `assessment`) are shown only to
    roles that read all cases: reviewers never see assessments (`assessing.list_assessments`);
  * the secretariat or the chair opening an original document is the audit trail's business;
  * every other event of the case (intake, coverage, documents, meetings, finding, letters,
    closing) is case-level and shown.

Whoever reads it, an event's detail is cut to a few harmless keys (no free text such as
reasons, no votes, no amounts), and for a role that may not see the patient's identity
(`access.patient_display`) the patient's name and kana in what is left (a document's file
name, say) are replaced by the case alias. A document's file name is shown only to those who
may read originals; everyone else sees the neutral name of documents.py (「資料3_請求書.pdf」), and
no event at all of a document they may not see yet (one still waiting for masking).

On a server the logins of roles that may not see the patient's identity can read neither the
trail's details nor the name: the database cuts and redacts the details for them
(`reviewdesk_case_events`, auth/server_security.py), by the same keys and the same pattern;
tests/cases/test_history.py checks both backends against one expectation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth.audit import SHOWN_DETAIL_KEYS
from reviewdesk.auth.permissions import Action, allowed
from reviewdesk.auth.roles import Actor
from reviewdesk.cases.access import read_case
from reviewdesk.cases.documents import document_names
from reviewdesk.cases.opinions import sees_everyone
from reviewdesk.store.models import Assignment, AuditEvent, Case, User
from reviewdesk.store.vault import Vault

# The kinds of entity whose events are another reviewer's business (see the module docstring).
_OPINION, _ASSIGNMENT, _ASSESSMENT = "opinion", "assignment", "assessment"
_DOCUMENT = "document"

# Japanese and English names of the events, for the GUI and the command line.
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "case.register": ("受付", "Registered"),
    "case.coverage_check": ("受理審査", "Coverage check"),
    "case.coverage_override": ("受理審査の覆し", "Coverage overridden"),
    "case.not_covered": ("対象外", "Not covered"),
    "case.withdraw": ("取下げ", "Withdrawn"),
    "case.close": ("完結", "Closed"),
    "case.reopen": ("再開", "Reopened"),
    "case.transition": ("状態の変更", "State changed"),
    "document.add": ("資料の追加", "Document added"),
    "document.mask": ("資料のマスキング", "Document masked"),
    "document.no_personal_data": ("資料を個人情報なしと確認", "Document marked free of personal data"),
    "document.open_original": ("マスキング前の資料の閲覧", "Original document opened"),
    "document.changes_acknowledged": ("資料の修正を確認", "Document changes acknowledged"),
    "assignment.add": ("査読委員の指名", "Reviewer assigned"),
    "assignment.create": ("査読委員の指名", "Reviewer assigned"),
    "assignment.conflict": ("利益相反の申告", "Conflict declared"),
    "case.decide": ("決定", "Decided"),
    "case.notify": ("通知", "Notified"),
    "case.notified": ("通知", "Notified"),
    "case.appeal": ("異議申立", "Appeal registered"),
    "meeting.agenda_add": ("会議の議題に追加", "Put on a meeting's agenda"),
    "meeting.recusal": ("審議からの除斥", "Recusal"),
    "opinion.save": ("査読意見の保存", "Opinion saved"),
    "opinion.submit": ("査読意見の提出", "Opinion submitted"),
    "finding.record": ("審査結果の記録", "Finding recorded"),
    "assessment.compute": ("査定の計算", "Assessment computed"),
    "assessment.approve": ("査定の承認", "Assessment approved"),
    "letter.issue": ("通知書の発行", "Letter issued"),
    "letter.sign": ("通知書の署名", "Letter signed"),
}


def action_label(action: str, lang: str = "en") -> str:
    """The event's human name in Japanese ("ja") or English; the action itself if unknown."""
    pair = ACTION_LABELS.get(action)
    if pair is None:
        return action
    return pair[0] if lang == "ja" else pair[1]


# Japanese and English names of the details shown (SHOWN_DETAIL_KEYS).
DETAIL_LABELS: dict[str, tuple[str, str]] = {
    "case_no": ("事案番号", "case no."), "procedure": ("施術", "procedure"),
    "covered": ("受理審査", "coverage"), "filename": ("ファイル", "file"), "size": ("サイズ", "size"),
    "username": ("利用者", "user"), "version": ("版", "version"), "outcome": ("結果", "outcome"),
    "state": ("状態", "state"), "due_on": ("期限", "due"),
    "letter_no": ("文書番号", "letter no."), "kind": ("通知書", "letter"),
    "pages": ("ページ", "pages"), "boxes": ("マスク数", "masks"), "revision": ("回", "revision"),
}


def detail_label(key: str, lang: str = "en") -> str:
    """A detail's name in Japanese ("ja") or English; the key itself if unknown."""
    pair = DETAIL_LABELS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "ja" else pair[1]


@dataclass(frozen=True)
class HistoryRow:
    id: int
    at: datetime  # naive UTC, as stored
    username: str  # the login name, as the audit event recorded it
    action: str
    entity: str
    entity_id: int | None
    detail: dict[str, object]
    name: str = ""  # the user's display name (the login name when the user is unknown)


def case_history(vault: Vault, actor: Actor, case_id: int) -> list[HistoryRow]:
    """The events of a case the actor may see (NotFound otherwise), oldest first, limited by
    the rule of the module docstring."""
    with read_case(vault, actor, case_id) as (session, case):
        query = (sa.select(AuditEvent.id, AuditEvent.at, AuditEvent.user_id, AuditEvent.username,
                           AuditEvent.action, AuditEvent.entity, AuditEvent.entity_id, User.display_name)
                 .outerjoin(User, User.id == AuditEvent.user_id)
                 .where(AuditEvent.case_id == case.id)
                 .order_by(AuditEvent.id))
        server = session.get_bind().dialect.name == "postgresql"
        if server and not allowed(actor, Action.SEE_PATIENT_IDENTITY):
            # On a server such a seat reads neither the details nor the patient's name: the
            # server cuts and redacts them (auth/server_security.py, the same rule as here).
            events = sa.func.reviewdesk_case_events(case.id).table_valued("event_id", "shown")
            query = query.add_columns(events.c.shown.label("detail")).join(
                events, events.c.event_id == AuditEvent.id)
            redact: Callable[[str], str] = _unchanged
        else:
            query = query.add_columns(AuditEvent.detail)
            redact = _redactor(case, actor)
        rows = session.execute(query).all()
        shown = _event_filter(session, actor, case)
        names = document_names(session, actor, [case.id])
        return [HistoryRow(r.id, r.at, r.username, r.action, r.entity, r.entity_id,
                           _document_detail(_shown_detail(r.detail, redact), r, names),
                           r.display_name or r.username)
                for r in rows if shown(r) and (r.entity != _DOCUMENT or r.entity_id in names)]


def _document_detail(detail: dict[str, object], row: Any, names: dict[int, str]) -> dict[str, object]:
    """A document event names the document as the reader knows it."""
    if row.entity != _DOCUMENT or row.entity_id not in names:
        return detail
    return {**detail, "filename": names[row.entity_id]}


def _kind(action: str, entity: str) -> str:
    """The restricted kind an event belongs to (opinion, assignment, assessment), or ""."""
    for kind in (_OPINION, _ASSIGNMENT, _ASSESSMENT):
        if entity == kind or action.startswith(f"{kind}."):
            return kind
    return ""


def _event_filter(session: Session, actor: Actor, case: Case) -> Callable[[Any], bool]:
    """Whether the actor may see one event row of the case (see the module docstring)."""
    if allowed(actor, Action.READ_AUDIT):
        return lambda row: True
    everyone = sees_everyone(session, actor, case.id)
    reads_assessments = allowed(actor, Action.READ_ALL_CASES)
    reviewer_of: dict[int, int] = {
        assignment_id: reviewer_id for assignment_id, reviewer_id in session.execute(
            sa.select(Assignment.id, Assignment.reviewer_id).where(Assignment.case_id == case.id))}

    def own(row: Any) -> bool:
        if actor.user_id is not None:
            return bool(row.user_id == actor.user_id)
        return bool(row.username == actor.username)

    def shown(row: Any) -> bool:
        if own(row):
            return True
        if row.action == "document.open_original":  # the trail's business, not the reviewer's
            return False
        kind = _kind(row.action, row.entity)
        if kind == _OPINION:
            return everyone
        if kind == _ASSIGNMENT:
            mine = (row.entity == _ASSIGNMENT and actor.user_id is not None
                    and reviewer_of.get(row.entity_id) == actor.user_id)
            return mine or everyone
        if kind == _ASSESSMENT:
            return reads_assessments
        return True

    return shown


def _unchanged(text: str) -> str:
    return text


def _redactor(case: Case, actor: Actor) -> Callable[[str], str]:
    """Replaces the patient's name and kana by the case alias for roles that may not see them."""
    if allowed(actor, Action.SEE_PATIENT_IDENTITY):
        return _unchanged
    # A name matches with any spacing between its parts: 山田 花子, 山田　花子, 山田花子.
    names = [parts for name in (case.patient_name, case.patient_kana)
             if len("".join(parts := (name or "").split())) >= 2]
    if not names:
        return _unchanged
    pattern = re.compile("|".join(r"\s*".join(re.escape(p) for p in parts)
                                  for parts in sorted(names, key=lambda ps: -len("".join(ps)))))
    return lambda text: pattern.sub(case.patient_alias, text)


def _shown_detail(detail_json: str, redact: Callable[[str], str]) -> dict[str, object]:
    try:
        detail = json.loads(detail_json or "{}")
    except ValueError:
        return {}
    if not isinstance(detail, dict):
        return {}
    return {k: redact(detail[k]) if isinstance(detail[k], str) else detail[k]
            for k in SHOWN_DETAIL_KEYS if k in detail}
