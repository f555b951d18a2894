"""The real backfill flow, on a real (temporary) Prefect server, into a temporary DuckDB file."""

from __future__ import annotations

import asyncio
import gzip
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from flows.backfill import backfill
from flows.cli import main as cli_main
from warehouse.check import check_warehouse

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "cleaning"
pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_server")]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A folder of good inputs in every format, plus one bad input per reject reason."""
    folder = tmp_path / "inbox"
    shutil.copytree(ROOT / "seeds", folder)
    shutil.copy(GOLDEN / "guardian1" / "page.html.gz", folder / "guardian.html.gz")
    (folder / "bad").mkdir()
    (folder / "bad" / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "bad" / "empty.txt").write_bytes(b"")
    (folder / "bad" / "corrupt.html.gz").write_bytes(gzip.compress(b"<html>" + b"x" * 5000)[:40])
    (folder / "bad" / "broken.rss.xml").write_bytes(b'<?xml version="1.0"?><rss><channel><item><title>x')
    lines = [json.dumps({"id": "j1", "text": "A short local report about a fire on Main Street."}), "{not json"]
    (folder / "bad" / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def _scalar(db: Path, sql: str, params: list | None = None):  # noqa: ANN202
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchone()[0]


def test_backfill_end_to_end_is_idempotent(inbox: Path, tmp_db: Path) -> None:
    first = backfill(paths=[str(inbox)], db=str(tmp_db), batch_size=7, progress=False)
    n_docs = _scalar(tmp_db, "SELECT count(*) FROM documents")
    assert first["n_new"] == n_docs == 24  # 23 seed documents + the JSONL line; the Guardian copy is a duplicate
    assert first["n_duplicate"] == 1  # same canonical URL as seeds/pages/guardian.article.html.gz
    assert first["n_read"] == first["n_new"] + first["n_duplicate"] + first["n_updated"] + first["n_rejected"]

    with duckdb.connect(str(tmp_db), read_only=True) as con:
        reasons = dict(con.execute("SELECT reason, count(*) FROM rejects GROUP BY ALL").fetchall())
        seed_text = con.execute(
            "SELECT text FROM documents WHERE source_uri LIKE '%000_f0b822bff615e880.txt'"
        ).fetchone()
        guardian = con.execute("SELECT title, text FROM documents WHERE source_uri LIKE '%guardian.html.gz'").fetchone()
        run = con.execute("SELECT status, flow_run_id, n_new, finished_at FROM runs").fetchone()
        seed_figures = con.execute(
            "SELECT f.killed, f.arrested, f.event_country, f.event_type, f.actor1_type, f.actor2_type, f.actor1,"
            " f.actor1_text, d.text[f.actor1_start + 1 : f.actor1_end] FROM document_figures f"
            " JOIN documents d USING (doc_id) WHERE d.source_uri LIKE '%000_f0b822bff615e880.txt'"
        ).fetchone()
        extracted = con.execute("SELECT count(*), count(DISTINCT extractor_version) FROM extractions").fetchone()
    assert {"binary_file", "empty_file", "corrupt_gzip", "bad_json"} <= set(reasons)
    assert len(reasons) >= 5  # the broken feed is rejected too (malformed or not_a_feed)
    assert seed_text[0] == (ROOT / "seeds" / "000_f0b822bff615e880.txt").read_text(encoding="utf-8").strip()
    expected = json.loads((GOLDEN / "guardian1" / "expected.json").read_text())
    assert guardian[0] == expected["title"] and guardian[1].startswith(expected["text_start"])
    assert run[0] == "completed" and run[2] == n_docs and run[3] is not None
    assert extracted == (n_docs, 1)  # every stored document was extracted in the same run
    assert seed_figures[0] >= 40 and seed_figures[1] == 40 and seed_figures[2] == "TJ"
    assert seed_figures[3] == "Battles"
    assert set(seed_figures[4:6]) == {"rebels", "state_forces"}  # militants and troops
    assert seed_figures[6].endswith("(Tajikistan)") or seed_figures[6].endswith("of Tajikistan")
    assert seed_figures[7] == seed_figures[8]  # the span is the surface text

    second = backfill(paths=[str(inbox)], db=str(tmp_db), batch_size=50, progress=False)
    # every file is skipped but the truncated .gz, which ended in an error and so was never recorded as loaded
    assert second["n_skipped_files"] == _scalar(tmp_db, "SELECT count(*) FROM sources")
    assert (second["n_read"], second["n_rejected"]) == (1, 1)
    assert _scalar(tmp_db, "SELECT count(*) FROM sources WHERE source_uri LIKE '%corrupt.html.gz'") == 0
    third = backfill(paths=[str(inbox)], db=str(tmp_db), batch_size=50, progress=False, rescan=True)
    assert third["n_new"] == 0 and third["n_updated"] == 0 and third["n_duplicate"] == n_docs + 1
    assert _scalar(tmp_db, "SELECT count(*) FROM documents") == n_docs

    _assert_prefect_recorded(run[1])
    assert check_warehouse(tmp_db) == []


def _assert_prefect_recorded(flow_run_id: str) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    async def read() -> tuple[str, int]:
        async with get_client() as client:
            flow_run = await client.read_flow_run(flow_run_id)
            tasks = await client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
            return flow_run.state.type.value, len(tasks)

    state, n_tasks = asyncio.run(read())
    assert state == "COMPLETED" and n_tasks >= 4


def test_changed_content_replaces_the_document_in_place(tmp_path: Path, tmp_db: Path) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"id": "a1", "source": "wire", "text": "Two people were injured."}) + "\n")
    backfill(paths=[str(export)], db=str(tmp_db), progress=False)
    export.write_text(json.dumps({"id": "a1", "source": "wire", "text": "Three people were injured."}) + "\n")
    summary = backfill(paths=[str(export)], db=str(tmp_db), progress=False)
    assert summary["n_updated"] == 1 and summary["n_new"] == 0
    with duckdb.connect(str(tmp_db), read_only=True) as con:
        rows = con.execute("SELECT text, version FROM documents").fetchall()
    assert rows == [("Three people were injured.", 2)]


def test_cli_backfill_and_sql(tmp_path: Path, tmp_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = ROOT / "seeds" / "000_f0b822bff615e880.txt"
    assert cli_main(["backfill", str(seed), "--db", str(tmp_db), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "documents read" in out and str(tmp_db) in out
    assert cli_main(["sql", "SELECT count(*) AS n FROM documents", "--db", str(tmp_db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 1}]
    assert cli_main(["sql", "SELECT language FROM documents", "--db", str(tmp_db), "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["language", "en"]


def test_cli_rerun_with_nothing_new_is_recorded_without_a_flow_run(
    tmp_path: Path, tmp_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Two people were injured in Paris on Monday.")
    args = ["backfill", str(inbox), "--db", str(tmp_db), "--no-progress"]
    assert cli_main(args) == 0
    assert cli_main(args) == 0  # nothing new: recorded, no Prefect flow run
    assert "nothing new" in capsys.readouterr().out
    (inbox / "b.txt").write_text("Three people were arrested in Lyon.")  # something new: the real flow again
    assert cli_main(args) == 0
    assert cli_main([*args, "--rescan"]) == 0  # --rescan always reads, through the flow
    with duckdb.connect(str(tmp_db), read_only=True) as con:
        runs = con.execute(
            "SELECT flow_run_id IS NOT NULL, status, n_read, n_new, n_duplicate, n_skipped_files FROM runs"
            " ORDER BY started_at"
        ).fetchall()
        docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert runs == [
        (True, "completed", 1, 1, 0, 0),
        (False, "completed", 0, 0, 0, 1),
        (True, "completed", 1, 1, 0, 1),
        (True, "completed", 2, 0, 2, 0),
    ]
    assert docs == 2


def test_an_inbox_file_is_backfilled_in_a_flow_run_of_its_own(tmp_path: Path, tmp_db: Path) -> None:
    from flows.watch import inbox_file

    dropped = tmp_path / "dropped.txt"
    dropped.write_text("Flood in York\n\nThree people were rescued from a flooded street in York on Sunday.\n")
    state = inbox_file(str(dropped), db=str(tmp_db), return_state=True)
    summary = state.result()
    assert summary["n_new"] == 1
    inbox_run = str(state.state_details.flow_run_id)
    assert summary["flow_run_id"] != inbox_run, "the backfill ran inside the inbox flow run (backfill.fn)"
    assert _scalar(tmp_db, "SELECT flow_run_id FROM runs") == summary["flow_run_id"]
    assert check_warehouse(tmp_db) == []
