"""Crawler etiquette: robots.txt rules cached per origin, and per-host politeness.

No network here: `RobotsCache` is handed a function that fetches one robots.txt.
Status handling follows Google's: 2xx parse, 4xx (but 429) allow all, 429 / 5xx /
network failure disallow all for a while.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

RobotsVerdict = Literal["allowed", "disallowed", "unavailable"]
# Fetches https://host/robots.txt -> (status, body); status 0 means the host could not be reached.
RobotsFetcher = Callable[[str], tuple[int, bytes]]


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """What one robots.txt answer means for us, and until when (time.monotonic())."""

    parser: RobotFileParser | None  # None: no rules, see `allow_all`
    allow_all: bool
    expires_at: float
    crawl_delay_s: float | None = None

    def verdict(self, url: str, agent: str) -> RobotsVerdict:
        if self.parser is not None:
            return "allowed" if self.parser.can_fetch(agent, url) else "disallowed"
        return "allowed" if self.allow_all else "unavailable"


def parse_robots(status: int, body: bytes, agent: str, now: float, ttl_s: float, error_ttl_s: float) -> RobotsRules:
    """Turn a robots.txt response into rules (pure)."""
    if 200 <= status < 300:
        parser = RobotFileParser()
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        delay = parser.crawl_delay(agent)
        return RobotsRules(
            parser, allow_all=False, expires_at=now + ttl_s, crawl_delay_s=float(delay) if delay is not None else None
        )
    if 400 <= status < 500 and status != 429:
        return RobotsRules(None, allow_all=True, expires_at=now + ttl_s)
    return RobotsRules(None, allow_all=False, expires_at=now + error_ttl_s)


def origin_of(url: str) -> str:
    """scheme://host[:port], the scope of one robots.txt."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class RobotsCache:
    """Thread-safe robots.txt cache: one fetch per origin at a time, kept for a TTL."""

    def __init__(
        self,
        fetch_robots: RobotsFetcher,
        agent: str,
        ttl_s: float = 86400.0,
        error_ttl_s: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch_robots
        self._agent = agent
        self._ttl_s = ttl_s
        self._error_ttl_s = error_ttl_s
        self._clock = clock
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules_for(self, url: str) -> RobotsRules:
        origin = origin_of(url)
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            rules = self._rules.get(origin)
            if rules is None or rules.expires_at <= self._clock():
                status, body = self._fetch(origin + "/robots.txt")
                rules = parse_robots(status, body, self._agent, self._clock(), self._ttl_s, self._error_ttl_s)
                self._rules[origin] = rules
            return rules

    def verdict(self, url: str) -> RobotsVerdict:
        return self.rules_for(url).verdict(url, self._agent)


class HostThrottle:
    """At most `max_concurrent` requests per host, started at least `min_delay_s` apart."""

    def __init__(
        self,
        max_concurrent: int,
        min_delay_s: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._max_concurrent = max_concurrent
        self._min_delay_s = min_delay_s
        self._clock = clock
        self._sleep = sleep
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}
        self._guard = threading.Lock()

    @contextmanager
    def slot(self, host: str, min_delay_s: float | None = None) -> Iterator[None]:
        """Hold one of the host's slots; waits for a free slot, then for the host's turn."""
        host = host.lower()
        with self._guard:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self._max_concurrent))
        with semaphore:
            self._sleep(self._reserve_start(host, min_delay_s))
            yield

    def _reserve_start(self, host: str, min_delay_s: float | None) -> float:
        """Book the next start time for the host; return how long to wait for it."""
        delay = max(self._min_delay_s, min_delay_s or 0.0)
        with self._guard:
            now = self._clock()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + delay
        return start - now
