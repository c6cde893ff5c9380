"""UI test fixtures: contexts per user with a synchronous runner and scripted prompts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.cases.intake import IntakeData, register_case
from reviewdesk.ui.context import AppContext, UiSettings
from reviewdesk.ui.tasks import InlineTaskRunner


class FakePrompts:
    """Answers from queues the test fills; records every question asked."""

    def __init__(self) -> None:
        self.confirm_answers: list[bool] = []
        self.text_answers: list[str | None] = []
        self.path_answers: list[list[Path]] = []
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.asked: list[str] = []

    def confirm(self, parent, title, text):  # type: ignore[no-untyped-def]
        self.asked.append(title)
        return self.confirm_answers.pop(0)

    def open_paths(self, parent, caption, filter_):  # type: ignore[no-untyped-def]
        self.asked.append(caption)
        return self.path_answers.pop(0)

    def open_path(self, parent, caption, filter_):  # type: ignore[no-untyped-def]
        self.asked.append(caption)
        paths = self.path_answers.pop(0)
        return paths[0] if paths else None

    def save_path(self, parent, caption, suggested, filter_):  # type: ignore[no-untyped-def]
        return self.open_path(parent, caption, filter_)

    def ask_text(self, parent, title, label, text=""):  # type: ignore[no-untyped-def]
        self.asked.append(title)
        return self.text_answers.pop(0)

    def error(self, parent, title, text):  # type: ignore[no-untyped-def]
        self.errors.append(text)

    def info(self, parent, title, text):  # type: ignore[no-untyped-def]
        self.infos.append(text)


@pytest.fixture
def prompts() -> FakePrompts:
    return FakePrompts()


@pytest.fixture
def make_ctx(world, prompts, tmp_path) -> Callable[[str], AppContext]:  # type: ignore[no-untyped-def]
    """An AppContext for one of the world's users; English interface (no translator)."""

    def make(username: str) -> AppContext:
        return AppContext(world.vault, world[username], InlineTaskRunner(), prompts,
                          UiSettings(tmp_path / "ui.ini"), "en")

    return make


def intake(world, n: int = 0, **overrides) -> IntakeData:  # type: ignore[no-untyped-def]
    values = dict(contract_id=world.contract_id, patient_name=f"山田 花子{n}",
                  procedure=("double_eyelid", "laser", "filler")[n % 3],
                  incident_date=date(2026, 3, 1), claim_date=date(2026, 4, 1 + n % 28),
                  summary=f"施術後の瘢痕についての申出 {n}", insured_doctor_id=world.doctor_id,
                  received_on=date(2026, 5, 1))
    values.update(overrides)
    return IntakeData(**values)


def register(world, n: int = 0, **overrides) -> int:  # type: ignore[no-untyped-def]
    return register_case(world.vault, world["secretary"], intake(world, n, **overrides),
                         today=date(2026, 5, 1))


class HeldTaskRunner:
    """Keeps each submitted job until the test lets it finish: a read still in flight."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None], parent: object = None) -> None:
        self.jobs.append((fn, on_done))

    def finish_next(self) -> None:
        fn, on_done = self.jobs.pop(0)
        on_done(fn())

