"""Optimistic locking: the same reviewer's draft open at two seats; the second save is refused
with the board's wording, and nothing the first seat saved is lost."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reviewdesk.cases import review
from reviewdesk.cases.concurrency import STALE_JA, Revision, StaleEdit
from reviewdesk.cases.opinions import list_opinions, save_opinion, submit_opinion
from tests.cases import flow


def _own(world, case_id: int):  # type: ignore[no-untyped-def]
    rows = [o for o in list_opinions(world.vault, world["derm"], case_id)
            if o.author_id == world["derm"].user_id]
    return rows[-1] if rows else None


@pytest.fixture
def assigned(world) -> int:  # type: ignore[no-untyped-def]
    case_id = flow.intake(world)
    review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm"].user_id,
                           today=flow.TODAY)
    return case_id


def test_the_second_of_two_saves_from_the_same_draft_is_refused(world, assigned) -> None:  # type: ignore[no-untyped-def]
    first = save_opinion(world.vault, world["derm"], assigned, flow.opinion())
    loaded = _own(world, assigned).revision_key  # both seats show this draft
    clinic = replace(flow.opinion(), comments="診療所で追記")
    home = replace(flow.opinion(), comments="自宅で追記")
    assert save_opinion(world.vault, world["derm"], assigned, clinic, loaded=loaded) == first
    with pytest.raises(StaleEdit) as refused:
        save_opinion(world.vault, world["derm"], assigned, home, loaded=loaded)
    assert refused.value.ja == STALE_JA == "他の利用者が先に更新しました。最新の内容を読み込みました。"
    assert _own(world, assigned).comments == "診療所で追記"  # the first save stands
    # The form reloads the latest and keeps its text; saving again now goes through.
    latest = _own(world, assigned).revision_key
    save_opinion(world.vault, world["derm"], assigned, home, loaded=latest)
    assert _own(world, assigned).comments == "自宅で追記"


def test_a_form_with_no_draft_is_stale_once_another_seat_created_one(world, assigned) -> None:  # type: ignore[no-untyped-def]
    nothing = Revision(None, 0)
    save_opinion(world.vault, world["derm"], assigned, flow.opinion(), loaded=nothing)
    with pytest.raises(StaleEdit):
        save_opinion(world.vault, world["derm"], assigned, flow.opinion(), loaded=nothing)


def test_a_draft_submitted_at_another_seat_cannot_be_saved_over(world, assigned) -> None:  # type: ignore[no-untyped-def]
    draft = save_opinion(world.vault, world["derm"], assigned, flow.opinion())
    loaded = _own(world, assigned).revision_key
    submit_opinion(world.vault, world["derm"], draft)
    with pytest.raises(StaleEdit):
        save_opinion(world.vault, world["derm"], assigned, flow.opinion(), loaded=loaded)
    (only,) = [o for o in list_opinions(world.vault, world["derm"], assigned)]
    assert only.status == "submitted" and only.version == 1  # no amendment was started


def test_two_committee_members_computing_at_once_the_second_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.cases import assessing
    from tests.cases.staging import INPUTS

    case_id = flow.liable(world)
    base = Revision(None, 0)  # both forms opened before anything was computed
    first = assessing.compute_assessment(world.vault, world["assessor"], case_id, INPUTS, loaded=base)
    with pytest.raises(StaleEdit):
        assessing.compute_assessment(world.vault, world["assessor2"], case_id, INPUTS, loaded=base)
    (row,) = assessing.list_assessments(world.vault, world["assessor"], case_id)
    assert (row.id, row.computed_by) == (first, world["assessor"].user_id)
    assessing.compute_assessment(world.vault, world["assessor2"], case_id, INPUTS,
                                 loaded=Revision.of(row.id, row.version))
    assert [r.version for r in assessing.list_assessments(world.vault, world["assessor"], case_id)] == [1, 2]


def test_two_secretaries_masking_one_document_the_second_is_refused_and_sees_the_first(world) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.cases.document_masking import apply_masking, latest_masks, masking_source
    from reviewdesk.cases.documents import add_document
    from reviewdesk.cases.masking import Span

    case_id = flow.intake(world)
    doc = add_document(world.vault, world["secretary"], case_id, "record", "記録.txt", "text/plain",
                       "請求者 山田花子 の記録".encode())
    first = masking_source(world.vault, world["secretary"], doc)  # two desks open the view
    second = masking_source(world.vault, world["secretary"], doc)
    assert first.loaded == second.loaded == Revision(None, 0)
    apply_masking(world.vault, world["secretary"], doc, spans=[Span(4, 8)], loaded=first.loaded)
    with pytest.raises(StaleEdit) as refused:
        apply_masking(world.vault, world["secretary"], doc, spans=[Span(9, 10)], loaded=second.loaded)
    assert refused.value.ja == STALE_JA
    latest = latest_masks(world.vault, world["secretary"], doc)  # what the view merges in
    assert latest.spans == (Span(4, 8),) and latest.loaded.revision == 1
    result = apply_masking(world.vault, world["secretary"], doc, spans=[Span(4, 8), Span(9, 10)],
                           loaded=latest.loaded)
    assert result.revision == 2
