"""A head start for a backfill's first batch: cleaned and extracted while Prefect's server starts.

`wirehouse backfill` spends its first seconds on things that do not need the documents: the temporary Prefect
server comes up (3 s on a quiet machine, 20 s on a busy one), Prefect is imported, the flow run is created.
The worker processes are warm well before that ends, and idle. `begin` reads the first batch exactly as the
flow will (the same paths, the same files skipped as loaded before, the same batch size) and runs it through
the worker pool in a background thread; the flow's `process-batch` task then `take`s the result instead of
computing it again, but only when it was asked for exactly the same items with the same settings (records are
compared whole, payloads included). Anything else (a file changed in between, another batch size, the date
rolling over at midnight, a failure in the head start) and the task does the work itself, as it would without
one: a head start can cost a batch's CPU, never a wrong or a missing result.

Only for the local task runner (the batch runs in this process's worker pool); pure, no Prefect.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from tasks.core.pipeline import ProcessedBatch

_lock = threading.Lock()
n_used = 0  # how many head starts a flow has used in this process (for tests and benchmarks)
_started: tuple[list[Any], bool, dt.date, Future[ProcessedBatch]] | None = None


def begin(
    paths: Sequence[str], db: Path, *, batch_size: int, extract: bool, workers: int, rescan: bool = False
) -> None:
    """Read and process the first batch of `paths` in a background thread (see the module docstring). The
    loaded files are read here, before the flow opens the warehouse: DuckDB refuses a second connection in one
    process with other settings, and the flow's would be read-write."""
    global _started
    from warehouse import writer

    try:
        seen = {} if rescan or not db.exists() else writer.read_sources(db)
    except Exception:  # noqa: BLE001 -- e.g. an older schema: the flow deals with it properly, without a head start
        return
    reference = dt.datetime.now(dt.UTC).date()
    future: Future[ProcessedBatch] = Future()
    items: list[Any] = []
    with _lock:
        _started = (items, extract, reference, future)
    threading.Thread(
        target=_run,
        args=(list(paths), seen, batch_size, extract, workers, reference, items, future),
        name="head-start",
        daemon=True,
    ).start()


def _run(
    paths: list[str],
    seen: dict[str, tuple[int, int]],
    batch_size: int,
    extract: bool,
    workers: int,
    reference: dt.date,
    items: list[Any],
    future: Future[ProcessedBatch],
) -> None:
    from tasks.core.parallel import process_parallel
    from tasks.core.pipeline import batches
    from tasks.core.seeds import read_inputs_tracked

    try:
        items.extend(next(batches(read_inputs_tracked(paths, seen, []), batch_size), []))
        result = process_parallel(items, extract=extract, reference_date=reference, workers=workers) if items else None
    except BaseException as exc:  # noqa: BLE001 -- the flow does the batch itself and meets the error there
        future.set_exception(exc)
        return
    if result is None:
        future.set_exception(LookupError("nothing to read"))
    else:
        future.set_result(result)


def take(items: Sequence[Any], *, extract: bool, reference_date: dt.date) -> ProcessedBatch | None:
    """The head start's result if it was for exactly `items` with these settings, else None. The batch it was
    for uses it up; another batch of the run that asks first (the flow submits several at once) leaves it for
    that batch. A failed head start, or one with other settings, is dropped at the first ask."""
    global _started, n_used
    with _lock:
        started = _started
    if started is None:
        return None
    head_items, head_extract, head_reference, future = started
    if (head_extract, head_reference) != (extract, reference_date):
        _drop(started)
        return None
    try:
        result = future.result()  # the items are read by then
    except BaseException:  # noqa: BLE001 -- see the module docstring
        _drop(started)
        return None
    if len(head_items) != len(items) or list(items) != head_items:
        return None
    with _lock:
        if _started is not started:  # the same batch asked twice at once: one of them has it
            return None
        _started = None
        n_used += 1
    return result


def _drop(started: tuple[list[Any], bool, dt.date, Future[ProcessedBatch]]) -> None:
    global _started
    with _lock:
        if _started is started:
            _started = None
