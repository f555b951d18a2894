"""Workers exit with a killed owner even while it is an unreaped zombie, and never hold the caller's pipes.

The case: `wirehouse backfill` run by a script with `subprocess.run(..., capture_output=True)`, and killed. Its
parent reads the pipes until EOF before it reaps the child, so the child stays a zombie; a worker that took a
zombie for alive, or that held the pipe, kept the parent waiting forever."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import time
from tasks.core import parallel
parallel.start_workers(2)
print("ready", flush=True)
time.sleep(600)
"""

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _pipe_inode(fd: int) -> str:
    return os.readlink(f"/proc/self/fd/{fd}")  # "pipe:[12345]"


def _holds(pid: int, target: str) -> bool:
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}") == target for fd in os.listdir(f"/proc/{pid}/fd"))
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return False


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _read_to_eof(fd: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if ready and not os.read(fd, 65536):
            return True
    return False


def test_workers_exit_with_a_killed_unreaped_owner_and_release_its_pipes() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WIREHOUSE_WORKER_LOG": os.devnull}
    owner = subprocess.Popen(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert owner.stdout is not None and owner.stderr is not None
        assert owner.stdout.readline() == b"ready\n"
        deadline = time.monotonic() + 60
        while len(helpers := psutil.Process(owner.pid).children(recursive=True)) < 4 and time.monotonic() < deadline:
            time.sleep(0.2)  # fork server, resource tracker, two workers
        pool = [p for p in helpers if p.ppid() != owner.pid]  # the workers (children of the fork server)
        pool += [p for p in helpers if p.ppid() == owner.pid and "forkserver" in " ".join(p.cmdline())]
        assert len(pool) == 3, [p.cmdline() for p in helpers]
        out, err = _pipe_inode(owner.stdout.fileno()), _pipe_inode(owner.stderr.fileno())
        assert [p.pid for p in pool if _holds(p.pid, out) or _holds(p.pid, err)] == []

        owner.send_signal(signal.SIGKILL)  # and not reaped: it stays a zombie until the end of the test
        assert _read_to_eof(owner.stdout.fileno(), 30), "a helper process still holds the caller's stdout"
        assert _read_to_eof(owner.stderr.fileno(), 30), "a helper process still holds the caller's stderr"
        deadline = time.monotonic() + 30
        while any(_alive(p.pid) for p in helpers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [p.cmdline() for p in helpers if _alive(p.pid)] == [], "outlived their killed owner"
        assert psutil.Process(owner.pid).status() == psutil.STATUS_ZOMBIE  # the case this test is about
    finally:
        owner.kill()
        owner.wait()
