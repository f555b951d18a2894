"""The only module that talks to the network: a polite, bounded HTTP GET.

Every request: http(s) only, public addresses only (checked again after each redirect, and
the connection made to the addresses checked: `tasks.core.transport`), robots.txt honoured,
per-host concurrency and spacing, phase timeouts plus a total deadline over the whole
exchange (headers included), capped body and decompressed size, bounded retries with full-jitter backoff
on transient failures only. Failures raise PermanentFetchError / TransientFetchError
whose `reason` is a short code from `FailureReason`.
"""

from __future__ import annotations

import ipaddress
import os
import random
import socket
import threading
import time
import zlib
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from importlib import metadata
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from tasks.core.records import RejectedInput
from tasks.core.robots import HostThrottle, RobotsCache
from tasks.core.transport import PinnedTransport, exchange

try:
    __version__ = metadata.version("wirehouse")
except metadata.PackageNotFoundError:
    __version__ = "0.1.0"

USER_AGENT = f"wirehouse/{__version__} (+https://github.com/wirehouse; news-event pipeline)"
ROBOTS_AGENT = "wirehouse"  # the token robots.txt rules are matched against
ALLOW_PRIVATE_ENV = "WIREHOUSE_ALLOW_PRIVATE_NETWORKS"

# Closed vocabularies read better packed than one item a line.
# fmt: off
FailureReason = Literal[
    "http_401", "http_403", "http_404", "http_410", "http_429", "http_4xx", "http_5xx", "http_other",
    "bad_redirect", "redirect_loop", "too_many_redirects", "too_large", "decompression_bomb", "bad_encoding",
    "bad_content_type", "bad_scheme", "bad_url", "private_address", "robots_disallowed", "robots_unavailable",
    "timeout", "connect_error", "network_error", "dns_error",
]
FetchKind = Literal["any", "feed", "page"]
_TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_NAMED_STATUSES = frozenset({401, 403, 404, 410})
_KEPT_HEADERS = ("content-type", "content-length", "content-encoding", "content-language", "etag",
                 "last-modified", "cache-control", "expires", "date", "retry-after")
# fmt: on
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_FEED_TYPES = frozenset({"text/html", "text/plain", "application/octet-stream"})


class FetchError(Exception):
    """A fetch that failed; `reason` is a FailureReason code, `detail` is for humans."""

    def __init__(
        self,
        reason: FailureReason,
        detail: str,
        url: str,
        status: int | None = None,
        retry_after_s: float | None = None,
    ) -> None:
        Exception.__init__(self, f"{reason}: {detail} ({url})")
        self.reason = reason
        self.detail = detail
        self.url = url
        self.status = status
        self.retry_after_s = retry_after_s
        self.attempts = 1

    def __reduce__(self) -> tuple[object, ...]:  # picklable, for process pools and Prefect results
        args = (self.reason, self.detail, self.url, self.status, self.retry_after_s)
        return (type(self), args, {"attempts": self.attempts})


class PermanentFetchError(FetchError, RejectedInput):
    """Retrying will not help (404, too large, robots, ...): record a reject and move on."""


class TransientFetchError(FetchError):
    """Retries were exhausted on a failure that may pass (timeout, 429, 5xx): retry later."""


@dataclass(frozen=True, slots=True)
class HttpSettings:
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 15.0
    write_timeout_s: float = 10.0
    pool_timeout_s: float = 10.0
    total_timeout_s: float = 45.0  # per attempt, across redirects and body streaming
    max_body_bytes: int = 10 * 1024 * 1024  # bytes on the wire
    max_decoded_bytes: int = 20 * 1024 * 1024  # after gzip/deflate
    max_redirects: int = 5
    max_attempts: int = 3
    backoff_base_s: float = 1.0
    backoff_max_s: float = 30.0
    max_retry_after_s: float = 120.0  # a longer Retry-After is returned to the caller at once
    max_per_host: int = 2
    min_host_delay_s: float = 1.0
    max_crawl_delay_s: float = 10.0  # robots.txt Crawl-delay is honoured up to this
    respect_robots: bool = True
    robots_ttl_s: float = 86400.0
    robots_error_ttl_s: float = 600.0
    robots_max_bytes: int = 512 * 1024  # Google reads the first 500 KiB
    max_connections: int = 20
    trust_env: bool = False  # set True to use HTTP(S)_PROXY from the environment
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        timeouts = (
            self.connect_timeout_s,
            self.read_timeout_s,
            self.write_timeout_s,
            self.pool_timeout_s,
            self.total_timeout_s,
        )
        if min(timeouts) <= 0 or self.max_attempts < 1 or self.max_per_host < 1 or self.max_redirects < 0:
            raise ValueError(f"invalid HttpSettings: {self}")


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(hash=False)  # lower-cased names, the subset in _KEPT_HEADERS
    content: bytes
    etag: str | None
    last_modified: str | None
    not_modified: bool
    elapsed_s: float
    attempts: int


def build_client(settings: HttpSettings) -> httpx.Client:
    """An httpx client that never follows redirects or decodes bodies by itself, and connects only to vetted
    addresses within the request's deadline (`tasks.core.transport`)."""
    limits = httpx.Limits(max_connections=settings.max_connections, max_keepalive_connections=settings.max_connections)
    return httpx.Client(
        timeout=_phase_timeouts(settings, settings.total_timeout_s),
        transport=PinnedTransport(limits),
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        follow_redirects=False,
        trust_env=settings.trust_env,
    )


def _phase_timeouts(settings: HttpSettings, remaining_s: float) -> httpx.Timeout:
    cap = max(remaining_s, 0.001)
    return httpx.Timeout(
        connect=min(settings.connect_timeout_s, cap),
        read=min(settings.read_timeout_s, cap),
        write=min(settings.write_timeout_s, cap),
        pool=min(settings.pool_timeout_s, cap),
    )


def private_networks_allowed() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in {"1", "true", "yes"}


def check_public_address(host: str, port: int, url: str) -> tuple[str, ...] | None:
    """Refuse hosts that resolve to private, loopback, link-local, multicast or reserved addresses, unless
    WIREHOUSE_ALLOW_PRIVATE_NETWORKS=1. Returns the addresses checked, the only ones to connect to (None: the
    check is off, connect by name)."""
    if private_networks_allowed():
        return None
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise TransientFetchError("dns_error", f"cannot resolve {host}: {exc}", url) from exc
    checked: dict[str, None] = {}
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not is_public_address(address):
            raise PermanentFetchError("private_address", f"{host} resolves to {address}", url)
        checked[str(info[4][0])] = None
    return tuple(checked)


def is_public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Not global: private, loopback, link-local, shared (CGNAT), unspecified; multicast and reserved ranges can
    still count as global, so they are named too."""
    return address.is_global and not address.is_multicast and not address.is_reserved


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def backoff_delay(attempt: int, settings: HttpSettings, retry_after_s: float | None, rng: random.Random) -> float:
    """Full jitter: uniform(0, min(max, base * 2**(attempt-1))), but never before Retry-After."""
    ceiling = min(settings.backoff_max_s, settings.backoff_base_s * 2 ** (attempt - 1))
    return max(rng.uniform(0.0, ceiling), retry_after_s or 0.0)


def check_content_type(content_type: str | None, kind: FetchKind, url: str) -> None:
    """Refuse a body whose media type cannot be what we asked for (before reading it)."""
    if kind == "any" or not content_type:
        return
    media = content_type.split(";", 1)[0].strip().lower()
    if kind == "page" and media in _PAGE_TYPES:
        return
    if kind == "feed" and (media in _FEED_TYPES or media.endswith(("xml", "json"))):
        return
    raise PermanentFetchError("bad_content_type", f"{media} is not a {kind}", url)


class BoundedDecoder:
    """Decode gzip/deflate/identity chunk by chunk, never holding more than `limit` bytes."""

    def __init__(self, encoding: str, limit: int, url: str, truncate: bool = False) -> None:
        encoding = encoding.strip().lower()
        wbits = {"gzip": 31, "x-gzip": 31, "deflate": 15}.get(encoding)
        if wbits is None and encoding not in {"", "identity"}:
            raise PermanentFetchError("bad_encoding", f"unsupported Content-Encoding {encoding}", url)
        self._zlib = zlib.decompressobj(wbits) if wbits else None
        self._limit, self._url, self._truncate = limit, url, truncate
        self._parts: list[bytes] = []
        self._size = 0
        self.full = False

    def feed(self, data: bytes) -> None:
        if self._zlib is None:
            self._add(data)
            return
        while data and not self.full:
            try:
                out = self._zlib.decompress(data, self._limit - self._size + 1)
            except zlib.error as exc:
                raise PermanentFetchError("bad_encoding", f"corrupt compressed body: {exc}", self._url) from exc
            self._add(out)
            if not out and self._zlib.unconsumed_tail == data:
                break
            data = self._zlib.unconsumed_tail

    def _add(self, data: bytes) -> None:
        if self._size + len(data) > self._limit:
            if not self._truncate:
                reason: FailureReason = "decompression_bomb" if self._zlib else "too_large"
                raise PermanentFetchError(reason, f"body exceeds {self._limit} bytes", self._url)
            data, self.full = data[: self._limit - self._size], True
        self._size += len(data)
        self._parts.append(data)

    def finish(self) -> bytes:
        return b"".join(self._parts)


def classify_status(status: int, headers: httpx.Headers, url: str) -> None:
    """Raise the right error for a non-2xx, non-304, non-redirect status."""
    retry_after = parse_retry_after(headers.get("retry-after"))
    if status in _TRANSIENT_STATUSES:
        reason: FailureReason = "http_429" if status == 429 else "http_5xx"
        raise TransientFetchError(reason, f"HTTP {status}", url, status, retry_after)
    if status in _NAMED_STATUSES:
        reason = f"http_{status}"  # type: ignore[assignment]  # one of the named codes
    elif 400 <= status < 500:
        reason = "http_4xx"
    elif status >= 500:
        reason = "http_5xx"
    else:
        reason = "http_other"
    raise PermanentFetchError(reason, f"HTTP {status}", url, status)


def split_host(url: str) -> tuple[str, int]:
    """Validate scheme, host and the URL as httpx will send it; return (host, port)."""
    try:
        httpx.URL(url)  # over-long (64 KiB), control characters, a bad IDNA host: refused here, not mid-request
    except httpx.InvalidURL as exc:
        raise PermanentFetchError("bad_url", str(exc), url) from exc
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise PermanentFetchError("bad_scheme", f"scheme {parts.scheme or '(none)'!r}", url)
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise PermanentFetchError("bad_url", str(exc), url) from exc
    if not parts.hostname:
        raise PermanentFetchError("bad_url", "no host", url)
    return parts.hostname, port


def redirect_target(url: str, location: str | None, seen: set[str]) -> str:
    if not location:
        raise PermanentFetchError("bad_redirect", "redirect without Location", url)
    target = urljoin(url, location.strip()).split("#", 1)[0]
    if target in seen:
        raise PermanentFetchError("redirect_loop", f"{target} visited twice", url)
    seen.add(target)
    return target


@dataclass(frozen=True, slots=True)
class _Hop:
    """One response, before it becomes a FetchResult."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes


class Fetcher:
    """One httpx.Client plus its robots cache and per-host throttle. Thread-safe."""

    def __init__(
        self, settings: HttpSettings, client: httpx.Client | None = None, rng: random.Random | None = None
    ) -> None:
        self.settings = settings
        self.client = client or build_client(settings)
        self.throttle = HostThrottle(settings.max_per_host, settings.min_host_delay_s)
        self.robots = RobotsCache(self._fetch_robots, ROBOTS_AGENT, settings.robots_ttl_s, settings.robots_error_ttl_s)
        self._rng = rng or random.Random()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None, *, kind: FetchKind = "any"
    ) -> FetchResult:
        """Conditional GET with retries; 304 gives not_modified=True and empty content."""
        started = time.monotonic()
        headers = {"If-None-Match": etag} if etag else {}
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(1, self.settings.max_attempts + 1):
            try:
                hop = self._follow(url, headers, kind)
            except FetchError as exc:
                exc.attempts = attempt
                if not self._should_retry(exc, attempt):
                    raise
                time.sleep(backoff_delay(attempt, self.settings, exc.retry_after_s, self._rng))
                continue
            return FetchResult(
                url=url,
                final_url=hop.url,
                status=hop.status,
                headers={k: hop.headers[k] for k in _KEPT_HEADERS if k in hop.headers},
                content=hop.content,
                etag=hop.headers.get("etag") or (etag if hop.status == 304 else None),
                last_modified=hop.headers.get("last-modified") or (last_modified if hop.status == 304 else None),
                not_modified=hop.status == 304,
                elapsed_s=time.monotonic() - started,
                attempts=attempt,
            )
        raise AssertionError("unreachable: the last attempt raises or returns")

    def _should_retry(self, exc: FetchError, attempt: int) -> bool:
        if not isinstance(exc, TransientFetchError) or exc.reason == "robots_unavailable":
            return False
        if exc.retry_after_s is not None and exc.retry_after_s > self.settings.max_retry_after_s:
            return False  # the server asks for a longer pause than we wait in-process
        return attempt < self.settings.max_attempts

    def _follow(self, url: str, headers: dict[str, str], kind: FetchKind) -> _Hop:
        """One attempt: follow redirects by hand, checking every hop, within the deadline."""
        deadline = time.monotonic() + self.settings.total_timeout_s
        seen, current = {url}, url
        for _ in range(self.settings.max_redirects + 1):
            host, port = split_host(current)
            addresses = check_public_address(host, port, current)
            delay = self._check_robots(current)
            with self.throttle.slot(host, delay):
                hop = self._get(current, addresses, headers, deadline, kind, self.settings.max_body_bytes)
            if hop.status not in _REDIRECT_STATUSES:
                return hop
            current = redirect_target(current, hop.headers.get("location"), seen)
        raise PermanentFetchError("too_many_redirects", f"more than {self.settings.max_redirects}", url)

    def _check_robots(self, url: str) -> float | None:
        """Raise if robots.txt forbids `url`; return the host's Crawl-delay (capped)."""
        if not self.settings.respect_robots:
            return None
        rules = self.robots.rules_for(url)
        verdict = rules.verdict(url, ROBOTS_AGENT)
        if verdict == "disallowed":
            raise PermanentFetchError("robots_disallowed", "robots.txt disallows it", url)
        if verdict == "unavailable":
            raise TransientFetchError("robots_unavailable", "robots.txt answered 429/5xx or was unreachable", url)
        if rules.crawl_delay_s is None:
            return None
        return min(rules.crawl_delay_s, self.settings.max_crawl_delay_s)

    def _get(
        self,
        url: str,
        addresses: tuple[str, ...] | None,
        headers: dict[str, str],
        deadline: float,
        kind: FetchKind,
        max_bytes: int,
        truncate: bool = False,
    ) -> _Hop:
        """A single GET, connecting only to `addresses` and ending by `deadline`; transport failures become
        TransientFetchError."""
        timeout = _phase_timeouts(self.settings, deadline - time.monotonic())
        try:
            with (
                exchange(deadline, addresses),
                self.client.stream("GET", url, headers=headers, timeout=timeout) as response,
            ):
                status = response.status_code
                if status in _REDIRECT_STATUSES or status == 304:
                    return _Hop(url, status, response.headers, b"")
                if not 200 <= status < 300:
                    classify_status(status, response.headers, url)
                check_content_type(response.headers.get("content-type"), kind, url)
                body = self._read_body(response, url, deadline, max_bytes, truncate)
                return _Hop(url, status, response.headers, body)
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                detail = f"total deadline of {self.settings.total_timeout_s}s passed ({type(exc).__name__})"
                raise TransientFetchError("timeout", detail, url) from exc
            raise TransientFetchError("timeout", f"{type(exc).__name__}: {exc}", url) from exc
        except httpx.ConnectError as exc:
            raise TransientFetchError("connect_error", str(exc), url) from exc
        except httpx.TransportError as exc:
            raise TransientFetchError("network_error", f"{type(exc).__name__}: {exc}", url) from exc

    def _read_body(self, response: httpx.Response, url: str, deadline: float, max_bytes: int, truncate: bool) -> bytes:
        """Stream the body, counting wire and decoded bytes, within the total deadline."""
        declared = response.headers.get("content-length", "")
        if not truncate and declared.isdigit() and int(declared) > max_bytes:
            raise PermanentFetchError("too_large", f"Content-Length {declared} > {max_bytes}", url)
        limit = max_bytes if truncate else self.settings.max_decoded_bytes
        decoder = BoundedDecoder(response.headers.get("content-encoding", ""), limit, url, truncate)
        wire = 0
        for chunk in response.iter_raw():  # as received: a chunk_size would buffer past the deadline
            wire += len(chunk)
            if wire > max_bytes and not truncate:
                raise PermanentFetchError("too_large", f"body exceeds {max_bytes} bytes", url)
            decoder.feed(chunk)
            if decoder.full:
                break
            if time.monotonic() > deadline:
                raise TransientFetchError("timeout", f"total deadline of {self.settings.total_timeout_s}s passed", url)
        return decoder.finish()

    def _fetch_robots(self, robots_url: str) -> tuple[int, bytes]:
        """GET robots.txt (up to 5 redirects, first robots_max_bytes); 0 = unreachable."""
        deadline = time.monotonic() + self.settings.total_timeout_s
        seen, current = {robots_url}, robots_url
        try:
            for _ in range(6):
                host, port = split_host(current)
                addresses = check_public_address(host, port, current)
                with self.throttle.slot(host):
                    max_bytes = self.settings.robots_max_bytes
                    hop = self._get(current, addresses, {}, deadline, "any", max_bytes, truncate=True)
                if hop.status not in _REDIRECT_STATUSES:
                    return hop.status, hop.content
                current = redirect_target(current, hop.headers.get("location"), seen)
        except FetchError as exc:
            if exc.reason in {"redirect_loop", "too_many_redirects", "bad_redirect"}:
                return 404, b""  # Google treats a robots.txt it cannot reach by redirects as absent
            return (exc.status or 0), b""
        return 404, b""  # Google: robots.txt not found within 5 hops counts as absent


_shared: dict[HttpSettings, Fetcher] = {}
_shared_lock = threading.Lock()


def get_fetcher(settings: HttpSettings | None = None) -> Fetcher:
    """The process-wide Fetcher (one httpx.Client, robots cache and throttle) for settings."""
    settings = settings or HttpSettings()
    with _shared_lock:
        fetcher = _shared.get(settings)
        if fetcher is None:
            fetcher = _shared[settings] = Fetcher(settings)
    return fetcher


def _forget_shared_after_fork() -> None:
    _shared.clear()  # a forked child must not reuse the parent's sockets


os.register_at_fork(after_in_child=_forget_shared_after_fork)


def fetch(
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    *,
    kind: FetchKind = "any",
    settings: HttpSettings | None = None,
) -> FetchResult:
    """GET `url` politely with the shared client; see Fetcher.fetch."""
    return get_fetcher(settings).fetch(url, etag, last_modified, kind=kind)
