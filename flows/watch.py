"""Event-driven work: `wirehouse watch DIR` turns files dropped into an inbox into Prefect events, and the
`inbox-file` flow (started by a deployment trigger on that event) backfills the file."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prefect import flow

from flows.backfill import backfill
from tasks.events import emit

INBOX_EVENT = "wirehouse.inbox.file.created"


@flow(name="inbox-file")
def inbox_file(path: str, db: str | None = None) -> dict[str, Any]:
    """Backfill one file that arrived in the inbox (started by a `wirehouse.inbox.file.created` event), as a
    subflow: the backfill has its own flow run and runs on its flow's task runner."""
    return backfill(paths=[path], db=db, progress=False)


def emit_inbox_event(path: Path) -> None:
    resolved = str(path.resolve())
    resource = "wirehouse.file." + hashlib.sha256(resolved.encode()).hexdigest()[:16]
    emit(INBOX_EVENT, resource, {"path": resolved, "bytes": path.stat().st_size}, **{"wirehouse.path": resolved})


def watch_inbox(
    directory: Path,
    *,
    stop: threading.Event | None = None,
    settle_s: float = 0.5,
    on_ready: Callable[[], None] | None = None,
) -> None:
    """Emit one event per file written into `directory` (closed after writing, or moved in). Blocks until `stop`.
    `on_ready` is called once the directory is being watched (a file written before that is not seen)."""
    from watchdog.events import FileClosedEvent, FileMovedEvent, FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    directory.mkdir(parents=True, exist_ok=True)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory:
                return
            if isinstance(event, FileMovedEvent):
                target = Path(str(event.dest_path))
            elif isinstance(event, FileClosedEvent):
                target = Path(str(event.src_path))
            else:
                return
            if target.name.startswith(".") or not target.exists():
                return  # temporary files (".x.part") are renamed into place when complete
            emit_inbox_event(target)

    observer = Observer()
    observer.schedule(Handler(), str(directory), recursive=True)
    observer.start()
    if on_ready is not None:
        on_ready()
    try:
        while not (stop and stop.is_set()):
            time.sleep(settle_s)
    finally:
        observer.stop()
        observer.join()
