"""How values are shown: yen, dates, and the core's Japanese/English labels in the interface language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from reviewdesk.auth.roles import role_label
from reviewdesk.cases.document_terms import masking_label
from reviewdesk.cases.intake_terms import document_kind_label, outcome_kind_label, sex_label
from reviewdesk.cases.meeting_terms import meeting_kind_label, meeting_status_label, vote_label
from reviewdesk.cases.members import COURSES
from reviewdesk.cases.outcomes import answer_label, element_label, finding_outcome_label
from reviewdesk.cases.procedures import PROCEDURES
from reviewdesk.cases.review_terms import assignment_status_label, opinion_status_label
from reviewdesk.cases.states import state_label

# The labels themselves live in the core, one table per noun; these pick the interface's
# language and show a code the table does not know as it is. The labels of the case view's
# own tabs (assessment, history) are imported with those tabs, not with the case list.


def _pick(pair: tuple[str, str] | None, code: str, lang: str) -> str:
    if pair is None:
        return code
    return pair[0] if lang == "ja" else pair[1]


def _core(label: Callable[[str, str], str], code: str, lang: str) -> str:
    try:
        return label(code, lang)
    except (KeyError, ValueError):
        return code


def _tolerant(label: Callable[[str, str], str]) -> Callable[[str, str], str]:
    """text(code, lang): the core's label for the code, or the code itself if it is unknown
    (a value written by a newer version must still show, not crash a table)."""
    return lambda code, lang: _core(label, code, lang)


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
    return _core(finding_outcome_label, code, lang) if code else ""


element_text = _tolerant(element_label)


def answer_text(code: str | None, lang: str) -> str:
    return "—" if code is None else _core(answer_label, code, lang)


vote_text = _tolerant(vote_label)


outcome_kind_text = _tolerant(outcome_kind_label)


document_kind_text = _tolerant(document_kind_label)


masking_text = _tolerant(masking_label)


def sex_text(code: str | None, lang: str) -> str:
    return _core(sex_label, code, lang) if code else ""


def household_role_text(code: str, lang: str) -> str:
    from reviewdesk.cases.assessment.labels import household_role_label

    return _core(household_role_label, code, lang)


meeting_kind_text = _tolerant(meeting_kind_label)


meeting_status_text = _tolerant(meeting_status_label)


assignment_status_text = _tolerant(assignment_status_label)


opinion_status_text = _tolerant(opinion_status_label)


def assessment_status_text(code: str, lang: str) -> str:
    from reviewdesk.cases.assessing import assessment_status_label

    return _core(assessment_status_label, code, lang)


def action_text(code: str, lang: str) -> str:
    from reviewdesk.cases.history import action_label

    return _core(action_label, code, lang)


def detail_key_text(code: str, lang: str) -> str:
    from reviewdesk.cases.history import detail_label

    return _core(detail_label, code, lang)


def letter_kind_text(code: str, lang: str) -> str:
    from reviewdesk.letters.gather import letter_title

    return letter_title(code, lang)


def iso_day(value: object) -> str:
    """A date stored as ISO text (an event's detail) in the one date format of the app."""
    try:
        return day(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def reason_text(code: str, lang: str) -> str:
    from reviewdesk.cases.assessment.labels import REASON_LABELS, REASON_LABELS_EN

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
