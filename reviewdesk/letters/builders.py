"""Pure functions turning the plain inputs into LetterContent for the four letters to members."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from reviewdesk.cases.outcomes import FindingOutcome
from reviewdesk.errors import InputError
from reviewdesk.letters.board import BoardSettings
from reviewdesk.letters.board import defaults as board_defaults
from reviewdesk.letters.content import (
    AmountRow,
    AmountTable,
    Block,
    FindingRow,
    FindingsTable,
    Heading,
    Items,
    LetterContent,
    LetterKind,
    Para,
    TraceStep,
    TraceTable,
    format_yen,
)
from reviewdesk.letters.era import wareki
from reviewdesk.letters.inputs import (
    AssessmentFigures,
    AssessmentLetterInput,
    CaseSummary,
    Correction,
    FindingElement,
    FindingLetterInput,
    IntakeAcknowledgementInput,
    NotCoveredInput,
    Recipient,
    Signatory,
    VoteTally,
)
from reviewdesk.letters.templates import LetterTemplate, load_association, load_template

_CODE = re.compile(r"[a-z][a-z0-9_]*")

# The contract lines every letter to a member carries after the case number.
CONTRACT_FIELDS = ("contract_number", "period")


class Numbered(Protocol):
    """What every input has for the header: LetterHeader, MinutesInput, CaseRecordInput."""

    @property
    def document_number(self) -> str: ...
    @property
    def issue_date(self) -> dt.date: ...
    @property
    def signatory(self) -> Signatory | None: ...


def build_intake_acknowledgement(
    data: IntakeAcknowledgementInput, *, templates: Path | None = None,
    board: BoardSettings | None = None,
) -> LetterContent:
    """受付通知書: the report was received and will be checked and reviewed."""
    tpl = load_template(LetterKind.INTAKE_ACKNOWLEDGEMENT, templates)
    values = case_values(data.case) | {"received_date": wareki(data.received_date)}
    if data.case.report_date is None:
        values["report_date"] = values["received_date"]
    rows = [
        *case_rows(tpl, data.case, ("case_number", *CONTRACT_FIELDS, "insured_name", "facility",
                                    "procedure")),
        # The report date is in the first sentence (…付けでご報告いただきました).
        *case_rows(tpl, data.case, ("incident_date", "claim_date")),
        (tpl.label("received_date"), values["received_date"]),
    ]
    blocks = [*letter_opening(tpl, values), *record(tpl, [Items(tuple(rows))])]
    return assemble(tpl, data.header, data.case.case_number, blocks, templates, board=board)


def build_not_covered(data: NotCoveredInput, *, templates: Path | None = None,
                      board: BoardSettings | None = None) -> LetterContent:
    """対象外通知書: why the case falls outside the cover, one reason per coverage code."""
    tpl = load_template(LetterKind.NOT_COVERED, templates)
    if not data.reasons:
        raise InputError("a not-covered letter needs at least one reason",
                         ja="対象外通知書には対象外の理由を一つ以上選んでください")
    values = case_values(data.case)
    fields = ("case_number", *CONTRACT_FIELDS, "insured_name", "facility", "procedure",
              "incident_date", "claim_date")
    # A reason's words cite the dates it turns on; a date the case lacks reads as 記録なし.
    reason_values = {k: v or "記録なし" for k, v in values.items()}
    reasons = []
    for code in data.reasons:
        entry = tpl.choice("reasons", code)
        text = tpl.text(f"reasons.{code}.text", reason_values)
        if "rule" in entry:
            text += f"（{tpl.label('rule')}：{tpl.text(f'reasons.{code}.rule')}）"
        reasons.append((tpl.text(f"reasons.{code}.label"), text))
    inner: list[Block] = [
        Items(tuple(case_rows(tpl, data.case, fields))),
        Heading(tpl.label("reasons")),
        Items(tuple(reasons), numbered=False),
    ]
    if data.remarks:
        inner += [Heading(tpl.text("remarks_heading")), Para(data.remarks)]
    blocks = [*letter_opening(tpl, values), *record(tpl, inner)]
    return assemble(tpl, data.header, data.case.case_number, blocks, templates, board=board)


def build_finding_letter(
    data: FindingLetterInput, *, templates: Path | None = None,
    board: BoardSettings | None = None,
) -> LetterContent:
    """審査結果通知書: the board's finding with its reasons per legal element."""
    tpl = load_template(LetterKind.FINDING, templates)
    if data.outcome not in tuple(FindingOutcome):
        raise InputError(f"unknown finding outcome '{data.outcome}'",
                         ja=f"審査結果「{data.outcome}」は定められた結果ではありません")
    if data.outcome == FindingOutcome.PARTLY_LIABLE and data.insured_share is None:
        raise InputError("a partly liable finding needs the insured's share",
                         ja="一部有責の審査結果には被共済者の負担割合が必要です")
    values = case_values(data.case) | {
        "meeting_date": wareki(data.meeting_date),
        "insured_share": format_share(data.insured_share),
    }
    values["outcome"] = tpl.text(f"outcomes.{data.outcome}.label", values)
    fields = ("case_number", *CONTRACT_FIELDS, "insured_name", "facility", "procedure",
              "incident_date", "claim_date")
    rows = [
        *case_rows(tpl, data.case, fields),
        (tpl.label("meeting_date"), values["meeting_date"]),
        (tpl.label("outcome"), values["outcome"]),
    ]
    if data.votes is not None:
        rows.append((tpl.label("votes"), vote_text(tpl, data.votes)))
    inner: list[Block] = [Items(tuple(rows))]
    if data.summary:
        inner += [Heading(tpl.label("summary")), Para(data.summary)]
    if data.elements:
        inner += [Heading(tpl.label("reasons_heading")), findings_table(tpl, data.elements)]
    paragraphs = tpl.texts(f"outcomes.{data.outcome}.paragraphs", values)
    blocks = [
        *letter_opening(tpl, values, extra=paragraphs),
        *record(tpl, inner),
    ]
    return assemble(tpl, data.header, data.case.case_number, blocks, templates, board=board)


def build_assessment_letter(
    data: AssessmentLetterInput, *, templates: Path | None = None,
    board: BoardSettings | None = None,
) -> LetterContent:
    """査定結果通知書: damages, liability and payout with every line and trace step in yen."""
    tpl = load_template(LetterKind.ASSESSMENT, templates)
    figures = data.figures
    check_figures(figures)
    values = case_values(data.case) | {
        "finding_number": data.finding_document_number,
        "finding_date": wareki(data.finding_date),
        "assessment_date": wareki(data.assessment_date),
        "edition": figures.edition,
        "liability": format_yen(figures.liability),
        "payout_total": format_yen(figures.payout_total),
    }
    rows = [
        *case_rows(tpl, data.case, ("case_number", *CONTRACT_FIELDS, "insured_name", "facility",
                                    "procedure")),
        *case_rows(tpl, data.case, ("incident_date",)),
        (tpl.label("edition"), figures.edition),
        (tpl.label("liability"), values["liability"]),
        *terms_rows(tpl, figures),
        (tpl.label("payout_total"), values["payout_total"]),
    ]
    association = load_association(templates)
    # The first page says how the liability became the payout, before the details under 記.
    summary = (payout_summary(tpl, figures),) if tpl.has("summary_start") else ()
    payment: list[Block] = []
    if tpl.has("payment") and figures.payout_total > 0:
        days = str(association.table("payment").get("days", 30))
        payment = [Para(tpl.text("payment", {"payment_days": days}))]
    inner: list[Block] = [
        Items(tuple(rows)),
        *([Heading(tpl.text("payment_heading")), *payment] if payment else []),
        Heading(tpl.label("damages_heading")),
        damages_table(tpl, figures),
        Heading(tpl.label("payout_heading")),
        payout_table(tpl, figures),
        Heading(tpl.label("trace_heading")),
        trace_table(tpl, figures),
    ]
    blocks = [*letter_opening(tpl, values, extra=summary), *record(tpl, inner)]
    return assemble(tpl, data.header, data.case.case_number, blocks, templates, board=board)


def payout_summary(tpl: LetterTemplate, figures: AssessmentFigures) -> str:
    """How the legal liability became the payout, in one paragraph for the first page:
    the other cover already paid, the deductible, the per-claim limit, the annual limit,
    then the litigation costs and the anesthesia layer on top."""
    terms = figures.terms
    if terms is None:
        return tpl.text("summary_end", {"payout_total": format_yen(figures.payout_total)})
    if not terms.covered:
        return tpl.text("summary_not_covered")
    base = max(figures.liability - terms.other_insurance_paid, 0)
    after = max(base - terms.deductible, 0)
    per_claim = min(after, terms.per_claim_limit)
    v = {"liability": format_yen(figures.liability), "other": format_yen(terms.other_insurance_paid),
         "deductible": format_yen(terms.deductible), "after_deductible": format_yen(after),
         "limit": format_yen(terms.per_claim_limit), "indemnity": format_yen(terms.indemnity),
         "litigation": format_yen(terms.litigation), "layer": format_yen(terms.anesthesia_layer),
         "payout_total": format_yen(figures.payout_total)}
    text = tpl.text("summary_start", v)
    if terms.other_insurance_paid:
        text += tpl.text("summary_other", v)
    text += tpl.text("summary_deductible", v)
    text += tpl.text("summary_over_limit" if after > terms.per_claim_limit else "summary_within_limit", v)
    if terms.indemnity < per_claim and terms.annual_aggregate is not None:
        v["remaining"] = format_yen(max(terms.annual_aggregate - terms.aggregate_used, 0))
        text += tpl.text("summary_aggregate", v)
    if terms.litigation:
        text += tpl.text("summary_litigation", v)
    if terms.anesthesia_layer:
        text += tpl.text("summary_layer", v)
    return text + tpl.text("summary_end", v)


def terms_rows(tpl: LetterTemplate, figures: AssessmentFigures) -> list[tuple[str, str]]:
    """The contract's figures beside the result: deductible, limit, what was paid before this
    claim in the contract year, what is left of the annual limit, what the member bears."""
    terms = figures.terms
    if terms is None or not tpl.has("labels.deductible"):
        return []
    rows = [(tpl.label("deductible"), format_yen(terms.deductible)),
            (tpl.label("per_claim_limit"), format_yen(terms.per_claim_limit)),
            (tpl.label("paid_before"), format_yen(terms.aggregate_used))]
    if terms.annual_aggregate is None:
        rows.append((tpl.label("remaining"), tpl.label("no_aggregate")))
    else:
        used = terms.aggregate_used + terms.indemnity
        if terms.litigation_in_aggregate:
            used += terms.litigation
        left = format_yen(max(terms.annual_aggregate - used, 0))
        rows.append((tpl.label("remaining"), tpl.text("labels.remaining_value", {"amount": left})))
    bears = max(figures.liability - terms.other_insurance_paid - terms.indemnity
                - terms.anesthesia_layer, 0)
    rows.append((tpl.label("member_bears"),
                 tpl.text("labels.member_bears_value", {"amount": format_yen(bears)})))
    return rows


# ---- shared by the builders here and in records.py


def assemble(
    tpl: LetterTemplate,
    header: Numbered,
    case_number: str,
    blocks: Sequence[Block],
    templates: Path | None,
    *,
    title_values: Mapping[str, str] | None = None,
    board: BoardSettings | None = None,
) -> LetterContent:
    """The LetterContent of a kind from its header (LetterHeader, or a record's own fields).

    board: the association and its signatories as the vault holds them at issue time
    (board.load); without it, the defaults of association.toml in `templates`."""
    recipient: Recipient | None = getattr(header, "recipient", None)
    corrects: Correction | None = getattr(header, "corrects", None)
    if not str(header.document_number).strip():
        raise InputError("a letter needs a document number", ja="通知書には文書番号が必要です")
    if board is None:
        board = board_defaults(templates)
    association = load_association(templates)
    address, names = addressee(recipient, association.honorifics) if recipient else ((), ())
    sender = board.sender(header.signatory or board.signatory(tpl.text("signatory")))
    notes = association.table("notes")
    tail: list[Block] = []
    if tpl.has("objection"):
        tail += objection_blocks(tpl, header.issue_date, association.table("objection"))
    title = tpl.text("title", title_values or {})
    if corrects is not None:
        title += CORRECTION_MARK
    return LetterContent(
        kind=tpl.kind,
        document_number=header.document_number,
        issue_date=header.issue_date,
        case_number=case_number,
        addressee=names,
        recipient_address=address,
        # 担当者 and direct line under the association's address, only on letters to members.
        sender=sender if recipient else dataclasses.replace(sender, contact_name="",
                                                            contact_phone=""),
        title=title,
        blocks=(*blocks, *tail),
        corrects=correction_notice(tpl, corrects),
        marking=str(notes.get("marking", "")) if recipient else "",
        # Letters to members: how personal data are handled.
        footnote=str(notes.get("privacy", "")) if recipient else "",
    )


CORRECTION_MARK = "（訂正）"


def objection_blocks(tpl: LetterTemplate, issued: dt.date,
                     objection: Mapping[str, object]) -> list[Block]:
    """教示: until which date, in which form, to whom, and which body decides an objection."""
    days = int(str(objection.get("days", 30)))
    values = {
        "objection_deadline": wareki(issued + dt.timedelta(days=days)),
        "objection_days": str(days),
        "objection_form": str(objection.get("form", "異議の理由を記載した書面により")),
        "objection_address": str(objection.get("recipient", "当会事務局")),
        "objection_body": str(objection.get("body", "理事会")),
    }
    return [Heading(tpl.text("objection_heading")), Para(tpl.text("objection", values), "boxed")]


def addressee(
    recipient: Recipient, honorifics: Mapping[str, str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(postal lines, name lines): 御中 for an organisation alone, 先生 for a named member."""
    address = tuple(x for x in (recipient.postal_code and f"〒{recipient.postal_code}",
                                recipient.address) if x)
    lines: list[str] = []
    person = " ".join(x for x in (recipient.member_title, recipient.member_name) if x)
    if recipient.facility:
        suffix = "" if recipient.member_name else f"　{honorifics['organisation']}"
        lines.append(f"{recipient.facility}{suffix}")
    if recipient.member_name:
        lines.append(f"{person}　{honorifics['person']}")
    if not (recipient.facility or recipient.member_name):
        raise InputError("a letter needs an addressee: a facility or a member",
                         ja="通知書の宛先（施設または会員）がありません")
    return address, tuple(lines)


def correction_notice(tpl: LetterTemplate, corrects: Correction | None) -> str | None:
    if corrects is None:
        return None
    text = tpl.text(
        "correction",
        {
            "corrected_number": corrects.document_number,
            "corrected_date": wareki(corrects.issue_date),
        },
    )
    if corrects.reason:
        text += tpl.text("correction_reason", {"reason": corrects.reason})
    return text


def case_values(case: CaseSummary) -> dict[str, str]:
    """The case's fields as template values; dates in the era form."""
    return {
        "case_number": case.case_number,
        "insured_name": case.insured_name,
        "facility": case.facility,
        "procedure": case.procedure,
        "patient": case.patient,
        "incident_date": wareki(case.incident_date),
        "claim_date": wareki(case.claim_date) if case.claim_date else "",
        "report_date": wareki(case.report_date) if case.report_date else "",
        "contract_number": case.contract_number,
        "period": (f"{wareki(case.period_start)}から{wareki(case.period_end)}まで"
                   if case.period_start and case.period_end else ""),
        "period_start": wareki(case.period_start) if case.period_start else "",
        "period_end": wareki(case.period_end) if case.period_end else "",
        "retro_date": wareki(case.retro_date) if case.retro_date else "",
        "course": case.course,
    }


def case_rows(
    tpl: LetterTemplate, case: CaseSummary, fields: Iterable[str]
) -> list[tuple[str, str]]:
    """Labelled rows for the 記 section, skipping fields the case does not have."""
    values = case_values(case)
    return [(tpl.label(name), values[name]) for name in fields if values[name]]


def letter_opening(
    tpl: LetterTemplate, values: Mapping[str, str], extra: Sequence[str] = ()
) -> list[Block]:
    """拝啓 and the greeting, the body paragraphs, then 敬具 on its own line."""
    blocks: list[Block] = [Para(tpl.text("opening", values), "opening")]
    blocks += [Para(text) for text in (*tpl.texts("body", values), *extra)]
    blocks.append(Para(tpl.text("closing"), "closing"))
    return blocks


def record(tpl: LetterTemplate, inner: Sequence[Block]) -> list[Block]:
    """記 … 以上 around the items of a letter."""
    return [Para(tpl.text("record_heading"), "center"), *inner, Para(tpl.text("record_end"), "end")]


def code_or_label(tpl: LetterTemplate, table: str, value: str, values: Mapping[str, str]) -> str:
    """A code from the template's table (its label), or the given wording as it is."""
    if _CODE.fullmatch(value):
        entry = tpl.choice(table, value)
        if not isinstance(entry, str):
            raise InputError(f"{tpl.path.name}: [{table}] {value} must be a string",
                             ja=f"{tpl.path.name}：[{table}] {value} は文字列にしてください")
        return tpl.text(f"{table}.{value}", values)
    return value


def vote_text(tpl: LetterTemplate, votes: VoteTally) -> str:
    """The recorded tally (賛成7名・反対1名…); 全員 only when every vote cast was for."""
    counts = {"in_favour": str(votes.in_favour), "against": str(votes.against),
              "abstentions": str(votes.abstentions)}
    unanimous = votes.in_favour > 0 and votes.against == 0 and votes.abstentions == 0
    return tpl.text("labels.votes_unanimous" if unanimous else "labels.votes_value", counts)


def findings_table(tpl: LetterTemplate, elements: Sequence[FindingElement]) -> FindingsTable:
    rows = tuple(
        FindingRow(code_or_label(tpl, "elements", e.element, {}), e.conclusion, e.reasons)
        for e in elements
    )
    headers = (tpl.label("element"), tpl.label("conclusion"), tpl.label("reasons"))
    return FindingsTable(headers, rows)


_FIGURES_JA = {"damages": "損害額", "payout": "支払額"}


def check_figures(figures: AssessmentFigures) -> None:
    """Refuse figures whose lines do not add up: a signed letter must be right by hand."""
    for name, lines, total in (
        ("damages", figures.damages, figures.total_damages),
        ("payout", figures.payout, figures.payout_total),
    ):
        for label, amount in lines:
            if isinstance(amount, bool) or not isinstance(amount, int):
                raise InputError(f"{name} line '{label}': amount must be whole yen",
                                 ja=f"{_FIGURES_JA[name]}の「{label}」の金額は円単位の整数にしてください")
        if sum(amount for _, amount in lines) != total:
            raise InputError(
                f"{name} lines add up to {sum(a for _, a in lines):,} but the total is {total:,}",
                ja=f"{_FIGURES_JA[name]}の内訳の合計（{sum(a for _, a in lines):,}円）が"
                   f"合計額（{total:,}円）と一致しません",
            )


def damages_table(tpl: LetterTemplate, figures: AssessmentFigures) -> AmountTable:
    return AmountTable(
        (tpl.label("item"), tpl.label("amount")),
        tuple(AmountRow(label, amount) for label, amount in figures.damages),
        tpl.label("total_damages"),
        figures.total_damages,
    )


def payout_table(tpl: LetterTemplate, figures: AssessmentFigures) -> AmountTable:
    return AmountTable(
        (tpl.label("item"), tpl.label("amount")),
        tuple(AmountRow(label, amount) for label, amount in figures.payout),
        tpl.label("payout_sum"),
        figures.payout_total,
    )


def trace_table(tpl: LetterTemplate, figures: AssessmentFigures) -> TraceTable:
    headers = (tpl.label("step"), tpl.label("formula"), tpl.label("value"))
    return TraceTable(headers, tuple(TraceStep(s, f, v) for s, f, v in figures.trace))


def format_share(share: Decimal | None) -> str:
    """The insured's share as a percentage, e.g. Decimal("0.7") -> 70％."""
    if share is None:
        return ""
    share = Decimal(share)
    if not 0 <= share <= 1:
        raise InputError(f"the insured's share must be between 0 and 1, not {share}",
                         ja=f"被共済者の負担割合は0から1の間にしてください（{share}）")
    percent = (share * 100).normalize()
    return f"{percent:f}％"
