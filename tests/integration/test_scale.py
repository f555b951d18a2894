"""Scale-out: the same backfill over local worker processes and on a local Dask cluster, same results."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.backfill import backfill

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.integration]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for case in sorted((ROOT / "tests" / "golden" / "cleaning").iterdir()):
        for page in case.glob("page.*"):
            shutil.copy(page, folder / f"{case.name}{''.join(page.suffixes)}")
    lines = [
        json.dumps({"id": f"n{i}", "source": "t", "text": f"Report {i}: {i + 2} people were injured."})
        for i in range(30)
    ]
    (folder / "notes.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def _snapshot(db: Path) -> tuple[list[tuple], list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        docs = con.execute("SELECT doc_id, content_hash FROM documents ORDER BY doc_id").fetchall()
        counts = con.execute(
            "SELECT doc_id, kind, value_low, value_high FROM counts ORDER BY doc_id, count_index"
        ).fetchall()
    return docs, counts


@pytest.mark.usefixtures("prefect_server")
def test_worker_processes_give_the_same_warehouse_as_one_process(corpus: Path, tmp_path: Path) -> None:
    serial, parallel = tmp_path / "serial.duckdb", tmp_path / "parallel.duckdb"
    one = backfill(paths=[str(corpus)], db=str(serial), batch_size=8, workers=1, progress=False)
    two = backfill(paths=[str(corpus)], db=str(parallel), batch_size=8, workers=2, in_flight=3, progress=False)
    assert one["n_new"] == two["n_new"] == 45
    assert _snapshot(serial) == _snapshot(parallel)


@pytest.mark.slow
def test_backfill_runs_on_a_local_dask_cluster(corpus: Path, tmp_path: Path, prefect_api_url: str) -> None:
    db = tmp_path / "dask.duckdb"
    env = {**os.environ, "PREFECT_API_URL": prefect_api_url, "WIREHOUSE_WORKERS": "2"}
    cmd = [sys.executable, "-m", "flows.cli", "backfill", str(corpus), "--db", str(db), "--runner", "dask"]
    result = subprocess.run(
        [*cmd, "--batch-size", "8", "--no-progress", "--verbose"],  # --verbose: Prefect's INFO lines name the runner
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert "DaskTaskRunner" in result.stderr or "dask" in result.stderr.lower()
    with duckdb.connect(str(db), read_only=True) as con:
        n_docs, n_extracted = con.execute(
            "SELECT count(*), (SELECT count(*) FROM extractions) FROM documents"
        ).fetchone()
        status = con.execute("SELECT status FROM runs").fetchone()[0]
    assert n_docs == n_extracted == 45 and status == "completed"


@pytest.mark.usefixtures("prefect_server")
def test_the_flow_uses_the_first_batch_head_start_and_stores_the_same(corpus: Path, tmp_path: Path) -> None:
    """What `wirehouse backfill` does while Prefect starts (tasks/core/head_start.py): the flow's first batch
    takes the head start's result, and the warehouse is the same as a one-process run's."""
    from tasks.core import head_start

    serial, early = tmp_path / "serial.duckdb", tmp_path / "early.duckdb"
    backfill(paths=[str(corpus)], db=str(serial), batch_size=8, workers=1, progress=False)
    used = head_start.n_used
    head_start.begin([str(corpus)], early, batch_size=8, extract=True, workers=2)
    backfill(paths=[str(corpus)], db=str(early), batch_size=8, workers=2, progress=False)
    assert head_start.n_used == used + 1
    assert _snapshot(early) == _snapshot(serial)
