"""Crash safety: SIGKILL a real `wirehouse backfill` subprocess at several points, rerun, lose and double nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from tests.reliability.helpers import subprocess_env, wirehouse_cmd, write_corpus
from warehouse.check import check_warehouse

pytestmark = [pytest.mark.slow, pytest.mark.integration]

BATCH = 20
# Where to kill: after the n-th committed batch (the task's "Completed" log line), then this many seconds more.
# n = 0 kills during start-up or the first batch; later points land between and inside batch transactions.
KILL_POINTS = [(0, 0.0), (2, 0.0), (5, 0.015), (9, 0.04), (14, 0.002), (20, 0.08)]
_APPEND_DONE = "Task run 'append-batch-"
# Generous: on a loaded 2-core machine a cold flow start alone has taken over 30 s.
_LAUNCH_TIMEOUT_S = 240
# A run that finishes before its kill point (each rerun skips the files already loaded, and on a loaded machine
# more batches commit between the log line and the kill) gets fresh files and is tried again, this many times.
_ATTEMPTS_PER_POINT = 4
_FILES, _PER_FILE = 12, 50


def _start(corpus: Path, db: Path, api_url: str) -> subprocess.Popen[str]:
    # --verbose: the kill points are found from Prefect's INFO lines, which are off the terminal by default
    cmd = wirehouse_cmd(
        "backfill", str(corpus), "--no-progress", "--no-extract", "--batch-size", str(BATCH), "--verbose"
    )
    return subprocess.Popen(
        cmd,
        env=subprocess_env(api_url, db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the kill reaches every process it started
    )


def _kill_after(proc: subprocess.Popen[str], n_batches: int, delay: float) -> bool:
    """SIGKILL once `n_batches` batches were committed (plus `delay`); False when it finished first."""
    assert proc.stderr is not None
    seen, deadline = 0, time.monotonic() + _LAUNCH_TIMEOUT_S
    while seen < n_batches or (n_batches == 0 and seen == 0):
        line = proc.stderr.readline()
        if not line:  # the process closed its stderr: it finished (or is finishing) before the kill point
            proc.wait(timeout=_LAUNCH_TIMEOUT_S)
            return False
        if n_batches == 0 and "Beginning flow run" in line:
            break
        if _APPEND_DONE in line and "Completed" in line:
            seen += 1
        assert time.monotonic() < deadline, "backfill made no progress"
    time.sleep(delay)
    if proc.poll() is not None:
        proc.stderr.read()
        return False
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return True


def _state(db: Path) -> tuple[int, list[tuple[str, int, int]], int]:
    """(documents, [(run, runs.n_new, its documents)], runs still `running`) after WAL recovery."""
    with duckdb.connect(str(db), read_only=True) as con:
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()
        per_run = con.execute(
            "SELECT r.run_id, r.n_new, count(d.doc_id) FROM runs r LEFT JOIN documents d USING (run_id) GROUP BY ALL"
        ).fetchall()
        running = con.execute("SELECT count(*) FROM runs WHERE status = 'running'").fetchone()
    assert n_docs is not None and running is not None
    return int(n_docs[0]), per_run, int(running[0])


def _assert_consistent(db: Path, killed: bool, expected: int, where: str) -> None:
    if not db.exists():
        return  # killed before the warehouse file was created
    n_docs, per_run, running = _state(db)
    where = f"{where}: {n_docs} documents; (run, n_new, rows): {per_run}"
    # Each batch's rows and its run's counters are committed together, or neither is.
    assert all(n_new == rows for _, n_new, rows in per_run), f"a batch was half-written; {where}"
    assert sum(rows for _, _, rows in per_run) == n_docs <= expected, where
    if killed and running:
        assert [v.check for v in check_warehouse(db)] == ["no_dead_running_runs"], where
    elif not running:
        assert check_warehouse(db) == [], where


def test_sigkill_at_many_points_then_rerun_loses_and_doubles_nothing(
    tmp_path: Path, tmp_db: Path, prefect_api_url: str
) -> None:
    corpus = tmp_path / "corpus"
    expected = write_corpus(corpus, prefix="crash", n_files=_FILES, per_file=_PER_FILE)
    kills, top_ups = 0, 0
    for n_batches, delay in KILL_POINTS:
        for _ in range(_ATTEMPTS_PER_POINT):
            proc = _start(corpus, tmp_db, prefect_api_url)
            killed = _kill_after(proc, n_batches, delay)
            _assert_consistent(tmp_db, killed, expected, f"killed after batch {n_batches} + {delay} s")
            if killed:
                kills += 1
                break
            # the run finished first: every file is loaded now; give the next attempt work to be killed in
            top_ups += 1
            expected += write_corpus(corpus, prefix=f"more{top_ups}", n_files=_FILES, per_file=_PER_FILE)
    assert kills == len(KILL_POINTS), f"only {kills} of {len(KILL_POINTS)} kill points reached"

    final = subprocess.run(
        wirehouse_cmd("backfill", str(corpus), "--no-progress", "--no-extract", "--batch-size", str(BATCH)),
        env=subprocess_env(prefect_api_url, tmp_db),
        capture_output=True,
        text=True,
        timeout=_LAUNCH_TIMEOUT_S,
    )
    assert final.returncode == 0, final.stderr[-3000:]
    check = subprocess.run(
        wirehouse_cmd("check", "--db", str(tmp_db)),
        env=subprocess_env(prefect_api_url, tmp_db),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0 and check.stdout.startswith("ok: "), check.stdout + check.stderr

    with duckdb.connect(str(tmp_db), read_only=True) as con:
        n_docs, n_distinct = con.execute("SELECT count(*), count(DISTINCT external_id) FROM documents").fetchone()
        runs = con.execute("SELECT status, finished_at IS NOT NULL, error FROM runs ORDER BY started_at").fetchall()
    assert n_docs == n_distinct == expected
    assert all(done for _, done, _ in runs), "a run has no finished_at"
    assert [status for status, _, _ in runs][-1] == "completed"
    failed = [error for status, _, error in runs if status == "failed"]
    assert sum(status == "running" for status, _, _ in runs) == 0
    assert len(failed) >= kills - 1 and all("stale" in (e or "") for e in failed)  # a kill before start_run has no row
