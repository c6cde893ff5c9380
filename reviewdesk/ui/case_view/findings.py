"""The finding tab: the board's findings on the case with reasons, votes and dissents (read-only;
findings are recorded in the meeting)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QGroupBox, QTextBrowser, QVBoxLayout, QWidget

from reviewdesk.cases.findings import FindingRow, list_findings, original_findings
from reviewdesk.cases.outcomes import Element, FindingOutcome, judgement_label
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.case_view.follow import CaseTab
from reviewdesk.ui.case_view.opinions import share_text
from reviewdesk.ui.context import AppContext


def finding_html(rows: list[FindingRow], lang: str, none_text: str) -> str:
    """All findings, oldest first; every text a person wrote is escaped."""
    e = html.escape
    if not rows:
        return f"<p>{e(none_text)}</p>"
    ja = lang == "ja"
    parts = []
    for n, f in enumerate(rows):
        if n:
            parts.append("<hr>")
        # The share matters only when partly liable (liable is always 1).
        share = share_text(f.insured_share) if f.outcome == FindingOutcome.PARTLY_LIABLE else ""
        outcome = fmt.finding_text(f.outcome, lang) + (f"（{share}）" if share else "")
        parts.append(f"<h3>{e(outcome)}</h3><p>{e(f.meeting_title)}　{e(fmt.day(f.held_on))}</p>")
        for element in Element:
            reason = getattr(f, f"{element}_reason")
            judgement = f.judgements.get(element)
            if reason or judgement:
                # The judgement as recorded; findings older than judgements show none.
                said = f"{'：' if ja else ': '}{judgement_label(judgement, lang)}" if judgement else ""
                parts.append(f"<p><b>{e(fmt.element_text(element, lang) + said)}</b><br>"
                             f"{e(reason).replace(chr(10), '<br>')}</p>")
        if f.summary:
            parts.append(f"<p><b>{'判断の要旨' if ja else 'Summary'}</b><br>"
                         f"{e(f.summary).replace(chr(10), '<br>')}</p>")
        if f.deferred_question:
            parts.append(f"<p><b>{'追加で求める情報' if ja else 'Information requested'}</b><br>"
                         f"{e(f.deferred_question)}</p>")
        if f.votes:
            parts.append("<table cellpadding='3' border='1' style='border-collapse: collapse'>")
            for v in f.votes:
                label = fmt.vote_text(v.vote, lang)
                dissent = e(v.dissent) if v.dissent else ""
                parts.append(f"<tr><td>{e(v.name)}</td><td>{e(label)}</td><td>{dissent}</td></tr>")
            parts.append("</table>")
    return "".join(parts)


class FindingsPanel(CaseTab, QWidget):
    """The case's own findings; for an appeal, below them the original's finding it contests
    (read-only: it belongs to the original case)."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.case_id = ctx, case_id
        self.browser = QTextBrowser()
        self.browser.setTabChangesFocus(True)
        self.browser.setObjectName("findingBrowser")
        self.original_browser = QTextBrowser()
        self.original_browser.setTabChangesFocus(True)
        self.original_browser.setObjectName("originalFindingBrowser")
        self.original_box = QGroupBox()
        self.original_box.setObjectName("originalFinding")
        QVBoxLayout(self.original_box).addWidget(self.original_browser)
        self.original_box.hide()  # only an appeal has an original
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.original_box, 1)
        self.rows: list[FindingRow] = []
        self.original_rows: list[FindingRow] = []
        self.follow_case()
        self.load()

    def load(self) -> None:
        case_id = self.case_id
        self._ctx.run(lambda vault, actor: (list_findings(vault, actor, case_id),
                                            original_findings(vault, actor, case_id)),
                      self._on_loaded, parent=self, on_error=self._on_load_failed)

    def _on_loaded(self, result: tuple[list[FindingRow], list[FindingRow]]) -> None:
        self.rows, self.original_rows = result
        self.browser.setHtml(finding_html(self.rows, self._ctx.lang,
                                          self.tr("The board has not recorded a finding yet.")))
        if self.original_rows:
            self.original_box.setTitle(self.tr("Finding of the original case %1 (read-only)")
                                       .replace("%1", self.original_rows[0].case_no))
            self.original_browser.setHtml(finding_html(self.original_rows, self._ctx.lang, ""))
        self.original_box.setVisible(bool(self.original_rows))

