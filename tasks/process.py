"""Task: clean and extract one batch of raw documents (across local worker processes when workers > 1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from prefect import get_run_logger, task
from prefect.cache_policies import NONE

from tasks.core import head_start
from tasks.core.parallel import process_parallel
from tasks.core.pipeline import ProcessedBatch
from tasks.core.records import RawDocument, Reject


@task(name="process-batch", cache_policy=NONE)
def process(
    items: Sequence[RawDocument | Reject],
    extract: bool,
    reference_date: dt.date,
    workers: int = 1,
    on_chunk: Callable[[int], None] | None = None,
) -> ProcessedBatch:
    """`on_chunk(n)` is called as each chunk of the batch is done (for a progress bar in this process). The
    CLI's head start (tasks/core/head_start.py) may have done this very batch already while Prefect started."""
    if (early := head_start.take(items, extract=extract, reference_date=reference_date)) is not None:
        get_run_logger().info("batch of %d processed ahead, while Prefect started (head start)", early.n_read)
        if on_chunk is not None:
            on_chunk(early.n_read)
        return early
    return process_parallel(items, extract=extract, reference_date=reference_date, workers=workers, on_chunk=on_chunk)
