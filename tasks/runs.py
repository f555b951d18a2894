"""The bookkeeping every flow does: a `runs` row marked running, then completed or failed (with the error)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from prefect import get_run_logger
from prefect.context import get_run_context

from tasks.core.settings import database_path, publish_dir
from tasks.load import finish_run, start_run
from tasks.publish import publish_run_artifact, publish_snapshot
from warehouse.writer import BatchCounts


@dataclass(slots=True)
class RecordedRun:
    db: Path
    run_id: str
    flow_run_id: str
    n_skipped_files: int | None = None  # set by the flow before the run ends, when it skips files
    totals: BatchCounts | None = None  # the run's counters, once it has completed


@contextmanager
def recorded_run(
    db: str | None, flow_name: str, parameters: dict[str, Any], publish: str | None = None
) -> Iterator[RecordedRun]:
    """Start a `runs` row (marking stale runs of dead processes failed first) and finish it on the way out;
    then publish the run's counts as a Prefect artifact and, with `publish` (else `WIREHOUSE_PUBLISH_DIR`),
    refresh the read-only snapshot there."""
    run = RecordedRun(database_path(db), uuid.uuid4().hex, str(get_run_context().flow_run.id))  # type: ignore[union-attr]
    stale = start_run(run.db, run.run_id, flow_name, run.flow_run_id, parameters)
    if stale:
        get_run_logger().warning("marked %d stale run(s) failed", stale)
    try:
        yield run
    except BaseException as exc:
        try:
            finish_run(run.db, run.run_id, "failed", f"{type(exc).__name__}: {exc}"[:1000])
        except (duckdb.Error, OSError, RuntimeError) as also:  # a full disk fails it too: report the first cause
            exc.add_note(f"and the run could not be marked failed: {type(also).__name__}: {also}")
        raise
    run.totals = finish_run(run.db, run.run_id, "completed", n_skipped_files=run.n_skipped_files)
    publish_run_artifact(run.db, run.run_id)
    if folder := publish or publish_dir():
        publish_snapshot(run.db, folder)
