"""Tasks for live ingestion: poll feeds, record what was new, fetch the new entries' pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE

from tasks.core.feeds import parse_feed_registry
from tasks.core.http import HttpSettings, get_fetcher
from tasks.core.ingest import FeedPoll, FeedState, PendingEntry, fetch_entry, fetch_feed
from tasks.core.records import RawDocument, Reject
from tasks.load import RETRY
from tasks.writes import warehouse_write
from warehouse import feeds_store, writer
from warehouse.db import open_warehouse


@task(name="sync-feed-registry", cache_policy=NONE, **RETRY)
def sync_registry(db: Path, feeds_file: Path | None) -> int:
    """Upsert the feeds listed in the registry file (the file wins for the feeds it lists)."""
    if feeds_file is None or not feeds_file.exists():
        return 0
    sources = parse_feed_registry(feeds_file)
    with warehouse_write(), open_warehouse(db) as con:
        return feeds_store.upsert_feeds(con, sources)


@task(name="list-due-feeds", cache_policy=NONE)
def list_due_feeds(db: Path, force: bool) -> list[FeedState]:
    with open_warehouse(db) as con:
        return feeds_store.due_feeds(con, dt.datetime.now(dt.UTC), force=force)


@task(name="next-due-feed", cache_policy=NONE)
def next_due_feed(db: Path) -> tuple[dt.datetime | None, int]:
    """When the next feed is due, and how many are waiting on a failure's retry backoff."""
    with open_warehouse(db) as con:
        return feeds_store.next_due(con)


@task(name="poll-feeds", cache_policy=NONE)
def poll_feeds(feeds: Sequence[FeedState], settings: HttpSettings, workers: int) -> list[FeedPoll]:
    fetcher = get_fetcher(settings)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda feed: fetch_feed(fetcher, feed), feeds))


@task(name="record-polls", cache_policy=NONE, **RETRY)
def record_polls(db: Path, run_id: str, polls: Sequence[FeedPoll]) -> int:
    """Feed health, new entries (pending) and permanent failures, in one transaction. Returns the new entries."""
    found: dict[str, int] = {}

    def save(con) -> None:  # type: ignore[no-untyped-def]
        new = feeds_store.select_new_entries(con, polls)
        feeds_store.record_polls(con, run_id, polls, new)
        found["n"] = sum(len(v) for v in new.values())

    rejects = [p.reject for p in polls if p.reject is not None]
    with warehouse_write():
        writer.append_batch(db, run_id=run_id, documents=[], rejects=rejects, n_read=0, also=save)
    return found["n"]


@task(name="claim-pending-entries", cache_policy=NONE, **RETRY)
def claim_pending(db: Path, run_id: str, limit: int) -> list[PendingEntry]:
    """Lease up to `limit` pending entries to this run (`ENTRY_LEASE_S`), so that no other run fetches them."""
    from tasks.core.settings import ENTRY_LEASE_S

    with warehouse_write(), open_warehouse(db) as con:
        return feeds_store.claim_pending(con, run_id, limit, dt.datetime.now(dt.UTC), ENTRY_LEASE_S)


@task(name="fetch-entry-pages", cache_policy=NONE)
def fetch_pages(
    entries: Sequence[PendingEntry], settings: HttpSettings, workers: int
) -> list[tuple[PendingEntry, RawDocument | None, Reject | None]]:
    fetcher = get_fetcher(settings)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = list(pool.map(lambda e: fetch_entry(fetcher, e), entries))
    return [(entry, raw, reject) for entry, (raw, reject) in zip(entries, results, strict=True)]
