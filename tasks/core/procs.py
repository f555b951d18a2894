"""Whether a process runs: one rule for the run records, the worker pool's owner watch and `make server`."""

from __future__ import annotations

import os


def running(pid: int, *, mine_only: bool = False) -> bool:
    """Whether `pid` exists and is not a zombie (a killed process its parent has not reaped yet: it will never
    do anything again, and a parent that first reads its pipes to the end would wait for us forever). A process
    of another user counts as running, unless `mine_only` (then its pid was reused: ours is gone). Without
    /proc (not Linux) the signal check is all there is to go by."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return not mine_only
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rpartition(b")")[2].split()[0]
    except (OSError, IndexError):
        return True
    return state not in (b"Z", b"X")
