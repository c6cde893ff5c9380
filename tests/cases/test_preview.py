"""PDF previews in a bounded child process: pages render one at a time, a page over the limits
ends only the child (with a clear message), and the pages after it still render."""

from __future__ import annotations

import pytest

from reviewdesk.cases.preview import TOO_LARGE_JA, PreviewError, PreviewProcess
from reviewdesk.cases.preview_worker import MAX_PIXELS, clamped_scale
from reviewdesk.demo.files import consent_pdf
from tests.support.hostile_pdfs import page_bomb_pdf


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return page_bomb_pdf()


def test_a_page_of_an_ordinary_pdf_renders() -> None:
    with PreviewProcess(consent_pdf("2026-00001", "レーザー", "山田 花子")) as preview:
        assert preview.page_count() == 1
        page = preview.render(0, 1.0)
        assert (page.width, page.height) == (596, 842)
        assert len(page.rgb) == page.width * page.height * 3
        assert min(page.rgb) < 128 < max(page.rgb)  # text on white


def test_pixels_are_bounded_whatever_the_zoom() -> None:
    with PreviewProcess(consent_pdf("2026-00001", "レーザー")) as preview:
        page = preview.render(0, 50.0)
    assert page.width * page.height <= MAX_PIXELS
    assert clamped_scale(600, 800, 1.0) == 1.0
    assert 600 * 800 * clamped_scale(600, 800, 100.0) ** 2 <= MAX_PIXELS


def test_a_page_over_the_memory_limit_ends_the_child_and_the_next_page_renders(bomb: bytes) -> None:
    with PreviewProcess(bomb, memory_limit=768 * 1024 * 1024) as preview:
        assert preview.page_count() == 3
        assert preview.render(0).width == 600
        with pytest.raises(PreviewError) as refused:
            preview.render(1)
        assert refused.value.ja == TOO_LARGE_JA == "このページは大きすぎるため表示できません"
        # The child was ended (by its own limit, or killed), not the application.
        assert not preview.alive and preview.last_exit != 0
        page = preview.render(2)
        assert (page.width, page.height) == (600, 800) and preview.restarts == 1
        assert preview.alive


def test_a_page_that_takes_too_much_cpu_is_refused(bomb: bytes) -> None:
    # With the default memory limit and a budget of 1 CPU second, whichever it meets first ends it.
    with PreviewProcess(bomb, cpu_per_page=1) as preview:
        with pytest.raises(PreviewError) as refused:
            preview.render(1)
        assert refused.value.ja == TOO_LARGE_JA
        assert not preview.alive
        assert preview.render(0).height == 800


def test_an_unreadable_pdf_says_so() -> None:
    with PreviewProcess(b"%PDF-1.4 not really") as preview, pytest.raises(PreviewError) as refused:
        preview.page_count()
    assert refused.value.ja == "このPDFは表示できません"


def test_a_missing_page_is_refused_without_ending_the_child() -> None:
    with PreviewProcess(consent_pdf("2026-00001", "レーザー")) as preview:
        with pytest.raises(PreviewError):
            preview.render(5)
        assert preview.alive and preview.restarts == 0
