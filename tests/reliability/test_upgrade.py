"""Upgrades: a warehouse made with only migration 0001 (tools/make_old_warehouse.py) migrates without loss."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from warehouse.check import check_warehouse
from warehouse.db import ensure_schema, list_migrations

OLD = Path(__file__).parent / "data" / "warehouse_v0001.duckdb.gz"
OLD_TABLES = ("documents", "runs", "rejects")


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    db = tmp_path / "old.duckdb"
    with gzip.open(OLD, "rb") as src, db.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    return db


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the 0001 tables, in the 0001 columns only, sorted."""
    with duckdb.connect(str(db), read_only=True) as con:
        out = {}
        for table in OLD_TABLES:
            columns = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
            ]
            out[table] = sorted(con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
        return out


def _recorded_versions(db: Path) -> list[int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]


@pytest.mark.no_warehouse_check("the old file is left un-migrated on purpose")
def test_old_file_is_what_the_tool_says(old_db: Path) -> None:
    assert _recorded_versions(old_db) == [1]
    assert [v.check for v in check_warehouse(old_db)] == ["migrations_complete"]
    assert {t: len(rows) for t, rows in _snapshot(old_db).items()} == {"documents": 3, "runs": 2, "rejects": 2}


def test_ensure_schema_upgrades_without_loss_and_is_idempotent(old_db: Path) -> None:
    before = _snapshot(old_db)
    with duckdb.connect(str(old_db)) as con:
        applied = ensure_schema(con)
        assert ensure_schema(con) == []
    assert applied == [name for _, name, _ in list_migrations()[1:]]
    assert _recorded_versions(old_db) == [v for v, _, _ in list_migrations()]
    after = _snapshot(old_db)
    for table, rows in before.items():  # new columns go at the end: the old columns keep their values
        width = len(rows[0])
        assert sorted((row[:width] for row in after[table]), key=repr) == rows, table
    with duckdb.connect(str(old_db), read_only=True) as con:  # today's rows become each document's open version
        versions = con.execute(
            "SELECT doc_id, version, content_hash, text, run_id, valid_to FROM document_versions ORDER BY doc_id"
        ).fetchall()
        current = con.execute(
            "SELECT doc_id, version, content_hash, text, run_id, NULL FROM documents ORDER BY doc_id"
        ).fetchall()
    assert versions == current and len(versions) == 3
    assert check_warehouse(old_db) == []


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_server")
def test_backfill_and_reextract_on_an_old_warehouse(old_db: Path, tmp_path: Path) -> None:
    from flows.backfill import backfill
    from flows.reextract import reextract

    before = _snapshot(old_db)
    export = tmp_path / "new.jsonl"
    records = [
        {"id": "new-1", "source": "wire", "text": "Police said four people were killed in a crash on Monday."},
        {"id": "new-2", "source": "wire", "text": "Firefighters rescued two residents from a burning house."},
    ]
    export.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    summary = backfill(paths=[str(export)], db=str(old_db), batch_size=10, progress=False)
    assert summary["n_new"] == 2
    assert reextract(db=str(old_db))["n_documents"] == 3  # the old documents get fields; the new already have them
    assert _recorded_versions(old_db) == [v for v, _, _ in list_migrations()]
    with duckdb.connect(str(old_db), read_only=True) as con:
        n_docs, n_extracted = con.execute(
            "SELECT count(*), count(e.doc_id) FROM documents d LEFT JOIN extractions e USING (doc_id)"
        ).fetchone()
        old_ids = {r[0] for r in con.execute("SELECT doc_id FROM documents WHERE run_id LIKE 'run-old-%'").fetchall()}
        statuses = sorted(r[0] for r in con.execute("SELECT status FROM runs").fetchall())
    assert (n_docs, n_extracted) == (5, 5)
    assert old_ids == {row[0] for row in before["documents"]}
    assert statuses == ["completed", "completed", "completed", "failed"]
    assert check_warehouse(old_db) == []


def test_later_migrations_that_add_columns_keep_working_with_versions(tmp_path: Path, tmp_db: Path) -> None:
    """Other work adds columns to documents, places and figures (and re-creates document_figures): versions,
    superseded fields and the check need no change for it."""
    import datetime as dt
    import uuid

    from tasks.core.pipeline import process_batch
    from tasks.core.records import RawDocument
    from warehouse import writer

    folder = tmp_path / "migrations"
    folder.mkdir()
    for _, _, path in list_migrations():
        shutil.copy(path, folder / path.name)
    (folder / "0099_add_later_columns.sql").write_text(
        "ALTER TABLE documents ADD COLUMN later_doc_column VARCHAR;\n"
        "ALTER TABLE places ADD COLUMN later_place_column VARCHAR;\n"
        "ALTER TABLE figures ADD COLUMN later_figure_column VARCHAR;\n"
        "CREATE OR REPLACE VIEW document_figures AS SELECT d.doc_id, f.killed, f.later_figure_column, d.title,"
        " f.extractor_version"
        " FROM documents AS d LEFT JOIN figures AS f USING (doc_id);\n",
        encoding="utf-8",
    )
    with duckdb.connect(str(tmp_db)) as con:
        ensure_schema(con, folder)
    run_id = uuid.uuid4().hex
    writer.start_run(tmp_db, run_id=run_id, flow="test", flow_run_id=None, parameters={})
    for text in ("Police said five people were killed in Kabul.", "Police said twelve people were killed in Kabul."):
        raw = RawDocument("in#1", "text", text, external_id="story", source="wire")
        batch = process_batch([raw], reference_date=dt.date(2024, 1, 1))
        writer.append_batch(
            tmp_db, run_id=run_id, documents=batch.documents, rejects=[], fields=batch.fields, extractor_version="v"
        )
    writer.finish_run(tmp_db, run_id, status="completed")
    with duckdb.connect(str(tmp_db), read_only=True) as con:
        figures = con.execute("SELECT killed, later_figure_column FROM document_figures").fetchall()
        history = con.execute("SELECT version, killed FROM document_figure_versions ORDER BY version").fetchall()
        keys = con.execute("SELECT json_keys(data) FROM superseded_fields WHERE table_name = 'figures'").fetchone()
    assert figures == [(12, None)] and history == [(1, 5), (2, 12)]
    assert "later_figure_column" in keys[0]
    assert check_warehouse(tmp_db) == []
