"""`wirehouse check`: verify the warehouse's invariants with read-only SQL, one named check each.

Each check is a query that returns the offending rows as (key, detail) pairs; a check passes when it returns
none. Checks whose tables do not exist yet are not run (the `migrations_complete` check reports why).
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.db import list_migrations, open_warehouse
from warehouse.writer import pid_alive

_SAMPLES = 3
_INDEXED = {
    "sentences": "sentence_index",
    "entities": "entity_index",
    "places": "place_index",
    "counts": "count_index",
    "dates": "date_index",
    "events": "event_index",
}
_ONE_PER_DOC = ("documents", "extractions", "figures")
_SPANS = {  # table -> [(start column, end column, may be NULL)]
    "sentences": [("char_start", "char_end", False)],
    "entities": [("char_start", "char_end", False)],
    "places": [("char_start", "char_end", False)],
    "dates": [("char_start", "char_end", False)],
    "counts": [("number_start", "number_end", True), ("trigger_start", "trigger_end", False)],
}


@dataclass(frozen=True, slots=True)
class Violation:
    """One failed check: how many rows break it and a few of them."""

    check: str
    count: int
    detail: str


@dataclass(frozen=True, slots=True)
class _Check:
    name: str
    tables: tuple[str, ...]  # tables, or "table.column", that must exist for the check to run
    sql: str  # yields (key VARCHAR, detail VARCHAR) per offending row
    params: tuple[object, ...] = ()


def _unique_checks() -> list[_Check]:
    checks = [
        _Check(
            f"one_row_per_doc_{table}",
            (table,),
            f"SELECT doc_id, count(*)::VARCHAR || ' rows' FROM {table} GROUP BY doc_id HAVING count(*) > 1",
        )
        for table in _ONE_PER_DOC
    ]
    checks += [
        _Check(
            f"unique_index_{table}",
            (table,),
            f"SELECT doc_id || '#' || {column}, count(*)::VARCHAR || ' rows'"
            f" FROM {table} GROUP BY doc_id, {column} HAVING count(*) > 1",
        )
        for table, column in _INDEXED.items()
    ]
    return checks


def _orphan_checks() -> list[_Check]:
    checks = [
        _Check(
            f"no_orphans_{table}",
            (table, "documents"),
            f"SELECT DISTINCT t.doc_id, 'no such document' FROM {table} t ANTI JOIN documents d USING (doc_id)",
        )
        for table in (*_INDEXED, "extractions", "figures")
    ]
    checks += [
        _Check(
            f"run_exists_{table}",
            (table, "runs"),
            f"SELECT DISTINCT t.run_id, 'no such run' FROM {table} t ANTI JOIN runs r USING (run_id)",
        )
        for table in ("documents", "rejects", "sources", "feed_entries", "document_versions")
    ]
    checks.append(
        _Check(
            "no_orphans_feed_entries",
            ("feed_entries", "documents"),
            "SELECT DISTINCT t.doc_id, 'no such document' FROM feed_entries t ANTI JOIN documents d USING (doc_id)"
            " WHERE t.doc_id IS NOT NULL",
        )
    )
    return checks


def _span_predicate(alias: str, start: str, end: str, nullable: bool, lo: str, hi: str) -> str:
    bad = f"NOT ({alias}.{start} >= {lo} AND {alias}.{start} < {alias}.{end} AND {alias}.{end} <= {hi})"
    if nullable:
        return f"(({alias}.{start} IS NULL) <> ({alias}.{end} IS NULL) OR ({alias}.{start} IS NOT NULL AND {bad}))"
    return f"({bad})"


def _span_checks() -> list[_Check]:
    checks = []
    for table, spans in _SPANS.items():
        index = _INDEXED[table]
        in_doc = " OR ".join(_span_predicate("t", s, e, n, "0", "length(d.text)") for s, e, n in spans)
        checks.append(
            _Check(
                f"spans_in_document_{table}",
                (table, "documents"),
                f"SELECT t.doc_id || '#' || t.{index}, 'span outside the text of ' || length(d.text) || ' chars'"
                f" FROM {table} t JOIN documents d USING (doc_id) WHERE {in_doc}",
            )
        )
        if table == "sentences":
            continue
        in_sentence = " OR ".join(_span_predicate("t", s, e, n, "s.char_start", "s.char_end") for s, e, n in spans)
        checks.append(
            _Check(
                f"spans_in_sentence_{table}",
                (table, "sentences"),
                f"SELECT t.doc_id || '#' || t.{index},"
                f" CASE WHEN s.doc_id IS NULL THEN 'no sentence ' || t.sentence_index"
                f" ELSE 'span outside sentence ' || t.sentence_index END"
                f" FROM {table} t LEFT JOIN sentences s"
                f" ON s.doc_id = t.doc_id AND s.sentence_index = t.sentence_index"
                f" WHERE s.doc_id IS NULL OR {in_sentence}",
            )
        )
    return checks


def _value_checks() -> list[_Check]:
    return [
        _Check(
            "count_range_ordered",
            ("counts",),
            "SELECT doc_id || '#' || count_index, value_low || ' > ' || value_high FROM counts"
            " WHERE value_low IS NOT NULL AND value_high IS NOT NULL AND value_low > value_high",
        ),
        _Check(
            "count_values_non_negative",
            ("counts",),
            "SELECT doc_id || '#' || count_index, coalesce(value_low::VARCHAR, 'NULL') || '..'"
            " || coalesce(value_high::VARCHAR, 'NULL') FROM counts WHERE value_low < 0 OR value_high < 0",
        ),
        _Check(
            "content_hash_matches_text",
            ("documents",),
            "SELECT doc_id, 'content_hash ' || content_hash FROM documents WHERE content_hash <> sha256(text)",
        ),
        _Check(
            "finished_runs_have_finished_at",
            ("runs",),
            "SELECT run_id, status || ' without finished_at' FROM runs"
            " WHERE status IN ('completed', 'failed') AND finished_at IS NULL",
        ),
    ]


def _version_checks() -> list[_Check]:
    """Documents, their versions and their fields agree: the fields describe the stored (current) text."""
    checks = [
        _Check(
            "fields_match_stored_text",
            ("extractions.content_hash", "documents"),
            "SELECT e.doc_id, 'fields of version ' || coalesce(e.version::VARCHAR, 'NULL') || ' hash '"
            " || coalesce(left(e.content_hash, 12), 'NULL') || ', document version ' || d.version || ' hash '"
            " || left(d.content_hash, 12) FROM extractions e JOIN documents d USING (doc_id)"
            " WHERE e.content_hash IS DISTINCT FROM d.content_hash OR e.version IS DISTINCT FROM d.version",
        ),
        _Check(
            "current_version_stored",
            ("documents", "document_versions"),
            "SELECT d.doc_id, 'version ' || d.version || ' is not the open version in document_versions'"
            " FROM documents d ANTI JOIN document_versions v ON v.doc_id = d.doc_id AND v.version = d.version"
            " AND v.content_hash = d.content_hash AND v.text = d.text AND v.valid_to IS NULL",
        ),
        _Check(
            "no_orphans_document_versions",
            ("documents", "document_versions"),
            "SELECT DISTINCT v.doc_id, 'no such document' FROM document_versions v"
            " ANTI JOIN documents d USING (doc_id)",
        ),
        _Check(
            "one_open_version",
            ("document_versions",),
            "SELECT doc_id, count(*) FILTER (valid_to IS NULL)::VARCHAR || ' open versions, the latest is '"
            " || max(version) FROM document_versions GROUP BY doc_id"
            " HAVING count(*) FILTER (valid_to IS NULL) <> 1"
            " OR max(version) <> max(version) FILTER (valid_to IS NULL)",
        ),
        _Check(
            "version_hash_matches_text",
            ("document_versions",),
            "SELECT doc_id || '@' || version, 'content_hash ' || content_hash FROM document_versions"
            " WHERE content_hash <> sha256(text)",
        ),
        _Check(
            "version_intervals_chain",
            ("document_versions",),
            "SELECT doc_id || '@' || version, 'valid_to ' || coalesce(valid_to::VARCHAR, 'NULL')"
            " || ', next valid_from ' || coalesce(next_from::VARCHAR, 'none') FROM ("
            " SELECT *, lead(valid_from) OVER (PARTITION BY doc_id ORDER BY version) AS next_from,"
            " lead(version) OVER (PARTITION BY doc_id ORDER BY version) AS next_version FROM document_versions)"
            " WHERE valid_to < valid_from OR (next_version IS NOT NULL AND (valid_to IS NULL"
            " OR next_from <> valid_to OR next_version <= version))",
        ),
        _Check(
            "superseded_fields_of_superseded_versions",
            ("superseded_fields", "document_versions"),
            "SELECT DISTINCT s.doc_id || '@' || s.version, 'fields of a version that is current or unknown'"
            " FROM superseded_fields s ANTI JOIN document_versions v"
            " ON v.doc_id = s.doc_id AND v.version = s.version AND v.valid_to IS NOT NULL",
        ),
    ]
    checks += [
        _Check(
            f"fields_of_current_version_{table}",
            (f"{table}.version", "documents"),
            f"SELECT DISTINCT t.doc_id, 'rows of version ' || coalesce(t.version::VARCHAR, 'NULL')"
            f" || ', document version ' || d.version FROM {table} t JOIN documents d USING (doc_id)"
            f" WHERE t.version IS DISTINCT FROM d.version",
        )
        for table in (*_INDEXED, "figures")
    ]
    return checks


def _source_checks() -> list[_Check]:
    from tasks.core.seeds import INTERRUPTED_REASONS

    reasons = sorted(INTERRUPTED_REASONS)
    return [
        _Check(
            "no_interrupted_file_recorded_loaded",
            ("sources", "rejects"),
            "SELECT s.source_uri, 'recorded as loaded, but its read ended in ' || r.reason FROM sources s"
            " JOIN rejects r ON r.source_uri = s.source_uri AND r.run_id = s.run_id"
            " WHERE r.stage = 'read' AND r.reason IN (SELECT unnest(?::VARCHAR[]))",
            (reasons,),
        )
    ]


def _cluster_checks() -> list[_Check]:
    from tasks.core.clustering import CLUSTER_RULES_VERSION

    return [
        _Check(
            "every_document_in_one_cluster",
            ("documents", "event_clusters"),
            "SELECT d.doc_id, 'in no event cluster (loaded before clustering? run wirehouse recluster)'"
            " FROM documents d ANTI JOIN event_clusters c USING (doc_id)",
        ),
        _Check(
            "no_orphans_event_clusters",
            ("documents", "event_clusters"),
            "SELECT c.doc_id, 'cluster row without a document' FROM event_clusters c"
            " ANTI JOIN documents d USING (doc_id)",
        ),
        _Check(
            "cluster_named_by_its_smallest_member",
            ("event_clusters",),
            "SELECT cluster_id, 'smallest member ' || min(doc_id) FROM event_clusters GROUP BY cluster_id"
            " HAVING min(doc_id) <> cluster_id",
        ),
        _Check(
            "clusters_made_by_current_rules",
            ("event_clusters",),
            "SELECT doc_id, 'rules ' || rule_version || ': run wirehouse recluster' FROM event_clusters"
            " WHERE rule_version <> ?",
            (CLUSTER_RULES_VERSION,),
        ),
    ]


CHECKS: tuple[_Check, ...] = (
    *_unique_checks(),
    *_orphan_checks(),
    *_span_checks(),
    *_value_checks(),
    *_version_checks(),
    *_source_checks(),
    *_cluster_checks(),
)


def check_dead_running_runs(con: duckdb.DuckDBPyConnection) -> list[Violation]:
    """Runs left `running` on this host whose process is gone (the next run marks them failed)."""
    rows = con.execute(
        "SELECT run_id, pid FROM runs WHERE status = 'running' AND host = ? ORDER BY started_at",
        [socket.gethostname()],
    ).fetchall()
    dead = [f"{run_id} (pid {pid})" for run_id, pid in rows if pid is None or not pid_alive(int(pid))]
    if not dead:
        return []
    return [Violation("no_dead_running_runs", len(dead), "running but process gone: " + ", ".join(dead[:_SAMPLES]))]


def check_migrations(con: duckdb.DuckDBPyConnection, existing: set[str]) -> list[Violation]:
    """Every migration file is recorded in schema_migrations."""
    expected = {version: name for version, name, _ in list_migrations()}
    if "schema_migrations" not in existing:
        return [Violation("migrations_complete", len(expected), "no schema_migrations table")]
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    missing = [name for version, name in sorted(expected.items()) if version not in done]
    if not missing:
        return []
    return [Violation("migrations_complete", len(missing), "not applied: " + ", ".join(missing[:_SAMPLES]))]


# Checks that need Python, not only SQL: name -> (tables they read, function).
_PY_CHECKS: dict[str, tuple[tuple[str, ...], Callable[[duckdb.DuckDBPyConnection], list[Violation]]]] = {
    "no_dead_running_runs": (("runs",), check_dead_running_runs),
}


def check_names() -> list[str]:
    """The names of every check, in the order they run."""
    return ["migrations_complete", *(c.name for c in CHECKS), *_PY_CHECKS]


def _run_sql_check(con: duckdb.DuckDBPyConnection, check: _Check) -> Violation | None:
    row = con.execute(
        f"SELECT count(*), list(k || ': ' || coalesce(d, '') ORDER BY k)[1:{_SAMPLES}] FROM ({check.sql}) AS bad(k, d)",
        list(check.params),
    ).fetchone()
    assert row is not None
    n, samples = int(row[0]), row[1] or []
    return Violation(check.name, n, "; ".join(samples)) if n else None


def run_checks(con: duckdb.DuckDBPyConnection) -> list[Violation]:
    """Every check on an open connection; checks over tables that do not exist are not run."""
    existing = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    existing |= {
        f"{t}.{c}" for t, c in con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
    }
    violations = check_migrations(con, existing)
    for check in CHECKS:
        if set(check.tables) <= existing and (found := _run_sql_check(con, check)):
            violations.append(found)
    for tables, function in _PY_CHECKS.values():
        if set(tables) <= existing:
            violations.extend(function(con))
    return violations


def check_warehouse(db: Path) -> list[Violation]:
    """Open the warehouse read-only and run every check."""
    with open_warehouse(db, read_only=True) as con:
        return run_checks(con)


def format_violations(violations: Sequence[Violation]) -> str:
    """`ok: N checks passed`, or one line per failed check."""
    if not violations:
        return f"ok: {len(check_names())} checks passed"
    return "\n".join(f"FAIL {v.check}: {v.count} row(s); {v.detail}" for v in violations)
