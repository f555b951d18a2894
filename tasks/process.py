"""Task: clean and extract one batch of raw documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from prefect import task
from prefect.cache_policies import NONE

from tasks.core.pipeline import ProcessedBatch, process_batch
from tasks.core.records import RawDocument, Reject


@task(name="process-batch", cache_policy=NONE)
def process(items: Sequence[RawDocument | Reject], extract: bool, reference_date: dt.date) -> ProcessedBatch:
    return process_batch(items, extract=extract, reference_date=reference_date)
