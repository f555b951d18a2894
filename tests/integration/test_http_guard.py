"""The HTTP client's deadline and address guard against raw loopback servers: a server that sends its headers
one line at a time, and names that resolve to another address the second time they are looked up (DNS rebinding)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import ipaddress
import socket
import socketserver
import ssl
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer

from tasks.core import http
from tasks.core.http import Fetcher, TransientFetchError
from tasks.core.transport import PinnedTransport, exchange
from tests.integration.http_conftest_helpers import FAST


class _HeaderDripHandler(socketserver.StreamRequestHandler):
    """Reads a request, then sends a status line and one more header line every `pause_s`, never ending them."""

    server: HeaderDripServer

    def handle(self) -> None:
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for n in range(10_000):
                self.wfile.write(f"X-Drip-{n}: still coming\r\n".encode())
                self.wfile.flush()
                time.sleep(self.server.pause_s)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up, as it should


class HeaderDripServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, pause_s: float) -> None:
        super().__init__(("127.0.0.1", 0), _HeaderDripHandler)
        self.pause_s = pause_s
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self) -> HeaderDripServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.shutdown()
        self.server_close()


def test_headers_sent_one_line_at_a_time_are_stopped_by_the_total_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every line comes well within the read timeout; the whole exchange still ends at total_timeout_s."""
    monkeypatch.setenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", "1")
    settings = dataclasses.replace(FAST, total_timeout_s=1.0, max_attempts=1, respect_robots=False)
    with HeaderDripServer(pause_s=FAST.read_timeout_s / 4) as drip, Fetcher(settings) as fetcher:
        started = time.monotonic()
        with pytest.raises(TransientFetchError) as caught:
            fetcher.fetch(f"http://127.0.0.1:{drip.server_address[1]}/feed.xml")
        took = time.monotonic() - started
    assert caught.value.reason == "timeout" and "deadline" in caught.value.detail
    assert took < settings.total_timeout_s + 1.0  # the headers alone would take 1,000 s


# --- DNS rebinding -----------------------------------------------------------------------------

VETTED, INTERNAL = "127.0.0.1", "127.0.0.2"  # two loopback addresses, the second standing in for an internal one


@pytest.fixture
def two_servers() -> Iterator[tuple[HTTPServer, HTTPServer]]:
    """The same port on two addresses: the one the guard vets, and an internal one it would refuse."""
    vetted = HTTPServer(host=VETTED, port=0, threaded=True)
    vetted.start()
    internal = HTTPServer(host=INTERNAL, port=vetted.port, threaded=True)
    internal.start()
    for server in (vetted, internal):
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")
    yield vetted, internal
    for server in (vetted, internal):
        server.clear()
        server.stop()


@pytest.fixture
def rebinding_dns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A resolver hook in place of a hostile DNS server with a zero TTL, at its best timing for the attacker:
    names under `.rebind.test` resolve to VETTED when the SSRF guard looks them up and to INTERNAL for any other
    lookup (the one a client makes to connect). INTERNAL counts as a private address, VETTED as a public one."""
    real_getaddrinfo = socket.getaddrinfo
    looked_up: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(host, str) and host.endswith(".rebind.test"):
            by_guard = sys._getframe(1).f_code is http.check_public_address.__code__
            looked_up.append(f"{host} {'guard' if by_guard else 'other'}")
            return real_getaddrinfo(VETTED if by_guard else INTERNAL, port, *args, **kwargs)
        return real_getaddrinfo(host, port, *args, **kwargs)

    real_public = http.is_public_address

    def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return str(address) == VETTED or real_public(address)  # loopback is never public: pretend for VETTED

    monkeypatch.delenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", raising=False)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(http, "is_public_address", is_public)
    return looked_up


def test_the_connection_goes_to_the_address_that_was_checked(
    two_servers: tuple[HTTPServer, HTTPServer], rebinding_dns: list[str]
) -> None:
    vetted, internal = two_servers
    vetted.expect_request("/feed.xml").respond_with_data("public", content_type="text/plain")
    internal.expect_request("/feed.xml").respond_with_data("internal secret", content_type="text/plain")
    with Fetcher(FAST) as fetcher:
        result = fetcher.fetch(f"http://news.rebind.test:{vetted.port}/feed.xml")
    assert result.content == b"public"
    assert [r.path for r, _ in internal.log] == []  # neither robots.txt nor the page went to the internal address
    assert [r.path for r, _ in vetted.log] == ["/robots.txt", "/feed.xml"]
    assert set(rebinding_dns) == {"news.rebind.test guard"}  # looked up by the guard only


def test_every_redirect_hop_connects_to_its_checked_address(
    two_servers: tuple[HTTPServer, HTTPServer], rebinding_dns: list[str]
) -> None:
    vetted, internal = two_servers
    port = vetted.port
    vetted.expect_request("/start").respond_with_data(
        "", status=302, headers={"Location": f"http://other.rebind.test:{port}/page"}
    )
    vetted.expect_request("/page").respond_with_data("public page", content_type="text/plain")
    for path in ("/start", "/page"):
        internal.expect_request(path).respond_with_data("internal secret", content_type="text/plain")
    with Fetcher(dataclasses.replace(FAST, respect_robots=False)) as fetcher:
        result = fetcher.fetch(f"http://first.rebind.test:{port}/start")
    assert (result.content, result.final_url) == (b"public page", f"http://other.rebind.test:{port}/page")
    assert [r.path for r, _ in internal.log] == []
    assert set(rebinding_dns) == {"first.rebind.test guard", "other.rebind.test guard"}


def _self_signed(folder: Path, name: str) -> tuple[Path, Path]:
    """A certificate for `name` (and its key), made for the test."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def test_tls_to_a_pinned_address_still_verifies_the_urls_host(tmp_path: Path) -> None:
    """The socket goes to the vetted address; the certificate is still checked against the URL's host name."""
    cert, key = _self_signed(tmp_path, "news.rebind.test")
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    server = HTTPServer(host=VETTED, port=0, ssl_context=server_context)
    server.expect_request("/").respond_with_data("over tls", content_type="text/plain")
    server.start()
    client_context = ssl.create_default_context(cafile=str(cert))
    limits = httpx.Limits(max_connections=2)
    try:
        with httpx.Client(transport=PinnedTransport(limits, client_context)) as client:
            with exchange(time.monotonic() + 5, [VETTED]):  # the name does not resolve: only the pin reaches it
                response = client.get(f"https://news.rebind.test:{server.port}/")
            assert (response.status_code, response.text) == (200, "over tls")
            with exchange(time.monotonic() + 5, [VETTED]), pytest.raises(httpx.ConnectError, match="certificate"):
                client.get(f"https://other.rebind.test:{server.port}/")  # same address, a name the cert lacks
            with pytest.raises(httpx.ConnectError, match="inside"):
                client.get(f"https://news.rebind.test:{server.port}/")  # no exchange: no connection at all
    finally:
        server.stop()
