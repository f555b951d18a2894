"""Every warehouse write, across every flow and deployment, holds one Prefect global concurrency slot
(`wirehouse-warehouse-write`, limit 1): DuckDB has one writing process, and ingest, inbox and backfill runs
served at once would otherwise queue on the file lock each with its own pool. Write tasks retry only what can
succeed on a second try (`retry_transient`): a lock wait, a busy slot, transient I/O.

A writer killed mid-write (SIGKILL, a crashed worker, a closed laptop) never releases its slot. Prefect frees it
when the slot's lease expires, but only a full server runs that service (the "repossessor"), and only for leases
it still knows: the temporary server a command starts runs no services, and by default keeps leases in memory,
so they vanish with it while the database keeps the slot taken. Every later write then waited out its timeout
and failed, until someone reset the limit by hand. So the servers wirehouse starts keep leases on disk, in
`$PREFECT_HOME/concurrency_leases` (`LEASE_STORAGE`, set by `flows.startup.configure_environment`), and before
and while waiting for the slot a writer frees slots no live lease holds (`free_stale_slots`), as the repossessor
would. Only where the leases are known to be on this machine's disk (`SLOT_LEASES_VAR` = "disk", set by
`flows.startup.prestart` for a temporary server or a `make server` one started that way): a user's own server
keeps its leases where this process cannot read them, so every slot would look free. Freeing a slot wrongly (a
holder between taking its slot and writing its lease, milliseconds) costs only a wait on DuckDB's own file lock,
which is the real guard of the file and is retried like a busy slot.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import functools
import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

import duckdb

from tasks.core.settings import LEASE_STORAGE, LEASE_STORAGE_VAR, SLOT_LEASES_VAR, lock_timeout_s
from warehouse.db import WarehouseLocked

WRITE_LIMIT = "wirehouse-warehouse-write"
TRANSIENT_ERRNOS = frozenset({errno.EAGAIN, errno.EBUSY, errno.EINTR, errno.ETIMEDOUT})
WRITE_RETRIES = 2
WRITE_RETRY_DELAYS_S = [1, 5]
# The slot's lease, renewed while a write runs: a writer killed mid-write frees the slot this long after
# (the server's minimum is 60 s; Prefect's default is 300).
WRITE_LEASE_S = 60.0
# While the slot is busy, look for a dead holder's expired lease this often.
STALE_CHECK_S = 10.0


def ensure_write_limit() -> None:
    """Create the global concurrency limit on the current Prefect server unless it exists (once per process
    and server): `concurrency()` only logs a warning and skips a limit that does not exist."""
    from prefect.settings import PREFECT_API_URL

    _ensure_limit_on(str(PREFECT_API_URL.value()))


@functools.cache
def _ensure_limit_on(api_url: str) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(WRITE_LIMIT)
        except ObjectNotFound:
            with contextlib.suppress(ObjectAlreadyExists):  # another run created it meanwhile
                client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=WRITE_LIMIT, limit=1))


@contextmanager
def warehouse_write() -> Iterator[None]:
    """Hold the warehouse-write slot for the span of a `with` block (waiting up to the lock timeout, and freeing
    a dead writer's slot meanwhile: `free_stale_slots`)."""
    from prefect.concurrency.sync import concurrency

    ensure_write_limit()
    deadline = time.monotonic() + lock_timeout_s()
    with ExitStack() as stack:
        while True:
            free_stale_slots()
            wait_s = max(0.0, deadline - time.monotonic())
            try:
                # a failed lease renewal must not abort a write mid-transaction (strict would): the slot is a queue
                stack.enter_context(
                    concurrency(
                        WRITE_LIMIT,
                        occupy=1,
                        timeout_seconds=min(wait_s, STALE_CHECK_S) if free_stale_slots.applies() else wait_s,
                        lease_duration=WRITE_LEASE_S,
                        strict=True,
                        raise_on_lease_renewal_failure=False,
                    )
                )
                break
            except TimeoutError:
                if time.monotonic() >= deadline:
                    raise
        yield


class _StaleSlots:
    """`free_stale_slots()`: set the write limit's taken slots to the number live leases hold, when the server is
    one wirehouse started on this machine with leases on disk (`SLOT_LEASES_VAR`); return how many were freed.
    A server the user runs (`PREFECT_API_URL`) runs its own repossessor, and its leases are out of our sight."""

    def applies(self) -> bool:
        if os.environ.get(SLOT_LEASES_VAR) != "disk" or os.environ.get(LEASE_STORAGE_VAR) != LEASE_STORAGE:
            return False
        from prefect.settings import PREFECT_API_URL

        url = PREFECT_API_URL.value()
        return not url or urlparse(str(url)).hostname in ("127.0.0.1", "localhost", "::1")

    def __call__(self) -> int:
        if not self.applies():
            return 0
        from prefect.client.orchestration import get_client
        from prefect.client.schemas.actions import GlobalConcurrencyLimitUpdate

        with get_client(sync_client=True) as client:
            limit = client.read_global_concurrency_limit_by_name(WRITE_LIMIT)
            if limit.active_slots == 0:
                return 0
            with ThreadPoolExecutor(1) as pool:  # its own event loop: a task may already run inside one
                held = pool.submit(asyncio.run, _live_leased_slots(limit.id)).result()
            freed = limit.active_slots - held
            if freed <= 0:
                return 0
            client.update_global_concurrency_limit(WRITE_LIMIT, GlobalConcurrencyLimitUpdate(active_slots=held))
        return freed


free_stale_slots = _StaleSlots()


async def _live_leased_slots(limit_id: Any) -> int:
    """Slots of `limit_id` that unexpired leases on disk hold; expired leases of it are removed."""
    from prefect.server.concurrency.lease_storage.filesystem import ConcurrencyLeaseStorage

    storage = ConcurrencyLeaseStorage()
    now = datetime.now(UTC)
    held = 0
    for lease_id in await storage.read_expired_lease_ids(limit=10_000):
        lease = await storage.read_lease(lease_id)
        if lease is None or limit_id in lease.resource_ids:
            await storage.revoke_lease(lease_id)
    for lease_id in await storage.read_active_lease_ids(limit=10_000):
        lease = await storage.read_lease(lease_id)
        if lease is not None and limit_id in lease.resource_ids and lease.expiration > now and lease.metadata:
            held += lease.metadata.slots
    return held


def is_transient(exc: BaseException) -> bool:
    """A failure that can succeed when tried again: the file or the write slot was busy, or transient I/O."""
    if isinstance(exc, WarehouseLocked | TimeoutError):  # the file lock, or the write slot (Prefect's TimeoutError)
        return True
    if isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower():
        return True
    return isinstance(exc, OSError) and exc.errno in TRANSIENT_ERRNOS


def retry_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect `retry_condition_fn`: retry a failed write only when its exception is transient."""
    try:
        state.result()
    except Exception as exc:  # noqa: BLE001 -- classified, not swallowed: the task fails when not transient
        return is_transient(exc)
    return False
