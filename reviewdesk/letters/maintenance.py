"""Keeping signed letters verifiable for years: which letters need it, and the renewal itself.

A letter is renewed (letters/ltv.py) outside any transaction (the TSA and the OCSP/CRL servers
are on the network), then its new bytes are stored in one audited unit of work, only if they
extend the stored bytes (incremental revisions; the signed bytes stay as they were) and the
stored bytes did not change meanwhile.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa

from reviewdesk.auth.permissions import Action, require
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.errors import RuleViolation
from reviewdesk.letters import ltv
from reviewdesk.letters.signer import trusted_roots
from reviewdesk.letters.tsa import load_tsa
from reviewdesk.store import models as m
from reviewdesk.store.vault import Vault

STEP_LABELS = {"validation_data": "検証情報（証明書・失効情報）を追加",
               "document_timestamp": "文書タイムスタンプを追加",
               "renewed_timestamp": "文書タイムスタンプを更新"}


@dataclass(frozen=True)
class MaintenanceLine:
    """What happened to one letter: steps done, or why not (error, in Japanese)."""

    letter_no: str
    before: str
    after: str
    steps: tuple[str, ...] = ()
    error: str = ""

    def text(self) -> str:
        if self.error:
            return f"{self.letter_no}: 更新できません（{self.error}）"
        if not self.steps:
            return f"{self.letter_no}: {self.before}（更新は不要です）"
        done = "、".join(STEP_LABELS.get(s, s) for s in self.steps)
        return f"{self.letter_no}: {self.before} → {self.after}（{done}）"


@dataclass(frozen=True)
class MaintenanceReport:
    lines: list[MaintenanceLine] = field(default_factory=list)

    @property
    def renewed(self) -> int:
        return sum(1 for line in self.lines if line.steps and not line.error)

    @property
    def failed(self) -> int:
        return sum(1 for line in self.lines if line.error)


def _level(letter: m.Letter) -> str:
    return letter.pades_level or "B-B"  # signed before migration 0007: issued at B-B


def _due_ids(session: sa.orm.Session, now: dt.datetime, margin: dt.timedelta) -> list[int]:
    """Signed letters below B-LTA, and B-LTA letters whose last archive timestamp's TSA
    certificate expires within the margin (read from each PDF's last timestamp alone)."""
    ids = []
    for letter_id, level in session.execute(sa.select(m.Letter.id, m.Letter.pades_level)
                                            .where(m.Letter.signed.is_(True))
                                            .order_by(m.Letter.id)).all():
        if level != "B-LTA":
            ids.append(letter_id)
            continue
        pdf = session.scalar(sa.select(m.Letter.pdf).where(m.Letter.id == letter_id))  # one at a time
        if ltv.needs_maintenance(level, ltv.last_tsa_expiry(pdf or b""), now, margin):
            ids.append(letter_id)
    return ids


def letters_needing_maintenance(vault: Vault, actor: Actor, *, now: dt.datetime | None = None,
                                margin: dt.timedelta = ltv.RENEWAL_MARGIN) -> int:
    """How many signed letters lack validation data or a document timestamp, or have one whose
    TSA certificate expires within the margin (for the dashboard)."""
    with read(vault, actor, Action.READ_ALL_CASES) as session:
        return len(_due_ids(session, now or dt.datetime.now(dt.UTC), margin))


def maintain_letters(vault: Vault, actor: Actor, *, now: dt.datetime | None = None,
                     margin: dt.timedelta = ltv.RENEWAL_MARGIN,
                     tsa: ltv.TsaConfig | None = None,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> MaintenanceReport:
    """Renews every letter that needs it (see ltv.renew), each in its own audited unit of work
    ("letter.maintain"). Stops at the first letter the TSA does not answer for. tsa: the
    board's TSA unless given (benchmarks and tests)."""
    from pyhanko.sign.timestamps import TimestampRequestError

    require(actor, Action.ISSUE_LETTER)
    now = now or dt.datetime.now(dt.UTC)
    with read(vault, actor, Action.ISSUE_LETTER) as session:
        tsa = tsa or load_tsa(vault, session)
        due = _due_ids(session, now, margin)
    if tsa is None:
        raise RuleViolation("no time-stamping authority is configured (board settings)",
                            ja="タイムスタンプ局が設定されていません（管理画面の「審査会の設定」で設定してください）")
    roots = _anchors(trusted_roots(vault))
    report = MaintenanceReport()
    for done, letter_id in enumerate(due):
        if cancelled is not None and cancelled():
            break
        with read(vault, actor, Action.ISSUE_LETTER) as session:
            letter = session.get(m.Letter, letter_id)
            assert letter is not None
            letter_no, before, pdf, digest = letter.letter_no, _level(letter), letter.pdf, letter.sha256
        try:
            renewal = ltv.renew(pdf, tsa, roots, now=now, margin=margin)
        except TimestampRequestError:
            report.lines.append(MaintenanceLine(letter_no, before, before,
                                                error="タイムスタンプ局が応答しません"))
            break
        except Exception as exc:  # a revoked signer, an unreachable OCSP responder, …
            report.lines.append(MaintenanceLine(letter_no, before, before,
                                                error=_why(exc)))
            continue
        if renewal.changed:
            try:
                _store(vault, actor, letter_id, digest, renewal, before)
            except RuleViolation as exc:
                report.lines.append(MaintenanceLine(letter_no, before, before, error=exc.ja))
                continue
        report.lines.append(MaintenanceLine(letter_no, before, renewal.level, renewal.steps))
        if progress is not None:
            progress(done + 1, len(due))
    return report


def _store(vault: Vault, actor: Actor, letter_id: int, digest: str, renewal: ltv.Renewal,
           before: str) -> None:
    with write(vault, actor, Action.ISSUE_LETTER) as uow:
        letter = uow.session.get(m.Letter, letter_id)
        assert letter is not None
        if letter.sha256 != digest or not renewal.pdf.startswith(letter.pdf):
            raise RuleViolation(
                f"letter {letter.letter_no} changed while it was renewed",
                ja=f"通知書 {letter.letter_no} が更新中に変更されました。もう一度実行してください")
        letter.pdf = renewal.pdf
        letter.sha256 = hashlib.sha256(renewal.pdf).hexdigest()
        letter.pades_level = renewal.level
        letter.maintained_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        uow.session.flush()
        uow.audit("letter.maintain", "letter", letter.id, case_id=letter.case_id, detail={
            "letter_no": letter.letter_no, "from": before, "to": renewal.level,
            "steps": list(renewal.steps), "sha256_before": digest, "sha256": letter.sha256})


def _anchors(roots: list[bytes]) -> list[object]:
    from reviewdesk.letters.verify import trust_anchors

    return trust_anchors(roots)


def _why(exc: Exception) -> str:
    name = type(exc).__name__
    if "Revoked" in name:
        return "署名者の証明書が失効しています"
    if "Expired" in name or "NotYetValid" in name:
        return "証明書の有効期間外です"
    if "PathBuilding" in name or "PathValidation" in name:
        return "証明書の検証経路を確認できません（信頼する証明書を確認してください）"
    return f"検証情報を取得できません（{name}）"
