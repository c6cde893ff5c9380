"""Fixtures for letter tests: throwaway PKIs (made once per session) and signed sample letters."""

from __future__ import annotations

import datetime as dt

import pytest

from reviewdesk.letters.pdf import render_pdf
from reviewdesk.letters.pki import DemoPki, make_demo_pki
from reviewdesk.letters.signing import sign_pdf
from tests.letters import samples

# Signatures in these tests carry a fixed moment, so every certificate that signs them is made
# for that moment too, never for the wall clock: the suite passes on any date.
SIGNED_AT = dt.datetime(2026, 11, 21, 5, 30, 15, tzinfo=dt.UTC)  # 14:30:15 JST


@pytest.fixture(scope="session")
def pki() -> DemoPki:
    return make_demo_pki(signer_name="審査会委員長 佐藤 恵子（デモ用）", now=SIGNED_AT)


@pytest.fixture(scope="session")
def other_pki() -> DemoPki:
    """A second CA with the same demo names but other keys: trusting it must not help."""
    return make_demo_pki(signer_name="審査会委員長 佐藤 恵子（デモ用）", now=SIGNED_AT)


@pytest.fixture(scope="session")
def current_pki() -> DemoPki:
    """For letters the services sign at the wall clock: a certificate made at the wall clock."""
    return make_demo_pki()


@pytest.fixture
def signed_world(world, current_pki: DemoPki):  # type: ignore[no-untyped-def]
    """The world with current_pki imported as the active signer."""
    from reviewdesk.letters.signer import import_signer

    import_signer(world.vault, world["secretary"], current_pki.signer_p12,
                  current_pki.password.decode())
    return world


@pytest.fixture(scope="session")
def ltv_pki(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A PKI with a TSA, an OCSP responder and a CRL on 127.0.0.1 (tests/letters/ltv_pki.py),
    made relative to the current clock."""
    from tests.letters.ltv_pki import serve

    yield from serve(tmp_path_factory.mktemp("ltv-pki"))


@pytest.fixture
def ltv_world(world, ltv_pki):  # type: ignore[no-untyped-def]
    """The world signing with the LTV PKI's signer and stamping with its TSA."""
    from reviewdesk.letters.signer import import_signer
    from reviewdesk.letters.tsa import update_tsa_settings

    import_signer(world.vault, world["secretary"], ltv_pki.p12(), ltv_pki.password.decode())
    update_tsa_settings(world.vault, world["secretary"], ltv_pki.tsa_url())
    ltv_pki.tsa_up = True
    yield world
    ltv_pki.tsa_up = True


@pytest.fixture(scope="session")
def letter_pdf() -> bytes:
    return render_pdf(samples.finding())


@pytest.fixture(scope="session")
def signed_letter(pki: DemoPki, letter_pdf: bytes) -> bytes:
    return sign_pdf(
        letter_pdf,
        pki.signer_p12,
        pki.password,
        signer_name="審査会委員長 佐藤 恵子",
        reason="審査結果の通知",
        location="東京都千代田区",
        when=SIGNED_AT,
    )
