"""Flow: backfill seed files and archives into the warehouse (`wirehouse backfill`, `python -m flows.backfill`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.futures import PrefectFuture
from prefect.utilities.annotations import quote

from tasks.core.parallel import default_workers
from tasks.core.pipeline import ProcessedBatch, batches
from tasks.core.progress import ChunkCounter, Progress, estimate_documents, progress_bar
from tasks.core.seeds import path_uri, read_inputs_tracked, walk_paths
from tasks.core.settings import DEFAULT_BATCH_SIZE, default_seed_paths
from tasks.load import append_batch, read_sources
from tasks.process import process
from tasks.runners import is_distributed, make_task_runner, runner_name
from tasks.runs import recorded_run
from warehouse.writer import BatchCounts


def _extractor_version(extract: bool) -> str | None:
    if not extract:
        return None
    from tasks.core.extraction import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


@flow(name="backfill")
def backfill(
    paths: list[str] | None = None,
    db: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    extract: bool = True,
    progress: bool = True,
    workers: int | None = None,
    in_flight: int = 2,
    rescan: bool = False,
    publish: str | None = None,
) -> dict[str, Any]:
    """Read every file under `paths` (default: seeds/), clean and extract it, and append it to `db`.

    `workers` processes clean and extract each batch (default: one per core; they start once per run and
    keep the model loaded); `in_flight` batches are processed while the previous one is written. On a
    distributed task runner (`with_runner`) each batch runs whole on one worker instead. Files fully loaded
    before and unchanged since (same size and mtime) are skipped unless `rescan`. `publish`: a folder whose
    read-only snapshot (Parquet per table) is refreshed after the run, for notebooks.
    """
    paths = paths or default_seed_paths()
    params = {"paths": paths, "batch_size": batch_size, "extract": extract, "workers": workers, "rescan": rescan}
    version = _extractor_version(extract)
    reference = dt.datetime.now(dt.UTC).date()
    n_workers = default_workers() if workers is None else max(1, workers)
    distributed = is_distributed()
    if distributed:  # each batch runs whole on a distributed worker; keep them all busy
        n_workers, in_flight = 1, max(in_flight, 2 * default_workers())
    skipped: list[str] = []
    totals = BatchCounts()
    with recorded_run(db, "backfill", params, publish) as run:
        seen = {} if rescan else read_sources(run.db)
        total = estimate_documents(walk_paths(paths), seen, path_uri) if progress else None
        with progress_bar("backfill", enabled=progress, total=total) as bar:
            inputs = batches(read_inputs_tracked(paths, seen, skipped), batch_size)
            process_args = (extract, reference, n_workers)
            totals = _write_batches(run, inputs, process_args, in_flight, version, bar, distributed)
        run.n_skipped_files = len(skipped)
    summary = {"run_id": run.run_id, "flow_run_id": run.flow_run_id, "db": str(run.db), **dataclasses.asdict(totals)}
    summary["n_skipped_files"] = len(skipped)
    get_run_logger().info(
        "read %(n_read)d, new %(n_new)d, duplicate %(n_duplicate)d, updated %(n_updated)d, rejected %(n_rejected)d;"
        " %(n_skipped_files)d unchanged file(s) skipped",
        summary,
    )
    return summary


def _write_batches(
    run: Any,
    inputs: Iterator[list[Any]],
    process_args: tuple[bool, dt.date, int],
    in_flight: int,
    version: str | None,
    bar: Progress,
    distributed: bool,
) -> BatchCounts:
    """Submit batches (`in_flight` at a time) and write each in order as it completes; the bar counts each
    batch's chunks as they finish (in this process's worker pool; a distributed batch counts when written)."""
    totals = BatchCounts()
    pending: deque[tuple[PrefectFuture[ProcessedBatch], list[Any], ChunkCounter]] = deque()
    for chunk in inputs:
        counter = ChunkCounter(bar)
        on_chunk = None if distributed else quote(counter)
        pending.append((process.submit(chunk, *process_args, on_chunk), chunk, counter))
        while len(pending) > max(1, in_flight):
            totals += _load(run.db, run.run_id, *pending.popleft(), version)
    while pending:
        totals += _load(run.db, run.run_id, *pending.popleft(), version)
    return totals


def with_runner(name: str | None = None) -> Any:
    """The backfill flow on the task runner `name` (`local`, `dask`, `ray`; default `$WIREHOUSE_TASK_RUNNER`),
    chosen when it is called, not when this module is imported."""
    runner = make_task_runner(runner_name(name), default_workers())
    return backfill if runner is None else backfill.with_options(task_runner=runner)


def _load(
    db_path: Path,
    run_id: str,
    future: PrefectFuture[ProcessedBatch],
    chunk: list[Any],
    counter: ChunkCounter,
    version: str | None,
) -> BatchCounts:
    """Write one processed batch, then empty it and its input: Prefect keeps every task run's state (and so
    its parameters and result) for the whole flow run, which would hold every document of a long backfill.
    The batch goes to the task `quote`d: Prefect would otherwise walk every object inside it looking for
    futures (over a third of this process's CPU). Only tasks called in this process get quoted arguments: a
    task submitted to Dask receives a `quote` unopened."""
    batch = future.result()
    counts = append_batch(db_path, run_id, quote(batch), version)
    counter.settle(batch.n_read)
    batch.release()
    chunk.clear()
    return counts


if __name__ == "__main__":  # the same as `wirehouse backfill` (its arguments, --help, exit codes)
    import sys

    from flows.cli import main

    sys.argv[1:1] = ["backfill"]
    sys.exit(main())
