"""Writers across runs and deployments: one Prefect global concurrency slot around every warehouse write,
one run at a time per deployment, pending entries leased by the run that fetches them, and write tasks that
retry only what can succeed on a second try."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import duckdb
import pytest
import yaml
from prefect import task

from tasks.core.feeds import FeedEntry, FeedSource
from tasks.core.ingest import FeedPoll, FeedState
from tasks.load import RETRY, append_batch, append_batch_with_entries, finish_run, start_run
from tasks.writes import WRITE_LIMIT, is_transient, retry_transient, warehouse_write
from warehouse import feeds_store, writer
from warehouse.db import WarehouseLocked, ensure_schema, open_warehouse

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_server")]


def test_a_write_waits_for_the_global_slot_another_write_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with warehouse_write():
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(60)
        monkeypatch.setenv("WIREHOUSE_LOCK_TIMEOUT", "1.5")
        started = time.monotonic()
        with pytest.raises(TimeoutError), warehouse_write():
            pytest.fail("entered the write slot while another write held it")
        assert time.monotonic() - started >= 1.0
    finally:
        release.set()
        holder.join()
    with warehouse_write():  # free again
        pass
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        assert client.read_global_concurrency_limit_by_name(WRITE_LIMIT).limit == 1


def test_write_tasks_retry_lock_waits_and_transient_io_only() -> None:
    for write_task in (start_run, append_batch, append_batch_with_entries, finish_run):
        assert write_task.retry_condition_fn is retry_transient and write_task.retries == 2
    attempts: list[str] = []

    @task(name="flaky-write", **RETRY | {"retry_delay_seconds": 0})
    def flaky(error: Exception) -> None:
        attempts.append(type(error).__name__)
        raise error

    with pytest.raises(duckdb.ConstraintException):
        flaky(duckdb.ConstraintException("Duplicate key"))  # can never succeed: tried once
    assert attempts == ["ConstraintException"]
    attempts.clear()
    with pytest.raises(WarehouseLocked):
        flaky(WarehouseLocked("held by another process"))  # a lock wait: tried three times
    assert attempts == ["WarehouseLocked"] * 3
    assert is_transient(duckdb.IOException('Could not set lock on file "w.duckdb"'))
    assert is_transient(BlockingIOError(11, "Resource temporarily unavailable"))
    assert not is_transient(OSError(28, "No space left on device"))
    assert not is_transient(ValueError("bad batch"))


def _poll(feed: FeedState, n: int) -> FeedPoll:
    entries = tuple(
        FeedEntry(f"id-{i}", f"https://example.org/{i}", f"Title {i}", None, None, None, None, ()) for i in range(n)
    )
    return FeedPoll(feed, dt.datetime.now(dt.UTC), "200", True, entries=entries)


def test_two_runs_never_claim_the_same_pending_entries(tmp_db: Path) -> None:
    source = FeedSource("https://example.org/rss.xml", "Example", "en", None, 15, True)
    feed = FeedState(source.url, source.name, "en", None, None)
    writer.start_run(tmp_db, run_id="poll-run", flow="ingest", flow_run_id=None, parameters={})
    with open_warehouse(tmp_db) as con:
        ensure_schema(con)
        feeds_store.upsert_feeds(con, [source])
        polls = [_poll(feed, 10)]
        feeds_store.record_polls(con, "poll-run", polls, feeds_store.select_new_entries(con, polls))
        now = dt.datetime.now(dt.UTC)
        first = feeds_store.claim_pending(con, "run-a", 6, now, 900)
        second = feeds_store.claim_pending(con, "run-b", 6, now, 900)
        assert len(first) == 6 and len(second) == 4
        assert not {e.entry_id for e in first} & {e.entry_id for e in second}
        assert feeds_store.claim_pending(con, "run-c", 6, now, 900) == []  # everything is leased
        feeds_store.mark_entries(con, [(e.feed_url, e.entry_id, "page", None) for e in first])
        later = now + dt.timedelta(seconds=901)  # run-b died: its lease expires, another run takes its entries
        third = feeds_store.claim_pending(con, "run-c", 10, later, 900)
        assert sorted(e.entry_id for e in third) == sorted(e.entry_id for e in second)
    writer.finish_run(tmp_db, "poll-run", status="completed")


def test_every_deployment_runs_one_at_a_time() -> None:
    from prefect.client.schemas.objects import ConcurrencyLimitStrategy

    from flows.serve import build_deployments

    for deployment in build_deployments(None, 15, None):
        assert deployment.concurrency_limit == 1, deployment.name
        assert deployment.concurrency_options.collision_strategy == ConcurrencyLimitStrategy.ENQUEUE
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    for deployment in config["deployments"]:
        assert deployment["concurrency_limit"] == {"limit": 1, "collision_strategy": "ENQUEUE"}, deployment["name"]
