"""The httpx transport under `tasks.core.http`: connect only to the addresses the guard vetted, within a deadline.

`http.Fetcher` resolves a host and vets every address it resolves to; if httpx then resolved the name again to
connect, a name with a zero TTL could answer a public address to the check and an internal one to the connection
(DNS rebinding). So every request runs inside an `exchange(deadline, addresses)`, and this module's httpcore
network backend connects to those addresses and to nothing else (TLS still verifies, and SNI still names, the
URL's host: httpcore takes those from the request, not from the socket). A connection is never opened outside an
exchange.

The same exchange carries the request's total deadline: every socket read and write (and the TLS handshake) waits
at most until then, so a server that sends its status line and headers one byte at a time cannot hold a request
past it (httpx's own timeouts bound each read, not the whole response).

A keep-alive connection taken from the pool was opened in an earlier exchange, to an address vetted then. With
`HttpSettings.trust_env`, httpx sends requests through the environment's proxy on its own transport: the proxy
resolves the name, and this module does not see it.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx


@dataclass(frozen=True, slots=True)
class _Exchange:
    deadline: float  # time.monotonic()
    addresses: tuple[str, ...] | None  # None: connect by name (private networks allowed, nothing was vetted)


_current = threading.local()  # an httpx.Client sends a request in the calling thread


@contextmanager
def exchange(deadline: float, addresses: Sequence[str] | None) -> Iterator[None]:
    """Requests in this block connect only to `addresses` (by name when None) and end by `deadline`."""
    previous = getattr(_current, "exchange", None)
    _current.exchange = _Exchange(deadline, None if addresses is None else tuple(addresses))
    try:
        yield
    finally:
        _current.exchange = previous


def _current_exchange() -> _Exchange:
    current: _Exchange | None = getattr(_current, "exchange", None)
    if current is None:
        raise httpcore.ConnectError("a connection is opened only inside tasks.core.transport.exchange()")
    return current


def _bounded(timeout: float | None, error: type[httpcore.TimeoutException]) -> float | None:
    """`timeout`, cut to what is left of the current exchange's deadline; raise `error` once it has passed."""
    current = getattr(_current, "exchange", None)
    if current is None:
        return timeout
    left = current.deadline - time.monotonic()
    if left <= 0:
        raise error("the total deadline of the request passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend, connecting to the current exchange's vetted addresses, in order."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        addresses = _current_exchange().addresses
        targets = (host,) if addresses is None else addresses
        error: httpcore.ConnectError | None = None
        for target in targets:  # like socket.create_connection over getaddrinfo's answers
            try:
                stream = self._inner.connect_tcp(
                    target, port, _bounded(timeout, httpcore.ConnectTimeout), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _DeadlineStream(stream)
        assert error is not None
        raise error

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
        raise httpcore.ConnectError("unix sockets are not used")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport over a PinnedBackend connection pool."""

    def __init__(self, limits: httpx.Limits, ssl_context: ssl.SSLContext | None = None) -> None:
        super().__init__(limits=limits, trust_env=False)
        # httpx 0.28 takes no network backend (encode/httpx#3749 adds one): the same pool, with ours
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context or httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=PinnedBackend(),
        )
