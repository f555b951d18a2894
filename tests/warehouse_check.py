"""`wirehouse check` at the end of every test that leaves a warehouse: one call catches a whole class of
corruption (text of one record, fields of another) that a test's own asserts would not think to look for.

tests/conftest.py runs `assert_warehouses_pass_check` after every test that used `tmp_path` (so every
integration and reliability test, and any test added later, gets it without asking). A test that leaves a
warehouse broken on purpose says so: `@pytest.mark.no_warehouse_check("why")`.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

# DuckDB files a test leaves; `.wal` files are part of their database.
_SUFFIXES = (".duckdb", ".db")


def find_warehouses(folder: Path) -> list[Path]:
    """wirehouse warehouses under `folder`, sorted: DuckDB files (by their magic bytes) with a
    `schema_migrations` table (a plain DuckDB file a test made for another purpose is not one)."""
    import duckdb

    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in _SUFFIXES or not path.is_file():
            continue
        with path.open("rb") as f:
            head = f.read(16)
        if head[8:12] != b"DUCK":
            continue
        with duckdb.connect(str(path), read_only=True) as con:
            tables = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations'")
            if tables.fetchone()[0]:
                found.append(path)
    return found


def run_check(db: Path) -> tuple[int, str]:
    """The real `wirehouse check --db DB` (the CLI's own entry point, in this process): (exit code, output)."""
    from flows.cli import main as cli_main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli_main(["check", "--db", str(db)])
    return code, out.getvalue()


def assert_warehouse_passes_check(db: Path) -> None:
    code, output = run_check(db)
    assert code == 0 and output.startswith("ok: "), f"wirehouse check failed on {db}:\n{output}"


def assert_warehouses_pass_check(folder: Path) -> list[Path]:
    """Run `wirehouse check` on every warehouse under `folder`; returns the ones checked."""
    found = find_warehouses(folder)
    for db in found:
        assert_warehouse_passes_check(db)
    return found
