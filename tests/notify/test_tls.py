"""SMTP with STARTTLS and over SSL, against aiosmtpd on loopback with a
certificate made for 127.0.0.1 and trusted through ``SSL_CERT_FILE``
(plansat verifies the server as it would any other)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from plansat.notify import Dispatcher, Secrets
from plansat.store import NewMessage, Store
from tests.notify.conftest import Mailbox, free_port


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    built = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
             .public_key(key.public_key())
             .serial_number(x509.random_serial_number())
             .not_valid_before(now - timedelta(days=1))
             .not_valid_after(now + timedelta(days=1))
             .add_extension(x509.SubjectAlternativeName(
                 [x509.IPAddress(IPv4Address("127.0.0.1"))]), critical=False)
             .add_extension(x509.BasicConstraints(ca=True, path_length=None),
                            critical=True)
             .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    crt, pem = folder / "cert.pem", folder / "key.pem"
    crt.write_bytes(built.public_bytes(serialization.Encoding.PEM))
    pem.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return crt, pem


def server_context(cert: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*cert)
    return context


@pytest.fixture
def trusted(cert: tuple[Path, Path],
            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(cert[0]))


def one_message(store: Store, shop: str) -> int:
    [m] = store.queue_messages(shop, [NewMessage(
        kind="alert", recipient="alice", subject="[Small] tls", body="b",
        channel="mail", address="alice@example.com")])
    return m.id


@pytest.fixture
def starttls_server(cert: tuple[Path, Path]) -> Iterator[tuple[int, Mailbox]]:
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port,
                            tls_context=server_context(cert),
                            require_starttls=True)
    controller.start()
    yield port, box
    controller.stop()


def test_starttls(store: Store, shop: str, trusted: None,
                  starttls_server: tuple[int, Mailbox]) -> None:
    port, box = starttls_server
    store.add_channel("mail", f"smtp://127.0.0.1:{port}?starttls=1")
    mid = one_message(store, shop)
    assert Dispatcher(store, Secrets(), timeout=5).run_once().delivered \
        == [mid]
    assert [m["Subject"] for m in box.messages] == ["[Small] tls"]


def test_without_starttls_the_server_refuses(
    store: Store, shop: str, starttls_server: tuple[int, Mailbox]
) -> None:
    port, box = starttls_server
    store.add_channel("mail", f"smtp://127.0.0.1:{port}")
    mid = one_message(store, shop)
    report = Dispatcher(store, Secrets(), timeout=5).run_once()
    assert report.dead == [mid]  # 530 Must issue a STARTTLS command first
    [row] = store.outbox(ids=[mid])
    assert "530" in row.last_error and box.messages == []


def test_smtps(store: Store, shop: str, trusted: None,
               cert: tuple[Path, Path]) -> None:
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port,
                            ssl_context=server_context(cert))
    controller.start()
    try:
        store.add_channel("mail", f"smtps://127.0.0.1:{port}")
        mid = one_message(store, shop)
        report = Dispatcher(store, Secrets(), timeout=5).run_once()
    finally:
        controller.stop()
    assert report.delivered == [mid] and len(box.messages) == 1


def test_an_untrusted_certificate_is_not_accepted(
    store: Store, shop: str, starttls_server: tuple[int, Mailbox]
) -> None:
    port, box = starttls_server
    store.add_channel("mail", f"smtp://127.0.0.1:{port}?starttls=1")
    mid = one_message(store, shop)
    report = Dispatcher(store, Secrets(), timeout=5).run_once()
    assert report.retrying == [mid]
    [row] = store.outbox(ids=[mid])
    assert "CERTIFICATE_VERIFY_FAILED" in row.last_error
    assert box.messages == []
