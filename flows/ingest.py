"""Flows: poll due feeds (`wirehouse ingest`) and process the entries found (`ingest-entries`).

`ingest` polls and, by default, processes what it found in the same run. Served with `wirehouse serve`, the
poll runs on a schedule with `process_entries=False` and emits `wirehouse.feed.entries.found`, whose
deployment trigger starts `ingest-entries`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.utilities.annotations import quote

from tasks.core.http import HttpSettings
from tasks.core.parallel import default_workers
from tasks.core.pipeline import chunked
from tasks.core.settings import DEFAULT_FEEDS_FILE
from tasks.events import emit, feed_resource
from tasks.ingest import (
    claim_pending,
    fetch_pages,
    list_due_feeds,
    next_due_feed,
    poll_feeds,
    record_polls,
    sync_registry,
)
from tasks.load import append_batch_with_entries
from tasks.process import process
from tasks.runs import recorded_run

FEEDS_PER_TASK = 50


def _http_settings(host_delay_s: float, per_host: int, timeout_s: float) -> HttpSettings:
    return HttpSettings(min_host_delay_s=host_delay_s, max_per_host=per_host, total_timeout_s=timeout_s)


def process_pending(db_path: Path, run_id: str, settings: HttpSettings, workers: int, batch_size: int) -> int:
    """Fetch, clean, extract and store every pending entry, one batch (one transaction) at a time."""
    from tasks.core.extraction import EXTRACTOR_VERSION

    reference = dt.datetime.now(dt.UTC).date()
    stored = 0
    while entries := claim_pending(db_path, run_id, batch_size):
        fetched = fetch_pages(entries, settings, workers)
        raws = [raw for _, raw, _ in fetched if raw is not None]
        batch = process(quote(raws), True, reference, default_workers())
        batch.rejects.extend(reject for _, _, reject in fetched if reject is not None)
        counts = append_batch_with_entries(db_path, run_id, quote(batch), EXTRACTOR_VERSION, quote(fetched))
        stored += counts.n_new + counts.n_updated
        emit(
            "wirehouse.document.stored",
            f"wirehouse.run.{run_id}",
            {"n_new": counts.n_new, "n_updated": counts.n_updated, "n_rejected": counts.n_rejected},
        )
    return stored


@flow(name="ingest")
def ingest(
    db: str | None = None,
    feeds_file: str | None = None,
    force: bool = False,
    process_entries: bool = True,
    batch_size: int = 100,
    fetch_workers: int = 8,
    host_delay_s: float = 1.0,
    per_host: int = 2,
    timeout_s: float = 45.0,
    publish: str | None = None,
) -> dict[str, Any]:
    """Poll every due feed; record health and new entries; then fetch and store the new entries' pages."""
    params = {"force": force, "process_entries": process_entries, "batch_size": batch_size}
    settings = _http_settings(host_delay_s, per_host, timeout_s)
    with recorded_run(db, "ingest", params, publish) as run:
        sync_registry(run.db, Path(feeds_file) if feeds_file else DEFAULT_FEEDS_FILE)
        due = list_due_feeds(run.db, force)
        n_found = 0
        failed: dict[str, int] = {}  # failure reason -> feeds
        for chunk in chunked(due, FEEDS_PER_TASK):
            polls = poll_feeds(chunk, settings, fetch_workers)
            n_found += record_polls(run.db, run.run_id, polls)
            for poll in polls:
                if not poll.ok:
                    failed[poll.status] = failed.get(poll.status, 0) + 1
                emit(
                    "wirehouse.feed.polled",
                    feed_resource(poll.feed.url),
                    {"url": poll.feed.url, "status": poll.status, "ok": poll.ok, "entries": len(poll.entries)},
                )
        if n_found:
            emit("wirehouse.feed.entries.found", f"wirehouse.run.{run.run_id}", {"n_entries": n_found})
        n_stored = process_pending(run.db, run.run_id, settings, fetch_workers, batch_size) if process_entries else 0
        next_at, n_backoff = next_due_feed(run.db) if not due else (None, 0)
    assert run.totals is not None
    summary = {"run_id": run.run_id, "db": str(run.db), "feeds_polled": len(due), "entries_found": n_found}
    summary |= {"documents_stored": n_stored, "n_rejected": run.totals.n_rejected, "feeds_failed": failed}
    summary |= {"next_due_at": next_at.isoformat() if next_at else None, "feeds_in_backoff": n_backoff}
    emit("wirehouse.run.completed", f"wirehouse.run.{run.run_id}", summary)
    get_run_logger().info("polled %d feeds, %d new entries, %d documents stored", len(due), n_found, n_stored)
    return summary


@flow(name="ingest-entries")
def ingest_entries(
    db: str | None = None,
    batch_size: int = 100,
    fetch_workers: int = 8,
    host_delay_s: float = 1.0,
    publish: str | None = None,
) -> dict[str, Any]:
    """Fetch and store the pending entries found by earlier polls (started by `wirehouse.feed.entries.found`)."""
    settings = _http_settings(host_delay_s, 2, 45.0)
    with recorded_run(db, "ingest-entries", {"batch_size": batch_size}, publish) as run:
        n = process_pending(run.db, run.run_id, settings, fetch_workers, batch_size)
    emit("wirehouse.run.completed", f"wirehouse.run.{run.run_id}", {"documents_stored": n})
    return {"run_id": run.run_id, "documents_stored": n}


if __name__ == "__main__":
    print(ingest())
