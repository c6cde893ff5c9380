"""The board settings tab's long-term signatures box and the dashboard's renewal figure, against
the local TSA of tests/letters/ltv_pki.py."""

from __future__ import annotations

import pytest

from reviewdesk.letters.issuing import case_letters, issue_case_letter
from reviewdesk.letters.signer import import_signer
from reviewdesk.letters.tsa import tsa_settings
from reviewdesk.ui.admin.panel import AdminPanel
from reviewdesk.ui.dashboard.panel import DashboardPanel
from tests.cases import flow


@pytest.fixture(scope="module")
def ltv_pki(tmp_path_factory):  # type: ignore[no-untyped-def]
    from tests.letters.ltv_pki import serve

    yield from serve(tmp_path_factory.mktemp("ltv-pki"))


def test_tsa_saved_then_letters_renewed_from_the_board_tab(qtbot, make_ctx, world, prompts,  # type: ignore[no-untyped-def]
                                                            ltv_pki) -> None:
    import_signer(world.vault, world["secretary"], ltv_pki.p12(), ltv_pki.password.decode())
    case_id = flow.intake(world)
    issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")  # B-B
    dashboard = DashboardPanel(make_ctx("chair"))
    qtbot.addWidget(dashboard)
    assert dashboard.figures["renewal"].value.text() == "1"

    panel = AdminPanel(make_ctx("secretary"))
    qtbot.addWidget(panel)
    box = panel.board.long_term
    assert box.renew_button.text() == "Renew long-term signatures"
    box.url.setText(ltv_pki.tsa_url())
    box.save_button.click()
    assert prompts.errors == [] and tsa_settings(world.vault, world["secretary"]).url == ltv_pki.tsa_url()
    box.renew_button.click()
    assert prompts.errors == []
    assert "Renewed: 1" in prompts.infos[-1] and "B-B → B-LTA" in prompts.infos[-1]
    (row,) = case_letters(world.vault, world["secretary"], case_id)
    assert row.pades_level == "B-LTA"
    dashboard.refresh()
    assert dashboard.figures["renewal"].value.text() == "0"


def test_a_bad_tsa_url_is_refused_in_plain_words(qtbot, make_ctx, prompts) -> None:  # type: ignore[no-untyped-def]
    panel = AdminPanel(make_ctx("secretary"))
    qtbot.addWidget(panel)
    panel.board.long_term.url.setText("ftp://tsa")
    panel.board.long_term.save_button.click()
    assert prompts.errors and "http" in prompts.errors[-1]
