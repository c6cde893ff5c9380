"""Issue 12: the association and its signatories come from the vault's board settings."""

from __future__ import annotations

import io
import json
import tomllib
from datetime import date

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from reviewdesk.cases.assessing import CommitteeInputs, approve_assessment, compute_assessment
from reviewdesk.errors import InputError, PermissionDenied
from reviewdesk.letters.board import FIELDS, BoardSettings, board_settings, defaults, update_board_settings
from reviewdesk.letters.issuing import issue_case_letter, letter_pdf
from reviewdesk.letters.templates import template_dir
from reviewdesk.store.models import AuditEvent, Setting
from tests.cases import flow

ISSUED = date(2026, 11, 21)
TOML = tomllib.loads((template_dir() / "association.toml").read_text(encoding="utf-8"))


def _text(world, letter_id: int) -> str:  # type: ignore[no-untyped-def]
    """The letter's text without spaces and line breaks (extraction drops or adds some)."""
    _row, pdf = letter_pdf(world.vault, world["secretary"], letter_id)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return "".join(text.split())


def _bare(name: str) -> str:
    return "".join(name.split())


def _stored(world) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with world.vault.reading() as session:
        return dict(session.execute(sa.select(Setting.key, Setting.value)
                                    .where(Setting.key.like("board.%"))).all())


def _liable_case(world) -> int:  # type: ignore[no-untyped-def]
    case_id = flow.reviewed(world)
    flow.decide(world, case_id, "liable")
    assessment = compute_assessment(world.vault, world["assessor"], case_id, CommitteeInputs(
        victim_age=35, victim_sex="female", annual_income=4_000_000, loss_years=10,
        treatment_costs=800_000, lost_wages=300_000, hospital_outpatient_consolation=900_000,
        patient_fault="0.1"), today=flow.TODAY)
    approve_assessment(world.vault, world["assessor2"], assessment, today=flow.TODAY)
    return case_id


def test_a_new_vault_reads_the_defaults_of_association_toml(world) -> None:  # type: ignore[no-untyped-def]
    settings = board_settings(world.vault, world["secretary"])
    assert settings == defaults()
    assert settings.name == TOML["name"] and settings.address == TOML["address"]
    assert settings.seal_columns == tuple(TOML["seal_columns"])
    for which in ("representative", "board_chair", "secretariat"):
        person = TOML["signatories"][which]
        assert (settings.signatory(which).title, settings.signatory(which).name) == (
            person["title"], person["name"])
    assert _stored(world) == {}  # reading writes nothing


@pytest.mark.parametrize("username", ["secretary", "chair", "assessor", "auditor"])
def test_everyone_who_reads_all_cases_reads_them(world, username: str) -> None:  # type: ignore[no-untyped-def]
    assert board_settings(world.vault, world[username]).name == TOML["name"]


@pytest.mark.parametrize("username", ["derm", "lawyer"])
def test_reviewers_do_not_read_them(world, username: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        board_settings(world.vault, world[username])


@pytest.mark.parametrize("username", ["chair", "assessor", "auditor", "derm"])
def test_only_the_secretariat_changes_them(world, username: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied) as exc:
        update_board_settings(world.vault, world[username], {"representative_name": "山本 一郎"})
    assert "審査会の設定の変更" in exc.value.ja
    assert _stored(world) == {}


def test_an_update_stores_the_changed_fields_and_audits_them(world) -> None:  # type: ignore[no-untyped-def]
    old = board_settings(world.vault, world["secretary"])
    new = update_board_settings(world.vault, world["secretary"], {
        "representative_name": "  山本　一郎 ", "phone": "０３－１２３４－５６７８", "name": old.name})
    assert new.representative_name == "山本 一郎" and new.phone == "03-1234-5678"
    assert board_settings(world.vault, world["auditor"]) == new
    assert _stored(world) == {"board.representative_name": "山本 一郎", "board.phone": "03-1234-5678"}
    with world.vault.reading() as session:
        event = session.scalar(sa.select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1))
        assert event is not None
        assert (event.action, event.username) == ("board.update", "secretary")
        assert json.loads(event.detail)["changed"] == {
            "representative_name": {"from": old.representative_name, "to": "山本 一郎"},
            "phone": {"from": old.phone, "to": "03-1234-5678"}}


@pytest.mark.parametrize(("values", "ja"), [
    ({"name": "  "}, "団体名を入力してください"),
    ({"representative_title": ""}, "代表者の役職を入力してください"),
    ({"secretariat_name": "\u3000"}, "事務局長の氏名を入力してください"),
    ({"postal_code": "1000005"}, "郵便番号は「123-4567」の形（数字7桁）で入力してください"),
    ({"phone": "代表番号"}, "電話番号は数字とハイフンで入力してください（例：03-1234-5678）"),
    ({"seal": "日本美容医療 賠償共済会印"}, "角印の文字は、空白で区切って4列まで、1列5文字までで入力してください"),
    ({"address": "東" * 81}, "所在地は80文字以内で入力してください（現在81文字）"),
    ({"representative_name": "山本\x1b[2J 一郎"}, "代表者の氏名に使えない制御文字（U+001B）が含まれています"),
    ({"name": "日本美容\u202e医療"}, "団体名に使えない制御文字（U+202E）が含まれています"),
    ({"chairman": "佐藤"}, "審査会の設定に「chairman」という項目はありません"),
    ({"board_chair_name": defaults().board_chair_name}, "審査会の設定に変更がありません"),
])
def test_wrong_values_are_refused_in_japanese(world, values: dict[str, str], ja: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as exc:
        update_board_settings(world.vault, world["secretary"], values)
    assert exc.value.ja == ja
    assert _stored(world) == {}


def test_every_field_has_a_setting_key_under_board() -> None:
    assert [f.name for f in FIELDS] == list(BoardSettings.__dataclass_fields__)
    assert all(f.key == f"board.{f.name}" for f in FIELDS)


def test_letters_print_the_board_settings_of_the_day_they_are_issued(signed_world) -> None:  # type: ignore[no-untyped-def]
    world = signed_world
    old = board_settings(world.vault, world["secretary"])
    case_id = _liable_case(world)
    issue_case_letter(world.vault, world["chair"], case_id, "finding", issued_on=ISSUED)
    update_board_settings(world.vault, world["secretary"], {
        "representative_name": "山本 一郎", "representative_title": "代表理事",
        "name": "一般社団法人 美容医療互助会", "address": "大阪府大阪市北区梅田一丁目2番3号",
        "postal_code": "530-0001", "phone": "06-1111-2222"})
    assessment = issue_case_letter(world.vault, world["secretary"], case_id, "assessment",
                                   issued_on=ISSUED)
    text = _text(world, assessment)  # signed by the representative (assessment.toml)
    assert "代表理事山本一郎" in text and _bare(old.representative_name) not in text
    assert "一般社団法人美容医療互助会" in text and _bare(old.name) not in text
    assert "〒530-0001" in text and "大阪府大阪市北区梅田一丁目2番3号" in text and "電話06-1111-2222" in text
    assert _bare(old.address) not in text


def test_the_secretariat_head_signs_the_intake_acknowledgement_and_old_letters_keep_theirs(
        signed_world) -> None:  # type: ignore[no-untyped-def]
    world = signed_world
    old = board_settings(world.vault, world["secretary"])
    first = issue_case_letter(world.vault, world["secretary"], flow.intake(world),
                              "intake_acknowledgement", issued_on=ISSUED)
    _row, before = letter_pdf(world.vault, world["secretary"], first)
    update_board_settings(world.vault, world["secretary"], {"secretariat_name": "小林 花子"})
    second = issue_case_letter(world.vault, world["secretary"], flow.intake(world),
                               "intake_acknowledgement", issued_on=ISSUED)
    assert f"{_bare(old.secretariat_title)}小林花子" in _text(world, second)
    assert _bare(old.secretariat_name) not in _text(world, second)
    assert letter_pdf(world.vault, world["secretary"], first)[1] == before  # signed: never rebuilt
    assert _bare(old.secretariat_name) in _text(world, first)


def test_the_minutes_without_the_chair_present_name_the_board_settings_chair(signed_world) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.letters.issuing import issue_minutes

    world = signed_world
    update_board_settings(world.vault, world["secretary"], {"board_chair_name": "木村 和子"})
    meeting = flow.board_meeting(world, present=("derm2", "plastic", "lawyer2", "derm"))
    flow.decide(world, flow.reviewed(world), "not_liable", meeting_id=meeting)
    text = _text(world, issue_minutes(world.vault, world["secretary"], meeting,
                                      issued_on=date(2026, 11, 26)))
    assert "木村和子" in text and "佐藤恵子" not in text


def test_two_desks_editing_the_settings_merge_other_fields_and_refuse_the_same_one(world) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.cases.concurrency import STALE_JA, StaleEdit

    loaded = board_settings(world.vault, world["secretary"])  # both desks show these
    update_board_settings(world.vault, world["secretary"], {"phone": "03-1111-2222"}, loaded)
    # Another field: merged, the first desk's phone kept.
    merged = update_board_settings(world.vault, world["secretary"], {"contact_name": "審査課 小林"}, loaded)
    assert (merged.phone, merged.contact_name) == ("03-1111-2222", "審査課 小林")
    with pytest.raises(StaleEdit) as refused:  # the same field, from the old form: refused
        update_board_settings(world.vault, world["secretary"], {"phone": "03-9999-0000"}, loaded)
    assert refused.value.ja == STALE_JA
    assert board_settings(world.vault, world["secretary"]).phone == "03-1111-2222"
    latest = board_settings(world.vault, world["secretary"])
    assert update_board_settings(world.vault, world["secretary"], {"phone": "03-9999-0000"},
                                 latest).phone == "03-9999-0000"
