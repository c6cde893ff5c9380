"""How values are shown: yen, dates, and the core's Japanese/English labels in the interface language."""

from __future__ import annotations

from datetime import UTC, date, datetime

from reviewdesk.auth.roles import role_label
from reviewdesk.cases.assessment.labels import REASON_LABELS, REASON_LABELS_EN
from reviewdesk.cases.members import COURSES
from reviewdesk.cases.procedures import PROCEDURES
from reviewdesk.cases.states import state_label

OUTCOME_KIND_LABELS = {"injury": ("傷害", "Injury"), "after_effect": ("後遺障害", "After-effect"),
                       "death": ("死亡", "Death")}
FINDING_LABELS = {"liable": ("有責", "Liable"), "partly_liable": ("一部有責", "Partly liable"),
                  "not_liable": ("無責", "Not liable"), "deferred": ("判定保留", "Deferred")}
DOCUMENT_KIND_LABELS = {"record": ("診療録", "Medical record"), "consent": ("同意書", "Consent form"),
                        "photo": ("写真", "Photo"), "claimant_letter": ("請求者の書面", "Claimant's letter"),
                        "other": ("その他", "Other")}
SEX_LABELS = {"female": ("女性", "Female"), "male": ("男性", "Male"), "other": ("その他", "Other")}


def _pick(pair: tuple[str, str] | None, code: str, lang: str) -> str:
    if pair is None:
        return code
    return pair[0] if lang == "ja" else pair[1]


def yen(amount: int | None, lang: str = "ja") -> str:
    if amount is None:
        return ""
    return f"{amount:,}円" if lang == "ja" else f"¥{amount:,}"


def day(value: date | None) -> str:
    """A date as Japanese business documents and software write it: 2026/04/01."""
    return value.strftime("%Y/%m/%d") if value else ""


def moment(value: datetime | None) -> str:
    """A stored time (naive UTC, as the store writes it) in the computer's own time zone."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%Y/%m/%d %H:%M")


def state_text(code: str, lang: str) -> str:
    try:
        return state_label(code, lang)
    except ValueError:
        return code


def procedure_text(code: str, lang: str) -> str:
    proc = PROCEDURES.get(code)
    return proc.label("ja" if lang == "ja" else "en") if proc else code


def course_text(code: str, lang: str) -> str:
    return _pick(COURSES.get(code), code, lang)


def finding_text(code: str | None, lang: str) -> str:
    return _pick(FINDING_LABELS.get(code), code, lang) if code else ""


def outcome_kind_text(code: str, lang: str) -> str:
    return _pick(OUTCOME_KIND_LABELS.get(code), code, lang)


def document_kind_text(code: str, lang: str) -> str:
    return _pick(DOCUMENT_KIND_LABELS.get(code), code, lang)


def sex_text(code: str | None, lang: str) -> str:
    return _pick(SEX_LABELS.get(code), code, lang) if code else ""


def reason_text(code: str, lang: str) -> str:
    table = REASON_LABELS if lang == "ja" else REASON_LABELS_EN
    return table.get(code, code)


def coverage_text(covered: bool, lang: str) -> str:
    if lang == "ja":
        return "対象" if covered else "対象外"
    return "covered" if covered else "not covered"


def role_text(role: str, lang: str) -> str:
    return role_label(role, lang)


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B"
