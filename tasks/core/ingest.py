"""Live ingestion logic: poll one feed, turn an entry into a RawDocument (no Prefect, no DuckDB).

The network goes through `tasks.core.http` only. Failures are classified: a permanent one (404, not a feed)
becomes a reject; a transient one (timeouts, 5xx after retries) only marks the feed's health.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from tasks.core.feeds import FeedEntry, FeedParseError, parse_feed
from tasks.core.http import Fetcher, FetchError, PermanentFetchError
from tasks.core.records import RawDocument, Reject, Stage


@dataclass(frozen=True, slots=True)
class FeedState:
    url: str
    name: str
    language: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class FeedPoll:
    feed: FeedState
    polled_at: dt.datetime
    status: str  # "200", "304", or a failure reason code
    ok: bool
    etag: str | None = None
    last_modified: str | None = None
    entries: tuple[FeedEntry, ...] = ()
    error: str | None = None
    reject: Reject | None = None  # for permanent failures
    elapsed_s: float = 0.0


@dataclass(frozen=True, slots=True)
class PendingEntry:
    feed_url: str
    feed_name: str
    language: str | None
    entry_id: str
    url: str | None
    title: str | None
    summary: str | None
    published_at: dt.datetime | None
    country: str | None = None  # the feed's (registry `country`): context for the places of its articles


def fetch_feed(fetcher: Fetcher, feed: FeedState) -> FeedPoll:
    """Conditional GET and parse of one feed; never raises for a per-feed failure."""
    now = dt.datetime.now(dt.UTC)
    started = time.monotonic()
    try:
        result = fetcher.fetch(feed.url, feed.etag, feed.last_modified, kind="feed")
    except FetchError as exc:
        permanent = isinstance(exc, PermanentFetchError)
        reject = Reject(feed.url, Stage.FETCH, exc.reason, exc.detail) if permanent else None
        return FeedPoll(feed, now, exc.reason, False, feed.etag, feed.last_modified, error=exc.detail, reject=reject)
    elapsed = time.monotonic() - started
    if result.not_modified:
        return FeedPoll(feed, now, "304", True, result.etag, result.last_modified, elapsed_s=elapsed)
    try:
        parsed = parse_feed(result.content, result.final_url, result.headers.get("content-type"))
    except FeedParseError as exc:
        reject = Reject(feed.url, Stage.READ, exc.reason, exc.detail)
        return FeedPoll(feed, now, exc.reason, False, error=exc.detail, reject=reject, elapsed_s=elapsed)
    if not parsed.entries and parsed.bozo_reason:  # broken, and nothing could be recovered from it
        reject = Reject(feed.url, Stage.READ, "malformed", parsed.bozo_reason)
        return FeedPoll(feed, now, "malformed", False, error=parsed.bozo_reason, reject=reject, elapsed_s=elapsed)
    return FeedPoll(
        feed, now, str(result.status), True, result.etag, result.last_modified, parsed.entries, elapsed_s=elapsed
    )


def pending_from_entry(feed: FeedState, entry: FeedEntry) -> PendingEntry:
    return PendingEntry(
        feed_url=feed.url,
        feed_name=feed.name,
        language=feed.language,
        entry_id=entry.entry_id,
        url=entry.url,
        title=entry.title,
        summary=entry.content or entry.summary,
        published_at=entry.published_at,
    )


def _feed_only(entry: PendingEntry, note: str) -> RawDocument | None:
    body = entry.summary or entry.title
    if not body:
        return None
    return RawDocument(
        source_uri=entry.url or f"{entry.feed_url}#{entry.entry_id}",
        kind="fragment",
        payload=body,
        url=entry.url,
        external_id=entry.entry_id,
        title=entry.title,
        published_at=entry.published_at,
        source=entry.feed_name,
        language=entry.language,
        origin=note,
        country=entry.country,
    )


def fetch_entry(fetcher: Fetcher, entry: PendingEntry) -> tuple[RawDocument | None, Reject | None]:
    """The entry's page as a RawDocument; when it cannot be fetched, the feed's own text (origin feed_entry)
    plus a reject saying why the page was not fetched (permanent failures only)."""
    if not entry.url:
        return _feed_only(entry, "feed_entry"), None
    try:
        page = fetcher.fetch(entry.url, kind="page")
    except FetchError as exc:
        reject = (
            Reject(entry.url, Stage.FETCH, exc.reason, exc.detail) if isinstance(exc, PermanentFetchError) else None
        )
        return _feed_only(entry, "feed_entry"), reject
    raw = RawDocument(
        source_uri=entry.url,
        kind="html",
        payload=page.content,
        url=page.final_url,
        external_id=entry.entry_id,
        title=entry.title,
        published_at=entry.published_at,
        source=entry.feed_name,
        language=entry.language,
        origin="page",
        country=entry.country,
    )
    return raw, None
