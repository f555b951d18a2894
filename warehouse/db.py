"""Open the DuckDB warehouse (waiting, within a bound, for another process's lock) and migrate it."""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from tasks.core.settings import MIGRATIONS_DIR, lock_timeout_s

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


# A connection that can read the warehouse file and nothing else: no other file (read or written), no ATTACH, no
# extension installed or loaded from disk or the network, and no SET that would undo any of it.
SANDBOX: dict[str, object] = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,  # last: the settings above are fixed from here on
}


class WarehouseLocked(RuntimeError):
    """Another process held the warehouse file for longer than the lock timeout."""


def _is_lock_error(exc: duckdb.Error) -> bool:
    return "lock" in str(exc).lower()


def connect(
    path: str | Path,
    *,
    read_only: bool = False,
    timeout_s: float | None = None,
    config: dict[str, object] | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, retrying with jittered backoff while another process holds its lock; `config` adds
    DuckDB settings (for example SANDBOX)."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `wirehouse backfill` first")
    budget = lock_timeout_s() if timeout_s is None else timeout_s
    deadline = time.monotonic() + budget
    delay, warned = 0.05, False
    while True:
        try:
            settings = {"autoinstall_known_extensions": False, **(config or {})}
            return duckdb.connect(str(path), read_only=read_only, config=settings)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise
            if time.monotonic() + delay > deadline:
                raise WarehouseLocked(
                    f"{path} is held by another process (a running backfill or an open DuckDB session) "
                    f"and stayed locked for {budget:.0f} s; close it or raise WIREHOUSE_LOCK_TIMEOUT"
                ) from exc
            if not warned:
                print(f"wirehouse: {path} is locked by another process; waiting up to {budget:.0f} s", file=sys.stderr)
                warned = True
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 1.0)


@contextmanager
def open_warehouse(
    path: str | Path, *, read_only: bool = False, config: dict[str, object] | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for the span of a `with` block: the file is held only that long."""
    con = connect(path, read_only=read_only, config=config)
    try:
        yield con
    finally:
        con.close()


def rollback(con: duckdb.DuckDBPyConnection, cause: BaseException) -> None:
    """Roll back after `cause`, never hiding it: a COMMIT that failed (a full disk) has already ended the
    transaction, and ROLLBACK would then raise "no transaction is active" in place of the error that matters.
    Any other failure to roll back is added to `cause` as a note; the caller re-raises `cause`."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error as exc:
        if "no transaction is active" not in str(exc):
            cause.add_note(f"and ROLLBACK failed too: {type(exc).__name__}: {exc}")


def list_migrations(folder: Path = MIGRATIONS_DIR) -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file name {path.name!r} is not NNNN_verb_noun.sql")
        found.append((int(match.group(1)), path.stem, path))
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise ValueError(f"two migrations share a number in {folder}")
    return found


def ensure_schema(con: duckdb.DuckDBPyConnection, folder: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply the migrations not yet applied, each in one transaction with its `schema_migrations` row."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, path in list_migrations(folder):
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
            con.execute("COMMIT")
        except Exception as exc:
            rollback(con, exc)
            raise
        applied.append(name)
    _ensure_clustered(con)
    return applied


def _ensure_clustered(con: duckdb.DuckDBPyConnection) -> None:
    """Documents stored before the cluster tables existed (an upgraded warehouse) are clustered once, here."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
    if not {"event_clusters", "event_features", "documents"} <= tables:
        return
    missing = [
        r[0]
        for r in con.execute(
            "SELECT doc_id FROM documents ANTI JOIN event_clusters USING (doc_id) ORDER BY doc_id"
        ).fetchall()
    ]
    if not missing:
        return
    from warehouse.clusters import update_clusters

    con.execute("BEGIN TRANSACTION")
    try:
        for start in range(0, len(missing), 1000):
            update_clusters(con, missing[start : start + 1000], "schema-upgrade")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
