"""Clean and extract one batch across worker processes (pure; no Prefect).

One process pool per process, created on first use and reused by every batch; workers are started with
`forkserver` (never `fork`: the flow process runs Prefect's threads). The fork server itself imports the
libraries and loads the spaCy model and gazetteer once (`tasks.core.warm`), before it has any thread, and
every worker is forked from it already warm: the models are loaded once per run instead of once per worker,
and their pages are shared. A batch is split into contiguous chunks (two per worker) and merged back in input
order.
"""

from __future__ import annotations

import atexit
import datetime as dt
import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from tasks.core.pipeline import ProcessedBatch, process_batch
from tasks.core.records import RawDocument, Reject

# Chunks per worker and batch: documents differ in cost, so with one chunk each the worker that draws the
# cheaper half idles at the end of a run; smaller chunks even the load (spaCy still parses each chunk as one).
CHUNKS_PER_WORKER = 2
_pool: ProcessPoolExecutor | None = None
_pool_key: tuple[int, bool] = (0, False)
_pool_lock = threading.Lock()


def default_workers() -> int:
    """`WIREHOUSE_WORKERS`, else one worker process per core."""
    env = os.environ.get("WIREHOUSE_WORKERS")
    return max(1, int(env)) if env else max(1, os.cpu_count() or 1)


def _start_worker(owner_pid: int, warm: bool) -> None:
    """In each worker at start: exit with the process that owns the pool, and (when `warm`) load what every
    document needs once per worker, not per batch (a no-op when the fork server has already done it)."""
    threading.Thread(target=_exit_with, args=(owner_pid,), name="exit-with-owner", daemon=True).start()
    if warm:
        from tasks.core import warm as warm_module

        warm_module.warm_up()


def _exit_with(owner_pid: int) -> None:
    """A worker whose owner was killed (SIGKILL, OOM) would otherwise wait on its task queue forever, and keep
    the fork server alive with it: both hold a few hundred MB each. Checked once a second."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(owner_pid, 0)
        except (ProcessLookupError, PermissionError):  # gone (or its pid reused by another user's process)
            os._exit(1)


def get_pool(workers: int, *, warm: bool = True) -> ProcessPoolExecutor:
    """The process's pool of `workers` processes (batches submitted from several threads share it); `warm`
    loads the extraction models in each worker at start."""
    global _pool, _pool_key
    with _pool_lock:
        if _pool is None or _pool_key != (workers, warm):
            _shutdown_locked()
            # One BLAS thread per worker: the workers already use every core, and spaCy's NER was 15% faster
            # single-threaded here. Set before the fork server starts, which is what the workers inherit.
            for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
                os.environ.setdefault(var, "1")
            context = multiprocessing.get_context("forkserver")
            if warm:  # takes effect when this process's fork server starts (the first pool it creates)
                context.set_forkserver_preload(["__main__", "tasks.core.warm"])
            _pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(), warm)
            )
            _pool_key = (workers, warm)
        return _pool


def start_workers(workers: int) -> None:
    """Start the pool's `workers` processes now rather than at the first batch (see flows/startup.py)."""
    pool = get_pool(workers)
    for _ in range(workers):
        pool.submit(int)  # a no-op task: the executor starts one more worker process per pending task


def _shutdown_locked() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


def shutdown_pool() -> None:
    with _pool_lock:
        _shutdown_locked()


atexit.register(shutdown_pool)


def _split(items: Sequence[RawDocument | Reject], parts: int) -> list[list[RawDocument | Reject]]:
    size, extra = divmod(len(items), parts)
    chunks, start = [], 0
    for n in range(parts):
        end = start + size + (1 if n < extra else 0)
        if end > start:
            chunks.append(list(items[start:end]))
        start = end
    return chunks


def _merge(parts: Sequence[ProcessedBatch]) -> ProcessedBatch:
    out = ProcessedBatch()
    for part in parts:
        out.documents.extend(part.documents)
        out.rejects.extend(part.rejects)
        out.fields.update(part.fields)
        out.n_read += part.n_read
        out.files_done.extend(part.files_done)
    return out


def process_parallel(
    items: Sequence[RawDocument | Reject], *, extract: bool, reference_date: dt.date, workers: int
) -> ProcessedBatch:
    """`process_batch` over `workers` processes (in this process when workers <= 1)."""
    if workers <= 1 or len(items) < 2:
        return process_batch(items, extract=extract, reference_date=reference_date)
    pool = get_pool(workers, warm=extract)
    futures = [
        pool.submit(process_batch, chunk, extract=extract, reference_date=reference_date)
        for chunk in _split(items, workers * CHUNKS_PER_WORKER)
    ]
    return _merge([f.result() for f in futures])
