"""Task: clean and extract one batch of raw documents (across local worker processes when workers > 1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from prefect import task
from prefect.cache_policies import NONE

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
    """`on_chunk(n)` is called as each chunk of the batch is done (for a progress bar in this process)."""
    return process_parallel(items, extract=extract, reference_date=reference_date, workers=workers, on_chunk=on_chunk)
