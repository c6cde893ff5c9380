"""What a letter says, as frozen values: the renderer's only input, free of reportlab and I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class LetterKind(StrEnum):
    """The documents the board issues; each value names its template in resources/letters/."""

    INTAKE_ACKNOWLEDGEMENT = "intake_acknowledgement"  # 受付通知
    NOT_COVERED = "not_covered"  # 対象外通知
    FINDING = "finding"  # 審査結果通知書
    ASSESSMENT = "assessment"  # 査定結果通知書
    MINUTES = "minutes"  # 議事録
    CASE_RECORD = "case_record"  # 事案記録


@dataclass(frozen=True)
class Sender:
    """The association as it signs: address block, name, signatory, and the seal's columns."""

    name: str
    postal_code: str
    address: str
    phone: str
    signatory_title: str
    signatory_name: str
    seal_columns: tuple[str, ...]
    contact_name: str = ""  # 担当者, with a direct line, for letters to members
    contact_phone: str = ""


# ---- blocks: the body of a letter is a sequence of these, rendered in order


@dataclass(frozen=True)
class Para:
    """A paragraph of running text. style: body (first line indented), plain, opening (拝啓 …),
    closing (敬具, right), center (記), end (以上, right), note (smaller), boxed (a framed notice)."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Heading:
    """A section heading such as 1. 事案の概要."""

    text: str


@dataclass(frozen=True)
class Items:
    """Label and value pairs, the numbered items under 記."""

    rows: tuple[tuple[str, str], ...]
    numbered: bool = True


@dataclass(frozen=True)
class FindingRow:
    """The board's finding on one legal element: the element, the conclusion, the reasons."""

    element: str
    conclusion: str
    reasons: str


@dataclass(frozen=True)
class FindingsTable:
    """The finding with its reasons per legal element (過失, 説明義務, 因果関係, …)."""

    headers: tuple[str, str, str]
    rows: tuple[FindingRow, ...]


@dataclass(frozen=True)
class AmountRow:
    """One line of a breakdown in whole yen."""

    label: str
    amount: int


@dataclass(frozen=True)
class AmountTable:
    """A breakdown (label, amount) with an optional emphasised total line."""

    headers: tuple[str, str]
    rows: tuple[AmountRow, ...]
    total_label: str | None = None
    total: int | None = None


@dataclass(frozen=True)
class TraceStep:
    """One step of the assessment engine's trace. An int value is yen; a Decimal or str is shown
    as it is (a coefficient, a rate)."""

    step: str
    formula: str
    value: int | Decimal | str


@dataclass(frozen=True)
class TraceTable:
    """The engine's trace, every step with its formula in words and its value."""

    headers: tuple[str, str, str]
    rows: tuple[TraceStep, ...]


@dataclass(frozen=True)
class Grid:
    """A plain table of text; widths are relative column weights."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


Block = Para | Heading | Items | FindingsTable | AmountTable | TraceTable | Grid


@dataclass(frozen=True)
class LetterContent:
    """A whole letter. addressee holds the name lines with their honorific (御中, 先生) and
    recipient_address the postal lines above them; both are empty for internal records."""

    kind: LetterKind
    document_number: str
    issue_date: dt.date
    case_number: str
    addressee: tuple[str, ...]
    sender: Sender
    title: str
    blocks: tuple[Block, ...]
    corrects: str | None = None  # the notice naming the earlier letter this one replaces
    recipient_address: tuple[str, ...] = ()
    marking: str = ""  # printed above the addressee, e.g. 親展
    footnote: str = ""  # small print on the last page beside the signature (個人情報の取扱い)

    def plain_text(self) -> str:
        """Every word of the letter in order, for search indexes and quick checks."""
        parts = [self.document_number, *([self.marking] if self.marking else []),
                 *self.recipient_address, *self.addressee, self.title]
        if self.corrects:
            parts.append(self.corrects)
        for block in self.blocks:
            parts.extend(_block_text(block))
        if self.footnote:
            parts.append(self.footnote)
        return "\n".join(parts)


def _block_text(block: Block) -> list[str]:
    if isinstance(block, Para | Heading):
        return [block.text]
    if isinstance(block, Items):
        return [f"{label} {value}" for label, value in block.rows]
    if isinstance(block, FindingsTable):
        return [f"{r.element} {r.conclusion} {r.reasons}" for r in block.rows]
    if isinstance(block, AmountTable):
        lines = [f"{r.label} {format_yen(r.amount)}" for r in block.rows]
        if block.total is not None:
            lines.append(f"{block.total_label or ''} {format_yen(block.total)}")
        return lines
    if isinstance(block, TraceTable):
        return [f"{r.step} {r.formula} {format_value(r.value)}" for r in block.rows]
    return [" ".join(row) for row in block.rows]


def format_yen(amount: int) -> str:
    """Whole yen with thousands separators, e.g. 8,609,220円; a deduction as −100,000円."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"an amount must be whole yen (int), not {type(amount).__name__}")
    sign = "−" if amount < 0 else ""
    return f"{sign}{abs(amount):,}円"


def format_value(value: int | Decimal | str) -> str:
    """A trace value: int is yen, anything else is shown as the engine wrote it."""
    if isinstance(value, int) and not isinstance(value, bool):
        return format_yen(value)
    return str(value)
