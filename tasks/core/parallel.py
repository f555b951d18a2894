"""Clean and extract one batch across worker processes (pure; no Prefect).

One process pool per process, created on first use and reused by every batch; workers are started with
`forkserver` (never `fork`: the flow process runs Prefect's threads). The fork server itself imports the
libraries and loads the spaCy model and gazetteer once (`tasks.core.warm`), before it has any thread, and
every worker is forked from it already warm: the models are loaded once per run instead of once per worker,
and their pages are shared. A batch is split into contiguous chunks (two per worker) and merged back in input
order.

A worker can die (a segfault in a parser, the OOM killer) or hang on one page. Then the pool is thrown away
(its workers killed) and a new one made for what is left; the chunks that did not finish are run again one at a
time, and a chunk that kills or hangs its worker on its own is bisected until the one document that does it is
found: that document becomes a `worker_crashed` / `worker_timeout` reject, the rest are processed. Every chunk has
a time bound (`settings.chunk_timeout_s`); a bug that raises in the batch function still fails loudly.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import multiprocessing
import os
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from concurrent import futures as cf
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Literal

from tasks.core.pipeline import ProcessedBatch, process_batch
from tasks.core.procs import running
from tasks.core.records import RawDocument, Reject, Stage
from tasks.core.settings import chunk_timeout_s

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
    args = (owner_pid, os.getppid())
    threading.Thread(target=_exit_with, args=args, name="exit-with-owner", daemon=True).start()
    if warm:
        from tasks.core import warm as warm_module

        warm_module.warm_up()


def _exit_with(owner_pid: int, parent_pid: int) -> None:
    """A worker whose owner was killed (SIGKILL, OOM) would otherwise wait on its task queue forever, and keep
    the fork server alive with it: both hold a few hundred MB each. Checked once a second."""
    while True:
        time.sleep(1.0)
        # orphaned (the fork server is gone), or the owner is gone (a zombie, or its pid reused by another user)
        if os.getppid() != parent_pid or not running(owner_pid, mine_only=True):
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
            # takes effect when this process's fork server starts (the first pool it creates); detach first, so
            # that neither the fork server nor any worker holds the caller's stdout and stderr
            context.set_forkserver_preload(["tasks.core.detach", *(["__main__", "tasks.core.warm"] if warm else [])])
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


BatchFunction = Callable[..., ProcessedBatch]  # process_batch's signature
Fault = Literal["worker_crashed", "worker_timeout"]
_FAULT_DETAIL = {
    "worker_crashed": "the worker process died while processing it (a crash in a parser, or the OOM killer)",
    "worker_timeout": "its worker process did not finish in time and was killed",
}


class _ChunkFailed(Exception):
    def __init__(self, fault: Fault) -> None:
        super().__init__(fault)
        self.fault = fault


class _PoolUse:
    """Batches in flight together share the pool; a batch isolating a failing chunk needs it to itself, or a
    crash in another batch's chunk would be blamed on its documents. Shared use for running chunks together,
    exclusive use for running one alone (a waiting exclusive user goes first)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._shared = 0
        self._exclusive = False
        self._waiting = 0

    @contextlib.contextmanager
    def shared(self) -> Iterator[None]:
        with self._changed:
            self._changed.wait_for(lambda: not self._exclusive and not self._waiting)
            self._shared += 1
        try:
            yield
        finally:
            with self._changed:
                self._shared -= 1
                self._changed.notify_all()

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._changed:
            self._waiting += 1
            self._changed.wait_for(lambda: not self._exclusive and not self._shared)
            self._waiting -= 1
            self._exclusive = True
        try:
            yield
        finally:
            with self._changed:
                self._exclusive = False
                self._changed.notify_all()


_use = _PoolUse()
_discarded: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()


def _discard(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers (one may hang) and forget the pool, so that the next submit makes a new one.
    Several threads may see the same pool fail: the first one discards it."""
    global _pool
    with _pool_lock:
        if pool in _discarded:
            return
        _discarded.add(pool)
        if _pool is pool:
            _pool = None
    # Python 3.14 has ProcessPoolExecutor.kill_workers(); before it, only the executor's own process table
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def _submit(
    work: BatchFunction, chunk: Sequence[Any], kwargs: dict[str, Any], workers: int
) -> tuple[cf.Future[ProcessedBatch], ProcessPoolExecutor]:
    pool = get_pool(workers, warm=kwargs["extract"])
    try:
        return pool.submit(work, chunk, **kwargs), pool
    except BrokenProcessPool:  # broken by another thread's batch since it was cached: make a new one
        _discard(pool)
        pool = get_pool(workers, warm=kwargs["extract"])
        return pool.submit(work, chunk, **kwargs), pool


def _run_together(
    chunks: Sequence[Sequence[Any]],
    work: BatchFunction,
    kwargs: dict[str, Any],
    workers: int,
    on_chunk: Callable[[int], None] | None = None,
) -> dict[int, ProcessedBatch]:
    """Run every chunk at once; returns those that finished (a dead or hung worker leaves the others out)."""
    with _use.shared():
        return _run_shared(chunks, work, kwargs, workers, on_chunk)


def _run_shared(
    chunks: Sequence[Sequence[Any]],
    work: BatchFunction,
    kwargs: dict[str, Any],
    workers: int,
    on_chunk: Callable[[int], None] | None = None,
) -> dict[int, ProcessedBatch]:
    submitted = [_submit(work, chunk, kwargs, workers) for chunk in chunks]
    pending = {future: n for n, (future, _) in enumerate(submitted)}
    waves = -(-len(chunks) // workers)  # each chunk gets its own time, queued chunks the time of those before
    deadline = time.monotonic() + waves * chunk_timeout_s(max(len(c) for c in chunks))
    results: dict[int, ProcessedBatch] = {}
    while pending:
        done, _ = cf.wait(pending, timeout=max(0.0, deadline - time.monotonic()), return_when=cf.FIRST_COMPLETED)
        if not done:  # out of time: a worker hangs
            break
        for future in done:
            n = pending.pop(future)
            with contextlib.suppress(BrokenProcessPool):  # the chunk is run again alone
                results[n] = future.result()
                if on_chunk is not None:
                    on_chunk(results[n].n_read)
    if len(results) < len(chunks):
        for pool in {id(pool): pool for _, pool in submitted}.values():
            _discard(pool)
    return results


def _run_alone(chunk: Sequence[Any], work: BatchFunction, kwargs: dict[str, Any], workers: int) -> ProcessedBatch:
    """Run one chunk with nothing else in the pool, so that a crash or a hang is this chunk's."""
    with _use.exclusive():
        future, pool = _submit(work, chunk, kwargs, workers)
        try:
            return future.result(timeout=chunk_timeout_s(len(chunk)))
        except BrokenProcessPool:
            _discard(pool)
            raise _ChunkFailed("worker_crashed") from None
        except cf.TimeoutError:
            _discard(pool)
            raise _ChunkFailed("worker_timeout") from None


def _isolate(chunk: Sequence[Any], work: BatchFunction, kwargs: dict[str, Any], workers: int) -> list[ProcessedBatch]:
    """Run `chunk` alone, bisecting it while a part kills or hangs its worker; the culprits become rejects."""
    parts: list[ProcessedBatch] = []
    todo: list[Sequence[Any]] = [chunk]
    while todo:
        part = todo.pop(0)
        if len(part) == 1 and not isinstance(part[0], RawDocument):  # a reject or a file marker passes through
            parts.append(process_batch(part, **kwargs))
            continue
        try:
            parts.append(_run_alone(part, work, kwargs, workers))
        except _ChunkFailed as failed:
            if len(part) > 1:
                middle = len(part) // 2
                todo[:0] = [part[:middle], part[middle:]]  # in input order
                continue
            stage = Stage.EXTRACT if kwargs["extract"] else Stage.CLEAN
            reject = Reject(part[0].source_uri, stage, failed.fault, _FAULT_DETAIL[failed.fault])
            parts.append(ProcessedBatch(rejects=[reject], n_read=1))
    return parts


def process_parallel(
    items: Sequence[RawDocument | Reject],
    *,
    extract: bool,
    reference_date: dt.date,
    workers: int,
    work: BatchFunction = process_batch,
    on_chunk: Callable[[int], None] | None = None,
) -> ProcessedBatch:
    """`work` (process_batch) over `workers` processes (in this process when workers <= 1), surviving workers
    that die or hang (see the module docstring); `on_chunk(n_read)` is called as each chunk run together is
    done (a progress hook)."""
    kwargs = {"extract": extract, "reference_date": reference_date}
    if workers <= 1 or len(items) < 2:
        out = work(items, **kwargs)
        if on_chunk is not None:
            on_chunk(out.n_read)
        return out
    chunks = _split(items, workers * CHUNKS_PER_WORKER)
    finished = _run_together(chunks, work, kwargs, workers, on_chunk)
    parts: list[ProcessedBatch] = []
    for n, chunk in enumerate(chunks):  # what did not finish, one chunk at a time
        parts.extend([finished[n]] if n in finished else _isolate(chunk, work, kwargs, workers))
    return _merge(parts)
