"""The worker pool survives its workers: a worker that dies (a segfault, the OOM killer) or hangs costs the
document that did it (a reject row), not the batch, and not the batches after it."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from tasks.core import parallel
from tasks.core.pipeline import process_batch
from tasks.core.records import RawDocument
from tests.reliability.worker_faults import CRASH, HANG, OOM, faulty_batch

TODAY = dt.date(2024, 7, 1)


@pytest.fixture(autouse=True)
def fresh_pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("WIREHOUSE_CHUNK_TIMEOUT_S", "3")
    monkeypatch.setenv("WIREHOUSE_CHUNK_TIMEOUT_PER_DOC_S", "0.5")
    parallel.shutdown_pool()
    yield
    parallel.shutdown_pool()


def _docs(n: int, bad: dict[int, str] | None = None) -> list[RawDocument]:
    bad = bad or {}
    return [
        RawDocument(
            f"doc-{i}", "text", bad.get(i, f"Report {i}: a fire broke out in a warehouse on Monday, police said.")
        )
        for i in range(n)
    ]


def _run(items: list[RawDocument]):  # type: ignore[no-untyped-def]
    return parallel.process_parallel(items, extract=False, reference_date=TODAY, workers=2, work=faulty_batch)


@pytest.mark.parametrize("fault", [CRASH, OOM], ids=["segfault", "oom-killed"])
def test_a_document_that_kills_its_worker_is_rejected_and_the_rest_kept(fault: str) -> None:
    items = _docs(24, {13: fault})
    batch = _run(items)
    assert [r.source_uri for r in batch.rejects] == ["doc-13"]
    assert batch.rejects[0].reason == "worker_crashed"
    expected = process_batch([d for d in items if d.source_uri != "doc-13"], extract=False)
    assert [d.doc_id for d in batch.documents] == [d.doc_id for d in expected.documents]  # in input order
    assert batch.n_read == 24
    later = _run(_docs(10))  # the next batch runs on a new pool
    assert len(later.documents) == 10 and later.rejects == []


def test_two_killers_in_one_batch_are_both_found() -> None:
    batch = _run(_docs(30, {2: CRASH, 27: OOM}))
    assert sorted(r.source_uri for r in batch.rejects) == ["doc-2", "doc-27"]
    assert len(batch.documents) == 28


def test_a_document_that_hangs_its_worker_is_rejected_within_a_bound() -> None:
    started = time.monotonic()
    batch = _run(_docs(12, {5: HANG}))
    took = time.monotonic() - started
    assert [(r.source_uri, r.reason) for r in batch.rejects] == [("doc-5", "worker_timeout")]
    assert len(batch.documents) == 11
    assert took < 60, took  # chunks of 3 documents get 3 + 0.5 * 3 s each: a hang costs a few of those, not 3,600 s
    assert len(_run(_docs(6)).documents) == 6


def test_a_bug_in_the_batch_function_still_fails_loudly() -> None:
    with pytest.raises(TypeError):
        parallel.process_parallel([1, 2, 3], extract=False, reference_date=TODAY, workers=2)  # type: ignore[list-item]


def test_batches_in_flight_together_blame_only_their_own_killers() -> None:
    """The flow keeps two batches in flight on one pool: one batch's crash must not be blamed on the other's
    documents (a chunk is isolated with the pool to itself)."""
    from concurrent.futures import ThreadPoolExecutor

    batches = [_docs(24, {5: CRASH}), [d for d in _docs(48, {40: OOM})][24:], _docs(24)]
    with ThreadPoolExecutor(3) as threads:
        results = list(threads.map(_run, batches))
    assert [sorted(r.source_uri for r in batch.rejects) for batch in results] == [["doc-5"], ["doc-40"], []]
    assert [len(batch.documents) for batch in results] == [23, 23, 24]
