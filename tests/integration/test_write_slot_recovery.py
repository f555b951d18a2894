"""A writer killed while it holds the warehouse-write slot does not block every later write: its slot is
freed once nothing live holds it (tasks/writes.py, `free_stale_slots`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.startup import DEFAULTS
from tasks.writes import LEASE_STORAGE, LEASE_STORAGE_VAR, WRITE_LEASE_S, WRITE_LIMIT, free_stale_slots, warehouse_write

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_server")]

HOLD_FOREVER = """
import sys, time
from tasks.writes import warehouse_write
with warehouse_write():
    print("held", flush=True)
    time.sleep(600)
"""


def _active_slots() -> int:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return client.read_global_concurrency_limit_by_name(WRITE_LIMIT).active_slots


def test_commands_start_their_servers_with_leases_on_disk() -> None:
    assert DEFAULTS[LEASE_STORAGE_VAR] == LEASE_STORAGE
    assert os.environ[LEASE_STORAGE_VAR] == LEASE_STORAGE  # tests/conftest.py: the test servers too
    assert free_stale_slots.applies()


def test_a_slot_no_lease_holds_is_freed_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The state a server restart left behind: the database says the slot is taken, no lease says by whom."""
    from prefect.client.orchestration import get_client

    with warehouse_write():  # creates the limit
        pass
    with get_client(sync_client=True) as client:
        client.increment_concurrency_slots(names=[WRITE_LIMIT], slots=1, mode="concurrency")
    assert _active_slots() == 1
    monkeypatch.setenv("WIREHOUSE_LOCK_TIMEOUT", "5")
    started = time.monotonic()
    with warehouse_write():
        assert _active_slots() == 1  # ours
    assert time.monotonic() - started < 5
    assert _active_slots() == 0


def test_a_live_writers_slot_is_not_taken_from_it(monkeypatch: pytest.MonkeyPatch) -> None:
    with warehouse_write():
        assert free_stale_slots() == 0
        assert _active_slots() == 1
        monkeypatch.setenv("WIREHOUSE_LOCK_TIMEOUT", "1.5")
        with pytest.raises(TimeoutError), warehouse_write():
            pytest.fail("entered the write slot while a live write held it")
    assert _active_slots() == 0


def test_a_killed_writers_slot_is_freed_when_its_lease_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", HOLD_FOREVER], env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        os.kill(child.pid, signal.SIGKILL)  # no release, no lease renewal from now on
        child.wait(10)
        killed_at = time.monotonic()
        assert _active_slots() == 1
        monkeypatch.setenv("WIREHOUSE_LOCK_TIMEOUT", str(WRITE_LEASE_S + 40))
        with warehouse_write():
            waited = time.monotonic() - killed_at
        assert WRITE_LEASE_S - 15 < waited < WRITE_LEASE_S + 40  # the lease ran out (renewed up to the kill)
        assert _active_slots() == 0
    finally:
        if child.poll() is None:
            child.kill()
