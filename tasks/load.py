"""Tasks that touch the warehouse: set up a run, append a batch, finish a run."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from prefect import task
from prefect.cache_policies import NONE

from tasks.core.ingest import PendingEntry
from tasks.core.pipeline import ProcessedBatch
from tasks.core.records import RawDocument, Reject
from tasks.writes import WRITE_RETRIES, WRITE_RETRY_DELAYS_S, retry_transient, warehouse_write
from warehouse import feeds_store, writer

RETRY = {"retries": WRITE_RETRIES, "retry_delay_seconds": WRITE_RETRY_DELAYS_S, "retry_condition_fn": retry_transient}


@task(name="start-run", cache_policy=NONE, **RETRY)
def start_run(db: Path, run_id: str, flow: str, flow_run_id: str | None, parameters: dict[str, Any]) -> int:
    with warehouse_write():
        return writer.start_run(db, run_id=run_id, flow=flow, flow_run_id=flow_run_id, parameters=parameters)


@task(name="append-batch", cache_policy=NONE, **RETRY)
def append_batch(db: Path, run_id: str, batch: ProcessedBatch, extractor_version: str | None) -> writer.BatchCounts:
    return _append(db, run_id, batch, extractor_version, n_read=batch.n_read, files_done=batch.files_done)


def _append(
    db: Path, run_id: str, batch: ProcessedBatch, extractor_version: str | None, **options: Any
) -> writer.BatchCounts:
    """One processed batch into the warehouse, in one transaction, holding the write slot."""
    with warehouse_write():
        return writer.append_batch(
            db,
            run_id=run_id,
            documents=batch.documents,
            rejects=batch.rejects,
            fields=batch.fields,
            extractor_version=extractor_version,
            **options,
        )


@task(name="read-loaded-sources", cache_policy=NONE)
def read_sources(db: Path) -> dict[str, tuple[int, int]]:
    return writer.read_sources(db)


@task(name="finish-run", cache_policy=NONE, **RETRY)
def finish_run(
    db: Path, run_id: str, status: str, error: str | None = None, n_skipped_files: int | None = None
) -> writer.BatchCounts:
    with warehouse_write():
        return writer.finish_run(db, run_id, status=status, error=error, n_skipped_files=n_skipped_files)


@task(name="append-entries-batch", cache_policy=NONE, **RETRY)
def append_batch_with_entries(
    db: Path,
    run_id: str,
    batch: ProcessedBatch,
    extractor_version: str | None,
    fetched: Sequence[tuple[PendingEntry, RawDocument | None, Reject | None]],
) -> writer.BatchCounts:
    """Store a batch of fetched entries and mark each entry with what became of it, in one transaction."""
    by_uri = {doc.source_uri: doc for doc in batch.documents}
    marks = []
    for entry, raw, _ in fetched:
        doc = by_uri.get(raw.source_uri) if raw is not None else None
        marks.append((entry.feed_url, entry.entry_id, doc.origin if doc else "rejected", doc.doc_id if doc else None))
    return _append(
        db, run_id, batch, extractor_version, n_read=len(fetched), also=lambda con: feeds_store.mark_entries(con, marks)
    )
