"""Flow: rebuild near-duplicates and same-event clusters with the current rules (`wirehouse recluster`)."""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger

from tasks.clusters import rebuild_task
from tasks.core.clustering import CLUSTER_RULES_VERSION
from tasks.runs import recorded_run


@flow(name="recluster")
def recluster(db: str | None = None, publish: str | None = None) -> dict[str, Any]:
    """Empty the cluster tables and rebuild them from every stored document's fields (no source re-read)."""
    with recorded_run(db, "recluster", {"rules": CLUSTER_RULES_VERSION}, publish) as run:
        n_documents, n_clusters = rebuild_task(run.db, run.run_id)
    get_run_logger().info("%d documents in %d clusters (rules %s)", n_documents, n_clusters, CLUSTER_RULES_VERSION)
    return {"run_id": run.run_id, "n_documents": n_documents, "n_clusters": n_clusters, "rules": CLUSTER_RULES_VERSION}


if __name__ == "__main__":
    print(recluster())
