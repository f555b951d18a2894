"""`wirehouse reextract` and `wirehouse extract FILE`."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import tasks.core.extraction as extraction
from flows.backfill import backfill
from flows.cli import main as cli_main
from flows.reextract import reextract

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_f0b822bff615e880.txt"


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.integration
@pytest.mark.usefixtures("prefect_server")
def test_reextract_fills_missing_and_replaces_older_versions(tmp_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backfill(paths=[str(SEED), str(ROOT / "seeds" / "exports")], db=str(tmp_db), extract=False, progress=False)
    n_docs = _rows(tmp_db, "SELECT count(*) FROM documents")[0][0]
    assert _rows(tmp_db, "SELECT count(*) FROM extractions") == [(0,)]

    first = reextract(db=str(tmp_db))
    assert first["n_documents"] == n_docs
    counts_before = _rows(tmp_db, "SELECT count(*) FROM counts")[0][0]
    assert counts_before > 0
    assert _rows(tmp_db, "SELECT DISTINCT extractor_version FROM counts") == [(extraction.EXTRACTOR_VERSION,)]
    assert reextract(db=str(tmp_db))["n_documents"] == 0  # nothing is stale

    monkeypatch.setattr(extraction, "EXTRACTOR_VERSION", "test-next")
    again = reextract(db=str(tmp_db))
    assert again["n_documents"] == n_docs
    assert _rows(tmp_db, "SELECT DISTINCT extractor_version FROM counts") == [("test-next",)]
    assert _rows(tmp_db, "SELECT count(*) FROM counts")[0][0] == counts_before  # replaced, not appended
    runs = _rows(tmp_db, "SELECT flow, status FROM runs ORDER BY started_at")
    assert runs[-1] == ("reextract", "completed")


def test_extract_prints_one_documents_fields(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli_main(["extract", str(SEED), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["language"] == "en" and out["skipped_reason"] is None
    kinds = {(c["kind"], c["value_low"]) for c in out["counts"]}
    assert ("arrested", 40) in kinds and ("injured", 25) in kinds
    assert {"TJ"} <= {p["country_code"] for p in out["places"]}
    assert not (tmp_path / "warehouse.duckdb").exists()
    assert cli_main(["extract", str(SEED), "--format", "table"]) == 0
    table = capsys.readouterr().out
    assert "Counts (" in table and "Places (" in table and "Figures" in table
