"""Event-driven runs against a real `prefect server start` on loopback: a file dropped into the watched
inbox becomes a `wirehouse.inbox.file.created` event, whose deployment trigger backfills that file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from warehouse.db import WarehouseLocked, connect

ROOT = Path(__file__).resolve().parents[2]
WIREHOUSE = [sys.executable, "-m", "flows.cli"]
pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _count_documents(db: Path, query: str = "SELECT count(*) FROM documents") -> int:
    if not db.exists():
        return 0
    try:
        con = connect(db, read_only=True, timeout_s=5)
    except (WarehouseLocked, duckdb.Error):
        return 0
    try:
        return int(con.execute(query).fetchone()[0])
    except duckdb.CatalogException:
        return 0
    finally:
        con.close()


def _stored_and_finished(db: Path) -> bool:
    """The document is stored and its run has finished: stopping `serve` in the middle of the run would leave
    it `running` for a dead process, which the after-test `wirehouse check` rightly reports."""
    done = "SELECT count(*) FROM runs WHERE flow = 'backfill' AND status <> 'running'"
    return _count_documents(db) >= 1 and _count_documents(db, done) >= 1


def _wait_for_line(log: Path, text: str, proc: subprocess.Popen[bytes], timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while text not in log.read_text(errors="replace"):
        assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
        if time.monotonic() > deadline:
            pytest.fail(
                f"no {text!r} in {log.name} after {timeout_s:.0f} s\n" + log.read_text(errors="replace")[-3000:]
            )
        time.sleep(0.5)


def test_file_dropped_in_inbox_is_backfilled_by_an_event_trigger(prefect_api_url: str, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    registry = tmp_path / "feeds.toml"
    registry.write_text('[[feeds]]\nurl = "https://feeds.invalid/rss"\nname = "off"\nenabled = false\n')
    env = {**os.environ, "PREFECT_API_URL": prefect_api_url, "WIREHOUSE_DB": str(db)}
    logs = tmp_path / "logs"
    logs.mkdir()
    serve = subprocess.Popen(
        [*WIREHOUSE, "serve", "--feeds-file", str(registry), "--interval", "600"],
        cwd=ROOT,
        env=env,
        stdout=(logs / "serve.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    watch = subprocess.Popen(
        [*WIREHOUSE, "watch", str(inbox)],
        cwd=ROOT,
        env=env,
        stdout=(logs / "watch.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        # Wait until `serve` has registered its deployments and triggers and `watch` watches the inbox (a fixed
        # sleep lost the race on a loaded machine: the file was dropped before the watcher started).
        _wait_for_line(logs / "serve.log", "Your deployments are being served", serve)
        _wait_for_line(logs / "watch.log", "wirehouse watch: emitting", watch)
        time.sleep(2)  # the triggers reach the server's trigger evaluation a moment after registration
        staged = inbox / ".article.txt.part"
        shutil.copy(ROOT / "seeds" / "000_f0b822bff615e880.txt", staged)
        staged.rename(inbox / "article.txt")
        deadline = time.monotonic() + 120
        while not _stored_and_finished(db):
            assert serve.poll() is None, (logs / "serve.log").read_text()[-3000:]
            if time.monotonic() > deadline:
                pytest.fail("no document after 120 s\n" + (logs / "serve.log").read_text()[-3000:])
            time.sleep(1)
    finally:
        for proc in (watch, serve):
            proc.terminate()
        for proc in (watch, serve):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    with duckdb.connect(str(db), read_only=True) as con:
        source, flow = con.execute("SELECT d.source_uri, r.flow FROM documents d JOIN runs r USING (run_id)").fetchone()
    assert source.endswith("inbox/article.txt") and flow == "backfill"
