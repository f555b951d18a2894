"""Build the old-schema warehouse the upgrade test starts from: migration 0001 only, a few rows.

    .venv/bin/python tools/make_old_warehouse.py [OUT]   # default: tests/reliability/data/warehouse_v0001.duckdb.gz

The rows are fixed (no clock, no random ids) so rebuilding gives the same content. The file is committed
gzipped (2 MB of mostly empty DuckDB blocks become about 20 KB); the test unpacks it into a temporary folder.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warehouse.db import list_migrations  # noqa: E402 -- after the path set-up above

DEFAULT_OUT = ROOT / "tests" / "reliability" / "data" / "warehouse_v0001.duckdb.gz"
STARTED = "2024-03-01 10:00:00+00"
FINISHED = "2024-03-01 10:05:00+00"
DOCUMENTS = [  # (doc_id, external_id, url, title, published_at, text)
    (
        "a1b2c3d4e5f60001",
        "old-1",
        "https://example.org/news/1",
        "Flooding closes roads",
        "2024-02-28 06:00:00+00",
        "Heavy rain flooded roads in the north of the county on Tuesday.\n\nNo one was hurt.",
    ),
    (
        "a1b2c3d4e5f60002",
        "old-2",
        None,
        "Protest in the square",
        None,
        "Hundreds of people marched through the square on Saturday, police said.",
    ),
    (
        "a1b2c3d4e5f60003",
        None,
        None,
        None,
        "2024-02-29 12:30:00+00",
        "Caf\u00e9 owners said three people were injured when a wall collapsed.",
    ),
]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build(out: Path) -> Path:
    """Write a fresh warehouse file at `out` with only the first migration applied."""
    for stale in (out, out.with_name(out.name + ".wal")):
        stale.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    version, name, path = list_migrations()[0]
    with duckdb.connect(str(out)) as con:
        con.execute(  # the same table ensure_schema creates
            "CREATE TABLE schema_migrations ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
        )
        con.execute(path.read_text(encoding="utf-8"))
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, STARTED])
        con.execute(
            "INSERT INTO runs (run_id, flow_run_id, flow, parameters, host, pid, started_at, finished_at, status,"
            " n_read, n_new, n_rejected) VALUES"
            " ('run-old-1', NULL, 'backfill', '{}', 'old-host', 4242, ?, ?, 'completed', 5, 3, 2),"
            " ('run-old-2', NULL, 'backfill', '{}', 'old-host', 4243, ?, ?, 'failed', 0, 0, 0)",
            [STARTED, FINISHED, STARTED, FINISHED],
        )
        for doc_id, external_id, url, title, published_at, text in DOCUMENTS:
            con.execute(
                "INSERT INTO documents (doc_id, external_id, source_uri, url, title, published_at, language, text,"
                " word_count, content_hash, run_id, ingested_at, updated_at)"
                " VALUES (?, ?, 'seeds/old.jsonl', ?, ?, ?, 'en', ?, ?, ?, 'run-old-1', ?, ?)",
                [doc_id, external_id, url, title, published_at, text, len(text.split()), _sha(text), STARTED, STARTED],
            )
        con.execute(
            "INSERT INTO rejects VALUES ('run-old-1', 'seeds/bad.bin', 'read', 'binary_file', 'content is binary', ?),"
            " ('run-old-1', 'seeds/old.jsonl#L4', 'read', 'bad_json', 'Expecting value', ?)",
            [STARTED, STARTED],
        )
        con.execute("CHECKPOINT")
    return out


def build_gzipped(out: Path) -> Path:
    """Build the warehouse in a temporary folder and write it to `out` gzipped."""
    with tempfile.TemporaryDirectory() as tmp:
        plain = build(Path(tmp) / "warehouse.duckdb")
        with plain.open("rb") as src, gzip.GzipFile(out, "wb", mtime=0) as dst:
            shutil.copyfileobj(src, dst)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    print(build_gzipped(target) if target.name.endswith(".gz") else build(target))
