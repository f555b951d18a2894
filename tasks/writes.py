"""Every warehouse write, across every flow and deployment, holds one Prefect global concurrency slot
(`wirehouse-warehouse-write`, limit 1): DuckDB has one writing process, and ingest, inbox and backfill runs
served at once would otherwise queue on the file lock each with its own pool. Write tasks retry only what can
succeed on a second try (`retry_transient`): a lock wait, a busy slot, transient I/O.
"""

from __future__ import annotations

import contextlib
import errno
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb

from tasks.core.settings import lock_timeout_s
from warehouse.db import WarehouseLocked

WRITE_LIMIT = "wirehouse-warehouse-write"
TRANSIENT_ERRNOS = frozenset({errno.EAGAIN, errno.EBUSY, errno.EINTR, errno.ETIMEDOUT})
WRITE_RETRIES = 2
WRITE_RETRY_DELAYS_S = [1, 5]
# The slot's lease, renewed while a write runs: a writer killed mid-write frees the slot this long after
# (the server's minimum is 60 s; Prefect's default is 300).
WRITE_LEASE_S = 60.0


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
    """Hold the warehouse-write slot for the span of a `with` block (waiting up to the lock timeout)."""
    from prefect.concurrency.sync import concurrency

    ensure_write_limit()
    # a failed lease renewal must not abort a write mid-transaction (strict would make it): the slot is a queue
    with concurrency(
        WRITE_LIMIT,
        occupy=1,
        timeout_seconds=lock_timeout_s(),
        lease_duration=WRITE_LEASE_S,
        strict=True,
        raise_on_lease_renewal_failure=False,
    ):
        yield


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
