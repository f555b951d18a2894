"""`wirehouse serve`: serve the deployments (scheduled ingest, event-triggered entry processing and inbox
backfills) against a Prefect server. Schedules and triggers need a real server (`prefect server start`)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def serve_deployments(db: str | None, interval_minutes: int, feeds_file: str | None) -> None:
    from prefect import serve

    from tasks.writes import ensure_write_limit

    ensure_write_limit()  # every write holds its slot: one writer across all these deployments' runs
    serve(*build_deployments(db, interval_minutes, feeds_file), pause_on_shutdown=False)


def build_deployments(db: str | None, interval_minutes: int, feeds_file: str | None) -> list[Any]:
    """The scheduled poll, the entry processing its event triggers, and inbox backfills, one run at a time each."""
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.events import DeploymentEventTrigger

    from flows.ingest import ingest, ingest_entries
    from flows.watch import INBOX_EVENT, inbox_file

    # One run of each deployment at a time; more are queued, not dropped (twenty dropped files: one at a time,
    # not twenty process pools).
    one = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)
    common = {"db": db}
    poll = ingest.to_deployment(
        name="wirehouse-ingest",
        interval=dt.timedelta(minutes=interval_minutes),
        parameters={**common, "feeds_file": feeds_file, "process_entries": False},
        concurrency_limit=one,
    )
    entries = ingest_entries.to_deployment(
        name="wirehouse-ingest-entries",
        parameters=common,
        triggers=[DeploymentEventTrigger(name="entries-found", expect={"wirehouse.feed.entries.found"})],
        concurrency_limit=one,
    )
    inbox = inbox_file.to_deployment(
        name="wirehouse-inbox",
        parameters=common,
        triggers=[
            DeploymentEventTrigger(
                name="inbox-file-created",
                expect={INBOX_EVENT},
                parameters={"path": "{{ event.payload.path }}", "db": db},
            )
        ],
        concurrency_limit=one,
    )
    return [poll, entries, inbox]
