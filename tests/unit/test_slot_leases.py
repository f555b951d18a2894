"""Which servers' write slots a writer may free (`tasks.writes.free_stale_slots`): only those whose leases are
on this machine's disk, in this $PREFECT_HOME. A user's own server keeps its leases out of sight, so there every
taken slot would look abandoned and a live writer's slot would be taken from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.startup import ServerChoice, _mark_slot_leases
from tasks.core.settings import LEASE_STORAGE, LEASE_STORAGE_VAR, SLOT_LEASES_VAR
from tasks.writes import free_stale_slots


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WIREHOUSE_SERVER_DIR", str(tmp_path / "srv"))
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv(LEASE_STORAGE_VAR, LEASE_STORAGE)
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    monkeypatch.delenv(SLOT_LEASES_VAR, raising=False)
    (tmp_path / "srv").mkdir()
    return tmp_path


def _record(folder: Path, **extra: str) -> None:
    state = {"pid": 1, "url": "http://127.0.0.1:4200/api", "log": "-", "started_at": 0.0, **extra}
    (folder / "srv" / "server.json").write_text(json.dumps(state))


def test_a_temporary_servers_slots_can_be_freed(project: Path) -> None:
    _mark_slot_leases(ServerChoice("temporary", None, None))
    assert free_stale_slots.applies()


def test_a_users_own_server_is_never_second_guessed(project: Path) -> None:
    """Even on loopback and with the lease store variable set here: the user's server may keep leases in memory."""
    _mark_slot_leases(ServerChoice("user", "http://127.0.0.1:4200/api", None))
    assert not free_stale_slots.applies()
    assert free_stale_slots() == 0  # returns before asking any server


def test_a_make_server_one_only_when_it_was_started_with_leases_on_disk_here(project: Path) -> None:
    choice = ServerChoice("project", "http://127.0.0.1:4200/api", "http://127.0.0.1:4200")
    _record(project, lease_storage=LEASE_STORAGE, prefect_home=str((project / "home").resolve()))
    _mark_slot_leases(choice)
    assert free_stale_slots.applies()

    _record(project)  # started by an earlier wirehouse: leases in memory
    _mark_slot_leases(choice)
    assert not free_stale_slots.applies()

    _record(project, lease_storage=LEASE_STORAGE, prefect_home=str(project / "another-home"))
    _mark_slot_leases(choice)
    assert not free_stale_slots.applies()


def test_a_temporary_server_told_to_keep_leases_in_memory(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LEASE_STORAGE_VAR, "prefect.server.concurrency.lease_storage.memory")
    _mark_slot_leases(ServerChoice("temporary", None, None))
    assert not free_stale_slots.applies()
