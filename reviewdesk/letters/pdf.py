"""Renders LetterContent to A4 PDF bytes with reportlab: embedded IPAex, page n / m, the seal."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFName
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reviewdesk.letters.content import (
    AmountTable,
    Block,
    FindingsTable,
    Grid,
    Heading,
    Items,
    LetterContent,
    Para,
    Sender,
    TraceTable,
    format_value,
    format_yen,
)
from reviewdesk.letters.era import JST, seireki, wareki
from reviewdesk.letters.fonts import GOTHIC, MINCHO, register_fonts
from reviewdesk.letters.layout import (
    FOOTER_BASELINE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MM,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SIGNATURE_RESERVE,
    signature_box,
    wrap_lines,
)
from reviewdesk.letters.seal import draw_seal

BODY_SIZE = 10.5
SEAL_SIZE = 21 * MM
_INK = colors.Color(0.1, 0.1, 0.1)
_RULE = colors.Color(0.35, 0.35, 0.35)
_SHADE = colors.Color(0.93, 0.93, 0.93)


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base = {"fontName": MINCHO, "fontSize": BODY_SIZE, "leading": 16.5, "wordWrap": "CJK",
            "textColor": _INK}
    return ParagraphStyle(name, **(base | kw))


_STYLES = {
    "body": _style("body", firstLineIndent=BODY_SIZE, spaceAfter=2),
    "plain": _style("plain", spaceAfter=2),
    "opening": _style("opening", spaceAfter=2),
    "closing": _style("closing", alignment=TA_RIGHT, spaceBefore=0, spaceAfter=6),
    "center": _style("center", alignment=TA_CENTER, spaceBefore=2, spaceAfter=6),
    "end": _style("end", alignment=TA_RIGHT, spaceBefore=6),
    "note": _style("note", fontSize=8.5, leading=12.5, spaceBefore=3),
    "boxed": _style("boxed", fontSize=9.5, leading=15),
}
_HEADING = _style("heading", fontName=GOTHIC, fontSize=10.5, spaceBefore=10, spaceAfter=4,
                  keepWithNext=1)
_TITLE = _style("title", fontName=GOTHIC, fontSize=16, leading=22, alignment=TA_CENTER,
                spaceBefore=6, spaceAfter=8)
_RIGHT = _style("right", alignment=TA_RIGHT, leading=14.5)
_ADDRESS = _style("address", fontSize=9.5, leading=14)
_ADDRESSEE = _style("addressee", fontSize=12.5, leading=19)
_MARK_RED = colors.Color(0.75, 0.1, 0.1)
_MARK = _style("marking", fontName=GOTHIC, fontSize=11, leading=15, textColor=_MARK_RED)
_CELL = _style("cell", fontSize=9.5, leading=14)
_CELL_HEAD = _style("cell_head", fontName=GOTHIC, fontSize=9, leading=13, alignment=TA_CENTER)
_CELL_NUM = _style("cell_num", fontSize=9.5, leading=14, alignment=TA_RIGHT)
_CELL_TOTAL = _style("cell_total", fontName=GOTHIC, fontSize=9.5, leading=14)
_CELL_TOTAL_NUM = _style("cell_total_num", fontName=GOTHIC, fontSize=9.5, leading=14,
                         alignment=TA_RIGHT)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return _Text(text, style)


class _Text(Paragraph):
    """Plain text, broken into lines by layout.wrap_lines (禁則, an amount or a date never
    split) for the width it is given; reportlab then only places the lines. Content is escaped,
    so "<", "&" in a member's name never act as markup."""

    def __init__(self, text: str | None, style: ParagraphStyle, *args: Any,
                 **kwargs: Any) -> None:
        # reportlab's split() makes the pieces through this class with text None and frags.
        self._plain = text if isinstance(text, str) else None
        self._wrapped_for: float | None = None
        super().__init__(escape(text).replace("\n", "<br/>") if self._plain is not None else text,
                         style, *args, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._plain is not None and self._wrapped_for != availWidth:
            self._wrapped_for = availWidth
            st = self.style

            def width_of(text: str) -> float:
                return stringWidth(text, st.fontName, st.fontSize)

            # A hair of slack, so reportlab never re-breaks a line measured as just fitting.
            lines = wrap_lines(self._plain, width_of,
                               availWidth - st.leftIndent - st.rightIndent - 0.5,
                               st.firstLineIndent)
            Paragraph.__init__(self, "<br/>".join(escape(line) for line in lines), st)
        return super().wrap(availWidth, availHeight)


PDF_VERSION = (1, 7)  # the header and the catalog's /Version say the same
LANG = "ja-JP"


def render_pdf(content: LetterContent, *, created: dt.datetime | None = None) -> bytes:
    """The letter as PDF bytes, built in memory (nothing touches the disk).

    created: the CreationDate to record (now, in Japan time, when not given); the same content
    and moment give the same bytes."""
    if created is None:
        created = dt.datetime.now(JST)
    elif created.tzinfo is None:
        created = created.replace(tzinfo=JST)
    register_fonts()
    out = io.BytesIO()
    width = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    doc = BaseDocTemplate(
        out,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{content.title} {content.document_number}",
        author=content.sender.name,
        subject=content.title,
        creator="ReviewDesk",
        producer="ReviewDesk (reportlab)",
        # Same content, same bytes: no random file id. The CreationDate is set by the canvas.
        invariant=1,
        lang=LANG,
        # Start the canvas in Mincho, so no unembedded Helvetica is declared in the file at all.
        initialFontName=MINCHO,
    )
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, width, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("letter", frames=[frame])])
    story = _story(content, width)
    doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=content.document_number,
                                                created=created, footnote=content.footnote))
    return out.getvalue()


def _story(content: LetterContent, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        _p(content.document_number, _RIGHT),
        _p(wareki(content.issue_date), _RIGHT),
        _p(f"（{seireki(content.issue_date)}）", _RIGHT),
        Spacer(1, 3 * MM if content.addressee else 1 * MM),
    ]
    if content.addressee:
        if content.marking:
            story.append(_marking(content.marking))
        story += [_p(line, _ADDRESS) for line in content.recipient_address]
        story += [_p(line, _ADDRESSEE) for line in content.addressee]
        story.append(Spacer(1, 1 * MM))
    story += [_SenderBlock(content.sender), _p(content.title, _TITLE)]
    if content.corrects:
        story += [_boxed(content.corrects, width), Spacer(1, 4 * MM)]
    flowables = [f for block in content.blocks for f in _block(block, width)]
    return story + _with_signature_space(flowables, width)


def _with_signature_space(flowables: list[Flowable], width: float) -> list[Flowable]:
    """End the story with the space the signature block needs, bound to the text before it."""
    if len(flowables) < 2:
        return [*flowables, Spacer(1, SIGNATURE_RESERVE)]
    *head, body, last = flowables
    return [*head, _EndBlock(body, [last, Spacer(1, SIGNATURE_RESERVE)])]


class _EndBlock(Flowable):
    """The last block of text, then 以上 and the signature's reserved space, never parted so
    that the last page holds only 以上 and a signature: a page break splits the text block
    (a table by rows, a paragraph by lines) and carries at least its last lines along."""

    _CARRY = 30  # points of the body carried to the next page with 以上, about two lines

    def __init__(self, body: Flowable, tail: list[Flowable]) -> None:
        super().__init__()
        self.body = body
        self.tail = tail

    def getSpaceBefore(self) -> float:  # reportlab's name
        return self.body.getSpaceBefore()

    def _parts(self, available_width: float) -> list[tuple[Flowable, float, float]]:
        """(flowable, gap above it, height) top to bottom."""
        parts = []
        previous_after = 0.0
        for index, flowable in enumerate([self.body, *self.tail]):
            _, height = flowable.wrap(available_width, PAGE_HEIGHT)
            gap = 0.0 if index == 0 else max(previous_after, flowable.getSpaceBefore())
            parts.append((flowable, gap, height))
            previous_after = flowable.getSpaceAfter()
        return parts

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = sum(gap + height for _, gap, height in self._parts(available_width))
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        _, body_height = self.body.wrap(available_width, available_height)
        room = available_height
        if body_height <= available_height:
            # The body fits but the tail does not: leave its last lines for the next page.
            room = body_height - self._CARRY
        pieces = self.body.split(available_width, room) if room > 0 else []
        if len(pieces) < 2:
            return []  # nothing sensible to keep here: move the whole block to the next page
        *kept, rest = pieces
        return [*kept, _EndBlock(rest, self.tail)]

    def draw(self) -> None:
        y = self.height
        for flowable, gap, height in self._parts(self.width):
            y -= gap + height
            flowable.drawOn(self.canv, 0, y)


def _block(block: Block, width: float) -> list[Flowable]:
    if isinstance(block, Para):
        if block.style == "boxed":
            return [_boxed(block.text, width)]
        if block.style == "center":
            # 記 stays with a few lines of what follows; the items then split across pages
            # (keepWithNext would move 記 and the whole table to the next page).
            return [CondPageBreak(30 * MM), _p(block.text, _STYLES["center"])]
        return [_p(block.text, _STYLES.get(block.style, _STYLES["body"]))]
    if isinstance(block, Heading):
        return [_p(block.text, _HEADING)]
    if isinstance(block, Items):
        return [_items(block, width)]
    if isinstance(block, FindingsTable):
        rows = [(r.element, r.conclusion, r.reasons) for r in block.rows]
        return [_grid(block.headers, rows, width, (0.24, 0.16, 0.60))]
    if isinstance(block, AmountTable):
        return [_amounts(block, width)]
    if isinstance(block, TraceTable):
        rows = [(r.step, r.formula, format_value(r.value)) for r in block.rows]
        return [_grid(block.headers, rows, width, (0.24, 0.54, 0.22), numeric_last=True)]
    if isinstance(block, Grid):
        total = sum(block.widths)
        return [_grid(block.headers, block.rows, width, [w / total for w in block.widths])]
    raise TypeError(f"not a letter block: {type(block).__name__}")


def _items(block: Items, width: float) -> Table:
    label_w = min(max((stringWidth(label, MINCHO, BODY_SIZE) for label, _ in block.rows),
                      default=0) + 6 * MM, 0.42 * width)
    number_w = 8 * MM if block.numbered else 3 * MM
    data = [
        [_p(f"{i}." if block.numbered else "", _STYLES["plain"]), _p(label, _STYLES["plain"]),
         _p(value, _STYLES["plain"])]
        for i, (label, value) in enumerate(block.rows, start=1)
    ]
    table = Table(data, colWidths=(number_w, label_w, width - number_w - label_w), hAlign="LEFT",
                  spaceBefore=2, spaceAfter=4)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), MINCHO),  # reportlab's default Helvetica is never embedded
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
    ]))
    return table


def _grid(headers: Sequence[str], rows: Iterable[Sequence[str]], width: float,
          fractions: Sequence[float], *, numeric_last: bool = False) -> Table:
    last = _CELL_NUM if numeric_last else _CELL
    data = [[_p(h, _CELL_HEAD) for h in headers]]
    data += [[_p(c, last if i == len(row) - 1 else _CELL) for i, c in enumerate(row)]
             for row in rows]
    table = Table(data, colWidths=[width * f for f in fractions], repeatRows=1, hAlign="LEFT",
                  spaceBefore=2, spaceAfter=6)
    table.setStyle(_table_style())
    return table


def _amounts(block: AmountTable, width: float) -> Table:
    data = [[_p(h, _CELL_HEAD) for h in block.headers]]
    data += [[_p(r.label, _CELL), _p(format_yen(r.amount), _CELL_NUM)] for r in block.rows]
    style = _table_style()
    if block.total is not None:
        data.append([_p(block.total_label or "", _CELL_TOTAL),
                     _p(format_yen(block.total), _CELL_TOTAL_NUM)])
        style.add("LINEABOVE", (0, -1), (-1, -1), 1.2, _RULE)
    table = Table(data, colWidths=(width * 0.62, width * 0.38), repeatRows=1, hAlign="LEFT",
                  spaceBefore=2, spaceAfter=6)
    table.setStyle(style)
    return table


def _table_style() -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), MINCHO),
        ("GRID", (0, 0), (-1, -1), 0.5, _RULE),
        ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ])


def _marking(text: str) -> Table:
    """親展 in a red frame above the addressee, where a window envelope shows it."""
    table = Table([[_p(text, _MARK)]], colWidths=[stringWidth(text, GOTHIC, 11) + 7 * MM],
                  hAlign="LEFT", spaceAfter=2 * MM)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), GOTHIC),
        ("BOX", (0, 0), (-1, -1), 0.9, _MARK_RED),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * MM),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3 * MM),
    ]))
    return table


def _boxed(text: str, width: float) -> Table:
    table = Table([[_p(text, _STYLES["boxed"])]], colWidths=[width])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), MINCHO),
        ("BOX", (0, 0), (-1, -1), 0.8, _RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ("RIGHTPADDING", (0, 0), (-1, -1), 7),
    ]))
    return table


class _SenderBlock(Flowable):
    """The association's address, name and signatory at the right, the seal over the name's end."""

    def __init__(self, sender: Sender) -> None:
        super().__init__()
        self.sender = sender
        self.small = [f"〒{sender.postal_code}　{sender.address}", f"電話 {sender.phone}"]
        if sender.contact_name:
            direct = f"（直通 {sender.contact_phone}）" if sender.contact_phone else ""
            self.small.append(f"担当　{sender.contact_name}{direct}")
        self.large = [sender.name, f"{sender.signatory_title}　{sender.signatory_name}"]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = len(self.small) * 12 + 15 + 2 * 19
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        # The text ends clear of the seal beside it: the seal never hides a character of the
        # association's or the signatory's name.
        text_right = self.width - SEAL_SIZE - 2.5 * MM
        y = self.height - 9
        c.setFillColor(_INK)
        for line in self.small:
            c.setFont(MINCHO, 9)
            c.drawRightString(text_right, y, line)
            y -= 12
        y -= 15
        name_baseline = y
        for line in self.large:
            c.setFont(MINCHO, 12)
            c.drawRightString(text_right, y, line)
            y -= 19
        middle = name_baseline - 19 / 2 + 4
        draw_seal(c, self.width - SEAL_SIZE, middle - SEAL_SIZE / 2, SEAL_SIZE,
                  self.sender.seal_columns, MINCHO)


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so each footer can say "n / m"."""

    def __init__(self, *args: Any, footer: str = "", created: dt.datetime | None = None,
                 footnote: str = "", **kwargs: Any) -> None:
        super().__init__(*args, pdfVersion=PDF_VERSION, **kwargs)
        self._footer = footer
        self._footnote = footnote
        self._pages: list[dict[str, Any]] = []
        catalog = self._doc.Catalog
        # reportlab writes only the catalog keys it knows; /Version joins them for this file.
        catalog.__Defaults__ = {**catalog.__Defaults__,
                                "Version": PDFName("{}.{}".format(*PDF_VERSION))}
        if created is not None:
            # reportlab's invariant mode writes 2000-01-01; the letter records when it was made.
            self._doc._timeStamp = _Stamp(created)

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.saveState()
            self.setFillColor(_RULE)
            self.setFont(MINCHO, 9)
            self.drawCentredString(PAGE_WIDTH / 2, FOOTER_BASELINE, f"{number} / {total}")
            self.setFont(MINCHO, 7.5)
            self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, FOOTER_BASELINE, self._footer)
            if number == total and self._footnote:
                self._draw_footnote()
            self.restoreState()
            super().showPage()
        super().save()


    def _draw_footnote(self) -> None:
        """The footnote in the band the last page keeps free for the signature, left of the
        signature block, top-aligned with it."""
        x1, _, _, top = signature_box()
        width = x1 - MARGIN_LEFT - 5 * MM
        size, leading = 7.5, 10.5
        self.setFillColor(_INK)
        self.setFont(MINCHO, size)
        y = top - size
        for line in wrap_lines(self._footnote, lambda t: stringWidth(t, MINCHO, size), width):
            self.drawString(MARGIN_LEFT, y, line)
            y -= leading


class _Stamp:
    """What reportlab's PDFDate reads from its TimeStamp: the local date and time and the
    offset from UTC, here of the given aware datetime."""

    def __init__(self, moment: dt.datetime) -> None:
        moment = moment.replace(microsecond=0)
        offset = moment.utcoffset() or dt.timedelta()
        minutes = int(offset.total_seconds()) // 60
        self.t = moment.timestamp()
        self.YMDhms = (moment.year, moment.month, moment.day, moment.hour, moment.minute,
                       moment.second)
        self.dhh, self.dmm = int(minutes / 60), abs(minutes) % 60
        self.tzname = moment.tzname()
