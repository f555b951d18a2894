"""Flow: backfill seed files and archives into the warehouse (`wirehouse backfill`, `python -m flows.backfill`)."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from prefect import flow, get_run_logger
from prefect.context import get_run_context

from tasks.core.progress import progress_bar
from tasks.core.seeds import read_inputs
from tasks.core.settings import DEFAULT_BATCH_SIZE, database_path, default_seed_paths
from tasks.load import append_batch, finish_run, start_run
from tasks.process import process
from warehouse.writer import BatchCounts

T = TypeVar("T")


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


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
) -> dict[str, Any]:
    """Read every file under `paths` (default: seeds/), clean and extract it, and append it to `db`."""
    db_path = database_path(db)
    paths = paths or default_seed_paths()
    run_id = uuid.uuid4().hex
    flow_run_id = str(get_run_context().flow_run.id)  # type: ignore[union-attr]
    params = {"paths": paths, "batch_size": batch_size, "extract": extract}
    stale = start_run(db_path, run_id, "backfill", flow_run_id, params)
    logger = get_run_logger()
    if stale:
        logger.warning("marked %d stale run(s) failed", stale)
    version = _extractor_version(extract)
    reference = dt.datetime.now(dt.UTC).date()
    totals = BatchCounts()
    try:
        with progress_bar("backfill", enabled=progress) as bar:
            pending = None
            for chunk in _chunks(read_inputs(paths), batch_size):
                future = process.submit(chunk, extract, reference)
                if pending is not None:  # load batch k while batch k+1 is being cleaned
                    totals += append_batch(db_path, run_id, pending.result(), version)
                    bar.advance(pending.result().n_read)
                pending = future
            if pending is not None:
                totals += append_batch(db_path, run_id, pending.result(), version)
                bar.advance(pending.result().n_read)
    except BaseException as exc:
        finish_run(db_path, run_id, "failed", f"{type(exc).__name__}: {exc}"[:1000])
        raise
    finish_run(db_path, run_id, "completed")
    summary = {"run_id": run_id, "flow_run_id": flow_run_id, "db": str(db_path), **_as_dict(totals)}
    logger.info(
        "read %(n_read)d, new %(n_new)d, duplicate %(n_duplicate)d, updated %(n_updated)d, rejected %(n_rejected)d",
        summary,
    )
    return summary


def _as_dict(counts: BatchCounts) -> dict[str, int]:
    import dataclasses

    return dataclasses.asdict(counts)


if __name__ == "__main__":
    import sys

    print(backfill(paths=sys.argv[1:] or None))
