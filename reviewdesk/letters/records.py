"""Pure builders for the signed internal records: a meeting's minutes, a case's archive record."""

from __future__ import annotations

from pathlib import Path

from reviewdesk.errors import InputError
from reviewdesk.letters.board import BoardSettings
from reviewdesk.letters.builders import (
    assemble,
    case_rows,
    check_figures,
    code_or_label,
    damages_table,
    findings_table,
    format_share,
    payout_table,
    trace_table,
)
from reviewdesk.letters.content import (
    Block,
    Grid,
    Heading,
    Items,
    LetterContent,
    LetterKind,
    Para,
    format_yen,
)
from reviewdesk.letters.era import clock, wareki, weekday
from reviewdesk.letters.inputs import AgendaItem, CaseRecordInput, MinutesInput
from reviewdesk.letters.templates import LetterTemplate, load_template


def build_minutes(data: MinutesInput, *, templates: Path | None = None,
                  board: BoardSettings | None = None) -> LetterContent:
    """議事録: attendance, quorum, then each case with recusals, the vote, the dissents."""
    tpl = load_template(LetterKind.MINUTES, templates)
    present = len(data.attendees)
    if present + len(data.absentees) > data.members_total:
        raise InputError("more attendees and absentees than members of the board",
                         ja="出席者と欠席者の合計が委員総数を超えています")
    values = {
        "meeting_name": data.meeting_name,
        "meeting_date": wareki(data.meeting_date),
        "weekday": weekday(data.meeting_date),
        "start_time": clock(data.start_time),
        "end_time": clock(data.end_time),
        "members_total": str(data.members_total),
        "present": str(present),
        "quorum": str(data.quorum),
    }
    rows = (
        (tpl.label("datetime"), tpl.text("labels.datetime_value", values)),
        (tpl.label("place"), data.place),
        (tpl.label("chair"), data.chair),
        (tpl.label("recorder"), data.recorder),
    )
    attendance = [(tpl.label("present"), a.name, a.role) for a in data.attendees]
    attendance += [(tpl.label("absent"), a.name, a.role) for a in data.absentees]
    quorate = present >= data.quorum
    blocks: list[Block] = [
        Items(rows),
        Heading(tpl.label("attendance_heading")),
        Grid((tpl.label("attendance"), tpl.label("name"), tpl.label("role")),
             tuple(attendance), (1, 3, 4)),
        Para(tpl.text("quorum_met" if quorate else "quorum_not_met", values)),
    ]
    if quorate and data.items:
        blocks += [Heading(tpl.label("agenda_heading")), Para(tpl.text("opening", values))]
        present_names = [a.name for a in data.attendees]
        for number, item in enumerate(data.items, start=1):
            blocks += _agenda_item(tpl, number, item, present_names)
    elif data.items:
        raise InputError("an inquorate meeting cannot record decisions on agenda items",
                         ja="定足数に達しない会議では議案を議決できません")
    blocks += [Para(text) for text in tpl.texts("closing", values)]
    blocks.append(Para(tpl.text("record_end"), "end"))
    case_numbers = ", ".join(item.case_number for item in data.items)
    return assemble(tpl, data, case_numbers, blocks, templates, title_values=values, board=board)


def _agenda_item(tpl: LetterTemplate, number: int, item: AgendaItem,
                 present_names: list[str]) -> list[Block]:
    # A recused member who was also absent is not present to subtract: each member counts once.
    recused = {r.name for r in item.recusals}
    voters = sum(name not in recused for name in present_names)
    votes = item.votes
    cast = votes.in_favour + votes.against + votes.abstentions
    if min(votes.in_favour, votes.against, votes.abstentions) < 0:
        raise InputError(f"case {item.case_number}: a vote count is negative",
                         ja=f"事案 {item.case_number}：投票数が負になっています")
    if cast > voters:
        raise InputError(
            f"case {item.case_number}: {cast} votes but only {voters} members could vote",
            ja=f"事案 {item.case_number}：投票数（{cast}）が"
               f"議決に加わることのできる委員の数（{voters}名）を超えています",
        )
    values = {
        "number": str(number),
        "subject": item.subject,
        "case_number": item.case_number,
        "outcome": code_or_label(tpl, "outcomes", item.outcome, {}),
        "in_favour": str(votes.in_favour),
        "against": str(votes.against),
        "abstentions": str(votes.abstentions),
        "summary": item.summary,
    }
    blocks: list[Block] = [Heading(tpl.text("item_heading", values))]
    for recusal in item.recusals:
        blocks.append(Para(tpl.text("recusal", {"name": recusal.name, "reason": recusal.reason})))
    if item.summary:
        blocks.append(Para(tpl.text("summary", values)))
    blocks.append(Para(tpl.text("resolution", values)))
    for dissent in item.dissents:
        blocks.append(Para(tpl.text("dissent", {"name": dissent.name, "opinion": dissent.opinion})))
    if not item.dissents and votes.against == 0:
        blocks.append(Para(tpl.text("no_dissent")))
    return blocks


def build_case_record(data: CaseRecordInput, *, templates: Path | None = None,
                      board: BoardSettings | None = None) -> LetterContent:
    """事案記録: intake, opinions, finding, assessment trace and the letters issued."""
    tpl = load_template(LetterKind.CASE_RECORD, templates)
    case = data.case
    blocks: list[Block] = [
        Para(tpl.text("preamble", {"case_number": case.case_number, "status": data.status})),
        Heading(tpl.label("intake_heading")),
    ]
    fields = ("case_number", "insured_name", "facility", "procedure", "patient")
    rows = [*case_rows(tpl, case, fields), (tpl.label("status"), data.status)]
    rows += case_rows(tpl, case, ("incident_date", "claim_date", "report_date"))
    blocks.append(Items((*rows, *data.intake), numbered=False))

    blocks.append(Heading(tpl.label("opinions_heading")))
    if not data.opinions:
        blocks.append(Para(tpl.text("no_opinions")))
    for number, opinion in enumerate(data.opinions, start=1):
        heading = {
            "number": str(number),
            "reviewer": opinion.reviewer,
            "role": opinion.role,
            "submitted_on": wareki(opinion.submitted_on),
            "version": str(opinion.version),
        }
        blocks.append(Para(tpl.text("opinion_heading", heading), "plain"))
        blocks.append(Items(((tpl.label("conclusion"), opinion.conclusion),), numbered=False))
        blocks.append(Para(opinion.text))

    blocks.append(Heading(tpl.label("finding_heading")))
    finding = data.finding
    if finding is None:
        blocks.append(Para(tpl.text("no_finding")))
    else:
        share = {"insured_share": format_share(finding.insured_share)}
        rows = [
            (tpl.label("meeting_date"), wareki(finding.meeting_date)),
            (tpl.label("outcome"), code_or_label(tpl, "outcomes", finding.outcome, share)),
        ]
        if finding.votes is not None:
            v = finding.votes
            counts = {"in_favour": str(v.in_favour), "against": str(v.against),
                      "abstentions": str(v.abstentions)}
            rows.append((tpl.label("votes"), tpl.text("labels.votes_value", counts)))
        blocks.append(Items(tuple(rows), numbered=False))
        if finding.elements:
            blocks.append(findings_table(tpl, finding.elements))

    blocks.append(Heading(tpl.label("assessment_heading")))
    figures = data.assessment
    if figures is None:
        blocks.append(Para(tpl.text("no_assessment")))
    else:
        check_figures(figures)
        blocks += [
            Items(
                (
                    (tpl.label("edition"), figures.edition),
                    (tpl.label("total_damages"), format_yen(figures.total_damages)),
                    (tpl.label("liability"), format_yen(figures.liability)),
                    (tpl.label("payout_total"), format_yen(figures.payout_total)),
                ),
                numbered=False,
            ),
            Para(tpl.label("damages_caption"), "plain"),
            damages_table(tpl, figures),
            Para(tpl.label("payout_caption"), "plain"),
            payout_table(tpl, figures),
            Para(tpl.label("trace_caption"), "plain"),
            trace_table(tpl, figures),
        ]

    blocks.append(Heading(tpl.label("letters_heading")))
    if not data.letters:
        blocks.append(Para(tpl.text("no_letters")))
    else:
        headers = (tpl.label("document"), tpl.label("issue_date"), tpl.label("sha256"))
        letters = tuple(
            (f"{x.document_number}\n{x.title}", wareki(x.issue_date), _digest(x.sha256))
            for x in data.letters
        )
        blocks.append(Grid(headers, letters, (4.2, 3.0, 6.8)))
    if data.notes:
        blocks += [Heading(tpl.label("notes_heading")), *(Para(n) for n in data.notes)]
    blocks.append(Para(tpl.text("record_end"), "end"))
    return assemble(tpl, data, case.case_number, blocks, templates, board=board)


def _digest(sha256: str) -> str:
    """A hex digest in groups of eight, so it wraps between groups rather than mid-group."""
    text = sha256.strip().lower()
    return " ".join(text[i : i + 8] for i in range(0, len(text), 8))
