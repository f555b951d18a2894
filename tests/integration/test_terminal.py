"""The CLI as a person sees it: run in a pseudo-terminal, so the progress bar draws as it does for a user."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def run_in_terminal(
    cmd: list[str], env: dict[str, str], timeout_s: float = 240.0
) -> tuple[int, list[tuple[float, str]]]:
    """Run `cmd` with a pseudo-terminal as its stdin, stdout and stderr (120 columns); return its exit code and
    what it wrote, as (seconds since start, text without terminal escapes) pieces."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    pieces: list[tuple[float, str]] = []
    try:
        while time.monotonic() - start < timeout_s:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                pieces.append((time.monotonic() - start, ANSI.sub("", data.decode("utf-8", "replace"))))
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=max(1.0, timeout_s - (time.monotonic() - start)))
    finally:
        proc.kill()
        os.close(master)
    return code, pieces


def test_progress_moves_within_the_first_batch_and_prefect_info_stays_off_the_terminal(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    n_docs = 240
    for n in range(n_docs):
        text = f"Report {n}: {n % 40 + 2} people were injured in a fire in Leeds on Monday, officials said.\n"
        (inbox / f"{n:03d}.txt").write_text(text * 25)
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"), "WIREHOUSE_PREFECT_SERVER": "off"}
    env |= {"TERM": "xterm-256color", "COLUMNS": "120", "PYTHONPATH": str(ROOT)}
    env.pop("PREFECT_API_URL", None)
    cmd = [sys.executable, "-m", "flows.cli", "backfill", str(inbox), "--db", str(tmp_path / "w.duckdb")]
    # one batch of every document: without progress inside a batch, the count would jump from 0 to the end
    code, pieces = run_in_terminal([*cmd, "--batch-size", str(n_docs), "--workers", "2"], env)
    output = "".join(text for _, text in pieces)
    assert code == 0, output[-3000:]
    counts = {int(m.group(1).replace(",", "")) for m in re.finditer(rf"([\d,]+)/{n_docs}\b", output)}
    assert counts, f"no count out of a total of {n_docs} was drawn:\n{output[-3000:]}"
    assert counts & set(range(1, n_docs)), f"the count went straight to the end (drawn: {sorted(counts)})"
    assert n_docs in counts
    assert not re.search(r"\|\s*INFO\s*\|", output), "a Prefect INFO line was printed on the terminal"
    assert re.search(r"new\s+240\b", output), output[-2000:]  # the summary table, as before
