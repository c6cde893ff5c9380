"""The vault's content against its audit trail: every audited row as its last event recorded it,
and the chain against heads anchored outside the vault (letters, backups, checkpoints).

The trail alone proves little to someone holding the vault key: rows can be edited without an
event, and events deleted or rewritten with the chain recomputed. The first is found here by
recomputing each audited row's digest (store/digests.py); the second by comparing the chain
with the (sequence number, hash) pairs that signed letters, backup manifests and checkpoints
carry: an anchor issued after the cut names an event the trail no longer has, or has otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth.audit import ChainReport
from reviewdesk.store.digests import all_digests, audited_tables, split_key
from reviewdesk.store.models import AuditEvent


class RowProblemKind(StrEnum):
    CHANGED = "changed"  # the row differs from what its last event recorded
    UNRECORDED = "unrecorded"  # no event records the row at all
    DELETED = "deleted"  # an event recorded the row; it is gone, and no event says so
    REAPPEARED = "reappeared"  # the last event recorded its deletion; it is there again


_ROW_TEXTS: dict[RowProblemKind, tuple[str, str]] = {
    RowProblemKind.CHANGED: ("記録 {key} の内容が監査記録（イベント {event}）と一致しません（記録外の変更）",
                             "row {key} differs from what audit event {event} recorded "
                             "(changed outside the application)"),
    RowProblemKind.UNRECORDED: ("記録 {key} を記録した監査イベントがありません（記録外の追加）",
                                "no audit event records row {key} (added outside the application)"),
    RowProblemKind.DELETED: ("記録 {key} が削除されていますが、削除の監査イベントがありません"
                             "（最後の記録はイベント {event}）",
                             "row {key} is gone but no audit event records its deletion "
                             "(last recorded by event {event})"),
    RowProblemKind.REAPPEARED: ("記録 {key} はイベント {event} で削除されたはずですが、存在します",
                                "row {key} was deleted by event {event} but is there again"),
}


@dataclass(frozen=True)
class RowProblem:
    key: str  # "table:id"
    kind: RowProblemKind
    event_id: int | None  # the last event naming the row, if any

    @property
    def table(self) -> str:
        return split_key(self.key)[0]

    def text(self, lang: str = "ja") -> str:
        ja, en = _ROW_TEXTS[self.kind]
        return (ja if lang == "ja" else en).format(key=self.key, event=self.event_id)


def recorded_rows(session: Session) -> dict[str, tuple[str | None, int]]:
    """Each row the trail names, with the digest its last event recorded and that event's id."""
    recorded: dict[str, tuple[str | None, int]] = {}
    events = session.execute(
        sa.select(AuditEvent.id, AuditEvent.detail).where(AuditEvent.detail.contains('"rows"'))
        .order_by(AuditEvent.id).execution_options(yield_per=500))
    for event_id, detail in events:
        try:
            rows = json.loads(detail).get("rows")
        except (ValueError, AttributeError):
            continue
        if isinstance(rows, dict):
            for key, digest in rows.items():
                recorded[key] = (digest if isinstance(digest, str) else None, event_id)
    return recorded


@dataclass
class RowReport:
    rows: int = 0  # audited rows read
    problems: list[RowProblem] = field(default_factory=list)


def check_rows(session: Session) -> RowReport:
    """Every audited row whose content is not what the trail last recorded, table by table."""
    report = RowReport()
    report.problems.extend(_row_problems(session, report))
    return report


def _row_problems(session: Session, report: RowReport) -> Iterator[RowProblem]:
    recorded = recorded_rows(session)
    conn = session.connection()
    for table in audited_tables():
        prefix = table.name + ":"
        for key, digest in all_digests(conn, table):
            report.rows += 1
            expected = recorded.pop(key, None)
            if expected is None:
                yield RowProblem(key, RowProblemKind.UNRECORDED, None)
            elif expected[0] is None:
                yield RowProblem(key, RowProblemKind.REAPPEARED, expected[1])
            elif expected[0] != digest:
                yield RowProblem(key, RowProblemKind.CHANGED, expected[1])
        for key in [k for k in recorded if k.startswith(prefix)]:
            expected = recorded.pop(key)
            if expected[0] is not None:
                yield RowProblem(key, RowProblemKind.DELETED, expected[1])


class AnchorVerdict(StrEnum):
    OK = "ok"  # the trail has the anchored event, with the anchored hash, and verifies to it
    CUT = "cut"  # the anchored event is gone: the trail was truncated
    REWRITTEN = "rewritten"  # the anchored event has another hash: the trail was rewritten
    BROKEN = "broken"  # the chain is broken at or before the anchored event
    OTHER_VAULT = "other_vault"  # the anchor belongs to another vault


def compare_anchor(session: Session, chain: ChainReport, vault_id: str, anchor_vault: str,
                   seq: int, head: str) -> AnchorVerdict:
    """Whether the vault's trail still contains the anchored head (same seq, same hash) and the
    chain verifies up to it. `chain` is verify_chain's report on the same trail."""
    if anchor_vault != vault_id:
        return AnchorVerdict.OTHER_VAULT
    stored = session.scalar(sa.select(AuditEvent.hash).where(AuditEvent.id == seq)) if seq else None
    if seq and stored is None:
        return AnchorVerdict.CUT
    if seq and stored != head:
        return AnchorVerdict.REWRITTEN
    if not chain.intact and chain.broken_event_id is not None and chain.broken_event_id <= seq:
        return AnchorVerdict.BROKEN
    return AnchorVerdict.OK
