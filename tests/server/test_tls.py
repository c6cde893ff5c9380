"""Reaching a server on another machine: only over TLS with its certificate verified; a plain
connection is refused before anything is sent. The server here is on 127.0.0.1 under a name
of its own (hostaddr), so the rule for remote servers applies to it."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from reviewdesk.errors import VaultError
from reviewdesk.store.location import conninfo, redact, without_user
from reviewdesk.store.pg_cluster import Cluster
from reviewdesk.store.server import ServerVault

HOST = "db.board.test"


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def _certificate(subject: str, issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey] | None,
                 *, ca: bool) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    # Valid from long before to long after any clock the suite runs under (+-years).
    start = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject))
               .issuer_name(issuer[0] if issuer else _name(subject)).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(start)
               .not_valid_after(start + dt.timedelta(days=365 * 60))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if not ca:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
    return builder.sign(issuer[1] if issuer else key, hashes.SHA256()), key


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Cluster, Path, Path]]:
    folder = tmp_path_factory.mktemp("tls")
    ca, ca_key = _certificate("ReviewDesk test CA", None, ca=True)
    server, server_key = _certificate(HOST, (ca.subject, ca_key), ca=False)
    other_ca, _ = _certificate("Somebody else's CA", None, ca=True)
    (folder / "ca.pem").write_bytes(_pem(ca))
    (folder / "other.pem").write_bytes(_pem(other_ca))
    key_pem = server_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption())
    cluster = Cluster(port=_free_port(), tcp=True, tls=(_pem(server), key_pem)).start()
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute("CREATE ROLE tls_member LOGIN PASSWORD 'tls-member-password'")
    yield cluster, folder / "ca.pem", folder / "other.pem"
    cluster.remove()


def _url(cluster: Cluster, query: str) -> str:
    return f"postgresql://tls_member@{HOST}:{cluster.port}/postgres?hostaddr=127.0.0.1&{query}"


def test_a_remote_server_is_reached_only_with_its_certificate_verified(tls_server) -> None:  # type: ignore[no-untyped-def]
    cluster, ca, _other = tls_server
    vault = ServerVault(_url(cluster, f"sslmode=verify-full&sslrootcert={ca}"),
                        conninfo(_url(cluster, f"sslmode=verify-full&sslrootcert={ca}")))
    vault.login, vault._password = "tls_member", "tls-member-password"
    with vault.connect_raw() as conn:
        assert conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone() == (True,)


@pytest.mark.parametrize("query", ["", "sslmode=require", "sslmode=prefer", "sslmode=verify-ca"])
def test_anything_less_than_verify_full_is_refused_before_connecting(tls_server, query: str) -> None:  # type: ignore[no-untyped-def]
    cluster, _ca, _other = tls_server
    with pytest.raises(VaultError) as refused:
        ServerVault.open(_url(cluster, query))
    assert "sslmode=verify-full" in str(refused.value) and "証明書を検証" in refused.value.ja


def test_a_certificate_from_another_authority_is_refused_in_plain_words(tls_server) -> None:  # type: ignore[no-untyped-def]
    cluster, _ca, other = tls_server
    with pytest.raises(VaultError) as refused:
        ServerVault.open(_url(cluster, f"sslmode=verify-full&sslrootcert={other}"))
    assert refused.value.ja == "サーバーの証明書を検証できませんでした。管理者にお問い合わせください"


def test_sockets_and_the_loopback_need_no_tls_and_a_password_never_sits_in_the_url() -> None:
    assert conninfo("postgresql:///board?host=/run/postgresql")["dbname"] == "board"
    assert conninfo("postgresql://127.0.0.1/board")["host"] == "127.0.0.1"
    with pytest.raises(VaultError) as refused:
        conninfo("postgresql://derm:secret@localhost/board")
    assert "パスワード" in refused.value.ja
    with pytest.raises(VaultError):
        conninfo("postgresql://[not a url")


def test_a_seat_url_names_no_login_and_messages_show_no_password() -> None:
    owner = "postgresql://postgres@db.board.test:5433/reviewdesk?sslmode=verify-full"
    assert without_user(owner) == "postgresql://db.board.test:5433/reviewdesk?sslmode=verify-full"
    assert without_user("postgresql:///reviewdesk?host=/run/pg") == "postgresql:///reviewdesk?host=/run/pg"
    assert redact("postgresql://postgres:secret@db/reviewdesk") == "postgresql://postgres@db/reviewdesk"
