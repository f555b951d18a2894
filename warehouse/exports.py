"""Exports of warehouse tables (Parquet, CSV, JSON Lines, GeoJSON) and the read-only snapshot for notebooks.

Table names are checked against the warehouse's own catalogue before they reach SQL; `--since` is a
parameter. Parquet is written partitioned by day (`day=YYYY-MM-DD/` folders, Hive style), so DuckDB,
pandas or Spark read the folder back as one table: `SELECT * FROM read_parquet('out/**/*.parquet',
hive_partitioning = true)`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import duckdb

from warehouse.db import open_warehouse

Format = Literal["parquet", "csv", "jsonl", "geojson"]
FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl", "geojson")

# The day a row belongs to: what --since filters on and what Parquet is partitioned by. Tables not listed
# use the day their document was last stored (documents.updated_at), or have no day at all.
DAY_EXPRESSIONS = {
    "event_records": "event_date",
    "document_figures": "coalesce(event_date, (published_at AT TIME ZONE 'UTC')::DATE)",
    "documents": "(updated_at AT TIME ZONE 'UTC')::DATE",
    "runs": "(started_at AT TIME ZONE 'UTC')::DATE",
    "rejects": "(rejected_at AT TIME ZONE 'UTC')::DATE",
    "feed_entries": "(published_at AT TIME ZONE 'UTC')::DATE",
}
# Point coordinates, for GeoJSON.
COORDINATES = {
    "event_records": ("lon", "lat"),
    "document_figures": ("event_lon", "event_lat"),
    "figures": ("event_lon", "event_lat"),
    "places": ("lon", "lat"),
}
# What the snapshot holds: every table and view an analyst queries (the LSH index is internal).
SNAPSHOT_SKIP = frozenset({"schema_migrations", "minhash_bands", "minhash_signatures"})


class ExportError(ValueError):
    """An export that cannot be made as asked (unknown table, no coordinates, ...)."""


def list_relations(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary"
        " UNION SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal ORDER BY 1"
    ).fetchall()
    return [r[0] for r in rows]


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [d[0] for d in con.execute(f'SELECT * FROM "{table}" LIMIT 0').description]


def _day_expression(con: duckdb.DuckDBPyConnection, table: str) -> str | None:
    if table in DAY_EXPRESSIONS:
        return DAY_EXPRESSIONS[table]
    if "doc_id" in _columns(con, table):
        return (
            f"(SELECT (d.updated_at AT TIME ZONE 'UTC')::DATE FROM documents AS d WHERE d.doc_id = \"{table}\".doc_id)"
        )
    return None


def _select(con: duckdb.DuckDBPyConnection, table: str, since: dt.date | None) -> tuple[str, list[object], bool]:
    """SELECT of the table's rows (with a `day` column when it has one), its parameters, whether it has days."""
    if table not in list_relations(con):
        raise ExportError(f"no table or view named {table!r}; try one of: {', '.join(list_relations(con))}")
    day = _day_expression(con, table)
    if day is None:
        if since is not None:
            raise ExportError(f"{table} has no date to filter --since on")
        return f'SELECT * FROM "{table}"', [], False
    where, params = "", []
    if since is not None:
        where, params = f" WHERE {day} >= ?", [since]
    clash = "day" in _columns(con, table)
    return f'SELECT *{" EXCLUDE (day)" if clash else ""}, {day} AS day FROM "{table}"{where}', params, True


def export_table(db: str | Path, table: str, fmt: str, out: str | Path, since: dt.date | None = None) -> int:
    """Write `table` to `out` in `fmt`; returns the number of rows written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    out = Path(out)
    with open_warehouse(db, read_only=True) as con:
        select, params, has_day = _select(con, table, since)
        n = con.execute(f"SELECT count(*) FROM ({select})", params).fetchone()[0]
        if fmt == "geojson":
            _write_geojson(con, table, select, params, out)
            return int(n)
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "parquet" and has_day:
            if out.exists():
                shutil.rmtree(out) if out.is_dir() else out.unlink()
            con.execute(
                f"COPY ({select}) TO '{_quoted_path(out)}' (FORMAT parquet, PARTITION_BY (day), OVERWRITE_OR_IGNORE)",
                params,
            )
        else:
            options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}[fmt]
            con.execute(f"COPY ({select}) TO '{_quoted_path(out)}' ({options})", params)
    return int(n)


def _quoted_path(path: Path) -> str:
    """A file path inside a SQL string literal (COPY TO takes no parameter for its target)."""
    return str(path).replace("'", "''")


def _write_geojson(con: duckdb.DuckDBPyConnection, table: str, select: str, params: list[object], out: Path) -> None:
    """A FeatureCollection of Points (rows without coordinates are left out), streamed in chunks."""
    if table not in COORDINATES:
        raise ExportError(f"{table} has no coordinates; GeoJSON exports: {', '.join(sorted(COORDINATES))}")
    lon, lat = COORDINATES[table]
    cursor = con.execute(f'SELECT * FROM ({select}) WHERE "{lon}" IS NOT NULL AND "{lat}" IS NOT NULL', params)
    names = [d[0] for d in cursor.description]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        first = True
        while rows := cursor.fetchmany(5000):
            for row in rows:
                record = dict(zip(names, row, strict=True))
                geometry = {"type": "Point", "coordinates": [record[lon], record[lat]]}
                feature = {"type": "Feature", "geometry": geometry, "properties": record}
                fh.write(("" if first else ",\n") + json.dumps(feature, default=str, ensure_ascii=False))
                first = False
        fh.write("\n]}\n")
    os.replace(tmp, out)


def publish_snapshot(db: str | Path, folder: str | Path, tables: Sequence[str] | None = None) -> list[str]:
    """Refresh a read-only snapshot of the warehouse in `folder`: one Parquet file per table and view, each
    replaced atomically (a notebook reading the old file keeps reading it), and `snapshot.sql`, which makes
    views over them. Returns the tables written. Holds the warehouse only while it reads it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stage = folder / f".staging-{uuid.uuid4().hex}"
    stage.mkdir()
    try:
        with open_warehouse(db, read_only=True) as con:
            names = [t for t in (tables or list_relations(con)) if t not in SNAPSHOT_SKIP]
            for name in names:
                con.execute(
                    f"COPY (SELECT * FROM \"{name}\") TO '{_quoted_path(stage / (name + '.parquet'))}' (FORMAT parquet)"
                )
        for name in names:
            os.replace(stage / f"{name}.parquet", folder / f"{name}.parquet")
        files = {n: _quoted_path(folder.resolve() / f"{n}.parquet") for n in names}
        views = [f"CREATE OR REPLACE VIEW \"{n}\" AS SELECT * FROM read_parquet('{f}');" for n, f in files.items()]
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        header = (
            f"-- wirehouse snapshot of {Path(db).name}, refreshed {stamp}: run with duckdb, e.g. .read snapshot.sql\n"
        )
        tmp = stage / "snapshot.sql"
        tmp.write_text(header + "\n".join(views) + "\n", encoding="utf-8")
        os.replace(tmp, folder / "snapshot.sql")
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return names
