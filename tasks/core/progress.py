"""A progress bar on a terminal (count, total and ETA when the input can be counted cheaply, documents/s);
silent elsewhere (logs, CI, pipes)."""

from __future__ import annotations

import gzip
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

# Counting lines of a compressed file costs a decompression: only below this many compressed bytes in all.
MAX_COUNTED_GZIP_BYTES = 256 * 1024 * 1024
_ONE_DOCUMENT = (".txt", ".text", ".html", ".htm", ".html.gz", ".htm.gz", ".txt.gz")
_LINES = (".jsonl", ".ndjson")
_LINES_GZ = (".jsonl.gz", ".ndjson.gz")


class Progress(Protocol):
    def advance(self, n: int) -> None: ...


class _Silent:
    def advance(self, n: int) -> None:
        return None


def _count_lines(path: Path, opener) -> int:  # type: ignore[no-untyped-def]
    n, last = 0, b"\n"
    with opener(path, "rb") as stream:
        while block := stream.read(1 << 20):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def estimate_documents(
    files: Iterable[Path], loaded: Mapping[str, tuple[int, int]], uri_of, *, gzip_budget: int = MAX_COUNTED_GZIP_BYTES
) -> int | None:  # type: ignore[no-untyped-def]
    """How many documents a backfill of `files` will read (files loaded before and unchanged, by `loaded`'s
    (size, mtime_ns), are skipped), or None when a file's count would cost a real read (feeds, WARC, big
    archives): the bar then shows a count without a total."""
    total = 0
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            total += 1  # it becomes one reject
            continue
        if loaded.get(uri_of(path)) == (stat.st_size, stat.st_mtime_ns):
            continue
        name = path.name.lower()
        if name.endswith(_ONE_DOCUMENT):
            total += 1
        elif name.endswith(_LINES):
            total += _count_lines(path, open)
        elif name.endswith(_LINES_GZ) and stat.st_size <= gzip_budget:
            gzip_budget -= stat.st_size
            try:
                total += _count_lines(path, gzip.open)
            except (OSError, EOFError):
                return None
        else:
            return None
    return total


class ChunkCounter:
    """Counts a batch's documents as its chunks finish (`__call__`, from any thread), then `settle`s the batch
    at its real size when it is written, so the bar moves within a batch and ends exact."""

    def __init__(self, bar: Progress) -> None:
        self._bar, self._n, self._lock = bar, 0, threading.Lock()

    def __call__(self, n: int) -> None:
        with self._lock:
            self._n += n
            self._bar.advance(n)

    def settle(self, n_read: int) -> None:
        with self._lock:
            rest, self._n = n_read - self._n, n_read
            if rest > 0:
                self._bar.advance(rest)


@contextmanager
def progress_bar(label: str, *, enabled: bool = True, total: int | None = None) -> Iterator[Progress]:
    """Yield something with `.advance(n)`; draws a rich bar on stderr only when it is a terminal."""
    if not (enabled and sys.stderr.isatty()):
        yield _Silent()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as RichProgress

    columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn()]
    if total:  # a count out of the total, and the time left
        columns += [MofNCompleteColumn(), TextColumn("docs {task.fields[rate]}"), TimeElapsedColumn()]
        columns += [TextColumn("ETA"), TimeRemainingColumn()]
    else:
        columns += [TextColumn("{task.completed:>9,.0f} docs {task.fields[rate]}"), TimeElapsedColumn()]
    with RichProgress(*columns, console=Console(stderr=True), transient=False, refresh_per_second=4) as progress:
        task_id = progress.add_task(label, total=total, rate="")
        lock = threading.Lock()

        class _Bar:
            def advance(self, n: int) -> None:
                with lock:
                    progress.advance(task_id, n)
                    task = progress.tasks[0]
                    if task.total is not None and task.completed > task.total:
                        progress.update(task_id, total=task.completed)  # the estimate was short
                    speed = task.speed
                    progress.update(task_id, rate=f"{speed:,.1f}/s" if speed else "")

        yield _Bar()
