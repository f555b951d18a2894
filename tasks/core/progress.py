"""A progress bar with documents/s on a terminal; silent elsewhere (logs, CI, pipes)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Progress(Protocol):
    def advance(self, n: int) -> None: ...


class _Silent:
    def advance(self, n: int) -> None:
        return None


class _Bar:
    def __init__(self, progress, task_id) -> None:  # type: ignore[no-untyped-def]
        self._progress, self._task_id = progress, task_id

    def advance(self, n: int) -> None:
        self._progress.advance(self._task_id, n)


@contextmanager
def progress_bar(label: str, *, enabled: bool = True) -> Iterator[Progress]:
    """Yield something with `.advance(n)`; draws a rich bar on stderr only when it is a terminal."""
    if not (enabled and sys.stderr.isatty()):
        yield _Silent()
        return
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed:>9,.0f} docs"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    with RichProgress(*columns, console=Console(stderr=True), transient=False) as progress:
        task_id = progress.add_task(label, total=None, rate="")
        bar = _Bar(progress, task_id)

        def advance(n: int) -> None:
            progress.advance(task_id, n)
            speed = progress.tasks[0].speed
            progress.update(task_id, rate=f"{speed:,.1f} docs/s" if speed else "")

        bar.advance = advance  # type: ignore[method-assign]
        yield bar
