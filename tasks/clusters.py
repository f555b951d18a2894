"""Task: rebuild near-duplicates and same-event clusters from stored fields (one transaction)."""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE

from warehouse.clusters import rebuild_clusters
from warehouse.db import open_warehouse


def rebuild(db: Path, run_id: str) -> tuple[int, int]:
    with open_warehouse(db) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            found = rebuild_clusters(con, run_id)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return found


@task(name="rebuild-clusters", cache_policy=NONE)
def rebuild_task(db: Path, run_id: str) -> tuple[int, int]:
    return rebuild(db, run_id)
