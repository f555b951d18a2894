"""`wirehouse check`: a clean warehouse passes; each kind of corruption is reported by its named check."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from flows.cli import main as cli_main
from warehouse.check import check_names, check_warehouse, format_violations
from warehouse.db import ensure_schema, list_migrations

TEXT = "Two people were killed in Springfield on Monday. Police arrested three men."  # sentence 0 = 0..48, 1 = 49..75
TEXT_B = "Caf\u00e9 \U0001f600 owners said five people were injured."  # non-ASCII: spans count code points


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def _build(db: Path) -> None:
    """A small, fully consistent warehouse: two documents with a row in every extraction table, written with the
    schema of migrations 0001-0004 and then upgraded (so it is also an upgrade of rows of every table)."""
    early = db.parent / "migrations-0001-0004"
    early.mkdir()
    for _, _, path in list_migrations()[:4]:
        (early / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with duckdb.connect(str(db)) as con:
        ensure_schema(con, early)
        con.execute(
            "INSERT INTO runs (run_id, flow, host, pid, started_at, finished_at, status)"
            " VALUES ('r1', 'backfill', ?, ?, now(), now(), 'completed')",
            [socket.gethostname(), os.getpid()],
        )
        for doc_id, text in (("d1", TEXT), ("d2", TEXT_B)):
            con.execute(
                "INSERT INTO documents (doc_id, source_uri, text, word_count, content_hash, run_id,"
                " ingested_at, updated_at) VALUES (?, 'test', ?, 10, ?, 'r1', now(), now())",
                [doc_id, text, _sha(text)],
            )
            con.execute("INSERT INTO extractions VALUES (?, 'v1', 'en', NULL, 'r1', now())", [doc_id])
            con.execute(
                "INSERT INTO figures (doc_id, killed, extractor_version, run_id) VALUES (?, 2, 'v1', 'r1')", [doc_id]
            )
        con.execute("INSERT INTO rejects VALUES ('r1', 'bad.bin', 'read', 'binary_file', 'x', now())")
        con.execute(
            "INSERT INTO sentences VALUES ('d1', 0, 0, 48, 'v1', 'r1'), ('d1', 1, 49, ?, 'v1', 'r1')", [len(TEXT)]
        )
        con.execute("INSERT INTO sentences VALUES ('d2', 0, 0, ?, 'v1', 'r1')", [len(TEXT_B)])
        con.execute("INSERT INTO entities VALUES ('d1', 0, 'ORG', 'Police', 'Police', 1, 49, 55, 'v1', 'r1')")
        con.execute(
            "INSERT INTO places (doc_id, place_index, text, name, geonameid, feature_kind, country_code, admin1,"
            " lat, lon, precision, role, sentence_index, char_start, char_end, extractor_version, run_id)"
            " VALUES ('d1', 0, 'Springfield', 'Springfield', 1, 'city', 'US', NULL, 1.0, 2.0,"
            " 'place', 'event', 0, 26, 37, 'v1', 'r1')"
        )
        con.execute(
            "INSERT INTO counts VALUES ('d1', 0, 'killed', 'killed', 2, 2, false, NULL, 'unspecified', 'people',"
            " 'current', NULL, 0, 0, 3, 20, 26, 'v1', 'r1'),"
            " ('d2', 0, 'injured', 'injured', 5, 5, false, NULL, 'unspecified', 'people', 'current', NULL,"
            " 0, ?, ?, ?, ?, 'v1', 'r1')",
            [*_span(TEXT_B, "five"), *_span(TEXT_B, "injured")],
        )
        con.execute(
            "INSERT INTO dates VALUES ('d1', 0, 'Monday', '2024-01-01', 'day', true, 'published', 0, 41, 47,"
            " 'v1', 'r1')"
        )
        con.execute("INSERT INTO events VALUES ('d1', 0, 'Battles', NULL, 0.5, [0], 'v1', 'r1')")
        ensure_schema(con)  # the later migrations; it also clusters the two documents (clusters of one)
    assert TEXT[26:37] == "Springfield" and TEXT[49:55] == "Police" and TEXT[41:47] == "Monday"


@pytest.fixture
def warehouse(tmp_db: Path) -> Path:
    _build(tmp_db)
    return tmp_db


def test_clean_warehouse_passes_every_check(warehouse: Path) -> None:
    assert check_warehouse(warehouse) == []
    assert format_violations([]) == f"ok: {len(check_names())} checks passed"
    assert len(check_names()) == len(set(check_names())) >= 30


def _sql(*statements: str) -> Callable[[duckdb.DuckDBPyConnection], None]:
    def run(con: duckdb.DuckDBPyConnection) -> None:
        for statement in statements:
            con.execute(statement)

    return run


CORRUPTIONS = {
    "migrations_complete": _sql("DELETE FROM schema_migrations WHERE version = 2"),
    "unique_index_sentences": _sql("INSERT INTO sentences SELECT * FROM sentences WHERE sentence_index = 1"),
    "unique_index_entities": _sql("INSERT INTO entities SELECT * FROM entities"),
    "unique_index_counts": _sql("INSERT INTO counts SELECT * FROM counts WHERE doc_id = 'd2'"),
    "unique_index_events": _sql("INSERT INTO events SELECT * FROM events"),
    "no_orphans_dates": _sql("UPDATE dates SET doc_id = 'gone'"),
    "no_orphans_figures": _sql("INSERT INTO figures (doc_id, extractor_version, run_id) VALUES ('gone', 'v', 'r1')"),
    "run_exists_documents": _sql("UPDATE documents SET run_id = 'r0' WHERE doc_id = 'd2'"),
    "run_exists_rejects": _sql("UPDATE rejects SET run_id = 'r0'"),
    "run_exists_sources": _sql("INSERT INTO sources VALUES ('a.jsonl', 1, 2, 3, 'r0', now())"),
    "run_exists_feed_entries": _sql(
        "INSERT INTO feed_entries (feed_url, entry_id, status, doc_id, first_seen_at, run_id)"
        " VALUES ('http://f', 'e1', 'page', 'd1', now(), 'r0')"
    ),
    "no_orphans_feed_entries": _sql(
        "INSERT INTO feed_entries (feed_url, entry_id, status, doc_id, first_seen_at, run_id)"
        " VALUES ('http://f', 'e1', 'page', 'gone', now(), 'r1'), ('http://f', 'e2', 'pending', NULL, now(), 'r1')"
    ),
    "spans_in_document_sentences": _sql(
        "UPDATE sentences SET char_end = 77 WHERE doc_id = 'd1' AND sentence_index = 1"
    ),
    "spans_in_document_entities": _sql("UPDATE entities SET char_start = -1"),
    "spans_in_document_places": _sql("UPDATE places SET char_end = char_start"),
    "spans_in_sentence_places": _sql("UPDATE places SET sentence_index = 1"),
    "spans_in_sentence_dates": _sql("UPDATE dates SET sentence_index = 7"),
    "spans_in_sentence_entities": _sql("UPDATE entities SET char_start = 40"),
    "spans_in_document_counts": _sql("UPDATE counts SET trigger_end = 99 WHERE doc_id = 'd2'"),
    "spans_in_sentence_counts": _sql("UPDATE counts SET number_start = 60, number_end = 61 WHERE doc_id = 'd1'"),
    "count_range_ordered": _sql("UPDATE counts SET value_low = 9 WHERE doc_id = 'd1'"),
    "count_values_non_negative": _sql("UPDATE counts SET value_low = -3, value_high = NULL WHERE doc_id = 'd2'"),
    "content_hash_matches_text": _sql("UPDATE documents SET text = text || '!' WHERE doc_id = 'd2'"),
    "finished_runs_have_finished_at": _sql("UPDATE runs SET finished_at = NULL"),
    "run_exists_document_versions": _sql("UPDATE document_versions SET run_id = 'r0' WHERE doc_id = 'd2'"),
    "fields_match_stored_text": _sql("UPDATE extractions SET content_hash = sha256('other') WHERE doc_id = 'd1'"),
    "current_version_stored": _sql(
        "UPDATE document_versions SET text = text || '!', content_hash = sha256(text || '!') WHERE doc_id = 'd1'"
    ),
    "no_orphans_document_versions": _sql(
        "INSERT INTO document_versions VALUES ('gone', 1, sha256('x'), 'x', 's', NULL, NULL, 'r1', now(), NULL)"
    ),
    "one_open_version": _sql(
        "INSERT INTO document_versions SELECT doc_id, 2, content_hash, text, source_uri, title, published_at, run_id,"
        " valid_from, NULL FROM document_versions WHERE doc_id = 'd2'"
    ),
    "version_hash_matches_text": _sql("UPDATE document_versions SET content_hash = sha256('x') WHERE doc_id = 'd2'"),
    "version_intervals_chain": _sql(
        "INSERT INTO document_versions SELECT doc_id, 0, content_hash, text, source_uri, title, published_at, run_id,"
        " valid_from - INTERVAL 2 HOUR, valid_from - INTERVAL 1 HOUR FROM document_versions WHERE doc_id = 'd2'"
    ),
    "superseded_fields_of_superseded_versions": _sql(
        "INSERT INTO superseded_fields VALUES ('d1', 1, 'figures', 0, '{}', now(), 'r1')"
    ),
    "fields_of_current_version_places": _sql("UPDATE places SET version = 7"),
    "fields_of_current_version_figures": _sql("UPDATE figures SET version = NULL WHERE doc_id = 'd2'"),
    "no_interrupted_file_recorded_loaded": _sql(
        "INSERT INTO sources VALUES ('a.jsonl.gz', 1, 2, 3, 'r1', now())",
        "INSERT INTO rejects VALUES ('r1', 'a.jsonl.gz', 'read', 'corrupt_gzip', 'EOFError', now())",
    ),
    "every_document_in_one_cluster": _sql("DELETE FROM event_clusters WHERE doc_id = 'd2'"),
    "no_orphans_event_clusters": _sql(
        "INSERT INTO event_clusters SELECT 'gone', 'gone', NULL, NULL, NULL, rule_version, run_id, now()"
        " FROM event_clusters WHERE doc_id = 'd1'"
    ),
    "cluster_named_by_its_smallest_member": _sql("UPDATE event_clusters SET cluster_id = 'd2'"),
    "clusters_made_by_current_rules": _sql("UPDATE event_clusters SET rule_version = 'older-rules'"),
}
# Corruptions that also, rightly, break a related check.
ALSO = {
    "one_open_version": {"version_intervals_chain"},
    "version_hash_matches_text": {"current_version_stored"},
    "content_hash_matches_text": {"current_version_stored"},
}


@pytest.mark.no_warehouse_check("corrupts the warehouse on purpose")
@pytest.mark.parametrize("check", sorted(CORRUPTIONS))
def test_each_corruption_is_reported_by_its_check(warehouse: Path, check: str) -> None:
    with duckdb.connect(str(warehouse)) as con:
        CORRUPTIONS[check](con)
    violations = {v.check: v for v in check_warehouse(warehouse)}
    assert check in violations and violations[check].count >= 1 and violations[check].detail
    table = check.rsplit("_", 1)[1]  # a span outside its document is often outside its sentence too: same table
    assert all(name.rsplit("_", 1)[1] == table or name in ALSO.get(check, ()) for name in violations), violations
    assert f"FAIL {check}: " in format_violations(list(violations.values()))


@pytest.mark.no_warehouse_check("corrupts the warehouse on purpose")
def test_half_open_count_number_span_is_reported(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute("UPDATE counts SET number_end = NULL WHERE doc_id = 'd1'")
    assert {v.check for v in check_warehouse(warehouse)} == {"spans_in_document_counts", "spans_in_sentence_counts"}


@pytest.mark.no_warehouse_check("corrupts the warehouse on purpose")
def test_running_run_with_a_dead_process_is_reported(warehouse: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "INSERT INTO runs (run_id, flow, host, pid, started_at, status) VALUES ('r9', 'backfill', ?, ?, now(),"
            " 'running'), ('r8', 'backfill', ?, ?, now(), 'running'), ('r7', 'backfill', 'elsewhere', 1, now(),"
            " 'running')",
            [socket.gethostname(), dead.pid, socket.gethostname(), os.getpid()],
        )
    violations = check_warehouse(warehouse)
    assert [(v.check, v.count) for v in violations] == [("no_dead_running_runs", 1)]
    assert "r9" in violations[0].detail and "r8" not in violations[0].detail


@pytest.mark.no_warehouse_check("corrupts the warehouse on purpose")
def test_old_schema_reports_missing_migrations_and_skips_missing_tables(tmp_db: Path) -> None:
    first = list_migrations()[0][2]
    with duckdb.connect(str(tmp_db)) as con:
        con.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ)"
        )
        con.execute(first.read_text(encoding="utf-8"))
        con.execute("INSERT INTO schema_migrations VALUES (1, ?, now())", [first.stem])
    violations = check_warehouse(tmp_db)
    assert [v.check for v in violations] == ["migrations_complete"]
    assert violations[0].count == len(list_migrations()) - 1


@pytest.mark.no_warehouse_check("corrupts the warehouse on purpose")
def test_cli_check_exit_codes(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["check", "--db", str(warehouse)]) == 0
    assert capsys.readouterr().out.startswith("ok: ")
    with duckdb.connect(str(warehouse)) as con:
        con.execute("UPDATE counts SET value_low = 9 WHERE doc_id = 'd1'")
    assert cli_main(["check", "--db", str(warehouse)]) == 1
    assert "FAIL count_range_ordered" in capsys.readouterr().out
    assert cli_main(["check", "--db", str(warehouse.with_name("missing.duckdb"))]) == 2


def test_check_does_not_write(warehouse: Path) -> None:
    before = warehouse.read_bytes()
    check_warehouse(warehouse)
    assert warehouse.read_bytes() == before


@pytest.mark.slow
@pytest.mark.integration
@pytest.mark.usefixtures("prefect_server")
def test_real_backfill_of_the_seeds_passes_every_check(tmp_db: Path) -> None:
    """The extractor's real output keeps every invariant (spans inside sentences, ordered ranges, ...)."""
    from flows.backfill import backfill
    from tasks.core.settings import DEFAULT_SEEDS

    summary = backfill(paths=[str(DEFAULT_SEEDS)], db=str(tmp_db), batch_size=10, progress=False)
    assert summary["n_new"] >= 20
    violations = check_warehouse(tmp_db)
    assert violations == [], format_violations(violations)


@pytest.mark.no_warehouse_check("breaks the warehouse to see the after-test check fail")
def test_the_after_test_check_finds_every_warehouse_and_fails_a_broken_one(warehouse: Path, tmp_path: Path) -> None:
    from tests.warehouse_check import assert_warehouses_pass_check

    other = tmp_path / "sub" / "second.db"
    other.parent.mkdir()
    _build(other)
    assert assert_warehouses_pass_check(tmp_path) == [other, warehouse]
    with duckdb.connect(str(other)) as con:
        con.execute("UPDATE extractions SET content_hash = sha256('other') WHERE doc_id = 'd1'")
    with pytest.raises(AssertionError, match="FAIL fields_match_stored_text"):
        assert_warehouses_pass_check(tmp_path)
