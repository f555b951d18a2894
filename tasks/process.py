"""Task: clean and extract one batch of raw documents (across local worker processes when workers > 1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from prefect import task
from prefect.cache_policies import NONE

from tasks.core.parallel import process_parallel
from tasks.core.pipeline import ProcessedBatch
from tasks.core.records import RawDocument, Reject


@task(name="process-batch", cache_policy=NONE)
def process(
    items: Sequence[RawDocument | Reject], extract: bool, reference_date: dt.date, workers: int = 1
) -> ProcessedBatch:
    return process_parallel(items, extract=extract, reference_date=reference_date, workers=workers)
