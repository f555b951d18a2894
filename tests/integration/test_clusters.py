"""Near-duplicates and same-event clusters through the real writer into real DuckDB files: scored pairwise
on our own same-event test set, stable under another order and other batches, unchanged by a rerun."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import random
from pathlib import Path

import duckdb
import pytest

from tasks.clusters import rebuild
from tasks.core.extraction import EXTRACTOR_VERSION
from tasks.core.extraction.model import DateMention, Entity, Fields, Figures, Sentence
from tasks.core.pipeline import ProcessedBatch, process_batch
from tasks.core.records import Document
from tasks.core.seeds import read_inputs
from warehouse.clusters import enable_index_lookups
from warehouse.writer import append_batch, ensure_warehouse, replace_batch_fields, start_run

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "data" / "clusters" / "articles.jsonl"
HELD_BACK = ROOT / "tests" / "data" / "clusters" / "articles_2.jsonl"  # written after tuning
TABLES = ("event_clusters", "near_duplicates", "event_links", "minhash_bands")


@pytest.fixture(scope="module")
def processed() -> ProcessedBatch:
    return process_batch(list(read_inputs([ARTICLES])), reference_date=dt.date(2026, 3, 10))


@pytest.fixture(scope="module")
def gold() -> dict[str, str]:
    return {r["id"]: r["event"] for r in map(json.loads, ARTICLES.read_text().splitlines())}


def _load(db: Path, batch: ProcessedBatch, order: list[int], size: int, run_id: str = "r1") -> None:
    ensure_warehouse(db)
    start_run(db, run_id=run_id, flow="test", flow_run_id=None, parameters={})
    docs = [batch.documents[i] for i in order]
    for start in range(0, len(docs), size):
        part = docs[start : start + size]
        fields = {(d.doc_id, d.content_hash): batch.fields[(d.doc_id, d.content_hash)] for d in part}
        append_batch(db, run_id=run_id, documents=part, rejects=[], fields=fields, extractor_version=EXTRACTOR_VERSION)


def _rows(db: Path, table: str, columns: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()


def _clusters(db: Path) -> list[tuple]:
    return _rows(db, "event_clusters", "doc_id, cluster_id, joined_via, score, shared")


def pairwise_scores(db: Path, gold: dict[str, str]) -> tuple[float, float, float]:
    """Precision, recall, F1 over document pairs in one cluster (documents about no event pair with nothing)."""
    with duckdb.connect(str(db), read_only=True) as con:
        pred = dict(
            con.execute(
                "SELECT d.external_id, c.cluster_id FROM event_clusters c JOIN documents d USING (doc_id)"
            ).fetchall()
        )
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same = gold[a] == gold[b] and not gold[a].startswith("none")
        together = pred[a] == pred[b]
        tp, fp, fn = tp + (same and together), fp + (together and not same), fn + (same and not together)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def test_same_event_clusters_score_pairwise_f1_at_least_0_8(tmp_path: Path, processed, gold) -> None:  # noqa: ANN001
    db = tmp_path / "w.duckdb"
    _load(db, processed, list(range(len(processed.documents))), 5)
    precision, recall, f1 = pairwise_scores(db, gold)
    print(f"pairwise precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    assert f1 >= 0.8
    with duckdb.connect(str(db), read_only=True) as con:
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        in_one = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM event_clusters").fetchone()
        dups = con.execute(
            "SELECT d.external_id, o.external_id FROM near_duplicates n JOIN documents d USING (doc_id)"
            " JOIN documents o ON o.doc_id = n.near_duplicate_of"
        ).fetchall()
        bomb = con.execute(
            "SELECT n_documents, n_sources, killed_low, killed_high, killed_best, country, place, event_date"
            " FROM event_records WHERE list_contains(doc_ids, (SELECT doc_id FROM documents WHERE external_id = 'b1'))"
        ).fetchone()
        singles = con.execute("SELECT count(*) FROM event_clusters WHERE joined_via IS NULL").fetchone()[0]
    assert in_one == (n_docs, n_docs)  # every document in exactly one cluster
    assert dups == [("b2", "b1")]  # the syndicated copy, new headline and trimmed tail, points at the wire story
    assert bomb[:2] == (4, 4) and bomb[5:7] == ("PK", "Peshawar") and bomb[7] == dt.date(2026, 3, 3)
    assert bomb[2] <= bomb[4] <= bomb[3]
    assert singles >= 2  # the festival and the rail line are clusters of one


def test_clusters_do_not_depend_on_order_or_batches(tmp_path: Path, processed) -> None:  # noqa: ANN001
    n = len(processed.documents)
    expected = None
    for k, (order, size) in enumerate(
        [(list(range(n)), n), (list(reversed(range(n))), 1), ([*range(1, n, 2), *range(0, n, 2)], 4)]
    ):
        db = tmp_path / f"w{k}.duckdb"
        _load(db, processed, order, size)
        got = (_clusters(db), _rows(db, "near_duplicates", "doc_id, near_duplicate_of, similarity"))
        got += (_rows(db, "event_links", "doc_id, other_doc_id, score, shared"),)
        if expected is None:
            expected = got
        assert got == expected


def test_a_rerun_changes_nothing_and_recluster_rebuilds_the_same(tmp_path: Path, processed) -> None:  # noqa: ANN001
    db = tmp_path / "w.duckdb"
    _load(db, processed, list(range(len(processed.documents))), 6)
    before = {t: _rows(db, t, "*") for t in TABLES}
    _load(db, processed, list(range(len(processed.documents))), 6, run_id="r2")  # same documents again
    assert {t: _rows(db, t, "*") for t in TABLES} == before
    by_id = {doc_id: f for (doc_id, _), f in processed.fields.items()}
    hashes = {d.doc_id: d.content_hash for d in processed.documents}
    replace_batch_fields(db, run_id="r3", fields=by_id, extractor_version=EXTRACTOR_VERSION, content_hashes=hashes)
    assert _clusters(db) == [r[:5] for r in before["event_clusters"]]  # same fields: same clusters
    rebuild(db, "r4")
    assert _clusters(db) == [r[:5] for r in before["event_clusters"]]


def test_a_changed_document_leaves_its_cluster(tmp_path: Path, processed) -> None:  # noqa: ANN001
    """Fields that no longer match split the cluster: the other members keep theirs, the document is alone."""
    db = tmp_path / "w.duckdb"
    _load(db, processed, list(range(len(processed.documents))), 20)
    doc = next(d for d in processed.documents if d.external_id == "k3")
    moved = processed.fields[(doc.doc_id, doc.content_hash)]
    import dataclasses

    figures = dataclasses.replace(moved.figures, event_date=dt.date(2026, 4, 20))
    replace_batch_fields(
        db,
        run_id="r2",
        fields={doc.doc_id: dataclasses.replace(moved, figures=figures)},
        extractor_version="x",
        content_hashes={doc.doc_id: doc.content_hash},
    )
    rows = dict((r[0], r[1]) for r in _clusters(db))
    assert rows[doc.doc_id] == doc.doc_id
    others = [d.doc_id for d in processed.documents if d.external_id in ("k1", "k2")]
    assert rows[others[0]] == rows[others[1]] != doc.doc_id


def test_a_set_written_after_tuning_scores_pairwise_f1_at_least_0_8(tmp_path: Path) -> None:
    batch = process_batch(list(read_inputs([HELD_BACK])), reference_date=dt.date(2026, 5, 20))
    db = tmp_path / "w.duckdb"
    _load(db, batch, list(range(len(batch.documents))), 4)
    gold = {r["id"]: r["event"] for r in map(json.loads, HELD_BACK.read_text().splitlines())}
    precision, recall, f1 = pairwise_scores(db, gold)
    print(f"held-back set: pairwise precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    assert f1 >= 0.8


def _copy(n: int, text: str, hours: int | None) -> Document:
    published = None if hours is None else dt.datetime(2026, 3, 3, tzinfo=dt.UTC) + dt.timedelta(hours=hours)
    return Document(
        f"copy{n}", None, f"test#{n}", f"https://outlet{n}.example/story", f"Headline {n}", None, published, "en",
        None, None, None, None, None, None, None, f"outlet{n}", text, len(text.split()),
        hashlib.sha256(text.encode()).hexdigest(),
    )  # fmt: skip


def test_near_duplicates_do_not_depend_on_order(tmp_path: Path) -> None:
    """Copies of one story published at different times (one undated, one trimmed): whatever order and
    batches they arrive in, every copy points at the earliest published one."""
    story = ARTICLES.read_text().splitlines()[0]
    text = json.loads(story)["text"]
    copies = [
        _copy(0, text, 5),
        _copy(1, "Updated: " + text, 2),
        _copy(2, text.rsplit(" The provincial", 1)[0], None),
        _copy(3, text + " More follows.", 9),
        _copy(4, json.loads(ARTICLES.read_text().splitlines()[4])["text"], 1),  # another story
    ]
    results = []
    for k, (order, size) in enumerate([([0, 1, 2, 3, 4], 5), ([4, 3, 2, 1, 0], 1), ([2, 0, 4, 3, 1], 2)]):
        db = tmp_path / f"n{k}.duckdb"
        ensure_warehouse(db)
        start_run(db, run_id="r1", flow="test", flow_run_id=None, parameters={})
        docs = [copies[i] for i in order]
        for start in range(0, len(docs), size):
            append_batch(db, run_id="r1", documents=docs[start : start + size], rejects=[])
        results.append((_rows(db, "near_duplicates", "doc_id, near_duplicate_of, similarity"), _clusters(db)))
    assert results[0] == results[1] == results[2]
    assert [(d, o) for d, o, _ in results[0][0]] == [("copy0", "copy1"), ("copy2", "copy1"), ("copy3", "copy1")]


def _synthetic(n: int) -> list[tuple[Document, Fields]]:
    """n documents over ten days in twelve cities, a third of them a trimmed copy of an earlier one."""
    rnd = random.Random(5)
    vocab = ["z" + "".join(chr(97 + i // 26**k % 26) for k in range(4)) for i in range(800)]
    out: list[tuple[Document, Fields]] = []
    for i in range(n):
        day = dt.date(2026, 2, 1) + dt.timedelta(days=i * 10 // n)
        name = f"Person {i // 3}"
        text = f"{name} spoke on Monday. " + " ".join(rnd.choices(vocab, k=120))
        if i % 3 == 2:
            text = " ".join(out[i - 1][0].text.split()[:100])
        when = len(name) + 7  # "on Monday"
        city = i % 12
        doc = Document(
            f"s{i:04d}", None, f"test#{i}", None, f"City{city} report {i}", None,
            dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC), "en", None, None, None, None, None, None, None,
            f"outlet{i % 7}", text, 120, hashlib.sha256(text.encode()).hexdigest(),
        )  # fmt: skip
        figures = Figures(None, None, None, "Protests", None, day, f"City{city}", f"C{city % 4}", None, None, None)
        fields = Fields(
            "en", None, sentences=(Sentence(0, 0, len(text)),),
            entities=(Entity("PERSON", name, name, 0, 0, len(name)),),
            dates=(DateMention("on Monday", day, "day", True, "published", 0, when, when + 9),), figures=figures,
        )  # fmt: skip
        out.append((doc, fields))
    return out


def test_a_batch_finds_its_rows_through_indexes_not_whole_table_scans(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Every query the clustering of a batch makes reads its rows by an index (EXPLAIN ANALYZE shows no
    sequential scan of any table), so a batch costs the same in a small warehouse and in a big one."""
    import warehouse.writer as writer

    db = tmp_path / "w.duckdb"
    ensure_warehouse(db)
    start_run(db, run_id="r1", flow="test", flow_run_id=None, parameters={})
    rows = _synthetic(330)

    def load(part: list[tuple[Document, Fields]]) -> None:
        fields = {(d.doc_id, d.content_hash): f for d, f in part}
        append_batch(db, run_id="r1", documents=[d for d, _ in part], rejects=[], fields=fields, extractor_version="t")

    for start in range(0, 300, 100):
        load(rows[start : start + 100])
    queries: list[tuple[str, object]] = []
    update = writer.update_clusters

    class Traced:
        def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
            self.con = con

        def execute(self, sql: str, params: object = None) -> duckdb.DuckDBPyConnection:
            queries.append((sql, params))
            return self.con.execute(sql, params)

    def traced(con: duckdb.DuckDBPyConnection, ids, run_id):  # noqa: ANN001, ANN202
        con.execute("SET python_scan_all_frames = true")  # the Arrow tables inserted live one frame further up
        return update(Traced(con), ids, run_id)

    monkeypatch.setattr(writer, "update_clusters", traced)
    load(rows[300:])
    monkeypatch.undo()
    lookups = [(sql, p) for sql, p in queries if sql.lstrip().startswith(("SELECT", "DELETE"))]
    assert len(lookups) > 15
    with duckdb.connect(str(db)) as con:
        enable_index_lookups(con)  # as update_clusters does
        assert con.execute("SELECT count(*) FROM near_duplicates").fetchone()[0] > 50
        for sql, params in lookups:
            con.execute("BEGIN TRANSACTION")
            plan = con.execute("EXPLAIN ANALYZE " + sql, params).fetchall()[0][1]
            con.execute("ROLLBACK")
            assert "Index Scan" in plan and "Sequential Scan" not in plan, sql
