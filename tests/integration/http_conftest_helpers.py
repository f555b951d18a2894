"""Fixtures for tests/integration/test_http.py: a real threaded HTTP server on loopback.

Not a conftest.py: the test module imports the `*_fixture` functions, which pytest registers under
their `name=` (loopback, bare_server, server, fetcher).
"""

from __future__ import annotations

import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tasks.core.http import Fetcher, HttpSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"

# Short waits everywhere so the whole file runs in a few seconds.
FAST = HttpSettings(
    connect_timeout_s=1.0,
    read_timeout_s=0.4,
    write_timeout_s=1.0,
    pool_timeout_s=1.0,
    total_timeout_s=3.0,
    max_body_bytes=1024 * 1024,
    max_decoded_bytes=4 * 1024 * 1024,
    max_redirects=4,
    max_attempts=3,
    backoff_base_s=0.01,
    backoff_max_s=0.05,
    max_retry_after_s=2.0,
    max_per_host=4,
    min_host_delay_s=0.0,
    max_crawl_delay_s=0.5,
    robots_error_ttl_s=60.0,
)


@pytest.fixture(scope="module", name="loopback")
def loopback_fixture() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture(name="bare_server")
def bare_server_fixture(loopback: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    """The loopback server with no handlers, and private addresses allowed."""
    monkeypatch.setenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", "1")
    loopback.clear()
    return loopback


@pytest.fixture(name="server")
def server_fixture(bare_server: HTTPServer) -> HTTPServer:
    """As bare_server, with robots.txt answering 404 (allow all)."""
    bare_server.expect_request("/robots.txt").respond_with_data("not found", status=404)
    return bare_server


@pytest.fixture(name="fetcher")
def fetcher_fixture() -> Iterator[Fetcher]:
    """A fresh Fetcher (own client, robots cache, throttle) per test."""
    made = Fetcher(FAST)
    yield made
    made.close()


def feed_bytes(relative: str) -> bytes:
    return (FIXTURES / relative).read_bytes()


def paths_requested(server: HTTPServer) -> list[str]:
    return [request.path for request, _ in server.log]


def slow_handler(delay_s: float, body: bytes = b"late") -> Callable[[Request], Response]:
    def handle(_: Request) -> Response:
        time.sleep(delay_s)
        return Response(body, content_type="application/rss+xml")

    return handle


class _DripHandler(socketserver.StreamRequestHandler):
    """Answers robots.txt with 404; anything else with a body sent a few bytes at a time."""

    server: DripServer

    def handle(self) -> None:
        request_line = self.rfile.readline().decode("latin-1")
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        if " /robots.txt " in request_line:
            self.wfile.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            return
        piece = b"<!-- still coming -->\n"
        head = f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {len(piece) * 1000}\r\n\r\n"
        self.wfile.write(head.encode())
        try:
            for _ in range(1000):
                self.wfile.write(piece)
                self.wfile.flush()
                time.sleep(self.server.pause_s)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up, as it should


class DripServer(socketserver.ThreadingTCPServer):
    """A raw HTTP/1.1 server on loopback whose bodies trickle in: every read is quick, the whole is not.

    (pytest-httpserver buffers a streamed response before sending it, so it cannot do this.)
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, pause_s: float) -> None:
        super().__init__(("127.0.0.1", 0), _DripHandler)
        self.pause_s = pause_s
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self) -> DripServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.shutdown()
        self.server_close()

    def url_for(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class ConcurrencyProbe:
    """A handler that records how many requests it served at once and when each started."""

    def __init__(self, hold_s: float) -> None:
        self.hold_s = hold_s
        self.active = 0
        self.peak = 0
        self.starts: list[float] = []
        self._lock = threading.Lock()

    def __call__(self, _: Request) -> Response:
        with self._lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
            self.starts.append(time.monotonic())
        time.sleep(self.hold_s)
        with self._lock:
            self.active -= 1
        return Response(b"<rss/>", content_type="application/rss+xml")
