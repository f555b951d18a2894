"""`wirehouse sql` reads the warehouse and nothing else: no other file, no network, no second statement."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

from flows.cli import main as cli_main


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, text VARCHAR)")
        con.execute("INSERT INTO documents VALUES ('a', 'one'), ('b', 'two')")
    return db


def _sql(db: Path, query: str) -> int:
    return cli_main(["sql", query, "--db", str(db), "--format", "json"])


def test_a_query_on_the_warehouse_still_works(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _sql(warehouse, "WITH d AS (SELECT * FROM documents) SELECT count(*) AS n FROM d") == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 2}]
    for query in ("DESCRIBE documents", "SHOW TABLES", "EXPLAIN SELECT 1", "PRAGMA table_info('documents')"):
        assert _sql(warehouse, query) == 0, query


def test_no_file_is_written(warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    for query in (
        f"COPY documents TO '{out}.csv'",
        f"COPY (SELECT * FROM documents) TO '{out}.parquet' (FORMAT parquet)",
        f"EXPORT DATABASE '{out}'",
        f"EXPLAIN ANALYZE COPY documents TO '{out}.json'",
    ):
        assert _sql(warehouse, query) == 1, query
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]
    assert _sql(warehouse, f"COPY documents TO '{out}.csv'") == 1
    assert "wirehouse export" in capsys.readouterr().err  # says where exports belong


def test_no_other_file_is_read(warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret,value\nkey,hunter2\n", encoding="utf-8")
    for query in (
        f"SELECT * FROM read_text('{secret}')",
        f"SELECT * FROM read_csv('{secret}')",
        f"SELECT * FROM '{secret}'",
        f"SELECT * FROM glob('{tmp_path}/*')",
    ):
        assert _sql(warehouse, query) == 1, query
        assert "hunter2" not in capsys.readouterr().out


def test_no_database_is_attached_or_changed(warehouse: Path, tmp_path: Path) -> None:
    """Not another file, and not the warehouse itself through a second name (a hard link)."""
    link = tmp_path / "alias.duckdb"
    os.link(warehouse, link)
    other = tmp_path / "other.duckdb"
    for query in (
        f"ATTACH '{link}' AS alias",
        f"ATTACH '{other}' AS other",
        "ATTACH ':memory:' AS scratch",
        "DELETE FROM documents",
        "CREATE TABLE t (a INT)",
    ):
        assert _sql(warehouse, query) == 1, query
    assert not other.exists()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (2,)


def test_settings_extensions_and_the_network_are_out_of_reach(warehouse: Path) -> None:
    for query in (
        "SET enable_external_access = true",
        "SET lock_configuration = false",
        "RESET enable_external_access",
        "PRAGMA threads = 1",
        "INSTALL httpfs",
        "LOAD httpfs",
        "INSTALL json",
        "SELECT * FROM read_csv('https://example.org/data.csv')",
    ):
        assert _sql(warehouse, query) == 1, query


def test_only_one_statement_is_run(warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _sql(warehouse, "SELECT 1 AS a; SELECT 2 AS b") == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "one statement" in captured.err
    assert _sql(warehouse, f"SELECT 1; COPY documents TO '{tmp_path}/x.csv'") == 1
    assert not (tmp_path / "x.csv").exists()
    assert _sql(warehouse, "SELECT 1 AS a;") == 0  # a trailing semicolon is still one statement
