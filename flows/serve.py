"""`wirehouse serve`: serve the deployments (scheduled ingest, event-triggered entry processing and inbox
backfills) against a Prefect server. Schedules and triggers need a real server (`prefect server start`)."""

from __future__ import annotations

import datetime as dt


def serve_deployments(db: str | None, interval_minutes: int, feeds_file: str | None) -> None:
    from prefect import serve
    from prefect.events import DeploymentEventTrigger

    from flows.ingest import ingest, ingest_entries
    from flows.watch import INBOX_EVENT, inbox_file

    common = {"db": db}
    poll = ingest.to_deployment(
        name="wirehouse-ingest",
        interval=dt.timedelta(minutes=interval_minutes),
        parameters={**common, "feeds_file": feeds_file, "process_entries": False},
    )
    entries = ingest_entries.to_deployment(
        name="wirehouse-ingest-entries",
        parameters=common,
        triggers=[DeploymentEventTrigger(name="entries-found", expect={"wirehouse.feed.entries.found"})],
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
    )
    serve(poll, entries, inbox, pause_on_shutdown=False)
