"""Issue 15: the audit trail proves nothing was removed or rewritten, against someone holding
the vault key. Each attack of attacks.py, tried on a demo vault whose last act issued one kind of
anchor (a signed letter as sent, a backup's signed manifest, the checkpoint written at close),
must be reported by `reviewdesk check`. Before row digests and anchors, the only check was the
hash chain, which each of these attacks leaves intact (asserted below where it holds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.auth.integrity import AnchorVerdict, RowProblemKind
from reviewdesk.cli import main
from tests.integrity.attacks import (
    ANCHOR_KINDS,
    ATTACKS,
    PASSPHRASE,
    VAULT,
    attack_copy,
    build_base,
    build_scene,
    check,
)
from tests.support.templates import as_in_a_test


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with as_in_a_test():
        return build_base(tmp_path_factory.mktemp("base"))


@pytest.fixture(scope="module")
def scenes(base: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("scenes")
    with as_in_a_test():
        return {kind: build_scene(base, folder / kind, kind) for kind in ANCHOR_KINDS}


def test_a_fresh_demo_vault_checks_clean(base: Path) -> None:
    report = check(base, base.parent)
    assert report.ok, report.lines("en")
    assert report.rows is not None and report.rows.rows > 1000 and not report.rows.problems
    # The demo's signed letters anchor the trail from inside the vault.
    assert report.anchors and all(a.ok for a in report.anchors)


@pytest.mark.parametrize("kind", ANCHOR_KINDS)
def test_each_scene_checks_clean_with_its_anchor(scenes: dict[str, Path], kind: str) -> None:
    report = check(scenes[kind], scenes[kind].parent / "anchors")
    assert report.ok, report.lines("en")
    outside = [a for a in report.anchors if a.anchor.signature.value == "ok"]
    assert outside, f"the {kind} scene carries no signed anchor outside the vault"


@pytest.mark.parametrize("kind", ANCHOR_KINDS)
@pytest.mark.parametrize("name", list(ATTACKS))
def test_the_attack_is_detected(scenes: dict[str, Path], kind: str, name: str, tmp_path: Path) -> None:
    report = attack_copy(scenes[kind], tmp_path / "attacked", ATTACKS[name])
    assert not report.ok, f"{name} with a {kind} anchor went unnoticed: {report.lines('en')}"
    # What the chain alone said before issue 15: intact.
    assert report.chain is not None and report.chain.intact
    assert report.rows is not None
    outside = [a for a in report.anchors if a.anchor.signature.value == "ok"]  # the scene's own
    assert outside
    if name == "delete the last 1 event" and kind == "letter":
        # A letter anchors the trail as it was before its own event; cutting that event leaves
        # the letter's row with no event to vouch for it.
        assert {(p.table, p.kind) for p in report.rows.problems} == {("letters", RowProblemKind.UNRECORDED)}
    elif name.startswith("delete the last"):
        assert all(a.verdict is AnchorVerdict.CUT for a in outside)
    elif name == "edit events, recompute the chain":
        assert all(a.verdict is AnchorVerdict.REWRITTEN for a in outside)
    elif name.endswith(", no event"):
        assert report.rows.problems and {p.kind for p in report.rows.problems} == {RowProblemKind.CHANGED}
        assert all(a.ok for a in report.anchors)  # the trail itself is untouched
    else:  # the forgery is consistent with the rows, but not with what was anchored
        assert not report.rows.problems
        assert all(a.verdict is AnchorVerdict.REWRITTEN for a in outside)


def test_the_command_reports_in_japanese_then_english(scenes: dict[str, Path], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    attack_copy(scenes["backup"], tmp_path / "cut", ATTACKS["delete the last 10 events"])
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", PASSPHRASE["REVIEWDESK_PASSPHRASE"])
    vault, anchors = tmp_path / "cut" / VAULT, tmp_path / "cut" / "anchors"
    assert main(["check", "--vault", str(vault), "--anchors", str(anchors)]) == 1
    out = capsys.readouterr().out
    assert "監査記録が切り詰められています" in out and "結果: 監査記録の外で変更された形跡があります" in out
    assert main(["check", "--vault", str(vault), "--anchors", str(anchors), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "the trail no longer has this event (it was truncated)" in out
    assert "offsite.rdvault.anchor.json" in out
