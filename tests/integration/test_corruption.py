"""Silent corruption, found by attacking the pipeline (issue 14): one id twice in a batch, a canonical link to
another site, re-extraction racing a backfill, `--no-extract` over changed text, and history kept per version.
Every test runs the real flows into a temporary DuckDB; `wirehouse check` runs after each (tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from flows.backfill import backfill
from flows.reextract import reextract
from warehouse import writer

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_server")]

FIVE = "Police said five people were killed in a bomb attack on a market on Monday."
TWELVE = "Police said twelve people were killed in a bomb attack on a market on Monday."
INJURED = "Firefighters said three people were injured when a warehouse caught fire."


def _rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _figures_of_current_text(db: Path) -> list[tuple]:
    """(text, killed, injured, counts' values) of every document, as stored now."""
    return _rows(
        db,
        "SELECT d.text, f.killed, f.injured, (SELECT list(c.value_low ORDER BY c.count_index) FROM counts c"
        " WHERE c.doc_id = d.doc_id) FROM documents d LEFT JOIN figures f USING (doc_id) ORDER BY d.text",
    )


def test_one_id_twice_in_one_batch_is_an_update_in_order_with_its_own_fields(tmp_path: Path, tmp_db: Path) -> None:
    """Two exports without `source` that both number ids from 1: the second record is a new version of the
    first (as it would be in a later batch), and the stored fields are the second text's, not a mix."""
    a = _jsonl(tmp_path / "a.jsonl", {"id": "1", "text": FIVE})
    b = _jsonl(tmp_path / "b.jsonl", {"id": "1", "text": INJURED})
    summary = backfill(paths=[str(a), str(b)], db=str(tmp_db), batch_size=50, workers=1, progress=False)
    assert _figures_of_current_text(tmp_db) == [(INJURED, None, 3, [3])]
    assert (summary["n_new"], summary["n_updated"], summary["n_duplicate"]) == (1, 1, 0)
    versions = _rows(tmp_db, "SELECT version, text, valid_to IS NULL FROM document_versions ORDER BY version")
    assert versions == [(1, FIVE, False), (2, INJURED, True)]
    # the first record's fields went with its text into history
    assert _rows(tmp_db, "SELECT version, killed FROM document_figure_versions ORDER BY version") == [(1, 5), (2, None)]

    again = backfill(paths=[str(a), str(b)], db=str(tmp_db), batch_size=50, workers=1, progress=False, rescan=True)
    assert (again["n_new"], again["n_updated"]) == (0, 2)  # a, then b again: each a change from the one before
    assert _rows(tmp_db, "SELECT count(*) FROM document_versions") == [(4,)]
    assert _figures_of_current_text(tmp_db) == [(INJURED, None, 3, [3])]


def test_same_content_twice_in_one_batch_is_one_document(tmp_path: Path, tmp_db: Path) -> None:
    a = _jsonl(tmp_path / "a.jsonl", {"id": "1", "text": FIVE}, {"id": "1", "text": FIVE})
    summary = backfill(paths=[str(a)], db=str(tmp_db), batch_size=50, workers=1, progress=False)
    assert (summary["n_new"], summary["n_updated"], summary["n_duplicate"]) == (1, 0, 1)
    assert _rows(tmp_db, "SELECT count(*) FROM document_versions") == [(1,)]


def test_every_version_of_a_document_is_kept_with_its_fields(tmp_path: Path, tmp_db: Path) -> None:
    """'5 dead', then '12 dead': both texts and both roll-ups stay, the current one in documents/figures."""
    record = {"id": "story", "source": "wire", "url": "https://news.example.org/attack"}
    first = _jsonl(tmp_path / "first.jsonl", {**record, "text": FIVE})
    backfill(paths=[str(first)], db=str(tmp_db), progress=False)
    second = _jsonl(tmp_path / "second.jsonl", {**record, "text": TWELVE})
    summary = backfill(paths=[str(second)], db=str(tmp_db), progress=False)
    assert summary["n_updated"] == 1
    assert _figures_of_current_text(tmp_db) == [(TWELVE, 12, None, [12])]
    history = _rows(
        tmp_db, "SELECT version, killed, valid_to IS NULL, extractor_version IS NOT NULL FROM document_figure_versions"
    )
    assert sorted(history) == [(1, 5, False, True), (2, 12, True, True)]
    texts = _rows(tmp_db, "SELECT version, text FROM document_versions ORDER BY version")
    assert texts == [(1, FIVE), (2, TWELVE)]
    superseded = dict(_rows(tmp_db, "SELECT table_name, count(*) FROM superseded_fields GROUP BY ALL"))
    assert superseded["extractions"] == superseded["figures"] == superseded["sentences"] == 1
    assert superseded["counts"] == 1
    current = _rows(tmp_db, "SELECT DISTINCT version FROM counts UNION SELECT version FROM extractions")
    assert current == [(2,)]


def test_backfill_without_extraction_of_a_changed_document_drops_its_old_fields(tmp_path: Path, tmp_db: Path) -> None:
    """Old fields labelled with the current extractor version would never be repaired by reextract."""
    record = {"id": "story", "source": "wire"}
    backfill(paths=[str(_jsonl(tmp_path / "v1.jsonl", {**record, "text": FIVE}))], db=str(tmp_db), progress=False)
    v2 = _jsonl(tmp_path / "v2.jsonl", {**record, "text": TWELVE})
    backfill(paths=[str(v2)], db=str(tmp_db), extract=False, progress=False)
    assert _figures_of_current_text(tmp_db) == [(TWELVE, None, None, None)]  # no fields of the old text
    assert _rows(tmp_db, "SELECT count(*) FROM extractions") == [(0,)]
    assert reextract(db=str(tmp_db))["n_documents"] == 1  # stale, so repaired
    assert _figures_of_current_text(tmp_db) == [(TWELVE, 12, None, [12])]


def _race_reextract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, db: Path, texts: list[str]) -> list[str]:
    """Make every extraction by reextract (up to len(texts) of them) overlap a backfill that stores the next
    text of the document: the concurrent writer acts between reextract's read and its write."""
    import tasks.reextract as reextract_tasks
    from tasks.core.cleaning import clean_document
    from tasks.core.seeds import read_inputs

    real_extract = reextract_tasks.extract_stored_rows
    pending = list(texts)

    def extract_while_a_backfill_changes_the_text(rows, reference_date):  # noqa: ANN001, ANN202
        out = real_extract(rows, reference_date)
        if pending:
            text = pending.pop(0)
            export = _jsonl(tmp_path / f"race-{len(pending)}.jsonl", {"id": "story", "source": "wire", "text": text})
            changed = [clean_document(r) for r in read_inputs([export])]
            run_id = f"concurrent-{len(pending)}"
            writer.start_run(db, run_id=run_id, flow="backfill", flow_run_id=None, parameters={})
            writer.append_batch(db, run_id=run_id, documents=changed, rejects=[], n_read=1)
            writer.finish_run(db, run_id, status="completed")
        return out

    monkeypatch.setattr(reextract_tasks, "extract_stored_rows", extract_while_a_backfill_changes_the_text)
    return pending


def test_reextract_does_not_write_fields_of_text_that_changed_meanwhile(
    tmp_path: Path, tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backfill (without extraction) stores a new text while reextract extracts the old one: the old fields
    are not written over the new text; reextract extracts the new text again in the same run."""
    record = {"id": "story", "source": "wire", "text": FIVE}
    backfill(paths=[str(_jsonl(tmp_path / "v1.jsonl", record))], db=str(tmp_db), extract=False, progress=False)
    left = _race_reextract(monkeypatch, tmp_path, tmp_db, [TWELVE])
    summary = reextract(db=str(tmp_db))
    assert not left and _figures_of_current_text(tmp_db) == [(TWELVE, 12, None, [12])]  # not FIVE's fields
    assert (summary["n_documents"], summary["n_redone"], summary["n_changed_meanwhile"]) == (1, 1, 0)


def test_reextract_skips_a_document_that_keeps_changing(
    tmp_path: Path, tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changed again during the redo: skipped, left without fields (stale), repaired by the next reextract."""
    record = {"id": "story", "source": "wire", "text": FIVE}
    backfill(paths=[str(_jsonl(tmp_path / "v1.jsonl", record))], db=str(tmp_db), extract=False, progress=False)
    left = _race_reextract(monkeypatch, tmp_path, tmp_db, [INJURED, TWELVE])
    summary = reextract(db=str(tmp_db))
    assert not left and _figures_of_current_text(tmp_db) == [(TWELVE, None, None, None)]
    assert (summary["n_documents"], summary["n_changed_meanwhile"]) == (0, 1)
    monkeypatch.undo()
    assert reextract(db=str(tmp_db))["n_documents"] == 1
    assert _figures_of_current_text(tmp_db) == [(TWELVE, 12, None, [12])]


def _page(canonical: str, body: str) -> str:
    return (
        f'<html><head><title>Report</title><link rel="canonical" href="{canonical}">'
        f'<meta property="og:url" content="{canonical}"></head><body><article><h1>Report</h1>'
        f"<p>{body}</p><p>{body} Officials gave no further details about the victims.</p></article></body></html>"
    )


def test_a_canonical_link_to_another_site_does_not_take_over_its_document(tmp_path: Path, tmp_db: Path) -> None:
    victim_url = "https://www.victim-news.example.com/2024/attack"
    victim = _jsonl(tmp_path / "victim.jsonl", {"url": victim_url, "html": _page(victim_url, FIVE)})
    backfill(paths=[str(victim)], db=str(tmp_db), progress=False)
    hostile = _jsonl(
        tmp_path / "hostile.jsonl",
        {"url": "https://attacker.example.net/x", "html": _page(victim_url, TWELVE)},
        {
            "url": "https://blog.victim-news.example.com/post/1",
            "html": _page("https://victim-news.example.com/", INJURED),
        },
    )
    summary = backfill(paths=[str(hostile)], db=str(tmp_db), progress=False)
    assert (summary["n_new"], summary["n_updated"]) == (2, 0)
    rows = _rows(tmp_db, "SELECT url, rejected_canonical, contains(text, ?) FROM documents ORDER BY url", [FIVE])
    assert rows == [
        ("https://attacker.example.net/x", victim_url, False),
        ("https://blog.victim-news.example.com/post/1", "https://victim-news.example.com/", False),
        (victim_url, None, True),
    ]
