"""The single writer: one transaction per batch, bulk inserts from Arrow tables, parameters only."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import socket
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tasks.core.extraction.model import Fields
from tasks.core.procs import running
from tasks.core.records import Document, Reject
from warehouse.clusters import update_clusters
from warehouse.db import ensure_schema, open_warehouse, rollback

DOC_COLUMNS = [f.name for f in dataclasses.fields(Document)]
EXTRACTION_TABLES = ("sentences", "entities", "places", "counts", "dates", "events", "figures", "extractions")


@dataclass(frozen=True, slots=True)
class BatchCounts:
    n_read: int = 0
    n_new: int = 0
    n_duplicate: int = 0
    n_updated: int = 0
    n_rejected: int = 0

    def __add__(self, other: BatchCounts) -> BatchCounts:
        return BatchCounts(*(a + b for a, b in zip(dataclasses.astuple(self), dataclasses.astuple(other), strict=True)))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Bulk insert by column name from an Arrow table (DuckDB's fastest parameterised path)."""
    if not rows:
        return
    arrow = pa.Table.from_pylist(list(rows))  # noqa: F841 -- read by DuckDB through the replacement scan
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM arrow")


def ensure_warehouse(db: str | Path) -> list[str]:
    """Create or upgrade the warehouse file; returns the migrations applied now."""
    with open_warehouse(db) as con:
        return ensure_schema(con)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this host (a zombie does not: it is a killed run)."""
    return running(pid)


def start_run(db: str | Path, *, run_id: str, flow: str, flow_run_id: str | None, parameters: dict[str, Any]) -> int:
    """Record a run as `running`; first mark failed any run on this host whose process is gone. Returns that count."""
    host = socket.gethostname()
    with open_warehouse(db) as con:
        ensure_schema(con)
        stale = [
            run
            for run, pid in con.execute(
                "SELECT run_id, pid FROM runs WHERE status = 'running' AND host = ?", [host]
            ).fetchall()
            if pid is None or not pid_alive(pid)
        ]
        con.execute("BEGIN TRANSACTION")
        if stale:
            con.execute(
                "UPDATE runs SET status = 'failed', finished_at = now(), error = 'stale: its process ended"
                " without finishing' WHERE run_id IN (SELECT unnest(?::VARCHAR[]))",
                [stale],
            )
        con.execute(
            "INSERT INTO runs (run_id, flow_run_id, flow, parameters, host, pid, started_at, status)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 'running')",
            [run_id, flow_run_id, flow, json.dumps(parameters, default=str), host, os.getpid(), _now()],
        )
        con.execute("COMMIT")
    return len(stale)


def finish_run(
    db: str | Path, run_id: str, *, status: str, error: str | None = None, n_skipped_files: int | None = None
) -> BatchCounts:
    with open_warehouse(db) as con:
        con.execute(
            "UPDATE runs SET status = ?, finished_at = ?, error = ?, n_skipped_files = ? WHERE run_id = ?",
            [status, _now(), error, n_skipped_files, run_id],
        )
        row = con.execute(
            "SELECT n_read, n_new, n_duplicate, n_updated, n_rejected FROM runs WHERE run_id = ?", [run_id]
        ).fetchone()
    return BatchCounts(*row) if row else BatchCounts()


def _document_rows(
    docs: Iterable[Document], run_id: str, now: dt.datetime, versions: dict[str, int]
) -> list[dict[str, Any]]:
    rows = []
    for doc in docs:
        row = dataclasses.asdict(doc)
        row.update(run_id=run_id, ingested_at=now, updated_at=now, version=versions[doc.doc_id])
        rows.append(row)
    return rows


# The new versions of a round, from the same Arrow table as their `documents` rows (the text is converted once).
_VERSIONS_FROM_ARROW = (
    "INSERT INTO document_versions (doc_id, version, content_hash, text, source_uri, title, published_at, run_id,"
    " valid_from, valid_to) SELECT doc_id, version, content_hash, text, source_uri, title, published_at, run_id,"
    " updated_at, NULL FROM arrow"
)


def in_rounds(docs: Sequence[Document]) -> list[list[Document]]:
    """The batch in rounds in which each doc_id appears at most once, keeping each id's order: the k-th
    document with a given id goes to round k. Applied round after round, the same id twice in one batch is
    the same as in two batches: a duplicate, or an update in order (never one record's text with another's
    fields)."""
    rounds: list[list[Document]] = []
    seen: dict[str, int] = {}
    for doc in docs:
        k = seen.get(doc.doc_id, 0)
        seen[doc.doc_id] = k + 1
        if k == len(rounds):
            rounds.append([])
        rounds[k].append(doc)
    return rounds


def _stored_versions(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, tuple[str, int]]:
    rows = con.execute(
        "SELECT doc_id, content_hash, version FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    ).fetchall()
    return {doc_id: (content_hash, version) for doc_id, content_hash, version in rows}


def _update_documents(con: duckdb.DuckDBPyConnection, arrow: pa.Table) -> None:
    settable = [c for c in DOC_COLUMNS if c != "doc_id"] + ["run_id", "updated_at", "version"]
    assignments = ", ".join(f"{c} = arrow.{c}" for c in settable)
    con.execute(f"UPDATE documents SET {assignments} FROM arrow WHERE documents.doc_id = arrow.doc_id")


def _supersede_fields(con: duckdb.DuckDBPyConnection, ids: Sequence[str], run_id: str, now: dt.datetime) -> None:
    """Move the field rows of these documents' current versions to `superseded_fields` (whole rows, as JSON):
    the fields stay with the text they were extracted from, and the new version has none until extracted."""
    rows = con.execute("SELECT doc_id FROM extractions WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)])
    ids = [r[0] for r in rows.fetchall()]  # every extracted document has an extractions row: the rest have none
    if not ids:
        return
    for table in EXTRACTION_TABLES:
        con.execute(
            f"INSERT INTO superseded_fields SELECT t.doc_id, t.version, '{table}',"
            " (row_number() OVER (PARTITION BY t.doc_id ORDER BY t.rowid) - 1)::INTEGER, to_json(t), ?, ?"
            f" FROM {table} t WHERE t.doc_id IN (SELECT unnest(?::VARCHAR[]))",
            [now, run_id, list(ids)],
        )
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)])


def _apply_round(
    con: duckdb.DuckDBPyConnection, docs: Sequence[Document], run_id: str, now: dt.datetime
) -> tuple[list[Document], list[Document], dict[str, int]]:
    """Store one round (distinct ids): new documents, and new versions of changed ones. Returns (new, changed,
    doc_id -> the version now current for both)."""
    stored = _stored_versions(con, [d.doc_id for d in docs])
    new = [d for d in docs if d.doc_id not in stored]
    changed = [d for d in docs if d.doc_id in stored and stored[d.doc_id][0] != d.content_hash]
    versions = {d.doc_id: 1 for d in new} | {d.doc_id: stored[d.doc_id][1] + 1 for d in changed}
    if new:
        arrow = pa.Table.from_pylist(_document_rows(new, run_id, now, versions))
        con.execute("INSERT INTO documents BY NAME SELECT * FROM arrow")
        con.execute(_VERSIONS_FROM_ARROW)
    if changed:
        ids = [d.doc_id for d in changed]
        _supersede_fields(con, ids, run_id, now)
        con.execute(
            "UPDATE document_versions SET valid_to = ? WHERE valid_to IS NULL AND doc_id IN"
            " (SELECT unnest(?::VARCHAR[]))",
            [now, ids],
        )
        arrow = pa.Table.from_pylist(_document_rows(changed, run_id, now, versions))
        _update_documents(con, arrow)
        con.execute(_VERSIONS_FROM_ARROW)
    return new, changed, versions


def replace_fields(
    con: duckdb.DuckDBPyConnection,
    fields: dict[str, Fields],
    *,
    run_id: str,
    extractor_version: str,
    versions: dict[str, tuple[int, str]],
) -> None:
    """Replace every extracted row of these documents (inside the caller's transaction); `versions` gives each
    document's (version, content_hash) the fields were extracted from."""
    if not fields:
        return
    ids = list(fields)
    for table in EXTRACTION_TABLES:
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    from warehouse.fields import field_rows

    rows = field_rows(fields, run_id=run_id, extractor_version=extractor_version, now=_now(), versions=versions)
    for table, table_rows in rows.items():
        _insert(con, table, table_rows)


def _record_sources(con: duckdb.DuckDBPyConnection, files: Sequence[Any], run_id: str, now: dt.datetime) -> None:
    """Files whose every item is now committed (the batch holding a file's marker is written after its items)."""
    rows = [{**dataclasses.asdict(f), "run_id": run_id, "completed_at": now} for f in files]
    done = pa.Table.from_pylist(rows)  # noqa: F841 -- replacement scan
    con.execute(
        "INSERT INTO sources BY NAME SELECT * FROM done ON CONFLICT (source_uri) DO UPDATE SET size = excluded.size,"
        " mtime_ns = excluded.mtime_ns, n_items = excluded.n_items, run_id = excluded.run_id,"
        " completed_at = excluded.completed_at"
    )


def read_sources(db: str | Path) -> dict[str, tuple[int, int]]:
    """source_uri -> (size, mtime_ns) of every fully loaded input file."""
    if not Path(db).exists():
        return {}
    with open_warehouse(db, read_only=True) as con:
        if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'sources'").fetchone()[0]:
            return {}
        rows = con.execute("SELECT source_uri, size, mtime_ns FROM sources").fetchall()
    return {uri: (size, mtime) for uri, size, mtime in rows}


def append_batch(
    db: str | Path,
    *,
    run_id: str,
    documents: Sequence[Document],
    rejects: Sequence[Reject],
    fields: Mapping[tuple[str, str], Fields] | None = None,
    extractor_version: str | None = None,
    n_read: int = 0,
    also: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
    files_done: Sequence[Any] = (),
) -> BatchCounts:
    """Write one batch in one transaction: new documents, new versions of changed documents, their fields,
    rejects, run counters (and `also(con)`, e.g. feed state, inside the same transaction).

    `fields` are keyed by (doc_id, content_hash) of the text they were extracted from, so a document's row and
    its fields are always decided together. Documents are applied in order (see `in_rounds`)."""
    now = _now()
    fields = fields or {}
    with open_warehouse(db) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            n_new = n_changed = 0
            for round_docs in in_rounds(documents):
                new, changed, versions = _apply_round(con, round_docs, run_id, now)
                n_new, n_changed = n_new + len(new), n_changed + len(changed)
                if extractor_version:
                    written = [d for d in (*new, *changed) if (d.doc_id, d.content_hash) in fields]
                    replace_fields(
                        con,
                        {d.doc_id: fields[(d.doc_id, d.content_hash)] for d in written},
                        run_id=run_id,
                        extractor_version=extractor_version,
                        versions={d.doc_id: (versions[d.doc_id], d.content_hash) for d in written},
                    )
                if new or changed:  # near-duplicates and same-event clusters, in the batch's transaction
                    update_clusters(con, sorted({d.doc_id for d in (*new, *changed)}), run_id)
            _insert(con, "rejects", [{**dataclasses.asdict(r), "run_id": run_id, "rejected_at": now} for r in rejects])
            n_duplicate = len(documents) - n_new - n_changed
            counts = BatchCounts(n_read, n_new, n_duplicate, n_changed, len(rejects))
            con.execute(
                "UPDATE runs SET n_read = n_read + ?, n_new = n_new + ?, n_duplicate = n_duplicate + ?,"
                " n_updated = n_updated + ?, n_rejected = n_rejected + ? WHERE run_id = ?",
                [*dataclasses.astuple(counts), run_id],
            )
            if files_done:
                _record_sources(con, files_done, run_id, now)
            if also is not None:
                also(con)
            con.execute("COMMIT")
        except BaseException as exc:
            rollback(con, exc)
            raise
    return counts


def read_stale_doc_ids(db: str | Path, extractor_version: str, *, all_documents: bool = False) -> list[str]:
    """Documents whose fields were made by another extractor version (or never), in doc_id order."""
    where = "" if all_documents else "WHERE e.extractor_version IS DISTINCT FROM ?"
    params = [] if all_documents else [extractor_version]
    with open_warehouse(db, read_only=True) as con:
        rows = con.execute(
            f"SELECT d.doc_id FROM documents d LEFT JOIN extractions e USING (doc_id) {where} ORDER BY d.doc_id",
            params,
        ).fetchall()
    return [r[0] for r in rows]


def read_documents_for_extraction(db: str | Path, doc_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """(doc_id, text, language, published_at, content_hash) of stored documents, in doc_id order."""
    with open_warehouse(db, read_only=True) as con:
        return con.execute(
            "SELECT doc_id, text, language, published_at, content_hash, source_country FROM documents"
            " WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY doc_id",
            [list(doc_ids)],
        ).fetchall()


@dataclass(frozen=True, slots=True)
class ReplaceResult:
    n_written: int
    changed: tuple[str, ...]  # documents whose text changed since it was read: their fields were not written


def replace_batch_fields(
    db: str | Path,
    *,
    run_id: str,
    fields: dict[str, Fields],
    extractor_version: str,
    content_hashes: Mapping[str, str],
) -> ReplaceResult:
    """Replace the fields of a batch of stored documents in one transaction, each only if the document's text
    is still the one the fields were extracted from (`content_hashes`: doc_id -> hash of that text); a document
    changed meanwhile (a concurrent backfill) keeps what that run wrote."""
    with open_warehouse(db) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            stored = _stored_versions(con, list(fields))
            current = {k: v for k, v in fields.items() if k in stored and stored[k][0] == content_hashes.get(k)}
            versions = {k: (stored[k][1], stored[k][0]) for k in current}
            replace_fields(con, current, run_id=run_id, extractor_version=extractor_version, versions=versions)
            if current:  # new fields can move a document to another event
                update_clusters(con, sorted(current), run_id)
            con.execute("COMMIT")
        except BaseException as exc:
            rollback(con, exc)
            raise
    return ReplaceResult(len(current), tuple(sorted(set(fields) - set(current))))
