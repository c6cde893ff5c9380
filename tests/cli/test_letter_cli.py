"""`reviewdesk letter verify`: exit 0 valid, 1 invalid or untrusted, 2 unreadable; one line each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reviewdesk.cli import main
from reviewdesk.letters.pdf import render_pdf
from reviewdesk.letters.pki import DemoPki, make_demo_pki
from reviewdesk.letters.signing import sign_pdf
from tests.letters import samples

SIGNED_AT = dt.datetime(2026, 11, 21, 1, 2, 3, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def pki() -> DemoPki:
    return make_demo_pki(now=SIGNED_AT)  # made for the letter's fixed moment, not the wall clock


@pytest.fixture(scope="module")
def signed(pki: DemoPki) -> bytes:
    return sign_pdf(render_pdf(samples.intake()), pki.signer_p12, pki.password,
                    signer_name="事務局長 中村 健一", reason="受付の通知", location="東京都",
                    when=SIGNED_AT)


@pytest.fixture
def files(tmp_path: Path, pki: DemoPki, signed: bytes) -> dict[str, Path]:
    paths = {
        "letter": tmp_path / "letter.pdf",
        "ca": tmp_path / "ca.pem",
        "other": tmp_path / "other.pem",
        "appended": tmp_path / "appended.pdf",
        "text": tmp_path / "notes.txt",
        "unsigned": tmp_path / "unsigned.pdf",
    }
    paths["letter"].write_bytes(signed)
    paths["ca"].write_bytes(pki.ca_certificate_pem)
    paths["other"].write_bytes(make_demo_pki(now=SIGNED_AT).ca_certificate_pem)
    paths["appended"].write_bytes(signed + b"%% more\n")
    paths["text"].write_text("not a pdf", encoding="utf-8")
    paths["unsigned"].write_bytes(render_pdf(samples.intake()))
    return paths


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    # B-B letters are judged at the validation time: the fixed moment their certificate was
    # made for, never the wall clock (the suite also runs with the clock shifted).
    code = main(["letter", "verify", *(str(a) for a in args), "--at", SIGNED_AT.isoformat()])
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_letter_exits_0_with_a_one_line_summary(capsys: pytest.CaptureFixture[str],
                                                      files: dict[str, Path]) -> None:
    code, out, err = run(capsys, files["letter"], "--trust", files["ca"])
    assert code == 0 and err == ""
    assert out.count("\n") == 1
    assert out.startswith("VALID:") and "DEMO" in out and "2026-11-21" in out
    assert "document intact" in out and "signer trusted" in out


def test_several_trust_options(capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    code, _, _ = run(capsys, files["letter"], "--trust", files["other"], "--trust", files["ca"])
    assert code == 0


@pytest.mark.parametrize(
    ("name", "trust", "words"),
    [
        ("letter", "other", "does not chain to a trusted root"),
        ("letter", None, "no --trust root was given"),
        ("appended", "ca", "appended"),
        ("unsigned", "ca", "no signature"),
    ],
)
def test_invalid_or_untrusted_exits_1_with_the_reason(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], name: str, trust: str | None,
    words: str
) -> None:
    args: list[object] = [files[name]]
    if trust:
        args += ["--trust", files[trust]]
    code, out, err = run(capsys, *args)
    assert code == 1 and err == ""
    assert out.startswith("INVALID:") and words in out and out.count("\n") == 1


def test_changed_byte_exits_1(capsys: pytest.CaptureFixture[str], files: dict[str, Path],
                              signed: bytes) -> None:
    tampered = bytearray(signed)
    position = signed.index(b"stream", len(signed) // 4) + 40  # inside a page's content stream
    tampered[position] ^= 0x04
    files["letter"].write_bytes(bytes(tampered))
    code, out, _ = run(capsys, files["letter"], "--trust", files["ca"])
    assert code == 1 and "INVALID" in out


@pytest.mark.parametrize("name", ["text", "missing"])
def test_not_a_pdf_or_unreadable_exits_2_without_traceback(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path, name: str
) -> None:
    path = files.get(name, tmp_path / "missing.pdf")
    code, out, err = run(capsys, path, "--trust", files["ca"])
    assert code == 2 and out == ""
    assert err.startswith("reviewdesk: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_bad_trust_file_exits_2(capsys: pytest.CaptureFixture[str],
                                files: dict[str, Path]) -> None:
    code, _, err = run(capsys, files["letter"], "--trust", files["text"])
    assert code == 2 and "not a certificate" in err and str(files["text"]) in err


def test_letter_without_action_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["letter"])
    assert exit_info.value.code == 2
