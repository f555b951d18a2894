"""Imported first by the worker pool's fork server: let go of the caller's stdin, stdout and stderr.

The fork server and every worker forked from it inherit the owner's file descriptors 0-2. When the owner's caller
reads its output through a pipe (`subprocess.run(..., capture_output=True)`), it waits for the pipe's end of file,
which never comes while a fork server or worker holds a copy: one hung worker kept the caller waiting forever.
So the fork server points 0 and 1 at /dev/null and 2 (tracebacks, warnings, a crash's dump) at a log file,
`WIREHOUSE_WORKER_LOG` or `<temp dir>/wirehouse-workers-<uid>.log`, before it forks any worker. Results and
errors reach the owner through the pool's queues, not through these descriptors.

Importing this module anywhere but in the fork server's `main()` does nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile


def worker_log_path() -> str:
    return os.environ.get("WIREHOUSE_WORKER_LOG") or os.path.join(
        tempfile.gettempdir(), f"wirehouse-workers-{os.getuid()}.log"
    )


def _in_fork_server() -> bool:
    from multiprocessing import forkserver

    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code is forkserver.main.__code__:
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def detach_stdio() -> None:
    """Point descriptors 0 and 1 at /dev/null and 2 at the worker log (flushing what Python buffered first)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    null = os.open(os.devnull, os.O_RDWR)
    log = os.open(worker_log_path(), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    for fd, target in ((0, null), (1, null), (2, log)):
        os.dup2(target, fd)
    os.close(null)
    os.close(log)


if _in_fork_server():
    detach_stdio()
