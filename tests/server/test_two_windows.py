"""Two desktops on one server: the chair steps through the agenda at one seat and the
secretariat's presentation, at another seat with its own login, follows within moments; the
change travels as a PostgreSQL notice, not through a shared process."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewdesk.cases import meetings
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.meeting.presentation import PresentationWindow
from reviewdesk.ui.settings import UiSettings
from reviewdesk.ui.tasks import InlineTaskRunner
from tests.cases.flow import BOARD, reviewed
from tests.ui.conftest import FakePrompts
from tests.ui.test_presentation import HELD_TODAY

WAIT_MS = 30_000  # a loaded machine; the benchmark measures the real delay


def test_the_secretariats_screen_follows_the_chairs_agenda_position(qtbot, server_world, seats, tmp_path) -> None:  # type: ignore[no-untyped-def]
    world = server_world
    cases = [reviewed(world), reviewed(world, summary="レーザー照射後の熱傷。", procedure="laser")]
    meeting_id = meetings.create_meeting(world.vault, world["secretary"], "review_board", HELD_TODAY,
                                         "第12回審査会")
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in BOARD])
    for case_id in cases:
        meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)

    def window(username: str) -> PresentationWindow:
        vault, actor = seats.seat(username)
        ctx = AppContext(vault, actor, InlineTaskRunner(), FakePrompts(), UiSettings(tmp_path / f"{username}.ini"),
                         "ja")
        shown = PresentationWindow(ctx, meetings.meeting_detail(vault, actor, meeting_id))
        qtbot.addWidget(shown)
        return shown

    chair, screen = window("chair"), window("secretary")
    assert (chair.index, screen.index) == (0, 0)
    assert not chair.follow_box.isVisibleTo(chair) and screen.follow_box.isChecked()
    qtbot.mouseClick(chair.next_button, Qt.MouseButton.LeftButton)
    assert chair.index == 1
    qtbot.waitUntil(lambda: screen.index == 1, timeout=WAIT_MS)
    assert screen.title.text() == chair.title.text()
    # Unticked, the screen stays where its user put it.
    screen.follow_box.setChecked(False)
    qtbot.mouseClick(chair.previous_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen._meeting.presenting == chair.current_item().item_id, timeout=WAIT_MS)
    assert screen.index == 1
